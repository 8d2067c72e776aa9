package io.slipway.cluster;

import io.slipway.core.ChildOrderSink;
import io.slipway.core.ParentOrderListener;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.oms.OmsReportSink;
import io.slipway.oms.ParentOrderReport;
import io.slipway.tca.ExecutionRecord;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * <p>Reports to a {@link SequencedReportSink} are numbered: the report sequence counts every report
 * the core made, the same on every node. Each node keeps the reports the OMS gateway has not yet
 * acknowledged as delivered ({@link #acknowledgeReports}, from the log); a new leader sends them all
 * again when its gate opens ({@link #resendUnacknowledged}), and the gateway drops the ones it has.
 * A report made by the last entry a dead leader applied (or would have) therefore still reaches
 * the OMS, exactly once.
 *
 * <p>New children are stamped with the cluster time of the entry that placed them and, on a
 * {@link TimedChildOrderSink}, sent with that time and the receive window, so the venue refuses a
 * copy that arrives late; the stamp is kept (the same on every node) for the venue's "not found"
 * to be judged against.
 *
 * <p>The gate also folds every output, sent or not, into a digest: nodes that applied the same
 * log have the same digest, which is how tests check that followers compute what the leader does.
 * Called on the service thread only; counters are read by other threads as plain snapshots.
 */
public final class EgressGate implements ChildOrderSink, OmsReportSink, ParentOrderListener, io.slipway.core.RfqSink
{
    /** The card's instrument count (slipway_nic.h SLIPWAY_MAX_INSTRUMENTS), as the core's. */
    private static final int MAX_INSTRUMENTS = 16;

    private final ChildOrderSink childOrders;
    private final OmsReportSink reports;
    private final ParentOrderListener parentListener;
    private final SequencedReportSink sequencedReports;
    private final TimedChildOrderSink timedChildOrders;
    private final io.slipway.core.RfqSink rfqs;
    private final long receiveWindowNs;
    private final int reportRetention;
    private final ArrayDeque<ParentOrderReport> retained = new ArrayDeque<>();
    /** Report sequence of the head of {@link #retained}. */
    private long retainedFirstSequence = 1;
    private long reportSequence;
    private long acknowledgedSequence;
    private long lastSentSequence;
    /** Reports up to this sequence sent from now on count as sent again (set when a new leader resends). */
    private long resendMark;
    private long entryTimeNs;
    private final Long2LongHashMap childSentAtNs = new Long2LongHashMap(Long.MIN_VALUE);
    private final LongArrayList refusedByCard = new LongArrayList();
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
    /** Sets the card from the core's state (the core calls back {@link #restorePosition}, {@link #restoreOpen}). */
    private Runnable restoreCard = () -> { };
    private boolean restoring;
    /** Open quantity of the children kept while pending, by instrument id and side (0 buy, 1 sell). */
    private final long[][] keptOpen = new long[2][MAX_INSTRUMENTS];
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
    private volatile long reportsResent;
    private volatile long reportsNotRetained;
    private volatile long reportsMade;
    private volatile long requestsSent;
    private volatile long requestsHeld;
    private volatile long requestsRefused;
    private volatile long digest = 1125899906842597L;

    public EgressGate(final ChildOrderSink childOrders, final OmsReportSink reports,
        final ParentOrderListener parentListener)
    {
        this(childOrders, reports, parentListener, ClusterNodeContext.DEFAULT_CHILD_RECEIVE_WINDOW_NS,
            ClusterNodeContext.DEFAULT_REPORT_RETENTION);
    }

    /**
     * @param receiveWindowNs how long after its entry's time a venue may still take a child
     * @param reportRetention most reports kept for a new leader to send again
     */
    public EgressGate(final ChildOrderSink childOrders, final OmsReportSink reports,
        final ParentOrderListener parentListener, final long receiveWindowNs, final int reportRetention)
    {
        this.childOrders = childOrders;
        this.reports = reports;
        this.parentListener = parentListener;
        this.sequencedReports = reports instanceof SequencedReportSink ? (SequencedReportSink)reports : null;
        this.timedChildOrders = childOrders instanceof TimedChildOrderSink ? (TimedChildOrderSink)childOrders : null;
        // The link to the venues carries requests for quote to the dealers when it can; otherwise none leaves.
        this.rfqs = childOrders instanceof io.slipway.core.RfqSink link ? link : io.slipway.core.RfqSink.NONE;
        this.receiveWindowNs = receiveWindowNs;
        this.reportRetention = reportRetention;
    }

    /** The cluster time of the log entry about to be applied: what new children are stamped with. */
    void entryTime(final long timeNs)
    {
        entryTimeNs = timeNs;
    }

    /**
     * How a new leader sets its card: the service passes the core's {@code restoreCardExposure}. A follower's
     * card saw none of the fills and children while the others led, so on taking over it is set to the core's
     * state before anything this gate kept goes out.
     */
    void restoreCardWith(final Runnable restore)
    {
        restoreCard = restore;
    }

    /**
     * Opens (sending what was kept first), keeps outputs for later, or closes (dropping what was kept). On
     * opening after not being open, the card is first set to the core's position and open children; the kept
     * fills and releases are already in that state and are dropped, and the kept children are left out of
     * the open quantities, as the card adds each when it sends it.
     */
    void state(final boolean open, final boolean keep)
    {
        final boolean opening = open && !this.open;
        this.open = open;
        this.keeping = !open && keep;
        if (open || !keep)
        {
            pendingChildren = 0;
        }
        if (open)
        {
            if (opening)
            {
                restoring = true;
                try
                {
                    restoreCard.run();
                }
                finally
                {
                    restoring = false;
                }
            }
            Runnable output;
            while ((output = pending.poll()) != null)
            {
                if (!(opening && output instanceof KeptExposure))
                {
                    output.run();
                }
            }
            sendRetainedAfter(lastSentSequence);
        }
        else if (!keep)
        {
            pending.clear();
        }
        if (!keeping)
        {
            Arrays.fill(keptOpen[0], 0);
            Arrays.fill(keptOpen[1], 0);
        }
    }

    /** Only while the gate opens for a new leader; the core's state is the same on every node. */
    @Override
    public void restorePosition(final Instrument instrument, final long position)
    {
        if (restoring)
        {
            childOrders.restorePosition(instrument, position);
        }
    }

    @Override
    public void restoreOpen(final Instrument instrument, final Side side, final long openQuantity)
    {
        if (restoring)
        {
            final long kept = keptOpen[side == Side.BUY ? 0 : 1][instrument.id()];
            childOrders.restoreOpen(instrument, side, Math.max(0, openQuantity - kept));
        }
    }

    /** A fill or release kept while pending: already in the state a restore sets. */
    private static final class KeptExposure implements Runnable
    {
        private final Runnable update;

        KeptExposure(final Runnable update)
        {
            this.update = update;
        }

        @Override
        public void run()
        {
            update.run();
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
        final long sentTimeNs = entryTimeNs;
        childSentAtNs.put(clientOrderId, sentTimeNs);
        if (open)
        {
            sendChild(venueId, clientOrderId, instrument, side, type, price, quantity, sentTimeNs);
        }
        else if (keeping)
        {
            // Sent later but stamped with its entry's time: the venue's window counts from the stamp,
            // so it can only be shorter than it looks, never longer.
            pending.add(() -> sendChild(venueId, clientOrderId, instrument, side, type, price, quantity, sentTimeNs));
            pendingChildren++;
            final long[] open = keptOpen[side == Side.BUY ? 0 : 1];
            open[instrument.id()] = saturatingAdd(open[instrument.id()], quantity);
        }
        else
        {
            childOrdersHeld++;
        }
        return true;
    }

    private void sendChild(final int venueId, final long clientOrderId, final Instrument instrument, final Side side,
        final OrderType type, final long price, final long quantity, final long sentTimeNs)
    {
        childOrdersSent++;
        final boolean taken = timedChildOrders != null ?
            timedChildOrders.sendNew(venueId, clientOrderId, instrument, side, type, price, quantity, sentTimeNs,
                receiveWindowNs) :
            childOrders.sendNew(venueId, clientOrderId, instrument, side, type, price, quantity);
        if (!taken)
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

    /**
     * Leader-only like a child order, and answers "asked" on every member: the core's open request
     * is replicated state. A request the leader's link refuses is counted, not turned into an input:
     * the core decides that request at its deadline without the dealer's answer, as for a silent
     * dealer, on every member alike.
     */
    @Override
    public boolean requestQuote(final int venueId, final long rfqId, final Instrument instrument, final Side side,
        final long quantity)
    {
        mix(5);
        mix(venueId);
        mix(rfqId);
        mix(quantity);
        if (open)
        {
            sendRequest(venueId, rfqId, instrument, side, quantity);
        }
        else if (keeping)
        {
            pending.add(() -> sendRequest(venueId, rfqId, instrument, side, quantity));
        }
        else
        {
            requestsHeld++;
        }
        return true;
    }

    private void sendRequest(final int venueId, final long rfqId, final Instrument instrument, final Side side,
        final long quantity)
    {
        requestsSent++;
        if (!rfqs.requestQuote(venueId, rfqId, instrument, side, quantity))
        {
            requestsRefused++;
        }
    }

    /** Requests for quote this member handed to its link (as leader). */
    public long requestsSent()
    {
        return requestsSent;
    }

    /** Requests for quote this member made as a follower and did not send. */
    public long requestsHeld()
    {
        return requestsHeld;
    }

    /** Requests for quote the leader's link refused. */
    public long requestsRefused()
    {
        return requestsRefused;
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
            pending.add(new KeptExposure(() -> childOrders.reportFill(clientOrderId, instrument, side, quantity)));
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
            pending.add(new KeptExposure(() -> childOrders.reportRelease(clientOrderId, instrument, side, quantity)));
        }
    }

    @Override
    public void onReport(final ParentOrderReport report)
    {
        mix(report.execId().hashCode());
        mix(report.cumQty());
        mix(report.cancelReject() == null ? 0 : report.cancelReject().reason());
        final long sequence = ++reportSequence;
        reportsMade = sequence;
        if (sequencedReports != null)
        {
            retain(report);
            if (open)
            {
                sendSequenced(sequence, report);
            }
            else if (!keeping)
            {
                reportsHeld++;
            }
            // Kept while pending: it is retained, and opening sends what follows the last one sent.
            return;
        }
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

    private void sendSequenced(final long sequence, final ParentOrderReport report)
    {
        if (sequence <= resendMark)
        {
            reportsResent++;
        }
        reportsSent++;
        lastSentSequence = sequence;
        sequencedReports.onReport(sequence, report);
    }

    private void retain(final ParentOrderReport report)
    {
        retained.addLast(report);
        if (retained.size() > reportRetention)
        {
            // The gateway stopped acknowledging: the oldest can no longer be sent again (counted, see docs).
            retained.pollFirst();
            retainedFirstSequence++;
            reportsNotRetained++;
        }
    }

    /** Sends every retained report after {@code afterSequence}, in order. */
    private void sendRetainedAfter(final long afterSequence)
    {
        if (sequencedReports == null)
        {
            return;
        }
        long sequence = retainedFirstSequence;
        for (final ParentOrderReport report : retained)
        {
            if (sequence > afterSequence)
            {
                sendSequenced(sequence, report);
            }
            sequence++;
        }
    }

    /**
     * The OMS gateway has delivered every report up to {@code sequence} (a log entry, so every node
     * forgets the same reports at the same point).
     */
    void acknowledgeReports(final long sequence)
    {
        if (sequence <= acknowledgedSequence)
        {
            return;
        }
        acknowledgedSequence = Math.min(sequence, reportSequence);
        while (!retained.isEmpty() && retainedFirstSequence <= acknowledgedSequence)
        {
            retained.pollFirst();
            retainedFirstSequence++;
        }
    }

    /**
     * Sends again, if the gate is open, every report after {@code deliveredSequence} and after the
     * last acknowledged one: a new leader cannot know which of its predecessor's reports left it.
     */
    void resendUnacknowledged(final long deliveredSequence)
    {
        acknowledgeReports(deliveredSequence);
        lastSentSequence = acknowledgedSequence;
        resendMark = reportSequence;
        if (open)
        {
            sendRetainedAfter(lastSentSequence);
        }
        // Else the gate sends them when it opens: everything after the last sent one goes first.
    }

    /** Highest report sequence the OMS gateway has acknowledged as delivered (from the log). */
    long acknowledgedReportSequence()
    {
        return acknowledgedSequence;
    }

    /** ExecIDs of reports made but not sent by this node (a drill reads it from a halted leader). */
    List<String> unsentReportExecIds()
    {
        final List<String> unsent = new ArrayList<>();
        long sequence = retainedFirstSequence;
        for (final ParentOrderReport report : retained)
        {
            if (sequence > lastSentSequence)
            {
                unsent.add(report.execId());
            }
            sequence++;
        }
        return unsent;
    }

    /** The cluster time a child was stamped with when placed, or {@link Long#MIN_VALUE} if unknown. */
    long childSentAtNs(final long clientOrderId)
    {
        return childSentAtNs.get(clientOrderId);
    }

    /** Forgets the stamps of children no longer open; the same on every node (driven by the log). */
    void retainChildStamps(final java.util.function.LongPredicate stillOpen)
    {
        childSentAtNs.keySet().removeIf(id -> !stillOpen.test(id));
    }

    int childStampCount()
    {
        return childSentAtNs.size();
    }

    long receiveWindowNs()
    {
        return receiveWindowNs;
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

    /** Reports the core has made on this node (the last report sequence). */
    public long reportsMade()
    {
        return reportsMade;
    }

    /** Reports this node sent again as a new leader or on the gateway's request. */
    public long reportsResent()
    {
        return reportsResent;
    }

    /** Reports dropped from retention unacknowledged: they could not be sent again (0 unless the gateway stalls). */
    public long reportsNotRetained()
    {
        return reportsNotRetained;
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

    private static long saturatingAdd(final long a, final long b)
    {
        final long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }
}
