package io.slipway.admin;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

import java.util.function.Consumer;

/**
 * The thread boundary between the admin channel and the execution core, like
 * {@link io.slipway.oms.OmsLink} for the OMS: commands go in from the admin agent and are drained
 * by the core when it chooses; results come back the other way. Neither side reads the other's state.
 */
public final class AdminLink
{
    private final ManyToOneConcurrentArrayQueue<AdminCommand> commands;
    private final OneToOneConcurrentArrayQueue<AdminResult> results;

    public AdminLink(final int capacity)
    {
        commands = new ManyToOneConcurrentArrayQueue<>(capacity);
        results = new OneToOneConcurrentArrayQueue<>(capacity);
    }

    /** Admin side: false when the core is not keeping up; the operator is told so. */
    public boolean offerCommand(final AdminCommand command)
    {
        return commands.offer(command);
    }

    /** Core side. */
    public int drainCommands(final Consumer<AdminCommand> consumer, final int limit)
    {
        return commands.drain(consumer, limit);
    }

    /** Core side: false when the admin agent is not keeping up; the caller retries. */
    public boolean offerResult(final AdminResult result)
    {
        return results.offer(result);
    }

    /** Admin side. */
    public int drainResults(final Consumer<AdminResult> consumer, final int limit)
    {
        return results.drain(consumer, limit);
    }
}
