package io.slipway.sim.calibration;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's forms on fixed figures: checks, text, JSON values and the HTML's SVG charts. */
class CalibrationReportTest
{
    private static VenueStatistics venue(final String name, final double depthScale, final double tradeUsd,
        final double vol)
    {
        final double[] depth = new double[VenueStatistics.DISTANCES_BPS.length];
        for (int i = 0; i < depth.length; i++)
        {
            depth[i] = depthScale * VenueStatistics.DISTANCES_BPS[i];
        }
        return new VenueStatistics(name, "spot_btcusdt", "x", 600, 0.0016, 0.0016, 0.0016, depth, depth, tradeUsd,
            vol);
    }

    private static ImpactCurve.Result impact(final double exponent)
    {
        final double[] qv = {1e-5, 1e-4, 1e-3};
        final List<ImpactCurve.Point> points = new java.util.ArrayList<>();
        for (final double q : qv)
        {
            final double peak = 261.6 * Math.sqrt(q);
            points.add(new ImpactCurve.Point(q, q * 700_000, 2, 1, 100 * Math.pow(q, exponent), 0.1, 1, Double.NaN,
                new double[]{peak, 0.43 * peak, 0.27 * peak}, new double[]{peak, 0.43 * peak, 0.27 * peak}));
        }
        return new ImpactCurve.Result(new ImpactCurve.Settings(qv, new long[]{1, 2}, TimeUnit.MINUTES.toNanos(5),
            TimeUnit.SECONDS.toNanos(10)), 700_000, 0.02616, points, ImpactCurve.fit(points), 1.0, 0.7, 0.43, 0.27,
            0.43, 0.27, 1.5);
    }

    @Test
    void checksHoldDepthTradeRateSpreadAndImpactToTheirTolerances()
    {
        final CalibrationReport good = new CalibrationReport(1, 10, List.of(venue("SIMA", 1e5, 1.1e8, 0.9)),
            List.of(venue("SIMA", 1.2e5, 1.0e8, Double.NaN)), impact(0.5));
        assertTrue(good.allPassed(), good.text());
        // depths both sides, trade rate, median and p95 spread, four impact figures (no recorded volatility)
        assertEquals(3 * 2 + 3 + 4, good.checks().size());

        final CalibrationReport thin = new CalibrationReport(1, 10, List.of(venue("SIMA", 0.7e5, 1.1e8, 0.9)),
            List.of(venue("SIMA", 1e5, 1.0e8, Double.NaN)), impact(0.7));
        assertFalse(thin.allPassed());
        assertEquals(7, thin.checks().stream().filter(c -> !c.passed()).count(),
            "three depths 30% short on both sides and an exponent of 0.7: " + thin.text());
    }

    @Test
    void textJsonAndHtmlCarryTheFigures()
    {
        final CalibrationReport report = new CalibrationReport(7, 10, List.of(venue("SIMA", 1e5, 1.1e8, 0.9)),
            List.of(venue("SIMA", 1e5, 1.0e8, Double.NaN)), impact(0.5));
        final String text = report.text();
        assertTrue(text.contains("SIMA"), text);
        assertTrue(text.contains("0.90 / n/a"), "unavailable volatility says so: " + text);
        final String json = report.json();
        assertTrue(json.contains("\"oneSecondVolBps\": null"), json);
        assertTrue(json.contains("\"rawCostStdErrBps\": null"), json);
        assertTrue(json.contains("\"exponent\": 0.5"), json);
        assertFalse(json.contains("NaN"), json);
        final String html = report.html();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<svg id=\"impact-curve\""), "impact chart");
        assertTrue(html.contains("<svg id=\"depth-profile\""), "depth chart");
        assertTrue(html.contains("class=\"fit\""), "fit line");
        assertEquals(3, count(html, "<circle "), "one cost point per size");
        assertEquals(2, count(html, "<polyline "), "simulated and recorded depth");
        assertEquals(count(html, "<svg "), count(html, "</svg>"));
        assertFalse(html.contains("<script"), "no scripts");
    }

    private static int count(final String text, final String what)
    {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1))
        {
            n++;
        }
        return n;
    }

    @Test
    void oneSecondVolatilityIsHeldWithinAFactorWhenTheRecordingHasIt()
    {
        final CalibrationReport close = new CalibrationReport(1, 10, List.of(venue("SIMA", 1e5, 1.0e8, 0.9)),
            List.of(venue("SIMA", 1e5, 1.0e8, 1.2)), null);
        assertTrue(close.allPassed(), close.text());
        assertTrue(close.checks().stream().anyMatch(c -> c.name().equals("SIMA 1-second volatility, bps")));

        final CalibrationReport wild = new CalibrationReport(1, 10, List.of(venue("SIMA", 1e5, 1.0e8, 3.0)),
            List.of(venue("SIMA", 1e5, 1.0e8, 1.2)), null);
        assertEquals(1, wild.checks().stream().filter(c -> !c.passed()).count(), wild.text());
    }
}
