package io.slipway.sim;

import java.util.Arrays;

/**
 * Discrete-event scheduler with a simulated clock. Events fire in time order; events due at
 * the same time fire in the order they were scheduled, so a run is a pure function of its
 * inputs and seed. The clock only moves when an event fires.
 *
 * <p>A binary heap over parallel arrays keeps the per-event cost to a few array writes.
 */
public final class EventScheduler
{
    private long nowNs;
    private long sequence;
    private int size;
    private long[] times = new long[1024];
    private long[] sequences = new long[1024];
    private SimEvent[] events = new SimEvent[1024];

    public EventScheduler(final long startNs)
    {
        this.nowNs = startNs;
    }

    public long nowNs()
    {
        return nowNs;
    }

    public int pending()
    {
        return size;
    }

    /** Time of the next event, or {@link Long#MAX_VALUE} when none is pending. */
    public long nextEventTimeNs()
    {
        return size == 0 ? Long.MAX_VALUE : times[0];
    }

    public void schedule(final long atNs, final SimEvent event)
    {
        if (atNs < nowNs)
        {
            throw new IllegalArgumentException("cannot schedule in the past: " + atNs + " < " + nowNs);
        }
        if (size == times.length)
        {
            final int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            sequences = Arrays.copyOf(sequences, capacity);
            events = Arrays.copyOf(events, capacity);
        }
        int i = size++;
        final long seq = sequence++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!before(atNs, seq, times[parent], sequences[parent]))
            {
                break;
            }
            move(parent, i);
            i = parent;
        }
        times[i] = atNs;
        sequences[i] = seq;
        events[i] = event;
    }

    public void scheduleAfter(final long delayNs, final SimEvent event)
    {
        schedule(nowNs + delayNs, event);
    }

    /** Fires the next event if one is due at or before limitNs; returns whether one fired. */
    public boolean runNext(final long limitNs)
    {
        if (size == 0 || times[0] > limitNs)
        {
            return false;
        }
        final long at = times[0];
        final SimEvent event = events[0];
        removeHead();
        nowNs = at;
        event.fire(at);
        return true;
    }

    /** Moves the clock forward to timeNs without firing anything (no event may be due before it). */
    public void advanceTo(final long timeNs)
    {
        if (timeNs < nowNs || (size > 0 && times[0] < timeNs))
        {
            throw new IllegalArgumentException("cannot advance to " + timeNs + " past pending events or backwards");
        }
        nowNs = timeNs;
    }

    private void removeHead()
    {
        final int last = --size;
        final long t = times[last];
        final long s = sequences[last];
        final SimEvent e = events[last];
        events[last] = null;
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && before(times[child + 1], sequences[child + 1], times[child], sequences[child]))
            {
                child++;
            }
            if (!before(times[child], sequences[child], t, s))
            {
                break;
            }
            move(child, i);
            i = child;
        }
        if (size > 0)
        {
            times[i] = t;
            sequences[i] = s;
            events[i] = e;
        }
    }

    private void move(final int from, final int to)
    {
        times[to] = times[from];
        sequences[to] = sequences[from];
        events[to] = events[from];
    }

    private static boolean before(final long t1, final long s1, final long t2, final long s2)
    {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }
}
