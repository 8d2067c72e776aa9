package io.slipway.sim.replay;

import io.slipway.card.NicLayout;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.SimEvent;
import io.slipway.sim.market.BinanceSbeEncoder;
import io.slipway.sim.market.OrderEntryPort;
import io.slipway.sim.market.RejectReason;
import io.slipway.sim.market.SimOrderEntryCodec;
import io.slipway.venue.MarketDataSink;
import io.slipway.venue.OrderEntryEncoder;
import io.slipway.venue.Venue;
import io.slipway.venue.VenueKind;
import io.slipway.venue.VenueListener;
import io.slipway.venue.VenueRules;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * An exchange that replays a recorded order book ({@link RecordedFeed}) and matches the host's
 * orders against it. The recorded market cannot react to the host: the host's orders never show
 * in the published book or tape and never change what the recording does next.
 *
 * <ul>
 *   <li>Market data, in the Binance spot SBE schema on channel {@code id << 4 | instrument}, at the
 *       recorded exchange time shifted so the replay start is the scheduler time at {@link #start}:
 *       at start the whole recorded book as depth diffs, then one depth diff per recorded diff
 *       (split to fit {@link #MAX_MARKET_DATA_MESSAGE}), a BestBidAsk whenever the rebuilt top
 *       changed, and a Trades message per recorded trade. Update ids are renumbered into one
 *       unbroken chain per channel (perpetual update ids are not consecutive). The recorded
 *       best bid/ask stream is not republished: the BestBidAsk always agrees with the depth.</li>
 *   <li>Taking (MARKET, IOC and the marketable part of LIMIT): the order takes recorded levels at
 *       their recorded prices, best first, up to its limit. Because the recording cannot be
 *       changed, what the host took is remembered per price level and subtracted from that level
 *       until the recording next changes the level; then the recorded quantity stands as
 *       published. So two host orders cannot take the same recorded quantity twice.</li>
 *   <li>Resting LIMIT remainders join the queue behind the recorded quantity at their price
 *       (plus the host's own earlier orders there). Recorded trades at the order's price reduce
 *       the queue ahead; the part of a trade beyond the queue ahead fills the order. A recorded
 *       trade through the price (below a resting buy, above a resting sell) would have reached
 *       the order first: the queue ahead is gone and the trade's quantity fills it. Cancels are
 *       counted conservatively: the queue ahead shrinks only when the recorded level becomes
 *       smaller than it (the cancelled quantity is assumed to have been behind the order), or
 *       when an earlier host order at the price is cancelled. A
 *       recorded book that moves through a resting order without trades does not fill it.</li>
 *   <li>Fills are at the recorded level's price for takers and the order's price for makers;
 *       fees at the listing's taker or maker rate on notional, as on the simulated venues.</li>
 *   <li>Orders reach the book one order latency after they left the card; reports leave one
 *       report latency after the event that produced them.</li>
 * </ul>
 */
public final class ReplayExchange implements Venue
{
    /** The card's lookaside ingress slot payload: every message must fit it whole. */
    public static final int MAX_MARKET_DATA_MESSAGE = NicLayout.INGRESS_MAX_PAYLOAD;

    private final int id;
    private final String name;
    private final long orderLatencyNs;
    private final long reportLatencyNs;
    private final SimOrderEntryCodec encoder = new SimOrderEntryCodec(true);
    private final OrderEntryPort port;
    private final Int2ObjectHashMap<Listing> listings = new Int2ObjectHashMap<>();
    private final List<Listing> listingOrder = new ArrayList<>();
    private final UnsafeBuffer mdBuffer = new UnsafeBuffer(new byte[1 << 16]);
    private final long[] chunkBidPrices = new long[MAX_MARKET_DATA_MESSAGE / 16];
    private final long[] chunkBidQtys = new long[MAX_MARKET_DATA_MESSAGE / 16];
    private final long[] chunkAskPrices = new long[MAX_MARKET_DATA_MESSAGE / 16];
    private final long[] chunkAskQtys = new long[MAX_MARKET_DATA_MESSAGE / 16];
    // The whole book at start, best first per side.
    private long[] wholeBidPrices = new long[1024];
    private long[] wholeBidQtys = new long[1024];
    private long[] wholeAskPrices = new long[1024];
    private long[] wholeAskQtys = new long[1024];
    private final long[] oneId = new long[1];
    private final long[] onePrice = new long[1];
    private final long[] oneQty = new long[1];

    private EventScheduler scheduler;
    private MarketDataSink marketDataSink;
    private VenueListener venueListener;
    private long shiftNs;
    private long endNs;

    private long hostFills;
    private long hostTakerQuantity;
    private long hostMakerQuantity;
    private long recordedEvents;

    /** A host order resting in the replayed queue. */
    private static final class HostOrder
    {
        final long clientOrderId;
        final Side side;
        final long price;
        long remaining;
        long queueAhead;

        HostOrder(final long clientOrderId, final Side side, final long price, final long remaining,
            final long queueAhead)
        {
            this.clientOrderId = clientOrderId;
            this.side = side;
            this.price = price;
            this.remaining = remaining;
            this.queueAhead = queueAhead;
        }
    }

    private final class Listing implements SimEvent
    {
        final Instrument instrument;
        final VenueRules rules;
        final RecordedFeed feed;
        final int channel;
        final byte[] symbol;
        final Long2LongHashMap takenBids = new Long2LongHashMap(0);
        final Long2LongHashMap takenAsks = new Long2LongHashMap(0);
        final List<HostOrder> resting = new ArrayList<>();
        long publishedUpdateId;
        long bidPrice;
        long bidQty;
        long askPrice;
        long askQty;
        boolean finished;

        Listing(final Instrument instrument, final VenueRules rules, final RecordedFeed feed, final int channel)
        {
            this.instrument = instrument;
            this.rules = rules;
            this.feed = feed;
            this.channel = channel;
            this.symbol = instrument.symbol().getBytes(StandardCharsets.US_ASCII);
        }

        Long2LongHashMap taken(final boolean bid)
        {
            return bid ? takenBids : takenAsks;
        }

        HostOrder find(final long clientOrderId)
        {
            for (int i = 0; i < resting.size(); i++)
            {
                if (resting.get(i).clientOrderId == clientOrderId)
                {
                    return resting.get(i);
                }
            }
            return null;
        }

        /** The next recorded event of this listing is due. */
        @Override
        public void fire(final long nowNs)
        {
            if (!feed.next())
            {
                finished = true;
                return;
            }
            recordedEvents++;
            switch (feed.type())
            {
                case DEPTH -> onRecordedDepth(this, nowNs);
                case TRADE -> onRecordedTrade(this, nowNs);
                default ->
                {
                    // The best bid/ask published is the replayed book's own top.
                }
            }
            scheduleNext(this);
        }
    }

    public ReplayExchange(final int id, final String name, final long orderLatencyNs, final long reportLatencyNs)
    {
        if (id < 1 || id > 7)
        {
            throw new IllegalArgumentException("venue id must be 1..7, was " + id);
        }
        if (name == null || name.isEmpty() || name.length() > 6)
        {
            throw new IllegalArgumentException("venue name must have 1..6 characters: " + name);
        }
        if (orderLatencyNs < 0 || reportLatencyNs < 0)
        {
            throw new IllegalArgumentException("latencies must be non-negative");
        }
        this.id = id;
        this.name = name;
        this.orderLatencyNs = orderLatencyNs;
        this.reportLatencyNs = reportLatencyNs;
        this.port = new OrderEntryPort(id, name, orderLatencyNs, reportLatencyNs, new HostOrders());
    }

    /** Lists an instrument replayed from a recording; call before {@link #start}. */
    public void list(final RecordedFeed feed, final VenueRules rules)
    {
        final Instrument instrument = feed.instrument();
        if (scheduler != null)
        {
            throw new IllegalStateException(name + " is already started");
        }
        if (listings.containsKey(instrument.id()))
        {
            throw new IllegalArgumentException(name + " already lists " + instrument.symbol());
        }
        final Listing listing = new Listing(instrument, rules, feed, id << 4 | instrument.id());
        listings.put(instrument.id(), listing);
        listingOrder.add(listing);
    }

    /**
     * Connects the venue and schedules the replay of recorded exchange times
     * {@code (replayStartNs, replayEndNs]}: recorded time {@code replayStartNs} is the scheduler's
     * time now. The book as of {@code replayStartNs} is published at once.
     */
    public void start(
        final EventScheduler scheduler,
        final MarketDataSink marketDataSink,
        final VenueListener venueListener,
        final long replayStartNs,
        final long replayEndNs)
    {
        if (this.scheduler != null)
        {
            throw new IllegalStateException(name + " is already started");
        }
        if (replayEndNs < replayStartNs)
        {
            throw new IllegalArgumentException("replay ends before it starts");
        }
        this.scheduler = scheduler;
        this.marketDataSink = marketDataSink;
        this.venueListener = venueListener;
        port.start(scheduler, venueListener);
        this.shiftNs = scheduler.nowNs() - replayStartNs;
        this.endNs = replayEndNs;
        for (final Listing listing : listingOrder)
        {
            listing.feed.skipUntil(replayStartNs + 1);
            if (listing.feed.bids().isEmpty() || listing.feed.asks().isEmpty())
            {
                throw new IllegalStateException(name + ": replay of " + listing.feed.file() +
                    " starts before its book snapshot");
            }
            publishWholeBook(listing, scheduler.nowNs());
            scheduleNext(listing);
        }
    }

    @Override
    public int id()
    {
        return id;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public VenueKind kind()
    {
        return VenueKind.EXCHANGE;
    }

    @Override
    public VenueRules rules(final Instrument instrument)
    {
        final Listing listing = listings.get(instrument.id());
        return listing == null ? null : listing.rules;
    }

    @Override
    public int marketDataChannel(final Instrument instrument)
    {
        return id << 4 | instrument.id();
    }

    @Override
    public void onOrderMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        port.onMessage(buffer, offset, length);
    }

    @Override
    public OrderEntryEncoder orderEntryEncoder()
    {
        return encoder;
    }

    public long orderLatencyNs()
    {
        return orderLatencyNs;
    }

    public long reportLatencyNs()
    {
        return reportLatencyNs;
    }

    /** The recorded feed of an instrument (its book is the replayed book now), or null. */
    public RecordedFeed feed(final Instrument instrument)
    {
        final Listing listing = listings.get(instrument.id());
        return listing == null ? null : listing.feed;
    }

    /** Quantity the host has taken from a recorded level and that the recording has not refreshed yet. */
    public long hostTakenAt(final Instrument instrument, final boolean bid, final long price)
    {
        return listings.get(instrument.id()).taken(bid).get(price);
    }

    /** Recorded quantity ahead of a resting host order, or -1 when it does not rest here. */
    public long queueAhead(final Instrument instrument, final long clientOrderId)
    {
        final HostOrder order = listings.get(instrument.id()).find(clientOrderId);
        return order == null ? -1 : order.queueAhead;
    }

    /** True once every listing has replayed its window. */
    public boolean finished()
    {
        for (final Listing listing : listingOrder)
        {
            if (!listing.finished)
            {
                return false;
            }
        }
        return true;
    }

    public long hostFills()
    {
        return hostFills;
    }

    public long hostTakerQuantity()
    {
        return hostTakerQuantity;
    }

    public long hostMakerQuantity()
    {
        return hostMakerQuantity;
    }

    /** Recorded events replayed so far, all listings. */
    public long recordedEvents()
    {
        return recordedEvents;
    }

    private RejectReason submit(
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final long price,
        final long quantity,
        final long nowNs)
    {
        final Listing listing = listings.get(instrumentId);
        if (listing == null)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        final RejectReason invalid = validate(listing, price, quantity);
        if (invalid != RejectReason.NONE)
        {
            return invalid;
        }
        if (listing.find(clientOrderId) != null)
        {
            return RejectReason.DUPLICATE_CLIENT_ORDER_ID;
        }
        if (type == OrderType.POST_ONLY && crossesRecordedBook(listing, side, price))
        {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        }
        report(nowNs, () -> venueListener.onAccepted(id, clientOrderId));

        final long remaining = take(listing, clientOrderId, side, type == OrderType.MARKET ? 0 : price, quantity,
            nowNs);
        if (remaining == 0)
        {
            report(nowNs, () -> venueListener.onDone(id, clientOrderId, 0));
        }
        else if (type == OrderType.LIMIT || type == OrderType.POST_ONLY)
        {
            final boolean bid = side == Side.BUY;
            final Long recorded = (bid ? listing.feed.bids() : listing.feed.asks()).get(price);
            long ahead = recorded == null ? 0 : recorded;
            for (final HostOrder earlier : listing.resting)
            {
                if (earlier.side == side && earlier.price == price)
                {
                    ahead += earlier.remaining;
                }
            }
            listing.resting.add(new HostOrder(clientOrderId, side, price, remaining, ahead));
        }
        else
        {
            report(nowNs, () -> venueListener.onDone(id, clientOrderId, remaining));
        }
        return RejectReason.NONE;
    }

    /** Takes recorded liquidity up to the limit (0: none); returns the quantity left. */
    /**
     * Whether a price reaches the recorded opposite touch. Judged on the recorded book alone, so a
     * post-only order may be refused at a level the host has already taken out.
     */
    private static boolean crossesRecordedBook(final Listing listing, final Side side, final long price)
    {
        final boolean buy = side == Side.BUY;
        final NavigableMap<Long, Long> opposite = buy ? listing.feed.asks() : listing.feed.bids();
        return !opposite.isEmpty() && (buy ? opposite.firstKey() <= price : opposite.firstKey() >= price);
    }

    private long take(
        final Listing listing,
        final long clientOrderId,
        final Side side,
        final long limitPrice,
        final long quantity,
        final long nowNs)
    {
        final boolean buy = side == Side.BUY;
        final NavigableMap<Long, Long> opposite = buy ? listing.feed.asks() : listing.feed.bids();
        final Long2LongHashMap taken = listing.taken(!buy);
        long remaining = quantity;
        for (final Map.Entry<Long, Long> level : opposite.entrySet())
        {
            if (remaining == 0)
            {
                break;
            }
            final long levelPrice = level.getKey();
            if (limitPrice != 0 && (buy ? levelPrice > limitPrice : levelPrice < limitPrice))
            {
                break;
            }
            final long alreadyTaken = taken.get(levelPrice);
            final long available = level.getValue() - alreadyTaken;
            if (available <= 0)
            {
                continue;
            }
            final long fill = Math.min(available, remaining);
            taken.put(levelPrice, alreadyTaken + fill);
            remaining -= fill;
            hostFills++;
            hostTakerQuantity += fill;
            final double fee = listing.instrument.notional(levelPrice, fill) * listing.rules.takerFeeRate();
            report(nowNs, () -> venueListener.onFill(id, clientOrderId, levelPrice, fill, fee, false));
        }
        return remaining;
    }

    private RejectReason cancel(final long clientOrderId, final int instrumentId, final long nowNs)
    {
        final Listing listing = listings.get(instrumentId);
        if (listing == null)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        final HostOrder order = listing.find(clientOrderId);
        if (order == null)
        {
            return RejectReason.UNKNOWN_ORDER;
        }
        final int index = listing.resting.indexOf(order);
        listing.resting.remove(index);
        final long released = order.remaining;
        // Host orders that queued behind it move up by what it released.
        for (int i = index; i < listing.resting.size(); i++)
        {
            final HostOrder later = listing.resting.get(i);
            if (later.side == order.side && later.price == order.price)
            {
                later.queueAhead = Math.max(0, later.queueAhead - released);
            }
        }
        report(nowNs, () -> venueListener.onDone(id, clientOrderId, released));
        return RejectReason.NONE;
    }

    private static RejectReason validate(final Listing listing, final long price, final long quantity)
    {
        return RejectReason.checkRules(listing.rules, listing.instrument, price, quantity);
    }

    private void scheduleNext(final Listing listing)
    {
        final long next = listing.feed.peekTimeNs();
        if (next == Long.MAX_VALUE || next > endNs)
        {
            listing.finished = true;
            return;
        }
        scheduler.schedule(Math.max(scheduler.nowNs(), next + shiftNs), listing);
    }

    private void onRecordedDepth(final Listing listing, final long nowNs)
    {
        final RecordedFeed feed = listing.feed;
        if (feed.isSnapshot())
        {
            throw new IllegalStateException(name + ": a second book snapshot inside the replay window");
        }
        final int bids = feed.bidCount();
        final int asks = feed.askCount();
        for (int i = 0; i < bids; i++)
        {
            onLevelChanged(listing, true, feed.bidPrice(i), feed.bidQuantity(i));
        }
        for (int i = 0; i < asks; i++)
        {
            onLevelChanged(listing, false, feed.askPrice(i), feed.askQuantity(i));
        }
        publishDiff(listing, nowNs / 1_000, bids, asks, false);
        publishTopIfChanged(listing, nowNs / 1_000);
    }

    /**
     * The recording changed a level: the host's taken quantity there is void, and a queue ahead
     * cannot exceed the recorded level plus the host's own earlier orders at that price.
     */
    private void onLevelChanged(final Listing listing, final boolean bid, final long price, final long quantity)
    {
        listing.taken(bid).remove(price);
        final Side side = bid ? Side.BUY : Side.SELL;
        long hostAhead = 0;
        for (int i = 0; i < listing.resting.size(); i++)
        {
            final HostOrder order = listing.resting.get(i);
            if (order.side == side && order.price == price)
            {
                order.queueAhead = Math.min(order.queueAhead, quantity + hostAhead);
                hostAhead += order.remaining;
            }
        }
    }

    private void onRecordedTrade(final Listing listing, final long nowNs)
    {
        final RecordedFeed feed = listing.feed;
        final long price = feed.price();
        final long quantity = feed.quantity();
        final boolean buyerMaker = feed.buyerMaker();
        oneId[0] = feed.tradeId();
        onePrice[0] = price;
        oneQty[0] = quantity;
        final long timeUs = nowNs / 1_000;
        final int length = BinanceSbeEncoder.encodeTrades(mdBuffer, 0, timeUs, timeUs, oneId, onePrice, oneQty,
            buyerMaker, 1, listing.symbol);
        marketDataSink.onSbeMessage(listing.channel, mdBuffer, 0, length);

        // A seller-initiated trade reaches resting buys, a buyer-initiated one resting sells.
        final Side hitSide = buyerMaker ? Side.BUY : Side.SELL;
        for (int i = 0; i < listing.resting.size(); i++)
        {
            final HostOrder order = listing.resting.get(i);
            if (order.side != hitSide)
            {
                continue;
            }
            final boolean through = hitSide == Side.BUY ? price < order.price : price > order.price;
            final long reaching;
            if (through)
            {
                order.queueAhead = 0;
                reaching = quantity;
            }
            else if (price == order.price)
            {
                reaching = quantity - order.queueAhead;
                order.queueAhead = Math.max(0, order.queueAhead - quantity);
            }
            else
            {
                continue;
            }
            final long fill = Math.min(order.remaining, reaching);
            if (fill <= 0)
            {
                continue;
            }
            order.remaining -= fill;
            hostFills++;
            hostMakerQuantity += fill;
            final long clientOrderId = order.clientOrderId;
            final long fillPrice = order.price;
            final double fee = listing.instrument.notional(fillPrice, fill) * listing.rules.makerFeeRate();
            report(nowNs, () -> venueListener.onFill(id, clientOrderId, fillPrice, fill, fee, true));
            if (order.remaining == 0)
            {
                listing.resting.remove(i);
                i--;
                report(nowNs, () -> venueListener.onDone(id, clientOrderId, 0));
            }
        }
    }

    /** Publishes every level of the recorded book, as diffs, so a consumer starts from the same book. */
    private void publishWholeBook(final Listing listing, final long nowNs)
    {
        final RecordedFeed feed = listing.feed;
        int bids = 0;
        for (final Map.Entry<Long, Long> level : feed.bids().entrySet())
        {
            chunkLevel(true, bids++, level.getKey(), level.getValue());
        }
        int asks = 0;
        for (final Map.Entry<Long, Long> level : feed.asks().entrySet())
        {
            chunkLevel(false, asks++, level.getKey(), level.getValue());
        }
        publishDiff(listing, nowNs / 1_000, bids, asks, true);
        publishTopIfChanged(listing, nowNs / 1_000);
    }

    private void chunkLevel(final boolean bid, final int index, final long price, final long quantity)
    {
        if (bid)
        {
            if (index == wholeBidPrices.length)
            {
                wholeBidPrices = Arrays.copyOf(wholeBidPrices, index * 2);
                wholeBidQtys = Arrays.copyOf(wholeBidQtys, index * 2);
            }
            wholeBidPrices[index] = price;
            wholeBidQtys[index] = quantity;
        }
        else
        {
            if (index == wholeAskPrices.length)
            {
                wholeAskPrices = Arrays.copyOf(wholeAskPrices, index * 2);
                wholeAskQtys = Arrays.copyOf(wholeAskQtys, index * 2);
            }
            wholeAskPrices[index] = price;
            wholeAskQtys[index] = quantity;
        }
    }

    /**
     * Publishes levels as depth diffs of at most {@link #MAX_MARKET_DATA_MESSAGE} bytes, one update
     * id each, chained on the channel. Levels come from the whole-book arrays or the current event.
     */
    private void publishDiff(final Listing listing, final long eventTimeUs, final int bidCount, final int askCount,
        final boolean wholeBook)
    {
        final RecordedFeed feed = listing.feed;
        final int capacity = BinanceSbeEncoder.depthDiffLevelCapacity(MAX_MARKET_DATA_MESSAGE, listing.symbol.length);
        final int messages = Math.max(1, (bidCount + askCount + capacity - 1) / capacity);
        int bidFrom = 0;
        int askFrom = 0;
        for (int m = 0; m < messages; m++)
        {
            final int bids = Math.min(capacity, bidCount - bidFrom);
            final int asks = Math.min(capacity - bids, askCount - askFrom);
            for (int i = 0; i < bids; i++)
            {
                chunkBidPrices[i] = wholeBook ? wholeBidPrices[bidFrom + i] : feed.bidPrice(bidFrom + i);
                chunkBidQtys[i] = wholeBook ? wholeBidQtys[bidFrom + i] : feed.bidQuantity(bidFrom + i);
            }
            for (int i = 0; i < asks; i++)
            {
                chunkAskPrices[i] = wholeBook ? wholeAskPrices[askFrom + i] : feed.askPrice(askFrom + i);
                chunkAskQtys[i] = wholeBook ? wholeAskQtys[askFrom + i] : feed.askQuantity(askFrom + i);
            }
            final long updateId = ++listing.publishedUpdateId;
            final int length = BinanceSbeEncoder.encodeDepthDiff(mdBuffer, 0, eventTimeUs, updateId, updateId,
                chunkBidPrices, chunkBidQtys, bids, chunkAskPrices, chunkAskQtys, asks, listing.symbol);
            marketDataSink.onSbeMessage(listing.channel, mdBuffer, 0, length);
            bidFrom += bids;
            askFrom += asks;
        }
    }

    private void publishTopIfChanged(final Listing listing, final long eventTimeUs)
    {
        final NavigableMap<Long, Long> bids = listing.feed.bids();
        final NavigableMap<Long, Long> asks = listing.feed.asks();
        final long bid = bids.isEmpty() ? 0 : bids.firstKey();
        final long bidQty = bids.isEmpty() ? 0 : bids.firstEntry().getValue();
        final long ask = asks.isEmpty() ? 0 : asks.firstKey();
        final long askQty = asks.isEmpty() ? 0 : asks.firstEntry().getValue();
        if (bid != listing.bidPrice || bidQty != listing.bidQty || ask != listing.askPrice || askQty != listing.askQty)
        {
            listing.bidPrice = bid;
            listing.bidQty = bidQty;
            listing.askPrice = ask;
            listing.askQty = askQty;
            final int length = BinanceSbeEncoder.encodeBestBidAsk(mdBuffer, 0, eventTimeUs, listing.publishedUpdateId,
                bid, bidQty, ask, askQty, listing.symbol);
            marketDataSink.onSbeMessage(listing.channel, mdBuffer, 0, length);
        }
    }

    private void report(final long nowNs, final Runnable report)
    {
        port.report(nowNs, report);
    }

    /** The host's requests as they arrive at the port, against the replayed book. */
    private final class HostOrders implements OrderEntryPort.Handler
    {
        @Override
        public RejectReason onNew(final long clientOrderId, final int instrumentId, final Side side, final OrderType type,
            final long price, final long quantity, final long nowNs)
        {
            return submit(clientOrderId, instrumentId, side, type, price, quantity, nowNs);
        }

        /** The replay venue keeps no queue model that a replace could move; it refuses them. */
        @Override
        public RejectReason onReplace(final long clientOrderId, final int instrumentId, final long price,
            final long quantity, final long nowNs)
        {
            return RejectReason.UNSUPPORTED;
        }

        @Override
        public RejectReason onCancel(final long clientOrderId, final int instrumentId, final long nowNs)
        {
            return cancel(clientOrderId, instrumentId, nowNs);
        }
    }
}
