package io.slipway.core;

import io.slipway.analytics.ImpactFit;
import io.slipway.domain.Side;

/** Builds the schedule of a strategy from the core's settings. */
public final class Schedules
{
    private Schedules()
    {
    }

    public static Schedule create(final Strategy strategy, final CoreContext context, final long startNs,
        final long endNs, final long quantity)
    {
        return create(strategy, context, StrategyParameters.NONE, startNs, endNs, quantity, Side.SELL);
    }

    /**
     * With the parent's own participation rate and risk aversion where it gave them. Throws
     * IllegalArgumentException when the strategy cannot run (LEARNED without a loaded model).
     */
    public static Schedule create(final Strategy strategy, final CoreContext context,
        final StrategyParameters parameters, final long startNs, final long endNs, final long quantity,
        final Side side)
    {
        return create(strategy, context, context.impactFit(), parameters, startNs, endNs, quantity, side);
    }

    /**
     * As {@link #create(Strategy, CoreContext, StrategyParameters, long, long, long, Side)}, with the Almgren-Chriss
     * schedules solved at {@code fit} (null: the calibrated impact) rather than the context's start-up fit: the core
     * passes the fit current when the parent arrived.
     */
    public static Schedule create(final Strategy strategy, final CoreContext context, final ImpactFit fit,
        final StrategyParameters parameters, final long startNs, final long endNs, final long quantity,
        final Side side)
    {
        final long interval = context.sliceIntervalNs();
        switch (strategy)
        {
            case TWAP:
                return new TwapSchedule(startNs, endNs, interval, quantity);
            case VWAP:
                return new VwapSchedule(startNs, endNs, interval, quantity);
            case POV:
                return new PovSchedule(startNs, endNs, context.participationIntervalNs(), quantity,
                    parameters.participationRate(context.participationRate()));
            case IS:
                return new IsSchedule(startNs, endNs, interval, quantity, acModel(context, fit, parameters));
            case ADAPTIVE_AC:
                return new AdaptiveAcSchedule(startNs, endNs, interval, quantity, acModel(context, fit, parameters));
            case LEARNED:
                return new LearnedSchedule(startNs, endNs, interval, quantity, acModel(context, fit, parameters),
                    context.learnedPolicy(), side == Side.SELL, context.liquidityFloor());
            case SUBMIT_AND_LEAVE:
                return new SubmitAndLeaveSchedule(startNs, endNs, interval, quantity);
            case IMMEDIATE:
                return new ImmediateSchedule(startNs, quantity);
            default:
                throw new IllegalArgumentException("no schedule for " + strategy);
        }
    }

    private static AcModel acModel(final CoreContext context, final ImpactFit fit, final StrategyParameters parameters)
    {
        return new AcModel(context.annualVolatility(), context.effectiveImpactBpsPerHour(fit),
            parameters.riskAversion(context.riskAversion()));
    }

    /** A schedule that owes nothing more: for a replace that leaves nothing to plan. */
    static Schedule nothingLeft(final long atNs)
    {
        return new Schedule()
        {
            public int slices()
            {
                return 1;
            }

            public long sliceTimeNs(final int slice)
            {
                return atNs;
            }

            public long targetAfterSlice(final int slice)
            {
                return 0;
            }
        };
    }
}
