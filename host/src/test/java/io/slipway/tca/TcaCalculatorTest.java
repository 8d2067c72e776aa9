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
}
