package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PassivePlacerTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long T0 = 3_600_000_000_000L;
    private static final long WINDOW = 30_000_000_000L;

    private final TradingVenue[] venues = new TradingVenue[8];
    private final VenueBook[][] books = new VenueBook[8][16];
    private final VenueSignals signals = new VenueSignals(8, 16);
    private final PassivePlacer placer = new PassivePlacer();
    private final RoutePlan plan = new RoutePlan();

    PassivePlacerTest()
    {
        final VenueRules rules = new VenueRules(1, 10, 10, 5.0, 0.0002, 0.0005);
        for (int v = 1; v <= 2; v++)
        {
            venues[v] = new TradingVenue(v, "V" + v).rules(BTC, rules);
        }
        for (int v = 0; v < 8; v++)
        {
            for (int i = 0; i < 16; i++)
            {
                books[v][i] = new VenueBook();
            }
        }
    }

    private void book(final int venue, final double askQty)
    {
        books[venue][BTC.id()].onBbo(BTC.priceFromDouble(60_000), BTC.qtyFromDouble(5), BTC.priceFromDouble(60_001),
            BTC.qtyFromDouble(askQty), T0);
    }

    private void tape(final int venue, final double btcPerMinute)
    {
        signals.onTrade(venue, BTC.id(), BTC.qtyFromDouble(btcPerMinute), T0);
    }

    private long posted(final int venue)
    {
        long quantity = 0;
        for (int i = 0; i < plan.count(); i++)
        {
            if (plan.venueId(i) == venue)
            {
                quantity += plan.quantity(i);
            }
        }
        return quantity;
    }

    private void place(final double btc, final double minFillProbability)
    {
        placer.place(BTC, Side.SELL, BTC.qtyFromDouble(btc), 0, WINDOW, minFillProbability, venues, books, signals, T0,
            plan);
    }

    @Test
    void postsWhereTheQueueIsShortAndTheTapeBusy()
    {
        book(1, 20);
        book(2, 0.5);
        tape(1, 100);
        tape(2, 100);
        place(2, 0.25);
        assertTrue(posted(2) > posted(1), "venue 2's short queue gets more: " + posted(1) + " vs " + posted(2));
        assertEquals(BTC.qtyFromDouble(2), posted(1) + posted(2) + plan.unrouted());
    }

    @Test
    void aDeepQueueLeavesEverythingToTakeAtOnce()
    {
        book(1, 500);
        book(2, 500);
        tape(1, 100);
        tape(2, 100);
        place(2, 0.25);
        assertEquals(0, plan.count());
        assertEquals(BTC.qtyFromDouble(2), plan.unrouted());
        // Submit-and-leave posts whatever the odds.
        place(2, 0.0);
        assertEquals(BTC.qtyFromDouble(2), posted(1) + posted(2));
    }

    @Test
    void aVenueWhoseMakerFillsAreFollowedByAdverseMovesIsAvoided()
    {
        book(1, 0.5);
        book(2, 0.5);
        tape(1, 100);
        tape(2, 100);
        place(1, 0.25);
        assertTrue(posted(1) > 0, "venue 1 is used before its markouts are known");
        // Five maker sells on venue 1, each followed 5 s later by the mid 5 bps higher: we were picked off.
        for (int i = 0; i < 5; i++)
        {
            final long t = T0 + i * 10_000_000_000L;
            signals.onMakerFill(1, BTC.id(), true, 60_000.0, t);
            signals.onMid(BTC.id(), 60_030.0, t + VenueSignals.MARKOUT_HORIZON_NS);
        }
        assertTrue(signals.isToxic(1));
        assertFalse(signals.isToxic(2));
        place(1, 0.25);
        assertEquals(0, posted(1), "no more resting orders on the toxic venue");
        assertTrue(posted(2) > 0);
    }
}
