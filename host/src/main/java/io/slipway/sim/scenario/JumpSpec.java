package io.slipway.sim.scenario;

/** Compound Poisson jumps in the latent price: rate per day, normal jump size in bps. */
public record JumpSpec(double perDay, double meanBps, double sdBps)
{
    public JumpSpec
    {
        Specs.range("perDay", perDay, 0.0, 10_000);
        Specs.range("meanBps", meanBps, -5_000, 5_000);
        Specs.range("sdBps", sdBps, 0.0, 5_000);
    }
}
