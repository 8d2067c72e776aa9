package io.slipway.core;

/**
 * The router's answer for one slice: one marketable child per venue, plus at most one more for
 * a remainder a coarser lot left over. Reused; no allocation.
 */
public final class RoutePlan
{
    private final int[] venueIds = new int[9];
    private final long[] quantities = new long[9];
    private final long[] limitPrices = new long[9];
    private int count;
    private long unrouted;

    void reset()
    {
        count = 0;
        unrouted = 0;
    }

    void add(final int venueId, final long quantity, final long limitPrice)
    {
        venueIds[count] = venueId;
        quantities[count] = quantity;
        limitPrices[count] = limitPrice;
        count++;
    }

    void unrouted(final long quantity)
    {
        unrouted = quantity;
    }

    public int count()
    {
        return count;
    }

    public int venueId(final int i)
    {
        return venueIds[i];
    }

    public long quantity(final int i)
    {
        return quantities[i];
    }

    public long limitPrice(final int i)
    {
        return limitPrices[i];
    }

    /** Quantity the plan could not place this time (thin books, lot or minimum-size rounding). */
    public long unrouted()
    {
        return unrouted;
    }
}
