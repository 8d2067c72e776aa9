package io.slipway.core;

/**
 * TWAP: the parent is cut into equal slices released on a fixed clock, the last one a whole
 * interval before the end so it has time to fill. Target cumulative quantity after slice k
 * (0-based) of n is Q (k + 1) / n, computed in integers so the last target is exactly Q.
 */
public final class TwapSchedule implements Schedule
{
    private static final long MAX_SLICES = 100_000;

    private final long startNs;
    private final long intervalNs;
    private final int slices;
    private final long quantity;

    public TwapSchedule(final long startNs, final long endNs, final long preferredIntervalNs, final long quantity)
    {
        if (endNs <= startNs)
        {
            throw new IllegalArgumentException("end must be after start");
        }
        if (preferredIntervalNs <= 0 || quantity <= 0)
        {
            throw new IllegalArgumentException("interval and quantity must be positive");
        }
        final long horizon = endNs - startNs;
        this.slices = (int)Math.max(1, Math.min(horizon / preferredIntervalNs, MAX_SLICES));
        this.intervalNs = horizon / slices;
        this.startNs = startNs;
        this.quantity = quantity;
    }

    @Override
    public int slices()
    {
        return slices;
    }

    public long intervalNs()
    {
        return intervalNs;
    }

    @Override
    public long sliceTimeNs(final int slice)
    {
        return startNs + slice * intervalNs;
    }

    @Override
    public long targetAfterSlice(final int slice)
    {
        final long k1 = Math.min(slice, slices - 1) + 1L;
        // Split so no intermediate product can overflow: (q div n) k1 + (q mod n) k1 / n.
        return (quantity / slices) * k1 + (quantity % slices) * k1 / slices;
    }
}
