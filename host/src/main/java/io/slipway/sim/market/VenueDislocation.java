package io.slipway.sim.market;

import io.slipway.sim.scenario.ArbitrageSpec;

import java.util.SplittableRandom;

/**
 * How far one venue's own price sits from the shared latent price: a relative dislocation d that
 * follows an Ornstein-Uhlenbeck process with stationary standard deviation dislocationBps and
 * time constant lagSeconds (arbitrageurs pull it back). Stepped with the exact discretisation
 * d(t + dt) = d(t) e^(-dt/tau) + sd sqrt(1 - e^(-2 dt/tau)) Z (Gillespie 1996), so the result
 * does not depend on the step; it starts in the stationary distribution.
 */
public final class VenueDislocation
{
    private final SplittableRandom random;
    private final double sd;
    private final double tauNs;
    private double value;
    private long timeNs;
    private long cachedDtNs = -1;
    private double cachedDecay;
    private double cachedNoise;

    public VenueDislocation(final ArbitrageSpec spec, final long startNs, final SplittableRandom random)
    {
        this.random = random;
        this.sd = spec.dislocationBps() * 1e-4;
        this.tauNs = spec.lagSeconds() * 1e9;
        this.timeNs = startNs;
        this.value = sd * random.nextGaussian();
    }

    /** Moves the dislocation forward to nowNs (no-op when already there). */
    public void advanceTo(final long nowNs)
    {
        if (nowNs <= timeNs)
        {
            return;
        }
        final long dtNs = nowNs - timeNs;
        if (dtNs != cachedDtNs)
        {
            // The quote interval is fixed, so the exponentials are computed once.
            cachedDtNs = dtNs;
            cachedDecay = Math.exp(-dtNs / tauNs);
            cachedNoise = sd * Math.sqrt(1 - cachedDecay * cachedDecay);
        }
        value = value * cachedDecay + cachedNoise * random.nextGaussian();
        timeNs = nowNs;
    }

    /** The relative dislocation: the venue's price is latent x (1 + value). */
    public double value()
    {
        return value;
    }
}
