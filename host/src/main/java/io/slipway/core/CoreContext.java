package io.slipway.core;

import java.util.concurrent.TimeUnit;

/** Execution core settings with validated defaults, Aeron-style. */
public final class CoreContext
{
    private long sliceIntervalNs = TimeUnit.SECONDS.toNanos(60);
    private long retryIntervalNs = TimeUnit.SECONDS.toNanos(5);
    private long maxHorizonNs = TimeUnit.DAYS.toNanos(7);
    private long maxChildQuantity = 50_000_000L;

    /** TWAP slice interval; shorter horizons get fewer, not shorter, slices (at least one). */
    public CoreContext sliceIntervalNs(final long value)
    {
        sliceIntervalNs = value;
        return this;
    }

    public long sliceIntervalNs()
    {
        return sliceIntervalNs;
    }

    /** How soon to try again when a slice could not place everything it owed. */
    public CoreContext retryIntervalNs(final long value)
    {
        retryIntervalNs = value;
        return this;
    }

    public long retryIntervalNs()
    {
        return retryIntervalNs;
    }

    /** Orders whose end is further away than this are refused. */
    public CoreContext maxHorizonNs(final long value)
    {
        maxHorizonNs = value;
        return this;
    }

    public long maxHorizonNs()
    {
        return maxHorizonNs;
    }

    /** Largest child order the core will build (instrument scale); keep it under the card's limit. */
    public CoreContext maxChildQuantity(final long value)
    {
        maxChildQuantity = value;
        return this;
    }

    public long maxChildQuantity()
    {
        return maxChildQuantity;
    }

    public CoreContext conclude()
    {
        if (sliceIntervalNs < TimeUnit.MILLISECONDS.toNanos(100))
        {
            throw new IllegalArgumentException("sliceIntervalNs must be at least 100 ms, was " + sliceIntervalNs);
        }
        if (retryIntervalNs < TimeUnit.MILLISECONDS.toNanos(10) || retryIntervalNs > sliceIntervalNs)
        {
            throw new IllegalArgumentException("retryIntervalNs must be 10 ms .. sliceIntervalNs, was " + retryIntervalNs);
        }
        if (maxHorizonNs <= 0)
        {
            throw new IllegalArgumentException("maxHorizonNs must be positive");
        }
        if (maxChildQuantity <= 0)
        {
            throw new IllegalArgumentException("maxChildQuantity must be positive");
        }
        return this;
    }
}
