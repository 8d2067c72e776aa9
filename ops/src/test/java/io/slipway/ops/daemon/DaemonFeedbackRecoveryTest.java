package io.slipway.ops.daemon;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.slipway.app.SimulatedAppliance;
import io.slipway.archive.EmbeddedArchive;
import io.slipway.fix.FixGatewayContext;
import io.slipway.fix.OmsExecutionReport;
import io.slipway.fix.OmsFixClient;
import io.slipway.learn.FeedbackFile;
import io.slipway.learn.ImpactFeedback;
import io.slipway.marketlink.MarketLinkContext;
import io.slipway.marketlink.MarketServer;
import io.slipway.oms.NewParentOrder;
import io.slipway.ops.SlipwayCli;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's feedback loop across a restart with the venues in a market process: a restart that replays the
 * journal counts no order twice, and an order whose refit a crash kept out of the file (the file as it was before
 * that order) is folded in at the restart, once. The core's start-up fit is a journal input, so the recovered core
 * holds the file's fit.
 */
class DaemonFeedbackRecoveryTest
{
    private static final long WAIT_MS = 90_000;

    @TempDir
    Path dir;

    private MediaDriver driver;
    private Aeron aeron;
    private MarketServer server;
    private AgentRunner marketRunner;
    private SlipwayDaemon daemon;

    @AfterEach
    void stopMarket()
    {
        CloseHelper.quietCloseAll(marketRunner, server, aeron, driver);
    }

    @Test
    void aRestartCountsNoOrderTwiceAndFoldsInAnOrderTheCrashKeptOut() throws Exception
    {
        final int fixPort;
        try (ServerSocket socket = new ServerSocket(0))
        {
            fixPort = socket.getLocalPort();
        }
        final Path work = dir.resolve("work");
        final String config = """
            workingDirectory: %s
            fix:
              port: %d
            world:
              seed: 23
            core:
              sliceIntervalMs: 1000
              impactFeedback: impact-feedback.yaml
            market:
              orders: 127.0.0.1:%d
              reports: 127.0.0.1:%d
            """.formatted(work, fixPort, freeUdpPort(), freeUdpPort());
        final DaemonConfig settings = DaemonConfig.parse("test.yaml", config);
        startMarket(settings);
        final Path file = work.resolve("impact-feedback.yaml");

        final StringWriter firstLog = new StringWriter();
        runOrders(settings, firstLog, file, "R-1");
        final String afterFirst = Files.readString(file);
        runOrders(settings, firstLog, file, "R-2");
        final ImpactFeedback two = FeedbackFile.readOrPrior(file);
        assertEquals(2, two.foldedKeys().size(), firstLog.toString());
        // The market process measures each parent's own impact (OWN_IMPACT frames): Y refits on both orders.
        assertTrue(firstLog.toString().contains("SLP-1 refit impact Y 1.0000 -> "), firstLog.toString());
        assertEquals(2, two.orders(), firstLog.toString());

        // A crash after SLP-2 finished and before its refit reached the disk: the file as it was after SLP-1.
        Files.writeString(file, afterFirst);
        final StringWriter log = new StringWriter();
        daemon = SlipwayDaemon.start(settings, new PrintWriter(log, true), true);
        try
        {
            await("SLP-2 folded in at the restart", () -> FeedbackFile.readOrPrior(file).foldedKeys().size() == 2);
            final ImpactFeedback recovered = FeedbackFile.readOrPrior(file);
            assertEquals(two.foldedKeys(), recovered.foldedKeys(), "the same two orders, each once");
            assertTrue(log.toString().contains("SLP-2 finished before the restart and was not folded in"), log.toString());
            assertFalse(log.toString().contains("SLP-1 finished before the restart"), log.toString());
            assertTrue(daemon.recoveryNote().contains("replayed"), daemon.recoveryNote());
            await("the core at the file's fit", () -> coreFitSource(work).equals(file.toString()));
        }
        finally
        {
            daemon.close();
            log.toString().lines().filter(line -> line.contains("feedback:")).forEach(System.out::println);
        }
        // Once more: nothing is lost now, so nothing is folded in again.
        final String settled = Files.readString(file);
        final StringWriter lastLog = new StringWriter();
        daemon = SlipwayDaemon.start(settings, new PrintWriter(lastLog, true), true);
        try
        {
            await("the daemon's core agent", () -> coreFitSource(work).equals(file.toString()));
            assertEquals(settled, Files.readString(file), "a restart with nothing lost changes nothing");
            assertFalse(lastLog.toString().contains("not folded in"), lastLog.toString());
        }
        finally
        {
            daemon.close();
        }
        // The first start put the file's fit (the prior) into the journal and each refit followed it; the crash
        // restart recorded the file's fit and SLP-2's refit again; the last start, with nothing lost, found the
        // replayed core at the file's fit and recorded no IMPACT_FIT at all.
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        assertEquals(0, SlipwayCli.execute(new String[] {"journal", "list", "--dir",
            settings.journalDirectory().toString()}, new PrintWriter(out, true), new PrintWriter(err, true)),
            err.toString());
        final List<String> recordings = out.toString().lines().filter(line -> line.startsWith("   ")).toList();
        assertEquals(4, recordings.size(), out.toString());
        assertTrue(recordings.get(0).contains("IMPACT_FIT="), out.toString());
        assertFalse(recordings.get(3).contains("IMPACT_FIT"), out.toString());
        assertFalse(out.toString().contains("UNKNOWN"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, SlipwayCli.execute(new String[] {"journal", "dump", "--dir",
            settings.journalDirectory().toString()}, new PrintWriter(out, true), new PrintWriter(err, true)),
            err.toString());
        assertTrue(out.toString().contains(" IMPACT_FIT impact Y 1.000 fitted over 0 orders (SE n/a, credibility " +
            "0.00, prior 1.00, " + file + ")"), out.toString());
    }

    /** Starts the daemon (recovering its journal when there is one), works one order to its end, stops it. */
    private void runOrders(final DaemonConfig settings, final StringWriter log, final Path file, final String clOrdId)
        throws Exception
    {
        daemon = SlipwayDaemon.start(settings, new PrintWriter(log, true));
        final List<OmsExecutionReport> reports = new CopyOnWriteArrayList<>();
        // Sequence numbers persist with a market process: the OMS keeps its own across the daemon's restarts.
        final OmsFixClient oms = new OmsFixClient(FixGatewayContext.DEFAULT_INITIATOR_COMP_ID,
            FixGatewayContext.DEFAULT_ACCEPTOR_COMP_ID, dir.resolve("oms").toFile(), reports::add)
            .persistentSequenceNumbers(true);
        AgentRunner omsRunner = null;
        try
        {
            oms.connect("127.0.0.1", settings.fixPort());
            omsRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, oms);
            AgentRunner.startOnThread(omsRunner);
            final int before = Files.exists(file) ? FeedbackFile.readOrPrior(file).foldedKeys().size() : 0;
            await("the FIX session", oms::isLoggedOn);
            assertTrue(oms.sendNewOrder(new NewParentOrder(clOrdId, "BTC-USD", '2', "0.5", 1001,
                NewParentOrder.NO_TIME, System.currentTimeMillis() * 1_000_000L + TimeUnit.SECONDS.toNanos(6), null)));
            await(clOrdId + " folded in", () -> Files.exists(file) &&
                FeedbackFile.readOrPrior(file).foldedKeys().size() == before + 1);
        }
        finally
        {
            if (omsRunner != null)
            {
                omsRunner.close();
            }
            daemon.close();
        }
    }

    private void startMarket(final DaemonConfig settings)
    {
        final SimulatedAppliance.Context world = SlipwayDaemon.worldContext(settings.seed(), null);
        final MarketLinkContext link = new MarketLinkContext().ordersEndpoint(settings.marketOrdersEndpoint())
            .reportsEndpoint(settings.marketReportsEndpoint());
        link.conclude();
        world.marketContext().startTimeNs(MarketLinkContext.epochClock().getAsLong() - world.warmUpNs());
        driver = EmbeddedArchive.launchDriver(dir.resolve("market-aeron").toFile(), 64 * 1024);
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        server = new MarketServer(world.marketContext(), SlipwayDaemon.marketWorld(null), link, aeron,
            dir.resolve("ledger.tsv"), dir.resolve("market"), MarketLinkContext.epochClock(), null);
        marketRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, server);
        AgentRunner.startOnThread(marketRunner);
    }

    private static String coreFitSource(final Path work)
    {
        try (CountersView view = new CountersView(work.resolve(CountersLayout.FILE_NAME).toFile()))
        {
            final Object fit = view.snapshot().get("impactFit");
            return fit instanceof Map<?, ?> map ? String.valueOf(map.get("source")) : "none";
        }
        catch (final RuntimeException ex)
        {
            return "none";
        }
    }

    private static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        DaemonWait.until(daemon, what, condition, WAIT_MS);
    }
}
