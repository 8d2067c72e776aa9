package io.slipway.core;

import io.slipway.domain.ChildOrderIds;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsReportSink;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.tca.ExecutionRecord;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
    private static final int MAX_INSTRUMENTS = 16;

    private final CoreContext context;
    private final ChildOrderSink childOrders;
    private final OmsReportSink reports;
    private final ParentOrderListener parentListener;
    private final TradingVenue[] venues = new TradingVenue[MAX_VENUES];
    private final String[] venueNames = new String[MAX_VENUES];
    private final VenueBook[][] books = new VenueBook[MAX_VENUES][MAX_INSTRUMENTS];
    private final Long2ObjectHashMap<ChildOrder> children = new Long2ObjectHashMap<>();
    private final List<ParentOrder> active = new ArrayList<>();
    private final Set<String> clOrdIds = new HashSet<>();
    private final BestPriceRouter router = new BestPriceRouter();
    private final RoutePlan plan = new RoutePlan();
    private long parentSequence;
    private long rejectSequence;

    public ExecutionCore(final CoreContext context, final List<TradingVenue> venues, final ChildOrderSink childOrders,
        final OmsReportSink reports, final ParentOrderListener parentListener)
    {
        this.context = context.conclude();
        this.childOrders = childOrders;
        this.reports = reports;
        this.parentListener = parentListener;
        for (final TradingVenue venue : venues)
        {
            if (this.venues[venue.id()] != null)
            {
                throw new IllegalArgumentException("duplicate venue id " + venue.id());
            }
            this.venues[venue.id()] = venue;
            this.venueNames[venue.id()] = venue.name();
        }
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
        if (isKnown(venueId, instrumentId))
        {
            books[venueId][instrumentId].onLevel(bid, price, quantity, nowNs);
            sampleMids(instrumentId, nowNs);
        }
    }

    @Override
    public void onBbo(final int venueId, final int instrumentId, final long bidPrice, final long bidQty,
        final long askPrice, final long askQty, final long nowNs)
    {
        if (isKnown(venueId, instrumentId))
        {
            books[venueId][instrumentId].onBbo(bidPrice, bidQty, askPrice, askQty, nowNs);
            sampleMids(instrumentId, nowNs);
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
    }

    @Override
    public void onTrade(final int venueId, final int instrumentId, final long price, final long quantity,
        final long nowNs)
    {
        for (int i = 0, n = active.size(); i < n; i++)
        {
            final ParentOrder parent = active.get(i);
            if (!parent.done && parent.instrument.id() == instrumentId && nowNs >= parent.startNs)
            {
                parent.record.onMarketTrade(nowNs, price, quantity);
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

        final long sequence = ++parentSequence;
        final Schedule schedule = Schedules.create(strategy, context, startNs, endNs, quantity);
        final ExecutionRecord record = new ExecutionRecord("SLP-" + sequence, clOrdId, instrument, side, quantity,
            strategy.name(), nowNs, startNs, endNs, arrivalMid, venueNames);
        final ParentOrder parent = new ParentOrder(sequence, clOrdId, instrument, side, order.side(), quantity,
            limitPrice, strategy, schedule, startNs, endNs, record);
        clOrdIds.add(clOrdId);
        active.add(parent);
        report(parent, ExecType.NEW, OrdStatus.NEW, 0, 0, null, nowNs,
            "accepted " + strategy.name() + " in " + schedule.slices() + " slices; arrival mid " +
            String.format("%.2f", arrivalMid));
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
        for (int i = 0; i < active.size(); i++)
        {
            final ParentOrder parent = active.get(i);
            if (nowNs >= parent.nextActionNs)
            {
                work(parent, nowNs);
            }
            if (parent.done)
            {
                active.remove(i--);
            }
        }
    }

    private void work(final ParentOrder parent, final long nowNs)
    {
        if (nowNs >= parent.endNs)
        {
            parent.nextActionNs = Long.MAX_VALUE;
            finishIfQuiet(parent, nowNs);
            return;
        }

        final Schedule schedule = parent.schedule;
        final int released = parent.nextSlice;
        while (parent.nextSlice < schedule.slices() && schedule.sliceTimeNs(parent.nextSlice) <= nowNs)
        {
            parent.nextSlice++;
        }
        if (parent.nextSlice > released)
        {
            schedule.onSliceReleased(parent.nextSlice - 1, parent.filled + parent.inFlight, nowNs);
        }
        final long target = parent.nextSlice == 0 ? 0 : schedule.targetAfterSlice(parent.nextSlice - 1);
        if (parent.nextSlice > released)
        {
            parent.record.onScheduleTarget(nowNs, target);
        }
        final long due = target - parent.filled - parent.inFlight;
        long unplaced = 0;
        if (due > 0)
        {
            unplaced = placeSlice(parent, due, nowNs);
        }

        final long nextSliceNs = parent.nextSlice < schedule.slices() ?
            schedule.sliceTimeNs(parent.nextSlice) : parent.endNs;
        final boolean owesMore = unplaced > 0 || parent.inFlight > 0 ||
            (parent.nextSlice >= schedule.slices() && parent.leaves() > 0);
        parent.nextActionNs = owesMore ?
            Math.min(nextSliceNs, nowNs + context.retryIntervalNs()) : nextSliceNs;
    }

    /** Routes {@code due} now; returns what could not be placed. */
    private long placeSlice(final ParentOrder parent, final long due, final long nowNs)
    {
        final Instrument instrument = parent.instrument;
        // Lot-rounding dust is carried until the schedule has released everything, then placed once.
        final boolean scheduleComplete = parent.nextSlice >= parent.schedule.slices();
        router.route(instrument, parent.side, due, parent.limitPrice, venues, books, scheduleComplete, plan);
        for (int i = 0; i < plan.count(); i++)
        {
            long remaining = plan.quantity(i);
            while (remaining > 0)
            {
                final long quantity = Math.min(remaining, context.maxChildQuantity());
                sendChild(parent, plan.venueId(i), OrderType.IOC, plan.limitPrice(i), quantity);
                remaining -= quantity;
            }
        }
        return plan.unrouted();
    }

    private void sendChild(final ParentOrder parent, final int venueId, final OrderType type, final long price,
        final long quantity)
    {
        final long clientOrderId = ChildOrderIds.childId(parent.sequence, ++parent.childSequence);
        final ChildOrder child = new ChildOrder(clientOrderId, parent, venueId, type, price, quantity);
        if (!childOrders.sendNew(venueId, clientOrderId, parent.instrument, parent.side, type, price, quantity))
        {
            // Back-pressure at the card: the child never existed; its quantity stays due.
            return;
        }
        children.put(clientOrderId, child);
        parent.inFlight += quantity;
    }

    // ------------------------------------------------------------------------------------------
    // Card verdicts (completion ring) and venue reports
    // ------------------------------------------------------------------------------------------

    @Override
    public void onCardVerdict(final long clientOrderId, final boolean sent, final int reason, final long nowNs)
    {
        final ChildOrder child = children.get(clientOrderId);
        if (child == null || child.state != ChildOrder.State.AT_CARD)
        {
            return;
        }
        child.parent.record.onChildOrder(!sent);
        if (sent)
        {
            child.state = ChildOrder.State.SENT;
        }
        else
        {
            // The card let nothing out: no exposure was opened there, so none is released.
            closeChild(child, nowNs, false);
        }
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
        if (child != null && child.state != ChildOrder.State.DONE)
        {
            closeChild(child, nowNs, true);
        }
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
        final ParentOrder parent = child.parent;
        parent.inFlight -= fillQty;
        parent.filled += fillQty;
        parent.filledNotional += parent.instrument.notional(price, fillQty);
        parent.fees += fee;
        parent.record.onFill(nowNs, venueId, price, fillQty, fee, maker, compositeHalfSpread(parent.instrument));
        childOrders.reportFill(clientOrderId, parent.instrument, parent.side, fillQty);

        final boolean complete = parent.filled == parent.quantity;
        report(parent, complete ? ExecType.FILL : ExecType.PARTIAL_FILL,
            complete ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED, fillQty, price, venueNames[venueId], nowNs, null);
        if (child.filled == child.quantity)
        {
            child.state = ChildOrder.State.DONE;
            children.remove(clientOrderId);
        }
        if (complete)
        {
            finish(parent, nowNs, "FILLED");
        }
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

    private void closeChild(final ChildOrder child, final long nowNs, final boolean releaseAtCard)
    {
        final long open = child.open();
        child.state = ChildOrder.State.DONE;
        children.remove(child.clientOrderId);
        final ParentOrder parent = child.parent;
        parent.inFlight -= open;
        if (releaseAtCard && open > 0)
        {
            childOrders.reportRelease(child.clientOrderId, parent.instrument, parent.side, open);
        }
        if (!parent.done && parent.inFlight == 0)
        {
            if (nowNs >= parent.endNs)
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
            report(parent, ExecType.EXPIRED, OrdStatus.EXPIRED, 0, 0, null, nowNs,
                "ExpireTime reached with " + parent.instrument.formatQty(parent.leaves()) + " unfilled");
            finish(parent, nowNs, "EXPIRED");
        }
    }

    private void finish(final ParentOrder parent, final long nowNs, final String status)
    {
        parent.done = true;
        parent.nextActionNs = Long.MAX_VALUE;
        parent.record.complete(nowNs, compositeMid(parent.instrument), status);
        parentListener.onParentDone(parent.record);
    }

    // ------------------------------------------------------------------------------------------
    // Reports to the OMS
    // ------------------------------------------------------------------------------------------

    private void report(final ParentOrder parent, final ExecType execType, final OrdStatus status, final long lastQty,
        final long lastPx, final String lastMarket, final long nowNs, final String text)
    {
        final boolean finished = status == OrdStatus.FILLED || status == OrdStatus.EXPIRED;
        reports.onReport(new ParentOrderReport(parent.clOrdId, parent.orderId, parent.nextExecId(), execType, status,
            parent.instrument, parent.instrument.symbol(), parent.side, parent.rawSide, parent.quantity, lastQty,
            lastPx, lastMarket, parent.filled, finished ? 0 : parent.leaves(), parent.avgPx(), parent.fees, nowNs,
            text));
    }

    private void reject(final NewParentOrder order, final Instrument instrument, final Side side, final long quantity,
        final String reason, final long nowNs)
    {
        reports.onReport(new ParentOrderReport(order.clOrdId(), "NONE", "REJ-" + (++rejectSequence),
            ExecType.REJECTED, OrdStatus.REJECTED, instrument, order.symbol(), side, order.side(), quantity, 0, 0,
            null, 0, 0, 0.0, 0.0, nowNs, reason));
    }

    private boolean isKnown(final int venueId, final int instrumentId)
    {
        return venueId > 0 && venueId < MAX_VENUES && venues[venueId] != null &&
            instrumentId > 0 && instrumentId < MAX_INSTRUMENTS;
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
        final String[] sortedClOrdIds = clOrdIds.toArray(new String[0]);
        Arrays.sort(sortedClOrdIds);
        out.append("clOrdIds=").append(String.join(",", sortedClOrdIds)).append('\n');
        for (int i = 0, n = active.size(); i < n; i++)
        {
            final ParentOrder p = active.get(i);
            out.append("parent ").append(p.sequence).append(' ').append(p.clOrdId)
                .append(" filled=").append(p.filled)
                .append(" inFlight=").append(p.inFlight)
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
        for (final long id : sortedChildIds())
        {
            final ChildOrder c = children.get(id);
            out.append("child ").append(id).append(" venue=").append(c.venueId).append(' ').append(c.type)
                .append(" price=").append(c.price).append(" qty=").append(c.quantity).append(" filled=")
                .append(c.filled).append(' ').append(c.state).append('\n');
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
