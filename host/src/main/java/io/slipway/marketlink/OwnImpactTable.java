package io.slipway.marketlink;

import io.slipway.tca.OwnImpactSource;
import org.agrona.collections.Long2LongHashMap;

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
    private static final int FREE = -1;
    private static final int INSTRUMENT_BITS = 16;

    private final Long2LongHashMap slotByKey = new Long2LongHashMap(FREE);
    private final long[] keys;
    private final int[] instruments;
    private final long[] parents;
    private final double[] costs;
    private final double[] filled;
    private final long[] touched;
    private int used;
    private long touches;

    public OwnImpactTable(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        keys = new long[capacity];
        instruments = new int[capacity];
        parents = new long[capacity];
        costs = new double[capacity];
        filled = new double[capacity];
        touched = new long[capacity];
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
        final long key = key(instrumentId, parentSequence);
        int slot = (int)slotByKey.get(key);
        if (slot == FREE)
        {
            if (used < keys.length)
            {
                slot = used++;
            }
            else
            {
                slot = 0;
                for (int i = 1; i < used; i++)
                {
                    if (touched[i] < touched[slot])
                    {
                        slot = i;
                    }
                }
                slotByKey.remove(keys[slot]);
            }
            slotByKey.put(key, slot);
            keys[slot] = key;
            instruments[slot] = instrumentId;
            parents[slot] = parentSequence;
        }
        costs[slot] = costBase;
        filled[slot] = filledBase;
        touched[slot] = ++touches;
    }

    @Override
    public double ownImpactBps(final int instrumentId, final long parentSequence)
    {
        if (instrumentId < 0 || instrumentId >= 1 << INSTRUMENT_BITS || parentSequence < 0 ||
            parentSequence >= MarketLinkFrame.PARENT_LIMIT)
        {
            return Double.NaN;
        }
        final int slot = (int)slotByKey.get(key(instrumentId, parentSequence));
        // The market's ImpactModel.ownImpactCost times 1e4, operation for operation.
        return slot == FREE || !(filled[slot] > 0) ? Double.NaN : costs[slot] / filled[slot] * 1e4;
    }

    /** Parents kept now. */
    public int size()
    {
        return used;
    }

    /** Puts every figure of this table into another, least recently updated first. */
    public void copyInto(final OwnImpactTable target)
    {
        final boolean[] done = new boolean[used];
        for (int n = 0; n < used; n++)
        {
            int next = -1;
            for (int i = 0; i < used; i++)
            {
                if (!done[i] && (next == -1 || touched[i] < touched[next]))
                {
                    next = i;
                }
            }
            done[next] = true;
            target.put(instruments[next], parents[next], costs[next], filled[next]);
        }
    }

    private static long key(final int instrumentId, final long parentSequence)
    {
        return parentSequence << INSTRUMENT_BITS | instrumentId;
    }
}
