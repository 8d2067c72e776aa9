package io.slipway.cluster;

import io.slipway.core.ChildOrderSink;
import io.slipway.core.ParentOrderListener;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.oms.OmsReportSink;
import io.slipway.oms.ParentOrderReport;
import io.slipway.tca.ExecutionRecord;
import org.agrona.collections.LongArrayList;

import java.util.ArrayDeque;

/**
 * Stands between a node's execution core and the outside world (card, venues, OMS). Every node
 * computes every output; only the gate of the confirmed leader passes them on, so a follower or
 * a deposed leader cannot send.
 *
 * <p>To the core the gate always answers "accepted" for a new child, on every node: the answer is
 * part of the replicated state and must not depend on which node leads. When the leader's card
 * refuses a child under back-pressure, the gate keeps its id; the service turns it into a
 * card-verdict input through the log, so every node closes that child at the same point.
 *
 * <p>Three states: closed (a follower: outputs are dropped), pending (this node leads the new
 * term but has not yet seen its own announcement come back through the log: outputs are kept in
 * order) and open (outputs pass; what was kept goes first). Pending exists because the log of a
 * new term may carry inputs (an expired timer, a fill) ahead of the announcement, and their
 * outputs are this leader's to send.
 *
 * <p>The gate also folds every output, sent or not, into a digest: nodes that applied the same
 * log have the same digest, which is how tests check that followers compute what the leader does.
 * Called on the service thread only; counters are read by other threads as plain snapshots.
 */
public final class EgressGate implements ChildOrderSink, OmsReportSink, ParentOrderListener
{
    private final ChildOrderSink childOrders;
    private final OmsReportSink reports;
    private final ParentOrderListener parentListener;
    private final LongArrayList refusedByCard = new LongArrayList();
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
    private boolean keeping;
    private int pendingChildren;
    private volatile boolean open;
    private volatile long childOrdersSent;
    private volatile long childOrdersHeld;
    private volatile long cancelsSent;
    private volatile long cancelsHeld;
    private volatile long cancelsRefused;
    private volatile long reportsSent;
    private volatile long reportsHeld;
    private volatile long digest = 1125899906842597L;

    public EgressGate(final ChildOrderSink childOrders, final OmsReportSink reports,
        final ParentOrderListener parentListener)
    {
        this.childOrders = childOrders;
        this.reports = reports;
        this.parentListener = parentListener;
    }

    /** Opens (sending what was kept first), keeps outputs for later, or closes (dropping what was kept). */
    void state(final boolean open, final boolean keep)
    {
        this.open = open;
        this.keeping = !open && keep;
        if (open || !keep)
        {
            pendingChildren = 0;
        }
        if (open)
        {
            Runnable output;
            while ((output = pending.poll()) != null)
            {
                output.run();
            }
        }
        else if (!keep)
        {
            pending.clear();
        }
    }

    public boolean isOpen()
    {
        return open;
    }

    @Override
    public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument, final Side side,
        final OrderType type, final long price, final long quantity)
    {
        mix(clientOrderId);
        mix(quantity);
        if (open)
        {
            sendChild(venueId, clientOrderId, instrument, side, type, price, quantity);
        }
        else if (keeping)
        {
            pending.add(() -> sendChild(venueId, clientOrderId, instrument, side, type, price, quantity));
            pendingChildren++;
        }
        else
        {
            childOrdersHeld++;
        }
        return true;
    }

    private void sendChild(final int venueId, final long clientOrderId, final Instrument instrument, final Side side,
        final OrderType type, final long price, final long quantity)
    {
        childOrdersSent++;
        if (!childOrders.sendNew(venueId, clientOrderId, instrument, side, type, price, quantity))
        {
            refusedByCard.addLong(clientOrderId);
        }
    }

    /**
     * Leader-only like a new child and kept in the same queue while pending, so a cancel never
     * overtakes the order it cancels. Answers "sent" on every node for the same reason as
     * {@link #sendNew}: the core's cancel flag is replicated state. A cancel the leader's link
     * refuses is counted, not retried: the venue's done or fill report still closes the child,
     * and a parent cancel does not wait for it (see docs/cluster.md).
     */
    @Override
    public boolean sendCancel(final int venueId, final long clientOrderId, final Instrument instrument,
        final Side side)
    {
        // A distinct tag, so a cancel and a new child with the same id do not fold the same.
        mix(4);
        mix(venueId);
        mix(clientOrderId);
        if (open)
        {
            sendChildCancel(venueId, clientOrderId, instrument, side);
        }
        else if (keeping)
        {
            pending.add(() -> sendChildCancel(venueId, clientOrderId, instrument, side));
        }
        else
        {
            cancelsHeld++;
        }
        return true;
    }

    private void sendChildCancel(final int venueId, final long clientOrderId, final Instrument instrument,
        final Side side)
    {
        cancelsSent++;
        if (!childOrders.sendCancel(venueId, clientOrderId, instrument, side))
        {
            cancelsRefused++;
        }
    }

    @Override
    public void reportFill(final long clientOrderId, final Instrument instrument, final Side side,
        final long quantity)
    {
        mix(quantity);
        if (open)
        {
            childOrders.reportFill(clientOrderId, instrument, side, quantity);
        }
        else if (keeping)
        {
            pending.add(() -> childOrders.reportFill(clientOrderId, instrument, side, quantity));
        }
    }

    @Override
    public void reportRelease(final long clientOrderId, final Instrument instrument, final Side side,
        final long quantity)
    {
        mix(-quantity);
        if (open)
        {
            childOrders.reportRelease(clientOrderId, instrument, side, quantity);
        }
        else if (keeping)
        {
            pending.add(() -> childOrders.reportRelease(clientOrderId, instrument, side, quantity));
        }
    }

    @Override
    public void onReport(final ParentOrderReport report)
    {
        mix(report.execId().hashCode());
        mix(report.cumQty());
        mix(report.cancelReject() == null ? 0 : report.cancelReject().reason());
        if (open)
        {
            sendReport(report);
        }
        else if (keeping)
        {
            pending.add(() -> sendReport(report));
        }
        else
        {
            reportsHeld++;
        }
    }

    private void sendReport(final ParentOrderReport report)
    {
        reportsSent++;
        reports.onReport(report);
    }

    @Override
    public void onParentDone(final ExecutionRecord record)
    {
        if (open)
        {
            parentListener.onParentDone(record);
        }
        else if (keeping)
        {
            pending.add(() -> parentListener.onParentDone(record));
        }
    }

    /** New children kept while pending (a drill's hook uses it to find an entry that places one). */
    int pendingChildren()
    {
        return pendingChildren;
    }

    /** Child ids the card refused, for the service to put in the log; the service clears the list. */
    LongArrayList refusedByCard()
    {
        return refusedByCard;
    }

    public long childOrdersSent()
    {
        return childOrdersSent;
    }

    public long childOrdersHeld()
    {
        return childOrdersHeld;
    }

    public long cancelsSent()
    {
        return cancelsSent;
    }

    public long cancelsHeld()
    {
        return cancelsHeld;
    }

    /** Cancels the leader's link to the venues refused (no receiver, back-pressure past its retries). */
    public long cancelsRefused()
    {
        return cancelsRefused;
    }

    public long reportsSent()
    {
        return reportsSent;
    }

    public long reportsHeld()
    {
        return reportsHeld;
    }

    /** Digest of every output the core produced on this node, sent or held. */
    public long digest()
    {
        return digest;
    }

    private void mix(final long value)
    {
        digest = digest * 31 + value;
    }
}
