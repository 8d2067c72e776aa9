package io.slipway.core;

import io.slipway.analytics.ImpactFit;
import io.slipway.domain.ChildOrderIds;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.CancelReject;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsReportSink;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.oms.ParentStatusRequest;
import io.slipway.oms.ReplaceParentOrder;
import io.slipway.risk.BreakerState;
import io.slipway.risk.InstrumentRisk;
import io.slipway.risk.ParentLimits;
import io.slipway.risk.RiskContext;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.PlacementStats;
import io.slipway.venue.VenueKind;
import io.slipway.venue.VenueListener;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The execution core: one single-threaded state machine that owns every parent and child order.
 *
 * <p>Its inputs are method calls carrying the time they happen at (OMS commands, card market
 * data and verdicts, venue reports, timer ticks); its outputs go to a {@link ChildOrderSink},
 * an {@link OmsReportSink} and a {@link ParentOrderListener}. It reads no clock, no random
 * source and no other thread's state, so the same input sequence gives the same decisions bit
 * for bit: the property that journaling, replay, failover and simulation all stand on.
 */
public final class ExecutionCore implements CoreInput
{
    private static final int MAX_VENUES = 8;
    /** Band around the composite mid within which displayed depth counts as what a schedule can trade against. */
    public static final double DEPTH_BAND_BPS = 25.0;
    private static final int MAX_INSTRUMENTS = 16;

    private final CoreContext context;
    private final List<String> unusedVenuePriors;
    private final ChildOrderSink childOrders;
    private final OmsReportSink reports;
    private final ParentOrderListener parentListener;
    private final TradingVenue[] venues = new TradingVenue[MAX_VENUES];
    /** The venues the router may use now: all venues less those killed or disabled by an operator. */
    private final TradingVenue[] routable = new TradingVenue[MAX_VENUES];
    private final String[] venueNames = new String[MAX_VENUES];
    private final VenueBook[][] books = new VenueBook[MAX_VENUES][MAX_INSTRUMENTS];
    private final Long2ObjectHashMap<ChildOrder> children = new Long2ObjectHashMap<>();
    private final List<ParentOrder> active = new ArrayList<>();
    private final Set<String> clOrdIds = new HashSet<>();
    /** Every ClOrdID a parent was known by (original, replaces, accepted cancel), finished parents included. */
    private final Map<String, ParentOrder> parentsByClOrdId = new HashMap<>();
    private final InstrumentRisk[] instrumentRisk = new InstrumentRisk[MAX_INSTRUMENTS];
    private final boolean[] halted = new boolean[MAX_INSTRUMENTS];
    /** Net filled quantity per instrument as told to the card (buys minus sells, saturating as the card does). */
    private final long[] cardPosition = new long[MAX_INSTRUMENTS];
    /** Every instrument a child was placed in, by id: the card's exposure state covers exactly these. */
    private final Instrument[] childInstruments = new Instrument[MAX_INSTRUMENTS];
    private final RiskContext riskContext;
    private final List<ChildOrder> cancelScratch = new ArrayList<>();
    private final Map<String, ParentOrder> parentsByOrderId = new LinkedHashMap<>();
    private final BestPriceRouter router = new BestPriceRouter();
    private final RoutePlan plan = new RoutePlan();
    private final PassivePlacer passivePlacer = new PassivePlacer();
    private final RoutePlan passivePlan = new RoutePlan();
    private final VenueSignals signals = new VenueSignals(MAX_VENUES, MAX_INSTRUMENTS);
    private final AmmRouter ammRouter = new AmmRouter();
    private final DealerDesk desk;
    /** Finished orders whose mids are still sampled for their markouts, oldest first. */
    private final List<ExecutionRecord> postTrade = new ArrayList<>();
    private final String[] venueKinds = new String[MAX_VENUES];
    private final int litMask;
    private final int ammMask;
    private final int dealerMask;
    private long parentSequence;
    private long rejectSequence;
    private boolean placingHalted;
    private int killedVenueMask;
    private double adverseMoveBps;
    /** The fit new parents are worked at: the context's at start, then each IMPACT_FIT input's. */
    private ImpactFit impactFit;
    private double reducingFactor;
    private double scheduleAheadTolerance;
    private int disabledVenueMask;
    private long childrenSent;
    private long cancelsSent;
    private long cancelsResent;
    private long cardRefusals;
    private long venueRejects;
    private long fills;
    private long parentsAccepted;
    private long parentsRejected;

    public ExecutionCore(final CoreContext context, final List<TradingVenue> venues, final ChildOrderSink childOrders,
        final OmsReportSink reports, final ParentOrderListener parentListener)
    {
        this(context, venues, childOrders, reports, parentListener, RfqSink.NONE);
    }

    /** @param rfqs where requests for quote go; {@link RfqSink#NONE} asks no dealer */
    public ExecutionCore(final CoreContext context, final List<TradingVenue> venues, final ChildOrderSink childOrders,
        final OmsReportSink reports, final ParentOrderListener parentListener, final RfqSink rfqs)
    {
        this.context = context.conclude();
        this.unusedVenuePriors = unknownPriors(this.context.venuePriors(), venues);
        this.childOrders = childOrders;
        this.reports = reports;
        this.parentListener = parentListener;
        this.riskContext = this.context.riskContext();
        // The operator may change these at run time; the core keeps its own, so a shared context is never written.
        this.adverseMoveBps = riskContext.adverseMoveBps();
        this.impactFit = this.context.impactFit();
        this.reducingFactor = riskContext.reducingFactor();
        this.scheduleAheadTolerance = riskContext.scheduleAheadTolerance();
        for (int i = 0; i < MAX_INSTRUMENTS; i++)
        {
            instrumentRisk[i] = new InstrumentRisk(riskContext);
        }
        for (final TradingVenue venue : venues)
        {
            if (this.venues[venue.id()] != null)
            {
                throw new IllegalArgumentException("duplicate venue id " + venue.id());
            }
            this.venues[venue.id()] = venue;
            this.venueNames[venue.id()] = venue.name();
            this.venueKinds[venue.id()] = venue.kind().name();
            this.routable[venue.id()] = venue;
        }
        int lit = 0;
        int amm = 0;
        int dealer = 0;
        for (int v = 0; v < MAX_VENUES; v++)
        {
            final VenueKind kind = this.venues[v] == null ? null : this.venues[v].kind();
            lit |= kind == VenueKind.EXCHANGE ? 1 << v : 0;
            amm |= kind == VenueKind.AMM ? 1 << v : 0;
            dealer |= kind == VenueKind.DEALER ? 1 << v : 0;
        }
        this.litMask = lit;
        this.ammMask = amm;
        this.dealerMask = dealer;
        this.desk = new DealerDesk(this, this.context, this.venues, books, rfqs == null ? RfqSink.NONE : rfqs);
        for (int v = 0; v < MAX_VENUES; v++)
        {
            for (int i = 0; i < MAX_INSTRUMENTS; i++)
            {
                books[v][i] = new VenueBook();
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Market data (from the card's market-data ring)
    // ------------------------------------------------------------------------------------------

    @Override
    public void onBookLevel(final int venueId, final int instrumentId, final boolean bid, final long price,
        final long quantity, final long nowNs)
    {
        if (isKnown(venueId, instrumentId) && !isDealer(venueId))
        {
            books[venueId][instrumentId].onLevel(bid, price, quantity, nowNs);
            onMidMoved(instrumentId, nowNs);
            checkMarketRisk(instrumentId, nowNs);
        }
    }

    @Override
    public void onBbo(final int venueId, final int instrumentId, final long bidPrice, final long bidQty,
        final long askPrice, final long askQty, final long nowNs)
    {
        // A dealer's "book" is only its last quote, which the card keeps as its price reference for the
        // take; it is no liquidity to route or mark against, so the core leaves it out.
        if (isKnown(venueId, instrumentId) && !isDealer(venueId))
        {
            books[venueId][instrumentId].onBbo(bidPrice, bidQty, askPrice, askQty, nowNs);
            onMidMoved(instrumentId, nowNs);
            checkMarketRisk(instrumentId, nowNs);
        }
    }

    private void onMidMoved(final int instrumentId, final long nowNs)
    {
        sampleMids(instrumentId, nowNs);
        final Instrument instrument = Instruments.byId(instrumentId);
        if (instrument != null)
        {
            final double mid = compositeMid(instrument);
            if (!Double.isNaN(mid))
            {
                signals.onMid(instrumentId, mid, nowNs);
                desk.onMid(instrumentId, mid, nowNs);
            }
        }
    }

    /**
     * Mid path for post-trade analysis: sampled on book updates, at most once a second of core time,
     * from arrival (so a delayed start shows its delay cost) until the order is done.
     */
    private void sampleMids(final int instrumentId, final long nowNs)
    {
        for (int i = 0, n = active.size(); i < n; i++)
        {
            final ParentOrder parent = active.get(i);
            if (!parent.done && parent.instrument.id() == instrumentId && parent.record.wantsMid(nowNs))
            {
                parent.record.onMid(nowNs, compositeMid(parent.instrument));
            }
        }
        // Finished orders keep their mid path for the longest markout horizon after completion.
        for (int i = 0; i < postTrade.size(); i++)
        {
            final ExecutionRecord record = postTrade.get(i);
            if (record.instrument().id() != instrumentId)
            {
                continue;
            }
            if (record.wantsMid(nowNs) && nowNs <= record.postTradeUntilNs())
            {
                record.onMid(nowNs, compositeMid(record.instrument()));
            }
            if (nowNs >= record.postTradeUntilNs())
            {
                postTrade.remove(i--);
                record.postTradeComplete();
                parentListener.onPostTradeDone(record);
            }
        }
    }

    /** Finished orders whose markouts are still being observed. */
    public int postTradeCount()
    {
        return postTrade.size();
    }

    @Override
    public void onTrade(final int venueId, final int instrumentId, final long price, final long quantity,
        final long nowNs)
    {
        if (isKnown(venueId, instrumentId))
        {
            signals.onTrade(venueId, instrumentId, quantity, nowNs);
        }
        for (int i = 0, n = active.size(); i < n; i++)
        {
            final ParentOrder parent = active.get(i);
            if (!parent.done && parent.instrument.id() == instrumentId && nowNs >= parent.startNs)
            {
                parent.record.onMarketTrade(nowNs, price, quantity);
                parent.tapeVolume += quantity;
                parent.schedule.onMarketTrade(price, quantity, nowNs);
            }
        }
    }

    /** Composite mid across venues (best bid anywhere, best ask anywhere), or NaN with no two-sided market. */
    public double compositeMid(final Instrument instrument)
    {
        final long bestBid = compositeBest(instrument, true);
        final long bestAsk = compositeBest(instrument, false);
        if (bestBid == Long.MIN_VALUE || bestAsk == Long.MAX_VALUE)
        {
            return Double.NaN;
        }
        return instrument.priceToDouble(bestBid + bestAsk) / 2.0;
    }

    /** Half the composite spread (best ask anywhere less best bid anywhere), or NaN with no two-sided market. */
    public double compositeHalfSpread(final Instrument instrument)
    {
        final long bestBid = compositeBest(instrument, true);
        final long bestAsk = compositeBest(instrument, false);
        if (bestBid == Long.MIN_VALUE || bestAsk == Long.MAX_VALUE)
        {
            return Double.NaN;
        }
        return Math.max(0.0, instrument.priceToDouble(bestAsk - bestBid) / 2.0);
    }

    /** Best bid (or ask) on any venue; Long.MIN_VALUE (or Long.MAX_VALUE) when that side is empty everywhere. */
    private long compositeBest(final Instrument instrument, final boolean bid)
    {
        long best = bid ? Long.MIN_VALUE : Long.MAX_VALUE;
        for (int v = 0; v < MAX_VENUES; v++)
        {
            if (venues[v] == null)
            {
                continue;
            }
            final PriceLevels levels = books[v][instrument.id()].side(bid);
            if (!levels.isEmpty())
            {
                best = bid ? Math.max(best, levels.bestPrice()) : Math.min(best, levels.bestPrice());
            }
        }
        return best;
    }

    /** Plans a route against the current books without sending (see {@link RoutePlanProbe}). */
    void route(final BestPriceRouter probeRouter, final Instrument instrument, final Side side, final long quantity,
        final RoutePlan probePlan)
    {
        probeRouter.route(instrument, side, quantity, 0, venues, books, true, probePlan);
    }

    /** What the core has learned of each venue's flow and of its own passive fills' markouts. */
    public VenueSignals venueSignals()
    {
        return signals;
    }

    public VenueBook book(final int venueId, final Instrument instrument)
    {
        return books[venueId][instrument.id()];
    }

    // ------------------------------------------------------------------------------------------
    // OMS commands
    // ------------------------------------------------------------------------------------------

    @Override
    public void onNewParentOrder(final NewParentOrder order, final long nowNs)
    {
        final String clOrdId = order.clOrdId();
        if (clOrdId == null || clOrdId.isEmpty())
        {
            reject(order, null, null, 0, "ClOrdID (11) is required", nowNs);
            return;
        }
        if (clOrdIds.contains(clOrdId))
        {
            reject(order, null, null, 0, "duplicate ClOrdID " + clOrdId, nowNs);
            return;
        }
        if (placingHalted)
        {
            reject(order, null, null, 0, "kill switch is on: no new orders until an operator resumes", nowNs);
            return;
        }
        final Instrument instrument = Instruments.bySymbol(order.symbol());
        if (instrument == null)
        {
            reject(order, null, null, 0, "unknown instrument '" + order.symbol() + "'", nowNs);
            return;
        }
        final Side side = Side.fromFixCode(order.side());
        if (side == null)
        {
            reject(order, instrument, null, 0, "unsupported Side (54) '" + order.side() + "'", nowNs);
            return;
        }
        final long quantity;
        try
        {
            quantity = instrument.parseQty(order.quantity());
        }
        catch (final IllegalArgumentException ex)
        {
            reject(order, instrument, side, 0, "OrderQty (38): " + ex.getMessage(), nowNs);
            return;
        }
        if (quantity <= 0)
        {
            reject(order, instrument, side, 0, "OrderQty (38) must be positive, was " + order.quantity(), nowNs);
            return;
        }
        if (order.targetStrategy() == NewParentOrder.NO_STRATEGY)
        {
            reject(order, instrument, side, quantity, "TargetStrategy (847) is required", nowNs);
            return;
        }
        final Strategy strategy = Strategy.fromFixCode(order.targetStrategy());
        if (strategy == null)
        {
            reject(order, instrument, side, quantity, "unknown TargetStrategy (847) " + order.targetStrategy(), nowNs);
            return;
        }
        if (order.expireTimeNs() == NewParentOrder.NO_TIME)
        {
            reject(order, instrument, side, quantity, "ExpireTime (126) is required", nowNs);
            return;
        }
        final long startNs = order.effectiveTimeNs() == NewParentOrder.NO_TIME ?
            nowNs : Math.max(nowNs, order.effectiveTimeNs());
        final long endNs = order.expireTimeNs();
        if (endNs <= startNs)
        {
            reject(order, instrument, side, quantity, "ExpireTime (126) must be after the start time", nowNs);
            return;
        }
        if (endNs - nowNs > context.maxHorizonNs())
        {
            reject(order, instrument, side, quantity, "ExpireTime (126) is beyond the longest horizon allowed", nowNs);
            return;
        }
        long limitPrice = 0;
        if (order.limitPrice() != null)
        {
            try
            {
                limitPrice = instrument.parsePrice(order.limitPrice());
            }
            catch (final IllegalArgumentException ex)
            {
                reject(order, instrument, side, quantity, "Price (44): " + ex.getMessage(), nowNs);
                return;
            }
            if (limitPrice <= 0)
            {
                reject(order, instrument, side, quantity, "Price (44) must be positive", nowNs);
                return;
            }
        }
        final double arrivalMid = compositeMid(instrument);
        if (Double.isNaN(arrivalMid))
        {
            reject(order, instrument, side, quantity, "no two-sided market for " + instrument.symbol(), nowNs);
            return;
        }
        final String priceProblem = limitPriceProblem(instrument, limitPrice, arrivalMid);
        if (priceProblem != null)
        {
            reject(order, instrument, side, quantity, priceProblem, nowNs);
            return;
        }
        final StrategyParameters parameters;
        try
        {
            parameters = StrategyParameters.parse(order.strategyParameters(), instrument, venueNames,
                context.riskAversion());
        }
        catch (final IllegalArgumentException ex)
        {
            reject(order, instrument, side, quantity, ex.getMessage(), nowNs);
            return;
        }

        final long sequence = ++parentSequence;
        final Schedule schedule;
        try
        {
            schedule = Schedules.create(strategy, context, impactFit, parameters, startNs, endNs, quantity, side);
        }
        catch (final IllegalArgumentException ex)
        {
            reject(order, instrument, side, quantity, strategy.name() + ": " + ex.getMessage(), nowNs);
            return;
        }
        final ExecutionRecord record = new ExecutionRecord("SLP-" + sequence, clOrdId, instrument, side, quantity,
            strategy.name(), nowNs, startNs, endNs, arrivalMid, venueNames);
        record.clientId(order.clientId());
        record.parentSequence(sequence);
        record.venueKinds(venueKinds);
        final ParentOrder parent = new ParentOrder(sequence, clOrdId, instrument, side, order.side(), quantity,
            limitPrice, strategy, parameters, order.clientId(), schedule, startNs, endNs, record, impactFit);
        clOrdIds.add(clOrdId);
        parentsByClOrdId.put(clOrdId, parent);
        active.add(parent);
        parentsByOrderId.put(parent.orderId, parent);
        parentsAccepted++;
        report(parent, ExecType.NEW, OrdStatus.NEW, 0, 0, null, nowNs,
            "accepted " + strategy.name() + " in " + schedule.slices() + " slices; arrival mid " +
            String.format("%.2f", arrivalMid) + impactNote(parent.impactFit));
    }

    /**
     * With a fitted impact coefficient, the OMS is told which Y the order's schedule is solved with. The core's
     * Almgren-Chriss impact is a shape parameter in units of the order, not a cost in bps of this order, so no
     * cost figure is quoted here; the pre-trade's estimate with the same Y is {@code pretrade --live}.
     * Empty without a fit, so the New report is unchanged.
     */
    private static String impactNote(final ImpactFit fit)
    {
        return fit == null ? "" : "; schedule solved at " + fit.describe();
    }

    /** Null when the limit (0 for none) is within the price band around the mid, else why not. */
    private String limitPriceProblem(final Instrument instrument, final long limitPrice, final double mid)
    {
        if (limitPrice <= 0 || Double.isNaN(mid))
        {
            return null;
        }
        final double price = instrument.priceToDouble(limitPrice);
        if (Math.abs(price / mid - 1.0) > context.priceBandFraction())
        {
            return String.format("Price (44) %s is more than %.0f%% from the mid %.2f", instrument.formatPrice(limitPrice),
                context.priceBandFraction() * 100.0, mid);
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------
    // OMS commands: cancel, replace, status. Every refusal changes nothing and says why.
    // ------------------------------------------------------------------------------------------

    @Override
    public void onCancelParentOrder(final CancelParentOrder cancel, final long nowNs)
    {
        final ParentOrder parent = parentsByClOrdId.get(cancel.origClOrdId());
        if (amendProblem(cancel.clOrdId(), cancel.origClOrdId(), cancel.orderId(), parent, CancelReject.TO_CANCEL,
            nowNs) != null)
        {
            return;
        }
        clOrdIds.add(cancel.clOrdId());
        parentsByClOrdId.put(cancel.clOrdId(), parent);
        parent.cancelClOrdId = cancel.clOrdId();
        parent.nextActionNs = Long.MAX_VALUE;
        if (parent.inFlight == 0)
        {
            finishCanceled(parent, nowNs);
            return;
        }
        cancelWorkingChildren(parent, nowNs);
        report(parent, cancel.clOrdId(), parent.clOrdId, ExecType.PENDING_CANCEL, OrdStatus.PENDING_CANCEL, 0, 0, null,
            nowNs, "canceling " + parent.instrument.formatQty(parent.inFlight) + " in flight");
    }

    @Override
    public void onReplaceParentOrder(final ReplaceParentOrder replace, final long nowNs)
    {
        final ParentOrder parent = parentsByClOrdId.get(replace.origClOrdId());
        if (amendProblem(replace.clOrdId(), replace.origClOrdId(), replace.orderId(), parent,
            CancelReject.TO_REPLACE, nowNs) != null)
        {
            return;
        }
        final Instrument instrument = parent.instrument;
        if (!instrument.symbol().equals(replace.symbol()))
        {
            cancelReject(replace.clOrdId(), replace.origClOrdId(), parent, CancelReject.TO_REPLACE, CancelReject.OTHER,
                "Symbol (55) cannot change: order is " + instrument.symbol() + ", request says " + replace.symbol(), nowNs);
            return;
        }
        if (replace.side() != parent.rawSide)
        {
            cancelReject(replace.clOrdId(), replace.origClOrdId(), parent, CancelReject.TO_REPLACE, CancelReject.OTHER,
                "Side (54) cannot change: order is " + parent.rawSide + ", request says " + replace.side(), nowNs);
            return;
        }
        final long quantity;
        try
        {
            quantity = instrument.parseQty(replace.quantity());
        }
        catch (final IllegalArgumentException ex)
        {
            cancelReject(replace.clOrdId(), replace.origClOrdId(), parent, CancelReject.TO_REPLACE, CancelReject.OTHER,
                "OrderQty (38): " + ex.getMessage(), nowNs);
            return;
        }
        if (quantity <= 0 || quantity < parent.filled)
        {
            cancelReject(replace.clOrdId(), replace.origClOrdId(), parent, CancelReject.TO_REPLACE, CancelReject.OTHER,
                "OrderQty (38) " + replace.quantity() + " is below CumQty " + instrument.formatQty(parent.filled), nowNs);
            return;
        }
        final long endNs = replace.expireTimeNs() == NewParentOrder.NO_TIME ? parent.endNs : replace.expireTimeNs();
        if (endNs <= nowNs || endNs <= parent.startNs)
        {
            cancelReject(replace.clOrdId(), replace.origClOrdId(), parent, CancelReject.TO_REPLACE, CancelReject.OTHER,
                "ExpireTime (126) must be after now and after the start time", nowNs);
            return;
        }
        if (endNs - nowNs > context.maxHorizonNs())
        {
            cancelReject(replace.clOrdId(), replace.origClOrdId(), parent, CancelReject.TO_REPLACE, CancelReject.OTHER,
                "ExpireTime (126) is beyond the longest horizon allowed", nowNs);
            return;
        }
        long limitPrice = 0;
        if (replace.limitPrice() != null)
        {
            try
            {
                limitPrice = instrument.parsePrice(replace.limitPrice());
            }
            catch (final IllegalArgumentException ex)
            {
                cancelReject(replace.clOrdId(), replace.origClOrdId(), parent, CancelReject.TO_REPLACE,
                    CancelReject.OTHER, "Price (44): " + ex.getMessage(), nowNs);
                return;
            }
            final String priceProblem = limitPrice <= 0 ? "Price (44) must be positive" :
                limitPriceProblem(instrument, limitPrice, compositeMid(instrument));
            if (priceProblem != null)
            {
                cancelReject(replace.clOrdId(), replace.origClOrdId(), parent, CancelReject.TO_REPLACE,
                    CancelReject.OTHER, priceProblem, nowNs);
                return;
            }
        }

        if (quantity < parent.filled + parent.inFlight)
        {
            // FIX 4.4 Pending Replace: the children in flight could overfill the new quantity, so
            // nothing new is placed, they are canceled, and the replace applies once the venues answer.
            clOrdIds.add(replace.clOrdId());
            parentsByClOrdId.put(replace.clOrdId(), parent);
            parent.pendingReplace = new PendingReplace(replace.clOrdId(), parent.clOrdId, quantity, limitPrice, endNs);
            parent.nextActionNs = Long.MAX_VALUE;
            cancelWorkingChildren(parent, nowNs);
            report(parent, replace.clOrdId(), parent.clOrdId, ExecType.PENDING_REPLACE, OrdStatus.PENDING_REPLACE, 0, 0,
                null, nowNs, "replace to OrderQty " + instrument.formatQty(quantity) + " waits for " +
                instrument.formatQty(parent.inFlight) + " in flight");
            return;
        }
        applyReplace(parent, replace.clOrdId(), quantity, limitPrice, endNs, nowNs);
    }

    private void applyReplace(final ParentOrder parent, final String clOrdId, final long quantity,
        final long limitPrice, final long endNs, final long nowNs)
    {
        final Instrument instrument = parent.instrument;
        final String origClOrdId = parent.clOrdId;
        final String change = "replaced: OrderQty " + instrument.formatQty(parent.quantity) + " -> " +
            instrument.formatQty(quantity) + ", limit " + formatLimit(instrument, parent.limitPrice) + " -> " +
            formatLimit(instrument, limitPrice) + ", end moved " + (endNs - parent.endNs) / 1_000_000 + " ms";
        clOrdIds.add(clOrdId);
        parentsByClOrdId.put(clOrdId, parent);
        parent.clOrdId = clOrdId;
        parent.quantity = quantity;
        parent.limitPrice = limitPrice;
        parent.endNs = endNs;
        parent.record.onReplace(quantity, endNs);
        replan(parent, nowNs);
        final boolean complete = parent.filled == quantity;
        report(parent, parent.clOrdId, origClOrdId, ExecType.REPLACED,
            complete ? OrdStatus.FILLED : parent.ordStatus(), 0, 0, null, nowNs, change);
        if (complete)
        {
            finish(parent, nowNs, OrdStatus.FILLED);
        }
    }

    /**
     * After quantity in flight came back (fill or venue answer): applies a pending replace once
     * what is filled and in flight fits the new quantity, or refuses it if fills overtook it (the
     * order then works on under its old terms).
     */
    private void settlePendingReplace(final ParentOrder parent, final long nowNs)
    {
        final PendingReplace pending = parent.pendingReplace;
        if (pending == null)
        {
            return;
        }
        final Instrument instrument = parent.instrument;
        String problem = null;
        if (parent.done)
        {
            problem = "too late to replace: order is " + parent.finalStatus;
        }
        else if (parent.filled > pending.quantity())
        {
            problem = "fills while pending replace took CumQty to " + instrument.formatQty(parent.filled) +
                ", above the new OrderQty (38) " + instrument.formatQty(pending.quantity());
        }
        else if (pending.endNs() <= nowNs)
        {
            problem = "ExpireTime (126) passed while the replace was pending";
        }
        else if (parent.filled + parent.inFlight > pending.quantity())
        {
            return; // still waiting for the venues
        }
        parent.pendingReplace = null;
        if (problem == null)
        {
            applyReplace(parent, pending.clOrdId(), pending.quantity(), pending.limitPrice(), pending.endNs(), nowNs);
            return;
        }
        cancelReject(pending.clOrdId(), pending.origClOrdId(), parent, CancelReject.TO_REPLACE,
            parent.done ? CancelReject.TOO_LATE_TO_CANCEL : CancelReject.OTHER, problem, nowNs);
        if (!parent.done)
        {
            parent.nextActionNs = nowNs;
        }
    }

    /** Re-plans what remains of a replaced parent over what remains of its (new) window, from now. */
    private void replan(final ParentOrder parent, final long nowNs)
    {
        final long done = parent.filled + parent.inFlight;
        final long remaining = parent.quantity - done;
        final long fromNs = Math.max(nowNs, parent.startNs);
        parent.scheduleBase = done;
        parent.nextSlice = 0;
        // Nothing left to plan: an empty schedule keeps the target at what is done.
        parent.schedule = remaining > 0 ?
            Schedules.create(parent.strategy, context, parent.impactFit, parent.parameters, fromNs, parent.endNs,
                remaining, parent.side) :
            Schedules.nothingLeft(fromNs);
        parent.nextActionNs = fromNs;
    }

    private static String formatLimit(final Instrument instrument, final long limitPrice)
    {
        return limitPrice > 0 ? instrument.formatPrice(limitPrice) : "none";
    }

    @Override
    public void onParentStatusRequest(final ParentStatusRequest request, final long nowNs)
    {
        final ParentOrder parent = request.clOrdId() == null ? null : parentsByClOrdId.get(request.clOrdId());
        if (parent == null || (request.orderId() != null && !request.orderId().equals(parent.orderId)))
        {
            // FIX 4.4: an unknown order is answered with an Order Status report in state Rejected.
            reports.onReport(new ParentOrderReport(request.clOrdId(), "NONE", "STA-" + (++rejectSequence),
                ExecType.ORDER_STATUS, OrdStatus.REJECTED, null, request.symbol(), Side.fromFixCode(request.side()),
                request.side(), 0, 0, 0, null, 0, 0, 0.0, 0.0, nowNs, "unknown order " + request.clOrdId()));
            return;
        }
        report(parent, parent.clOrdId, null, ExecType.ORDER_STATUS, parent.ordStatus(), 0, 0, null, nowNs, null);
    }

    /**
     * Checks a cancel or replace request against the order it names; on a problem sends the
     * OrderCancelReject and returns its text, else returns null.
     */
    private String amendProblem(final String clOrdId, final String origClOrdId, final String orderId,
        final ParentOrder parent, final char responseTo, final long nowNs)
    {
        if (clOrdId == null || clOrdId.isEmpty())
        {
            return cancelReject(clOrdId, origClOrdId, parent, responseTo, CancelReject.OTHER,
                "ClOrdID (11) is required", nowNs);
        }
        if (parent == null)
        {
            return cancelReject(clOrdId, origClOrdId, null, responseTo, CancelReject.UNKNOWN_ORDER,
                "unknown order: OrigClOrdID (41) " + origClOrdId, nowNs);
        }
        if (orderId != null && !orderId.equals(parent.orderId))
        {
            return cancelReject(clOrdId, origClOrdId, parent, responseTo, CancelReject.UNKNOWN_ORDER,
                "OrderID (37) " + orderId + " is not the order of OrigClOrdID (41) " + origClOrdId, nowNs);
        }
        if (clOrdIds.contains(clOrdId))
        {
            return cancelReject(clOrdId, origClOrdId, parent, responseTo, CancelReject.DUPLICATE_CL_ORD_ID,
                "duplicate ClOrdID " + clOrdId, nowNs);
        }
        if (parent.done)
        {
            return cancelReject(clOrdId, origClOrdId, parent, responseTo, CancelReject.TOO_LATE_TO_CANCEL,
                "too late to " + (responseTo == CancelReject.TO_CANCEL ? "cancel" : "replace") + ": order is " +
                parent.finalStatus, nowNs);
        }
        if (parent.isCanceling())
        {
            return cancelReject(clOrdId, origClOrdId, parent, responseTo, CancelReject.ALREADY_PENDING,
                "order is already pending cancel", nowNs);
        }
        if (parent.isReplacing())
        {
            return cancelReject(clOrdId, origClOrdId, parent, responseTo, CancelReject.ALREADY_PENDING,
                "order is already pending replace (ClOrdID " + parent.pendingReplace.clOrdId() + ")", nowNs);
        }
        return null;
    }

    private String cancelReject(final String clOrdId, final String origClOrdId, final ParentOrder parent,
        final char responseTo, final int reason, final String text, final long nowNs)
    {
        reports.onReport(new ParentOrderReport(clOrdId, parent == null ? "NONE" : parent.orderId,
            "CXR-" + (++rejectSequence), null, parent == null ? OrdStatus.REJECTED : parent.ordStatus(),
            parent == null ? null : parent.instrument, parent == null ? null : parent.instrument.symbol(),
            parent == null ? null : parent.side, parent == null ? '0' : parent.rawSide,
            parent == null ? 0 : parent.quantity, 0, 0, null, parent == null ? 0 : parent.filled,
            parent == null || parent.done ? 0 : parent.leaves(), parent == null ? 0.0 : parent.avgPx(),
            parent == null ? 0.0 : parent.fees, nowNs, text, origClOrdId, new CancelReject(responseTo, reason)));
        return text;
    }

    private void finishCanceled(final ParentOrder parent, final long nowNs)
    {
        final String origClOrdId = parent.clOrdId;
        parent.clOrdId = parent.cancelClOrdId;
        parent.cancelClOrdId = null;
        parent.done = true;
        parent.finalStatus = OrdStatus.CANCELED;
        report(parent, parent.clOrdId, origClOrdId, ExecType.CANCELED, OrdStatus.CANCELED, 0, 0, null, nowNs,
            "canceled at the OMS's request with " + parent.instrument.formatQty(parent.filled) + " filled");
        finish(parent, nowNs, OrdStatus.CANCELED);
    }

    /**
     * Asks every venue to cancel what this parent has working there. Children are IOC by default, so
     * most are gone before the cancel arrives; the venue's done report closes each either way. A
     * cancel the card cannot take now is tried again on the parent's next action. Returns the
     * number of cancels handed to the card.
     */
    int cancelWorkingChildren(final ParentOrder parent, final long nowNs)
    {
        return cancelWorkingChildrenAt(parent, -1, nowNs);
    }

    /** As {@link #cancelWorkingChildren(ParentOrder, long)}, for the children on the venues in the mask. */
    private int cancelWorkingChildrenAt(final ParentOrder parent, final int venueMask, final long nowNs)
    {
        cancelScratch.clear();
        for (final ChildOrder child : children.values())
        {
            if (child.parent == parent && child.state != ChildOrder.State.DONE && !child.cancelSent &&
                (venueMask & (1 << child.venueId)) != 0)
            {
                cancelScratch.add(child);
            }
        }
        // Map order is not the order children were sent in: sort, so cancels go out the same way every run.
        cancelScratch.sort(Comparator.comparingLong(child -> child.clientOrderId));
        int cancels = 0;
        boolean backPressured = false;
        for (int i = 0, n = cancelScratch.size(); i < n; i++)
        {
            final ChildOrder child = cancelScratch.get(i);
            if (childOrders.sendCancel(child.venueId, child.clientOrderId, parent.instrument, parent.side))
            {
                child.cancelSent = true;
                if (child.cancelCause == null)
                {
                    child.cancelCause = PlacementStats.Outcome.CANCELED_OTHER;
                }
                cancels++;
                cancelsSent++;
            }
            else
            {
                backPressured = true;
            }
        }
        cancelScratch.clear();
        if (backPressured)
        {
            parent.nextActionNs = Math.min(parent.nextActionNs, nowNs + context.retryIntervalNs());
        }
        return cancels;
    }

    // ------------------------------------------------------------------------------------------
    // Host-side risk: circuit breakers per instrument, parent-level limits
    // ------------------------------------------------------------------------------------------

    private void checkMarketRisk(final int instrumentId, final long nowNs)
    {
        final InstrumentRisk risk = instrumentRisk[instrumentId];
        if (!risk.wantsMarket(nowNs))
        {
            return;
        }
        long bestBid = Long.MIN_VALUE;
        long bestAsk = Long.MAX_VALUE;
        long freshest = Long.MIN_VALUE;
        double lowestMid = Double.NaN;
        double highestMid = Double.NaN;
        Instrument instrument = null;
        for (int v = 0; v < MAX_VENUES; v++)
        {
            if (venues[v] == null)
            {
                continue;
            }
            final VenueBook book = books[v][instrumentId];
            freshest = Math.max(freshest, book.lastUpdateNs());
            if (book.isTwoSided())
            {
                final long bid = book.bids().bestPrice();
                final long ask = book.asks().bestPrice();
                bestBid = Math.max(bestBid, bid);
                bestAsk = Math.min(bestAsk, ask);
                final double mid = (bid + ask) / 2.0;
                lowestMid = Double.isNaN(lowestMid) ? mid : Math.min(lowestMid, mid);
                highestMid = Double.isNaN(highestMid) ? mid : Math.max(highestMid, mid);
            }
        }
        // Prices stay in ticks here: every measure is a ratio, so the scale cancels.
        final boolean twoSided = bestBid != Long.MIN_VALUE && bestAsk != Long.MAX_VALUE;
        final double mid = twoSided ? (bestBid + bestAsk) / 2.0 : Double.NaN;
        final double spread = twoSided ? Math.max(0, bestAsk - bestBid) : Double.NaN;
        if (risk.onMarket(nowNs, mid, spread, lowestMid, highestMid, freshest))
        {
            onInstrumentRiskChanged(instrumentId, nowNs);
        }
    }

    private void onInstrumentRiskChanged(final int instrumentId, final long nowNs)
    {
        final InstrumentRisk risk = instrumentRisk[instrumentId];
        final BreakerState state = risk.state();
        // The OMS hears of a halt and of its end; REDUCING only slows placement and is not restated.
        final boolean haltChanged = halted[instrumentId] != (state == BreakerState.HALTED);
        halted[instrumentId] = state == BreakerState.HALTED;
        for (int i = 0, n = active.size(); i < n; i++)
        {
            final ParentOrder parent = active.get(i);
            if (parent.done || parent.instrument.id() != instrumentId || parent.isCanceling())
            {
                continue;
            }
            if (state == BreakerState.HALTED)
            {
                cancelWorkingChildren(parent, nowNs);
            }
            else
            {
                // Act at once on the new state instead of at the next slice.
                parent.nextActionNs = Math.min(parent.nextActionNs, Math.max(nowNs, parent.startNs));
            }
            if (haltChanged && nowNs >= parent.startNs)
            {
                report(parent, parent.clOrdId, null, ExecType.RESTATED, parent.ordStatus(), 0, 0, null, nowNs,
                    state == BreakerState.HALTED ? "risk HALTED: " + risk.reason() : "risk halt lifted, now " + state);
            }
        }
    }

    /** The circuit-breaker state of an instrument, for tests and operator views. */
    public BreakerState riskState(final Instrument instrument)
    {
        return instrumentRisk[instrument.id()].state();
    }

    public InstrumentRisk instrumentRisk(final Instrument instrument)
    {
        return instrumentRisk[instrument.id()];
    }

    /**
     * What of {@code due} the parent may place now under the breakers and its own limits; a
     * change of its adverse-move pause is reported to the OMS as Restated.
     */
    private long riskAllowance(final ParentOrder parent, final long target, final long due, final long nowNs)
    {
        final boolean buy = parent.side == Side.BUY;
        final double adverse = ParentLimits.adverseMoveBps(buy, parent.record.arrivalMid(),
            compositeMid(parent.instrument));
        final boolean pause = ParentLimits.shouldPause(parent.paused, adverse, adverseMoveBps,
            riskContext.resumeFraction());
        if (pause != parent.paused)
        {
            parent.paused = pause;
            report(parent, parent.clOrdId, null, ExecType.RESTATED, parent.ordStatus(), 0, 0, null, nowNs,
                pause ? String.format("paused: price moved %.0f bps against the order since arrival (limit %.0f)",
                adverse, adverseMoveBps) : String.format("resumed: adverse move back to %.0f bps", adverse));
        }
        final BreakerState state = instrumentRisk[parent.instrument.id()].state();
        if (parent.paused || state == BreakerState.HALTED)
        {
            return 0;
        }
        long allowed = state == BreakerState.REDUCING ? (long)Math.floor(due * reducingFactor) : due;
        final long done = parent.filled + parent.inFlight;
        if (parent.parameters.hasParticipationCap())
        {
            allowed = Math.min(allowed,
                ParentLimits.participationAllowance(parent.parameters.maxParticipation(), parent.tapeVolume, done));
        }
        return Math.min(allowed, ParentLimits.scheduleAllowance(target, done, parent.quantity,
            scheduleAheadTolerance));
    }

    /** Venues whose book for the instrument changed recently enough to route against. */
    private int freshVenueMask(final Instrument instrument, final long nowNs)
    {
        int mask = 0;
        for (int v = 0; v < MAX_VENUES; v++)
        {
            final long updatedNs = books[v][instrument.id()].lastUpdateNs();
            if (venues[v] != null && updatedNs != Long.MIN_VALUE && nowNs - updatedNs < riskContext.staleFeedReduceNs())
            {
                mask |= 1 << v;
            }
        }
        return mask;
    }

    // ------------------------------------------------------------------------------------------
    // Timers
    // ------------------------------------------------------------------------------------------

    /** Earliest time the core wants {@link #onTimer(long)}, or {@link Long#MAX_VALUE}. */
    @Override
    public long nextDeadlineNs()
    {
        long next = Long.MAX_VALUE;
        for (int i = 0, n = active.size(); i < n; i++)
        {
            next = Math.min(next, active.get(i).nextActionNs);
        }
        return next;
    }

    @Override
    public void onTimer(final long nowNs)
    {
        // Staleness grows with time alone: re-measure the instruments being worked before acting.
        for (int i = 0, n = active.size(); i < n; i++)
        {
            final int instrumentId = active.get(i).instrument.id();
            if (instrumentRisk[instrumentId].onTime(nowNs))
            {
                onInstrumentRiskChanged(instrumentId, nowNs);
            }
        }
        for (int i = 0; i < active.size(); i++)
        {
            final ParentOrder parent = active.get(i);
            if (!parent.done && nowNs >= parent.nextActionNs)
            {
                final boolean amending = parent.isCanceling() || parent.isReplacing();
                if (amending || instrumentRisk[parent.instrument.id()].state() == BreakerState.HALTED)
                {
                    // Only cancels that met back-pressure are owed here; a halted parent also keeps its clock.
                    parent.nextActionNs = amending ? Long.MAX_VALUE : parent.nextActionNs;
                    cancelWorkingChildren(parent, nowNs);
                }
                if (!amending)
                {
                    work(parent, nowNs);
                }
            }
            if (parent.done)
            {
                active.remove(i--);
            }
        }
    }

    private void work(final ParentOrder parent, final long nowNs)
    {
        desk.onParentAction(parent, nowNs);
        if (nowNs >= parent.endNs)
        {
            desk.drop(parent);
            parent.nextActionNs = Long.MAX_VALUE;
            cancelResting(parent, PlacementStats.Outcome.CANCELED_OTHER);
            if (context.childOrderType() == OrderType.LIMIT && parent.inFlight > 0)
            {
                // Resting children outlive no parent: take them off the market, then expire when quiet.
                cancelWorkingChildren(parent, nowNs);
                parent.nextActionNs = nowNs + context.retryIntervalNs();
            }
            finishIfQuiet(parent, nowNs);
            if (!parent.resting.isEmpty())
            {
                // A cancel the card held back is asked again until the venue answers.
                parent.nextActionNs = nowNs + context.retryIntervalNs();
            }
            return;
        }
        if (placingHalted || parent.operatorHeld)
        {
            // Killed: nothing new is placed; cancels the card refused (throttle) are sent again.
            desk.drop(parent);
            cancelWorkingChildren(parent, nowNs);
            parent.nextActionNs = parent.inFlight > 0 ? nowNs + context.retryIntervalNs() : parent.endNs;
            return;
        }
        if (killedVenueMask != 0)
        {
            cancelWorkingChildrenAt(parent, killedVenueMask, nowNs);
        }

        final Schedule schedule = parent.schedule;
        final int released = parent.nextSlice;
        while (parent.nextSlice < schedule.slices() && schedule.sliceTimeNs(parent.nextSlice) <= nowNs)
        {
            parent.nextSlice++;
        }
        final boolean fresh = parent.nextSlice > released;
        if (fresh)
        {
            final Instrument instrument = parent.instrument;
            final double mid = compositeMid(instrument);
            schedule.onMarketState(mid, compositeHalfSpread(instrument) / mid * 1e4, touchImbalance(instrument), nowNs);
            schedule.onDepth(depthWithin(instrument, parent.side == Side.SELL, mid, DEPTH_BAND_BPS), nowNs);
            schedule.onSliceReleased(parent.nextSlice - 1, parent.filled + parent.inFlight, nowNs);
        }
        // A passive window ends, or a new slice arrives while orders still rest: take back what rests.
        if (!parent.resting.isEmpty() && (nowNs >= parent.passiveUntilNs || fresh))
        {
            cancelResting(parent, nowNs >= parent.passiveUntilNs ?
                PlacementStats.Outcome.CANCELED_WINDOW : PlacementStats.Outcome.CANCELED_SLICE);
        }
        final long target = parent.nextSlice == 0 ? parent.scheduleBase : parent.targetAfterSlice(parent.nextSlice - 1);
        if (parent.nextSlice > released)
        {
            parent.record.onScheduleTarget(nowNs, target);
        }
        // What dealers are being asked for is held out until they answer.
        final long due = target - parent.filled - parent.inFlight - parent.rfqReserved;
        long unplaced = 0;
        if (due > 0)
        {
            long allowed = riskAllowance(parent, target, due, nowNs);
            if (fresh && allowed > 0)
            {
                allowed -= desk.request(parent, allowed, routableMask(), nowNs);
                parent.repostsInSlice = 0;
            }
            unplaced = due - allowed;
            final long window = fresh && allowed > 0 ? passiveWindow(parent, nowNs) : 0;
            if (allowed <= 0)
            {
                // Held back by a parent limit or a breaker: owed again on the next action.
            }
            else if (window > 0)
            {
                parent.passiveUntilNs = nowNs + window;
                final long rest = placePassive(parent, allowed, window, nowNs);
                unplaced += rest > 0 ? placeSlice(parent, rest, nowNs) : 0;
            }
            else if (nowNs >= parent.passiveUntilNs)
            {
                unplaced += placeSlice(parent, allowed, nowNs);
            }
            else if (parent.repostsInSlice < context.maxPassiveReposts())
            {
                // A post-only child was refused (the touch moved onto its price before it arrived) or closed
                // inside the window: post again at the touch as the book now shows it, for the window's rest,
                // instead of taking it all at the window's end. The cap bounds messages on a book that keeps moving.
                parent.repostsInSlice++;
                final long rest = placePassive(parent, allowed, parent.passiveUntilNs - nowNs, nowNs);
                unplaced += rest > 0 ? placeSlice(parent, rest, nowNs) : 0;
            }
            else
            {
                // Out of re-posts: what is owed waits for the window's end, then is taken.
                unplaced += allowed;
            }
        }

        final long nextSliceNs = parent.nextSlice < schedule.slices() ?
            schedule.sliceTimeNs(parent.nextSlice) : parent.endNs;
        final boolean owesMore = unplaced > 0 || parent.inFlight > 0 ||
            (parent.nextSlice >= schedule.slices() && parent.leaves() > 0);
        long next = owesMore ? Math.min(nextSliceNs, nowNs + context.retryIntervalNs()) : nextSliceNs;
        if (!parent.resting.isEmpty())
        {
            next = Math.min(next, parent.passiveUntilNs > nowNs ? parent.passiveUntilNs : nowNs + context.retryIntervalNs());
        }
        else if (parent.passiveUntilNs > nowNs && unplaced > 0)
        {
            next = Math.min(next, parent.passiveUntilNs);
        }
        parent.nextActionNs = Math.min(next, desk.deadlineNs(parent));
    }

    /** The schedule's passive window for the slice just released, ended early enough to take what is left. */
    private long passiveWindow(final ParentOrder parent, final long nowNs)
    {
        final long window = parent.schedule.passiveWindowNs(parent.nextSlice - 1);
        if (window <= 0)
        {
            return 0;
        }
        final long latestEnd = parent.endNs - 2 * context.retryIntervalNs();
        return Math.max(0, Math.min(window, latestEnd - nowNs));
    }

    /** Posts what the passive split takes at the touches; returns the rest, to be taken now. */
    private long placePassive(final ParentOrder parent, final long due, final long windowNs, final long nowNs)
    {
        passivePlacer.place(parent.instrument, parent.side, due, parent.limitPrice, windowNs,
            parent.schedule.minFillProbability(), venues, books, signals, nowNs, passivePlan);
        if (parent.nextSlice >= parent.schedule.slices())
        {
            // What the posts leave is taken at once: keep it placeable (see placeSlice).
            RemainderGuard.absorb(parent.instrument, parent.side, parent.limitPrice, routable, books,
                parent.parameters.venueMask() & freshVenueMask(parent.instrument, nowNs) & litMask,
                parent.parameters.minSlice(), false, passivePlan);
        }
        long rest = passivePlan.unrouted();
        for (int i = 0; i < passivePlan.count(); i++)
        {
            final long quantity = Math.min(passivePlan.quantity(i), context.maxChildQuantity());
            rest += passivePlan.quantity(i) - quantity;
            final ChildOrder child = sendChild(parent, passivePlan.venueId(i), OrderType.POST_ONLY,
                passivePlan.limitPrice(i), quantity);
            if (child == null)
            {
                rest += quantity;
            }
            else
            {
                child.postedNs = nowNs;
                parent.resting.add(child);
                final VenueBook book = books[child.venueId][parent.instrument.id()];
                final PriceLevels ours = book.side(parent.side != Side.SELL);
                parent.record.onPassivePosted(quantity,
                    !ours.isEmpty() && ours.bestPrice() == child.price ? ours.quantity(0) : 0);
            }
        }
        return rest;
    }

    private void cancelResting(final ParentOrder parent, final PlacementStats.Outcome cause)
    {
        for (int i = 0, n = parent.resting.size(); i < n; i++)
        {
            final ChildOrder child = parent.resting.get(i);
            // One cancel at a time: a refused one (card throttle, venue) clears cancelSent and goes again.
            if (child.state != ChildOrder.State.DONE && child.state != ChildOrder.State.AT_CARD && !child.cancelSent &&
                childOrders.sendCancel(child.venueId, child.clientOrderId, parent.instrument, parent.side))
            {
                child.cancelSent = true;
                child.cancelsSent++;
                cancelsSent++;
                if (child.cancelCause == null)
                {
                    child.cancelCause = cause;
                }
            }
        }
    }

    /** Touch imbalance across venues in [-1, 1]: (bid size - ask size) / (sum) at each venue's best. */
    /**
     * Displayed quantity on one side within bandBps of mid, summed over the venues, in base units; 0 when
     * the mid is unknown. What a schedule can trade against without walking far.
     */
    private double depthWithin(final Instrument instrument, final boolean bid, final double mid, final double bandBps)
    {
        if (!(mid > 0))
        {
            return 0.0;
        }
        final double bound = bid ? mid * (1.0 - bandBps * 1e-4) : mid * (1.0 + bandBps * 1e-4);
        long quantity = 0;
        for (int v = 0; v < MAX_VENUES; v++)
        {
            if (venues[v] == null || (litMask & (1 << v)) == 0)
            {
                continue;
            }
            final PriceLevels levels = books[v][instrument.id()].side(bid);
            for (int i = 0; i < levels.size(); i++)
            {
                final double price = instrument.priceToDouble(levels.price(i));
                if (bid ? price < bound : price > bound)
                {
                    break;
                }
                quantity += levels.quantity(i);
            }
        }
        return instrument.qtyToDouble(quantity);
    }

    private double touchImbalance(final Instrument instrument)
    {
        double bidSize = 0;
        double askSize = 0;
        for (int v = 0; v < MAX_VENUES; v++)
        {
            if (venues[v] == null)
            {
                continue;
            }
            final VenueBook book = books[v][instrument.id()];
            if (!book.bids().isEmpty())
            {
                bidSize += book.bids().quantity(0);
            }
            if (!book.asks().isEmpty())
            {
                askSize += book.asks().quantity(0);
            }
        }
        return bidSize + askSize > 0 ? (bidSize - askSize) / (bidSize + askSize) : 0.0;
    }

    /** Routes {@code due} now; returns what could not be placed. */
    private long placeSlice(final ParentOrder parent, final long due, final long nowNs)
    {
        final Instrument instrument = parent.instrument;
        // Lot-rounding dust is carried until the schedule has released everything, then placed once.
        final boolean scheduleComplete = parent.nextSlice >= parent.schedule.slices();
        final int venueMask = parent.parameters.venueMask() & freshVenueMask(instrument, nowNs);
        long toLit = due;
        // A pool takes part of the slice when its curve, fee and gas beat the lit books for that part.
        if (ammRouter.choose(instrument, parent.side, due, parent.limitPrice, routable, books, venueMask & litMask,
            venueMask & ammMask, context.ammSlippageBps()) && ammRouter.quantity() >= parent.parameters.minSlice())
        {
            if (sendChild(parent, ammRouter.venueId(), OrderType.IOC, ammRouter.limitPrice(), ammRouter.quantity()) != null)
            {
                toLit -= ammRouter.quantity();
            }
        }
        router.route(instrument, parent.side, toLit, parent.limitPrice, routable, books, scheduleComplete,
            venueMask & litMask, parent.parameters.minSlice(), plan);
        if (scheduleComplete)
        {
            // Nothing is released after this: a remainder no venue takes alone would be stranded.
            RemainderGuard.absorb(instrument, parent.side, parent.limitPrice, routable, books, venueMask & litMask,
                parent.parameters.minSlice(), true, plan);
        }
        if (scheduleComplete && parent.finalMisses > 0)
        {
            reachThrough(parent, plan);
        }
        for (int i = 0; i < plan.count(); i++)
        {
            if (!ParentLimits.withinLimit(parent.side == Side.BUY, parent.limitPrice, plan.limitPrice(i)))
            {
                throw new IllegalStateException("router priced a child of " + parent.orderId + " at " +
                    plan.limitPrice(i) + " beyond its limit " + parent.limitPrice);
            }
            long remaining = plan.quantity(i);
            while (remaining > 0)
            {
                final long quantity = Math.min(remaining, context.maxChildQuantity());
                sendChild(parent, plan.venueId(i), context.childOrderType(), plan.limitPrice(i), quantity);
                remaining -= quantity;
            }
        }
        return plan.unrouted();
    }

    /**
     * The end time is a promise: once the schedule has released everything, a taking child limited at the
     * level the core last saw misses whenever the book moves away before it arrives (a falling book under a
     * sell, the venue's own latency), and retrying at the newly seen level can miss again until the order
     * expires with a block unsold. After each such miss the final slice's children reach
     * {@link CoreContext#finalReachStepBps()} further through the book, up to {@link CoreContext#finalReachMaxBps()},
     * never beyond the parent's limit price; an order that has not missed is routed exactly as before.
     */
    private void reachThrough(final ParentOrder parent, final RoutePlan plan)
    {
        final boolean sell = parent.side == Side.SELL;
        final double reach =
            Math.min(context.finalReachMaxBps(), context.finalReachStepBps() * parent.finalMisses) / 1e4;
        for (int i = 0; i < plan.count(); i++)
        {
            final long tick = venues[plan.venueId(i)].rules(parent.instrument).tickSize();
            final long price = plan.limitPrice(i);
            final long through = (long)(price * reach);
            long limit = sell ? price - through : price + through;
            limit = sell ? limit - Math.floorMod(limit, tick) : limit + Math.floorMod(-limit, tick);
            if (parent.limitPrice > 0)
            {
                limit = sell ? Math.max(limit, parent.limitPrice) : Math.min(limit, parent.limitPrice);
            }
            plan.limitPrice(i, limit);
        }
    }

    /** Returns the child, or null when the card pushed back (the child never existed; its quantity stays due). */
    ChildOrder sendChild(final ParentOrder parent, final int venueId, final OrderType type, final long price,
        final long quantity)
    {
        final long clientOrderId = ChildOrderIds.childId(parent.sequence, ++parent.childSequence);
        final ChildOrder child = new ChildOrder(clientOrderId, parent, venueId, type, price, quantity);
        if (!childOrders.sendNew(venueId, clientOrderId, parent.instrument, parent.side, type, price, quantity))
        {
            return null;
        }
        children.put(clientOrderId, child);
        childInstruments[parent.instrument.id()] = parent.instrument;
        parent.inFlight += quantity;
        childrenSent++;
        return child;
    }

    // ------------------------------------------------------------------------------------------
    // Card verdicts (completion ring) and venue reports
    // ------------------------------------------------------------------------------------------

    @Override
    public void onCardVerdict(final long clientOrderId, final boolean sent, final int reason, final long nowNs)
    {
        final ChildOrder child = children.get(clientOrderId);
        if (child == null)
        {
            return;
        }
        if (child.state != ChildOrder.State.AT_CARD)
        {
            // The verdict on a cancel: refused ones (throttle) go again on the parent's next action.
            if (!sent && child.cancelSent)
            {
                child.cancelSent = false;
                child.parent.nextActionNs = Math.min(child.parent.nextActionNs, nowNs + context.retryIntervalNs());
            }
            return;
        }
        child.parent.record.onChildOrder(!sent);
        if (!sent)
        {
            cardRefusals++;
        }
        if (sent)
        {
            child.state = ChildOrder.State.SENT;
        }
        else
        {
            // The card let nothing out: no exposure was opened there, so none is released.
            child.refusal = PlacementStats.Outcome.REFUSED_OTHER;
            closeChild(child, nowNs, false);
        }
    }

    /**
     * After reconciliation every child not yet done is open at its venue (or its venue could not
     * say). One the core had asked to cancel may have lost that cancel with the dead process or the
     * dropped session: it would rest forever, its parent waiting on it. Each such acknowledged child
     * gets its cancel again, in child order; a venue that already closed it rejects the second
     * cancel harmlessly. One the card refuses now goes again on its parent's next action.
     */
    @Override
    public void onReconciled(final long nowNs)
    {
        cancelScratch.clear();
        for (final ChildOrder child : children.values())
        {
            if (child.cancelSent && child.state == ChildOrder.State.ACKNOWLEDGED)
            {
                cancelScratch.add(child);
            }
        }
        cancelScratch.sort(Comparator.comparingLong(child -> child.clientOrderId));
        for (int i = 0, n = cancelScratch.size(); i < n; i++)
        {
            final ChildOrder child = cancelScratch.get(i);
            final ParentOrder parent = child.parent;
            if (childOrders.sendCancel(child.venueId, child.clientOrderId, parent.instrument, parent.side))
            {
                child.cancelsSent++;
                cancelsSent++;
                cancelsResent++;
            }
            else
            {
                child.cancelSent = false;
                parent.nextActionNs = Math.min(parent.nextActionNs, nowNs + context.retryIntervalNs());
            }
        }
        cancelScratch.clear();
    }

    @Override
    public void onVenueAccepted(final int venueId, final long clientOrderId, final long nowNs)
    {
        final ChildOrder child = children.get(clientOrderId);
        if (child != null && child.state == ChildOrder.State.SENT)
        {
            child.state = ChildOrder.State.ACKNOWLEDGED;
        }
    }

    @Override
    public void onVenueRejected(final int venueId, final long clientOrderId, final String reason, final long nowNs)
    {
        final ChildOrder child = children.get(clientOrderId);
        if (child == null || child.state == ChildOrder.State.DONE)
        {
            return;
        }
        if (child.cancelSent && child.state == ChildOrder.State.ACKNOWLEDGED)
        {
            // A venue rejects an acknowledged order only by refusing our cancel of it (the order finished,
            // an AMM swap in its block, a dealer's fill under way, a throttle): the order still stands until
            // its own done report, and a cancel still owed goes again on the parent's next action.
            child.cancelSent = false;
            return;
        }
        venueRejects++;
        child.refusal = reason != null && reason.endsWith(VenueListener.POST_ONLY_WOULD_TAKE) ?
            PlacementStats.Outcome.REFUSED_POST_ONLY : PlacementStats.Outcome.REFUSED_OTHER;
        closeChild(child, nowNs, true);
    }

    @Override
    public void onVenueFill(final int venueId, final long clientOrderId, final long price, final long quantity,
        final double fee, final boolean maker, final long nowNs)
    {
        final ChildOrder child = children.get(clientOrderId);
        if (child == null || child.state == ChildOrder.State.DONE || quantity <= 0)
        {
            return;
        }
        final long fillQty = Math.min(quantity, child.quantity - child.filled);
        child.filled += fillQty;
        fills++;
        final ParentOrder parent = child.parent;
        parent.inFlight -= fillQty;
        parent.filled += fillQty;
        parent.filledNotional += parent.instrument.notional(price, fillQty);
        parent.fees += fee;
        parent.record.onFill(nowNs, venueId, price, fillQty, fee, maker, compositeHalfSpread(parent.instrument));
        final double fillPrice = parent.instrument.priceToDouble(price);
        final double fillNotional = parent.instrument.notional(price, fillQty);
        parent.schedule.onFill(fillPrice, fillQty, fillNotional > 0 ? fee / fillNotional * 1e4 : 0.0, maker, nowNs);
        if (isDealer(venueId))
        {
            desk.onDealerFill(clientOrderId, parent.instrument.priceToDouble(price), nowNs);
        }
        if (maker)
        {
            signals.onMakerFill(venueId, parent.instrument.id(), parent.side == Side.SELL,
                parent.instrument.priceToDouble(price), nowNs);
        }
        final int instrumentId = parent.instrument.id();
        cardPosition[instrumentId] = saturatingAdd(cardPosition[instrumentId], parent.side == Side.BUY ? fillQty : -fillQty);
        childOrders.reportFill(clientOrderId, parent.instrument, parent.side, fillQty);

        final boolean complete = parent.filled >= parent.quantity;
        if (complete)
        {
            parent.cancelClOrdId = null; // a fill that completes the order overtakes a pending cancel
        }
        report(parent, complete ? ExecType.FILL : ExecType.PARTIAL_FILL,
            complete ? OrdStatus.FILLED : parent.ordStatus(),
            fillQty, price, venueNames[venueId], nowNs, null);
        if (child.filled == child.quantity)
        {
            child.state = ChildOrder.State.DONE;
            children.remove(clientOrderId);
            parent.resting.remove(child);
            if (child.type == OrderType.POST_ONLY)
            {
                parent.record.onPassiveClosed(PlacementStats.Outcome.FILLED, child.filled, nowNs - child.postedNs);
            }
        }
        if (complete)
        {
            finish(parent, nowNs, OrdStatus.FILLED);
        }
        else if (parent.isCanceling() && parent.inFlight == 0)
        {
            finishCanceled(parent, nowNs);
        }
        settlePendingReplace(parent, nowNs);
    }

    @Override
    public void onVenueDone(final int venueId, final long clientOrderId, final long releasedQuantity,
        final long nowNs)
    {
        final ChildOrder child = children.get(clientOrderId);
        if (child != null && child.state != ChildOrder.State.DONE)
        {
            closeChild(child, nowNs, true);
        }
    }

    /** How a post-only child closing unfilled in full ended: refused, partly filled, canceled by us, or by the venue. */
    private static PlacementStats.Outcome passiveOutcome(final ChildOrder child)
    {
        if (child.refusal != null)
        {
            return child.refusal;
        }
        if (child.filled > 0)
        {
            return PlacementStats.Outcome.PARTIAL;
        }
        return child.cancelCause != null ? child.cancelCause : PlacementStats.Outcome.CLOSED_BY_VENUE;
    }

    private void closeChild(final ChildOrder child, final long nowNs, final boolean releaseAtCard)
    {
        final long open = child.open();
        child.state = ChildOrder.State.DONE;
        children.remove(child.clientOrderId);
        final ParentOrder parent = child.parent;
        if (child.filled == 0 && isDealer(child.venueId))
        {
            desk.onDealerRefused(child.clientOrderId, parent);
        }
        parent.resting.remove(child);
        parent.inFlight -= open;
        if (child.type != OrderType.POST_ONLY && open > 0 && child.refusal == null && !isDealer(child.venueId) &&
            parent.nextSlice >= parent.schedule.slices())
        {
            parent.finalMisses++;
        }
        if (child.type == OrderType.POST_ONLY)
        {
            final PlacementStats.Outcome outcome = passiveOutcome(child);
            parent.record.onPassiveClosed(outcome, child.filled, nowNs - child.postedNs);
            if (outcome == PlacementStats.Outcome.REFUSED_POST_ONLY && nowNs < parent.passiveUntilNs &&
                parent.repostsInSlice < context.maxPassiveReposts())
            {
                // Re-post at once while the window lasts, not after the retry interval or the window's end.
                parent.nextActionNs = Math.min(parent.nextActionNs, nowNs);
            }
        }
        if (releaseAtCard && open > 0)
        {
            childOrders.reportRelease(child.clientOrderId, parent.instrument, parent.side, open);
        }
        settlePendingReplace(parent, nowNs);
        if (!parent.done && parent.inFlight == 0)
        {
            if (parent.isCanceling())
            {
                finishCanceled(parent, nowNs);
            }
            else if (nowNs >= parent.endNs)
            {
                finishIfQuiet(parent, nowNs);
            }
            else
            {
                // Unfilled remainder is owed again: come back soon rather than at the next slice.
                parent.nextActionNs = Math.min(parent.nextActionNs, nowNs + context.retryIntervalNs());
            }
        }
    }

    private void finishIfQuiet(final ParentOrder parent, final long nowNs)
    {
        if (parent.done || parent.inFlight > 0)
        {
            return;
        }
        if (parent.leaves() > 0)
        {
            final String reason = incompleteReason(parent);
            parent.record.incompleteReason(reason);
            report(parent, ExecType.EXPIRED, OrdStatus.EXPIRED, 0, 0, null, nowNs,
                "ExpireTime reached with " + parent.instrument.formatQty(parent.leaves()) + " unfilled" +
                (reason.isEmpty() ? "" : ": " + reason));
            finish(parent, nowNs, OrdStatus.EXPIRED);
        }
    }

    /**
     * Why what is left could not be placed at the end, as far as the core can tell from its books: no venue
     * accepts that size alone (a remainder of partial fills finer than every lot or below every minimum), or
     * no venue shows a price within the limit. Empty when neither holds (the books were too thin in time).
     */
    private String incompleteReason(final ParentOrder parent)
    {
        final Instrument instrument = parent.instrument;
        final int mask = parent.parameters.venueMask() & litMask;
        if (RemainderGuard.placeableAlone(instrument, parent.side, parent.leaves(), 0, routable, books, mask,
            parent.parameters.minSlice()) < 0)
        {
            return "below every venue's minimum size or notional, so no venue could take it";
        }
        if (parent.limitPrice > 0 && RemainderGuard.placeableAlone(instrument, parent.side, parent.leaves(),
            parent.limitPrice, routable, books, mask, parent.parameters.minSlice()) < 0)
        {
            return "limit price " + formatLimit(instrument, parent.limitPrice) + " not reached on any venue";
        }
        return "";
    }

    private void finish(final ParentOrder parent, final long nowNs, final OrdStatus status)
    {
        parent.done = true;
        parent.finalStatus = status;
        parent.nextActionNs = Long.MAX_VALUE;
        desk.drop(parent);
        parent.record.complete(nowNs, compositeMid(parent.instrument), status.name());
        parent.record.postTradeUntilNs(nowNs + ExecutionRecord.POST_TRADE_NS);
        postTrade.add(parent.record);
        parent.schedule.onParentDone(parent.filled, nowNs);
        parentListener.onParentDone(parent.record);
    }

    // ------------------------------------------------------------------------------------------
    // Reports to the OMS
    // ------------------------------------------------------------------------------------------

    private void report(final ParentOrder parent, final ExecType execType, final OrdStatus status, final long lastQty,
        final long lastPx, final String lastMarket, final long nowNs, final String text)
    {
        report(parent, parent.clOrdId, null, execType, status, lastQty, lastPx, lastMarket, nowNs, text);
    }

    /** Every report keeps CumQty + LeavesQty = OrderQty until the order is done, and LeavesQty 0 after. */
    private void report(final ParentOrder parent, final String clOrdId, final String origClOrdId,
        final ExecType execType, final OrdStatus status, final long lastQty, final long lastPx, final String lastMarket,
        final long nowNs, final String text)
    {
        final boolean finished = status == OrdStatus.FILLED || status == OrdStatus.EXPIRED ||
            status == OrdStatus.CANCELED;
        reports.onReport(new ParentOrderReport(clOrdId, parent.orderId, parent.nextExecId(), execType, status,
            parent.instrument, parent.instrument.symbol(), parent.side, parent.rawSide, parent.quantity, lastQty,
            lastPx, lastMarket, parent.filled, finished ? 0 : parent.leaves(), parent.avgPx(), parent.fees, nowNs,
            text, origClOrdId, null));
    }

    private void reject(final NewParentOrder order, final Instrument instrument, final Side side, final long quantity,
        final String reason, final long nowNs)
    {
        parentsRejected++;
        reports.onReport(new ParentOrderReport(order.clOrdId(), "NONE", "REJ-" + (++rejectSequence),
            ExecType.REJECTED, OrdStatus.REJECTED, instrument, order.symbol(), side, order.side(), quantity, 0, 0,
            null, 0, 0, 0.0, 0.0, nowNs, reason));
    }

    private boolean isDealer(final int venueId)
    {
        return ((dealerMask >>> venueId) & 1) != 0;
    }

    /** Venues not killed or disabled by an operator. */
    private int routableMask()
    {
        int mask = 0;
        for (int v = 0; v < MAX_VENUES; v++)
        {
            mask |= routable[v] != null ? 1 << v : 0;
        }
        return mask;
    }

    // ------------------------------------------------------------------------------------------
    // Dealers' answers to requests for quote
    // ------------------------------------------------------------------------------------------

    /** A dealer's firm quote for one of our requests, in the instrument's fixed-point scale. */
    @Override
    public void onQuote(final int venueId, final long rfqId, final long price, final long quantity,
        final long validUntilNs, final long nowNs)
    {
        desk.onQuote(venueId, rfqId, price, quantity, validUntilNs, nowNs);
    }

    /** A dealer declined one of our requests, or the request never reached it. */
    @Override
    public void onQuoteDeclined(final int venueId, final long rfqId, final long nowNs)
    {
        desk.onQuoteDeclined(venueId, rfqId, nowNs);
    }

    /** Requests for quote sent and quotes taken since start. */
    public long rfqsSent()
    {
        return desk.requestsSent();
    }

    public long quotesTaken()
    {
        return desk.quotesTaken();
    }

    private static List<String> unknownPriors(final VenuePriors priors, final List<TradingVenue> venues)
    {
        final Map<String, VenueKind> kinds = new TreeMap<>();
        for (final TradingVenue venue : venues)
        {
            kinds.put(venue.name(), venue.kind());
        }
        return List.copyOf(priors.unknownVenues(kinds));
    }

    /**
     * Venue priors ({@link CoreContext#venuePriors}) under names this core does not trade, for the operator: they
     * are read by no arm here. A prior of another kind than the venue of its name is refused at construction.
     */
    public List<String> unusedVenuePriors()
    {
        return unusedVenuePriors;
    }

    /** The dealer bandit's posterior, for tests and operator views. */
    public io.slipway.core.rfq.DealerBandit dealerBandit()
    {
        return desk.bandit();
    }

    private boolean isKnown(final int venueId, final int instrumentId)
    {
        return venueId > 0 && venueId < MAX_VENUES && venues[venueId] != null &&
            instrumentId > 0 && instrumentId < MAX_INSTRUMENTS;
    }

    /** A child still working, with its parent, strategy and client tags; null once done. */
    ChildOrder workingChild(final long clientOrderId)
    {
        return children.get(clientOrderId);
    }

    // ------------------------------------------------------------------------------------------
    // Operator commands (from the admin channel, each carrying the time it enters the core)
    // ------------------------------------------------------------------------------------------

    /**
     * Kill everything: nothing new is placed for any order and every working child on every venue
     * is asked to cancel. The card's kill bit is the operator path's job, not the core's: the core
     * only decides. Returns the number of cancels handed to the card.
     */
    public int killAll(final long nowNs)
    {
        placingHalted = true;
        int cancels = 0;
        for (int i = 0, n = active.size(); i < n; i++)
        {
            cancels += cancelWorkingChildren(active.get(i), nowNs);
        }
        return cancels;
    }

    /** True after {@link #killAll(long)} until {@link #resumeAll(long)}; a replayed core knows it too. */
    public boolean placingHalted()
    {
        return placingHalted;
    }

    /** Undoes {@link #killAll(long)}: orders place again from their next action, which is now. */
    public void resumeAll(final long nowNs)
    {
        placingHalted = false;
        wakeAll(nowNs);
    }

    /**
     * Kill one venue: the router stops using it and every working child there is asked to cancel.
     * Returns the number of cancels handed to the card.
     */
    public int killVenue(final int venueId, final long nowNs)
    {
        requireVenue(venueId);
        killedVenueMask |= 1 << venueId;
        updateRoutable();
        int cancels = 0;
        for (int i = 0, n = active.size(); i < n; i++)
        {
            cancels += cancelWorkingChildrenAt(active.get(i), 1 << venueId, nowNs);
        }
        return cancels;
    }

    public void resumeVenue(final int venueId, final long nowNs)
    {
        requireVenue(venueId);
        killedVenueMask &= ~(1 << venueId);
        updateRoutable();
        wakeAll(nowNs);
    }

    /**
     * Kill one parent order by its OrderID ({@code SLP-n}) or ClOrdID: it places nothing more and its
     * working children are asked to cancel. Returns the number of cancels, or -1 if no working order
     * has that id.
     */
    public int killParent(final String id, final long nowNs)
    {
        final ParentOrder parent = workingParent(id);
        if (parent == null)
        {
            return -1;
        }
        parent.operatorHeld = true;
        return cancelWorkingChildren(parent, nowNs);
    }

    /** Returns false if no working order has that id. */
    public boolean resumeParent(final String id, final long nowNs)
    {
        final ParentOrder parent = workingParent(id);
        if (parent == null)
        {
            return false;
        }
        parent.operatorHeld = false;
        parent.nextActionNs = Math.min(parent.nextActionNs, nowNs);
        return true;
    }

    /** Stops (false) or restarts (true) routing to a venue; children already there keep working. */
    public void enableVenue(final int venueId, final boolean enabled, final long nowNs)
    {
        requireVenue(venueId);
        disabledVenueMask = enabled ? disabledVenueMask & ~(1 << venueId) : disabledVenueMask | (1 << venueId);
        updateRoutable();
        if (enabled)
        {
            wakeAll(nowNs);
        }
    }

    /**
     * The feedback loop's refitted impact coefficient (journal input IMPACT_FIT): every parent arriving from now on
     * is scheduled, priced by the RFQ desk and reported on its New ExecutionReport at this fit. Parents already
     * working keep the fit they started with, so one order's New report, schedule and re-plans agree on one Y.
     *
     * @throws IllegalArgumentException for a null fit; nothing changes then (an out-of-range fit cannot be made).
     */
    @Override
    public void setImpactFit(final ImpactFit fit, final long nowNs)
    {
        if (fit == null)
        {
            throw new IllegalArgumentException("an impact fit is required");
        }
        impactFit = fit;
    }

    /** The impact fit a parent arriving now is worked at; null when none was ever given (the calibrated impact). */
    public ImpactFit impactFit()
    {
        return impactFit;
    }

    /**
     * Changes a host-side risk limit; the next slice of every parent uses it.
     *
     * @throws IllegalArgumentException naming the limit and its range; nothing changes then.
     */
    public void setRiskLimit(final CoreRiskLimit limit, final double value, final long nowNs)
    {
        if (limit == null)
        {
            throw new IllegalArgumentException("risk limit is required");
        }
        limit.check(value);
        switch (limit)
        {
            case ADVERSE_MOVE_BPS:
                adverseMoveBps = value;
                break;
            case REDUCING_FACTOR:
                reducingFactor = value;
                break;
            default:
                scheduleAheadTolerance = value;
                break;
        }
    }

    /** The limit's value now. */
    public double riskLimit(final CoreRiskLimit limit)
    {
        switch (limit)
        {
            case ADVERSE_MOVE_BPS:
                return adverseMoveBps;
            case REDUCING_FACTOR:
                return reducingFactor;
            default:
                return scheduleAheadTolerance;
        }
    }

    /** True when a working parent has this OrderID or ClOrdID; a query, not an input. */
    public boolean hasWorkingParent(final String id)
    {
        return id != null && workingParent(id) != null;
    }

    /** True when the venue id names one of the core's venues; a query, not an input. */
    public boolean hasVenue(final int venueId)
    {
        return venueId > 0 && venueId < MAX_VENUES && venues[venueId] != null;
    }

    private ParentOrder workingParent(final String id)
    {
        ParentOrder parent = parentsByOrderId.get(id);
        if (parent == null)
        {
            for (int i = 0, n = active.size(); i < n; i++)
            {
                if (active.get(i).clOrdId.equals(id))
                {
                    parent = active.get(i);
                    break;
                }
            }
        }
        return parent == null || parent.done ? null : parent;
    }

    private void wakeAll(final long nowNs)
    {
        for (int i = 0, n = active.size(); i < n; i++)
        {
            final ParentOrder parent = active.get(i);
            if (!parent.done)
            {
                parent.nextActionNs = Math.min(parent.nextActionNs, Math.max(nowNs, parent.startNs));
            }
        }
    }

    private void updateRoutable()
    {
        final int blocked = killedVenueMask | disabledVenueMask;
        for (int v = 0; v < MAX_VENUES; v++)
        {
            routable[v] = (blocked & (1 << v)) != 0 ? null : venues[v];
        }
    }

    private void requireVenue(final int venueId)
    {
        if (venueId <= 0 || venueId >= MAX_VENUES || venues[venueId] == null)
        {
            throw new IllegalArgumentException("no venue with id " + venueId);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Read-only views for the operator (called on the core's thread, e.g. to publish counters)
    // ------------------------------------------------------------------------------------------

    /** What an operator sees of one parent order. */
    public interface ParentOrderVisitor
    {
        void onParent(String orderId, String clOrdId, Instrument instrument, Side side, Strategy strategy,
            long quantity, long filled, long inFlight, double avgPx, double fees, int workingChildren, String state);
    }

    /** The execution records of the parents in a final state, oldest accepted first; a query, not an input. */
    public List<ExecutionRecord> finishedRecords()
    {
        final List<ExecutionRecord> finished = new ArrayList<>();
        for (final ParentOrder parent : parentsByOrderId.values())
        {
            if (parent.done)
            {
                finished.add(parent.record);
            }
        }
        return finished;
    }

    /** Visits every parent order accepted since start, oldest first. */
    public void forEachParent(final ParentOrderVisitor visitor)
    {
        for (final ParentOrder parent : parentsByOrderId.values())
        {
            int working = 0;
            for (final ChildOrder child : children.values())
            {
                if (child.parent == parent && child.state != ChildOrder.State.DONE)
                {
                    working++;
                }
            }
            final String state = parent.done ? parent.finalStatus.name() :
                placingHalted ? "KILLED" : parent.operatorHeld ? "PAUSED" : parent.paused ? "ADVERSE_MOVE_PAUSE" : "WORKING";
            visitor.onParent(parent.orderId, parent.clOrdId, parent.instrument, parent.side, parent.strategy,
                parent.quantity, parent.filled, parent.inFlight, parent.avgPx(), parent.fees, working, state);
        }
    }

    /** Venue ids in use, their names via {@link #venueName(int)}. */
    public String venueName(final int venueId)
    {
        return venueId > 0 && venueId < MAX_VENUES ? venueNames[venueId] : null;
    }

    /** Venue id by name (case-insensitive), or 0. */
    public int venueId(final String name)
    {
        for (int v = 1; v < MAX_VENUES; v++)
        {
            if (venueNames[v] != null && venueNames[v].equalsIgnoreCase(name))
            {
                return v;
            }
        }
        return 0;
    }

    public boolean isPlacingHalted()
    {
        return placingHalted;
    }

    public int killedVenueMask()
    {
        return killedVenueMask;
    }

    public int disabledVenueMask()
    {
        return disabledVenueMask;
    }

    /** Children offered to the card since start. */
    public long childrenSent()
    {
        return childrenSent;
    }

    /** Cancels offered to the card since start. */
    public long cancelsSent()
    {
        return cancelsSent;
    }

    /** Cancels sent again after a reconciliation, for children whose first cancel may have been lost. */
    public long cancelsResent()
    {
        return cancelsResent;
    }

    /** Children the card's risk gate refused. */
    public long cardRefusals()
    {
        return cardRefusals;
    }

    /** Children a venue refused. */
    public long venueRejects()
    {
        return venueRejects;
    }

    /** Fill reports from venues. */
    public long fills()
    {
        return fills;
    }

    public long parentsAccepted()
    {
        return parentsAccepted;
    }

    public long parentsRejected()
    {
        return parentsRejected;
    }

    /** Children offered to the card and not yet done at their venue. */
    public int workingChildCount()
    {
        return children.size();
    }

    /** Parent orders not yet in a final state. */
    @Override
    public int activeParentCount()
    {
        int count = 0;
        for (int i = 0, n = active.size(); i < n; i++)
        {
            if (!active.get(i).done)
            {
                count++;
            }
        }
        return count;
    }

    /** Child orders not yet done (at the card, sent or working at a venue). */
    public int openChildCount()
    {
        return children.size();
    }

    /**
     * Tells a card that starts with none of this core's history what it would hold had it seen all of it:
     * for every instrument a child was placed in, the net filled position and the open quantity of each side
     * over the open children. A child still at the card counts as open: the card before a crash may have
     * sent it, and reconciliation releases it if no venue has it. Call after a journal replay, before any new
     * child; the restore records set the card's state, so calling it again changes nothing.
     */
    public void restoreCardExposure()
    {
        final long[] openBuy = new long[MAX_INSTRUMENTS];
        final long[] openSell = new long[MAX_INSTRUMENTS];
        for (final ChildOrder child : children.values())
        {
            final int id = child.parent.instrument.id();
            if (child.parent.side == Side.BUY)
            {
                openBuy[id] = saturatingAdd(openBuy[id], child.open());
            }
            else
            {
                openSell[id] = saturatingAdd(openSell[id], child.open());
            }
        }
        for (int id = 0; id < MAX_INSTRUMENTS; id++)
        {
            final Instrument instrument = childInstruments[id];
            if (instrument != null)
            {
                childOrders.restorePosition(instrument, cardPosition[id]);
                childOrders.restoreOpen(instrument, Side.BUY, openBuy[id]);
                childOrders.restoreOpen(instrument, Side.SELL, openSell[id]);
            }
        }
    }

    /** Net filled quantity of an instrument as the card was told it (buys minus sells). */
    public long cardPosition(final Instrument instrument)
    {
        return cardPosition[instrument.id()];
    }

    private static long saturatingAdd(final long a, final long b)
    {
        final long sum = a + b;
        // Overflow only when both have the same sign and the sum's differs (Hacker's Delight 2-13).
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }

    /** Visits every open child order, in client order id order. */
    public void forEachOpenChild(final ChildOrderView view)
    {
        final long[] ids = sortedChildIds();
        for (final long id : ids)
        {
            final ChildOrder child = children.get(id);
            view.onChild(id, child.venueId, child.state == ChildOrder.State.AT_CARD, child.quantity, child.filled);
        }
    }

    /** Clients' order ids of the parents still working, in arrival order. */
    public List<String> activeClOrdIds()
    {
        final List<String> ids = new ArrayList<>();
        for (int i = 0, n = active.size(); i < n; i++)
        {
            if (!active.get(i).done)
            {
                ids.add(active.get(i).clOrdId);
            }
        }
        return ids;
    }

    /**
     * The core's whole decision state as text, in a fixed order: sequences, every working parent
     * with its schedule progress, every open child, every book level. Two cores fed the same
     * inputs give the same text, which is how replay is checked against the live run. Not for
     * the hot path: it allocates.
     */
    public String describeState()
    {
        final StringBuilder out = new StringBuilder(4096);
        out.append("parentSequence=").append(parentSequence).append(" rejectSequence=").append(rejectSequence)
            .append('\n');
        // Operator state: kills, routing and risk limits are inputs too, so a replay must rebuild them.
        out.append("placingHalted=").append(placingHalted).append(" killedVenues=").append(killedVenueMask)
            .append(" disabledVenues=").append(disabledVenueMask)
            .append(" adverseMoveBps=").append(Double.doubleToRawLongBits(adverseMoveBps))
            .append(" reducingFactor=").append(Double.doubleToRawLongBits(reducingFactor))
            .append(" scheduleAheadTolerance=").append(Double.doubleToRawLongBits(scheduleAheadTolerance))
            .append(" impactFit=").append(impactFit)
            .append('\n');
        final String[] sortedClOrdIds = clOrdIds.toArray(new String[0]);
        Arrays.sort(sortedClOrdIds);
        out.append("clOrdIds=").append(String.join(",", sortedClOrdIds)).append('\n');
        for (int i = 0, n = active.size(); i < n; i++)
        {
            final ParentOrder p = active.get(i);
            out.append("parent ").append(p.sequence).append(' ').append(p.clOrdId)
                .append(" client=").append(p.clientId)
                .append(" qty=").append(p.quantity)
                .append(" limit=").append(p.limitPrice)
                .append(" endNs=").append(p.endNs)
                .append(" scheduleBase=").append(p.scheduleBase)
                .append(" tapeVolume=").append(p.tapeVolume)
                .append(" paused=").append(p.paused)
                .append(" operatorHeld=").append(p.operatorHeld)
                .append(" cancelClOrdId=").append(p.cancelClOrdId)
                .append(" pendingReplace=").append(p.pendingReplace)
                .append(" parameters=").append(p.parameters)
                .append(" impactY=").append(p.impactFit == null ? "calibrated" : p.impactFit.coefficient())
                .append(" filled=").append(p.filled)
                .append(" inFlight=").append(p.inFlight)
                .append(" rfqReserved=").append(p.rfqReserved)
                .append(" notional=").append(Double.doubleToRawLongBits(p.filledNotional))
                .append(" fees=").append(Double.doubleToRawLongBits(p.fees))
                .append(" nextSlice=").append(p.nextSlice)
                .append(" childSequence=").append(p.childSequence)
                .append(" nextActionNs=").append(p.nextActionNs)
                .append(" reportSequence=").append(p.reportSequence)
                .append(" done=").append(p.done)
                .append(" fills=").append(p.record.fillCount())
                .append(" mids=").append(p.record.midCount())
                .append(" targets=").append(p.record.targetCount())
                .append(" children=").append(p.record.childOrders())
                .append(" marketTrades=").append(p.record.marketTrades())
                .append(" marketVolume=").append(Double.doubleToRawLongBits(p.record.marketVolume()))
                .append('\n');
        }
        desk.describe(out);
        for (final long id : sortedChildIds())
        {
            final ChildOrder c = children.get(id);
            out.append("child ").append(id).append(" venue=").append(c.venueId).append(' ').append(c.type)
                .append(" price=").append(c.price).append(" qty=").append(c.quantity).append(" filled=")
                .append(c.filled).append(' ').append(c.state).append(c.cancelSent ? " cancelSent" : "")
                .append('\n');
        }
        for (int v = 0; v < MAX_VENUES; v++)
        {
            if (venues[v] == null)
            {
                continue;
            }
            for (int i = 0; i < MAX_INSTRUMENTS; i++)
            {
                final VenueBook book = books[v][i];
                if (book.lastUpdateNs() == Long.MIN_VALUE)
                {
                    continue;
                }
                out.append("book ").append(v).append('/').append(i).append(" at ").append(book.lastUpdateNs());
                appendLevels(out, " bids", book.bids());
                appendLevels(out, " asks", book.asks());
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static void appendLevels(final StringBuilder out, final String name, final PriceLevels levels)
    {
        out.append(name);
        for (int l = 0, n = levels.size(); l < n; l++)
        {
            out.append(' ').append(levels.price(l)).append('x').append(levels.quantity(l));
        }
    }

    private long[] sortedChildIds()
    {
        final long[] ids = new long[children.size()];
        int n = 0;
        for (final Long2ObjectHashMap<ChildOrder>.KeyIterator it = children.keySet().iterator(); it.hasNext(); )
        {
            ids[n++] = it.nextLong();
        }
        Arrays.sort(ids);
        return ids;
    }
}
