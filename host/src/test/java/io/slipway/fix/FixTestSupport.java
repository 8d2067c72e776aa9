package io.slipway.fix;

import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.OmsLink;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Shared plumbing for the FIX tests: free ports, bounded waits, a gateway on its own thread. */
final class FixTestSupport
{
    static final long WAIT_MS = 10_000;

    private FixTestSupport()
    {
    }

    static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static void await(final String what, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadlineNs)
            {
                fail("timed out after " + WAIT_MS + " ms waiting for " + what);
            }
            sleepMs(1);
        }
    }

    static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Plays the core's input side: waits for exactly one command on the link, a new order. */
    static NewParentOrder awaitCommand(final OmsLink link)
    {
        return (NewParentOrder)awaitAnyCommand(link);
    }

    /** Plays the core's input side: waits for exactly one command of any kind. */
    static OmsCommand awaitAnyCommand(final OmsLink link)
    {
        final List<OmsCommand> received = new ArrayList<>();
        await("a command on the OMS link", () -> link.drainCommands(received::add, 1) > 0);
        return received.get(0);
    }

    static List<OmsCommand> drainAll(final OmsLink link)
    {
        final List<OmsCommand> received = new ArrayList<>();
        link.drainCommands(received::add, Integer.MAX_VALUE);
        return received;
    }

    /** Starts the gateway on its own thread, as the product runs it. */
    static AgentRunner run(final FixGateway gateway, final List<Throwable> errors)
    {
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), errors::add, null, gateway);
        AgentRunner.startOnThread(runner);
        return runner;
    }
}
