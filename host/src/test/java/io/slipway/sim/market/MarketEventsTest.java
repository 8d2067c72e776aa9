package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.scenario.ArbitrageSpec;
import io.slipway.sim.scenario.EventSpec;
import io.slipway.sim.scenario.JumpSpec;
import io.slipway.sim.scenario.RegimeSpec;
import io.slipway.venue.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketEventsTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private static SimulatedMarket.Context btc(final long seed, final EventSpec... events)
    {
        return new SimulatedMarket.Context().seed(seed).instruments(List.of(BTC)).events(List.of(events))
            .delayMarketData(false).fixedLatencyNs(MS, MS, MS);
    }

    private static long at(final SimWorld world, final double seconds)
    {
        return world.market.context().startTimeNs() + Math.round(seconds * 1e9);
    }

    private static void send(final Venue venue, final long id, final Side side, final OrderType type,
        final long price, final long quantity)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        venue.onOrderMessage(buffer, 0, venue.orderEntryEncoder().encodeNew(buffer, 0, id, BTC, side, type, price,
            quantity));
    }

    private static void cancel(final Venue venue, final long id, final Side side)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        venue.onOrderMessage(buffer, 0, venue.orderEntryEncoder().encodeCancel(buffer, 0, id, BTC, side));
    }

    private static double depth25(final SimWorld world, final SimulatedExchange venue)
    {
        return world.depthUsd(venue, BTC, Side.BUY, 25) + world.depthUsd(venue, BTC, Side.SELL, 25);
    }

    /**
     * A flush on SIMB leaves 20% of its depth and gaps the latent price by -50 bps; both come back
     * over the 60 s rebound (depth a few resilience times later), and SIMA's depth is untouched.
     */
    @Test
    void liquidityFlushDipsDepthAndPriceWhichRecover()
    {
        final double flushAt = 120;
        final SimWorld world = new SimWorld(btc(41, new EventSpec.LiquidityFlush(flushAt, "SIMB", null, 0.2, -50, 60)));
        final SimulatedExchange simb = world.exchange("SIMB");
        final SimulatedExchange sima = world.exchange("SIMA");
        world.runUntil(at(world, 60));
        double before = 0;
        double beforeA = 0;
        for (int i = 0; i < 59; i++)
        {
            world.runFor(SECOND);
            before += depth25(world, simb) / 59;
            beforeA += depth25(world, sima) / 59;
        }
        world.runUntil(at(world, flushAt) - 1);
        final double midBefore = world.market.latentMid(BTC);
        world.runFor(1 + 50 * MS);
        final double move = (world.market.latentMid(BTC) / midBefore - 1) * 1e4;
        final double dip = depth25(world, simb) / before;
        assertEquals(-50, move, 2.0, "price gap in bps");
        assertTrue(dip < 0.3, "depth right after the flush: " + dip);

        // Depth each second after the flush, relative to before.
        final double[] relative = new double[120];
        double relativeA = 0;
        double gapAtHalf = 0;
        for (int i = 0; i < relative.length; i++)
        {
            world.runUntil(at(world, flushAt + i + 1));
            relative[i] = depth25(world, simb) / before;
            relativeA += depth25(world, sima) / beforeA / relative.length;
            if (i + 1 == 30)
            {
                gapAtHalf = (world.market.latentMid(BTC) / world.market.fundamentalMid(BTC) - 1) * 1e4;
            }
        }
        final int half = firstAbove(relative, 0.5);
        final int ninety = firstAbove(relative, 0.9);
        System.out.printf("flush: price %.1f bps, depth right after %.2f, 50%% back after %d s, 90%% after %d s, "
            + "gap left at 30 s %.1f bps, SIMA depth %.2f%n", move, dip, half, ninety, gapAtHalf, relativeA);
        assertEquals(-25, gapAtHalf, 0.5, "half the gap left half way through the rebound");
        assertEquals(world.market.fundamentalMid(BTC), world.market.latentMid(BTC), 0.0, "gap gone after the rebound");
        assertTrue(half >= 15 && half <= 40, "half the depth back about half way: " + half + " s");
        assertTrue(ninety >= 40 && ninety <= 75, "nearly all back soon after the rebound: " + ninety + " s");
        assertEquals(1.0, relativeA, 0.15, "other venues keep their depth");
    }

    private static int firstAbove(final double[] x, final double level)
    {
        for (int i = 0; i < x.length; i++)
        {
            if (x[i] >= level)
            {
                return i + 1;
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * A bid spoofer 20x the touch size, 3 bps behind the touch and withdrawing within 1 bp: its
     * orders show in SIMA's depth diffs as outsized bid levels and vanish from them when withdrawn.
     */
    @Test
    void spoofOrdersShowInTheFeedAndAreWithdrawnAsPriceApproaches()
    {
        final FeedRecorder feed = new FeedRecorder(1 << 4 | BTC.id());
        final SimWorld world = new SimWorld(btc(42, new EventSpec.Spoofing(10, 600, "SIMA", null, Side.BUY, 20, 3, 1))
            .annualVolatility(1.0), new WorldProbe(), feed);
        final SpoofingAgent spoofer = world.market.events().spoofers().get(0);
        assertEquals(1 << 4 | BTC.id(), world.exchange("SIMA").marketDataChannel(BTC));
        world.runUntil(at(world, 11));
        final long size = spoofer.liveQuantity();
        assertTrue(size > 0, "posted at the start");
        world.runUntil(at(world, 620));

        // Outsized bid levels in the feed: appearances and removals.
        final Map<Long, Boolean> big = new HashMap<>();
        int appeared = 0;
        int removed = 0;
        for (final FeedRecorder.Diff diff : feed.diffs)
        {
            for (int i = 0; i < diff.bidPrices().length; i++)
            {
                final boolean isBig = diff.bidQtys()[i] >= 0.9 * size;
                final boolean wasBig = big.getOrDefault(diff.bidPrices()[i], false);
                if (isBig && !wasBig)
                {
                    appeared++;
                }
                else if (!isBig && wasBig)
                {
                    removed++;
                }
                big.put(diff.bidPrices()[i], isBig);
            }
        }
        final long cancelled = spoofer.withdrawals() + spoofer.repegs();
        System.out.printf("spoofing: size %d (x20 touch), %d posts, %d withdrawals (max distance %.2f bps), "
            + "%d re-pegs, %d fills; in the feed %d appearances, %d removals%n", size, spoofer.posts(),
            spoofer.withdrawals(), spoofer.maxWithdrawDistanceBps(), spoofer.repegs(), spoofer.fills(), appeared,
            removed);
        assertTrue(spoofer.withdrawals() >= 20, "price approached and the spoofer withdrew: " + spoofer.withdrawals());
        assertTrue(spoofer.maxWithdrawDistanceBps() <= 1.0, "withdrawn only within withdrawBps");
        assertTrue(appeared >= 0.9 * spoofer.posts(), "spoof orders appear in the diffs: " + appeared);
        assertTrue(removed >= 0.9 * cancelled, "and disappear when withdrawn: " + removed + " of " + cancelled);
        // A fast move can reach the order inside one 100 ms check; that stays rare.
        assertTrue(spoofer.fills() <= spoofer.posts() / 20, "spoofer seldom filled: " + spoofer.fills());
        assertEquals(0, spoofer.livePrice(), "nothing left resting after the event");
        assertEquals(0, world.probe.chainBreaks);
    }

    /**
     * 2,000 messages a second of far-away add-and-cancel on SIMA for 60 s: many more book updates and
     * diff levels in the feed, no trades, and afterwards SIMA's book is exactly the book of the same
     * world without the stuffing.
     */
    @Test
    void quoteStuffingFloodsTheFeedButLeavesTheBookAsItWas()
    {
        final int channel = 1 << 4 | BTC.id();
        final FeedRecorder stuffedFeed = new FeedRecorder(channel);
        final FeedRecorder plainFeed = new FeedRecorder(channel);
        final SimWorld stuffed = new SimWorld(btc(43, new EventSpec.QuoteStuffing(60, 60, "SIMA", "BTC-USD", 2_000)),
            new WorldProbe(), stuffedFeed);
        final SimWorld plain = new SimWorld(btc(43), new WorldProbe(), plainFeed);
        stuffed.runUntil(at(stuffed, 90));
        final QuoteStuffer stuffer = stuffed.market.events().stuffers().get(0);
        assertTrue(stuffer.live() > 0, "stuff resting mid-event");
        stuffed.runUntil(at(stuffed, 125));
        plain.runUntil(at(plain, 125));

        final long from = at(stuffed, 60);
        final long to = at(stuffed, 120);
        final long updatesStuffed = stuffedFeed.between(from, to).stream()
            .mapToLong(d -> d.lastUpdateId() - d.firstUpdateId() + 1).sum();
        final long updatesPlain = plainFeed.between(from, to).stream()
            .mapToLong(d -> d.lastUpdateId() - d.firstUpdateId() + 1).sum();
        final long levelsStuffed = stuffedFeed.between(from, to).stream().mapToLong(FeedRecorder.Diff::levels).sum();
        final long levelsPlain = plainFeed.between(from, to).stream().mapToLong(FeedRecorder.Diff::levels).sum();
        System.out.printf("stuffing: %d adds, %d cancels; book updates/s %.0f vs %.0f, diff levels/s %.0f vs %.0f%n",
            stuffer.adds(), stuffer.cancels(), updatesStuffed / 60.0, updatesPlain / 60.0, levelsStuffed / 60.0,
            levelsPlain / 60.0);
        assertEquals(120_000, stuffer.adds() + stuffer.cancels(), 2_000, "messages at the configured rate");
        assertEquals(stuffer.adds(), stuffer.cancels(), "every add cancelled");
        assertTrue(updatesStuffed - updatesPlain >= 0.95 * (stuffer.adds() + stuffer.cancels()),
            "every stuffing message is a book update in the feed");
        assertTrue(levelsStuffed > 3 * levelsPlain, "diffs carry many more levels");
        assertEquals(0, stuffer.fills(), "stuffing never trades");
        assertEquals(0, stuffer.live());
        for (int v = 0; v < 3; v++)
        {
            final OrderBook a = stuffed.market.exchanges().get(v).book(BTC);
            final OrderBook b = plain.market.exchanges().get(v).book(BTC);
            assertTrue(sameBook(a, b), "venue " + (v + 1) + " book as without stuffing");
        }
        assertTrue(stuffedFeed.matches(stuffed.exchange("SIMA").book(BTC)), "the feed still rebuilds the book");
        assertEquals(0, stuffed.probe.chainBreaks);
    }

    private static boolean sameBook(final OrderBook a, final OrderBook b)
    {
        for (final Side side : Side.values())
        {
            if (a.levelCount(side) != b.levelCount(side))
            {
                return false;
            }
            for (int n = 0; n < a.levelCount(side); n++)
            {
                final long price = a.levelPrice(side, n);
                if (price != b.levelPrice(side, n) || a.quantityAt(side, price) != b.quantityAt(side, price))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /** SIMB down from 60 s to 90 s: orders refused, no market data, resting orders kept; then normal. */
    @Test
    void venueOutageRefusesOrdersAndSilencesTheFeedButKeepsRestingOrders()
    {
        final int channel = 2 << 4 | BTC.id();
        final FeedRecorder feed = new FeedRecorder(channel);
        final SimWorld world = new SimWorld(btc(44, new EventSpec.VenueOutage(60, 30, "SIMB")), new WorldProbe(), feed);
        final SimulatedExchange simb = world.exchange("SIMB");
        world.runUntil(at(world, 30));
        final long restingPrice = (simb.book(BTC).bestBid() * 99 / 100) / 10 * 10;
        send(simb, 1, Side.BUY, OrderType.LIMIT, restingPrice, 1_000);
        world.runUntil(at(world, 61));
        final long bid = simb.book(BTC).bestBid();
        final long updateId = simb.book(BTC).updateId();
        send(simb, 2, Side.BUY, OrderType.LIMIT, restingPrice, 1_000);
        cancel(simb, 1, Side.BUY);
        world.runUntil(at(world, 89));
        assertEquals(List.of("accepted 2 1", "rejected 2 2 venue outage", "rejected 2 1 cancel: venue outage"),
            world.probe.reports);
        assertEquals(bid, simb.book(BTC).bestBid(), "nothing trades during the outage");
        assertEquals(updateId, simb.book(BTC).updateId(), "the book does not change");
        assertEquals(1_000, simb.book(BTC).quantityAt(Side.BUY, restingPrice), "the resting order stays");
        assertEquals(0, feed.messagesBetween(at(world, 60), at(world, 90)), "no market data");
        assertTrue(feed.messagesBetween(at(world, 50), at(world, 60)) > 50, "data before");

        world.runUntil(at(world, 95));
        assertTrue(feed.messagesBetween(at(world, 90), at(world, 95)) > 20, "data after");
        cancel(simb, 1, Side.BUY);
        send(simb, 3, Side.BUY, OrderType.LIMIT, restingPrice, 1_000);
        world.runUntil(at(world, 96));
        assertEquals(List.of("done 2 1 released 1000", "accepted 2 3"),
            world.probe.reports.subList(3, world.probe.reports.size()), "normal service after the outage");
        assertEquals(0, world.probe.chainBreaks, "the feed chains across the outage");
    }

    /**
     * SIMC's feed stops from 60 s to 80 s while it keeps trading; the first diff afterwards chains
     * by update id and carries everything that changed, so the rebuilt book equals the venue's.
     */
    @Test
    void staleFeedStopsPublicationWhileTradingGoesOnAndResumesOnTheChain()
    {
        final int channel = 3 << 4 | BTC.id();
        final FeedRecorder feed = new FeedRecorder(channel);
        final SimWorld world = new SimWorld(btc(45, new EventSpec.StaleFeed(60, 20, "SIMC")), new WorldProbe(), feed);
        final long[] tradesDuring = new long[1];
        world.market.marketTradeListener((venue, instrument, price, quantity, side, time) ->
        {
            if (venue == 3 && time >= at(world, 60) && time < at(world, 80))
            {
                tradesDuring[0]++;
            }
        });
        world.runUntil(at(world, 59.95));
        final long lastIdBefore = feed.diffs.get(feed.diffs.size() - 1).lastUpdateId();
        world.runUntil(at(world, 80.05));
        assertEquals(0, feed.messagesBetween(at(world, 60), at(world, 80)), "silent for 20 s");
        assertTrue(tradesDuring[0] > 10, "SIMC kept trading: " + tradesDuring[0]);
        final List<FeedRecorder.Diff> after = feed.between(at(world, 80), at(world, 81));
        assertFalse(after.isEmpty());
        // The catch-up may be split over several messages of one publication, chained among themselves.
        final FeedRecorder.Diff first = after.get(0);
        final List<FeedRecorder.Diff> catchUp = after.stream()
            .filter(d -> d.eventTimeUs() == first.eventTimeUs()).toList();
        final long lastId = catchUp.get(catchUp.size() - 1).lastUpdateId();
        final int levels = catchUp.stream().mapToInt(FeedRecorder.Diff::levels).sum();
        System.out.printf("stale feed: %d SIMC trades unpublished; catch-up of %d messages covers updates %d..%d "
            + "(%d levels)%n", tradesDuring[0], catchUp.size(), first.firstUpdateId(), lastId, levels);
        assertEquals(lastIdBefore + 1, first.firstUpdateId(), "chains on the last diff before the pause");
        assertTrue(lastId - first.firstUpdateId() > 100, "covers the whole pause");
        assertTrue(feed.matches(world.exchange("SIMC").book(BTC)), "rebuilt book equals the venue's");
        assertEquals(0, world.probe.chainBreaks);
    }

    @Test
    void sameSeedSameWorldWithEverythingOn()
    {
        final long a = everything(46);
        assertEquals(a, everything(46));
        assertNotEquals(a, everything(47));
    }

    private static long everything(final long seed)
    {
        final SimulatedMarket.Context ctx = new SimulatedMarket.Context().seed(seed)
            .regimes(new RegimeSpec(0.4, 1.2, 0.05, 0.02))
            .jumps(new JumpSpec(2_000, 0, 20))
            .arbitrage(new ArbitrageSpec(3, 10))
            .depthMultiplier(0.7)
            .events(List.of(
                new EventSpec.LiquidityFlush(20, null, null, 0.3, -30, 30),
                new EventSpec.Spoofing(10, 200, "SIMB", "ETH-USD", Side.SELL, 10, 4, 1),
                new EventSpec.QuoteStuffing(30, 30, "SIMC", null, 500),
                new EventSpec.VenueOutage(100, 20, "SIMA"),
                new EventSpec.StaleFeed(150, 20, "SIMB")));
        final SimWorld world = new SimWorld(ctx);
        world.runFor(240 * SECOND);
        assertEquals(0, world.probe.chainBreaks);
        assertEquals(0, world.probe.crossedTops);
        return world.probe.hash;
    }

    @Test
    void unknownVenueOrInstrumentInAnEventIsRefusedNamingTheField()
    {
        final IllegalArgumentException venue = assertThrows(IllegalArgumentException.class,
            () -> new SimulatedMarket.Context().events(List.of(new EventSpec.VenueOutage(1, 1, "SIMX"))).conclude());
        assertTrue(venue.getMessage().startsWith("events[0].venue"), venue.getMessage());
        final IllegalArgumentException notHere = assertThrows(IllegalArgumentException.class,
            () -> new SimulatedMarket.Context().venues(List.of("SIMA", "SIMB")).events(List.of(
                new EventSpec.StaleFeed(1, 1, "SIMA"), new EventSpec.StaleFeed(1, 1, "SIMC"))).conclude());
        assertTrue(notHere.getMessage().startsWith("events[1].venue"), notHere.getMessage());
        final IllegalArgumentException instrument = assertThrows(IllegalArgumentException.class,
            () -> new SimulatedMarket.Context().events(List.of(
                new EventSpec.LiquidityFlush(1, null, "DOGE-USD", 0.5, 0, 1))).conclude());
        assertTrue(instrument.getMessage().startsWith("events[0].instrument"), instrument.getMessage());
        final List<EventSpec> fine = new ArrayList<>();
        fine.add(new EventSpec.LiquidityFlush(1, null, "ETH-USD", 0.5, 0, 1));
        new SimulatedMarket.Context().events(fine).conclude();
    }
}
