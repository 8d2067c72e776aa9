package io.slipway.sim.market;

import java.util.SplittableRandom;

/**
 * The unobserved "true" price of one instrument that every venue's liquidity quotes around:
 * geometric Brownian motion without drift, S(t+dt) = S(t) exp(-sigma^2 dt / 2 + sigma sqrt(dt) Z),
 * times the own-trade impact factor from an {@link ImpactModel}. Time runs in seconds of a
 * 24/7 year (crypto trades every day), so 50%/yr is about 2.6% a day and 0.85% over 4 h.
 */
public final class LatentPrice
{
    public static final double SECONDS_PER_YEAR = 365.25 * 86_400.0;

    private final SplittableRandom random;
    private final double sigmaPerSqrtSecond;
    private double fundamental;
    private long timeNs;

    public LatentPrice(final double initialPrice, final double annualVolatility, final long startNs,
        final SplittableRandom random)
    {
        if (initialPrice <= 0 || annualVolatility < 0)
        {
            throw new IllegalArgumentException("price must be positive and volatility non-negative");
        }
        this.fundamental = initialPrice;
        this.sigmaPerSqrtSecond = annualVolatility / Math.sqrt(SECONDS_PER_YEAR);
        this.timeNs = startNs;
        this.random = random;
    }

    /** Moves the diffusion forward to nowNs (no-op when already there). */
    public void advanceTo(final long nowNs)
    {
        if (nowNs <= timeNs)
        {
            return;
        }
        final double dt = (nowNs - timeNs) * 1e-9;
        final double s = sigmaPerSqrtSecond * Math.sqrt(dt);
        fundamental *= Math.exp(-0.5 * s * s + s * random.nextGaussian());
        timeNs = nowNs;
    }

    /** The diffusion alone, without own-trade impact. */
    public double fundamental()
    {
        return fundamental;
    }

    public long timeNs()
    {
        return timeNs;
    }

    public double sigmaPerSqrtSecond()
    {
        return sigmaPerSqrtSecond;
    }
}
