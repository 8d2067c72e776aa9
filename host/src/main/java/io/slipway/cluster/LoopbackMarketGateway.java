package io.slipway.cluster;

import io.slipway.domain.Instrument;
import io.slipway.oms.OmsCommand;
import io.slipway.venue.VenueListener;
import io.slipway.venue.VenueOrderStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.HighResolutionClock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The market side of a failover drill: quotes two venues into the cluster, takes the child
 * orders the leader sends, fills each in full at its limit (an immediate-or-cancel order
 * against a quote deeper than it), and reports the verdict, acceptance and fill back into the
 * cluster. It remembers every child that reached it, by which member, and when, so a drill can
 * check that none arrived twice and measure when the first order of a new leader came.
 *
 * <p>These venues are deliberately simple: the drill is about the cluster, not about fills.
 * By default they rest nothing: every child is filled in full when it arrives, so a child
 * cancel finds its child already done; it is counted as too late and not answered, which is
 * what a venue does with a cancel of a filled order (the fill, already reported, closed the
 * child). A drill can ask for the next children to rest instead ({@link #restNext}): such a
 * child is accepted and left working until its cancel comes, which releases its whole quantity
 * with a venue done report. A cancel of a child these venues never saw is counted separately.
 *
 * <p>Like a venue with Binance's {@code recvWindow}, a child that arrives later than its sent time
 * plus its receive window (both carried by the order) by these venues' clock is refused by name
 * ({@link VenueListener#RECEIVE_WINDOW_EXPIRED}): it never rests or fills, and a status query about
 * its id still answers "not found". Every status answer carries the time it was given. A drill can
 * hold the next children on their way ({@link #holdNext}) and let them arrive later.
 *
 * <p>Venue {@link #DEALER} is an OTC dealer: it answers each request for quote the leader sends
 * with a quote at the price a drill sets ({@link #dealerPrice}) for the whole size, firm for
 * {@link #QUOTE_TTL_NS}, or with a decline when no price is set; a take is an ordinary child at that
 * venue and fills like any other, and a take id seen twice is counted as a duplicate and not answered.
 * Single-threaded, on the thread that polls the {@link ClusterInputClient}.
 */
public final class LoopbackMarketGateway
{
    public static final int VENUE_A = 1;
    public static final int VENUE_B = 2;
    /** The dealer's venue id. */
    public static final int DEALER = 4;
    /** How long a dealer quote is firm. */
    public static final long QUOTE_TTL_NS = 2_000_000_000L;

    /** A child order as it reached the venues. */
    public record Child(int memberId, long clientOrderId, int venueId, long price, long quantity, long atNanoTime)
    {
    }

    private final ClusterInputClient client;
    private final ClusterCoreInputs inputs = new ClusterCoreInputs();
    private final Instrument instrument;
    private final List<Child> received = new ArrayList<>();
    private final Map<Long, Integer> timesReceived = new HashMap<>();
    private long filledQuantity;
    private int duplicates;
    private final Map<Long, Long> resting = new HashMap<>();
    private int toRest;
    private long canceledQuantity;
    private long cancelsReceived;
    private long cancelsTooLate;
    private long cancelsOfUnknown;
    private final Map<Long, long[]> fills = new HashMap<>();
    private final Map<Long, Long> canceled = new HashMap<>();
    private long statusQueries;
    private long statusNotFound;
    private final LongSupplier epochClockNs;
    private final List<Child> held = new ArrayList<>();
    private final List<long[]> heldStamps = new ArrayList<>();
    private int toHold;
    private final List<Child> refusedLate = new ArrayList<>();
    private long dealerPrice;
    private long rfqsReceived;
    private long dealerFilledQuantity;

    /** Venues on the same clock as the cluster's ({@code NanosecondClusterClock}: ns since the epoch). */
    public LoopbackMarketGateway(final ClusterInputClient client, final Instrument instrument)
    {
        this(client, instrument, HighResolutionClock::epochNanos);
    }

    /** @param epochClockNs these venues' clock, ns since the epoch: what arrivals and answers are timed by */
    public LoopbackMarketGateway(final ClusterInputClient client, final Instrument instrument,
        final LongSupplier epochClockNs)
    {
        this.client = client;
        this.instrument = instrument;
        this.epochClockNs = epochClockNs;
    }

    /** Best bid and ask on venue A; venue B quotes one dollar wider, so the router prefers A. */
    public void quote(final long bid, final long ask, final long quantity)
    {
        final long dollar = instrument.priceFromDouble(1.0);
        client.enqueue(inputs.encodeBbo(client.buffer(), client.sourceId(), client.nextSequence(),
            VENUE_A, instrument.id(), bid, quantity, ask, quantity));
        client.enqueue(inputs.encodeBbo(client.buffer(), client.sourceId(), client.nextSequence(),
            VENUE_B, instrument.id(), bid - dollar, quantity, ask + dollar, quantity));
    }

    /** Any OMS command, straight into the cluster (a drill without a FIX gateway in front). */
    public void send(final OmsCommand command)
    {
        client.enqueue(inputs.encodeOmsCommand(client.buffer(), client.sourceId(), client.nextSequence(), command));
    }

    /**
     * Takes one message from the cluster's egress stream if it is for the venues (a child order,
     * a cancel or a status query), the same dispatch a venue gateway in front of the cluster does.
     *
     * @return false if it is not (an OMS report), for the caller to handle.
     */
    public boolean onEgress(final DirectBuffer buffer, final int offset, final long atNanoTime)
    {
        final int type = ClusterEgressPublisher.type(buffer, offset);
        final int memberId = ClusterEgressPublisher.memberId(buffer, offset);
        if (type == ClusterEgressPublisher.CHILD_ORDER)
        {
            final Child child = new Child(memberId, ClusterEgressPublisher.childId(buffer, offset),
                ClusterEgressPublisher.childVenueId(buffer, offset),
                buffer.getLong(offset + ClusterEgressPublisher.CHILD_PRICE_OFFSET, ClusterCoreInputs.ORDER),
                buffer.getLong(offset + ClusterEgressPublisher.CHILD_QUANTITY_OFFSET, ClusterCoreInputs.ORDER),
                atNanoTime);
            final long sentTimeNs = ClusterEgressPublisher.childSentTimeNs(buffer, offset);
            final long receiveWindowNs = ClusterEgressPublisher.childReceiveWindowNs(buffer, offset);
            if (toHold > 0)
            {
                // Still on its way: it arrives when the drill lets it (releaseHeld).
                toHold--;
                held.add(child);
                heldStamps.add(new long[]{sentTimeNs, receiveWindowNs});
                return true;
            }
            arrive(child, sentTimeNs, receiveWindowNs);
            return true;
        }
        if (type == ClusterEgressPublisher.RFQ_REQUEST)
        {
            onRfq(ClusterEgressPublisher.childId(buffer, offset), ClusterEgressPublisher.childVenueId(buffer, offset),
                buffer.getLong(offset + ClusterEgressPublisher.RFQ_QUANTITY_OFFSET, ClusterCoreInputs.ORDER));
            return true;
        }
        if (type == ClusterEgressPublisher.CHILD_STATUS_QUERY)
        {
            onChildStatusQuery(memberId, ClusterEgressPublisher.childId(buffer, offset),
                ClusterEgressPublisher.childVenueId(buffer, offset));
            return true;
        }
        if (type == ClusterEgressPublisher.CHILD_CANCEL)
        {
            onChildCancel(memberId, ClusterEgressPublisher.childId(buffer, offset),
                ClusterEgressPublisher.childVenueId(buffer, offset));
            return true;
        }
        return false;
    }

    /**
     * A child order with its sent time and receive window reaches the venues now. Later than the
     * window it is refused by name and leaves no order (its id stays "not found"); else see
     * {@link #onChildOrder}.
     */
    public void arrive(final Child child, final long sentTimeNs, final long receiveWindowNs)
    {
        if (receiveWindowNs > 0 && epochClockNs.getAsLong() - sentTimeNs > receiveWindowNs)
        {
            refusedLate.add(child);
            client.enqueue(inputs.encodeVenueRejected(client.buffer(), client.sourceId(), client.nextSequence(),
                child.venueId(), child.clientOrderId(), VenueListener.RECEIVE_WINDOW_EXPIRED));
            return;
        }
        onChildOrder(child.memberId(), child.clientOrderId(), child.venueId(), child.price(), child.quantity(),
            child.atNanoTime());
    }

    /** The price the dealer quotes from now on, in the instrument's scale; 0: it declines. */
    public void dealerPrice(final long price)
    {
        if (price < 0)
        {
            throw new IllegalArgumentException("dealer price must not be negative: " + price);
        }
        dealerPrice = price;
    }

    /** A leader's request for quote reached the dealer: answered at once through the cluster's log. */
    public void onRfq(final long rfqId, final int venueId, final long quantity)
    {
        rfqsReceived++;
        if (venueId != DEALER || dealerPrice == 0)
        {
            client.enqueue(inputs.encodeDealerDecline(client.buffer(), client.sourceId(), client.nextSequence(), venueId,
                rfqId, venueId != DEALER ? "not a dealer" : "no price"));
            return;
        }
        client.enqueue(inputs.encodeDealerQuote(client.buffer(), client.sourceId(), client.nextSequence(), venueId,
            rfqId, dealerPrice, quantity, epochClockNs.getAsLong() + QUOTE_TTL_NS));
    }

    /** Requests for quote received from leaders. */
    public long rfqsReceived()
    {
        return rfqsReceived;
    }

    /** What the dealer filled: takes of its quotes. */
    public long dealerFilledQuantity()
    {
        return dealerFilledQuantity;
    }

    /** The next {@code children} child orders are held on their way until {@link #releaseHeld}. */
    public void holdNext(final int children)
    {
        if (children < 0)
        {
            throw new IllegalArgumentException("children to hold must not be negative: " + children);
        }
        toHold = children;
    }

    /** Children held on their way so far. */
    public List<Child> held()
    {
        return List.copyOf(held);
    }

    /** Lets every held child arrive now, in the order it was sent. Returns how many arrived. */
    public int releaseHeld()
    {
        final int count = held.size();
        for (int i = 0; i < count; i++)
        {
            final Child child = held.get(i);
            final long[] stamp = heldStamps.get(i);
            arrive(new Child(child.memberId(), child.clientOrderId(), child.venueId(), child.price(), child.quantity(),
                System.nanoTime()), stamp[0], stamp[1]);
        }
        held.clear();
        heldStamps.clear();
        return count;
    }

    /** Children refused on arrival because their receive window had passed. */
    public List<Child> refusedLate()
    {
        return refusedLate;
    }

    /**
     * A child order reached the venues. A second arrival of the same id is counted and not
     * answered: a venue refuses a reused client order id without touching the first order.
     */
    public void onChildOrder(final int memberId, final long clientOrderId, final int venueId, final long price,
        final long quantity, final long atNanoTime)
    {
        received.add(new Child(memberId, clientOrderId, venueId, price, quantity, atNanoTime));
        if (timesReceived.merge(clientOrderId, 1, Integer::sum) > 1)
        {
            duplicates++;
            return;
        }
        client.enqueue(inputs.encodeCardVerdict(client.buffer(), client.sourceId(), client.nextSequence(),
            clientOrderId, true, 0));
        client.enqueue(inputs.encodeVenueAccepted(client.buffer(), client.sourceId(),
            client.nextSequence(), venueId, clientOrderId));
        if (toRest > 0)
        {
            toRest--;
            resting.put(clientOrderId, quantity);
            return;
        }
        filledQuantity += quantity;
        dealerFilledQuantity += venueId == DEALER ? quantity : 0;
        fills.put(clientOrderId, new long[]{price, quantity});
        client.enqueue(inputs.encodeVenueFill(client.buffer(), client.sourceId(), client.nextSequence(),
            venueId, clientOrderId, price, quantity, 0.0, false));
    }

    /** A child cancel reached the venues; see the class comment for why it is never answered. */
    public void onChildCancel(final int memberId, final long clientOrderId, final int venueId)
    {
        cancelsReceived++;
        final Long restingQuantity = resting.remove(clientOrderId);
        if (restingQuantity != null)
        {
            canceledQuantity += restingQuantity;
            canceled.put(clientOrderId, restingQuantity);
            client.enqueue(inputs.encodeVenueDone(client.buffer(), client.sourceId(), client.nextSequence(),
                venueId, clientOrderId, restingQuantity));
        }
        else if (timesReceived.containsKey(clientOrderId))
        {
            cancelsTooLate++;
        }
        else
        {
            cancelsOfUnknown++;
        }
    }

    /**
     * A new leader asks what these venues know of a child. The answer goes into the cluster
     * through the same sender as every report about that child, after them, so the cluster
     * never counts a fill twice: found and filled, done with its fill; resting, open; canceled,
     * done with its released quantity; never received, not found.
     */
    public void onChildStatusQuery(final int memberId, final long clientOrderId, final int venueId)
    {
        statusQueries++;
        final Integer times = timesReceived.get(clientOrderId);
        final VenueOrderStatus status;
        if (times == null)
        {
            statusNotFound++;
            status = VenueOrderStatus.notFound();
        }
        else if (resting.containsKey(clientOrderId))
        {
            status = new VenueOrderStatus(VenueOrderStatus.State.OPEN, resting.get(clientOrderId), List.of(), 0, null,
                times);
        }
        else if (canceled.containsKey(clientOrderId))
        {
            final long released = canceled.get(clientOrderId);
            status = new VenueOrderStatus(VenueOrderStatus.State.DONE, released, List.of(), released, null, times);
        }
        else
        {
            final long[] fill = fills.get(clientOrderId);
            status = new VenueOrderStatus(VenueOrderStatus.State.DONE, fill[1],
                List.of(new VenueOrderStatus.Fill(fill[0], fill[1], 0.0, false)), 0, null, times);
        }
        client.enqueue(ChildStatusCodec.encode(client.buffer(), client.sourceId(), client.nextSequence(), venueId,
            clientOrderId, status, epochClockNs.getAsLong()));
    }

    /** Status queries received from leaders. */
    public long statusQueries()
    {
        return statusQueries;
    }

    /** Status queries about children these venues never received. */
    public long statusNotFound()
    {
        return statusNotFound;
    }

    /** Whether a child with this id reached these venues. */
    public boolean hasReceived(final long clientOrderId)
    {
        return timesReceived.containsKey(clientOrderId);
    }

    /** The next {@code children} child orders rest, unfilled, until canceled. */
    public void restNext(final int children)
    {
        if (children < 0)
        {
            throw new IllegalArgumentException("children to rest must not be negative: " + children);
        }
        toRest = children;
    }

    /** Child orders resting now. */
    public int restingCount()
    {
        return resting.size();
    }

    /** Quantity released by canceling resting children. */
    public long canceledQuantity()
    {
        return canceledQuantity;
    }

    public long cancelsReceived()
    {
        return cancelsReceived;
    }

    /** Cancels of children already filled in full. */
    public long cancelsTooLate()
    {
        return cancelsTooLate;
    }

    /** Cancels of children that never reached these venues. */
    public long cancelsOfUnknown()
    {
        return cancelsOfUnknown;
    }

    public List<Child> received()
    {
        return received;
    }

    /** How many of the children that arrived were sent by member {@code memberId}. */
    public int receivedFrom(final int memberId)
    {
        int count = 0;
        for (final Child child : received)
        {
            if (child.memberId() == memberId)
            {
                count++;
            }
        }
        return count;
    }

    /** Child ids that arrived more than once. */
    public int duplicates()
    {
        return duplicates;
    }

    public long filledQuantity()
    {
        return filledQuantity;
    }

    /** The first child that arrived after {@code nanoTime} from a member other than {@code notFrom}, or null. */
    public Child firstChildAfter(final long nanoTime, final int notFrom)
    {
        for (final Child child : received)
        {
            if (child.memberId() != notFrom && child.atNanoTime() > nanoTime)
            {
                return child;
            }
        }
        return null;
    }
}
