package io.slipway.tca;

/** Fills on one venue for one parent order. */
public record VenueBreakdown(String venue, int fills, double quantity, double notional, double fees, double share)
{
    public double averagePrice()
    {
        return quantity == 0 ? 0.0 : notional / quantity;
    }
}
