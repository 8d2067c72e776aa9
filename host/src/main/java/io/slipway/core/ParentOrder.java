package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;
import io.slipway.tca.ExecutionRecord;

import java.util.ArrayList;
import java.util.List;

/** A parent order the core is working. Mutated only by {@link ExecutionCore} on its thread. */
final class ParentOrder
{
    final long sequence;
    final String orderId;
    final String clOrdId;
    final Instrument instrument;
    final Side side;
    final char rawSide;
    final long quantity;
    final long limitPrice;
    final Strategy strategy;
    final Schedule schedule;
    final long startNs;
    final long endNs;
    final ExecutionRecord record;

    long filled;
    double filledNotional;
    double fees;
    long inFlight;
    long childSequence;
    int nextSlice;
    long nextActionNs;
    long reportSequence;
    boolean done;
    /** Until when the current slice's post-only children may rest before being canceled and taken. */
    long passiveUntilNs = Long.MIN_VALUE;
    /** Post-only children still open. */
    final List<ChildOrder> resting = new ArrayList<>(8);

    ParentOrder(final long sequence, final String clOrdId, final Instrument instrument, final Side side,
        final char rawSide, final long quantity, final long limitPrice, final Strategy strategy,
        final Schedule schedule, final long startNs, final long endNs, final ExecutionRecord record)
    {
        this.sequence = sequence;
        this.orderId = "SLP-" + sequence;
        this.clOrdId = clOrdId;
        this.instrument = instrument;
        this.side = side;
        this.rawSide = rawSide;
        this.quantity = quantity;
        this.limitPrice = limitPrice;
        this.strategy = strategy;
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

    double avgPx()
    {
        return filled == 0 ? 0.0 : filledNotional / instrument.qtyToDouble(filled);
    }

    String nextExecId()
    {
        return orderId + "-" + (++reportSequence);
    }
}
