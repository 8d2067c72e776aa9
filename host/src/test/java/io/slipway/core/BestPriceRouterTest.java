package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BestPriceRouterTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private final TradingVenue[] venues = new TradingVenue[8];
    private final VenueBook[][] books = new VenueBook[8][16];
    private final BestPriceRouter router = new BestPriceRouter();
    private final RoutePlan plan = new RoutePlan();

    BestPriceRouterTest()
    {
        for (int v = 0; v < 8; v++)
        {
            for (int i = 0; i < 16; i++)
            {
                books[v][i] = new VenueBook();
            }
        }
        // lot 0.00001 BTC = 10 micro; min qty one lot; min notional 5 USD
        venues[1] = new TradingVenue(1, "A").rules(BTC, new VenueRules(1, 10, 10, 5.0, 0.0008, 0.0010));
        venues[2] = new TradingVenue(2, "B").rules(BTC, new VenueRules(1, 10, 10, 5.0, 0.0002, 0.0005));
    }

    private void bid(final int venue, final double price, final double qty)
    {
        books[venue][BTC.id()].onLevel(true, BTC.priceFromDouble(price), BTC.qtyFromDouble(qty), 0);
    }

    @Test
    void sellWalksBidsInFeeAdjustedOrderAcrossVenues()
    {
        bid(1, 60_000.00, 1.0);
        bid(1, 59_990.00, 5.0);
        bid(2, 59_995.00, 2.0);  // after taker fees: 59_965.00 at B beats 59_940.00 at A
        bid(2, 59_980.00, 5.0);

        router.route(BTC, Side.SELL, BTC.qtyFromDouble(3.5), 0, venues, books, false, plan);

        // effective: B 59995 -> 59965.0, A 60000 -> 59940.0, B 59980 -> 59950.0, A 59990 -> 59930.0
        // order: B@59995 (2.0), B@59980 (1.5) -> all at B
        assertEquals(1, plan.count());
        assertEquals(2, plan.venueId(0));
        assertEquals(BTC.qtyFromDouble(3.5), plan.quantity(0));
        assertEquals(BTC.priceFromDouble(59_980.00), plan.limitPrice(0));
        assertEquals(0, plan.unrouted());
    }

    @Test
    void splitsWhenOneVenueRunsOutAndHonoursTheLimit()
    {
        bid(1, 60_000.00, 1.0);
        bid(2, 60_000.00, 1.0);
        bid(2, 59_000.00, 10.0);

        router.route(BTC, Side.SELL, BTC.qtyFromDouble(5.0), BTC.priceFromDouble(59_500.00), venues, books, false, plan);

        assertEquals(2, plan.count());
        assertEquals(1, plan.venueId(0));
        assertEquals(BTC.qtyFromDouble(1.0), plan.quantity(0));
        assertEquals(2, plan.venueId(1));
        assertEquals(BTC.qtyFromDouble(1.0), plan.quantity(1));
        assertEquals(BTC.qtyFromDouble(3.0), plan.unrouted(), "the 59000 level is below the limit");
    }

    @Test
    void roundsToLotsAndCarriesWhatIsBelowMinimumNotional()
    {
        bid(1, 60_000.00, 1.0);
        // 0.000055 BTC: rounds down to 0.00005 (5 lots of 10 micro) = 3 USD < 5 USD minimum notional
        router.route(BTC, Side.SELL, 55, 0, venues, books, false, plan);
        assertEquals(0, plan.count());
        assertEquals(55, plan.unrouted());

        router.route(BTC, Side.SELL, 1_005, 0, venues, books, false, plan);
        assertEquals(1, plan.count());
        assertEquals(1_000, plan.quantity(0));
        assertEquals(5, plan.unrouted(), "the odd 5 micro-BTC are carried, not dropped");
    }

    @Test
    void aRemainderBelowOneVenuesLotGoesToAVenueWithAFinerLot()
    {
        // Venue B, cheapest after fees, trades in lots of 1000 micro-BTC; venue A in lots of 10.
        venues[2] = new TradingVenue(2, "B").rules(BTC, new VenueRules(1, 1_000, 1_000, 5.0, 0.0002, 0.0005));
        bid(1, 60_000.00, 1.0);
        bid(2, 60_000.00, 1.0);
        router.route(BTC, Side.SELL, 2_340, 0, venues, books, true, plan);
        assertEquals(2, plan.count());
        assertEquals(2, plan.venueId(0));
        assertEquals(2_000, plan.quantity(0));
        assertEquals(1, plan.venueId(1));
        assertEquals(340, plan.quantity(1), "the 340 below B's lot go to A");
        assertEquals(0, plan.unrouted());

        // Before the schedule is complete the dust is carried instead: no extra message.
        router.route(BTC, Side.SELL, 2_340, 0, venues, books, false, plan);
        assertEquals(1, plan.count());
        assertEquals(2_000, plan.quantity(0));
        assertEquals(340, plan.unrouted());
    }

    @Test
    void buyTakesAsks()
    {
        books[1][BTC.id()].onLevel(false, BTC.priceFromDouble(60_001.00), BTC.qtyFromDouble(2.0), 0);
        bid(1, 60_000.00, 2.0);
        router.route(BTC, Side.BUY, BTC.qtyFromDouble(1.0), 0, venues, books, false, plan);
        assertEquals(1, plan.count());
        assertEquals(BTC.priceFromDouble(60_001.00), plan.limitPrice(0));
    }

    @Test
    void keepsToTheAllowedVenues()
    {
        bid(1, 60_000.00, 1.0);
        bid(2, 59_995.00, 2.0);
        router.route(BTC, Side.SELL, BTC.qtyFromDouble(3.0), 0, venues, books, false, 1 << 1, 0, plan);
        assertEquals(1, plan.count());
        assertEquals(1, plan.venueId(0), "only A is allowed, though B is cheaper after fees");
        assertEquals(BTC.qtyFromDouble(2.0), plan.unrouted());
    }

    @Test
    void sendsNothingBelowTheMinimumSlice()
    {
        bid(1, 60_000.00, 0.3);
        bid(2, 59_995.00, 2.0);
        router.route(BTC, Side.SELL, BTC.qtyFromDouble(1.0), 0, venues, books, true, BestPriceRouter.ALL_VENUES,
            BTC.qtyFromDouble(0.5), plan);
        // B gets its 1.0 in fee order first; nothing is left for A
        assertEquals(1, plan.count());
        assertEquals(2, plan.venueId(0));
        router.route(BTC, Side.SELL, BTC.qtyFromDouble(0.4), 0, venues, books, true, BestPriceRouter.ALL_VENUES,
            BTC.qtyFromDouble(0.5), plan);
        assertEquals(0, plan.count(), "0.4 is under the minimum slice of 0.5");
        assertEquals(BTC.qtyFromDouble(0.4), plan.unrouted());
    }
}
