package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.scenario.AmmSpec;
import io.slipway.sim.scenario.DealerSpec;
import io.slipway.venue.QuoteListener;
import io.slipway.venue.Venue;
import io.slipway.venue.VenueKind;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedDealerTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long LATENCY = 2 * MS;

    private static DealerSpec dealer(final double lastLook, final double hedgeMinutes)
    {
        return new DealerSpec("DLRA", 4.0, 10.0, 2_000, lastLook, 20e6, hedgeMinutes);
    }

    private static SimulatedMarket.Context ctx(final long seed, final DealerSpec... dealers)
    {
        return new SimulatedMarket.Context().seed(seed).instruments(List.of(BTC)).latencyRangeNs(LATENCY, LATENCY)
            .dealers(List.of(dealers));
    }

    private static long btc(final double units)
    {
        return BTC.qtyFromDouble(units);
    }

    @Test
    void dealersTakeVenueIdsAfterTheExchangesWithRules()
    {
        final SimulatedMarket market = new SimulatedMarket(ctx(1, dealer(0, 1),
            new DealerSpec("DLRB", 2, 5, 1_000, 0, 5e6, 0)));
        final List<Venue> venues = market.venues();
        assertEquals(List.of("SIMA", "SIMB", "SIMC", "DLRA", "DLRB"), venues.stream().map(Venue::name).toList());
        assertEquals(List.of(1, 2, 3, 4, 5), venues.stream().map(Venue::id).toList());
        assertEquals(VenueKind.DEALER, venues.get(3).kind());
        final VenueRules lit = venues.get(0).rules(BTC);
        assertEquals(new VenueRules(lit.tickSize(), lit.lotSize(), lit.lotSize(), SimulatedDealer.MIN_NOTIONAL_USD, 0,
            0), venues.get(3).rules(BTC));
        assertEquals(null, venues.get(3).rules(Instruments.ETH_USD), "not simulated, not quoted");
        assertEquals(5 << 4 | 1, venues.get(4).marketDataChannel(BTC));
    }

    @Test
    void venueIdsBeyondTheCardAreRefusedNamingTheKeys()
    {
        final List<DealerSpec> four = List.of(dealer(0, 1), new DealerSpec("B", 1, 1, 1, 0, 1e6, 0),
            new DealerSpec("C", 1, 1, 1, 0, 1e6, 0), new DealerSpec("D", 1, 1, 1, 0, 1e6, 0));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new SimulatedMarket.Context().dealers(four)
                .amms(List.of(new AmmSpec("POOL", "BTC-USD", 100, 0.003, 5, 12_000))).conclude());
        assertTrue(ex.getMessage().startsWith("dealers, amms:"), ex.getMessage());
        assertTrue(ex.getMessage().contains("4..8"), ex.getMessage());
        new SimulatedMarket.Context().dealers(four).conclude();
        assertThrows(IllegalArgumentException.class,
            () -> new SimulatedMarket.Context().dealers(List.of(new DealerSpec("SIMA", 1, 1, 1, 0, 1e6, 0))).conclude());
    }

    @Test
    void quoteIsMidPlusSpreadPlusSquareRootSizePremiumRoundedForTheDealer()
    {
        final OffBookWorld world = new OffBookWorld(ctx(11, dealer(0, 1)));
        final SimulatedDealer dealer = world.market.dealers().get(0);
        world.runFor(30 * SECOND);
        final double[] mids = new double[2];
        final long t = world.scheduler.nowNs();
        dealer.requestQuote(1, BTC, Side.SELL, btc(20));
        dealer.requestQuote(2, BTC, Side.BUY, btc(2));
        // Scheduled after the requests at the same instant, so it reads the mid the dealer priced from.
        world.scheduler.schedule(t + LATENCY, now -> mids[0] = world.market.litMid(BTC));
        world.runFor(2 * LATENCY - 1);
        assertTrue(world.quotes.isEmpty(), "a quote takes a round trip");
        world.runFor(1);
        assertEquals(2, world.quotes.size());

        final double mid = mids[0];
        final long tick = dealer.rules(BTC).tickSize();
        final double bigBps = 4.0 + 10.0 * Math.sqrt(20 * mid / 1e6);
        final long expectedBid = (long)Math.floor(mid * (1 - bigBps * 1e-4) * 100 / tick) * tick;
        final double smallBps = 4.0 + 10.0 * Math.sqrt(2 * mid / 1e6);
        final long expectedAsk = (long)Math.ceil(mid * (1 + smallBps * 1e-4) * 100 / tick) * tick;
        assertEquals(expectedBid, world.quotes.get(0)[2]);
        assertEquals(btc(20), world.quotes.get(0)[3]);
        assertEquals(t + LATENCY + 2_000 * MS, world.quotes.get(0)[4], "TTL from the moment the dealer priced");
        assertEquals(expectedAsk, world.quotes.get(1)[2]);
        assertTrue(mid - BTC.priceToDouble(world.quotes.get(0)[2]) > BTC.priceToDouble(world.quotes.get(1)[2]) - mid,
            "20 BTC is quoted wider than 2 BTC");
    }

    @Test
    void declinesAboveMaximumBelowMinimumAndUnknownInstruments()
    {
        final OffBookWorld world = new OffBookWorld(ctx(12, dealer(0, 1)));
        final SimulatedDealer dealer = world.market.dealers().get(0);
        world.runFor(SECOND);
        dealer.requestQuote(1, BTC, Side.BUY, btc(1_000));
        dealer.requestQuote(2, Instruments.ETH_USD, Side.BUY, btc(1));
        dealer.requestQuote(3, BTC, Side.BUY, btc(0.01));
        world.runFor(SECOND);
        assertTrue(world.quotes.isEmpty());
        assertEquals(3, world.declines.size());
        assertTrue(world.declines.get(0).contains("above the dealer's maximum 20000000 USD"), world.declines.get(0));
        assertTrue(world.declines.get(1).startsWith("unknown instrument"), world.declines.get(1));
        assertTrue(world.declines.get(2).contains("below the dealer's minimum"), world.declines.get(2));
    }

    @Test
    void takingAQuoteFillsAtTheQuotedPriceAndOtherwiseRejectsWithTheReason()
    {
        final OffBookWorld world = new OffBookWorld(ctx(13, dealer(0, 0)));
        final SimulatedDealer dealer = world.market.dealers().get(0);
        world.runFor(10 * SECOND);
        dealer.requestQuote(7, BTC, Side.BUY, btc(3));
        world.runFor(2 * LATENCY);
        final long ask = world.quotes.get(0)[2];
        world.probe.reports.clear();

        world.send(dealer, BTC, 100, Side.BUY, OrderType.IOC, ask - 1, btc(3));   // worse for the dealer
        world.send(dealer, BTC, 101, Side.BUY, OrderType.IOC, ask, btc(4));       // above the quoted size
        world.send(dealer, BTC, 102, Side.SELL, OrderType.IOC, ask, btc(1));      // wrong side
        world.send(dealer, BTC, 103, Side.BUY, OrderType.IOC, ask + 500, btc(2)); // takes part, at the quote
        world.send(dealer, BTC, 104, Side.BUY, OrderType.LIMIT, ask, btc(1));     // takes the rest
        world.send(dealer, BTC, 105, Side.BUY, OrderType.IOC, ask, btc(1));       // nothing left
        world.send(dealer, BTC, 106, Side.BUY, OrderType.IOC, ask, btc(1) + 3);   // breaks the lot
        world.send(dealer, BTC, 107, Side.BUY, OrderType.IOC, ask, btc(0.1));     // below the minimum notional
        world.runFor(2 * LATENCY);
        assertEquals(List.of(
            "rejected 4 100 no such quote at that price",
            "rejected 4 101 quantity above the quote's remaining size",
            "rejected 4 102 no such quote at that price",
            "accepted 4 103",
            "fill 4 103 " + btc(2) + "@" + ask + " taker",
            "done 4 103 released 0",
            "accepted 4 104",
            "fill 4 104 " + btc(1) + "@" + ask + " taker",
            "done 4 104 released 0",
            "rejected 4 105 no such quote at that price",
            "rejected 4 106 quantity is not a multiple of the lot size",
            "rejected 4 107 notional below the minimum notional"), world.probe.reports);
        assertEquals(0.0, Double.longBitsToDouble(world.probe.hostFills.get(0)[5]), "no fee");
        assertEquals(0, dealer.position(BTC), "sold 3 to the requester and, hedgeMinutes 0, bought them back at once");
        assertEquals(1, dealer.hedgeOrders());

        dealer.requestQuote(8, BTC, Side.SELL, btc(1));
        world.runFor(2 * LATENCY);
        final long bid = world.quotes.get(1)[2];
        world.runFor(2_000 * MS);
        world.send(dealer, BTC, 108, Side.SELL, OrderType.IOC, bid, btc(1));
        world.runFor(2 * LATENCY);
        assertEquals("rejected 4 108 quote expired", world.probe.reports.get(world.probe.reports.size() - 1));
    }

    /**
     * A take is keyed by its client order id: one sent again (a replayed accept that escaped, a
     * session that re-sends) is refused as a duplicate and leaves the first take and its fill as
     * they were; the dealer's ledger answers a recovering requester with the
     * one fill and counts the second arrival, so an audit sees it.
     */
    @Test
    void aTakeSentTwiceFillsOnceAndTheLedgerShowsTheDuplicate()
    {
        final OffBookWorld world = new OffBookWorld(ctx(15, dealer(0, 60)));
        final SimulatedDealer dealer = world.market.dealers().get(0);
        world.runFor(10 * SECOND);
        dealer.requestQuote(9, BTC, Side.BUY, btc(4));
        world.runFor(2 * LATENCY);
        final long ask = world.quotes.get(0)[2];
        world.probe.reports.clear();

        world.send(dealer, BTC, 200, Side.BUY, OrderType.IOC, ask, btc(2));
        world.runFor(2 * LATENCY);
        world.send(dealer, BTC, 200, Side.BUY, OrderType.IOC, ask, btc(2)); // the same take again
        world.runFor(2 * LATENCY);
        assertEquals(List.of(
            "accepted 4 200",
            "fill 4 200 " + btc(2) + "@" + ask + " taker",
            "done 4 200 released 0",
            "rejected 4 200 duplicate client order id"), world.probe.reports);
        assertEquals(1, dealer.fills(), "the duplicate filled nothing");

        final io.slipway.venue.VenueOrderStatus status = dealer.statusQuery().status(200);
        assertEquals(io.slipway.venue.VenueOrderStatus.State.DONE, status.state(), "the first take stands");
        assertEquals(btc(2), status.filledQuantity());
        assertEquals(2, status.received());
        assertEquals(List.of(200L), java.util.Arrays.stream(
            io.slipway.journal.VenueReconciler.duplicates(dealer.statusQuery()).toLongArray()).boxed().toList());

        world.send(dealer, BTC, 201, Side.BUY, OrderType.IOC, ask - 1, btc(1));
        world.runFor(2 * LATENCY);
        assertEquals(io.slipway.venue.VenueOrderStatus.State.REJECTED, dealer.statusQuery().status(201).state());
        assertEquals("no such quote at that price", dealer.statusQuery().status(201).reason());
        assertEquals(io.slipway.venue.VenueOrderStatus.State.NOT_FOUND, dealer.statusQuery().status(202).state());
    }

    @Test
    void lastLookRefusesAtTheConfiguredRate()
    {
        final OffBookWorld world = new OffBookWorld(ctx(14, dealer(0.3, 0)));
        final SimulatedDealer dealer = world.market.dealers().get(0);
        world.onQuote = new QuoteListener()
        {
            public void onQuote(final int venue, final long rfqId, final long price, final long quantity,
                final long validUntilNs)
            {
                world.send(dealer, BTC, rfqId, rfqId % 2 == 0 ? Side.BUY : Side.SELL, OrderType.IOC, price, quantity);
            }

            public void onQuoteDeclined(final int venue, final long rfqId, final String reason)
            {
                throw new AssertionError(reason);
            }
        };
        world.runFor(10 * SECOND);
        final int requests = 400;
        for (int i = 1; i <= requests; i++)
        {
            final long rfq = i;
            world.scheduler.schedule(world.scheduler.nowNs() + i * 500 * MS,
                now -> dealer.requestQuote(rfq, BTC, rfq % 2 == 0 ? Side.BUY : Side.SELL, btc(0.5)));
        }
        world.runFor(requests * 500 * MS + SECOND);
        assertEquals(requests, dealer.fills() + dealer.lastLookRejects());
        final double rate = dealer.lastLookRejects() / (double)requests;
        assertEquals(0.3, rate, 0.07, "last-look refusals " + dealer.lastLookRejects());
        assertEquals(dealer.lastLookRejects(), world.probe.reports.stream().filter(r -> r.endsWith("last look")).count());
    }

    @Test
    void inventorySkewsQuotesAgainstThePositionAndTheHedgeFlattensIt()
    {
        final OffBookWorld world = new OffBookWorld(ctx(15, dealer(0, 1)));
        final SimulatedDealer dealer = world.market.dealers().get(0);
        world.runFor(10 * SECOND);
        final double mid = world.market.litMid(BTC);
        final double flatBid = dealer.halfSpreadBps(BTC, Side.SELL, 1e6, mid);
        final double flatAsk = dealer.halfSpreadBps(BTC, Side.BUY, 1e6, mid);
        assertEquals(flatBid, flatAsk, 1e-12, "flat: symmetric");

        dealer.requestQuote(1, BTC, Side.SELL, btc(100));
        world.runFor(2 * LATENCY);
        world.send(dealer, BTC, 1, Side.SELL, OrderType.IOC, world.quotes.get(0)[2], btc(100));
        world.runFor(LATENCY);
        final long position = dealer.position(BTC);
        assertTrue(position > btc(80) && position < btc(100), "bought 100, first of six slices hedged: " + position);
        final double longBid = dealer.halfSpreadBps(BTC, Side.SELL, 1e6, mid);
        final double longAsk = dealer.halfSpreadBps(BTC, Side.BUY, 1e6, mid);
        final double fullSize = 4.0 + 10.0 * Math.sqrt(20);
        final double skew = BTC.qtyToDouble(position) * mid / 20e6 * fullSize;
        assertEquals(flatBid + skew, longBid, 1e-9, "long dealer bids lower");
        assertEquals(Math.max(0, flatAsk - skew), longAsk, 1e-9, "and offers cheaper");

        world.runFor(30 * SECOND);
        final long halfway = dealer.position(BTC);
        assertTrue(halfway > 0 && halfway < btc(100), "hedging over a minute, not at once: " + halfway);
        world.runFor(60 * SECOND);
        final VenueRules lit = world.market.exchanges().get(0).rules(BTC);
        assertTrue(Math.abs(dealer.position(BTC)) < 10 * lit.lotSize() + btc(0.001),
            "flat after hedgeMinutes: " + dealer.position(BTC));
        assertTrue(dealer.hedgeOrders() >= 6, "IOC slices every 10 s: " + dealer.hedgeOrders());
    }

    /** Lit-mid path after a dealer fill of the given side at t0, sampled every second for 3 minutes, in bps from t0. */
    private static double[] midPath(final long seed, final Side takerSide, final boolean trade)
    {
        final OffBookWorld world = new OffBookWorld(ctx(seed, dealer(0, 1)));
        final SimulatedDealer dealer = world.market.dealers().get(0);
        world.onQuote = new QuoteListener()
        {
            public void onQuote(final int venue, final long rfqId, final long price, final long quantity,
                final long validUntilNs)
            {
                world.send(dealer, BTC, rfqId, takerSide, OrderType.IOC, price, quantity);
            }

            public void onQuoteDeclined(final int venue, final long rfqId, final String reason)
            {
                throw new AssertionError(reason);
            }
        };
        world.runFor(60 * SECOND);
        if (trade)
        {
            dealer.requestQuote(1, BTC, takerSide, btc(150));
        }
        world.runFor(4 * LATENCY);
        assertEquals(trade ? 1 : 0, dealer.fills());
        final double start = world.market.litMid(BTC);
        final double[] path = new double[180];
        for (int i = 0; i < path.length; i++)
        {
            world.runFor(SECOND);
            path[i] = (world.market.litMid(BTC) / start - 1) * 1e4;
        }
        return path;
    }

    @Test
    void dealerHedgingLeaksIntoLitPricesAfterAFill()
    {
        // The square-root law's peak for a metaorder of the hedged 150 BTC: Y sigma_d sqrt(Q / V_d) = 2 c sqrt(Q).
        final double peakBps = 2 * new SimulatedMarket(ctx(21, dealer(0, 1))).impactModel().coefficient(BTC.id()) *
            Math.sqrt(150) * 1e4;
        final StringBuilder figures = new StringBuilder(String.format("square-root peak %.2f bps; ", peakBps));
        for (final Side side : Side.values())
        {
            final double[] treated = midPath(21, side, true);
            final double[] control = midPath(21, side, false);
            // Markout in the taker's direction: how far the lit mid ran the way the taker traded.
            double sum = 0;
            double atOneMinute = 0;
            for (int i = 0; i < treated.length; i++)
            {
                final double excess = side.sign() * (treated[i] - control[i]);
                sum += excess;
                if (i == 59)
                {
                    atOneMinute = excess;
                }
            }
            final double mean = sum / treated.length;
            figures.append(side).append(String.format(" mean %.2f bps, at 1 min %.2f bps; ", mean, atOneMinute));
            assertTrue(atOneMinute > 0.4 * peakBps, "lit mid ran the taker's way by the hedge's end: " + figures);
            assertTrue(mean > 0.2 * peakBps, "and stays there on average over 3 min: " + figures);
        }

        System.out.println("dealer markout vs control: " + figures);
    }

    @Test
    void aDealerNobodyAsksLeavesTheWorldAsItWas()
    {
        final OffBookWorld without = new OffBookWorld(ctx(31));
        final OffBookWorld with = new OffBookWorld(ctx(31, dealer(0.5, 1)));
        without.runFor(2 * 60 * SECOND);
        with.runFor(2 * 60 * SECOND);
        assertTrue(without.probe.messages > 1_000);
        assertEquals(without.probe.hash, with.probe.hash, "same market data, byte for byte");
        assertEquals(without.market.litMid(BTC), with.market.litMid(BTC));
    }

    private static long runDealers(final long seed)
    {
        final OffBookWorld world = new OffBookWorld(ctx(seed, dealer(0.4, 0.5),
            new DealerSpec("DLRB", 1.0, 20.0, 1_000, 0.1, 5e6, 2)));
        final List<SimulatedDealer> dealers = world.market.dealers();
        world.onQuote = new QuoteListener()
        {
            public void onQuote(final int venue, final long rfqId, final long price, final long quantity,
                final long validUntilNs)
            {
                world.send(world.market.venues().get(venue - 1), BTC, rfqId, rfqId % 3 == 0 ? Side.BUY : Side.SELL,
                    OrderType.IOC, price, quantity);
            }

            public void onQuoteDeclined(final int venue, final long rfqId, final String reason)
            {
            }
        };
        world.runFor(5 * SECOND);
        for (int i = 1; i <= 40; i++)
        {
            final long rfq = i;
            world.scheduler.schedule(world.scheduler.nowNs() + i * 3 * SECOND, now -> dealers.get((int)(rfq % 2))
                .requestQuote(rfq, BTC, rfq % 3 == 0 ? Side.BUY : Side.SELL, btc(1 + rfq % 7)));
        }
        world.runFor(4 * 60 * SECOND);
        assertTrue(dealers.get(0).fills() > 0 && dealers.get(0).lastLookRejects() > 0);
        long hash = world.probe.hash;
        for (final String report : world.probe.reports)
        {
            hash = hash * 31 + report.hashCode();
        }
        return hash;
    }

    @Test
    void sameSeedSameDealingDifferentSeedDiffers()
    {
        assertEquals(runDealers(5), runDealers(5));
        assertNotEquals(runDealers(5), runDealers(6));
    }
}
