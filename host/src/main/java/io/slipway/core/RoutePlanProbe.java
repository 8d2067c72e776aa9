package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;

/**
 * Runs the router against a core's current books without sending anything: for benchmarks and
 * for pre-trade what-if views that must not touch order state.
 */
public final class RoutePlanProbe
{
    private final ExecutionCore core;
    private final BestPriceRouter router;
    private final RoutePlan plan = new RoutePlan();

    public RoutePlanProbe(final ExecutionCore core, final BestPriceRouter router)
    {
        this.core = core;
        this.router = router;
    }

    /** Returns the quantity the router would place now. */
    public long route(final Instrument instrument, final Side side, final long quantity)
    {
        core.route(router, instrument, side, quantity, plan);
        return quantity - plan.unrouted();
    }

    public RoutePlan plan()
    {
        return plan;
    }
}
