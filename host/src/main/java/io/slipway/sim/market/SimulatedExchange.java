package io.slipway.sim.market;

import io.slipway.domain.ChildOrderIds;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.venue.MarketDataSink;
import io.slipway.venue.OrderEntryEncoder;
import io.slipway.venue.Venue;
import io.slipway.venue.VenueKind;
import io.slipway.venue.VenueListener;
import io.slipway.venue.VenueRules;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A simulated central limit order book exchange.
 *
 * <ul>
 *   <li>Host orders arrive as {@link SimOrderEntryCodec} bytes and reach the matching engine one
 *       order latency later; reports to the {@link VenueListener} leave one report latency after
 *       the engine produced them. Both are realised as scheduler events.</li>
 *   <li>Simulated participants ({@link Participant}) trade directly in the engine, without wire
 *       or latency; they are the rest of the market.</li>
 *   <li>Market data, in the Binance spot SBE schema on channel {@code id << 4 | instrument}: a
 *       Trades message per aggressive order that matched; every publication interval a DepthDiff
 *       of the levels that changed (if any) and a BestBidAsk if the top differs from the last one
 *       published. The sink given to {@link #start} receives it at the venue's clock; wrap it in a
 *       {@link DelayedMarketDataSink} for a feed latency (the {@link SimulatedMarket} does).</li>
 *   <li>Host fills, taking and resting, are passed to the shared {@link ImpactModel}: a passive fill is
 *       part of the metaorder and moves the price as much as a taking one.</li>
 *   <li>Host order entry: NEW (LIMIT, IOC, MARKET, POST_ONLY), CANCEL and REPLACE; rejects reach
 *       the listener's onRejected, a replace's ack its onAccepted.</li>
 *   <li>Rate limit: a token bucket per owner ({@link #rateLimit(int, int)}) counts new orders,
 *       cancels and replaces; a message beyond it is refused with "rate limit exceeded" and
 *       changes nothing. Registered participants ({@link #addParticipant}) are exempt: they stand
 *       for the rest of the market, many members each with its own budget, and throttling them
 *       would throttle the simulated world itself.</li>
 *   <li>Scripted disruptions: during an outage ({@link #beginOutage()}) every new order,
 *       cancel and replace, the host's and participants', is refused with "venue outage", resting orders stay
 *       and nothing is published; while the feed is paused ({@link #pauseFeed()}) matching goes on
 *       but nothing is published. Afterwards the first depth diff covers every level that changed
 *       meanwhile and chains by update id; trades matched during a pause are not republished.</li>
 * </ul>
 */
public final class SimulatedExchange implements Venue
{
    /** Owner id of the Slipway host's orders. */
    public static final int HOST_OWNER = 1;

    /**
     * Default order-entry budget per owner. Modelled on venue order-count limits ("Venue limits to
     * stay under: Binance 6000 request weight a minute, order-count limits per 10 s and per day"):
     * a short-window count that allows a burst and then refills. 50 messages a second with a
     * burst of 100 is generous enough that a TWAP's child orders and cancels never come near it,
     * while a runaway order loop hits it within two seconds.
     */
    public static final int DEFAULT_RATE_LIMIT_PER_SECOND = 50;
    public static final int DEFAULT_RATE_LIMIT_BURST = 100;

    private static final int MAX_TRADES_PER_MESSAGE = 4096;

    private final int id;
    private final String name;
    private final long orderLatencyNs;
    private final long reportLatencyNs;
    private final SimOrderEntryCodec encoder = new SimOrderEntryCodec(true);
    private final OrderEntryPort port;
    private final MatchingEngine engine;
    private final Int2ObjectHashMap<Listing> listings = new Int2ObjectHashMap<>();
    private final List<Listing> listingOrder = new ArrayList<>();
    private final Int2ObjectHashMap<Participant> participants = new Int2ObjectHashMap<>();
    /**
     * Largest market-data message a venue publishes: the card's lookaside ingress slot payload,
     * so every simulated message can take the card's decode path whole.
     */
    public static final int MAX_MARKET_DATA_MESSAGE = io.slipway.card.NicLayout.INGRESS_MAX_PAYLOAD;

    private final UnsafeBuffer mdBuffer = new UnsafeBuffer(new byte[1 << 21]);
    private final long[] chunkBidPrices = new long[MAX_MARKET_DATA_MESSAGE / 16];
    private final long[] chunkBidQtys = new long[MAX_MARKET_DATA_MESSAGE / 16];
    private final long[] chunkAskPrices = new long[MAX_MARKET_DATA_MESSAGE / 16];
    private final long[] chunkAskQtys = new long[MAX_MARKET_DATA_MESSAGE / 16];

    private EventScheduler scheduler;
    private MarketDataSink marketDataSink;
    private VenueListener venueListener;
    private MarketTradeListener tradeListener = MarketTradeListener.NONE;
    private ImpactModel impactModel;
    private int outages;
    private int feedPauses;
    private int rateLimitPerSecond = DEFAULT_RATE_LIMIT_PER_SECOND;
    private int rateLimitBurst = DEFAULT_RATE_LIMIT_BURST;
    private final Int2ObjectHashMap<TokenBucket> rateLimits = new Int2ObjectHashMap<>();

    // Matches of the aggressive order in progress, published as one Trades message.
    private final long[] tradeIds = new long[MAX_TRADES_PER_MESSAGE];
    private final long[] tradePrices = new long[MAX_TRADES_PER_MESSAGE];
    private final long[] tradeQtys = new long[MAX_TRADES_PER_MESSAGE];
    private int tradeCount;
    private Side tradeTakerSide;
    private long nextTradeId = 1;

    // Scratch for depth diffs; a diff of more than 65535 levels a side in one interval is refused by the encoder.
    private long[] bidPrices = new long[256];
    private long[] bidQtys = new long[256];
    private int bidCount;
    private long[] askPrices = new long[256];
    private long[] askQtys = new long[256];
    private int askCount;
    private final OrderBook.LevelConsumer diffCollector = this::collectLevel;

    private static final class Listing
    {
        final Instrument instrument;
        final VenueRules rules;
        final int channel;
        final byte[] symbol;
        long publishedUpdateId;
        long bidPrice;
        long bidQty;
        long askPrice;
        long askQty;

        Listing(final Instrument instrument, final VenueRules rules, final int channel)
        {
            this.instrument = instrument;
            this.rules = rules;
            this.channel = channel;
            this.symbol = instrument.symbol().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final HostOrderLedger hostOrders = new HostOrderLedger();

    public SimulatedExchange(final int id, final String name, final long orderLatencyNs, final long reportLatencyNs)
    {
        if (id < 1 || id > 7)
        {
            throw new IllegalArgumentException("venue id must be 1..7, was " + id);
        }
        if (orderLatencyNs < 0 || reportLatencyNs < 0)
        {
            throw new IllegalArgumentException("latencies must be non-negative");
        }
        this.id = id;
        this.name = name;
        this.orderLatencyNs = orderLatencyNs;
        this.reportLatencyNs = reportLatencyNs;
        this.engine = new MatchingEngine(new EngineEvents());
        this.port = new OrderEntryPort(id, name, orderLatencyNs, reportLatencyNs, new HostOrders());
    }

    public void list(final Instrument instrument, final VenueRules rules)
    {
        engine.addInstrument(instrument, rules);
        final Listing listing = new Listing(instrument, rules, id << 4 | instrument.id());
        listings.put(instrument.id(), listing);
        listingOrder.add(listing);
    }

    /** Connects the venue to the simulated world; call once before any order or participant flow. */
    public void start(
        final EventScheduler scheduler,
        final MarketDataSink marketDataSink,
        final VenueListener venueListener,
        final MarketTradeListener tradeListener,
        final ImpactModel impactModel)
    {
        this.scheduler = scheduler;
        this.marketDataSink = marketDataSink;
        this.venueListener = venueListener;
        port.start(scheduler, venueListener);
        this.tradeListener = tradeListener == null ? MarketTradeListener.NONE : tradeListener;
        this.impactModel = impactModel;
    }

    public void setMarketTradeListener(final MarketTradeListener listener)
    {
        this.tradeListener = listener == null ? MarketTradeListener.NONE : listener;
    }

    /**
     * Sets the per-owner order-entry budget: messagesPerSecond sustained, burst at once. Orders,
     * cancels and replaces each take one token. Buckets start full; call before order flow.
     */
    public void rateLimit(final int messagesPerSecond, final int burst)
    {
        if (messagesPerSecond <= 0 || burst <= 0)
        {
            throw new IllegalArgumentException(name + ": rate limit needs positive messagesPerSecond and burst, was " +
                messagesPerSecond + "/s burst " + burst);
        }
        this.rateLimitPerSecond = messagesPerSecond;
        this.rateLimitBurst = burst;
        rateLimits.clear();
    }

    public int rateLimitPerSecond()
    {
        return rateLimitPerSecond;
    }

    public int rateLimitBurst()
    {
        return rateLimitBurst;
    }

    /** Whether a message of owner may pass the rate limit at nowNs; takes its token when it may. */
    private boolean admit(final int owner, final long nowNs)
    {
        if (participants.containsKey(owner))
        {
            return true;
        }
        TokenBucket bucket = rateLimits.get(owner);
        if (bucket == null)
        {
            // Once per owner; the host is the only rate-limited owner in a simulated market.
            bucket = new TokenBucket(rateLimitPerSecond, rateLimitBurst, nowNs);
            rateLimits.put(owner, bucket);
        }
        return bucket.tryTake(nowNs);
    }

    public void addParticipant(final int owner, final Participant participant)
    {
        if (owner == HOST_OWNER || participants.containsKey(owner))
        {
            throw new IllegalArgumentException("owner id taken: " + owner);
        }
        participants.put(owner, participant);
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
    public HostOrderLedger statusQuery()
    {
        return hostOrders;
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

    /** The venue's book of an instrument (read-only use), or null when not listed. */
    public OrderBook book(final Instrument instrument)
    {
        return engine.book(instrument.id());
    }

    /** Order entry for simulated participants: immediate, no wire. */
    public RejectReason submit(
        final int owner,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final long price,
        final long quantity,
        final long nowNs)
    {
        tradeCount = 0;
        if (outages > 0)
        {
            return RejectReason.VENUE_OUTAGE;
        }
        if (!admit(owner, nowNs))
        {
            return RejectReason.RATE_LIMITED;
        }
        final RejectReason reason =
            engine.submit(owner, clientOrderId, instrumentId, side, type, price, quantity, nowNs);
        if (tradeCount > 0)
        {
            publishTrades(instrumentId, nowNs);
        }
        return reason;
    }

    public RejectReason cancel(final int owner, final long clientOrderId, final int instrumentId, final long nowNs)
    {
        if (outages > 0)
        {
            return RejectReason.VENUE_OUTAGE;
        }
        if (!admit(owner, nowNs))
        {
            return RejectReason.RATE_LIMITED;
        }
        return engine.cancel(owner, clientOrderId, instrumentId, nowNs);
    }

    /**
     * Cancel/replace of a resting order (see {@link MatchingEngine#replace}): new price and new
     * total quantity; a replace that crosses trades and is published like an aggressive order.
     */
    public RejectReason replace(
        final int owner,
        final long clientOrderId,
        final int instrumentId,
        final long price,
        final long quantity,
        final long nowNs)
    {
        tradeCount = 0;
        if (outages > 0)
        {
            return RejectReason.VENUE_OUTAGE;
        }
        if (!admit(owner, nowNs))
        {
            return RejectReason.RATE_LIMITED;
        }
        final RejectReason reason = engine.replace(owner, clientOrderId, instrumentId, price, quantity, nowNs);
        if (tradeCount > 0)
        {
            publishTrades(instrumentId, nowNs);
        }
        return reason;
    }

    /**
     * Brings back the host's orders this venue held open when its process died (its ledger already
     * rebuilt): a LIMIT or post-only order rests again at its price with what was left of it, as an
     * exchange keeps open orders across a gateway's absence. One that cannot rest (an IOC caught
     * between its arrival and its end, or a price the book has since crossed) is canceled by the
     * restart: DONE with its remainder released, recorded and reported like any other end.
     *
     * @return how many orders rest again.
     */
    public int restoreHostOrders(final long nowNs)
    {
        int resting = 0;
        for (final HostOrderLedger.OpenOrder order : hostOrders.openOrders())
        {
            final boolean restable = order.type() == OrderType.LIMIT || order.type() == OrderType.POST_ONLY;
            if (restable && engine.restoreResting(HOST_OWNER, order.clientOrderId(), order.instrumentId(),
                order.side(), order.price(), order.remaining(), order.filled(), order.type() == OrderType.POST_ONLY))
            {
                resting++;
            }
            else
            {
                hostOrders.onDone(order.clientOrderId(), order.remaining());
                final long id = order.clientOrderId();
                final long released = order.remaining();
                report(nowNs, () -> venueListener.onDone(this.id, id, released));
            }
        }
        return resting;
    }

    /** Starts an outage: orders and cancels are refused and nothing is published until {@link #endOutage()}. */
    public void beginOutage()
    {
        outages++;
    }

    public void endOutage()
    {
        if (outages == 0)
        {
            throw new IllegalStateException(name + " is not in an outage");
        }
        outages--;
    }

    /** Whether the venue takes orders now (not in an outage). */
    public boolean isAcceptingOrders()
    {
        return outages == 0;
    }

    /** Stops market data until {@link #resumeFeed()}; matching goes on. */
    public void pauseFeed()
    {
        feedPauses++;
    }

    public void resumeFeed()
    {
        if (feedPauses == 0)
        {
            throw new IllegalStateException(name + " feed is not paused");
        }
        feedPauses--;
    }

    /** Whether market data is being published now. */
    public boolean isPublishing()
    {
        return outages == 0 && feedPauses == 0;
    }

    /** Publishes the depth diff and best bid/ask of every listing that changed since the last call. */
    public void publishMarketData(final long nowNs)
    {
        if (!isPublishing())
        {
            return;
        }
        final long eventTimeUs = nowNs / 1_000;
        for (int i = 0; i < listingOrder.size(); i++)
        {
            final Listing listing = listingOrder.get(i);
            final OrderBook book = engine.book(listing.instrument.id());
            if (!book.hasChanges())
            {
                continue;
            }
            bidCount = 0;
            askCount = 0;
            book.forEachChanged(Side.BUY, diffCollector);
            book.forEachChanged(Side.SELL, diffCollector);
            book.clearChanged();
            final long first = listing.publishedUpdateId + 1;
            final long last = book.updateId();
            listing.publishedUpdateId = last;
            publishDepthDiff(listing, eventTimeUs, first, last);
            int length;

            final long bid = book.bestBid() == Long.MIN_VALUE ? 0 : book.bestBid();
            final long bidQty = book.bestBidQuantity();
            final long ask = book.bestAsk() == Long.MAX_VALUE ? 0 : book.bestAsk();
            final long askQty = book.bestAskQuantity();
            if (bid != listing.bidPrice || bidQty != listing.bidQty || ask != listing.askPrice ||
                askQty != listing.askQty)
            {
                listing.bidPrice = bid;
                listing.bidQty = bidQty;
                listing.askPrice = ask;
                listing.askQty = askQty;
                length = BinanceSbeEncoder.encodeBestBidAsk(mdBuffer, 0, eventTimeUs, last, bid, bidQty, ask, askQty,
                    listing.symbol);
                marketDataSink.onSbeMessage(listing.channel, mdBuffer, 0, length);
            }
        }
    }

    /**
     * Publishes the collected levels as one depth diff, or, when they would not fit in one
     * message of {@link #MAX_MARKET_DATA_MESSAGE} bytes, as several diffs with consecutive
     * update-id ranges (each changed level stands for at least one update, so there are always
     * enough ids), so a consumer's sequence check still sees an unbroken chain.
     */
    private void publishDepthDiff(final Listing listing, final long eventTimeUs, final long first, final long last)
    {
        final int capacity = BinanceSbeEncoder.depthDiffLevelCapacity(MAX_MARKET_DATA_MESSAGE, listing.symbol.length);
        final int total = bidCount + askCount;
        final int messages = Math.max(1, (total + capacity - 1) / capacity);
        if (messages > last - first + 1)
        {
            throw new IllegalStateException("more diff messages than update ids: " + messages);
        }
        int bidFrom = 0;
        int askFrom = 0;
        for (int m = 0; m < messages; m++)
        {
            final int bids = Math.min(capacity, bidCount - bidFrom);
            final int asks = Math.min(capacity - bids, askCount - askFrom);
            chunkBids(bidFrom, bids);
            chunkAsks(askFrom, asks);
            final long chunkFirst = first + m;
            final long chunkLast = m == messages - 1 ? last : first + m;
            final int length = BinanceSbeEncoder.encodeDepthDiff(mdBuffer, 0, eventTimeUs, chunkFirst, chunkLast,
                chunkBidPrices, chunkBidQtys, bids, chunkAskPrices, chunkAskQtys, asks, listing.symbol);
            marketDataSink.onSbeMessage(listing.channel, mdBuffer, 0, length);
            bidFrom += bids;
            askFrom += asks;
        }
    }

    private void chunkBids(final int from, final int count)
    {
        System.arraycopy(bidPrices, from, chunkBidPrices, 0, count);
        System.arraycopy(bidQtys, from, chunkBidQtys, 0, count);
    }

    private void chunkAsks(final int from, final int count)
    {
        System.arraycopy(askPrices, from, chunkAskPrices, 0, count);
        System.arraycopy(askQtys, from, chunkAskQtys, 0, count);
    }

    private void collectLevel(final Side side, final long price, final long quantity)
    {
        if (side == Side.BUY)
        {
            if (bidCount == bidPrices.length)
            {
                bidPrices = Arrays.copyOf(bidPrices, bidCount * 2);
                bidQtys = Arrays.copyOf(bidQtys, bidCount * 2);
            }
            bidPrices[bidCount] = price;
            bidQtys[bidCount] = quantity;
            bidCount++;
        }
        else
        {
            if (askCount == askPrices.length)
            {
                askPrices = Arrays.copyOf(askPrices, askCount * 2);
                askQtys = Arrays.copyOf(askQtys, askCount * 2);
            }
            askPrices[askCount] = price;
            askQtys[askCount] = quantity;
            askCount++;
        }
    }

    private void publishTrades(final int instrumentId, final long nowNs)
    {
        if (!isPublishing())
        {
            tradeCount = 0;
            return;
        }
        final Listing listing = listings.get(instrumentId);
        final long timeUs = nowNs / 1_000;
        final int length = BinanceSbeEncoder.encodeTrades(mdBuffer, 0, timeUs, timeUs, tradeIds, tradePrices, tradeQtys,
            tradeTakerSide == Side.SELL, tradeCount, listing.symbol);
        marketDataSink.onSbeMessage(listing.channel, mdBuffer, 0, length);
        tradeCount = 0;
    }


    private void report(final long nowNs, final Runnable report)
    {
        port.report(nowNs, report);
    }

    /** The host's requests as they arrive at the port, on this venue's matching engine. */
    private final class HostOrders implements OrderEntryPort.Handler
    {
        @Override
        public RejectReason onNew(final long clientOrderId, final int instrumentId, final Side side, final OrderType type,
            final long price, final long quantity, final long nowNs)
        {
            hostOrders.onReceived(clientOrderId, instrumentId, side, type, price, quantity);
            final RejectReason reason = submit(HOST_OWNER, clientOrderId, instrumentId, side, type, price, quantity,
                nowNs);
            if (reason != RejectReason.NONE)
            {
                hostOrders.onRefused(clientOrderId, reason.text());
            }
            return reason;
        }

        @Override
        public RejectReason onReplace(final long clientOrderId, final int instrumentId, final long price,
            final long quantity, final long nowNs)
        {
            return replace(HOST_OWNER, clientOrderId, instrumentId, price, quantity, nowNs);
        }

        @Override
        public RejectReason onCancel(final long clientOrderId, final int instrumentId, final long nowNs)
        {
            return cancel(HOST_OWNER, clientOrderId, instrumentId, nowNs);
        }
    }

    /** Routes engine events to the host (with latency), participants (directly) and the tape. */
    private final class EngineEvents implements MatchingEngineListener
    {
        @Override
        public void onAccepted(final int instrumentId, final int owner, final long clientOrderId, final long timeNs)
        {
            if (owner == HOST_OWNER)
            {
                report(timeNs, () -> venueListener.onAccepted(id, clientOrderId));
            }
        }

        @Override
        public void onTrade(
            final int instrumentId,
            final Side takerSide,
            final int takerOwner,
            final long takerClientOrderId,
            final int makerOwner,
            final long makerClientOrderId,
            final long price,
            final long quantity,
            final double takerFee,
            final double makerFee,
            final long timeNs)
        {
            if (tradeCount == MAX_TRADES_PER_MESSAGE)
            {
                publishTrades(instrumentId, timeNs);
            }
            tradeIds[tradeCount] = nextTradeId++;
            tradePrices[tradeCount] = price;
            tradeQtys[tradeCount] = quantity;
            tradeCount++;
            tradeTakerSide = takerSide;
            final Listing listing = listings.get(instrumentId);
            tradeListener.onMarketTrade(id, listing.instrument, price, quantity, takerSide, timeNs);

            onFill(takerOwner, takerClientOrderId, instrumentId, listing, takerSide, price, quantity, takerFee, false,
                timeNs);
            onFill(makerOwner, makerClientOrderId, instrumentId, listing, takerSide.opposite(), price, quantity, makerFee,
                true, timeNs);
        }

        /**
         * One side of a trade to its owner: the host's fills to its orders, the venue listener and the
         * impact model (taking and resting alike: a passive fill is part of the metaorder and moves the
         * price as much as a taking one); a participant's to the participant.
         */
        private void onFill(final int owner, final long clientOrderId, final int instrumentId, final Listing listing,
            final Side side, final long price, final long quantity, final double fee, final boolean maker,
            final long timeNs)
        {
            if (owner == HOST_OWNER)
            {
                hostOrders.onFill(clientOrderId, price, quantity, fee, maker);
                // The impact model first: whoever it tells of the parent's new own impact hears it before the fill.
                if (impactModel != null)
                {
                    impactModel.onHostFill(instrumentId, ChildOrderIds.parentSequence(clientOrderId), side,
                        listing.instrument.qtyToDouble(quantity), timeNs);
                }
                report(timeNs, () -> venueListener.onFill(id, clientOrderId, price, quantity, fee, maker));
            }
            else
            {
                final Participant participant = participants.get(owner);
                if (participant != null)
                {
                    participant.onOwnFill(instrumentId, clientOrderId, side, price, quantity, maker, timeNs);
                }
            }
        }

        @Override
        public void onDone(final int instrumentId, final int owner, final long clientOrderId,
            final long releasedQuantity, final long timeNs)
        {
            if (owner == HOST_OWNER)
            {
                hostOrders.onDone(clientOrderId, releasedQuantity);
                report(timeNs, () -> venueListener.onDone(id, clientOrderId, releasedQuantity));
            }
            else
            {
                final Participant participant = participants.get(owner);
                if (participant != null)
                {
                    participant.onOwnDone(instrumentId, clientOrderId, releasedQuantity, timeNs);
                }
            }
        }
    }
}
