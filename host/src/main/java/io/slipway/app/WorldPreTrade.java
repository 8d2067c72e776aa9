package io.slipway.app;

import io.slipway.analytics.PreTrade;
import io.slipway.core.ExecutionCore;
import io.slipway.core.PriceLevels;
import io.slipway.core.VenueBook;
import io.slipway.domain.Instrument;
import io.slipway.domain.Side;
import io.slipway.venue.Venue;

/**
 * Builds a {@link PreTrade} from a simulated appliance as it stands: the core's books on every
 * venue of the world (the levels the core has, which are what it would route against), its
 * composite mid and spread, the world's annual volatility and its impact coefficient.
 */
public final class WorldPreTrade
{
    private WorldPreTrade()
    {
    }

    public static PreTrade analyse(final SimulatedAppliance appliance, final Instrument instrument, final Side side,
        final double quantity)
    {
        return analyse(appliance.core(), appliance.world().venues(), appliance.market(), instrument, side, quantity);
    }

    /** The same from a core's books, the venues it trades and the simulated world's model (volatility, impact). */
    public static PreTrade analyse(final ExecutionCore core, final java.util.List<Venue> venues,
        final io.slipway.sim.market.SimulatedMarket market, final Instrument instrument, final Side side,
        final double quantity)
    {
        final double mid = core.compositeMid(instrument);
        if (Double.isNaN(mid))
        {
            throw new IllegalStateException("no two-sided market for " + instrument.symbol());
        }
        final boolean sell = side == Side.SELL;
        long bestBid = Long.MIN_VALUE;
        long bestAsk = Long.MAX_VALUE;
        for (final Venue venue : venues)
        {
            final VenueBook book = core.book(venue.id(), instrument);
            if (!book.bids().isEmpty())
            {
                bestBid = Math.max(bestBid, book.bids().bestPrice());
            }
            if (!book.asks().isEmpty())
            {
                bestAsk = Math.min(bestAsk, book.asks().bestPrice());
            }
        }
        // Venues' books can cross each other for a moment; a crossed composite has no spread to pay.
        final double halfSpreadBps = Math.max(0.0,
            (instrument.priceToDouble(bestAsk) - instrument.priceToDouble(bestBid)) / 2.0 / mid * 1e4);
        final double volatility = market.context().annualVolatility();
        final double impact = market.impactModel().coefficient(instrument.id());
        final PreTrade preTrade = new PreTrade(sell, quantity, mid, halfSpreadBps, volatility, impact);
        for (final Venue venue : venues)
        {
            final PriceLevels levels = core.book(venue.id(), instrument).side(sell);
            final double[] prices = new double[levels.size()];
            final double[] quantities = new double[levels.size()];
            for (int i = 0; i < levels.size(); i++)
            {
                prices[i] = instrument.priceToDouble(levels.price(i));
                quantities[i] = instrument.qtyToDouble(levels.quantity(i));
            }
            preTrade.venue(venue.name(), prices, quantities);
        }
        return preTrade;
    }
}
