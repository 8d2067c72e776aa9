package io.slipway.ops.daemon;

import io.slipway.analytics.ImpactFit;
import io.slipway.fix.OmsExecutionReport;
import io.slipway.fix.OmsFixClient;
import io.slipway.learn.FeedbackFile;
import io.slipway.learn.ImpactFeedback;
import io.slipway.oms.NewParentOrder;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's feedback loop end to end, in this process with an OMS over real FIX: with core.impactFeedback set,
 * each finished order refits the file (one more order each time, its key kept) and the next order's New
 * ExecutionReport names the refitted coefficient, not the one the daemon started with.
 */
class DaemonFeedbackLoopTest
{
    private static final long WAIT_MS = 60_000;
    private static final int ORDERS = 3;

    @TempDir
    Path dir;

    private SlipwayDaemon daemon;

    @Test
    void eachFinishedOrderRefitsTheFileAndTheNextOrderIsWorkedAtTheNewFit() throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        final Path work = dir.resolve("work");
        final String config = """
            workingDirectory: %s
            fix:
              port: %d
            world:
              scenario: calm
              seed: 17
              speed: 100
            core:
              sliceIntervalMs: 10000
              impactFeedback: impact-feedback.yaml
            """.formatted(work, port);
        final Path file = work.resolve("impact-feedback.yaml");
        final StringWriter log = new StringWriter();
        final List<OmsExecutionReport> reports = new CopyOnWriteArrayList<>();
        daemon = SlipwayDaemon.start(DaemonConfig.parse("test.yaml", config), new PrintWriter(log, true));
        final OmsFixClient oms = new OmsFixClient(reports::add);
        AgentRunner omsRunner = null;
        try
        {
            oms.connect("127.0.0.1", port);
            omsRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, oms);
            AgentRunner.startOnThread(omsRunner);

            // No file yet: the daemon starts at the prior, and its first order says so.
            ImpactFit expected = new ImpactFeedback().fit(file.toString());
            for (int i = 1; i <= ORDERS; i++)
            {
                final String clOrdId = "FB-" + i;
                final long simulatedNowNs;
                try (CountersView view = new CountersView(work.resolve(CountersLayout.FILE_NAME).toFile()))
                {
                    simulatedNowNs = view.counter("simulated time ms") * 1_000_000L;
                }
                assertTrue(oms.sendNewOrder(new NewParentOrder(clOrdId, "BTC-USD", '2', "2", 1001,
                    NewParentOrder.NO_TIME, simulatedNowNs + TimeUnit.MINUTES.toNanos(2), null)));
                await(clOrdId + " New", () -> report(reports, clOrdId, '0') != null);
                final String text = report(reports, clOrdId, '0').text();
                assertTrue(text.endsWith("; schedule solved at " + expected.describe()), clOrdId + ": " + text);

                final int orders = i;
                // Folded in once it is done (filled or at its end time), TCA first.
                await(clOrdId + " folded into the file", () -> Files.exists(file) &&
                    FeedbackFile.readOrPrior(file).foldedKeys().size() == orders);
                final ImpactFeedback refit = FeedbackFile.readOrPrior(file);
                assertEquals(i, refit.orders(), "one more order in the fit after each order");
                assertEquals("SLP-" + i, refit.foldedKeys().get(i - 1).split("@")[0]);
                assertTrue(refit.lastRefit().startsWith("daemon: order SLP-" + i + " (ClOrdID " + clOrdId + ")"),
                    refit.lastRefit());
                final ImpactFit next = refit.fit(file.toString());
                assertNotEquals(expected, next);
                // The core takes the fit on its next duty cycle; its snapshot says which fit new orders get.
                await("the core at the refit of " + clOrdId, () -> coreFitOrders(work) == orders);
                expected = next;
            }
            assertTrue(log.toString().contains("slipway daemon: feedback: SLP-1 refit impact Y 1.0000 -> "),
                log.toString());
            assertTrue(log.toString().contains("over " + ORDERS + " orders"), log.toString());
            assertEquals(null, daemon.failure());
        }
        finally
        {
            if (omsRunner != null)
            {
                omsRunner.close();
            }
            daemon.close();
            // The daemon's feedback lines, for whoever reads the test's output after a failure.
            log.toString().lines().filter(line -> line.contains("feedback:")).forEach(System.out::println);
        }
    }

    private static OmsExecutionReport report(final List<OmsExecutionReport> reports, final String clOrdId,
        final char execType)
    {
        for (final OmsExecutionReport report : reports)
        {
            if (clOrdId.equals(report.clOrdId()) && report.execType() == execType)
            {
                return report;
            }
        }
        return null;
    }

    private static long coreFitOrders(final Path work)
    {
        try (CountersView view = new CountersView(work.resolve(CountersLayout.FILE_NAME).toFile()))
        {
            final Object fit = view.snapshot().get("impactFit");
            return fit instanceof Map<?, ?> map ? ((Number)map.get("orders")).longValue() : -1;
        }
    }

    private void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        DaemonWait.until(daemon, what, condition, WAIT_MS);
    }
}
