package io.slipway.sim.scenario;

/**
 * A constant-product pool (x y = k) for one instrument, seeded at the lit mid with baseReserve
 * units of the base asset; swaps pay feeRate of the input and gasUsd each, and settle at the
 * next block, every blockTimeMs. An arbitrageur trades it back toward the lit mid.
 */
public record AmmSpec(String name, String instrument, double baseReserve, double feeRate, double gasUsd,
    long blockTimeMs)
{
    public AmmSpec
    {
        Specs.required("name", name);
        Specs.required("instrument", instrument);
        Specs.range("baseReserve", baseReserve, 1e-6, 1e9);
        Specs.range("feeRate", feeRate, 0.0, 0.1);
        Specs.range("gasUsd", gasUsd, 0.0, 10_000);
        Specs.positive("blockTimeMs", blockTimeMs);
    }
}
