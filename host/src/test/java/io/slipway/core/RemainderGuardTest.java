package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The venues of the simulated world: a fine-lot venue with a 5 USD minimum notional and a 0.001 BTC lot
 * venue. Quantities are in micro-BTC; at 60,000 USD, 80 micro-BTC is 4.80 USD, below every minimum.
 */
class RemainderGuardTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final int ALL = BestPriceRouter.ALL_VENUES;
    private final TradingVenue[] venues = new TradingVenue[8];
    private final VenueBook[][] books = new VenueBook[8][16];
    private final BestPriceRouter router = new BestPriceRouter();
    private final RoutePlan plan = new RoutePlan();

    RemainderGuardTest()
    {
        for (int v = 0; v < 8; v++)
        {
            for (int i = 0; i < 16; i++)
            {
                books[v][i] = new VenueBook();
            }
        }
        venues[1] = new TradingVenue(1, "FINE").rules(BTC, new VenueRules(1, 10, 10, 5.0, 0.0008, 0.0010));
        venues[2] = new TradingVenue(2, "COARSE").rules(BTC, new VenueRules(1, 1000, 1000, 0.0, 0.0002, 0.0005));
    }

    private void bid(final int venue, final double price, final double qty)
    {
        books[venue][BTC.id()].onLevel(true, BTC.priceFromDouble(price), BTC.qtyFromDouble(qty), 0);
    }

    private void ask(final int venue, final double price, final double qty)
    {
        books[venue][BTC.id()].onLevel(false, BTC.priceFromDouble(price), BTC.qtyFromDouble(qty), 0);
    }

    @Test
    void dustIsNotPlaceableAloneAnywhereButTheSameSizeWithALotMoreIs()
    {
        bid(1, 60_000.00, 1.0);
        bid(2, 60_000.00, 1.0);
        assertEquals(-1, RemainderGuard.placeableAlone(BTC, Side.SELL, 80, 0, venues, books, ALL, 0));
        assertEquals(1, RemainderGuard.placeableAlone(BTC, Side.SELL, 1080, 0, venues, books, ALL, 0));
        assertEquals(2, RemainderGuard.placeableAlone(BTC, Side.SELL, 1000, 0, venues, books, ALL, 0),
            "lower taker fee on the coarse venue");
        assertEquals(-1, RemainderGuard.placeableAlone(BTC, Side.SELL, 1080, BTC.priceFromDouble(60_001.00), venues,
            books, ALL, 0), "nothing within the limit");
    }

    @Test
    void theRoutersRoundingRemainderIsFoldedIntoTheFineLotChild()
    {
        // The coarse venue's better fee takes the first 0.5 BTC; the rest splits so the coarse lot strands 80 micro.
        bid(2, 60_000.00, 0.5);
        bid(1, 60_000.00, 0.3);
        bid(2, 59_999.00, 0.04608);
        final long due = BTC.qtyFromDouble(0.84608);
        router.route(BTC, Side.SELL, due, 0, venues, books, true, ALL, 0, plan);
        assertEquals(80, plan.unrouted(), "on its own the router strands the dust (the defect)");

        assertEquals(0, RemainderGuard.absorb(BTC, Side.SELL, 0, venues, books, ALL, 0, true, plan));
        long planned = 0;
        for (int i = 0; i < plan.count(); i++)
        {
            planned += plan.quantity(i);
        }
        assertEquals(due, planned, "everything owed is in the plan");
        assertEquals(BTC.qtyFromDouble(0.3) + 80, plan.quantity(plan.indexOf(1)), "the fine-lot child carries it");
    }

    @Test
    void aPostOnlyPlanGivesUpOneCoarseLotSoWhatIsTakenIsPlaceable()
    {
        ask(2, 60_010.00, 1.0);
        bid(1, 60_000.00, 1.0);
        bid(2, 60_000.00, 1.0);
        plan.reset();
        plan.add(2, 834_000, BTC.priceFromDouble(60_010.00));
        plan.unrouted(50);

        assertEquals(1050, RemainderGuard.absorb(BTC, Side.SELL, 0, venues, books, ALL, 0, false, plan));
        assertEquals(1, plan.count());
        assertEquals(833_000, plan.quantity(0), "one lot less posted");
        assertEquals(1, RemainderGuard.placeableAlone(BTC, Side.SELL, 1050, 0, venues, books, ALL, 0),
            "what is taken instead goes to the fine-lot venue");
    }

    @Test
    void aTakingPlanMovesACoarseLotToTheFineVenue()
    {
        bid(1, 60_000.00, 1.0);
        bid(2, 60_000.00, 1.0);
        plan.reset();
        plan.add(2, 2000, BTC.priceFromDouble(60_000.00));
        plan.unrouted(50);

        assertEquals(0, RemainderGuard.absorb(BTC, Side.SELL, 0, venues, books, ALL, 0, true, plan));
        assertEquals(2, plan.count());
        assertEquals(1000, plan.quantity(plan.indexOf(2)));
        assertEquals(1050, plan.quantity(plan.indexOf(1)));
    }

    @Test
    void aRemainderThatStandsAloneOrCannotBeHelpedIsLeftAsItIs()
    {
        bid(1, 60_000.00, 1.0);
        plan.reset();
        plan.add(1, 5000, BTC.priceFromDouble(60_000.00));
        plan.unrouted(1000);
        assertEquals(1000, RemainderGuard.absorb(BTC, Side.SELL, 0, venues, books, ALL, 0, true, plan));
        assertEquals(5000, plan.quantity(0));

        plan.reset();
        plan.unrouted(50);
        assertEquals(50, RemainderGuard.absorb(BTC, Side.SELL, 0, venues, books, ALL, 0, true, plan),
            "nothing to fold it into or carve from: the caller carries it and reports it if it is still owed at the end");
    }
}
