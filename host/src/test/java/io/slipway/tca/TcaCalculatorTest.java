package io.slipway.tca;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcaCalculatorTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final String[] VENUES = {null, "SIMA", "SIMB", "SIMC", null, null, null, null};

    private static ExecutionRecord sell(final double qty)
    {
        return new ExecutionRecord("SLP-1", "c1", BTC, Side.SELL, BTC.qtyFromDouble(qty), "TWAP", 0, 0, 100, 100.0,
            VENUES);
    }

    @Test
    void sellShortfallDecomposesIntoPriceFeesAndOpportunity()
    {
        final ExecutionRecord record = sell(10);
        // 6 sold at 99, 2 at 98: arrival 100
        record.onFill(10, 1, BTC.priceFromDouble(99), BTC.qtyFromDouble(6), 0.6, false);
        record.onFill(20, 2, BTC.priceFromDouble(98), BTC.qtyFromDouble(2), 0.2, true);
        record.onMarketTrade(BTC.priceFromDouble(99), BTC.qtyFromDouble(30));
        record.onMarketTrade(BTC.priceFromDouble(97), BTC.qtyFromDouble(10));
        record.complete(100, 95.0, "EXPIRED");

        final TcaReport r = TcaCalculator.analyse(record);
        final double paper = 10 * 100.0;
        assertEquals(8.0, r.filledQty(), 1e-12);
        assertEquals(0.8, r.completion(), 1e-12);
        assertEquals((6 * 99 + 2 * 98) / 8.0, r.averagePrice(), 1e-12);
        // price: sold 8 for 790 instead of 800 -> 10 USD
        assertEquals(10.0 / paper * 1e4, r.priceImpactBps(), 1e-9);
        assertEquals(0.8 / paper * 1e4, r.feesBps(), 1e-9);
        // opportunity: 2 unsold, mid fell 100 -> 95 -> 10 USD
        assertEquals(10.0 / paper * 1e4, r.opportunityBps(), 1e-9);
        assertEquals(r.priceImpactBps() + r.feesBps() + r.opportunityBps(), r.shortfallBps(), 1e-12);
        // interval VWAP (30 x 99 + 10 x 97) / 40 = 98.5; a sell at 98.75 beat it by 25.38 bps
        assertEquals(98.5, r.intervalVwap(), 1e-12);
        assertEquals(-(98.75 - 98.5) / 98.5 * 1e4, r.vwapSlippageBps(), 1e-9);
        assertEquals(8.0 / 40.0, r.participation(), 1e-12);
        assertEquals(2, r.venues().size());
        assertEquals("SIMA", r.venues().get(0).venue());
        assertEquals(0.75, r.venues().get(0).share(), 1e-12);
        assertEquals(99.0, r.venues().get(0).averagePrice(), 1e-12);
    }

    @Test
    void buySignsFlip()
    {
        final ExecutionRecord record = new ExecutionRecord("SLP-2", "c2", BTC, Side.BUY, BTC.qtyFromDouble(1), "TWAP",
            0, 0, 100, 100.0, VENUES);
        record.onFill(10, 3, BTC.priceFromDouble(101), BTC.qtyFromDouble(1), 0.0, false);
        record.complete(100, 103.0, "FILLED");
        final TcaReport r = TcaCalculator.analyse(record);
        assertEquals(100.0, r.priceImpactBps(), 1e-9, "bought 1% above arrival");
        assertEquals(0.0, r.opportunityBps(), 1e-12, "nothing unfilled");
        assertEquals(1.0, r.completion(), 1e-12);
    }

    @Test
    void jsonIsWellFormedAndHasNoNaN()
    {
        final ExecutionRecord record = sell(1);
        record.complete(50, 100.0, "EXPIRED");
        final TcaReport r = TcaCalculator.analyse(record);
        final String json = TcaFormat.json(r);
        assertTrue(json.contains("\"intervalVwap\": null"), "no market prints: VWAP is undefined, not NaN");
        assertTrue(json.contains("\"venues\": []"));
        assertTrue(!json.contains("NaN"));
        assertEquals(json.chars().filter(c -> c == '{').count(), json.chars().filter(c -> c == '}').count());
        assertTrue(TcaFormat.text(r).contains("completion       0.00%"));
    }

    @Test
    void jsonEscapesStrings()
    {
        assertEquals("\"a\\\"b\\\\c\\n\"", TcaFormat.quote("a\"b\\c\n"));
        assertEquals("1.5", TcaFormat.number(1.5));
        assertEquals("2.0", TcaFormat.number(2.0));
    }

    private static final long SECOND = 1_000_000_000L;

    @Test
    void priceCostSplitsIntoDelaySpreadAndImpactTimingThatSumToTheShortfall()
    {
        // Buy 10, arrival mid 100 at t=0, start at 10 s when the mid is 100.5.
        final ExecutionRecord record = new ExecutionRecord("SLP-3", "c3", BTC, Side.BUY, BTC.qtyFromDouble(10), "TWAP",
            0, 10 * SECOND, 600 * SECOND, 100.0, VENUES);
        record.onMid(10 * SECOND, 100.5);
        // taker: 4 at 101.0 with half-spread 0.25; maker: 4 at 100.75 with half-spread 0.5 (earned)
        record.onFill(20 * SECOND, 1, BTC.priceFromDouble(101.0), BTC.qtyFromDouble(4), 0.4, false, 0.25);
        record.onFill(40 * SECOND, 2, BTC.priceFromDouble(100.75), BTC.qtyFromDouble(4), 0.2, true, 0.5);
        record.complete(600 * SECOND, 102.0, "EXPIRED");

        final TcaReport r = TcaCalculator.analyse(record);
        final double paper = 10 * 100.0;
        assertEquals((4 * 1.0 + 4 * 0.75) / paper * 1e4, r.priceImpactBps(), 1e-9);
        assertEquals(8 * 0.5 / paper * 1e4, r.delayBps(), 1e-9);
        assertEquals((4 * 0.25 - 4 * 0.5) / paper * 1e4, r.spreadBps(), 1e-9);
        assertEquals(r.priceImpactBps(), r.delayBps() + r.spreadBps() + r.impactTimingBps(), 1e-9);
        assertEquals(r.shortfallBps(),
            r.delayBps() + r.spreadBps() + r.impactTimingBps() + r.opportunityBps() + r.feesBps(), 1e-9);
        assertEquals(2 * 2.0 / paper * 1e4, r.opportunityBps(), 1e-9);
    }

    @Test
    void markoutsAreQuantityWeightedSignedAndOnlyOverTheObservedPath()
    {
        final ExecutionRecord timed = new ExecutionRecord("SLP-4", "c4", BTC, Side.SELL, BTC.qtyFromDouble(4), "TWAP",
            0, 0, 600 * SECOND, 100.0, VENUES);
        timed.onMid(1 * SECOND, 99.0);
        timed.onFill(1 * SECOND, 1, BTC.priceFromDouble(99.0), BTC.qtyFromDouble(3), 0.0, false, 0.1);
        timed.onMid(2 * SECOND, 98.0);
        timed.onMid(3 * SECOND, 97.0);
        timed.onFill(3 * SECOND, 2, BTC.priceFromDouble(97.0), BTC.qtyFromDouble(1), 0.0, false, 0.1);
        // 0.5 s later is not a new sample: under the one-second interval
        timed.onMid(3 * SECOND + SECOND / 2, 50.0);
        timed.onMid(4 * SECOND, 98.0);
        timed.onMid(8 * SECOND, 99.0);
        timed.complete(40 * SECOND, 96.0, "FILLED");
        assertEquals(7, timed.midCount());

        final TcaReport r = TcaCalculator.analyse(timed);
        // 1 s: fill 1 -> mid 98 at 2 s, sell: -(98 - 99)/99 = +101.01 bps; fill 2 -> mid 98 at 4 s: -(98-97)/97
        final double first = -(98.0 - 99.0) / 99.0 * 1e4;
        final double second = -(98.0 - 97.0) / 97.0 * 1e4;
        assertEquals("1s", r.markouts().get(0).label());
        assertEquals((3 * first + second) / 4, r.markouts().get(0).bps(), 1e-9);
        assertEquals(1.0, r.markouts().get(0).coveredShare(), 1e-12);
        // 30 s: fill 1 at 31 s -> mid 99 (step from 8 s); fill 2 at 33 s -> 99
        assertEquals((3 * 0.0 + 1 * (-(99.0 - 97.0) / 97.0 * 1e4)) / 4, r.markouts().get(2).bps(), 1e-9);
        // 1 m and 5 m reach past completion at 40 s: nothing observed
        assertTrue(Double.isNaN(r.markouts().get(3).bps()));
        assertEquals(0.0, r.markouts().get(4).coveredShare(), 1e-12);
    }

    @Test
    void participationIsBucketedByFiveMinutesAndPredictedCostGivesAZScore()
    {
        final ExecutionRecord record = sell(10);
        final long minute = 60 * SECOND;
        record.onMarketTrade(minute, BTC.priceFromDouble(100), BTC.qtyFromDouble(20));
        record.onMarketTrade(6 * minute, BTC.priceFromDouble(100), BTC.qtyFromDouble(40));
        record.onFill(2 * minute, 1, BTC.priceFromDouble(99), BTC.qtyFromDouble(5), 0.0, false, 0.5);
        record.onFill(7 * minute, 1, BTC.priceFromDouble(99), BTC.qtyFromDouble(4), 0.0, false, 0.5);
        record.complete(10 * minute, 99.0, "EXPIRED");

        final TcaReport r = TcaCalculator.analyse(record, new PredictedCost(50.0, 20.0, "test"));
        assertEquals(2, r.participationBuckets().size());
        assertEquals(5.0 / 20.0, r.participationBuckets().get(0).rate(), 1e-12);
        assertEquals(4.0 / 40.0, r.participationBuckets().get(1).rate(), 1e-12);
        assertEquals((r.shortfallBps() - r.feesBps() - 50.0) / 20.0, r.costZScore(), 1e-12);
        assertTrue(Double.isNaN(TcaCalculator.analyse(record).costZScore()));
    }
}
