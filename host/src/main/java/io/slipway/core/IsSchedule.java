package io.slipway.core;

import io.slipway.analytics.AlmgrenChriss;

/**
 * Implementation shortfall: the static Almgren-Chriss optimal trajectory (Almgren and Chriss
 * 2000) on the slice clock, solved once at arrival. Target after slice k is Q - x_{k+1}; with
 * risk aversion it front-loads, with none it is TWAP.
 */
public final class IsSchedule extends SlicedSchedule
{
    private final double[] holdings;

    public IsSchedule(final long startNs, final long endNs, final long preferredIntervalNs, final long quantity,
        final AcModel model)
    {
        super(startNs, endNs, preferredIntervalNs, quantity);
        final AlmgrenChriss ac = model.solve(clock.slices * clock.intervalNs / 1e9, clock.slices,
            model.sigmaBpsPerSqrtSecond());
        this.holdings = ac.trajectory();
    }

    @Override
    public long targetAfterSlice(final int slice)
    {
        final int k1 = Math.min(slice, clock.slices - 1) + 1;
        return SliceClock.doneFor(quantity, holdings[k1]);
    }
}
