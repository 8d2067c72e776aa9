package io.slipway.sim.market;

import io.slipway.sim.scenario.RegimeSpec;

import java.util.SplittableRandom;

/**
 * Two-state Markov switching volatility (Hamilton 1989 style regimes): the latent price's
 * volatility is calm or stress, and each spell lasts an exponentially distributed time with the
 * spec's mean. The first state is drawn from the chain's stationary distribution, so the share of
 * time in stress is meanStress / (meanCalm + meanStress) from the start.
 *
 * <p>{@link #integratedVariance(long, long)} integrates sigma^2 exactly across any switches inside
 * an interval, so a diffusion step that straddles a switch has the right variance.
 */
public final class VolatilityRegimes
{
    private final SplittableRandom random;
    private final double calmVariancePerSecond;
    private final double stressVariancePerSecond;
    private final double meanCalmNs;
    private final double meanStressNs;
    private boolean stress;
    private long nextSwitchNs;
    private long switches;

    public VolatilityRegimes(final RegimeSpec spec, final long startNs, final SplittableRandom random)
    {
        this.random = random;
        final double calm = spec.calmVolatility();
        final double stressVol = spec.stressVolatility();
        this.calmVariancePerSecond = calm * calm / LatentPrice.SECONDS_PER_YEAR;
        this.stressVariancePerSecond = stressVol * stressVol / LatentPrice.SECONDS_PER_YEAR;
        this.meanCalmNs = spec.meanCalmHours() * 3_600e9;
        this.meanStressNs = spec.meanStressHours() * 3_600e9;
        this.stress = random.nextDouble() < meanStressNs / (meanCalmNs + meanStressNs);
        this.nextSwitchNs = startNs + spellNs();
    }

    private long spellNs()
    {
        // Exponential spell; 1 - u keeps the log argument in (0, 1].
        final double mean = stress ? meanStressNs : meanCalmNs;
        return Math.max(1, (long)(-Math.log(1 - random.nextDouble()) * mean));
    }

    /** Integral of sigma^2 dt over (fromNs, toNs], switching regimes on the way as due. */
    public double integratedVariance(final long fromNs, final long toNs)
    {
        double variance = 0;
        long t = fromNs;
        while (nextSwitchNs <= toNs)
        {
            variance += variancePerSecond() * (nextSwitchNs - t) * 1e-9;
            t = nextSwitchNs;
            stress = !stress;
            switches++;
            nextSwitchNs = t + spellNs();
        }
        return variance + variancePerSecond() * (toNs - t) * 1e-9;
    }

    private double variancePerSecond()
    {
        return stress ? stressVariancePerSecond : calmVariancePerSecond;
    }

    /** Whether the regime at the last integrated time is stress. */
    public boolean stress()
    {
        return stress;
    }

    public long nextSwitchNs()
    {
        return nextSwitchNs;
    }

    public long switches()
    {
        return switches;
    }
}
