package io.slipway.sim.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Simulated against recorded statistics per venue and the measured impact curve, held to the
 * stated tolerances, in three forms: a text table, JSON and an HTML page with hand-written SVG
 * charts (no scripts).
 *
 * <p>Tolerances (also in the README):
 * <ul>
 *   <li>depth within 5, 10 and 25 bps of mid, bid and ask each: recorded +/-25%;</li>
 *   <li>traded notional per hour: recorded +/-20%;</li>
 *   <li>median spread: the same whole number of ticks as recorded (within half a tick);</li>
 *   <li>fitted exponent of cost ~ (Q/V)^delta: in [0.4, 0.6] (square-root law);</li>
 *   <li>Y from the impact at the end of the metaorder: in [0.5, 2] (field notes: plausible range);</li>
 *   <li>book impact at 2T over impact at T: 0.41 +/-0.10; at 4T: 0.27 +/-0.10 (propagator).</li>
 * </ul>
 * The one-second volatility is reported, not held: the latent price runs at a constant 50%/yr
 * while the recorded day is one sample of a market whose volatility moves.
 */
public final class CalibrationReport
{
    public static final double DEPTH_TOLERANCE = 0.25;
    public static final double TRADE_RATE_TOLERANCE = 0.20;
    public static final double SPREAD_TICKS_TOLERANCE = 0.5;
    /** The spread's tail: both are fractions of a basis point on these books; a quarter bp apart at most. */
    public static final double P95_SPREAD_TOLERANCE_BPS = 0.25;
    /**
     * One-second volatility within this factor either way. The recorded mid carries bid-ask bounce
     * and the recorded evening's own volatility; the simulated one is the latent price's at the
     * world's annual volatility (50%/yr base case), so only the order of magnitude is held.
     */
    public static final double VOLATILITY_FACTOR = 1.5;
    public static final double EXPONENT_LOW = 0.4;
    public static final double EXPONENT_HIGH = 0.6;
    public static final double Y_LOW = 0.5;
    public static final double Y_HIGH = 2.0;
    public static final double DECAY_2T = 0.41;
    public static final double DECAY_4T = 0.27;
    public static final double DECAY_TOLERANCE = 0.10;
    /** Depth distances held to tolerance, in bps. */
    public static final double[] HELD_DISTANCES_BPS = {5, 10, 25};

    private final long seed;
    private final double worldMinutes;
    private final List<VenueStatistics> simulated;
    private final List<VenueStatistics> recorded;
    private final ImpactCurve.Result impact;

    public CalibrationReport(final long seed, final double worldMinutes, final List<VenueStatistics> simulated,
        final List<VenueStatistics> recorded, final ImpactCurve.Result impact)
    {
        if (simulated.size() != recorded.size())
        {
            throw new IllegalArgumentException("simulated and recorded venues differ");
        }
        this.seed = seed;
        this.worldMinutes = worldMinutes;
        this.simulated = List.copyOf(simulated);
        this.recorded = List.copyOf(recorded);
        this.impact = impact;
    }

    public List<VenueStatistics> simulated()
    {
        return simulated;
    }

    public List<VenueStatistics> recorded()
    {
        return recorded;
    }

    public ImpactCurve.Result impact()
    {
        return impact;
    }

    /** Every figure held to a tolerance; the world figures first, then the impact ones. */
    public List<CalibrationCheck> checks()
    {
        final List<CalibrationCheck> checks = new ArrayList<>();
        for (int v = 0; v < simulated.size(); v++)
        {
            final VenueStatistics s = simulated.get(v);
            final VenueStatistics r = recorded.get(v);
            for (final double d : HELD_DISTANCES_BPS)
            {
                checks.add(CalibrationCheck.relative(s.venue() + " bid depth within " + (int)d + " bps, USD",
                    s.bidDepthWithinUsd(d), r.bidDepthWithinUsd(d), DEPTH_TOLERANCE));
                checks.add(CalibrationCheck.relative(s.venue() + " ask depth within " + (int)d + " bps, USD",
                    s.askDepthWithinUsd(d), r.askDepthWithinUsd(d), DEPTH_TOLERANCE));
            }
            checks.add(CalibrationCheck.relative(s.venue() + " traded USD per hour", s.tradeUsdPerHour(),
                r.tradeUsdPerHour(), TRADE_RATE_TOLERANCE));
            final double ticks = Math.rint(r.medianSpreadTicks());
            checks.add(new CalibrationCheck(s.venue() + " median spread, ticks", s.medianSpreadTicks(), ticks,
                ticks - SPREAD_TICKS_TOLERANCE, ticks + SPREAD_TICKS_TOLERANCE, "recorded ticks +/-0.5"));
            checks.add(new CalibrationCheck(s.venue() + " p95 spread, bps", s.p95SpreadBps(), r.p95SpreadBps(),
                Math.max(0, r.p95SpreadBps() - P95_SPREAD_TOLERANCE_BPS), r.p95SpreadBps() + P95_SPREAD_TOLERANCE_BPS,
                "recorded +/-0.25 bps"));
            if (s.hasVolatility() && r.hasVolatility())
            {
                checks.add(new CalibrationCheck(s.venue() + " 1-second volatility, bps", s.oneSecondVolBps(),
                    r.oneSecondVolBps(), r.oneSecondVolBps() / VOLATILITY_FACTOR, r.oneSecondVolBps() * VOLATILITY_FACTOR,
                    "recorded x/÷1.5"));
            }
        }
        if (impact != null)
        {
            checks.add(CalibrationCheck.band("impact exponent delta of cost ~ (Q/V)^delta",
                impact.costFit().exponent(), 0.5, EXPONENT_LOW, EXPONENT_HIGH));
            checks.add(CalibrationCheck.band("Y from impact at T", impact.yPeak(), 1.0, Y_LOW, Y_HIGH));
            checks.add(CalibrationCheck.band("impact at 2T / impact at T", impact.decay2T(), DECAY_2T,
                DECAY_2T - DECAY_TOLERANCE, DECAY_2T + DECAY_TOLERANCE));
            checks.add(CalibrationCheck.band("impact at 4T / impact at T", impact.decay4T(), DECAY_4T,
                DECAY_4T - DECAY_TOLERANCE, DECAY_4T + DECAY_TOLERANCE));
        }
        return checks;
    }

    public boolean allPassed()
    {
        return checks().stream().allMatch(CalibrationCheck::passed);
    }

    // ---------------------------------------------------------------- text

    public String text()
    {
        final StringBuilder b = new StringBuilder();
        if (!simulated.isEmpty())
        {
            worldText(b);
        }
        if (impact != null)
        {
            impactText(b);
        }
        line(b, "Checks:");
        for (final CalibrationCheck c : checks())
        {
            line(b, "  %-4s %-48s %14s  %s [%s, %s]", c.passed() ? "ok" : "FAIL", c.name(), number(c.measured()),
                c.rule(), number(c.low()), number(c.high()));
        }
        return b.toString();
    }

    private void worldText(final StringBuilder b)
    {
        line(b, "Simulated BTC world (seed %d, %.0f simulated minutes after a 1 min warm-up) against the", seed,
            worldMinutes);
        line(b, "recorded Binance markets of 2024-08-08 (sim / recorded):");
        line(b, "");
        line(b, "%-5s %-15s %13s %13s %17s %17s %17s %19s %13s", "venue", "market", "spread ticks",
            "p95 spr bps", "depth 5bps $M", "depth 10bps $M", "depth 25bps $M", "traded $M/h", "1s vol bps");
        for (int v = 0; v < simulated.size(); v++)
        {
            final VenueStatistics s = simulated.get(v);
            final VenueStatistics r = recorded.get(v);
            line(b, "%-5s %-15s %13s %13s %17s %17s %17s %19s %13s", s.venue(), s.market(),
                pair(s.medianSpreadTicks(), r.medianSpreadTicks(), 2), pair(s.p95SpreadBps(), r.p95SpreadBps(), 4),
                pair(s.depthWithinUsd(5) / 1e6, r.depthWithinUsd(5) / 1e6, 2),
                pair(s.depthWithinUsd(10) / 1e6, r.depthWithinUsd(10) / 1e6, 2),
                pair(s.depthWithinUsd(25) / 1e6, r.depthWithinUsd(25) / 1e6, 2),
                pair(s.tradeUsdPerHour() / 1e6, r.tradeUsdPerHour() / 1e6, 1),
                pair(s.oneSecondVolBps(), r.oneSecondVolBps(), 2));
        }
        line(b, "Depth: mean of bid and ask (each side is held in the checks); 1s vol n/a = recordings not found.");
        line(b, "");
    }

    private void impactText(final StringBuilder b)
    {
        line(b, "Impact curve: TWAP buys through the simulated appliance, T = %.0f min, slices every %.0f s,",
            impact.settings().durationNs() / 60e9, impact.settings().sliceIntervalNs() / 1e9);
        line(b, "seeds %s (same for every size); V_d = %.0f BTC, sigma_d = %.2f%%; bps, fees excluded.",
            seeds(), impact.dailyVolumeBase(), impact.dailyVolatility() * 100);
        line(b, "%-8s %10s %7s %16s %16s %9s %9s %9s %9s", "Q/V", "Q BTC", "filled", "cost +/- se",
            "raw cost +/- se", "I(T)", "I(2T)", "I(4T)", "latent T");
        for (final ImpactCurve.Point p : impact.points())
        {
            line(b, "%-8.0e %10.3f %6.1f%% %8.2f +/-%5.2f %8.2f +/-%5.2f %9.2f %9.2f %9.2f %9.2f", p.qOverV(),
                p.quantityBase(), p.filledFraction() * 100, p.costBps(), p.costStdErrBps(), p.rawCostBps(),
                p.rawCostStdErrBps(), p.bookImpactBps()[0], p.bookImpactBps()[1], p.bookImpactBps()[2],
                p.latentImpactBps()[0]);
        }
        final ImpactCurve.Fit fit = impact.costFit();
        line(b, "fit: cost = %.1f bps x (Q/V)^%.3f (R^2 %.3f, %d points); Y = %.2f from I(T), %.2f from cost",
            fit.prefactorBps(), fit.exponent(), fit.rSquared(), fit.points(), impact.yPeak(), impact.yCost());
        line(b, "I = book mid against the unimpacted latent price at T (end), 2T and 4T from the start;");
        line(b, "decay (Q/V >= 1e-3 pooled): I(2T)/I(T) = %.3f, I(4T)/I(T) = %.3f; latent alone %.3f, %.3f",
            impact.decay2T(), impact.decay4T(), impact.latentDecay2T(), impact.latentDecay4T());
        line(b, "(%.1f s wall for %d runs)", impact.wallSeconds(), impact.points().size() *
            impact.settings().seeds().length);
        line(b, "");
    }

    private String seeds()
    {
        final StringBuilder b = new StringBuilder();
        for (final long s : impact.settings().seeds())
        {
            b.append(b.length() == 0 ? "" : ",").append(s);
        }
        return b.toString();
    }

    private static String pair(final double sim, final double rec, final int decimals)
    {
        final String f = "%." + decimals + "f";
        return fmt(f, sim) + " / " + (Double.isNaN(rec) ? "n/a" : fmt(f, rec));
    }

    private static String number(final double value)
    {
        if (Double.isNaN(value))
        {
            return "n/a";
        }
        return Math.abs(value) >= 1e4 ? fmt("%.4g", value) : fmt("%.4f", value);
    }

    private static String fmt(final String format, final Object... args)
    {
        return String.format(Locale.ROOT, format, args);
    }

    private static void line(final StringBuilder b, final String format, final Object... args)
    {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    // ---------------------------------------------------------------- JSON

    public String json()
    {
        final StringBuilder b = new StringBuilder(8192);
        b.append("{\n  \"seed\": ").append(seed).append(",\n  \"worldMinutes\": ").append(json(worldMinutes));
        b.append(",\n  \"venues\": [");
        for (int v = 0; v < simulated.size(); v++)
        {
            b.append(v == 0 ? "\n" : ",\n").append("    {\"venue\": ").append(quote(simulated.get(v).venue()))
                .append(", \"market\": ").append(quote(simulated.get(v).market()))
                .append(",\n      \"simulated\": ");
            venueJson(b, simulated.get(v));
            b.append(",\n      \"recorded\": ");
            venueJson(b, recorded.get(v));
            b.append('}');
        }
        b.append("\n  ]");
        if (impact != null)
        {
            final ImpactCurve.Fit fit = impact.costFit();
            b.append(",\n  \"impact\": {\"durationSeconds\": ").append(json(impact.settings().durationNs() / 1e9))
                .append(", \"sliceIntervalSeconds\": ").append(json(impact.settings().sliceIntervalNs() / 1e9))
                .append(", \"seeds\": [").append(seeds()).append(']')
                .append(", \"dailyVolumeBtc\": ").append(json(impact.dailyVolumeBase()))
                .append(", \"dailyVolatility\": ").append(json(impact.dailyVolatility()))
                .append(",\n    \"points\": [");
            for (int i = 0; i < impact.points().size(); i++)
            {
                final ImpactCurve.Point p = impact.points().get(i);
                b.append(i == 0 ? "\n" : ",\n").append("      {\"qOverV\": ").append(json(p.qOverV()))
                    .append(", \"quantityBtc\": ").append(json(p.quantityBase()))
                    .append(", \"runs\": ").append(p.runs())
                    .append(", \"filledFraction\": ").append(json(p.filledFraction()))
                    .append(", \"costBps\": ").append(json(p.costBps()))
                    .append(", \"costStdErrBps\": ").append(json(p.costStdErrBps()))
                    .append(", \"rawCostBps\": ").append(json(p.rawCostBps()))
                    .append(", \"rawCostStdErrBps\": ").append(json(p.rawCostStdErrBps()))
                    .append(", \"bookImpactBps\": ").append(json(p.bookImpactBps()))
                    .append(", \"latentImpactBps\": ").append(json(p.latentImpactBps())).append('}');
            }
            b.append("\n    ],\n    \"costFit\": {\"exponent\": ").append(json(fit.exponent()))
                .append(", \"prefactorBps\": ").append(json(fit.prefactorBps()))
                .append(", \"rSquared\": ").append(json(fit.rSquared()))
                .append(", \"points\": ").append(fit.points()).append('}')
                .append(",\n    \"yPeak\": ").append(json(impact.yPeak()))
                .append(", \"yCost\": ").append(json(impact.yCost()))
                .append(", \"decay2T\": ").append(json(impact.decay2T()))
                .append(", \"decay4T\": ").append(json(impact.decay4T()))
                .append(", \"latentDecay2T\": ").append(json(impact.latentDecay2T()))
                .append(", \"latentDecay4T\": ").append(json(impact.latentDecay4T()))
                .append(", \"wallSeconds\": ").append(json(impact.wallSeconds())).append('}');
        }
        b.append(",\n  \"checks\": [");
        final List<CalibrationCheck> checks = checks();
        for (int i = 0; i < checks.size(); i++)
        {
            final CalibrationCheck c = checks.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(quote(c.name()))
                .append(", \"measured\": ").append(json(c.measured()))
                .append(", \"target\": ").append(json(c.target()))
                .append(", \"low\": ").append(json(c.low()))
                .append(", \"high\": ").append(json(c.high()))
                .append(", \"rule\": ").append(quote(c.rule()))
                .append(", \"passed\": ").append(c.passed()).append('}');
        }
        b.append("\n  ],\n  \"passed\": ").append(allPassed()).append("\n}\n");
        return b.toString();
    }

    private static void venueJson(final StringBuilder b, final VenueStatistics s)
    {
        b.append("{\"seconds\": ").append(json(s.seconds()))
            .append(", \"tickBps\": ").append(json(s.tickBps()))
            .append(", \"medianSpreadBps\": ").append(json(s.medianSpreadBps()))
            .append(", \"medianSpreadTicks\": ").append(json(s.medianSpreadTicks()))
            .append(", \"p95SpreadBps\": ").append(json(s.p95SpreadBps()))
            .append(", \"depthDistancesBps\": ").append(json(VenueStatistics.DISTANCES_BPS))
            .append(", \"bidDepthUsd\": ").append(json(s.bidDepthUsd()))
            .append(", \"askDepthUsd\": ").append(json(s.askDepthUsd()))
            .append(", \"tradeUsdPerHour\": ").append(json(s.tradeUsdPerHour()))
            .append(", \"oneSecondVolBps\": ").append(json(s.oneSecondVolBps())).append('}');
    }

    /** JSON has no NaN or infinity: those become null. */
    static String json(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return "null";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            return Long.toString((long)value);
        }
        return Double.toString(value);
    }

    static String json(final double[] values)
    {
        final StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++)
        {
            b.append(i == 0 ? "" : ", ").append(json(values[i]));
        }
        return b.append(']').toString();
    }

    static String quote(final String text)
    {
        final StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                b.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
            }
            else
            {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    // ---------------------------------------------------------------- HTML

    public String html()
    {
        final StringBuilder b = new StringBuilder(32_768);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<title>Slipway calibration report</title>\n<style>")
            .append("body{font-family:sans-serif;margin:2em;max-width:1100px}")
            .append("pre{background:#f6f6f6;padding:1em;overflow-x:auto;font-size:12px}")
            .append(".fail{color:#b00}.ok{color:#070}svg{background:#fff}</style></head><body>\n")
            .append("<h1>Slipway calibration report</h1>\n");
        b.append("<p>Simulated world seed ").append(seed).append(". All checks ")
            .append(allPassed() ? "<b class=\"ok\">passed</b>" : "<b class=\"fail\">did not pass</b>")
            .append(".</p>\n");
        if (impact != null)
        {
            b.append("<h2>Impact curve</h2>\n<p>Cost (fees excluded, drift of the unimpacted price removed) and ")
                .append("book impact at the end of the metaorder against Q/V, log-log, with the least-squares fit ")
                .append("of the cost and the square-root law with Y = 1.</p>\n");
            SvgCharts.impact(b, impact);
        }
        b.append("<h2>Depth profile</h2>\n<p>Resting USD per side (mean of bid and ask) within a distance of ")
            .append("the mid: simulated (solid) against recorded (dashed).</p>\n");
        SvgCharts.depth(b, simulated, recorded);
        b.append("<h2>Table and checks</h2>\n<pre>").append(escape(text())).append("</pre>\n</body></html>\n");
        return b.toString();
    }

    static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
