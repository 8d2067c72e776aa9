package io.slipway.core;

/**
 * The router's answer for one slice: one marketable child per venue, plus at most one more for
 * a remainder a coarser lot left over, and one more a {@link RemainderGuard} may add. Reused; no allocation.
 */
public final class RoutePlan
{
    private final int[] venueIds = new int[10];
    private final long[] quantities = new long[10];
    private final long[] limitPrices = new long[10];
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

    void limitPrice(final int i, final long limitPrice)
    {
        limitPrices[i] = limitPrice;
    }

    void quantity(final int i, final long quantity)
    {
        quantities[i] = quantity;
    }

    void remove(final int i)
    {
        System.arraycopy(venueIds, i + 1, venueIds, i, count - i - 1);
        System.arraycopy(quantities, i + 1, quantities, i, count - i - 1);
        System.arraycopy(limitPrices, i + 1, limitPrices, i, count - i - 1);
        count--;
    }

    /** The entry for venueId, or -1. */
    int indexOf(final int venueId)
    {
        for (int i = 0; i < count; i++)
        {
            if (venueIds[i] == venueId)
            {
                return i;
            }
        }
        return -1;
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
