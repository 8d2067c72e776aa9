package io.slipway.journal;

import io.slipway.core.ChildOrderSink;
import io.slipway.core.ParentOrderListener;
import io.slipway.core.RfqSink;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.oms.DeliveredReports;
import io.slipway.oms.OmsHistory;
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
 *
 * <p>Requests for quote to dealers are outputs like child orders: held until their input is
 * recorded, suppressed on replay (the dealer was asked by the run that recorded it), in the
 * digest. The core counts a request as asked at once; one the dealer's session then does not
 * take comes back as a refusal the journaled core records as a dealer decline.
 */
public final class OutputGate implements ChildOrderSink, OmsReportSink, ParentOrderListener, RfqSink
{
    private final ChildOrderSink children;
    private final OmsReportSink reports;
    private final ParentOrderListener parents;
    private final DeliveredReports delivered;
    private final List<ParentOrderReport> redeliver = new ArrayList<>();
    private final List<PendingChild> pendingChildren = new ArrayList<>();
    private int pendingChildCount;
    private final List<ParentOrderReport> pendingReports = new ArrayList<>();
    private final List<ExecutionRecord> pendingParents = new ArrayList<>();
    private final LongArrayQueue refused = new LongArrayQueue();
    private final List<PendingChild> retryCancels = new ArrayList<>();
    private final List<PendingRequest> pendingRequests = new ArrayList<>();
    private int pendingRequestCount;
    private final LongArrayQueue refusedRequests = new LongArrayQueue();
    private RfqSink rfqs = RfqSink.NONE;
    private long requestsOut;
    private long suppressedRequests;
    private OmsHistory history = OmsHistory.NONE;
    private boolean replaying;
    private long digest = 0xcbf29ce484222325L;
    private long childOrdersOut;
    private long cancelsOut;
    private long suppressedCancels;
    private long reportsOut;
    private long suppressedChildOrders;
    private long suppressedReports;
    private long reportsRedelivered;

    private static final class PendingChild
    {
        boolean cancel;
        int venueId;
        long clientOrderId;
        Instrument instrument;
        Side side;
        OrderType type;
        long price;
        long quantity;
    }

    private static final class PendingRequest
    {
        int venueId;
        long rfqId;
        Instrument instrument;
        Side side;
        long quantity;
    }

    public OutputGate(final ChildOrderSink children, final OmsReportSink reports, final ParentOrderListener parents)
    {
        this(children, reports, parents, DeliveredReports.ALL);
    }

    /**
     * @param delivered asked for each replayed report: one the OMS side does not hold is let out
     *                  again on the first release after the replay, in the order the core made it.
     */
    public OutputGate(final ChildOrderSink children, final OmsReportSink reports, final ParentOrderListener parents,
        final DeliveredReports delivered)
    {
        if (delivered == null)
        {
            throw new IllegalArgumentException("delivered is required (DeliveredReports.ALL when the sink is the OMS)");
        }
        this.children = children;
        this.reports = reports;
        this.parents = parents;
        this.delivered = delivered;
    }

    /** Where released requests for quote go: the dealers' sessions. {@link RfqSink#NONE}: each is refused. */
    void rfqs(final RfqSink rfqs)
    {
        this.rfqs = rfqs;
    }

    void history(final OmsHistory history)
    {
        this.history = history;
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
        child.cancel = false;
        child.venueId = venueId;
        child.clientOrderId = clientOrderId;
        child.instrument = instrument;
        child.side = side;
        child.type = type;
        child.price = price;
        child.quantity = quantity;
        return true;
    }

    /**
     * Held like a new child, in the same queue so a cancel never overtakes the order it cancels.
     * The core counts it as sent at once; one the card refuses on release is kept here and offered
     * again on the next release, since the core would only have tried again itself and a replay
     * must not depend on the card's ring.
     */
    @Override
    public boolean sendCancel(final int venueId, final long clientOrderId, final Instrument instrument,
        final Side side)
    {
        mix(4);
        mix(venueId);
        mix(clientOrderId);
        mix(instrument.id());
        mix(side.ordinal());
        if (replaying)
        {
            suppressedCancels++;
            return true;
        }
        if (pendingChildCount == pendingChildren.size())
        {
            pendingChildren.add(new PendingChild());
        }
        final PendingChild child = pendingChildren.get(pendingChildCount++);
        child.cancel = true;
        child.venueId = venueId;
        child.clientOrderId = clientOrderId;
        child.instrument = instrument;
        child.side = side;
        child.type = null;
        child.price = 0;
        child.quantity = 0;
        return true;
    }

    /** Held like a child order; a dealer's session that does not take it on release makes a decline input. */
    @Override
    public boolean requestQuote(final int venueId, final long rfqId, final Instrument instrument, final Side side,
        final long quantity)
    {
        mix(5);
        mix(venueId);
        mix(rfqId);
        mix(instrument.id());
        mix(side.ordinal());
        mix(quantity);
        if (replaying)
        {
            suppressedRequests++;
            return true;
        }
        if (pendingRequestCount == pendingRequests.size())
        {
            pendingRequests.add(new PendingRequest());
        }
        final PendingRequest r = pendingRequests.get(pendingRequestCount++);
        r.venueId = venueId;
        r.rfqId = rfqId;
        r.instrument = instrument;
        r.side = side;
        r.quantity = quantity;
        return true;
    }

    @Override
    public void reportFill(final long clientOrderId, final Instrument instrument, final Side side, final long quantity)
    {
        // Exposure on the card follows venue reports. A recovered card is set to what the replay rebuilt
        // (restorePosition, restoreOpen), so replay sends none.
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

    /**
     * Straight to the card, not held: it states what recorded inputs already made, so there is no input
     * to wait for, and it must reach the card before any child the recovered core places.
     */
    @Override
    public void restorePosition(final Instrument instrument, final long position)
    {
        requireLive("restorePosition");
        children.restorePosition(instrument, position);
    }

    @Override
    public void restoreOpen(final Instrument instrument, final Side side, final long openQuantity)
    {
        requireLive("restoreOpen");
        children.restoreOpen(instrument, side, openQuantity);
    }

    private void requireLive(final String what)
    {
        if (replaying)
        {
            throw new IllegalStateException(what + " during a replay: the card is set after the replay, once");
        }
        if (pendingChildCount > 0)
        {
            throw new IllegalStateException(what + " with " + pendingChildCount + " child orders held: the card " +
                "must be set before any child reaches it");
        }
    }

    @Override
    public void onReport(final ParentOrderReport report)
    {
        mix(2);
        mix(report.execId().hashCode());
        // An OrderCancelReject has no ExecType.
        mix(report.execType() == null ? -1 : report.execType().ordinal());
        mix(report.cumQty());
        mix(report.lastQty());
        mix(report.lastPx());
        // A replace or cancel shows in who the report names, what it leaves and whether it is a cancel reject.
        mix(report.clOrdId() == null ? 0 : report.clOrdId().hashCode());
        mix(report.ordStatus() == null ? -1 : report.ordStatus().ordinal());
        mix(report.orderQty());
        mix(report.leavesQty());
        mix(report.cancelReject() == null ? 0 : report.cancelReject().responseTo());
        mix(report.cancelReject() == null ? 0 : report.cancelReject().reason());
        if (replaying)
        {
            history.onReport(report);
            // Its input is recorded, so the report is owed; only one the OMS side never durably got goes again.
            if (delivered.delivered(report.execId()))
            {
                suppressedReports++;
            }
            else
            {
                redeliver.add(report);
            }
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
        return pendingChildCount > 0 || pendingRequestCount > 0 || !retryCancels.isEmpty() || !pendingReports.isEmpty() ||
            !pendingParents.isEmpty();
    }

    /** Lets out what is held once the journal has recorded up to {@code position}. */
    void release(final JournalWriter writer, final long position)
    {
        if (!redeliver.isEmpty())
        {
            // Replayed from the journal, so recorded long ago: they go before anything this run made.
            for (int i = 0, n = redeliver.size(); i < n; i++)
            {
                reports.onReport(redeliver.get(i));
                reportsOut++;
                reportsRedelivered++;
            }
            redeliver.clear();
        }
        if (!hasPending())
        {
            return;
        }
        writer.awaitRecorded(position);
        for (int i = retryCancels.size() - 1; i >= 0; i--)
        {
            final PendingChild c = retryCancels.get(i);
            if (children.sendCancel(c.venueId, c.clientOrderId, c.instrument, c.side))
            {
                cancelsOut++;
                retryCancels.remove(i);
            }
        }
        for (int i = 0; i < pendingChildCount; i++)
        {
            final PendingChild c = pendingChildren.get(i);
            if (c.cancel)
            {
                if (children.sendCancel(c.venueId, c.clientOrderId, c.instrument, c.side))
                {
                    cancelsOut++;
                }
                else
                {
                    retryCancels.add(copyOf(c));
                }
            }
            else if (children.sendNew(c.venueId, c.clientOrderId, c.instrument, c.side, c.type, c.price, c.quantity))
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
        for (int i = 0; i < pendingRequestCount; i++)
        {
            final PendingRequest r = pendingRequests.get(i);
            if (rfqs.requestQuote(r.venueId, r.rfqId, r.instrument, r.side, r.quantity))
            {
                requestsOut++;
            }
            else
            {
                refusedRequests.addLong(r.venueId);
                refusedRequests.addLong(r.rfqId);
            }
            r.instrument = null;
        }
        pendingRequestCount = 0;
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

    private static PendingChild copyOf(final PendingChild c)
    {
        final PendingChild copy = new PendingChild();
        copy.cancel = c.cancel;
        copy.venueId = c.venueId;
        copy.clientOrderId = c.clientOrderId;
        copy.instrument = c.instrument;
        copy.side = c.side;
        return copy;
    }

    /** Next child order the card's ring refused on release, or -1 when none. */
    long pollRefused()
    {
        return refused.isEmpty() ? -1 : refused.pollLong();
    }

    /**
     * Next request for quote the dealer's session did not take on release, as {venue id, rfq id}
     * written into {@code into}; false when none.
     */
    boolean pollRefusedRequest(final long[] into)
    {
        if (refusedRequests.isEmpty())
        {
            return false;
        }
        into[0] = refusedRequests.pollLong();
        into[1] = refusedRequests.pollLong();
        return true;
    }

    /** Requests for quote the dealers' sessions took. */
    public long requestsOut()
    {
        return requestsOut;
    }

    /** Requests for quote made again by a replay and not sent. */
    public long suppressedRequests()
    {
        return suppressedRequests;
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

    /** Cancels the card took. */
    public long cancelsOut()
    {
        return cancelsOut;
    }

    /** Cancels the card refused, to be offered again on the next release. */
    public int cancelsAwaitingRetry()
    {
        return retryCancels.size();
    }

    public long suppressedCancels()
    {
        return suppressedCancels;
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

    /** Replayed reports the OMS side did not hold, let out again after the replay. */
    public long reportsRedelivered()
    {
        return reportsRedelivered;
    }

    /** Replayed reports waiting for the first release after the replay. */
    public int reportsAwaitingRedelivery()
    {
        return redeliver.size();
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
