package io.slipway.cluster;

import io.slipway.oms.OmsCommand;
import io.slipway.oms.OmsLink;
import io.slipway.oms.ParentOrderReport;

import java.util.ArrayDeque;

/**
 * Puts the FIX gateway in front of the cluster: the gateway's {@link OmsLink} is drained into
 * the cluster as numbered inputs (every command kind, each in its journal template) through this gateway's own {@link ClusterInputClient}, and the
 * leader's reports (from the egress stream, {@link ClusterEgressPublisher}) go back onto the
 * link. The OMS's FIX session ends at the gateway, not at a member, so a leader change does not
 * drop it: the client follows the new leader and resends what was not acknowledged.
 *
 * <p>Single-threaded, on the thread that polls the client and the egress subscription.
 */
public final class ClusterOmsBridge
{
    private final OmsLink link;
    private final ClusterInputClient client;
    private final ClusterCoreInputs inputs = new ClusterCoreInputs();
    private final ArrayDeque<ParentOrderReport> reportsWaiting = new ArrayDeque<>();
    private long commandsForwarded;
    private long reportsForwarded;

    public ClusterOmsBridge(final OmsLink link, final ClusterInputClient client)
    {
        this.link = link;
        this.client = client;
    }

    /** Moves OMS commands into the cluster and waiting reports to the gateway. Returns work done. */
    public int doWork()
    {
        int work = link.drainCommands(this::forward, 16);
        ParentOrderReport report;
        while ((report = reportsWaiting.peek()) != null && link.offerReport(report))
        {
            reportsWaiting.poll();
            reportsForwarded++;
            work++;
        }
        return work;
    }

    /** A report the leader sent; never dropped, it waits while the gateway's link is full. */
    public void onReport(final ParentOrderReport report)
    {
        reportsWaiting.add(report);
    }

    /** OMS commands of every kind (new orders, cancels, replaces, status requests) put into the cluster. */
    public long commandsForwarded()
    {
        return commandsForwarded;
    }

    public long reportsForwarded()
    {
        return reportsForwarded;
    }

    private void forward(final OmsCommand command)
    {
        client.enqueue(inputs.encodeOmsCommand(client.buffer(), client.sourceId(), client.nextSequence(), command));
        commandsForwarded++;
    }
}
