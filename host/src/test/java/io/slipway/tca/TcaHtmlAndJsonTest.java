package io.slipway.tca;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcaHtmlAndJsonTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final String[] VENUES = {null, "SIMA", "SIMB", "SIMC", null, null, null, null};
    private static final long SECOND = 1_000_000_000L;

    private static ExecutionRecord record()
    {
        final ExecutionRecord record = new ExecutionRecord("SLP-7", "c7", BTC, Side.BUY, BTC.qtyFromDouble(3), "TWAP",
            0, 0, 600 * SECOND, 100.0, VENUES);
        record.onScheduleTarget(0, BTC.qtyFromDouble(1));
        record.onScheduleTarget(300 * SECOND, BTC.qtyFromDouble(3));
        for (int s = 1; s <= 400; s++)
        {
            record.onMid(s * SECOND, 100.0 + s * 0.01);
        }
        record.onFill(5 * SECOND, 1, BTC.priceFromDouble(100.2), BTC.qtyFromDouble(1), 0.1, false, 0.1);
        record.onFill(305 * SECOND, 3, BTC.priceFromDouble(103.2), BTC.qtyFromDouble(1.5), 0.1, true, 0.1);
        record.onMarketTrade(10 * SECOND, BTC.priceFromDouble(100.1), BTC.qtyFromDouble(20));
        record.complete(400 * SECOND, 104.0, "EXPIRED");
        return record;
    }

    @Test
    void htmlHasTheFourChartsAndNoScript()
    {
        final ExecutionRecord record = record();
        final String html = TcaHtml.render(record, TcaCalculator.analyse(record, new PredictedCost(10, 5, "TWAP 10m")));
        for (final String id : new String[]{"price-chart", "fill-vs-schedule", "shortfall-waterfall", "markout-curve"})
        {
            assertTrue(html.contains("<svg id=\"" + id + "\""), id);
        }
        assertEquals(4, html.split("<svg ", -1).length - 1);
        assertEquals(2, html.split("<circle class=\"fill\"", -1).length - 1);
        assertFalse(html.toLowerCase().contains("<script"));
        assertFalse(html.contains("NaN"));
        assertTrue(html.contains("SIMA") && html.contains("SIMC"));
        assertEquals(html, TcaHtml.render(record, TcaCalculator.analyse(record, new PredictedCost(10, 5, "TWAP 10m"))));
    }

    @Test
    void jsonReadsBackToTheSameReport()
    {
        final ExecutionRecord record = record();
        final TcaReport report = TcaCalculator.analyse(record, new PredictedCost(10, 5, "TWAP 10m"));
        final String json = TcaFormat.json(report);
        final TcaReport back = TcaFormat.parse(json);
        assertEquals(json, TcaFormat.json(back));
        assertEquals(TcaFormat.text(report), TcaFormat.text(back));
        assertEquals(5, back.markouts().size());
        assertEquals(report.spreadBps(), back.spreadBps(), 1e-6);

        final TcaReport without = TcaFormat.parse(TcaFormat.json(TcaCalculator.analyse(record)));
        assertNull(without.predicted());
        assertTrue(Double.isNaN(without.costZScore()));

        // an estimate without an SD (immediate execution) has no z-score and prints no NaN
        final TcaReport noSd = TcaCalculator.analyse(record, new PredictedCost(3, Double.NaN, "immediate book walk"));
        assertTrue(Double.isNaN(noSd.costZScore()));
        assertFalse(TcaFormat.text(noSd).contains("NaN"), TcaFormat.text(noSd));
        assertFalse(TcaHtml.render(record, noSd).contains("NaN"));
        assertFalse(TcaFormat.json(noSd).contains("-0.0,"), "no negative zero in JSON");
    }

    @Test
    void readerIsStrict()
    {
        assertEquals(Map.of("a", List.of(1.0, "x")), JsonReader.parse("{\"a\": [1, \"x\"]}"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\": 1,}"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\": 1} x"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\": 1, \"a\": 2}"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[01]"));
        assertThrows(IllegalArgumentException.class, () -> TcaFormat.parse("{\"orderId\": \"x\"}"));
    }
}
