package io.slipway.tca;

import java.util.List;

/**
 * Fills on one venue for one parent order.
 *
 * @param kind     EXCHANGE, DEALER or AMM
 * @param markouts the venue's own fills' markouts at 1 s .. 5 m (toxic venues and leaky dealers show here)
 */
public record VenueBreakdown(String venue, String kind, int fills, double quantity, double notional, double fees,
    double share, List<Markout> markouts)
{
    public VenueBreakdown
    {
        markouts = List.copyOf(markouts);
    }

    public double averagePrice()
    {
        return quantity == 0 ? 0.0 : notional / quantity;
    }
}
