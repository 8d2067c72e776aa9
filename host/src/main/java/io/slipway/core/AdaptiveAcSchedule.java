package io.slipway.core;

import io.slipway.analytics.AlmgrenChriss;

/**
 * Adaptive Almgren-Chriss: at every slice the optimal trajectory is solved again on what
 * remains (quantity not yet filled or in flight, slices left) and with the volatility measured
 * so far, the first adaptive baseline suggested by Lorenz and Almgren (2011). Volatility is the
 * realised variance of the tape's last price between slice releases, shrunk towards the
 * model's prior by {@link #PRIOR_WEIGHT} pseudo-observations, so a turbulent tape makes it
 * trade sooner and a lagging fill spreads the shortfall over the rest of the horizon instead of
 * owing it at once.
 */
public final class AdaptiveAcSchedule extends SlicedSchedule
{
    static final double PRIOR_WEIGHT = 10.0;

    private final AcModel model;
    private final double priorVariance;
    private double squaredReturns;
    private int returnCount;
    private long lastPrice;
    private long priceAtLastSlice;
    private int baseSlice;
    private long baseDone;
    private double[] holdings;
    private int solves;

    public AdaptiveAcSchedule(final long startNs, final long endNs, final long preferredIntervalNs,
        final long quantity, final AcModel model)
    {
        super(startNs, endNs, preferredIntervalNs, quantity);
        this.model = model;
        this.priorVariance = model.sigmaBpsPerSqrtSecond() * model.sigmaBpsPerSqrtSecond();
        resolve(0, 0);
    }

    @Override
    public long targetAfterSlice(final int slice)
    {
        final int k = Math.min(slice, clock.slices - 1);
        final int step = Math.min(k - baseSlice + 1, holdings.length - 1);
        final long remaining = quantity - baseDone;
        return baseDone + (remaining - Math.round(remaining * holdings[Math.max(step, 0)]));
    }

    @Override
    public void onMarketTrade(final long price, final long quantity, final long nowNs)
    {
        if (price > 0)
        {
            lastPrice = price;
        }
    }

    @Override
    public void onSliceReleased(final int slice, final long done, final long nowNs)
    {
        if (lastPrice > 0)
        {
            if (priceAtLastSlice > 0)
            {
                final double r = StrictMath.log((double)lastPrice / priceAtLastSlice) * 1e4;
                squaredReturns += r * r;
                returnCount++;
            }
            priceAtLastSlice = lastPrice;
        }
        resolve(Math.min(slice, clock.slices - 1), Math.min(done, quantity));
    }

    /** Volatility now used, bps per square-root second. */
    public double sigmaBpsPerSqrtSecond()
    {
        final double intervalSeconds = clock.intervalNs / 1e9;
        final double measured = returnCount == 0 ? 0.0 : squaredReturns / intervalSeconds;
        return StrictMath.sqrt((PRIOR_WEIGHT * priorVariance + measured) / (PRIOR_WEIGHT + returnCount));
    }

    /** How many times the trajectory has been solved (once at arrival, then once a slice). */
    public int solves()
    {
        return solves;
    }

    private void resolve(final int slice, final long done)
    {
        final int stepsLeft = clock.slices - slice;
        final AlmgrenChriss ac = model.solve(stepsLeft * clock.intervalNs / 1e9, stepsLeft, sigmaBpsPerSqrtSecond());
        baseSlice = slice;
        baseDone = done;
        holdings = ac.trajectory();
        solves++;
    }
}
