package io.slipway.core;

import io.slipway.analytics.ImpactFit;
import io.slipway.domain.Instrument;
import io.slipway.domain.Side;
import io.slipway.oms.OrdStatus;
import io.slipway.tca.ExecutionRecord;

import java.util.ArrayList;
import java.util.List;

/** A parent order the core is working. Mutated only by {@link ExecutionCore} on its thread. */
final class ParentOrder
{
    final long sequence;
    final String orderId;
    final Instrument instrument;
    final Side side;
    final char rawSide;
    final Strategy strategy;
    final StrategyParameters parameters;
    final String clientId;
    final long startNs;
    final ExecutionRecord record;

    /** The ClOrdID the OMS knows the order by now: a replace changes it. */
    String clOrdId;
    long quantity;
    long limitPrice;
    long endNs;
    Schedule schedule;
    /** Done (filled or in flight) when the current schedule was planned: its targets come on top. */
    long scheduleBase;

    long filled;
    double filledNotional;
    double fees;
    long inFlight;
    long childSequence;
    int nextSlice;
    long nextActionNs;
    long reportSequence;
    /** Volume the tape printed for the instrument since the start, for the participation cap. */
    long tapeVolume;
    /** Paused by the adverse-move limit until the price comes back. */
    boolean paused;
    /** ClOrdID of the accepted cancel request while Pending Cancel, else null. */
    String cancelClOrdId;
    /** A replace accepted while Pending Replace (waiting for quantity in flight), else null. */
    PendingReplace pendingReplace;
    boolean done;
    OrdStatus finalStatus;
    /** Held by an operator kill of this order: nothing new is placed until it is resumed. */
    boolean operatorHeld;
    /** Until when the current slice's post-only children may rest before being canceled and taken. */
    long passiveUntilNs = Long.MIN_VALUE;
    /** Passive re-posts made inside the current slice's window (see CoreContext.maxPassiveReposts). */
    int repostsInSlice;
    /** Taking children of the final slice that came back with quantity unfilled: how far the next one reaches. */
    int finalMisses;
    /** Held out of lit placement while dealers are asked for it (see {@link DealerDesk}). */
    long rfqReserved;
    /** This parent's request sizes, created on its first request. */
    io.slipway.core.rfq.RfqSizer rfqSizer;
    /**
     * The impact fit current when the parent arrived (null: the calibrated impact). It keeps it to the end: a replace
     * re-plans and the RFQ desk prices continuing with it, so a parent is never worked at two coefficients.
     */
    final ImpactFit impactFit;
    /** The RFQ desk's model of continuing on the lit venues at {@link #impactFit}, made on its first request. */
    AcModel continuationModel;
    /** Post-only children still open. */
    final List<ChildOrder> resting = new ArrayList<>(8);

    ParentOrder(final long sequence, final String clOrdId, final Instrument instrument, final Side side,
        final char rawSide, final long quantity, final long limitPrice, final Strategy strategy,
        final StrategyParameters parameters, final String clientId, final Schedule schedule, final long startNs,
        final long endNs, final ExecutionRecord record, final ImpactFit impactFit)
    {
        this.impactFit = impactFit;
        this.sequence = sequence;
        this.orderId = "SLP-" + sequence;
        this.clOrdId = clOrdId;
        this.instrument = instrument;
        this.side = side;
        this.rawSide = rawSide;
        this.quantity = quantity;
        this.limitPrice = limitPrice;
        this.strategy = strategy;
        this.parameters = parameters;
        this.clientId = clientId;
        this.schedule = schedule;
        this.startNs = startNs;
        this.endNs = endNs;
        this.record = record;
        this.nextActionNs = startNs;
    }

    long leaves()
    {
        return quantity - filled;
    }

    boolean isCanceling()
    {
        return cancelClOrdId != null;
    }

    boolean isReplacing()
    {
        return pendingReplace != null;
    }

    /** OrdStatus (39) as FIX 4.4 ranks it: a final state, then Pending Cancel, Pending Replace, then fills. */
    OrdStatus ordStatus()
    {
        if (done)
        {
            return finalStatus;
        }
        if (isCanceling())
        {
            return OrdStatus.PENDING_CANCEL;
        }
        if (isReplacing())
        {
            return OrdStatus.PENDING_REPLACE;
        }
        return filled > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW;
    }

    /** The schedule's cumulative target once slice {@code slice} is released, fills before a re-plan included. */
    long targetAfterSlice(final int slice)
    {
        return Math.min(quantity, scheduleBase + schedule.targetAfterSlice(slice));
    }

    double avgPx()
    {
        return filled == 0 ? 0.0 : filledNotional / instrument.qtyToDouble(filled);
    }

    String nextExecId()
    {
        return orderId + "-" + (++reportSequence);
    }
}
