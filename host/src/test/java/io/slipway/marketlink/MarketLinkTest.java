package io.slipway.marketlink;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.slipway.app.SimulatedAppliance;
import io.slipway.archive.EmbeddedArchive;
import io.slipway.domain.Instrument;
import io.slipway.journal.JournalContext;
import io.slipway.sim.market.SimulatedMarket;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The market server and the appliance side in one JVM, each on its own media driver, over loopback UDP. */
class MarketLinkTest
{
    @TempDir
    Path dir;

    private MediaDriver driver;
    private Aeron aeron;
    private MarketServer server;
    private AgentRunner runner;

    @AfterEach
    void close()
    {
        CloseHelper.quietCloseAll(runner, server, aeron, driver);
    }

    @Test
    void aMarketOfAnotherWorldIsRefusedAndTheRightOneFeedsTheCore() throws Exception
    {
        final MarketLinkContext link = new MarketLinkContext().ordersEndpoint("127.0.0.1:" + freePort())
            .reportsEndpoint("127.0.0.1:" + freePort()).handshakeTimeoutNs(TimeUnit.SECONDS.toNanos(20));
        final LongSupplier clock = MarketLinkContext.epochClock();
        final SimulatedAppliance.Context market = world(1);
        market.marketContext().startTimeNs(clock.getAsLong() - market.warmUpNs());
        driver = EmbeddedArchive.launchDriver(dir.resolve("market-aeron").toFile(), 64 * 1024);
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        server = new MarketServer(market.marketContext(), "base simulated world", link, aeron,
            dir.resolve("ledger.tsv"), clock, null);
        runner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, server);
        AgentRunner.startOnThread(runner);

        final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new MarketLinkAppliance(
            world(2), "base simulated world", journal("journal-a"), link, report -> { }, record -> { }, clock).close());
        assertTrue(refused.getMessage().contains("the market serves 'base simulated world, seed 1") &&
            refused.getMessage().contains("configured for 'base simulated world, seed 2"), refused.getMessage());

        try (MarketLinkAppliance appliance = new MarketLinkAppliance(world(1), "base simulated world",
            journal("journal-b"), link, report -> { }, record -> { }, clock))
        {
            assertTrue(appliance.reconciliation() == null, "a first start has nothing to reconcile");
            final Instrument instrument = appliance.instruments().get(0);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (Double.isNaN(appliance.core().compositeMid(instrument)) && System.nanoTime() < deadline)
            {
                appliance.runUntil(clock.getAsLong());
                Thread.sleep(1);
            }
            assertFalse(Double.isNaN(appliance.core().compositeMid(instrument)),
                "the market's SBE feed reached the core's books through the card");
            assertTrue(appliance.journaledCore().writer() != null);
            assertTrue(appliance.badFrames() == 0, appliance.lastBadFrame());
        }
        assertTrue(Files.readString(dir.resolve("ledger.tsv")).startsWith("# sessions"));
    }

    private JournalContext journal(final String name)
    {
        return new JournalContext().directory(dir.resolve(name).toFile());
    }

    private static SimulatedAppliance.Context world(final long seed)
    {
        final SimulatedAppliance.Context context = new SimulatedAppliance.Context().seed(seed);
        return context.marketContext(new SimulatedMarket.Context().seed(seed).instruments(context.instruments()));
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
