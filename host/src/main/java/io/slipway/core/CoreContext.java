package io.slipway.core;

import io.slipway.risk.RiskContext;
import io.slipway.domain.OrderType;

import java.util.concurrent.TimeUnit;

/** Execution core settings with validated defaults, Aeron-style. */
public final class CoreContext
{
    private long sliceIntervalNs = TimeUnit.SECONDS.toNanos(60);
    private long retryIntervalNs = TimeUnit.SECONDS.toNanos(5);
    private long maxHorizonNs = TimeUnit.DAYS.toNanos(7);
    private long maxChildQuantity = 50_000_000L;
    private double riskAversion = 0.01;
    private double annualVolatility = 0.5;
    private double impactBpsPerHour = 10.0;
    private double participationRate = 0.10;
    private long participationIntervalNs = TimeUnit.SECONDS.toNanos(10);
    private RiskContext riskContext = new RiskContext();
    private double priceBandFraction = 0.5;
    private OrderType childOrderType = OrderType.IOC;
    private QPolicy learnedPolicy;

    /** TWAP slice interval; shorter horizons get fewer, not shorter, slices (at least one). */
    public CoreContext sliceIntervalNs(final long value)
    {
        sliceIntervalNs = value;
        return this;
    }

    public long sliceIntervalNs()
    {
        return sliceIntervalNs;
    }

    /** How soon to try again when a slice could not place everything it owed. */
    public CoreContext retryIntervalNs(final long value)
    {
        retryIntervalNs = value;
        return this;
    }

    public long retryIntervalNs()
    {
        return retryIntervalNs;
    }

    /** Orders whose end is further away than this are refused. */
    public CoreContext maxHorizonNs(final long value)
    {
        maxHorizonNs = value;
        return this;
    }

    public long maxHorizonNs()
    {
        return maxHorizonNs;
    }

    /** Largest child order the core will build (instrument scale); keep it under the card's limit. */
    public CoreContext maxChildQuantity(final long value)
    {
        maxChildQuantity = value;
        return this;
    }

    public long maxChildQuantity()
    {
        return maxChildQuantity;
    }

    /**
     * Almgren-Chriss risk aversion for IS and ADAPTIVE_AC, per basis point: lambda V is in bps
     * when the variance of the shortfall V is in bps squared. Zero makes them TWAP.
     */
    public CoreContext riskAversion(final double value)
    {
        riskAversion = value;
        return this;
    }

    public double riskAversion()
    {
        return riskAversion;
    }

    /** Volatility the Almgren-Chriss schedules assume (annualised, 0.5 = 50%/yr). */
    public CoreContext annualVolatility(final double value)
    {
        annualVolatility = value;
        return this;
    }

    public double annualVolatility()
    {
        return annualVolatility;
    }

    /** Temporary impact the Almgren-Chriss schedules assume: bps paid to trade a parent evenly over one hour. */
    public CoreContext impactBpsPerHour(final double value)
    {
        impactBpsPerHour = value;
        return this;
    }

    public double impactBpsPerHour()
    {
        return impactBpsPerHour;
    }

    /** POV's target share of the volume printed on the tape, in (0, 1). */
    public CoreContext participationRate(final double value)
    {
        participationRate = value;
        return this;
    }

    public double participationRate()
    {
        return participationRate;
    }

    /** How often POV compares what it has done with the tape. */
    public CoreContext participationIntervalNs(final long value)
    {
        participationIntervalNs = value;
        return this;
    }

    public long participationIntervalNs()
    {
        return participationIntervalNs;
    }

    /** Host-side risk thresholds: circuit breakers and parent-level limits. */
    public CoreContext riskContext(final RiskContext value)
    {
        riskContext = value;
        return this;
    }

    public RiskContext riskContext()
    {
        return riskContext;
    }

    /**
     * A limit price (Price, 44) further than this share from the composite mid is refused as a
     * likely typing error, on a new order and on a replace.
     */
    public CoreContext priceBandFraction(final double value)
    {
        priceBandFraction = value;
        return this;
    }

    public double priceBandFraction()
    {
        return priceBandFraction;
    }

    /**
     * Type of the child orders the router sends: IOC (default) takes what the book shows and
     * leaves nothing behind; LIMIT lets the unfilled part rest at the routed price until it
     * fills, an operator cancels it, or the parent's ExpireTime, when the core cancels it.
     */
    public CoreContext childOrderType(final OrderType value)
    {
        this.childOrderType = value;
        return this;
    }

    public OrderType childOrderType()
    {
        return childOrderType;
    }

    /**
     * The learned strategy's policy (from a model file, or a learner during training); without one,
     * LEARNED orders are refused.
     */
    public CoreContext learnedPolicy(final QPolicy policy)
    {
        learnedPolicy = policy;
        return this;
    }

    public QPolicy learnedPolicy()
    {
        return learnedPolicy;
    }

    public CoreContext conclude()
    {
        if (riskContext == null)
        {
            throw new IllegalArgumentException("riskContext is required");
        }
        riskContext.conclude();
        if (!(priceBandFraction > 0.0 && priceBandFraction <= 10.0))
        {
            throw new IllegalArgumentException("priceBandFraction must be in (0, 10], was " + priceBandFraction);
        }
        if (childOrderType != OrderType.IOC && childOrderType != OrderType.LIMIT)
        {
            throw new IllegalArgumentException("childOrderType must be IOC or LIMIT, was " + childOrderType);
        }
        if (sliceIntervalNs < TimeUnit.MILLISECONDS.toNanos(100))
        {
            throw new IllegalArgumentException("sliceIntervalNs must be at least 100 ms, was " + sliceIntervalNs);
        }
        if (retryIntervalNs < TimeUnit.MILLISECONDS.toNanos(10) || retryIntervalNs > sliceIntervalNs)
        {
            throw new IllegalArgumentException("retryIntervalNs must be 10 ms .. sliceIntervalNs, was " + retryIntervalNs);
        }
        if (maxHorizonNs <= 0)
        {
            throw new IllegalArgumentException("maxHorizonNs must be positive");
        }
        if (maxChildQuantity <= 0)
        {
            throw new IllegalArgumentException("maxChildQuantity must be positive");
        }
        if (!(riskAversion >= 0.0) || !(annualVolatility > 0.0) || !(impactBpsPerHour > 0.0))
        {
            throw new IllegalArgumentException("riskAversion must be >= 0, annualVolatility and impactBpsPerHour > 0");
        }
        if (!(participationRate > 0.0 && participationRate < 1.0))
        {
            throw new IllegalArgumentException("participationRate must be in (0, 1), was " + participationRate);
        }
        if (participationIntervalNs < TimeUnit.MILLISECONDS.toNanos(100))
        {
            throw new IllegalArgumentException("participationIntervalNs must be at least 100 ms");
        }
        return this;
    }
}
