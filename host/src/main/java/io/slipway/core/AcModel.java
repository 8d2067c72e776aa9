package io.slipway.core;

import io.slipway.analytics.AlmgrenChriss;

/**
 * The market model the Almgren-Chriss schedules solve against, in units of the order itself:
 * holdings as fractions of the parent, costs in basis points of its notional. Volatility
 * sigma in bps per square-root second (from an annual figure); linear temporary impact eta in
 * bps seconds, set so that trading the whole parent evenly over one hour costs
 * {@code impactBpsPerHour} (for TWAP over T the cost is eta / T); risk aversion lambda per bps,
 * so lambda V is in bps when V is in bps squared. Permanent impact does not change the shape of
 * the optimal trajectory and is left out.
 */
public final class AcModel
{
    static final double SECONDS_PER_YEAR = 365.25 * 86_400.0;

    private final double sigmaBpsPerSqrtSecond;
    private final double etaBpsSeconds;
    private final double riskAversionPerBps;

    public AcModel(final double annualVolatility, final double impactBpsPerHour, final double riskAversionPerBps)
    {
        if (!(annualVolatility > 0) || !(impactBpsPerHour > 0) || !(riskAversionPerBps >= 0))
        {
            throw new IllegalArgumentException("volatility and impact must be positive, risk aversion non-negative");
        }
        this.sigmaBpsPerSqrtSecond = annualVolatility * 1e4 / StrictMath.sqrt(SECONDS_PER_YEAR);
        this.etaBpsSeconds = impactBpsPerHour * 3600.0;
        this.riskAversionPerBps = riskAversionPerBps;
    }

    public static AcModel of(final CoreContext context)
    {
        return new AcModel(context.annualVolatility(), context.effectiveImpactBpsPerHour(), context.riskAversion());
    }

    public double sigmaBpsPerSqrtSecond()
    {
        return sigmaBpsPerSqrtSecond;
    }

    public double riskAversionPerBps()
    {
        return riskAversionPerBps;
    }

    /** Temporary impact in bps of trading {@code fraction} of the parent evenly over {@code seconds}: eta f / T. */
    public double temporaryImpactBps(final double fraction, final double seconds)
    {
        return seconds > 0 ? etaBpsSeconds * fraction / seconds : Double.POSITIVE_INFINITY;
    }

    /** The optimal trajectory of one unit over {@code steps} steps spanning {@code horizonSeconds}. */
    AlmgrenChriss solve(final double horizonSeconds, final int steps, final double sigmaBpsPerSqrtSecond)
    {
        return new AlmgrenChriss(1.0, horizonSeconds, steps, sigmaBpsPerSqrtSecond, 0.0, 0.0, etaBpsSeconds,
            riskAversionPerBps);
    }
}
