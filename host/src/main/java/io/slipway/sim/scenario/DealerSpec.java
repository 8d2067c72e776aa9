package io.slipway.sim.scenario;

/**
 * An OTC dealer answering RFQs: quote = mid -/+ (spreadBps + sizePremiumBps x sqrt(notional / 1M USD)),
 * good for quoteTtlMs, refused at last look with the given probability, up to maxNotionalUsd a
 * quote; after a fill the dealer hedges its inventory on the lit venues over hedgeMinutes.
 */
public record DealerSpec(String name, double spreadBps, double sizePremiumBps, long quoteTtlMs,
    double lastLookRejectProbability, double maxNotionalUsd, double hedgeMinutes)
{
    public DealerSpec
    {
        Specs.required("name", name);
        Specs.range("spreadBps", spreadBps, 0.0, 1_000);
        Specs.range("sizePremiumBps", sizePremiumBps, 0.0, 1_000);
        Specs.positive("quoteTtlMs", quoteTtlMs);
        Specs.range("lastLookRejectProbability", lastLookRejectProbability, 0.0, 1.0);
        Specs.range("maxNotionalUsd", maxNotionalUsd, 1.0, 1e12);
        Specs.range("hedgeMinutes", hedgeMinutes, 0.0, 1_440);
    }
}
