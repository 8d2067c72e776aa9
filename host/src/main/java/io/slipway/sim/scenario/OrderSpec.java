package io.slipway.sim.scenario;

import io.slipway.domain.Side;

/** The parent order a scenario is about, if any (for demos and evaluation). */
public record OrderSpec(Side side, String quantity, String instrument, String strategy, double horizonMinutes)
{
    public OrderSpec
    {
        Specs.required("side", side);
        Specs.required("quantity", quantity);
        Specs.required("instrument", instrument);
        Specs.required("strategy", strategy);
        Specs.range("horizonMinutes", horizonMinutes, 1, 1_440);
    }
}
