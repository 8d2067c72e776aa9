package io.slipway.core;

/** Builds the schedule of a strategy from the core's settings. */
public final class Schedules
{
    private Schedules()
    {
    }

    public static Schedule create(final Strategy strategy, final CoreContext context, final long startNs,
        final long endNs, final long quantity)
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
            case IMMEDIATE:
                return new ImmediateSchedule(startNs, quantity);
            default:
                throw new IllegalArgumentException("no schedule for " + strategy);
        }
    }
}
