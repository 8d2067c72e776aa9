package io.slipway.sim.market;

import io.slipway.domain.ChildOrderIds;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.SimEvent;
import io.slipway.sim.scenario.DealerSpec;
import io.slipway.venue.DealerVenue;
import io.slipway.venue.OrderEntryEncoder;
import io.slipway.venue.QuoteListener;
import io.slipway.venue.VenueKind;
import io.slipway.venue.VenueListener;
import io.slipway.venue.VenueRules;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A simulated OTC dealer answering requests for quote (field notes, section 4).
 *
 * <ul>
 *   <li><b>Quote.</b> One venue latency after a request the dealer prices it from the composite
 *       lit mid ({@link LitMid}) and answers one latency later on the {@link QuoteListener}. For
 *       a requester selling, bid = mid (1 - h / 1e4); for a requester buying, ask = mid (1 + h /
 *       1e4), with the half-spread in bps
 *       <pre>  h = spreadBps + sizePremiumBps sqrt(notional / 1M USD) +/- skew</pre>
 *       (square-root size premium as in the square-root impact law; the dealer charges roughly the
 *       impact its hedge will cost). The price is rounded to the tick in the dealer's favour; h
 *       never goes below zero, so a quote never crosses the mid. The quote is firm for
 *       quoteTtlMs from the moment the dealer priced it.</li>
 *   <li><b>Inventory skew.</b> The dealer shifts both sides against its position, linearly as
 *       the reservation price of Avellaneda and Stoikov (2008): skew = (inventory USD /
 *       maxNotionalUsd) x (full-size half-spread), added when the dealer would buy more of what
 *       it holds and subtracted when it would sell it. A full-size inventory therefore moves the
 *       quote by a full-size half-spread.</li>
 *   <li><b>Take.</b> The requester takes a quote with an ordinary order (IOC, LIMIT or MARKET
 *       with protection price; none ever rests) on this venue's port: same instrument and side,
 *       price at or better than the quote for the dealer, arriving before the quote expires, for
 *       at most the quantity left on it. The fill is at the quoted price, fee 0, taker. At last
 *       look the dealer refuses with the configured probability (stream
 *       {@code dealer/<name>/lastlook}) and withdraws the quote.</li>
 *   <li><b>Hedge.</b> After a fill the dealer works its whole inventory back to flat on the lit
 *       exchanges: an IOC slice at the fill and then every {@link #HEDGE_SLICE_NS}, each the
 *       inventory left divided by the slices left before hedgeMinutes run out (hedgeMinutes 0:
 *       all at the fill), to the venue with the best touch, limited {@link #HEDGE_LIMIT_BPS}
 *       through the lit mid. A residual below the lit minimums stays as inventory. It trades as
 *       its own participant (owner {@link #OWNER_BASE} + dealer index). Its hedge fills also go
 *       to the {@link ImpactModel}: the hedge is the requester's block passed on to the lit
 *       market, so it moves the latent price as the requester's own taker flow would. That is
 *       the information leakage a requester sees in its markouts after a dealer fill. The impact
 *       model counts the hedge as the flow of the parent order whose take last moved the dealer's
 *       position in that instrument (the parent sequence in the take's client order id): when two
 *       parents' takes overlap in one dealer's inventory, the rest of the hedge goes to the later.</li>
 * </ul>
 */
public final class SimulatedDealer implements DealerVenue
{
    /** Owner ids of dealers' hedging on the exchanges: base + dealer index. */
    public static final int OWNER_BASE = 48;
    /** Spacing of hedge slices. */
    public static final long HEDGE_SLICE_NS = 10_000_000_000L;
    /** How far through the lit mid a hedge slice may trade. */
    public static final double HEDGE_LIMIT_BPS = 30.0;
    /** Smallest notional a dealer quotes (OTC desks do not answer for odd lots). */
    public static final double MIN_NOTIONAL_USD = 10_000.0;
    /** Expired quotes are remembered this long, to tell "expired" from "no such quote". */
    private static final long EXPIRED_MEMORY_NS = 60_000_000_000L;

    private final int id;
    private final DealerSpec spec;
    private final int owner;
    private final long latencyNs;
    private final VenueRules[] rules = new VenueRules[16];
    private final Instrument[] instruments = new Instrument[16];
    private final List<SimulatedExchange> exchanges;
    private final LitMid litMid;
    private final ImpactModel impactModel;
    private final SplittableRandom lastLook;
    private final SimOrderEntryCodec encoder = new SimOrderEntryCodec();
    private final SimOrderEntryDecoder decoder = new SimOrderEntryDecoder();
    private final List<Quote> quotes = new ArrayList<>();
    private final HostOrderLedger hostOrders = new HostOrderLedger();
    private final long[] position = new long[16];
    /** Per instrument, the parent whose take last moved the position: its hedge is that parent's flow. */
    private final long[] hedgedParent = new long[16];
    private final long[] hedgeEndNs = new long[16];
    private final Hedger hedger = new Hedger();
    private final SimEvent hedgeTick = this::onHedgeTick;
    private boolean hedgeScheduled;
    private long nextHedgeOrderId = 1;
    private long fills;
    private long lastLookRejects;
    private long hedgeOrders;

    private final org.agrona.concurrent.UnsafeBuffer quoteBuffer = new org.agrona.concurrent.UnsafeBuffer(new byte[256]);
    private long quoteUpdates;

    private EventScheduler scheduler;
    private VenueListener venueListener;
    private io.slipway.venue.MarketDataSink quoteFeed;
    private QuoteListener quoteListener = QuoteListener.NONE;

    private static final class Quote
    {
        final long rfqId;
        final int instrumentId;
        final Side requesterSide;
        final long price;
        final long validUntilNs;
        long remaining;

        Quote(final long rfqId, final int instrumentId, final Side requesterSide, final long price,
            final long quantity, final long validUntilNs)
        {
            this.rfqId = rfqId;
            this.instrumentId = instrumentId;
            this.requesterSide = requesterSide;
            this.price = price;
            this.remaining = quantity;
            this.validUntilNs = validUntilNs;
        }
    }

    /**
     * @param id           card venue id (4..7 in the simulated market)
     * @param spec         the dealer's terms
     * @param index        dealer index, for its owner id on the exchanges
     * @param latencyNs    one-way latency between the host and the dealer
     * @param instruments  what it quotes
     * @param exchanges    lit venues it hedges on (their rules give tick and lot)
     * @param litMid       the mid it prices from
     * @param impactModel  where its hedge flow leaves its trace on the latent price; null for none
     * @param lastLook     the last-look stream
     */
    public SimulatedDealer(
        final int id,
        final DealerSpec spec,
        final int index,
        final long latencyNs,
        final List<Instrument> instruments,
        final List<SimulatedExchange> exchanges,
        final LitMid litMid,
        final ImpactModel impactModel,
        final SplittableRandom lastLook)
    {
        if (id < 1 || id > 7)
        {
            throw new IllegalArgumentException("venue id must be 1..7, was " + id);
        }
        if (latencyNs < 0 || exchanges.isEmpty())
        {
            throw new IllegalArgumentException("latency must be non-negative and there must be a lit venue to hedge on");
        }
        this.id = id;
        this.spec = spec;
        this.owner = OWNER_BASE + index;
        this.latencyNs = latencyNs;
        this.exchanges = List.copyOf(exchanges);
        this.litMid = litMid;
        this.impactModel = impactModel;
        this.lastLook = lastLook;
        for (final Instrument instrument : instruments)
        {
            final VenueRules lit = exchanges.get(0).rules(instrument);
            if (lit == null)
            {
                continue;
            }
            this.instruments[instrument.id()] = instrument;
            rules[instrument.id()] = new VenueRules(lit.tickSize(), lit.lotSize(), lit.lotSize(), MIN_NOTIONAL_USD, 0.0,
                0.0);
        }
        for (final SimulatedExchange exchange : exchanges)
        {
            exchange.addParticipant(owner, hedger);
        }
    }

    /** Connects the dealer to the simulated world; call once. */
    public void start(final EventScheduler scheduler, final VenueListener venueListener)
    {
        start(scheduler, venueListener, null);
    }

    /**
     * As {@link #start(EventScheduler, VenueListener)}, also publishing each quote as it is
     * delivered as a BestBidAsk on the dealer's reserved channel: the quoted side at the quote and
     * the other side mirrored around the mid at the same half-spread, both for the quoted size.
     * That is the card's price reference for the take, so the card's collar covers dealer orders.
     */
    public void start(final EventScheduler scheduler, final VenueListener venueListener,
        final io.slipway.venue.MarketDataSink quoteFeed)
    {
        this.scheduler = scheduler;
        this.venueListener = venueListener;
        this.quoteFeed = quoteFeed;
    }

    public void quoteListener(final QuoteListener listener)
    {
        this.quoteListener = listener == null ? QuoteListener.NONE : listener;
    }

    public DealerSpec spec()
    {
        return spec;
    }

    public long latencyNs()
    {
        return latencyNs;
    }

    /** Signed position in the instrument's quantity scale (positive = long). */
    public long position(final Instrument instrument)
    {
        return position[instrument.id()];
    }

    public long fills()
    {
        return fills;
    }

    public long lastLookRejects()
    {
        return lastLookRejects;
    }

    public long hedgeOrders()
    {
        return hedgeOrders;
    }

    @Override
    public int id()
    {
        return id;
    }

    @Override
    public String name()
    {
        return spec.name();
    }

    @Override
    public VenueKind kind()
    {
        return VenueKind.DEALER;
    }

    @Override
    public VenueRules rules(final Instrument instrument)
    {
        return rules[instrument.id()];
    }

    @Override
    public int marketDataChannel(final Instrument instrument)
    {
        // A dealer publishes no market data; the channel is reserved all the same.
        return id << 4 | instrument.id();
    }

    @Override
    public OrderEntryEncoder orderEntryEncoder()
    {
        return encoder;
    }

    /**
     * The dealer's record of the requester's takes, kept when it acts on them: what a recovering
     * appliance reconciles a take against (filled, refused at last look, or never arrived).
     */
    @Override
    public HostOrderLedger statusQuery()
    {
        return hostOrders;
    }

    @Override
    public void requestQuote(final long rfqId, final Instrument instrument, final Side side, final long quantity)
    {
        requireStarted();
        final long arrivalNs = scheduler.nowNs() + latencyNs;
        scheduler.schedule(arrivalNs, now -> price(rfqId, instrument, side, quantity, now));
    }

    private void price(final long rfqId, final Instrument instrument, final Side side, final long quantity,
        final long nowNs)
    {
        final VenueRules instrumentRules = instrument == null ? null : rules[instrument.id()];
        if (instrumentRules == null || instruments[instrument.id()] != instrument)
        {
            decline(rfqId, "unknown instrument " + instrument, nowNs);
            return;
        }
        if (quantity <= 0 || quantity % instrumentRules.lotSize() != 0)
        {
            decline(rfqId, "quantity must be a positive multiple of the lot " + instrumentRules.lotSize(), nowNs);
            return;
        }
        final double mid = litMid.mid(instrument);
        final double notional = mid * instrument.qtyToDouble(quantity);
        if (notional > spec.maxNotionalUsd())
        {
            decline(rfqId, String.format("notional %.0f USD above the dealer's maximum %.0f USD", notional,
                spec.maxNotionalUsd()), nowNs);
            return;
        }
        if (notional < MIN_NOTIONAL_USD)
        {
            decline(rfqId, String.format("notional %.0f USD below the dealer's minimum %.0f USD", notional,
                MIN_NOTIONAL_USD), nowNs);
            return;
        }
        final double halfSpreadBps = halfSpreadBps(instrument, side, notional, mid);
        final long tick = instrumentRules.tickSize();
        final long price = side == Side.SELL ? floorToTick(instrument, mid * (1 - halfSpreadBps * 1e-4), tick) :
            ceilToTick(instrument, mid * (1 + halfSpreadBps * 1e-4), tick);
        if (price <= 0)
        {
            decline(rfqId, "no price", nowNs);
            return;
        }
        final long validUntilNs = nowNs + spec.quoteTtlMs() * 1_000_000L;
        purgeExpired(nowNs);
        quotes.add(new Quote(rfqId, instrument.id(), side, price, quantity, validUntilNs));
        final long mirror = side == Side.SELL ? ceilToTick(instrument, mid * (1 + halfSpreadBps * 1e-4), tick) :
            floorToTick(instrument, mid * (1 - halfSpreadBps * 1e-4), tick);
        scheduler.schedule(nowNs + latencyNs, now ->
        {
            publishQuote(instrument, side == Side.SELL ? price : mirror, side == Side.SELL ? mirror : price, quantity,
                now);
            quoteListener.onQuote(id, rfqId, price, quantity, validUntilNs);
        });
    }

    private void publishQuote(final Instrument instrument, final long bid, final long ask, final long quantity,
        final long nowNs)
    {
        if (quoteFeed != null && bid > 0 && ask > bid)
        {
            final int length = BinanceSbeEncoder.encodeBestBidAsk(quoteBuffer, 0, nowNs / 1_000, ++quoteUpdates, bid,
                quantity, ask, quantity, instrument.symbol().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            quoteFeed.onSbeMessage(marketDataChannel(instrument), quoteBuffer, 0, length);
        }
    }

    /** Half-spread in bps the dealer asks to trade notional USD against a requester on side. */
    double halfSpreadBps(final Instrument instrument, final Side requesterSide, final double notional,
        final double mid)
    {
        final double fullSize = spec.spreadBps() + spec.sizePremiumBps() * Math.sqrt(spec.maxNotionalUsd() / 1e6);
        final double inventoryUsd = instrument.qtyToDouble(position[instrument.id()]) * mid;
        final double skew = inventoryUsd / spec.maxNotionalUsd() * fullSize;
        // Requester sells = dealer buys: a long dealer bids lower; requester buys: a long dealer offers lower.
        final double signedSkew = requesterSide == Side.SELL ? skew : -skew;
        final double h = spec.spreadBps() + spec.sizePremiumBps() * Math.sqrt(notional / 1e6) + signedSkew;
        return Math.max(0.0, h);
    }

    /** Largest multiple of tick (fixed point) not above price; a part in 1e9 of slack absorbs binary noise. */
    static long floorToTick(final Instrument instrument, final double price, final long tick)
    {
        final double units = price / instrument.priceToDouble(1) / tick;
        return (long)Math.floor(units + 1e-9 * Math.abs(units)) * tick;
    }

    /** Smallest multiple of tick (fixed point) not below price. */
    static long ceilToTick(final Instrument instrument, final double price, final long tick)
    {
        final double units = price / instrument.priceToDouble(1) / tick;
        return (long)Math.ceil(units - 1e-9 * Math.abs(units)) * tick;
    }

    private void decline(final long rfqId, final String reason, final long nowNs)
    {
        scheduler.schedule(nowNs + latencyNs, now -> quoteListener.onQuoteDeclined(id, rfqId, reason));
    }

    private void purgeExpired(final long nowNs)
    {
        quotes.removeIf(q -> q.validUntilNs + EXPIRED_MEMORY_NS < nowNs || q.remaining == 0);
    }

    @Override
    public void onOrderMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        requireStarted();
        final long arrivalNs = scheduler.nowNs() + latencyNs;
        if (!decoder.decode(buffer, offset, length))
        {
            final long clientOrderId = decoder.clientOrderId();
            final String reason = RejectReason.MALFORMED_MESSAGE.text() + ": " + decoder.error();
            report(arrivalNs, () -> venueListener.onRejected(id, clientOrderId, reason));
            return;
        }
        final long clientOrderId = decoder.clientOrderId();
        if (decoder.messageType() == SimOrderEntryCodec.TYPE_CANCEL)
        {
            report(arrivalNs, () -> venueListener.onRejected(id, clientOrderId,
                "cancel: " + RejectReason.UNKNOWN_ORDER.text() + " (dealer orders never rest)"));
            return;
        }
        final int instrumentId = decoder.instrumentId();
        final Side side = decoder.side();
        final long price = decoder.price();
        final long quantity = decoder.quantity();
        scheduler.schedule(arrivalNs, now -> take(clientOrderId, instrumentId, side, price, quantity, now));
    }

    private void take(final long clientOrderId, final int instrumentId, final Side side, final long price,
        final long quantity, final long nowNs)
    {
        hostOrders.onReceived(clientOrderId, instrumentId, side, OrderType.IOC, price, quantity);
        if (hostOrders.received(clientOrderId) > 1)
        {
            // A take seen before (a replayed or re-sent accept) is refused and leaves the first one as it stood:
            // the client order id, derived by the requester, is the idempotence key, as on the exchanges.
            reject(clientOrderId, RejectReason.DUPLICATE_CLIENT_ORDER_ID.text(), nowNs);
            return;
        }
        if (rules[instrumentId] == null)
        {
            reject(clientOrderId, RejectReason.UNKNOWN_INSTRUMENT.text(), nowNs);
            return;
        }
        final RejectReason invalid = validate(rules[instrumentId], instruments[instrumentId], price, quantity);
        if (invalid != RejectReason.NONE)
        {
            reject(clientOrderId, invalid.text(), nowNs);
            return;
        }
        Quote match = null;
        boolean expired = false;
        boolean tooLarge = false;
        for (int i = 0; i < quotes.size(); i++)
        {
            final Quote q = quotes.get(i);
            if (q.instrumentId != instrumentId || q.requesterSide != side || q.remaining == 0)
            {
                continue;
            }
            final boolean priceOk = side == Side.BUY ? price >= q.price : price <= q.price;
            if (!priceOk)
            {
                continue;
            }
            if (nowNs > q.validUntilNs)
            {
                expired = true;
            }
            else if (quantity > q.remaining)
            {
                tooLarge = true;
            }
            else
            {
                match = q;
                break;
            }
        }
        if (match == null)
        {
            reject(clientOrderId, tooLarge ? "quantity above the quote's remaining size" :
                expired ? "quote expired" : "no such quote at that price", nowNs);
            return;
        }
        if (lastLook.nextDouble() < spec.lastLookRejectProbability())
        {
            match.remaining = 0;
            lastLookRejects++;
            reject(clientOrderId, "refused at last look", nowNs);
            return;
        }
        match.remaining -= quantity;
        fills++;
        final long fillPrice = match.price;
        hostOrders.onFill(clientOrderId, fillPrice, quantity, 0.0, false);
        hostOrders.onDone(clientOrderId, 0);
        // The requester's side is the opposite of the dealer's: a requester sale makes the dealer longer.
        position[instrumentId] -= side.sign() * quantity;
        hedgedParent[instrumentId] = ChildOrderIds.parentSequence(clientOrderId);
        report(nowNs, () ->
        {
            venueListener.onAccepted(id, clientOrderId);
            venueListener.onFill(id, clientOrderId, fillPrice, quantity, 0.0, false);
            venueListener.onDone(id, clientOrderId, 0);
        });
        startHedge(instrumentId, nowNs);
    }

    /** The venue rules, as the exchanges apply them; the minimum notional is valued at the order's price. */
    private static RejectReason validate(final VenueRules rules, final Instrument instrument, final long price,
        final long quantity)
    {
        return RejectReason.checkRules(rules, instrument, price, quantity);
    }

    private void reject(final long clientOrderId, final String reason, final long nowNs)
    {
        hostOrders.onRefused(clientOrderId, reason);
        report(nowNs, () -> venueListener.onRejected(id, clientOrderId, reason));
    }

    private void report(final long nowNs, final Runnable report)
    {
        scheduler.schedule(nowNs + latencyNs, now -> report.run());
    }

    private void requireStarted()
    {
        if (scheduler == null)
        {
            throw new IllegalStateException(spec.name() + " is not started");
        }
    }

    private void startHedge(final int instrumentId, final long nowNs)
    {
        hedgeEndNs[instrumentId] = nowNs + (long)(spec.hedgeMinutes() * 60e9);
        if (!hedgeScheduled)
        {
            hedgeScheduled = true;
            scheduler.schedule(nowNs, hedgeTick);
        }
    }

    /** One slice per instrument with inventory: the remaining position spread over the slices left. */
    private void onHedgeTick(final long nowNs)
    {
        boolean more = false;
        for (int instrumentId = 0; instrumentId < position.length; instrumentId++)
        {
            if (position[instrumentId] != 0 && instruments[instrumentId] != null)
            {
                more |= hedgeSlice(instruments[instrumentId], nowNs);
            }
        }
        hedgeScheduled = more;
        if (more)
        {
            scheduler.schedule(nowNs + HEDGE_SLICE_NS, hedgeTick);
        }
    }

    /** Sends one hedge IOC; returns whether inventory that can still be traded is left. */
    private boolean hedgeSlice(final Instrument instrument, final long nowNs)
    {
        final int instrumentId = instrument.id();
        final Side side = position[instrumentId] > 0 ? Side.SELL : Side.BUY;
        final long inventory = Math.abs(position[instrumentId]);
        final long slicesLeft = Math.max(1, (hedgeEndNs[instrumentId] - nowNs + HEDGE_SLICE_NS - 1) / HEDGE_SLICE_NS);
        final SimulatedExchange venue = bestVenue(instrument, side);
        if (venue == null)
        {
            return true;
        }
        final VenueRules lit = venue.rules(instrument);
        final double mid = litMid.mid(instrument);
        long quantity = lit.roundDownToLot(Math.max(inventory / slicesLeft, lit.minQuantity()));
        quantity = Math.min(quantity, lit.roundDownToLot(inventory));
        if (quantity < lit.minQuantity() || mid * instrument.qtyToDouble(quantity) < lit.minNotional())
        {
            // A residual below the lit minimum stays on the book as inventory (and skews quotes).
            return false;
        }
        final long tick = lit.tickSize();
        final long limit = side == Side.SELL ? ceilToTick(instrument, mid * (1 - HEDGE_LIMIT_BPS * 1e-4), tick) :
            floorToTick(instrument, mid * (1 + HEDGE_LIMIT_BPS * 1e-4), tick);
        hedgeOrders++;
        venue.submit(owner, nextHedgeOrderId++, instrumentId, side, OrderType.IOC, limit, quantity, nowNs);
        return position[instrumentId] != 0;
    }

    private SimulatedExchange bestVenue(final Instrument instrument, final Side side)
    {
        SimulatedExchange best = null;
        long bestPrice = 0;
        for (int i = 0; i < exchanges.size(); i++)
        {
            final SimulatedExchange exchange = exchanges.get(i);
            final OrderBook book = exchange.book(instrument);
            if (book == null)
            {
                continue;
            }
            final long touch = side == Side.SELL ? book.bestBid() : book.bestAsk();
            if (touch == Long.MIN_VALUE || touch == Long.MAX_VALUE)
            {
                continue;
            }
            if (best == null || (side == Side.SELL ? touch > bestPrice : touch < bestPrice))
            {
                best = exchange;
                bestPrice = touch;
            }
        }
        return best;
    }

    /** The dealer's hedge orders on the lit exchanges. */
    private final class Hedger implements Participant
    {
        @Override
        public void onOwnFill(final int instrumentId, final long clientOrderId, final Side side, final long price,
            final long quantity, final boolean maker, final long timeNs)
        {
            position[instrumentId] += side.sign() * quantity;
            if (impactModel != null && !maker)
            {
                impactModel.onHostFill(instrumentId, hedgedParent[instrumentId], side,
                    instruments[instrumentId].qtyToDouble(quantity), timeNs);
            }
        }

        @Override
        public void onOwnDone(final int instrumentId, final long clientOrderId, final long releasedQuantity,
            final long timeNs)
        {
            // IOC remainders expire; the next slice picks up what is left.
        }
    }
}
