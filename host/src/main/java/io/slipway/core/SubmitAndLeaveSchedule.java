package io.slipway.core;

/**
 * Submit and leave, the baseline of Nevmyvaka, Feng and Kearns (2006): the whole order is posted
 * at the touches at the start (split across venues by fill probability, nothing taken at once)
 * and left until one slice interval before the end, when what is left is canceled and taken.
 */
public final class SubmitAndLeaveSchedule extends SlicedSchedule
{
    private final long windowNs;

    public SubmitAndLeaveSchedule(final long startNs, final long endNs, final long sweepIntervalNs,
        final long quantity)
    {
        super(startNs, endNs, endNs - startNs, quantity);
        this.windowNs = Math.max(0, endNs - startNs - sweepIntervalNs);
    }

    @Override
    public long targetAfterSlice(final int slice)
    {
        return quantity;
    }

    @Override
    public long passiveWindowNs(final int slice)
    {
        return windowNs;
    }

    @Override
    public double minFillProbability()
    {
        return 0.0;
    }
}
