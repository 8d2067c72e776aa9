package io.slipway.sim.market;

import io.slipway.sim.scenario.JumpSpec;

import java.util.SplittableRandom;

/**
 * Compound Poisson jumps (Merton 1976): jumps arrive at perDay a day and each multiplies the price
 * by 1 + J bps with J normal(meanBps, sdBps), floored so the price stays positive.
 *
 * <p>Mirrored (antithetic), J = meanBps - sdBps z instead of meanBps + sdBps z for the same draw z; the
 * arrival times are the same draws, unmirrored, so both worlds jump at the same instants.
 */
public final class PriceJumps
{
    private static final double FLOOR_BPS = -9_999.0;

    private final SplittableRandom random;
    private final double meanIntervalNs;
    private final double meanBps;
    private final double sdBps;
    private final double innovationSign;
    private long nextJumpNs;
    private long count;
    private double lastJumpBps;

    public PriceJumps(final JumpSpec spec, final long startNs, final SplittableRandom random)
    {
        this(spec, startNs, random, false);
    }

    /** As above; mirror negates each jump's normal draw (1.0 * z is z exactly, so off changes nothing). */
    public PriceJumps(final JumpSpec spec, final long startNs, final SplittableRandom random, final boolean mirror)
    {
        this.random = random;
        this.innovationSign = mirror ? -1.0 : 1.0;
        this.meanIntervalNs = spec.perDay() > 0 ? 86_400e9 / spec.perDay() : Double.POSITIVE_INFINITY;
        this.meanBps = spec.meanBps();
        this.sdBps = spec.sdBps();
        this.nextJumpNs = next(startNs);
    }

    private long next(final long fromNs)
    {
        if (meanIntervalNs == Double.POSITIVE_INFINITY)
        {
            return Long.MAX_VALUE;
        }
        final double delay = -Math.log(1 - random.nextDouble()) * meanIntervalNs;
        return delay >= Long.MAX_VALUE - fromNs ? Long.MAX_VALUE : fromNs + Math.max(1, (long)delay);
    }

    /** Product of the jump factors due in (fromNs, toNs]; 1 when none. */
    public double factorUpTo(final long toNs)
    {
        double factor = 1.0;
        while (nextJumpNs <= toNs)
        {
            final double bps = Math.max(FLOOR_BPS, meanBps + sdBps * (innovationSign * random.nextGaussian()));
            factor *= 1 + bps * 1e-4;
            lastJumpBps = bps;
            count++;
            nextJumpNs = next(nextJumpNs);
        }
        return factor;
    }

    public long count()
    {
        return count;
    }

    public double lastJumpBps()
    {
        return lastJumpBps;
    }

    public long nextJumpNs()
    {
        return nextJumpNs;
    }
}
