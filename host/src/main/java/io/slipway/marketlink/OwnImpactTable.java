package io.slipway.marketlink;

import io.slipway.tca.OwnImpactSource;
import io.slipway.sim.market.ParentSlots;

/**
 * The latest own-impact figure per parent as the market sent it in OWN_IMPACT frames
 * ({@link MarketLinkFrame#OWN_IMPACT}), answered as an {@link OwnImpactSource}: cumulative cost over
 * cumulative filled quantity, in bps, the arithmetic of the market's own impact model, so the
 * answer is the market's figure bit for bit. Bounded: at most {@code capacity} parents, a new parent
 * evicting the one updated least recently, which then answers NaN. Single-threaded.
 */
public final class OwnImpactTable implements OwnImpactSource
{
    /** Parents kept unless told otherwise, as the market's impact model keeps. */
    public static final int DEFAULT_CAPACITY = 256;
    private static final int INSTRUMENT_BITS = ParentSlots.INSTRUMENT_BITS;

    private final ParentSlots slots;
    private final double[] costs;
    private final double[] filled;

    public OwnImpactTable(final int capacity)
    {
        slots = new ParentSlots(capacity);
        costs = new double[capacity];
        filled = new double[capacity];
    }

    /**
     * Takes the parent's latest figure (a checked OWN_IMPACT frame's fields).
     *
     * @throws IllegalArgumentException for an instrument or parent out of range, or figures that are not
     *                                  finite (filled negative); nothing is kept then
     */
    public void put(final int instrumentId, final long parentSequence, final double costBase, final double filledBase)
    {
        if (instrumentId < 0 || instrumentId >= 1 << INSTRUMENT_BITS || parentSequence < 0 ||
            parentSequence >= MarketLinkFrame.PARENT_LIMIT)
        {
            throw new IllegalArgumentException("no own impact for instrument " + instrumentId + ", parent " +
                parentSequence + ": out of range");
        }
        if (!Double.isFinite(costBase) || !Double.isFinite(filledBase) || filledBase < 0)
        {
            throw new IllegalArgumentException("own impact of parent " + parentSequence + " must be finite with a " +
                "non-negative quantity, had " + costBase + " and " + filledBase);
        }
        int slot = slots.find(instrumentId, parentSequence);
        if (slot == ParentSlots.FREE)
        {
            slot = slots.take(instrumentId, parentSequence);
        }
        costs[slot] = costBase;
        filled[slot] = filledBase;
        slots.touch(slot);
    }

    @Override
    public double ownImpactBps(final int instrumentId, final long parentSequence)
    {
        if (instrumentId < 0 || instrumentId >= 1 << INSTRUMENT_BITS || parentSequence < 0 ||
            parentSequence >= MarketLinkFrame.PARENT_LIMIT)
        {
            return Double.NaN;
        }
        final int slot = slots.find(instrumentId, parentSequence);
        // The market's ImpactModel.ownImpactCost times 1e4, operation for operation.
        return slot == ParentSlots.FREE || !(filled[slot] > 0) ? Double.NaN : costs[slot] / filled[slot] * 1e4;
    }

    /** Parents kept now. */
    public int size()
    {
        return slots.used();
    }

    /** Puts every figure of this table into another, least recently updated first. */
    public void copyInto(final OwnImpactTable target)
    {
        for (final int slot : slots.oldestFirst())
        {
            target.put(slots.instrument(slot), slots.parent(slot), costs[slot], filled[slot]);
        }
    }
}
