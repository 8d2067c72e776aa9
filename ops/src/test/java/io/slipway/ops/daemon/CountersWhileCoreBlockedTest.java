package io.slipway.ops.daemon;

import io.slipway.admin.AdminLink;
import io.slipway.app.SimulatedAppliance;
import io.slipway.app.Worlds;
import io.slipway.oms.OmsLink;
import io.slipway.ops.SlipwayCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator's views read shared memory only: they answer while the core thread is stuck. */
class CountersWhileCoreBlockedTest
{
    @Test
    void viewsAnswerWhileTheCoreThreadIsBlocked(@TempDir final Path dir) throws Exception
    {
        final SimulatedAppliance appliance = new SimulatedAppliance(Worlds.simulated(3, null), report -> { },
            record -> { });
        final CountersFile counters = new CountersFile(dir.resolve(CountersLayout.FILE_NAME).toFile(), 1234, 0);
        final DaemonCoreAgent agent = new DaemonCoreAgent(appliance, new OmsLink(16), new AdminLink(16), counters,
            RiskSettings.defaults().with("collarBps", "75"), 50.0, "test world");
        final CountDownLatch worked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Thread core = new Thread(() ->
        {
            agent.onStart();
            for (int i = 0; i < 20; i++)
            {
                agent.doWork();
            }
            worked.countDown();
            try
            {
                // Stuck: holds the appliance and publishes nothing more until released.
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "blocked-core");
        core.start();
        try
        {
            assertTrue(worked.await(30, TimeUnit.SECONDS));
            waitUntilBlocked(core);

            try (CountersView view = new CountersView(dir.resolve(CountersLayout.FILE_NAME).toFile()))
            {
                assertEquals(1234, view.pid());
                assertTrue(view.counter("card md records") > 0, "the card's counters were mirrored");
                assertTrue(view.counter("simulated time ms") > 0);
                assertEquals("test world", view.snapshot().get("world"));
                assertEquals(3, ((List<?>)view.snapshot().get("venues")).size());
            }
            final StringWriter out = new StringWriter();
            assertEquals(0, SlipwayCli.execute(new String[]{"risk", "show", "--dir", dir.toString()},
                new PrintWriter(out), new PrintWriter(new StringWriter())));
            assertTrue(out.toString().matches("(?s).*collarBps\\s+75.*"), out.toString());
            final StringWriter status = new StringWriter();
            assertEquals(0, SlipwayCli.execute(new String[]{"status", "--dir", dir.toString()},
                new PrintWriter(status), new PrintWriter(new StringWriter())));
            assertTrue(status.toString().contains("card md records") || status.toString().contains("parents accepted"),
                status.toString());
            assertEquals(Thread.State.WAITING, core.getState(), "the views never needed the core");
        }
        finally
        {
            release.countDown();
            core.join();
            counters.close();
        }
    }

    private static void waitUntilBlocked(final Thread thread) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (thread.getState() != Thread.State.WAITING && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(5);
        }
        assertEquals(Thread.State.WAITING, thread.getState());
    }
}
