package io.slipway.oms;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The thread boundary between the FIX gateway and the execution core. Commands go in from the
 * gateway thread and are drained by the core at a point of its choosing (so a command enters
 * the core's input sequence at a defined time); reports come out from the core thread and are
 * drained by the gateway. Neither side ever reads the other's state.
 *
 * <p>The OMS path carries a few parent orders, their cancels, replaces and status requests,
 * and one report per fill, far from the market-data rate, so immutable messages on bounded Agrona queues serve; the bound turns a
 * stuck consumer into back-pressure instead of unbounded memory.
 *
 * <p>The gateway also counts, in the order it drained them, the reports it holds durably
 * ({@link #reportsDelivered()}): a sender that must not forget a report before the OMS side has
 * it (the cluster's OMS bridge) acknowledges upstream only that far.
 */
public final class OmsLink
{
    private final ManyToOneConcurrentArrayQueue<OmsCommand> commands;
    private final OneToOneConcurrentArrayQueue<ParentOrderReport> reports;
    private final AtomicLong reportsDelivered = new AtomicLong();

    public OmsLink(final int capacity)
    {
        commands = new ManyToOneConcurrentArrayQueue<>(capacity);
        reports = new OneToOneConcurrentArrayQueue<>(capacity);
    }

    /** Gateway side: false when the core is not keeping up. */
    public boolean offerCommand(final OmsCommand command)
    {
        return commands.offer(command);
    }

    /** Core side. */
    public int drainCommands(final Consumer<OmsCommand> consumer, final int limit)
    {
        return commands.drain(consumer, limit);
    }

    /** Core side: false when the gateway is not keeping up; the caller must retry, never drop. */
    public boolean offerReport(final ParentOrderReport report)
    {
        return reports.offer(report);
    }

    /** Gateway side. */
    public int drainReports(final Consumer<ParentOrderReport> consumer, final int limit)
    {
        return reports.drain(consumer, limit);
    }

    /**
     * Gateway side: the next {@code count} reports drained, in drain order, are now durably with the
     * OMS session (recorded ARCHIVED by the FIX gateway's delivery log, or sent when it keeps none).
     */
    public void onReportsDelivered(final int count)
    {
        if (count < 0)
        {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        reportsDelivered.getAndAdd(count);
    }

    /** Reports drained so far that the gateway holds durably; every one drained before them too. */
    public long reportsDelivered()
    {
        return reportsDelivered.get();
    }

    public boolean hasPendingReports()
    {
        return !reports.isEmpty();
    }
}
