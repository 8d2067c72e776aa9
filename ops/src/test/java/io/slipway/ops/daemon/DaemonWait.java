package io.slipway.ops.daemon;

import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waiting in daemon tests: for a condition, failing at once with the daemon's own failure if it has one. */
final class DaemonWait
{
    private DaemonWait()
    {
    }

    static void until(final SlipwayDaemon daemon, final String what, final BooleanSupplier condition,
        final long waitMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + waitMs;
        while (!condition.getAsBoolean())
        {
            if (daemon.failure() != null)
            {
                throw new AssertionError("daemon failed", daemon.failure());
            }
            if (System.currentTimeMillis() > deadline)
            {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }
}
