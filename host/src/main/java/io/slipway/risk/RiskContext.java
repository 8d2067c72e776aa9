package io.slipway.risk;

import java.util.concurrent.TimeUnit;

/**
 * Host-side risk thresholds with validated defaults, Aeron-style. The card's risk gate has the
 * last word on every child order (kill, size, notional, collar, position); these checks sit
 * above it and act on parent orders: they decide how much the core may place, not whether one
 * message may leave.
 *
 * <p>Defaults are set so the calibrated simulated worlds trade through their ordinary noise
 * (cross-venue dislocation about 5 bps, regime switches of 3x volatility) and stop for what is
 * not ordinary: a feed silent for seconds, venues 2% apart, a spread twenty times its norm.
 */
public final class RiskContext
{
    private long evaluationIntervalNs = TimeUnit.MILLISECONDS.toNanos(100);
    private double resumeFraction = 0.8;
    private double reducingFactor = 0.5;
    private long minHoldNs = TimeUnit.SECONDS.toNanos(10);

    private long staleFeedReduceNs = TimeUnit.SECONDS.toNanos(5);
    private long staleFeedHaltNs = TimeUnit.SECONDS.toNanos(30);

    private double divergenceReduceBps = 50.0;
    private double divergenceHaltBps = 200.0;

    private long volatilitySampleIntervalNs = TimeUnit.SECONDS.toNanos(1);
    private int volatilityShortSamples = 30;
    private int volatilityLongSamples = 1_800;
    private int volatilityWarmupSamples = 120;
    private double volatilityReduceRatio = 9.0;
    private double volatilityHaltRatio = 25.0;

    private int spreadBaselineSamples = 600;
    private int spreadWarmupSamples = 60;
    private double spreadReduceRatio = 5.0;
    private double spreadHaltRatio = 20.0;
    private double spreadFloorBps = 2.0;

    private double adverseMoveBps = 1_000.0;
    private double scheduleAheadTolerance = 0.10;

    /** How often, at most, market inputs re-evaluate the breakers of one instrument (core time). */
    public RiskContext evaluationIntervalNs(final long value)
    {
        evaluationIntervalNs = value;
        return this;
    }

    public long evaluationIntervalNs()
    {
        return evaluationIntervalNs;
    }

    /** A breaker steps down once its measure is below its threshold times this, in (0, 1]. */
    public RiskContext resumeFraction(final double value)
    {
        resumeFraction = value;
        return this;
    }

    public double resumeFraction()
    {
        return resumeFraction;
    }

    /** Share of what is due that a REDUCING instrument may place, in (0, 1). */
    public RiskContext reducingFactor(final double value)
    {
        reducingFactor = value;
        return this;
    }

    public double reducingFactor()
    {
        return reducingFactor;
    }

    /** A breaker that tripped stays in its state at least this long (core time) before stepping down. */
    public RiskContext minHoldNs(final long value)
    {
        minHoldNs = value;
        return this;
    }

    public long minHoldNs()
    {
        return minHoldNs;
    }

    /**
     * Stale feed: time since the instrument's book last changed on any venue. A venue whose own
     * book is older than {@code reduceNs} is also left out of routing.
     */
    public RiskContext staleFeedNs(final long reduceNs, final long haltNs)
    {
        staleFeedReduceNs = reduceNs;
        staleFeedHaltNs = haltNs;
        return this;
    }

    public long staleFeedReduceNs()
    {
        return staleFeedReduceNs;
    }

    public long staleFeedHaltNs()
    {
        return staleFeedHaltNs;
    }

    /** Cross-venue divergence: highest less lowest venue mid, in bps of the composite mid. */
    public RiskContext divergenceBps(final double reduceBps, final double haltBps)
    {
        divergenceReduceBps = reduceBps;
        divergenceHaltBps = haltBps;
        return this;
    }

    public double divergenceReduceBps()
    {
        return divergenceReduceBps;
    }

    public double divergenceHaltBps()
    {
        return divergenceHaltBps;
    }

    /** Mid returns are sampled at most this often for the volatility and spread baselines. */
    public RiskContext volatilitySampleIntervalNs(final long value)
    {
        volatilitySampleIntervalNs = value;
        return this;
    }

    public long volatilitySampleIntervalNs()
    {
        return volatilitySampleIntervalNs;
    }

    /**
     * Volatility spike: variance of mid returns over about {@code shortSamples} samples against the
     * variance over about {@code longSamples}, after {@code warmupSamples}. The ratio is of variances,
     * so 9 means three times the usual volatility.
     */
    public RiskContext volatilityWindows(final int shortSamples, final int longSamples, final int warmupSamples)
    {
        volatilityShortSamples = shortSamples;
        volatilityLongSamples = longSamples;
        volatilityWarmupSamples = warmupSamples;
        return this;
    }

    public int volatilityShortSamples()
    {
        return volatilityShortSamples;
    }

    public int volatilityLongSamples()
    {
        return volatilityLongSamples;
    }

    public int volatilityWarmupSamples()
    {
        return volatilityWarmupSamples;
    }

    public RiskContext volatilityRatios(final double reduceRatio, final double haltRatio)
    {
        volatilityReduceRatio = reduceRatio;
        volatilityHaltRatio = haltRatio;
        return this;
    }

    public double volatilityReduceRatio()
    {
        return volatilityReduceRatio;
    }

    public double volatilityHaltRatio()
    {
        return volatilityHaltRatio;
    }

    /** Spread blow-out: composite spread against its moving baseline over about {@code baselineSamples}. */
    public RiskContext spreadBaseline(final int baselineSamples, final int warmupSamples)
    {
        spreadBaselineSamples = baselineSamples;
        spreadWarmupSamples = warmupSamples;
        return this;
    }

    public int spreadBaselineSamples()
    {
        return spreadBaselineSamples;
    }

    public int spreadWarmupSamples()
    {
        return spreadWarmupSamples;
    }

    public RiskContext spreadRatios(final double reduceRatio, final double haltRatio)
    {
        spreadReduceRatio = reduceRatio;
        spreadHaltRatio = haltRatio;
        return this;
    }

    public double spreadReduceRatio()
    {
        return spreadReduceRatio;
    }

    public double spreadHaltRatio()
    {
        return spreadHaltRatio;
    }

    /**
     * The spread baseline is never taken below this many bps: a market quoted one tick wide
     * would otherwise call every ordinary widening a blow-out.
     */
    public RiskContext spreadFloorBps(final double value)
    {
        spreadFloorBps = value;
        return this;
    }

    public double spreadFloorBps()
    {
        return spreadFloorBps;
    }

    /** A parent pauses when the mid has moved this far against it from its arrival mid, in bps. */
    public RiskContext adverseMoveBps(final double value)
    {
        adverseMoveBps = value;
        return this;
    }

    public double adverseMoveBps()
    {
        return adverseMoveBps;
    }

    /** How far ahead of its schedule a parent may be, as a share of its quantity, in [0, 1]. */
    public RiskContext scheduleAheadTolerance(final double value)
    {
        scheduleAheadTolerance = value;
        return this;
    }

    public double scheduleAheadTolerance()
    {
        return scheduleAheadTolerance;
    }

    /** Checks every threshold; a bad one is named with its value. */
    public RiskContext conclude()
    {
        if (evaluationIntervalNs < 0)
        {
            throw new IllegalArgumentException("evaluationIntervalNs must be >= 0, was " + evaluationIntervalNs);
        }
        if (!(resumeFraction > 0.0 && resumeFraction <= 1.0))
        {
            throw new IllegalArgumentException("resumeFraction must be in (0, 1], was " + resumeFraction);
        }
        if (!(reducingFactor > 0.0 && reducingFactor < 1.0))
        {
            throw new IllegalArgumentException("reducingFactor must be in (0, 1), was " + reducingFactor);
        }
        if (minHoldNs < 0)
        {
            throw new IllegalArgumentException("minHoldNs must be >= 0, was " + minHoldNs);
        }
        if (!(spreadFloorBps >= 0.0))
        {
            throw new IllegalArgumentException("spreadFloorBps must be >= 0, was " + spreadFloorBps);
        }
        if (staleFeedReduceNs <= 0 || staleFeedHaltNs < staleFeedReduceNs)
        {
            throw new IllegalArgumentException("staleFeedNs needs 0 < reduce <= halt, was " + staleFeedReduceNs + ", " +
                staleFeedHaltNs);
        }
        requireOrdered("divergenceBps", divergenceReduceBps, divergenceHaltBps);
        requireOrdered("volatilityRatios", volatilityReduceRatio, volatilityHaltRatio);
        requireOrdered("spreadRatios", spreadReduceRatio, spreadHaltRatio);
        if (volatilityReduceRatio <= 1.0 || spreadReduceRatio <= 1.0)
        {
            throw new IllegalArgumentException("volatility and spread ratios must be above 1, were " +
                volatilityReduceRatio + ", " + spreadReduceRatio);
        }
        if (volatilitySampleIntervalNs <= 0)
        {
            throw new IllegalArgumentException("volatilitySampleIntervalNs must be positive, was " +
                volatilitySampleIntervalNs);
        }
        if (volatilityShortSamples < 2 || volatilityLongSamples <= volatilityShortSamples ||
            volatilityWarmupSamples < volatilityShortSamples)
        {
            throw new IllegalArgumentException("volatilityWindows needs 2 <= short < long and warmup >= short, was " +
                volatilityShortSamples + ", " + volatilityLongSamples + ", " + volatilityWarmupSamples);
        }
        if (spreadBaselineSamples < 2 || spreadWarmupSamples < 1)
        {
            throw new IllegalArgumentException("spreadBaseline needs baseline >= 2 and warmup >= 1, was " +
                spreadBaselineSamples + ", " + spreadWarmupSamples);
        }
        if (!(adverseMoveBps > 0.0))
        {
            throw new IllegalArgumentException("adverseMoveBps must be positive, was " + adverseMoveBps);
        }
        if (!(scheduleAheadTolerance >= 0.0 && scheduleAheadTolerance <= 1.0))
        {
            throw new IllegalArgumentException("scheduleAheadTolerance must be in [0, 1], was " + scheduleAheadTolerance);
        }
        return this;
    }

    private static void requireOrdered(final String name, final double reduce, final double halt)
    {
        if (!(reduce > 0.0) || !(halt >= reduce))
        {
            throw new IllegalArgumentException(name + " needs 0 < reduce <= halt, was " + reduce + ", " + halt);
        }
    }
}
