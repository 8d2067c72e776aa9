package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.scenario.AmmSpec;
import io.slipway.venue.Venue;
import io.slipway.venue.VenueKind;
import io.slipway.venue.VenueRules;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AmmPoolTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = SimulatedMarket.DEFAULT_START_NS;
    private static final double FEE = 0.003;
    private static final VenueRules RULES = new VenueRules(1, 10, 10, 5.0, 0.0, FEE);

    private static AmmSpec spec(final double gasUsd)
    {
        return new AmmSpec("POOL", "BTC-USD", 100, FEE, gasUsd, 12_000);
    }

    /** A pool alone on a scheduler, seeded at 60,000 USD: B = 100 BTC, Q = 6,000,000 USD. */
    private static final class Bench
    {
        final EventScheduler scheduler = new EventScheduler(T0);
        final WorldProbe probe = new WorldProbe();
        final List<long[]> tops = new ArrayList<>();
        final AmmPool pool;

        Bench(final double gasUsd)
        {
            pool = new AmmPool(4, spec(gasUsd), BTC, RULES, MS, 60_000.0);
            pool.start(scheduler, this::onMarketData, probe, null, T0);
        }

        private void onMarketData(final int channel, final DirectBuffer buffer, final int offset, final int length)
        {
            probe.onSbeMessage(channel, buffer, offset, length);
            final int root = offset + 8;
            tops.add(new long[]{channel, scheduler.nowNs(), buffer.getLong(root + 18, ByteOrder.LITTLE_ENDIAN),
                buffer.getLong(root + 26, ByteOrder.LITTLE_ENDIAN), buffer.getLong(root + 34, ByteOrder.LITTLE_ENDIAN),
                buffer.getLong(root + 42, ByteOrder.LITTLE_ENDIAN)});
        }

        void send(final long id, final Side side, final OrderType type, final long price, final long quantity)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
            final int length = pool.orderEntryEncoder().encodeNew(buffer, 0, id, BTC, side, type, price, quantity);
            pool.onOrderMessage(buffer, 0, length);
        }

        void runUntil(final long timeNs)
        {
            while (scheduler.runNext(timeNs))
            {
                // in time order
            }
            scheduler.advanceTo(timeNs);
        }
    }

    @Test
    void constantProductArithmeticOnAWorkedExample()
    {
        // B = 100, Q = 6,000,000, f = 0.3%. Buying 1 BTC costs 6e6 x 1 / (99 x 0.997) = 60,788.4259 USD;
        // selling 1 BTC pays 6e6 x 0.997 / 100.997 = 59,229.4821 USD.
        assertEquals(60_788.425884, AmmPool.quoteInForBaseOut(100, 6e6, 1, FEE), 1e-6);
        assertEquals(59_229.482064, AmmPool.quoteOutForBaseIn(100, 6e6, 1, FEE), 1e-6);
        assertEquals(60_606.060606, AmmPool.quoteInForBaseOut(100, 6e6, 1, 0), 1e-6, "no fee: Q b / (B - b)");
        assertThrows(IllegalArgumentException.class, () -> AmmPool.quoteInForBaseOut(100, 6e6, 100, FEE));

        final AmmPool pool = new AmmPool(4, spec(5), BTC, RULES, MS, 60_000.0);
        assertEquals(6e6, pool.quoteReserve(), 1e-9);
        assertEquals(60_000.0, pool.price(), 1e-9, "seeded at the mid");
        final AmmPool.SwapResult buy = pool.buyBase(1);
        assertEquals(60_788.425884, buy.quoteQuantity(), 1e-6);
        assertEquals(60_606.060606, buy.executionPrice(), 1e-6, "before the fee: Q / (B - b)");
        assertEquals(182.365278, buy.poolFeeQuote(), 1e-6, "0.3% of the input");
        assertEquals(99, pool.baseReserve(), 1e-12);
        assertEquals(6_060_788.425884, pool.quoteReserve(), 1e-6);
        assertTrue(pool.baseReserve() * pool.quoteReserve() > 6e8, "the fee stays in the pool: k grows");
        assertEquals(buy.executionPrice() * 1 + buy.poolFeeQuote(), buy.quoteQuantity(), 1e-6,
            "price x quantity + fee = paid");

        final AmmPool fresh = new AmmPool(4, spec(5), BTC, RULES, MS, 60_000.0);
        final AmmPool.SwapResult sell = fresh.sellBase(1);
        assertEquals(59_229.482064, sell.quoteQuantity(), 1e-6);
        assertEquals(sell.executionPrice() * 1 - sell.poolFeeQuote(), sell.quoteQuantity(), 1e-6,
            "price x quantity - fee = received");
        assertEquals(101, fresh.baseReserve(), 1e-12);
    }

    @Test
    void swapsSettleAtTheNextBlockInArrivalOrderWithFeeAndGas()
    {
        final Bench bench = new Bench(5.0);
        bench.runUntil(T0 + SECOND);
        bench.send(1, Side.BUY, OrderType.IOC, BTC.priceFromDouble(61_000), BTC.qtyFromDouble(1));
        bench.runUntil(T0 + 3 * SECOND);
        bench.send(2, Side.SELL, OrderType.MARKET, BTC.priceFromDouble(50_000), BTC.qtyFromDouble(1));
        bench.runUntil(T0 + 12 * SECOND - 1);
        assertEquals(60_000.0, bench.pool.price(), 1e-9, "nothing settles before the block");
        bench.runUntil(T0 + 12 * SECOND + MS - 1);
        assertTrue(bench.probe.reports.isEmpty(), "reports take the venue latency: " + bench.probe.reports);
        bench.runUntil(T0 + 12 * SECOND + MS);
        assertEquals(List.of(
            "accepted 4 1", "fill 4 1 1000000@6060607 taker", "done 4 1 released 0",
            "accepted 4 2", "fill 4 2 1000000@" + (long)Math.floor(6_060_788.425884 / 99.997 * 100) + " taker",
            "done 4 2 released 0"), bench.probe.reports);
        assertEquals(182.365278 + 5.0, Double.longBitsToDouble(bench.probe.hostFills.get(0)[5]), 1e-6,
            "pool fee plus gas");
        final double sold = 6_060_788.425884 * 0.997 / (99 + 0.997);
        assertEquals(sold * FEE / (1 - FEE) + 5.0, Double.longBitsToDouble(bench.probe.hostFills.get(1)[5]), 1e-6);
        assertEquals(100, bench.pool.baseReserve(), 1e-9, "second swap settled after the first");
        assertEquals(6_060_788.425884 - sold, bench.pool.quoteReserve(), 1e-6);
        assertEquals(2, bench.pool.swaps());

        // A swap arriving right after a block waits a whole block.
        bench.send(3, Side.BUY, OrderType.IOC, BTC.priceFromDouble(70_000), BTC.qtyFromDouble(0.5));
        bench.runUntil(T0 + 24 * SECOND);
        assertEquals(6, bench.probe.reports.size());
        bench.runUntil(T0 + 24 * SECOND + MS);
        assertEquals("accepted 4 3", bench.probe.reports.get(6));
    }

    @Test
    void protectionPriceViolatedAtSettlementRevertsTheSwap()
    {
        final Bench bench = new Bench(5.0);
        // 1 BTC executes at 60,606.07; a limit of 60,606.06 is one cent short.
        bench.send(1, Side.BUY, OrderType.IOC, 6_060_606, BTC.qtyFromDouble(1));
        bench.send(2, Side.SELL, OrderType.MARKET, BTC.priceFromDouble(60_000), BTC.qtyFromDouble(1));
        bench.send(3, Side.BUY, OrderType.LIMIT, BTC.priceFromDouble(61_000), BTC.qtyFromDouble(1));
        bench.send(4, Side.BUY, OrderType.IOC, BTC.priceFromDouble(61_000), 15);
        bench.runUntil(T0 + 13 * SECOND);
        assertEquals(List.of(
            "rejected 4 3 pool swaps are IOC or MARKET with a protection price",
            "rejected 4 4 quantity is not a multiple of the lot size",
            "rejected 4 1 protection price violated: would buy at 60606.07",
            "rejected 4 2 protection price violated: would sell at 59407.70"), bench.probe.reports);
        assertEquals(100, bench.pool.baseReserve(), 0.0, "nothing moved");
        assertEquals(6e6, bench.pool.quoteReserve(), 0.0);
    }

    @Test
    void publishesTheMarginalPricesAfterBlocksThatMovedIt()
    {
        final Bench bench = new Bench(5.0);
        bench.runUntil(T0 + 25 * SECOND);
        assertEquals(1, bench.tops.size(), "first block publishes; an unchanged block does not");
        final long[] top = bench.tops.get(0);
        assertEquals(4 << 4 | 1, top[0]);
        assertEquals(T0 + 12 * SECOND, top[1]);
        assertEquals(BTC.priceFromDouble(60_000 * (1 - FEE)), top[2], "bid P (1 - f)");
        assertEquals((long)Math.ceil(60_000 / (1 - FEE) * 100), top[4], "ask P / (1 - f)");
        // 10 bps of price: buy B (1 - 1 / sqrt(1.001)), sell B (sqrt(1.001) - 1) / (1 - f).
        assertEquals(RULES.roundDownToLot(BTC.qtyFromDouble(100 * (1 - 1 / Math.sqrt(1.001)))), top[5]);
        assertEquals(RULES.roundDownToLot(BTC.qtyFromDouble(100 * (Math.sqrt(1.001) - 1) / (1 - FEE))), top[3]);
        final AmmPool probe = new AmmPool(4, spec(0), BTC, RULES, MS, 60_000.0);
        probe.buyBase(BTC.qtyToDouble(top[5]));
        assertEquals(10.0, (probe.price() / 60_000 - 1) * 1e4, 0.05, "that size moves the price 10 bps");

        bench.send(1, Side.BUY, OrderType.IOC, BTC.priceFromDouble(70_000), BTC.qtyFromDouble(2));
        bench.runUntil(T0 + 37 * SECOND);
        assertEquals(2, bench.tops.size());
        assertTrue(bench.tops.get(1)[2] > top[2] && bench.tops.get(1)[4] > top[4]);
    }

    @Test
    void arbitrageurTradesToTheEdgeOfTheFeeBandWhenItPays()
    {
        final AmmArbitrageur arbitrageur = new AmmArbitrageur(null);
        final AmmPool cheap = new AmmPool(4, spec(5), BTC, RULES, MS, 60_000.0);
        final double profit = arbitrageur.arbitrage(cheap, 61_000);
        assertTrue(profit > 0);
        assertEquals(61_000 * (1 - FEE), cheap.price(), 1e-6, "buys until the marginal cost is the lit mid");
        assertEquals(0.0, arbitrageur.arbitrage(cheap, 61_000), "nothing left to take");

        final AmmPool rich = new AmmPool(4, spec(5), BTC, RULES, MS, 60_000.0);
        assertTrue(arbitrageur.arbitrage(rich, 59_000) > 0);
        assertEquals(59_000 / (1 - FEE), rich.price(), 1e-6, "sells until the marginal proceeds are the lit mid");
        assertEquals(2, arbitrageur.trades());

        final AmmPool inBand = new AmmPool(4, spec(5), BTC, RULES, MS, 60_000.0);
        assertEquals(0.0, arbitrageur.arbitrage(inBand, 60_100), "a 17 bps gap is inside the 30 bps fee");
        final AmmPool dearGas = new AmmPool(4, spec(2_000), BTC, RULES, MS, 60_000.0);
        assertEquals(0.0, arbitrageur.arbitrage(dearGas, 60_300), "a gap worth less than the gas is left");
        assertEquals(60_000.0, dearGas.price(), 0.0);
        assertTrue(arbitrageur.arbitrage(dearGas, 63_000) > 0, "a wide one still pays");
    }

    private static SimulatedMarket.Context world(final long seed)
    {
        return new SimulatedMarket.Context().seed(seed).instruments(List.of(BTC)).latencyRangeNs(MS, 3 * MS)
            .amms(List.of(new AmmSpec("UNIP", "BTC-USD", 300, FEE, 5.0, 12_000)));
    }

    @Test
    void poolIsAVenueAfterTheExchangesAndTheContextChecksIt()
    {
        final SimulatedMarket market = new SimulatedMarket(world(1));
        final Venue pool = market.venues().get(3);
        assertEquals("UNIP", pool.name());
        assertEquals(4, pool.id());
        assertEquals(VenueKind.AMM, pool.kind());
        assertEquals(FEE, pool.rules(BTC).takerFeeRate());
        assertEquals(market.venues().get(0).rules(BTC).tickSize(), pool.rules(BTC).tickSize());
        assertEquals(null, pool.rules(Instruments.ETH_USD));
        assertEquals(market.latentMid(BTC), market.ammPools().get(0).price(), 1e-9);

        final IllegalArgumentException fee = assertThrows(IllegalArgumentException.class, () -> new SimulatedMarket
            .Context().amms(List.of(new AmmSpec("P", "BTC-USD", 1, 0.05, 0, 1))).conclude());
        assertTrue(fee.getMessage().startsWith("amms:"), fee.getMessage());
        final IllegalArgumentException instrument = assertThrows(IllegalArgumentException.class, () -> new SimulatedMarket
            .Context().instruments(List.of(BTC)).amms(List.of(new AmmSpec("P", "ETH-USD", 1, 0.003, 0, 1))).conclude());
        assertTrue(instrument.getMessage().contains("not simulated"), instrument.getMessage());
    }

    /**
     * Pool against lit mid every second for 20 minutes, with a 5 BTC host buy at 5 min (its 30 s left out of
     * the figures: mean and max gap in bps, arbitrages); returns a hash of everything the host saw.
     */
    private static long runPool(final long seed, final double annualVolatility, final double[] figures)
    {
        final OffBookWorld world = new OffBookWorld(world(seed).annualVolatility(annualVolatility));
        final AmmPool pool = world.market.ammPools().get(0);
        double sum = 0;
        double max = 0;
        int samples = 0;
        for (int s = 1; s <= 20 * 60; s++)
        {
            if (s == 5 * 60)
            {
                world.send(pool, BTC, 1, Side.BUY, OrderType.IOC, BTC.priceFromDouble(pool.price() * 1.1),
                    BTC.qtyFromDouble(5));
            }
            world.runFor(SECOND);
            final double gapBps = Math.abs(pool.price() / world.market.litMid(BTC) - 1) * 1e4;
            if (s < 5 * 60 || s > 5 * 60 + 30)
            {
                sum += gapBps;
                max = Math.max(max, gapBps);
                samples++;
            }
        }
        figures[0] = sum / samples;
        figures[1] = max;
        figures[2] = world.market.ammArbitrageurs().get(0).trades();
        assertEquals(0, world.probe.crossedTops);
        long hash = world.probe.hash;
        for (final String report : world.probe.reports)
        {
            hash = hash * 31 + report.hashCode();
        }
        hash = hash * 31 + Double.hashCode(pool.quoteReserve());
        return hash;
    }

    @Test
    void arbitrageKeepsThePoolOnTheLitMarketAndPullsItBackAfterASwap()
    {
        final OffBookWorld world = new OffBookWorld(world(3));
        final AmmPool pool = world.market.ammPools().get(0);
        world.runFor(5 * 60 * SECOND);
        world.send(pool, BTC, 1, Side.BUY, OrderType.IOC, BTC.priceFromDouble(pool.price() * 1.1),
            BTC.qtyFromDouble(5));
        final long nextBlock = SimulatedMarket.DEFAULT_START_NS + 26 * 12 * SECOND;
        world.runUntil(nextBlock);
        final double pushedBps = (pool.price() / world.market.litMid(BTC) - 1) * 1e4;
        assertTrue(pushedBps > 250, "5 of 300 BTC lifts the pool about 3.4%: " + pushedBps);
        world.runUntil(nextBlock + 12 * SECOND);
        final double backBps = (pool.price() / world.market.litMid(BTC) - 1) * 1e4;
        assertTrue(backBps < 31 && backBps > -31, "one block later it is back inside the fee band: " + backBps);

        final double[] figures = new double[3];
        runPool(3, 1.5, figures);
        System.out.printf("pool tracking error vs lit mid: mean %.2f bps, max %.2f bps, %d arbitrages%n", figures[0],
            figures[1], (long)figures[2]);
        // No-arbitrage band: 30 bps of fee, widened by the gas (about 10 bps on this pool) and by a block's lit
        // drift (1.5 / yr over 12 s is about 9 bps a standard deviation).
        assertTrue(figures[0] < 30, "mean |pool / lit - 1| inside the fee band: " + figures[0]);
        assertTrue(figures[1] < 60, "worst outside the swap: " + figures[1]);
        assertTrue(figures[2] > 5, "the arbitrageur worked: " + figures[2]);
    }

    @Test
    void sameSeedSamePoolDifferentSeedDiffers()
    {
        final double[] figures = new double[3];
        assertEquals(runPool(8, 0.5, figures), runPool(8, 0.5, figures));
        assertNotEquals(runPool(8, 0.5, figures), runPool(9, 0.5, figures));
    }
}
