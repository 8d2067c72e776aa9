package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.venue.Venue;
import io.slipway.venue.VenueKind;
import io.slipway.venue.VenueRules;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedMarketTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

    private static final class World
    {
        final SimulatedMarket market;
        final EventScheduler scheduler;
        final WorldProbe probe = new WorldProbe();
        double tapeNotional;
        long tapeTrades;

        World(final SimulatedMarket.Context ctx)
        {
            market = new SimulatedMarket(ctx);
            scheduler = new EventScheduler(ctx.startTimeNs());
            market.marketTradeListener((venue, instrument, price, quantity, side, time) ->
            {
                tapeNotional += instrument.notional(price, quantity);
                tapeTrades++;
            });
            market.start(scheduler, probe, probe);
        }

        void runFor(final long durationNs)
        {
            final long end = scheduler.nowNs() + durationNs;
            while (scheduler.runNext(end))
            {
                // Events fire in time order.
            }
            scheduler.advanceTo(end);
        }

        void send(final Venue venue, final long id, final Side side, final OrderType type, final long price,
            final long quantity)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
            final int length = venue.orderEntryEncoder().encodeNew(buffer, 0, id, BTC, side, type, price, quantity);
            venue.onOrderMessage(buffer, 0, length);
        }
    }

    private static SimulatedMarket.Context btc(final long seed)
    {
        return new SimulatedMarket.Context().seed(seed).instruments(List.of(BTC));
    }

    /** A host that sends one IOC every 30 s to SIMB, alternating sides, to exercise the order path. */
    private static long runWithHost(final long seed, final long durationNs)
    {
        final World world = new World(btc(seed));
        final Venue simb = world.market.venues().get(1);
        for (int i = 1; i * 30 * SECOND < durationNs; i++)
        {
            final int n = i;
            world.scheduler.schedule(world.market.context().startTimeNs() + n * 30 * SECOND, now ->
            {
                final Side side = n % 2 == 0 ? Side.BUY : Side.SELL;
                final double mid = world.market.latentMid(BTC);
                final long limit = BTC.priceFromDouble(mid * (1 + side.sign() * 0.001) / 0.1) * 10;
                world.send(simb, n, side, OrderType.IOC, limit, 500_000);
            });
        }
        world.runFor(durationNs);
        assertTrue(world.probe.hostFills.size() > 0);
        return world.probe.hash;
    }

    @Test
    void sameSeedGivesIdenticalEventsDifferentSeedDiffers()
    {
        final long a = runWithHost(42, 10 * MINUTE);
        final long b = runWithHost(42, 10 * MINUTE);
        final long c = runWithHost(43, 10 * MINUTE);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void venuesAreCalibratedExchangesWithTheirFees()
    {
        final SimulatedMarket market = new SimulatedMarket(new SimulatedMarket.Context());
        final List<Venue> venues = market.venues();
        assertEquals(List.of("SIMA", "SIMB", "SIMC"), venues.stream().map(Venue::name).toList());
        assertEquals(List.of(1, 2, 3), venues.stream().map(Venue::id).toList());
        assertTrue(venues.stream().allMatch(v -> v.kind() == VenueKind.EXCHANGE));
        final VenueRules spot = venues.get(0).rules(BTC);
        assertEquals(new VenueRules(1, 10, 10, 5.0, 0.0008, 0.0010), spot);
        final VenueRules usdm = venues.get(1).rules(BTC);
        assertEquals(new VenueRules(10, 1_000, 1_000, 5.0, 0.0002, 0.0005), usdm);
        final VenueRules coinm = venues.get(2).rules(BTC);
        assertEquals(10, coinm.tickSize());
        assertEquals(1_000, coinm.lotSize(), "one 100 USD contract is ~0.0016 BTC: lot 0.001 BTC");
        assertEquals(0.0002, coinm.makerFeeRate());
        assertEquals(2 << 4 | 1, venues.get(1).marketDataChannel(BTC));
        assertEquals(3 << 4 | 2, venues.get(2).marketDataChannel(Instruments.ETH_USD));
    }

    @Test
    void contextRejectsBadConfiguration()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new SimulatedMarket.Context().venues(List.of("SIMX")).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new SimulatedMarket.Context().annualVolatility(-1).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new SimulatedMarket.Context().venues(List.of("SIMA", "SIMA")).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new SimulatedMarket.Context().fixedLatencyNs(1, 2).conclude());
    }

    @Test
    void worldLooksLikeTheRecordedMarkets()
    {
        final World world = new World(btc(7));
        world.runFor(10 * MINUTE);
        final WorldProbe probe = world.probe;
        assertEquals(0, probe.chainBreaks, "depth diffs chain per channel");
        assertEquals(0, probe.crossedTops, "published tops never cross");
        assertTrue(probe.depthDiffs > 3 * 5_000, "a diff nearly every 100 ms on each venue");

        final Calibration calibration = Calibration.loadDefault();
        double expectedPerHour = 0;
        for (final String m : List.of("spot_btcusdt", "usdm_btcusdt", "cm_btcusd_perp"))
        {
            expectedPerHour += calibration.market(m).notionalUsdPerHour();
        }
        final double perHour = world.tapeNotional * 6;
        assertEquals(expectedPerHour, perHour, expectedPerHour * 0.5, "traded notional per hour");

        // Resting depth within 10 bps of the latent mid on SIMB, against the calibrated profile.
        final SimulatedExchange simb = world.market.exchanges().get(1);
        final double mid = world.market.latentMid(BTC);
        final OrderBook book = simb.book(BTC);
        final long reference = BTC.priceFromDouble(mid);
        final long tenBps = BTC.priceFromDouble(mid * 1e-3);
        final double bidUsd = BTC.qtyToDouble(book.quantityWithin(Side.BUY, reference, tenBps)) * mid;
        final double target = calibration.market("usdm_btcusdt").depthWithinUsd(10);
        assertEquals(target, bidUsd, target * 0.6, "SIMB bid depth within 10 bps");

        // The touch tracks the latent mid.
        final double bookMid = BTC.priceToDouble(book.bestBid() + book.bestAsk()) / 2;
        assertEquals(mid, bookMid, mid * 2e-4);
    }

    @Test
    void hostOrdersFlowThroughWireWithLatencyAndFees()
    {
        final SimulatedMarket.Context ctx = btc(3).fixedLatencyNs(2_000_000, 1_000_000, 3_000_000);
        final World world = new World(ctx);
        world.runFor(5 * SECOND + 50_000_000);
        final SimulatedExchange sima = world.market.exchanges().get(0);
        final SimulatedExchange simb = world.market.exchanges().get(1);
        final long limit = sima.book(BTC).bestAsk() + BTC.priceFromDouble(world.market.latentMid(BTC) * 5e-4);
        world.send(sima, 77, Side.BUY, OrderType.IOC, limit, 200);
        world.send(simb, 78, Side.BUY, OrderType.LIMIT, simb.book(BTC).bestBid() + 3, 1_000);

        world.runFor(1_999_999);
        assertTrue(world.probe.reports.isEmpty(), "nothing back before the round trip: " + world.probe.reports);
        world.runFor(1);
        assertEquals(List.of("rejected 2 78 price is not a multiple of the tick size"), world.probe.reports);
        world.runFor(1_999_999);
        assertEquals(1, world.probe.reports.size(), "SIMA answers after 2 x 2 ms");
        world.runFor(1);
        assertEquals("accepted 1 77", world.probe.reports.get(1));
        final long[] fill = world.probe.hostFills.get(0);
        assertEquals(77, fill[1]);
        assertTrue(fill[2] <= limit);
        assertEquals(200, fill[3]);
        assertEquals(0, fill[4], "taker");
        assertEquals(BTC.notional(fill[2], 200) * 0.0010, Double.longBitsToDouble(fill[5]), 1e-12);
        assertEquals("done 1 77 released 0", world.probe.reports.get(3));
    }

    @Test
    void malformedBytesAndUnknownCancelsAreRejected()
    {
        final World world = new World(btc(5).fixedLatencyNs(1_000_000, 1_000_000, 1_000_000));
        world.runFor(SECOND);
        final Venue sima = world.market.venues().get(0);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final int length = sima.orderEntryEncoder().encodeNew(buffer, 0, 9, BTC, Side.BUY, OrderType.LIMIT, 100, 10);
        buffer.putByte(3, (byte)7);
        sima.onOrderMessage(buffer, 0, length);
        final int cancelLength = sima.orderEntryEncoder().encodeCancel(buffer, 0, 10, BTC, Side.SELL);
        sima.onOrderMessage(buffer, 0, cancelLength);
        world.runFor(SECOND);
        assertEquals(List.of(
            "rejected 1 9 malformed order-entry message: unknown side code 7",
            "rejected 1 10 cancel: unknown order"), world.probe.reports);
    }

    @Test
    void largeHostSweepEmptiesTheBookWhichRefillsOverSeconds()
    {
        final World world = new World(btc(11).fixedLatencyNs(1_000_000, 1_000_000, 1_000_000));
        world.runFor(10 * SECOND);
        final SimulatedExchange sima = world.market.exchanges().get(0);
        final OrderBook book = sima.book(BTC);
        final double mid = world.market.latentMid(BTC);
        final long reference = BTC.priceFromDouble(mid);
        final long fiveBps = BTC.priceFromDouble(mid * 5e-4);
        final long before = book.quantityWithin(Side.BUY, reference, fiveBps);
        final double impactBefore = world.market.impactModel().impact(BTC.id(), world.scheduler.nowNs());

        // Sell through 30 bps of bids at once.
        world.send(sima, 1, Side.SELL, OrderType.MARKET, BTC.priceFromDouble(mid * 0.997), 60_000_000);
        world.runFor(5_000_000);
        final double midAfter = world.market.latentMid(BTC);
        final long reference2 = BTC.priceFromDouble(midAfter);
        final long justAfter = book.quantityWithin(Side.BUY, reference2, fiveBps);
        assertTrue(justAfter < before / 3, "swept: " + justAfter + " vs " + before);

        world.runFor(300_000_000);
        final long after300ms = book.quantityWithin(Side.BUY, BTC.priceFromDouble(world.market.latentMid(BTC)),
            fiveBps);
        world.runFor(15 * SECOND);
        final long after15s = book.quantityWithin(Side.BUY, BTC.priceFromDouble(world.market.latentMid(BTC)), fiveBps);
        assertTrue(after300ms < before / 2, "not refilled instantly: " + after300ms + " vs " + before);
        assertTrue(after15s > before / 2, "refilled within seconds: " + after15s + " vs " + before);
        assertTrue(world.market.impactModel().impact(BTC.id(), world.scheduler.nowNs()) < impactBefore,
            "host selling pushed the latent price down");
    }

    /** A resting (maker) fill of the host is part of its metaorder: it moves the latent price as a taking fill does. */
    @Test
    void hostPassiveFillMovesTheLatentPrice()
    {
        final World world = new World(btc(31).fixedLatencyNs(1_000_000, 1_000_000, 1_000_000));
        world.runFor(10 * SECOND);
        final SimulatedExchange simb = world.market.exchanges().get(1);
        final double impactBefore = world.market.impactModel().impact(BTC.id(), world.scheduler.nowNs());
        // Post-only bids at the best bid, again whenever one fills or is refused, for a minute.
        for (int i = 0; i < 60; i++)
        {
            final long id = i + 1;
            world.scheduler.schedule(world.scheduler.nowNs() + i * SECOND, now ->
                world.send(simb, id, Side.BUY, OrderType.POST_ONLY, simb.book(BTC).bestBid(), 1_000_000));
        }
        world.runFor(61 * SECOND);
        long makerFilled = 0;
        for (final long[] fill : world.probe.hostFills)
        {
            assertEquals(1, fill[4], "only resting fills in this test");
            makerFilled += fill[3];
        }
        assertTrue(makerFilled > 0, "some resting bids filled");
        assertTrue(world.market.impactModel().impact(BTC.id(), world.scheduler.nowNs()) > impactBefore,
            "host buying passively pushed the latent price up");
    }

    /**
     * A host buying 100 BTC on SIMB at a constant rate over 30 minutes moves the latent price up
     * by about 2c sqrt(Q) (the square-root law) and the move decays after it stops.
     */
    @Test
    void hostMetaorderMovesTheLatentPriceLikeTheSquareRootLaw()
    {
        final World world = new World(btc(21));
        final SimulatedMarket market = world.market;
        final Venue simb = market.venues().get(1);
        final long start = market.context().startTimeNs();
        final int children = 180;
        final long childQuantity = 556_000;
        for (int i = 0; i < children; i++)
        {
            final long id = i + 1;
            world.scheduler.schedule(start + (i + 1) * 10 * SECOND, now ->
            {
                final long limit = (BTC.priceFromDouble(market.latentMid(BTC) * 1.002) / 10) * 10;
                world.send(simb, id, Side.BUY, OrderType.IOC, limit, childQuantity);
            });
        }
        final long end = start + (children + 1) * 10 * SECOND;
        world.runFor(end - start);
        long filled = 0;
        for (final long[] fill : world.probe.hostFills)
        {
            filled += fill[3];
        }
        assertTrue(filled > 0.95 * children * childQuantity, "filled " + filled);
        final double c = market.impactModel().coefficient(BTC.id());
        assertTrue(c > 0);
        final double theory = 2 * c * Math.sqrt(BTC.qtyToDouble(filled));
        final double atEnd = market.latentMid(BTC) / market.fundamentalMid(BTC) - 1;
        assertEquals(theory, atEnd, theory * 0.2, "impact at the end of the metaorder");
        world.runFor(30 * MINUTE);
        final double later = market.latentMid(BTC) / market.fundamentalMid(BTC) - 1;
        assertEquals(0.41, later / atEnd, 0.1, "decayed at 2T");
        // The books followed the latent price: SIMB's mid sits on it.
        final OrderBook book = market.exchanges().get(1).book(BTC);
        assertEquals(market.latentMid(BTC), BTC.priceToDouble(book.bestBid() + book.bestAsk()) / 2,
            market.latentMid(BTC) * 1e-4);
    }
}
