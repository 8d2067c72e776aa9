package io.slipway.journal;

import io.slipway.core.ChildOrderSink;
import io.slipway.core.ParentOrderListener;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.oms.OmsReportSink;
import io.slipway.oms.ParentOrderReport;
import io.slipway.tca.ExecutionRecord;
import org.agrona.collections.LongArrayQueue;

import java.util.ArrayList;
import java.util.List;

/**
 * Stands between the core and the outside world. Live, it holds the child orders, OMS reports and
 * finished-order records an input produced until the journal has recorded that input, then lets
 * them out in the order the core made them: nothing leaves the appliance on the strength of an
 * input a crash could forget. Replaying, it lets nothing out: every child order and report was
 * already sent by the run that recorded the input.
 *
 * <p>Either way it folds every output into a digest, so a replay can be shown to make the same
 * decisions as the live run, in the same order, bit for bit.
 *
 * <p>Child orders are taken at once (the core counts them as at the card) and offered to the card
 * on release; one the card's ring cannot take comes back as a refusal the journaled core records
 * as an input, so the live run and its replay agree on it.
 */
public final class OutputGate implements ChildOrderSink, OmsReportSink, ParentOrderListener
{
    private final ChildOrderSink children;
    private final OmsReportSink reports;
    private final ParentOrderListener parents;
    private final List<PendingChild> pendingChildren = new ArrayList<>();
    private int pendingChildCount;
    private final List<ParentOrderReport> pendingReports = new ArrayList<>();
    private final List<ExecutionRecord> pendingParents = new ArrayList<>();
    private final LongArrayQueue refused = new LongArrayQueue();
    private boolean replaying;
    private long digest = 0xcbf29ce484222325L;
    private long childOrdersOut;
    private long reportsOut;
    private long suppressedChildOrders;
    private long suppressedReports;

    private static final class PendingChild
    {
        int venueId;
        long clientOrderId;
        Instrument instrument;
        Side side;
        OrderType type;
        long price;
        long quantity;
    }

    public OutputGate(final ChildOrderSink children, final OmsReportSink reports, final ParentOrderListener parents)
    {
        this.children = children;
        this.reports = reports;
        this.parents = parents;
    }

    void replaying(final boolean replaying)
    {
        if (hasPending())
        {
            throw new IllegalStateException("outputs pending while switching replay mode");
        }
        this.replaying = replaying;
    }

    public boolean isReplaying()
    {
        return replaying;
    }

    @Override
    public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument, final Side side,
        final OrderType type, final long price, final long quantity)
    {
        mix(1);
        mix(venueId);
        mix(clientOrderId);
        mix(instrument.id());
        mix(side.ordinal());
        mix(type.ordinal());
        mix(price);
        mix(quantity);
        if (replaying)
        {
            suppressedChildOrders++;
            return true;
        }
        if (pendingChildCount == pendingChildren.size())
        {
            pendingChildren.add(new PendingChild());
        }
        final PendingChild child = pendingChildren.get(pendingChildCount++);
        child.venueId = venueId;
        child.clientOrderId = clientOrderId;
        child.instrument = instrument;
        child.side = side;
        child.type = type;
        child.price = price;
        child.quantity = quantity;
        return true;
    }

    @Override
    public void reportFill(final long clientOrderId, final Instrument instrument, final Side side, final long quantity)
    {
        // Exposure on the card follows venue reports; a recovered card starts afresh, so replay sends none.
        if (!replaying)
        {
            children.reportFill(clientOrderId, instrument, side, quantity);
        }
    }

    @Override
    public void reportRelease(final long clientOrderId, final Instrument instrument, final Side side,
        final long quantity)
    {
        if (!replaying)
        {
            children.reportRelease(clientOrderId, instrument, side, quantity);
        }
    }

    @Override
    public void onReport(final ParentOrderReport report)
    {
        mix(2);
        mix(report.execId().hashCode());
        mix(report.execType().ordinal());
        mix(report.cumQty());
        mix(report.lastQty());
        mix(report.lastPx());
        if (replaying)
        {
            suppressedReports++;
            return;
        }
        pendingReports.add(report);
    }

    @Override
    public void onParentDone(final ExecutionRecord record)
    {
        mix(3);
        mix(record.clOrdId().hashCode());
        if (!replaying)
        {
            pendingParents.add(record);
        }
    }

    boolean hasPending()
    {
        return pendingChildCount > 0 || !pendingReports.isEmpty() || !pendingParents.isEmpty();
    }

    /** Lets out what is held once the journal has recorded up to {@code position}. */
    void release(final JournalWriter writer, final long position)
    {
        if (!hasPending())
        {
            return;
        }
        writer.awaitRecorded(position);
        for (int i = 0; i < pendingChildCount; i++)
        {
            final PendingChild c = pendingChildren.get(i);
            if (children.sendNew(c.venueId, c.clientOrderId, c.instrument, c.side, c.type, c.price, c.quantity))
            {
                childOrdersOut++;
            }
            else
            {
                refused.addLong(c.clientOrderId);
            }
            c.instrument = null;
        }
        pendingChildCount = 0;
        for (int i = 0, n = pendingReports.size(); i < n; i++)
        {
            reports.onReport(pendingReports.get(i));
            reportsOut++;
        }
        pendingReports.clear();
        for (int i = 0, n = pendingParents.size(); i < n; i++)
        {
            parents.onParentDone(pendingParents.get(i));
        }
        pendingParents.clear();
    }

    /** Next child order the card's ring refused on release, or -1 when none. */
    long pollRefused()
    {
        return refused.isEmpty() ? -1 : refused.pollLong();
    }

    /** Digest of every output the core made, released or suppressed, in order. */
    public long digest()
    {
        return digest;
    }

    public long childOrdersOut()
    {
        return childOrdersOut;
    }

    public long reportsOut()
    {
        return reportsOut;
    }

    public long suppressedChildOrders()
    {
        return suppressedChildOrders;
    }

    public long suppressedReports()
    {
        return suppressedReports;
    }

    private void mix(final long value)
    {
        // FNV-1a over the value's bytes: order-sensitive and cheap.
        long h = digest;
        for (int i = 0; i < 8; i++)
        {
            h ^= (value >>> (i * 8)) & 0xFF;
            h *= 0x100000001b3L;
        }
        digest = h;
    }
}
