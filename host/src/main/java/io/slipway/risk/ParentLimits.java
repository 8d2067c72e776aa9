package io.slipway.risk;

/**
 * Parent-level limits: how much more of one parent the core may place now. Pure functions of
 * what the core knows about the parent, so each is testable on its own and deterministic.
 * Quantities are in the instrument's fixed-point scale.
 */
public final class ParentLimits
{
    /** No limit from this check. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private ParentLimits()
    {
    }

    /**
     * Participation cap: what is done (filled or in flight) may not exceed {@code cap} of the
     * volume the tape printed since the parent's start. A cap of 1 or more is no cap.
     */
    public static long participationAllowance(final double cap, final long tapeVolume, final long done)
    {
        if (cap >= 1.0)
        {
            return UNLIMITED;
        }
        return Math.max(0, (long)Math.floor(cap * tapeVolume) - done);
    }

    /**
     * Deviation from schedule: what is done may run ahead of the schedule's target by at most
     * {@code tolerance} of the order quantity.
     */
    public static long scheduleAllowance(final long target, final long done, final long quantity,
        final double tolerance)
    {
        return Math.max(0, target + (long)Math.floor(tolerance * quantity) - done);
    }

    /** Limit price: a child price no worse than the parent's limit (0 for none). */
    public static boolean withinLimit(final boolean buy, final long limitPrice, final long childPrice)
    {
        return limitPrice <= 0 || (buy ? childPrice <= limitPrice : childPrice >= limitPrice);
    }

    /** How far the mid has moved against the parent since arrival, in bps (negative when in its favour). */
    public static double adverseMoveBps(final boolean buy, final double arrivalMid, final double mid)
    {
        if (!(arrivalMid > 0.0) || !(mid > 0.0))
        {
            return Double.NaN;
        }
        final double move = (mid - arrivalMid) / arrivalMid * 1e4;
        return buy ? move : -move;
    }

    /**
     * Adverse-move pause with hysteresis: pauses at {@code thresholdBps}, resumes once the move is
     * back under {@code thresholdBps * resumeFraction}. Unknown moves (no market) keep the state.
     */
    public static boolean shouldPause(final boolean paused, final double adverseBps, final double thresholdBps,
        final double resumeFraction)
    {
        if (Double.isNaN(adverseBps))
        {
            return paused;
        }
        return paused ? adverseBps >= thresholdBps * resumeFraction : adverseBps >= thresholdBps;
    }
}
