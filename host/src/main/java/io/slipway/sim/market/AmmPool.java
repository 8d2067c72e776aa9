package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.SimEvent;
import io.slipway.sim.scenario.AmmSpec;
import io.slipway.venue.MarketDataSink;
import io.slipway.venue.OrderEntryEncoder;
import io.slipway.venue.Venue;
import io.slipway.venue.VenueKind;
import io.slipway.venue.VenueListener;
import io.slipway.venue.VenueRules;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated constant-product pool (x y = k, Uniswap v2; Adams, Zinsmeister and Robinson 2020)
 * for one instrument, with base reserve B and quote reserve Q, marginal price P = Q / B.
 *
 * <ul>
 *   <li><b>Swaps</b> arrive as order-entry NEW, IOC or MARKET (the price is the protection
 *       price), one venue latency after they left the host, and wait for the next block: every
 *       blockTimeMs of simulated time from the world's start. A block first lets the
 *       {@link AmmArbitrageur} trade (it sits at the top of the block), then settles the
 *       waiting swaps in arrival order, then publishes.</li>
 *   <li><b>Arithmetic.</b> The pool fee f is taken from the input and stays in the pool (k
 *       grows). A buy of b base costs Q b / ((B - b)(1 - f)) quote; a sale of s base pays
 *       Q s (1 - f) / (B + s (1 - f)) quote. The reported fill price is the execution price
 *       before the fee (buy Q / (B - b), sale Q / (B + s (1 - f))), rounded against the taker to
 *       the price scale, and the fill's fee is the pool fee in quote currency plus gasUsd, so
 *       price x quantity + fee is what a buyer paid and price x quantity - fee what a seller
 *       received. The protection price is checked against that fill price at settlement; a
 *       swap that would break it reverts, reported as a reject (a reverted swap costs no gas
 *       here, since a reject carries no fee).</li>
 *   <li><b>Market data</b> on channel {@code id << 4 | instrument}: after each block in which
 *       the price changed (and after the first), a BestBidAsk with bid = P (1 - f) and ask =
 *       P / (1 - f) (the marginal prices of selling and buying, to first order P (1 -/+ f)),
 *       rounded outward to the tick; each side's quantity is the size whose swap would move P
 *       by {@link #DEPTH_BPS} bps, rounded down to the lot.</li>
 *   <li>Pool trades are not on the lit market tape, and the host's swaps do not feed the
 *       impact model: the pool follows the lit market through the arbitrageur, not the other
 *       way round.</li>
 * </ul>
 */
public final class AmmPool implements Venue
{
    /** Price move that defines the quantity shown at the top of the pool's book. */
    public static final double DEPTH_BPS = 10.0;

    private final int id;
    private final AmmSpec spec;
    private final Instrument instrument;
    private final VenueRules rules;
    private final long latencyNs;
    private final long blockTimeNs;
    private final double fee;
    private final SimOrderEntryCodec encoder = new SimOrderEntryCodec();
    private final SimOrderEntryDecoder decoder = new SimOrderEntryDecoder();
    private final List<Swap> pending = new ArrayList<>();
    private final List<Swap> settling = new ArrayList<>();
    private final UnsafeBuffer mdBuffer = new UnsafeBuffer(new byte[256]);
    private final byte[] symbol;
    private final SimEvent block = this::onBlock;
    private double baseReserve;
    private double quoteReserve;
    private long blocks;
    private long swaps;
    private long publishedBid = -1;
    private long publishedAsk = -1;

    private EventScheduler scheduler;
    private MarketDataSink marketDataSink;
    private VenueListener venueListener;
    private AmmArbitrageur arbitrageur;

    private record Swap(long clientOrderId, Side side, long limitPrice, long quantity)
    {
    }

    /** The outcome of one swap; prices in quote currency, quantities in base units. */
    public record SwapResult(double baseQuantity, double quoteQuantity, double executionPrice, double poolFeeQuote)
    {
    }

    /**
     * @param id          card venue id
     * @param spec        pool terms
     * @param instrument  the pair it trades
     * @param rules       order-entry rules (tick and lot like the lit venue)
     * @param latencyNs   one-way latency between the host and the pool
     * @param initialMid  price the reserves are seeded at (quote reserve = baseReserve x initialMid)
     */
    public AmmPool(final int id, final AmmSpec spec, final Instrument instrument, final VenueRules rules,
        final long latencyNs, final double initialMid)
    {
        if (id < 1 || id > 7)
        {
            throw new IllegalArgumentException("venue id must be 1..7, was " + id);
        }
        if (latencyNs < 0 || !(initialMid > 0))
        {
            throw new IllegalArgumentException("latency must be non-negative and the initial mid positive");
        }
        if (spec.feeRate() != rules.takerFeeRate())
        {
            throw new IllegalArgumentException("rules must state the pool fee as the taker fee rate");
        }
        this.id = id;
        this.spec = spec;
        this.instrument = instrument;
        this.rules = rules;
        this.latencyNs = latencyNs;
        this.blockTimeNs = spec.blockTimeMs() * 1_000_000L;
        this.fee = spec.feeRate();
        this.baseReserve = spec.baseReserve();
        this.quoteReserve = spec.baseReserve() * initialMid;
        this.symbol = instrument.symbol().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Connects the pool; its first block is one block time after startNs.
     *
     * @param arbitrageur trades it toward the lit market at the top of every block; null for none
     */
    public void start(final EventScheduler scheduler, final MarketDataSink marketDataSink,
        final VenueListener venueListener, final AmmArbitrageur arbitrageur, final long startNs)
    {
        if (this.scheduler != null)
        {
            throw new IllegalStateException("already started");
        }
        this.scheduler = scheduler;
        this.marketDataSink = marketDataSink;
        this.venueListener = venueListener;
        this.arbitrageur = arbitrageur;
        scheduler.schedule(startNs + blockTimeNs, block);
    }

    public AmmSpec spec()
    {
        return spec;
    }

    public Instrument instrument()
    {
        return instrument;
    }

    public double baseReserve()
    {
        return baseReserve;
    }

    public double quoteReserve()
    {
        return quoteReserve;
    }

    /** Marginal price Q / B before fees. */
    public double price()
    {
        return quoteReserve / baseReserve;
    }

    public double feeRate()
    {
        return fee;
    }

    public double gasUsd()
    {
        return spec.gasUsd();
    }

    @Override
    public double fixedFeePerOrder()
    {
        return spec.gasUsd();
    }

    public long blockTimeNs()
    {
        return blockTimeNs;
    }

    public long blocks()
    {
        return blocks;
    }

    /** Host swaps settled (filled or reverted). */
    public long swaps()
    {
        return swaps;
    }

    public long latencyNs()
    {
        return latencyNs;
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
        return VenueKind.AMM;
    }

    @Override
    public VenueRules rules(final Instrument instrument)
    {
        return instrument.id() == this.instrument.id() ? rules : null;
    }

    @Override
    public int marketDataChannel(final Instrument instrument)
    {
        return id << 4 | instrument.id();
    }

    @Override
    public OrderEntryEncoder orderEntryEncoder()
    {
        return encoder;
    }

    /** Quote paid (fee included) to buy base out of reserves (B, Q) with fee f: Q b / ((B - b)(1 - f)). */
    public static double quoteInForBaseOut(final double base, final double quote, final double baseOut,
        final double fee)
    {
        if (!(baseOut >= 0 && baseOut < base))
        {
            throw new IllegalArgumentException("base out must be in [0, reserve): " + baseOut);
        }
        return quote * baseOut / ((base - baseOut) * (1 - fee));
    }

    /** Quote received for selling base into reserves (B, Q) with fee f: Q s (1 - f) / (B + s (1 - f)). */
    public static double quoteOutForBaseIn(final double base, final double quote, final double baseIn,
        final double fee)
    {
        if (!(baseIn >= 0))
        {
            throw new IllegalArgumentException("base in must be non-negative: " + baseIn);
        }
        final double net = baseIn * (1 - fee);
        return quote * net / (base + net);
    }

    /** Buys baseOut from the pool now (fee stays in the pool). */
    SwapResult buyBase(final double baseOut)
    {
        final double quoteIn = quoteInForBaseOut(baseReserve, quoteReserve, baseOut, fee);
        final double executionPrice = quoteReserve / (baseReserve - baseOut);
        baseReserve -= baseOut;
        quoteReserve += quoteIn;
        return new SwapResult(baseOut, quoteIn, executionPrice, quoteIn * fee);
    }

    /** Sells baseIn into the pool now (fee stays in the pool). */
    SwapResult sellBase(final double baseIn)
    {
        final double quoteOut = quoteOutForBaseIn(baseReserve, quoteReserve, baseIn, fee);
        final double executionPrice = quoteReserve / (baseReserve + baseIn * (1 - fee));
        baseReserve += baseIn;
        quoteReserve -= quoteOut;
        return new SwapResult(baseIn, quoteOut, executionPrice, quoteOut * fee / (1 - fee));
    }

    @Override
    public void onOrderMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (scheduler == null)
        {
            throw new IllegalStateException(spec.name() + " is not started");
        }
        final long arrivalNs = scheduler.nowNs() + latencyNs;
        if (!decoder.decode(buffer, offset, length))
        {
            reject(decoder.clientOrderId(), RejectReason.MALFORMED_MESSAGE.text() + ": " + decoder.error(),
                arrivalNs);
            return;
        }
        final long clientOrderId = decoder.clientOrderId();
        if (decoder.messageType() == SimOrderEntryCodec.TYPE_CANCEL)
        {
            reject(clientOrderId, "cancel: a submitted swap cannot be canceled", arrivalNs);
            return;
        }
        final String invalid = validate(decoder.instrumentId(), decoder.orderType(), decoder.price(),
            decoder.quantity());
        if (invalid != null)
        {
            reject(clientOrderId, invalid, arrivalNs);
            return;
        }
        final Swap swap = new Swap(clientOrderId, decoder.side(), decoder.price(), decoder.quantity());
        scheduler.schedule(arrivalNs, now -> pending.add(swap));
    }

    private String validate(final int instrumentId, final OrderType type, final long price, final long quantity)
    {
        if (instrumentId != instrument.id())
        {
            return RejectReason.UNKNOWN_INSTRUMENT.text();
        }
        if (type == OrderType.LIMIT)
        {
            return "pool swaps are IOC or MARKET with a protection price";
        }
        final RejectReason reason = RejectReason.checkRules(rules, instrument, price, quantity);
        return reason == RejectReason.NONE ? null : reason.text();
    }

    private void onBlock(final long nowNs)
    {
        blocks++;
        if (arbitrageur != null)
        {
            arbitrageur.onBlock(this, nowNs);
        }
        settling.addAll(pending);
        pending.clear();
        for (int i = 0; i < settling.size(); i++)
        {
            settle(settling.get(i), nowNs);
        }
        settling.clear();
        publish(nowNs);
        scheduler.schedule(nowNs + blockTimeNs, block);
    }

    private void settle(final Swap swap, final long nowNs)
    {
        swaps++;
        final double quantity = instrument.qtyToDouble(swap.quantity());
        final long fillPrice;
        if (swap.side() == Side.BUY)
        {
            if (quantity >= baseReserve)
            {
                reject(swap.clientOrderId(), "swap larger than the pool's reserve", nowNs);
                return;
            }
            final double executionPrice = quoteReserve / (baseReserve - quantity);
            fillPrice = SimulatedDealer.ceilToTick(instrument, executionPrice, 1);
            if (fillPrice > swap.limitPrice())
            {
                reject(swap.clientOrderId(), "protection price violated: would buy at " +
                    instrument.formatPrice(fillPrice), nowNs);
                return;
            }
        }
        else
        {
            final double executionPrice = quoteReserve / (baseReserve + quantity * (1 - fee));
            fillPrice = SimulatedDealer.floorToTick(instrument, executionPrice, 1);
            if (fillPrice < swap.limitPrice())
            {
                reject(swap.clientOrderId(), "protection price violated: would sell at " +
                    instrument.formatPrice(fillPrice), nowNs);
                return;
            }
        }
        final SwapResult result = swap.side() == Side.BUY ? buyBase(quantity) : sellBase(quantity);
        final double feeQuote = result.poolFeeQuote() + spec.gasUsd();
        final long clientOrderId = swap.clientOrderId();
        final long filled = swap.quantity();
        scheduler.schedule(nowNs + latencyNs, now ->
        {
            venueListener.onAccepted(id, clientOrderId);
            venueListener.onFill(id, clientOrderId, fillPrice, filled, feeQuote, false);
            venueListener.onDone(id, clientOrderId, 0);
        });
    }

    private void reject(final long clientOrderId, final String reason, final long nowNs)
    {
        scheduler.schedule(nowNs + latencyNs, now -> venueListener.onRejected(id, clientOrderId, reason));
    }

    /** Quantity of base whose purchase (or, for the bid, sale) moves P by DEPTH_BPS, fee accrual aside. */
    double depthBase(final Side takerSide)
    {
        final double move = Math.sqrt(1 + DEPTH_BPS * 1e-4);
        // P = k / B^2 for fixed k: a buy lowers B to B / sqrt(1 + m), a sale of net base raises it to B sqrt(1 + m).
        return takerSide == Side.BUY ? baseReserve * (1 - 1 / move) : baseReserve * (move - 1) / (1 - fee);
    }

    private void publish(final long nowNs)
    {
        final long tick = rules.tickSize();
        final double p = price();
        final long bid = SimulatedDealer.floorToTick(instrument, p * (1 - fee), tick);
        final long ask = SimulatedDealer.ceilToTick(instrument, p / (1 - fee), tick);
        if (bid == publishedBid && ask == publishedAsk)
        {
            return;
        }
        publishedBid = bid;
        publishedAsk = ask;
        final long bidQty = rules.roundDownToLot(instrument.qtyFromDouble(depthBase(Side.SELL)));
        final long askQty = rules.roundDownToLot(instrument.qtyFromDouble(depthBase(Side.BUY)));
        final int length = BinanceSbeEncoder.encodeBestBidAsk(mdBuffer, 0, nowNs / 1_000, blocks, bid, bidQty, ask,
            askQty, symbol);
        marketDataSink.onSbeMessage(marketDataChannel(instrument), mdBuffer, 0, length);
    }
}
