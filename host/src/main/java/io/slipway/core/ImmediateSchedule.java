package io.slipway.core;

/** Immediate execution: one slice at the start owing the whole order (what is not filled is retried until the end). */
public final class ImmediateSchedule implements Schedule
{
    private final long startNs;
    private final long quantity;

    public ImmediateSchedule(final long startNs, final long quantity)
    {
        SliceClock.checkQuantity(quantity);
        this.startNs = startNs;
        this.quantity = quantity;
    }

    @Override
    public int slices()
    {
        return 1;
    }

    @Override
    public long sliceTimeNs(final int slice)
    {
        return startNs;
    }

    @Override
    public long targetAfterSlice(final int slice)
    {
        return quantity;
    }
}
