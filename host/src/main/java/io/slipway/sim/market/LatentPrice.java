package io.slipway.sim.market;

import java.util.SplittableRandom;

/**
 * The unobserved "true" price of one instrument that every venue's liquidity quotes around:
 * geometric Brownian motion without drift, S(t+dt) = S(t) exp(-sigma^2 dt / 2 + sigma sqrt(dt) Z),
 * times the own-trade impact factor from an {@link ImpactModel}. Time runs in seconds of a
 * 24/7 year (crypto trades every day), so 50%/yr is about 2.6% a day and 0.85% over 4 h.
 *
 * <p>Optionally the volatility follows {@link VolatilityRegimes} (the step variance is the
 * regime variance integrated over the step) and {@link PriceJumps} multiply the price as they
 * arrive; each draws from its own stream, so without them the path is the plain GBM's, bit for bit.
 *
 * <p>Mirrored (antithetic), every Gaussian innovation Z is used as -Z: the same draws from the same
 * stream, so the step times, the regimes and the jump times are unchanged and the log-increments are
 * those of the unmirrored path with the noise term negated. -Z has the law of Z, so the mirrored world
 * is equally likely; averaging a cost over the two cancels the first-order part of the price's drift.
 */
public final class LatentPrice
{
    public static final double SECONDS_PER_YEAR = 365.25 * 86_400.0;

    private final SplittableRandom random;
    private final double sigmaPerSqrtSecond;
    private final VolatilityRegimes regimes;
    private final PriceJumps jumps;
    private final double innovationSign;
    private double fundamental;
    private long timeNs;

    public LatentPrice(final double initialPrice, final double annualVolatility, final long startNs,
        final SplittableRandom random)
    {
        this(initialPrice, annualVolatility, startNs, random, null, null);
    }

    /** With regimes (null: constant annualVolatility) and jumps (null: none). */
    public LatentPrice(final double initialPrice, final double annualVolatility, final long startNs,
        final SplittableRandom random, final VolatilityRegimes regimes, final PriceJumps jumps)
    {
        this(initialPrice, annualVolatility, startNs, random, regimes, jumps, false);
    }

    /**
     * As above; mirror uses every Gaussian innovation negated (the jumps mirror themselves, see
     * {@link PriceJumps}). Off, the path is bit for bit the unmirrored one: 1.0 * z is z exactly.
     */
    public LatentPrice(final double initialPrice, final double annualVolatility, final long startNs,
        final SplittableRandom random, final VolatilityRegimes regimes, final PriceJumps jumps, final boolean mirror)
    {
        if (initialPrice <= 0 || annualVolatility < 0)
        {
            throw new IllegalArgumentException("price must be positive and volatility non-negative");
        }
        this.fundamental = initialPrice;
        this.sigmaPerSqrtSecond = annualVolatility / Math.sqrt(SECONDS_PER_YEAR);
        this.timeNs = startNs;
        this.random = random;
        this.regimes = regimes;
        this.jumps = jumps;
        this.innovationSign = mirror ? -1.0 : 1.0;
    }

    /** Moves the diffusion forward to nowNs (no-op when already there). */
    public void advanceTo(final long nowNs)
    {
        if (nowNs <= timeNs)
        {
            return;
        }
        if (regimes == null)
        {
            final double dt = (nowNs - timeNs) * 1e-9;
            final double s = sigmaPerSqrtSecond * Math.sqrt(dt);
            fundamental *= Math.exp(-0.5 * s * s + s * (innovationSign * random.nextGaussian()));
        }
        else
        {
            final double variance = regimes.integratedVariance(timeNs, nowNs);
            fundamental *= Math.exp(-0.5 * variance + Math.sqrt(variance) * (innovationSign * random.nextGaussian()));
        }
        if (jumps != null)
        {
            fundamental *= jumps.factorUpTo(nowNs);
        }
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

    /** The regimes driving the volatility, or null for a constant one. */
    public VolatilityRegimes regimes()
    {
        return regimes;
    }

    /** Whether the Gaussian innovations are negated (the antithetic world). */
    public boolean mirrored()
    {
        return innovationSign < 0;
    }

    /** The jump process, or null for none. */
    public PriceJumps jumps()
    {
        return jumps;
    }
}
