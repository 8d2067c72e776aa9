package io.slipway.sim.scenario;

/**
 * Venues' own prices wander from the shared latent price by a mean-reverting dislocation
 * (standard deviation in bps) that arbitrageurs pull back with the given time constant.
 */
public record ArbitrageSpec(double dislocationBps, double lagSeconds)
{
    public ArbitrageSpec
    {
        Specs.range("dislocationBps", dislocationBps, 0.0, 1_000);
        Specs.range("lagSeconds", lagSeconds, 0.001, 3_600);
    }
}
