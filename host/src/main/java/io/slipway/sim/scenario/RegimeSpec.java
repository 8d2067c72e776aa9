package io.slipway.sim.scenario;

/**
 * Two-state Markov volatility regimes: the latent price's annualised volatility switches
 * between calm and stress, each lasting an exponentially distributed time with the given mean.
 */
public record RegimeSpec(double calmVolatility, double stressVolatility, double meanCalmHours, double meanStressHours)
{
    public RegimeSpec
    {
        Specs.range("calmVolatility", calmVolatility, 0.0, 5.0);
        Specs.range("stressVolatility", stressVolatility, 0.0, 10.0);
        Specs.range("meanCalmHours", meanCalmHours, 0.01, 10_000);
        Specs.range("meanStressHours", meanStressHours, 0.01, 10_000);
    }
}
