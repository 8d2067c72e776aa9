package io.slipway.risk;

/**
 * The four market circuit breakers of one instrument: stale feed, cross-venue price divergence,
 * volatility spike and spread blow-out. The instrument's state is the worst of them. Fed by the
 * core with what its books say and the core's time, so the same inputs give the same states.
 *
 * <p>Measures: stale feed in ns since the book last changed on any venue; divergence in bps of
 * the composite mid between the highest and lowest venue mid; volatility as the ratio of a
 * short to a long moving variance of composite mid log-returns sampled on a fixed core-time
 * grid; spread as the composite spread against its own moving baseline. Baselines need a
 * warm-up before their breaker measures anything; the spread baseline has a floor in bps.
 */
public final class InstrumentRisk
{
    private final RiskContext context;
    private final CircuitBreaker staleFeed;
    private final CircuitBreaker divergence;
    private final CircuitBreaker volatility;
    private final CircuitBreaker spread;
    private final double shortAlpha;
    private final double longAlpha;
    private final double spreadAlpha;

    private BreakerState state = BreakerState.ACTIVE;
    private long freshestUpdateNs = Long.MIN_VALUE;
    private long lastEvaluationNs = Long.MIN_VALUE;
    private long lastSampleNs = Long.MIN_VALUE;
    private double lastSampleMid = Double.NaN;
    private double shortVariance;
    private double longVariance;
    private int returnSamples;
    private double spreadBaselineBps;
    private int spreadSamples;

    public InstrumentRisk(final RiskContext context)
    {
        this.context = context.conclude();
        staleFeed = new CircuitBreaker("stale feed", context.staleFeedReduceNs(), context.staleFeedHaltNs(),
            context.resumeFraction(),
            context.minHoldNs());
        divergence = new CircuitBreaker("venue divergence", context.divergenceReduceBps(),
            context.divergenceHaltBps(), context.resumeFraction(),
            context.minHoldNs());
        volatility = new CircuitBreaker("volatility spike", context.volatilityReduceRatio(),
            context.volatilityHaltRatio(), context.resumeFraction(),
            context.minHoldNs());
        spread = new CircuitBreaker("spread blow-out", context.spreadReduceRatio(), context.spreadHaltRatio(),
            context.resumeFraction(),
            context.minHoldNs());
        shortAlpha = 2.0 / (context.volatilityShortSamples() + 1.0);
        longAlpha = 2.0 / (context.volatilityLongSamples() + 1.0);
        spreadAlpha = 2.0 / (context.spreadBaselineSamples() + 1.0);
    }

    /** True when it is time to take a new market measurement (at most once per evaluation interval). */
    public boolean wantsMarket(final long nowNs)
    {
        return lastEvaluationNs == Long.MIN_VALUE || nowNs - lastEvaluationNs >= context.evaluationIntervalNs();
    }

    /**
     * A market measurement.
     *
     * @param compositeMid     mid of the best bid and ask over all venues; NaN with no two-sided market
     * @param compositeSpread  best ask less best bid over all venues, same units as the mid
     * @param lowestVenueMid   lowest two-sided venue mid; NaN if none
     * @param highestVenueMid  highest two-sided venue mid; NaN if none
     * @param freshestUpdateNs core time of the latest book change on any venue
     * @return true when {@link #state()} changed
     */
    public boolean onMarket(final long nowNs, final double compositeMid, final double compositeSpread,
        final double lowestVenueMid, final double highestVenueMid, final long freshestUpdateNs)
    {
        lastEvaluationNs = nowNs;
        this.freshestUpdateNs = Math.max(this.freshestUpdateNs, freshestUpdateNs);
        staleFeed.update(staleness(nowNs), nowNs);
        if (compositeMid > 0.0)
        {
            divergence.update((highestVenueMid - lowestVenueMid) / compositeMid * 1e4, nowNs);
            final double spreadBps = compositeSpread / compositeMid * 1e4;
            final double baselineBps = Math.max(spreadBaselineBps, context.spreadFloorBps());
            spread.update(spreadSamples >= context.spreadWarmupSamples() && baselineBps > 0.0 ?
                spreadBps / baselineBps : Double.NaN, nowNs);
            if (lastSampleNs == Long.MIN_VALUE || nowNs - lastSampleNs >= context.volatilitySampleIntervalNs())
            {
                sample(nowNs, compositeMid, spreadBps);
            }
        }
        return refreshState();
    }

    /** Only time has passed: staleness grows even when nothing arrives. True when {@link #state()} changed. */
    public boolean onTime(final long nowNs)
    {
        staleFeed.update(staleness(nowNs), nowNs);
        return refreshState();
    }

    private double staleness(final long nowNs)
    {
        return freshestUpdateNs == Long.MIN_VALUE ? Double.NaN : (double)(nowNs - freshestUpdateNs);
    }

    private void sample(final long nowNs, final double mid, final double spreadBps)
    {
        if (lastSampleMid > 0.0)
        {
            final double r = Math.log(mid / lastSampleMid);
            final double squared = r * r;
            shortVariance = returnSamples == 0 ? squared : shortVariance + shortAlpha * (squared - shortVariance);
            longVariance = returnSamples == 0 ? squared : longVariance + longAlpha * (squared - longVariance);
            returnSamples++;
            volatility.update(returnSamples >= context.volatilityWarmupSamples() && longVariance > 0.0 ?
                shortVariance / longVariance : Double.NaN, nowNs);
        }
        spreadBaselineBps = spreadSamples == 0 ? spreadBps : spreadBaselineBps + spreadAlpha * (spreadBps - spreadBaselineBps);
        spreadSamples++;
        lastSampleMid = mid;
        lastSampleNs = nowNs;
    }

    private boolean refreshState()
    {
        final BreakerState next = staleFeed.state().worst(divergence.state()).worst(volatility.state())
            .worst(spread.state());
        if (next == state)
        {
            return false;
        }
        state = next;
        return true;
    }

    /**
     * Short over long variance of the composite mid's returns: about 1 in a steady market, above
     * it when volatility rises; NaN until warmed up.
     */
    public double volatilityRatio()
    {
        return returnSamples >= context.volatilityWarmupSamples() && longVariance > 0.0 ?
            shortVariance / longVariance : Double.NaN;
    }

    public BreakerState state()
    {
        return state;
    }

    /** The breakers not ACTIVE, for the Text of a report or an operator view; empty when all are. */
    public String reason()
    {
        final StringBuilder reason = new StringBuilder();
        append(reason, staleFeed);
        append(reason, divergence);
        append(reason, volatility);
        append(reason, spread);
        return reason.toString();
    }

    private static void append(final StringBuilder reason, final CircuitBreaker breaker)
    {
        if (breaker.state() != BreakerState.ACTIVE)
        {
            if (reason.length() > 0)
            {
                reason.append("; ");
            }
            reason.append(breaker.name()).append(' ').append(breaker.state())
                .append(String.format(" (%.4g, reduce at %.4g, halt at %.4g)", breaker.lastValue(), breaker.reduceAt(),
                breaker.haltAt()));
        }
    }

    public CircuitBreaker staleFeed()
    {
        return staleFeed;
    }

    public CircuitBreaker divergence()
    {
        return divergence;
    }

    public CircuitBreaker volatility()
    {
        return volatility;
    }

    public CircuitBreaker spread()
    {
        return spread;
    }
}
