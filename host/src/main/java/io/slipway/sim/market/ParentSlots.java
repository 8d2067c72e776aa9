package io.slipway.sim.market;

import org.agrona.collections.Long2LongHashMap;

/**
 * A bounded index of parent orders by instrument and parent sequence, for per-parent figures kept in
 * arrays beside it (the impact model's own-impact states, the appliance's copy of the market's
 * figures): at most {@code capacity} parents, a new one taking a free slot or, when full, the slot of
 * the parent touched least recently, which is forgotten. Single-threaded, no allocation after
 * construction except on a greeting's {@link #oldestFirst()}.
 */
public final class ParentSlots
{
    public static final int FREE = -1;
    /** Instrument ids below 2^16 share the key with the parent sequence above them. */
    public static final int INSTRUMENT_BITS = 16;

    private final Long2LongHashMap slotByKey = new Long2LongHashMap(FREE);
    private final long[] keys;
    private final int[] instruments;
    private final long[] parents;
    private final long[] touched;
    private int used;
    private long touches;

    public ParentSlots(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        keys = new long[capacity];
        instruments = new int[capacity];
        parents = new long[capacity];
        touched = new long[capacity];
    }

    /** The parent's slot, or {@link #FREE} if it is not kept. The caller checks the id ranges. */
    public int find(final int instrumentId, final long parentSequence)
    {
        return (int)slotByKey.get(key(instrumentId, parentSequence));
    }

    /**
     * A slot for a parent {@link #find} did not find: a free one, or the least recently touched parent's,
     * which is forgotten. The caller resets its figures in that slot.
     */
    public int take(final int instrumentId, final long parentSequence)
    {
        int slot;
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
        final long key = key(instrumentId, parentSequence);
        slotByKey.put(key, slot);
        keys[slot] = key;
        instruments[slot] = instrumentId;
        parents[slot] = parentSequence;
        return slot;
    }

    /** Marks the slot as the most recently used. */
    public void touch(final int slot)
    {
        touched[slot] = ++touches;
    }

    /** Slots in use: 0 .. used() - 1. */
    public int used()
    {
        return used;
    }

    public int instrument(final int slot)
    {
        return instruments[slot];
    }

    public long parent(final int slot)
    {
        return parents[slot];
    }

    /** The slots in use, least recently touched first (insertion sort: at most the capacity, on a greeting). */
    public int[] oldestFirst()
    {
        final int[] order = new int[used];
        for (int i = 0; i < used; i++)
        {
            order[i] = i;
        }
        for (int i = 1; i < order.length; i++)
        {
            final int slot = order[i];
            int j = i - 1;
            while (j >= 0 && touched[order[j]] > touched[slot])
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = slot;
        }
        return order;
    }

    private static long key(final int instrumentId, final long parentSequence)
    {
        return parentSequence << INSTRUMENT_BITS | instrumentId;
    }
}
