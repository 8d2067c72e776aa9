package io.slipway.core;

/**
 * A schedule released on a {@link SliceClock}: what every such schedule shares (the clock, the
 * order quantity and its check), so each subclass says only how much is owed after a slice.
 */
abstract class SlicedSchedule implements Schedule
{
    protected final SliceClock clock;
    protected final long quantity;

    protected SlicedSchedule(final long startNs, final long endNs, final long intervalNs, final long quantity)
    {
        SliceClock.checkQuantity(quantity);
        this.clock = new SliceClock(startNs, endNs, intervalNs);
        this.quantity = quantity;
    }

    @Override
    public final int slices()
    {
        return clock.slices;
    }

    @Override
    public final long sliceTimeNs(final int slice)
    {
        return clock.sliceTimeNs(slice);
    }
}
