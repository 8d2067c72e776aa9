package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.venue.VenueRules;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * A price-time priority matching engine for the instruments of one venue.
 *
 * <ul>
 *   <li>LIMIT rests what does not match; IOC fills what it can and expires the rest; MARKET
 *       carries a protection price it never trades through and expires the rest; POST_ONLY rests
 *       whole or is refused ({@link RejectReason#POST_ONLY_WOULD_TAKE}) when it would take.</li>
 *   <li>Cancel/replace ({@link #replace}) keeps time priority only for a quantity reduction at
 *       the same price; any other change re-queues the order at the back of its new level.</li>
 *   <li>Requests breaking the instrument's {@link VenueRules} are refused with a
 *       {@link RejectReason} and change nothing.</li>
 *   <li>Each order belongs to an owner; client order ids are unique among an owner's live
 *       orders. Self-trade prevention is "expire taker": an incoming order that would match a
 *       resting order of its own owner stops there and its remainder expires.</li>
 *   <li>Fees: the taker pays the taker rate, the maker the maker rate (negative is a rebate),
 *       on notional in quote currency.</li>
 * </ul>
 */
public final class MatchingEngine
{
    private final Int2ObjectHashMap<Market> markets = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<Long2ObjectHashMap<OrderBook.Order>> liveOrdersByOwner = new Int2ObjectHashMap<>();
    private final MatchingEngineListener listener;

    private static final class Market
    {
        final Instrument instrument;
        final VenueRules rules;
        final OrderBook book;

        Market(final Instrument instrument, final VenueRules rules)
        {
            this.instrument = instrument;
            this.rules = rules;
            this.book = new OrderBook(instrument.id());
        }
    }

    public MatchingEngine(final MatchingEngineListener listener)
    {
        this.listener = listener;
    }

    public void addInstrument(final Instrument instrument, final VenueRules rules)
    {
        if (markets.containsKey(instrument.id()))
        {
            throw new IllegalArgumentException("instrument already listed: " + instrument);
        }
        markets.put(instrument.id(), new Market(instrument, rules));
    }

    /** The book of an instrument, or null when it is not listed. */
    public OrderBook book(final int instrumentId)
    {
        final Market market = markets.get(instrumentId);
        return market == null ? null : market.book;
    }

    public VenueRules rules(final int instrumentId)
    {
        final Market market = markets.get(instrumentId);
        return market == null ? null : market.rules;
    }

    /** Whether the owner has a live order with this client order id. */
    public boolean isLive(final int owner, final long clientOrderId)
    {
        final Long2ObjectHashMap<OrderBook.Order> live = liveOrdersByOwner.get(owner);
        return live != null && live.containsKey(clientOrderId);
    }

    /** Remaining quantity of a live order, or 0. */
    public long remaining(final int owner, final long clientOrderId)
    {
        final Long2ObjectHashMap<OrderBook.Order> live = liveOrdersByOwner.get(owner);
        final OrderBook.Order order = live == null ? null : live.get(clientOrderId);
        return order == null ? 0 : order.remaining;
    }

    /**
     * Submits an order. For MARKET, price is the protection price: a buy never pays more, a
     * sell never receives less.
     *
     * @return {@link RejectReason#NONE} when accepted (and then matched and possibly rested).
     */
    public RejectReason submit(
        final int owner,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final long price,
        final long quantity,
        final long timeNs)
    {
        final Market market = markets.get(instrumentId);
        if (market == null)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        final RejectReason invalid = validate(market, price, quantity);
        if (invalid != RejectReason.NONE)
        {
            return invalid;
        }
        Long2ObjectHashMap<OrderBook.Order> live = liveOrdersByOwner.get(owner);
        if (live != null && live.containsKey(clientOrderId))
        {
            return RejectReason.DUPLICATE_CLIENT_ORDER_ID;
        }
        final OrderBook book = market.book;
        final boolean postOnly = type == OrderType.POST_ONLY;
        if (postOnly && wouldCross(book, side, price))
        {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        }

        listener.onAccepted(instrumentId, owner, clientOrderId, timeNs);
        final long remaining = match(market, owner, clientOrderId, side, price, quantity, timeNs);
        if (remaining == 0)
        {
            listener.onDone(instrumentId, owner, clientOrderId, 0, timeNs);
        }
        else if ((type == OrderType.LIMIT || postOnly) && !wouldCross(book, side, price))
        {
            if (live == null)
            {
                live = new Long2ObjectHashMap<>();
                liveOrdersByOwner.put(owner, live);
            }
            live.put(clientOrderId,
                book.rest(owner, clientOrderId, side, price, remaining, quantity - remaining, postOnly));
        }
        else
        {
            // IOC and MARKET remainders, and a LIMIT stopped by self-trade prevention, expire.
            listener.onDone(instrumentId, owner, clientOrderId, remaining, timeNs);
        }
        return RejectReason.NONE;
    }

    /**
     * Rests an order again, as it stood when its venue went down, without matching it and without
     * telling the listener (it was accepted long ago). Refused when it would cross the book as it is
     * now, when the instrument is not listed or when the owner already has a live order with the id:
     * the caller then ends it.
     *
     * @return whether it rests.
     */
    public boolean restoreResting(final int owner, final long clientOrderId, final int instrumentId, final Side side,
        final long price, final long remaining, final long filled, final boolean postOnly)
    {
        final Market market = markets.get(instrumentId);
        if (market == null || remaining <= 0 || wouldCross(market.book, side, price) ||
            isLive(owner, clientOrderId))
        {
            return false;
        }
        Long2ObjectHashMap<OrderBook.Order> live = liveOrdersByOwner.get(owner);
        if (live == null)
        {
            live = new Long2ObjectHashMap<>();
            liveOrdersByOwner.put(owner, live);
        }
        live.put(clientOrderId, market.book.rest(owner, clientOrderId, side, price, remaining, filled, postOnly));
        return true;
    }

    /** Cancels a resting order; its released quantity is reported through onDone. */
    public RejectReason cancel(final int owner, final long clientOrderId, final int instrumentId, final long timeNs)
    {
        final Market market = markets.get(instrumentId);
        if (market == null)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        final Long2ObjectHashMap<OrderBook.Order> live = liveOrdersByOwner.get(owner);
        final OrderBook.Order order = live == null ? null : live.get(clientOrderId);
        if (order == null || order.level == null || !belongsTo(market.book, order))
        {
            return RejectReason.UNKNOWN_ORDER;
        }
        live.remove(clientOrderId);
        final long released = market.book.remove(order);
        listener.onDone(instrumentId, owner, clientOrderId, released, timeNs);
        return RejectReason.NONE;
    }

    /**
     * Cancel/replace of a resting order, which keeps its client order id. newQuantity is the new
     * total quantity, the part already filled included.
     *
     * <ul>
     *   <li>Same price, quantity down: the order shrinks in place and keeps its time priority.</li>
     *   <li>Price change or quantity up: the order leaves its level and comes back as if new, at
     *       the back of the queue; when the new price crosses it first matches as an aggressive
     *       order (a post-only order is refused instead, {@link RejectReason#POST_ONLY_WOULD_TAKE}).</li>
     *   <li>New quantity at or below the filled part: the rest is canceled, reported by onDone.</li>
     * </ul>
     *
     * The ack is reported through onAccepted. A refused replace (unknown or finished order, invalid
     * price or quantity) changes nothing and leaves the order as it was.
     */
    public RejectReason replace(
        final int owner,
        final long clientOrderId,
        final int instrumentId,
        final long newPrice,
        final long newQuantity,
        final long timeNs)
    {
        final Market market = markets.get(instrumentId);
        if (market == null)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        final Long2ObjectHashMap<OrderBook.Order> live = liveOrdersByOwner.get(owner);
        final OrderBook.Order order = live == null ? null : live.get(clientOrderId);
        final OrderBook book = market.book;
        if (order == null || order.level == null || !belongsTo(book, order))
        {
            return RejectReason.UNKNOWN_ORDER;
        }
        if (newQuantity <= order.filled)
        {
            if (newQuantity < 0)
            {
                return RejectReason.INVALID_QUANTITY;
            }
            listener.onAccepted(instrumentId, owner, clientOrderId, timeNs);
            live.remove(clientOrderId);
            final long released = book.remove(order);
            listener.onDone(instrumentId, owner, clientOrderId, released, timeNs);
            return RejectReason.NONE;
        }
        final RejectReason invalid = validate(market, newPrice, newQuantity);
        if (invalid != RejectReason.NONE)
        {
            return invalid;
        }
        final long newRemaining = newQuantity - order.filled;
        if (newPrice == order.price && newRemaining <= order.remaining)
        {
            listener.onAccepted(instrumentId, owner, clientOrderId, timeNs);
            if (newRemaining < order.remaining)
            {
                book.shrink(order, newRemaining);
            }
            return RejectReason.NONE;
        }
        final Side side = order.side;
        final boolean postOnly = order.postOnly;
        // The order rests on its own side, so it is never the opposite best it would cross.
        if (postOnly && wouldCross(book, side, newPrice))
        {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        }

        listener.onAccepted(instrumentId, owner, clientOrderId, timeNs);
        long filled = order.filled;
        live.remove(clientOrderId);
        book.remove(order);
        final long remaining = match(market, owner, clientOrderId, side, newPrice, newRemaining, timeNs);
        filled += newRemaining - remaining;
        if (remaining == 0)
        {
            listener.onDone(instrumentId, owner, clientOrderId, 0, timeNs);
        }
        else if (!wouldCross(book, side, newPrice))
        {
            live.put(clientOrderId, book.rest(owner, clientOrderId, side, newPrice, remaining, filled, postOnly));
        }
        else
        {
            // Stopped by self-trade prevention, as a new LIMIT would be: the remainder expires.
            listener.onDone(instrumentId, owner, clientOrderId, remaining, timeNs);
        }
        return RejectReason.NONE;
    }

    /** Client order ids are per owner across instruments; the cancel must name the order's own book. */
    private static boolean belongsTo(final OrderBook book, final OrderBook.Order order)
    {
        return book.side(order.side).levels.get(order.price) == order.level;
    }

    private static RejectReason validate(final Market market, final long price, final long quantity)
    {
        return RejectReason.checkRules(market.rules, market.instrument, price, quantity);
    }

    /**
     * Whether a price crosses the opposite side. Before matching: a post-only order would take.
     * After matching: a LIMIT remainder whose price still crosses was stopped by self-trade prevention.
     */
    private static boolean wouldCross(final OrderBook book, final Side side, final long price)
    {
        return side == Side.BUY ? price >= book.bestAsk() : price <= book.bestBid();
    }

    private long match(
        final Market market,
        final int owner,
        final long clientOrderId,
        final Side side,
        final long limitPrice,
        final long quantity,
        final long timeNs)
    {
        final OrderBook book = market.book;
        final Side makerSide = side.opposite();
        final VenueRules rules = market.rules;
        final Instrument instrument = market.instrument;
        long remaining = quantity;
        while (remaining > 0)
        {
            final OrderBook.Order maker = book.bestOrder(makerSide);
            if (maker == null)
            {
                break;
            }
            final long makerPrice = maker.price;
            if (side == Side.BUY ? makerPrice > limitPrice : makerPrice < limitPrice)
            {
                break;
            }
            if (maker.owner == owner)
            {
                // Self-trade prevention, expire taker.
                break;
            }
            final long fill = Math.min(remaining, maker.remaining);
            final int makerOwner = maker.owner;
            final long makerClientOrderId = maker.clientOrderId;
            final double notional = instrument.notional(makerPrice, fill);
            remaining -= fill;
            final boolean makerDone = maker.remaining == fill;
            if (makerDone)
            {
                liveOrdersByOwner.get(makerOwner).remove(makerClientOrderId);
            }
            book.reduce(maker, fill);
            listener.onTrade(
                instrument.id(), side, owner, clientOrderId, makerOwner, makerClientOrderId, makerPrice, fill,
                notional * rules.takerFeeRate(), notional * rules.makerFeeRate(), timeNs);
            if (makerDone)
            {
                listener.onDone(instrument.id(), makerOwner, makerClientOrderId, 0, timeNs);
            }
        }
        return remaining;
    }
}
