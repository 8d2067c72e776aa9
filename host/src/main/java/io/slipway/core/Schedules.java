package io.slipway.core;

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
        return create(strategy, context, startNs, endNs, quantity, Side.SELL);
    }

    /** Throws IllegalArgumentException when the strategy cannot run (LEARNED without a loaded model). */
    public static Schedule create(final Strategy strategy, final CoreContext context, final long startNs,
        final long endNs, final long quantity, final Side side)
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
                    context.participationRate());
            case IS:
                return new IsSchedule(startNs, endNs, interval, quantity, AcModel.of(context));
            case ADAPTIVE_AC:
                return new AdaptiveAcSchedule(startNs, endNs, interval, quantity, AcModel.of(context));
            case LEARNED:
                return new LearnedSchedule(startNs, endNs, interval, quantity, AcModel.of(context),
                    context.learnedPolicy(), side == Side.SELL);
            case SUBMIT_AND_LEAVE:
                return new SubmitAndLeaveSchedule(startNs, endNs, interval, quantity);
            case IMMEDIATE:
                return new ImmediateSchedule(startNs, quantity);
            default:
                throw new IllegalArgumentException("no schedule for " + strategy);
        }
    }
}
