package io.slipway.core;

/**
 * Slice release times shared by the schedules: n = horizon / interval slices (at least one,
 * at most {@link #MAX_SLICES}), released at start + k (horizon / n), the last one a whole
 * interval before the end so it has time to fill.
 */
final class SliceClock
{
    static final long MAX_SLICES = 100_000;

    final long startNs;
    final long intervalNs;
    final int slices;

    SliceClock(final long startNs, final long endNs, final long preferredIntervalNs)
    {
        if (endNs <= startNs)
        {
            throw new IllegalArgumentException("end must be after start");
        }
        if (preferredIntervalNs <= 0)
        {
            throw new IllegalArgumentException("interval must be positive");
        }
        final long horizon = endNs - startNs;
        this.slices = (int)Math.max(1, Math.min(horizon / preferredIntervalNs, MAX_SLICES));
        this.intervalNs = horizon / slices;
        this.startNs = startNs;
    }

    long sliceTimeNs(final int slice)
    {
        return startNs + slice * intervalNs;
    }

    static void checkQuantity(final long quantity)
    {
        if (quantity <= 0)
        {
            throw new IllegalArgumentException("quantity must be positive");
        }
    }

    /** Quantity owed by the end of slice k when a fraction {@code remainingFraction} of Q is still to do. */
    static long doneFor(final long quantity, final double remainingFraction)
    {
        final long remaining = Math.round(quantity * Math.max(0.0, Math.min(1.0, remainingFraction)));
        return quantity - remaining;
    }
}
