package io.slipway.tca;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The venue breakdown by kind with each venue's markouts, and the dealer breakdown of requests for quote. */
class DealerBreakdownTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long SECOND = 1_000_000_000L;

    private static ExecutionRecord record()
    {
        final ExecutionRecord record = new ExecutionRecord("SLP-8", "c8", BTC, Side.SELL, BTC.qtyFromDouble(3), "TWAP",
            0, 0, 600 * SECOND, 100.0, new String[] {null, "SIMA", null, null, "DLR-A", "DLR-B", null, null});
        record.venueKinds(new String[] {null, "EXCHANGE", null, null, "DEALER", "DEALER", null, null});
        for (int s = 1; s <= 700; s++)
        {
            // After the dealer fill at 100 s the mid falls 0.01 a second, in a seller's favour.
            record.onMid(s * SECOND, s < 100 ? 100.0 : 100.0 - (s - 100) * 0.01);
        }
        record.onFill(10 * SECOND, 1, BTC.priceFromDouble(99.99), BTC.qtyFromDouble(1), 0.05, false, 0.01);
        record.onFill(100 * SECOND, 4, BTC.priceFromDouble(99.98), BTC.qtyFromDouble(2), 0.0, false, 0.01);
        record.onRfq(4);
        record.onRfq(5);
        record.onQuote(4, 3.0);
        record.onQuoteDeclined(5);
        record.onQuoteAccepted(4);
        record.onRfq(4);
        record.onRfq(5);
        record.onQuote(4, -1.0);
        record.onQuote(5, 1.0);
        record.complete(100 * SECOND, 100.0, "FILLED");
        return record;
    }

    @Test
    void dealersAndVenueMarkoutsAreBrokenDown()
    {
        final TcaReport report = TcaCalculator.analyse(record());
        assertEquals(2, report.venues().size());
        final VenueBreakdown dealer = report.venues().get(1);
        assertEquals("DLR-A", dealer.venue());
        assertEquals("DEALER", dealer.kind());
        assertEquals("EXCHANGE", report.venues().get(0).kind());
        // One minute after the dealer fill the mid is 99.40: the sale at 99.98 marks out (99.98 - 99.40) / 99.98.
        assertEquals((99.98 - 99.40) / 99.98 * 1e4, dealer.markouts().get(3).bps(), 1e-6);
        assertEquals(2, report.dealers().size());
        final DealerBreakdown a = report.dealers().get(0);
        assertEquals("DLR-A", a.dealer());
        assertEquals(2, a.rfqs());
        assertEquals(2, a.quotes());
        assertEquals(0, a.declines());
        assertEquals(1, a.accepted());
        assertEquals(1.0, a.meanImprovementBps(), 1e-12);
        assertEquals(1, a.fills());
        assertEquals(2.0, a.quantity(), 1e-12);
        assertEquals(dealer.markouts().get(3).bps(), a.markout1mBps(), 1e-12);
        final DealerBreakdown b = report.dealers().get(1);
        assertEquals(1, b.declines());
        assertEquals(0, b.fills());
        assertTrue(Double.isNaN(b.markout1mBps()));

        final String text = TcaFormat.text(report);
        assertTrue(text.contains("dealers (RFQ)") && text.contains("DLR-B"), text);
        final String html = TcaHtml.render(record(), report);
        assertTrue(html.contains("Dealers (requests for quote)") && html.contains("venue-markout"));
        assertFalse(html.contains("NaN"));
        final String json = TcaFormat.json(report);
        assertEquals(json, TcaFormat.json(TcaFormat.parse(json)));
    }

    @Test
    void reportsWrittenBeforeDealersReadBack()
    {
        final String json = TcaFormat.json(TcaCalculator.analyse(record()))
            .replaceAll(", \"markouts\": \\[[^\\]]*\\]", "")
            .replaceAll("\"kind\": \"[A-Z]+\", ", "")
            .replaceAll(",\\n  \"dealers\": \\[[\\s\\S]*\\n  \\]", "");
        assertFalse(json.contains("\"dealers\""), json);
        final TcaReport back = TcaFormat.parse(json);
        assertTrue(back.dealers().isEmpty());
        assertEquals("EXCHANGE", back.venues().get(1).kind());
        assertTrue(back.venues().get(1).markouts().isEmpty());
    }
}
