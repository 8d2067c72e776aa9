package io.slipway.marketlink;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.slipway.app.SimulatedAppliance;
import io.slipway.archive.EmbeddedArchive;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A market process inside a test's JVM: its own media driver, a {@link MarketServer} on loopback UDP
 * and the runner of it, so a test can kill it (close) and start another on the same link.
 */
final class LoopbackMarket implements AutoCloseable
{
    private final MediaDriver driver;
    private final Aeron aeron;
    private final MarketServer server;
    private final AgentRunner runner;

    /**
     * Starts the market of {@code world} at the clock's now (its warm-up already behind it).
     *
     * @param aeronDirectory   the market's own media driver directory
     * @param journalDirectory the venues' journal, or null to keep them in memory only
     */
    LoopbackMarket(final SimulatedAppliance.Context world, final String label, final MarketLinkContext link,
        final LongSupplier clock, final Path aeronDirectory, final Path ledgerFile, final Path journalDirectory)
    {
        world.marketContext().startTimeNs(clock.getAsLong() - world.warmUpNs());
        driver = EmbeddedArchive.launchDriver(aeronDirectory.toFile(), 64 * 1024);
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        server = new MarketServer(world.marketContext(), label, link, aeron, ledgerFile, journalDirectory, clock, null);
        runner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, server);
        AgentRunner.startOnThread(runner);
    }

    /** A link on two free loopback ports, with a handshake long enough for a loaded test machine. */
    static MarketLinkContext link()
    {
        return new MarketLinkContext().ordersEndpoint("127.0.0.1:" + freePort())
            .reportsEndpoint("127.0.0.1:" + freePort()).handshakeTimeoutNs(TimeUnit.SECONDS.toNanos(20));
    }

    MarketServer server()
    {
        return server;
    }

    /** Stops the market's agent, so that its world may be read on the test's thread. */
    void stopRunner()
    {
        runner.close();
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(runner, server, aeron, driver);
    }

    static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
