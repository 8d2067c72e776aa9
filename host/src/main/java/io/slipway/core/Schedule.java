package io.slipway.core;

/**
 * How a parent order's quantity is spread over its life: slice release times and the cumulative
 * quantity that should be done once each slice is released. The core owes the difference
 * between the target and what is filled or in flight, routes it through the router (which
 * respects lot sizes), carries any remainder and stops at the end time, whatever the schedule.
 *
 * <p>Schedules live on the core's thread and see only what the core sees, with its time, so
 * they stay deterministic.
 */
public interface Schedule
{
    int slices();

    long sliceTimeNs(int slice);

    /** Cumulative quantity that should be done once slice {@code slice} is released. */
    long targetAfterSlice(int slice);

    /** A print on the market's tape for the parent's instrument, after its start. */
    default void onMarketTrade(final long price, final long quantity, final long nowNs)
    {
    }

    /**
     * Slice {@code slice} is being released, with {@code done} already filled or in flight; called
     * before {@link #targetAfterSlice(int)} for it.
     */
    default void onSliceReleased(final int slice, final long done, final long nowNs)
    {
    }
}
