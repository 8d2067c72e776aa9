package io.slipway.venue;

/**
 * Trading rules of one instrument on one venue, in the instrument's fixed-point scale. The
 * router must honour them; the venue rejects what breaks them.
 */
public record VenueRules(long tickSize, long lotSize, long minQuantity, double minNotional, double makerFeeRate,
    double takerFeeRate)
{
    public VenueRules
    {
        if (tickSize <= 0 || lotSize <= 0 || minQuantity <= 0 || minNotional < 0)
        {
            throw new IllegalArgumentException("tick, lot and min quantity must be positive, min notional >= 0");
        }
        if (minQuantity % lotSize != 0)
        {
            throw new IllegalArgumentException("min quantity must be a whole number of lots");
        }
        if (Math.abs(makerFeeRate) > 0.01 || takerFeeRate < 0 || takerFeeRate > 0.01)
        {
            throw new IllegalArgumentException("fee rates out of range (|maker| <= 1%, 0 <= taker <= 1%)");
        }
    }

    /** Largest whole number of lots not above quantity. */
    public long roundDownToLot(final long quantity)
    {
        return quantity - Math.floorMod(quantity, lotSize);
    }

    public boolean isOnTick(final long price)
    {
        return price % tickSize == 0;
    }
}
