package io.slipway.core;

import io.slipway.analytics.ImpactFit;
import io.slipway.risk.RiskContext;
import io.slipway.domain.OrderType;

import java.util.concurrent.TimeUnit;

/** Execution core settings with validated defaults, Aeron-style. */
public final class CoreContext
{
    /** Beyond this a final-slice child is no longer reaching through a moved book but sweeping it. */
    public static final double MAX_FINAL_REACH_BPS = 500.0;
    private long sliceIntervalNs = TimeUnit.SECONDS.toNanos(60);
    private long retryIntervalNs = TimeUnit.SECONDS.toNanos(5);
    private long maxHorizonNs = TimeUnit.DAYS.toNanos(7);
    private long maxChildQuantity = 50_000_000L;
    private double riskAversion = 0.01;
    private double annualVolatility = 0.5;
    private double impactBpsPerHour = 10.0;
    private ImpactFit impactFit;
    private double participationRate = 0.10;
    private long participationIntervalNs = TimeUnit.SECONDS.toNanos(10);
    private RiskContext riskContext = new RiskContext();
    private double priceBandFraction = 0.5;
    private OrderType childOrderType = OrderType.IOC;
    private QPolicy learnedPolicy;
    private long rfqSeed = 0x5EED_0F_D1A1L;
    private int maxPassiveReposts = 3;
    private double liquidityFloor = 0.5;
    private int rfqDealersPerRequest = 2;
    private long rfqQuoteWaitNs = TimeUnit.SECONDS.toNanos(1);
    private double rfqMaxParentFraction = 0.2;
    private double rfqMinImprovementBps = 0.5;
    private double ammSlippageBps = 10.0;
    private VenuePriors venuePriors = VenuePriors.EMPTY;
    private double finalReachStepBps = 5.0;
    private double finalReachMaxBps = 50.0;

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

    /**
     * The feedback loop's fitted impact coefficient, or null (the default) to schedule with the calibrated
     * {@link #impactBpsPerHour()} as it is. {@code impactBpsPerHour} is calibrated at the prior Y, so a fit
     * scales it by Y / Y_prior, and the New ExecutionReport says which Y the order is worked with.
     */
    public CoreContext impactFit(final ImpactFit value)
    {
        impactFit = value;
        return this;
    }

    public ImpactFit impactFit()
    {
        return impactFit;
    }

    /** The temporary impact the Almgren-Chriss schedules solve against: the calibrated figure, or scaled by the fit. */
    public double effectiveImpactBpsPerHour()
    {
        return effectiveImpactBpsPerHour(impactFit);
    }

    /**
     * The temporary impact a schedule solves against under {@code fit}: the calibrated figure scaled by it, or the
     * calibrated figure untouched without one (null), so every schedule stays bit-identical. The core asks with the
     * fit a parent started with, which a later IMPACT_FIT input does not change.
     */
    public double effectiveImpactBpsPerHour(final ImpactFit fit)
    {
        return fit == null ? impactBpsPerHour : impactBpsPerHour * fit.scale();
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

    /** Seed of the dealer bandit's sampling and of the request sizes. */
    /**
     * Times per slice a post-only child refused or closed inside its passive window is posted again at the
     * touch as then shown; 0 leaves what it owed to be taken when the window ends.
     */
    public CoreContext maxPassiveReposts(final int value)
    {
        maxPassiveReposts = value;
        return this;
    }

    public int maxPassiveReposts()
    {
        return maxPassiveReposts;
    }

    /**
     * The learned strategy trades in proportion to the lit depth it sees against its reference depth:
     * nothing while depth is at or below this share of the reference, the full slice at the reference,
     * linearly between; what it holds back is owed to later slices. 0 turns the rule off.
     */
    public CoreContext liquidityFloor(final double value)
    {
        liquidityFloor = value;
        return this;
    }

    public double liquidityFloor()
    {
        return liquidityFloor;
    }

    public CoreContext rfqSeed(final long value)
    {
        rfqSeed = value;
        return this;
    }

    public long rfqSeed()
    {
        return rfqSeed;
    }

    /** How many dealers one request for quote goes to. */
    public CoreContext rfqDealersPerRequest(final int value)
    {
        rfqDealersPerRequest = value;
        return this;
    }

    public int rfqDealersPerRequest()
    {
        return rfqDealersPerRequest;
    }

    /** How long the core waits for the dealers asked before deciding on what it has (at most one slice). */
    public CoreContext rfqQuoteWaitNs(final long value)
    {
        rfqQuoteWaitNs = value;
        return this;
    }

    public long rfqQuoteWaitNs()
    {
        return rfqQuoteWaitNs;
    }

    /** Largest share of the parent one request may ask for, so no request shows the parent's size. */
    public CoreContext rfqMaxParentFraction(final double value)
    {
        rfqMaxParentFraction = value;
        return this;
    }

    public double rfqMaxParentFraction()
    {
        return rfqMaxParentFraction;
    }

    /** How much cheaper than continuing on the lit venues (bps) a quote must be to be taken. */
    public CoreContext rfqMinImprovementBps(final double value)
    {
        rfqMinImprovementBps = value;
        return this;
    }

    public double rfqMinImprovementBps()
    {
        return rfqMinImprovementBps;
    }

    /** How far past the curve price (bps) a swap's protection price lets the pool move before its block. */
    public CoreContext ammSlippageBps(final double value)
    {
        ammSlippageBps = value;
        return this;
    }

    public double ammSlippageBps()
    {
        return ammSlippageBps;
    }

    /**
     * The feedback loop's venue and dealer priors ({@code ImpactFeedback.venuePriors()}): each dealer's arm of the
     * RFQ bandit starts from its fitted cost instead of the default prior. Exchange and AMM priors are carried but
     * read by no arm: the core has no per-exchange bandit (docs/learning.md, "What reads the priors").
     * {@link VenuePriors#EMPTY} (the default) starts every arm from the default prior, exactly as without a
     * feedback file. A prior under a venue name the core
     * does not trade is read by no arm and reported ({@code ExecutionCore.unusedVenuePriors()}); one whose kind
     * differs from the core's venue of that name is refused.
     */
    public CoreContext venuePriors(final VenuePriors value)
    {
        venuePriors = value;
        return this;
    }

    public VenuePriors venuePriors()
    {
        return venuePriors;
    }

    /**
     * How much further through the book, in bps of the price, each miss of the final slice lets the next taking
     * child reach (see docs/completion.md); 0 retries at the level last seen.
     */
    public CoreContext finalReachStepBps(final double value)
    {
        finalReachStepBps = value;
        return this;
    }

    public double finalReachStepBps()
    {
        return finalReachStepBps;
    }

    /** The furthest the final slice's children reach through the book, bps, however often they missed. */
    public CoreContext finalReachMaxBps(final double value)
    {
        finalReachMaxBps = value;
        return this;
    }

    public double finalReachMaxBps()
    {
        return finalReachMaxBps;
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
        if (maxPassiveReposts < 0 || maxPassiveReposts > 100)
        {
            throw new IllegalArgumentException("maxPassiveReposts must be 0..100, was " + maxPassiveReposts);
        }
        if (!(liquidityFloor >= 0.0 && liquidityFloor < 1.0))
        {
            throw new IllegalArgumentException("liquidityFloor must be in [0, 1), was " + liquidityFloor);
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
        if (rfqDealersPerRequest < 1 || rfqDealersPerRequest > 7)
        {
            throw new IllegalArgumentException("rfqDealersPerRequest must be 1..7, was " + rfqDealersPerRequest);
        }
        if (rfqQuoteWaitNs < TimeUnit.MILLISECONDS.toNanos(1) || rfqQuoteWaitNs > TimeUnit.MINUTES.toNanos(1))
        {
            throw new IllegalArgumentException("rfqQuoteWaitNs must be 1 ms .. 1 min, was " + rfqQuoteWaitNs);
        }
        if (!(rfqMaxParentFraction > 0.0 && rfqMaxParentFraction < 1.0))
        {
            throw new IllegalArgumentException("rfqMaxParentFraction must be in (0, 1), was " + rfqMaxParentFraction);
        }
        if (!(rfqMinImprovementBps >= 0.0 && rfqMinImprovementBps <= 100.0))
        {
            throw new IllegalArgumentException("rfqMinImprovementBps must be in [0, 100], was " + rfqMinImprovementBps);
        }
        if (!(ammSlippageBps >= 0.0 && ammSlippageBps <= 100.0))
        {
            throw new IllegalArgumentException("ammSlippageBps must be in [0, 100], was " + ammSlippageBps);
        }
        if (venuePriors == null)
        {
            throw new IllegalArgumentException("venuePriors is required (VenuePriors.EMPTY for none)");
        }
        if (!(finalReachMaxBps >= 0.0 && finalReachMaxBps <= MAX_FINAL_REACH_BPS))
        {
            throw new IllegalArgumentException("finalReachMaxBps must be in [0, " + MAX_FINAL_REACH_BPS + "], was " +
                finalReachMaxBps);
        }
        if (!(finalReachStepBps >= 0.0 && finalReachStepBps <= finalReachMaxBps))
        {
            throw new IllegalArgumentException("finalReachStepBps must be in [0, finalReachMaxBps = " +
                finalReachMaxBps + "], was " + finalReachStepBps);
        }
        return this;
    }
}
