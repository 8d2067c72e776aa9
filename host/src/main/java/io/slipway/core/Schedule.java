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

    /**
     * The market as the core sees it when a slice is released, called just before
     * {@link #onSliceReleased(int, long, long)}: composite mid, half-spread in bps and touch
     * imbalance in [-1, 1] (positive when the bid side is heavier).
     */
    default void onMarketState(final double mid, final double halfSpreadBps, final double imbalance, final long nowNs)
    {
    }

    /**
     * Displayed depth on the side the order trades against (bids for a sell), summed over the venues
     * within {@link ExecutionCore#DEPTH_BAND_BPS} of the composite mid, in base units; called with
     * {@link #onMarketState} when a slice is released.
     */
    default void onDepth(final double depthBase, final long nowNs)
    {
    }

    /**
     * How long the slice just released rests passively (post-only at the touch) before what is left is
     * canceled and taken; 0, the default, takes liquidity at once.
     */
    default long passiveWindowNs(final int slice)
    {
        return 0;
    }

    /**
     * Lowest estimated fill probability worth posting a lot for; what the passive split leaves
     * is taken at once (the market-order part of a Cont-Kukanov split).
     */
    default double minFillProbability()
    {
        return PassivePlacer.DEFAULT_MIN_FILL_PROBABILITY;
    }

    /** One of the parent's fills: price as a decimal, quantity in the instrument's scale, fee in bps of the fill. */
    default void onFill(final double price, final long quantity, final double feeBps, final boolean maker,
        final long nowNs)
    {
    }

    /** The parent reached a final state with {@code filled} of its quantity done. */
    default void onParentDone(final long filled, final long nowNs)
    {
    }
}
