package io.slipway.app;

import io.slipway.analytics.ImpactFit;
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
        return analyse(appliance, instrument, side, quantity, null);
    }

    /** The same, pricing impact with the feedback loop's fitted Y when {@code fit} is not null. */
    public static PreTrade analyse(final SimulatedAppliance appliance, final Instrument instrument, final Side side,
        final double quantity, final ImpactFit fit)
    {
        return analyse(appliance.core(), appliance.world().venues(), appliance.market(), instrument, side, quantity,
            fit);
    }

    /** The same from a core's books, the venues it trades and the simulated world's model (volatility, impact). */
    public static PreTrade analyse(final ExecutionCore core, final java.util.List<Venue> venues,
        final io.slipway.sim.market.SimulatedMarket market, final Instrument instrument, final Side side,
        final double quantity)
    {
        return analyse(core, venues, market, instrument, side, quantity, null);
    }

    /**
     * The same with the feedback loop's fit: the world's coefficient c = Y sigma_d / (2 sqrt(V_d)) has its Y
     * replaced by the fitted one, so volatility and volume stay the world's and only Y is learned. A null fit
     * keeps the world's coefficient untouched.
     */
    public static PreTrade analyse(final ExecutionCore core, final java.util.List<Venue> venues,
        final io.slipway.sim.market.SimulatedMarket market, final Instrument instrument, final Side side,
        final double quantity, final ImpactFit fit)
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
        final double impact = fit == null ? market.impactModel().coefficient(instrument.id()) :
            coefficientAt(market, instrument, fit.coefficient());
        final PreTrade preTrade = new PreTrade(sell, quantity, mid, halfSpreadBps, volatility, impact).impactFit(fit);
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

    /** The world's impact coefficient with its Y replaced by {@code y}. */
    public static double coefficientAt(final io.slipway.sim.market.SimulatedMarket market, final Instrument instrument,
        final double y)
    {
        final double worldY = market.context().impactY();
        if (!(worldY > 0))
        {
            throw new IllegalStateException("the world has no impact (Y " + worldY + "), so a fitted Y has no scale " +
                "to apply to");
        }
        return market.impactModel().coefficient(instrument.id()) / worldY * y;
    }
}
