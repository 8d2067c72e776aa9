package io.slipway.tca;

import io.slipway.domain.Instrument;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Post-trade report as one self-contained HTML page with hand-written inline SVG charts (no scripts):
 * price with fills, cumulative fill against schedule, shortfall waterfall, markout curve, and the
 * venue and participation tables. Output is deterministic: same record, same bytes.
 */
public final class TcaHtml
{
    private static final int WIDTH = 720;
    private static final int HEIGHT = 340;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 24;
    private static final int BOTTOM = 46;
    private static final int MAX_PATH_POINTS = 2_000;
    private static final String[] VENUE_COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
        "#e377c2", "#17becf"};

    private TcaHtml()
    {
    }

    public static String render(final ExecutionRecord record, final TcaReport r)
    {
        final StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>TCA ")
            .append(esc(r.orderId())).append("</title>\n<style>\n")
            .append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}")
            .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}")
            .append("td.l,th.l{text-align:left}svg{display:block;margin:6px 0 22px;background:#fff}")
            .append("h2{margin-top:28px;font-size:1.1em}.note{color:#a33}\n</style>\n</head>\n<body>\n");
        b.append(String.format(Locale.ROOT, "<h1>Transaction cost analysis %s</h1>\n<p>%s %s %s, %s; %s.</p>\n",
            esc(r.orderId()), esc(r.side()), num(r.orderQty()), esc(r.symbol()), esc(r.strategy()),
            esc(r.finalStatus())));
        if (!r.marketNote().isEmpty())
        {
            b.append("<p class=\"note\">").append(esc(r.marketNote())).append("</p>\n");
        }
        summary(b, r);
        b.append("<h2>Price with fills (size by quantity, colour by venue)</h2>\n");
        priceChart(b, record);
        b.append("<h2>Cumulative fill against schedule</h2>\n");
        fillChart(b, record);
        b.append("<h2>Shortfall waterfall (bps of arrival notional, positive is a cost)</h2>\n");
        waterfall(b, r);
        b.append("<h2>Markout curve</h2>\n<p>MO(h) = s (mid(t + h) - P_fill) / P_fill, s = +1 buy, -1 sell: ")
            .append("positive when the mid moved the order's way after the fill; the mid is followed for 5 minutes ")
            .append("past completion. All fills (solid) and each venue's fills (dashed).</p>\n");
        markoutChart(b, r);
        venueTable(b, r);
        dealerTable(b, r);
        participationTable(b, r);
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static void summary(final StringBuilder b, final TcaReport r)
    {
        b.append("<table>\n");
        row(b, "completion", String.format(Locale.ROOT, "%.2f%% (%s of %s)", r.completion() * 100, num(r.filledQty()),
            num(r.orderQty())));
        row(b, "arrival mid", String.format(Locale.ROOT, "%.2f", r.arrivalMid()));
        row(b, "average fill price", String.format(Locale.ROOT, "%.2f", r.averagePrice()));
        row(b, "shortfall", bps(r.shortfallBps()));
        row(b, "interval VWAP slippage", bps(r.vwapSlippageBps()));
        row(b, "participation", String.format(Locale.ROOT, "%.2f%%", r.participation() * 100));
        if (r.predicted() != null)
        {
            row(b, "predicted (" + r.predicted().basis() + ")", String.format(Locale.ROOT,
                "%+.2f bps before fees, SD %s; realised z-score %s", r.predicted().expectedBps(),
                Double.isNaN(r.predicted().sdBps()) ? "n/a" : String.format(Locale.ROOT, "%.2f", r.predicted().sdBps()),
                Double.isNaN(r.costZScore()) ? "n/a" :
                String.format(Locale.ROOT, "%+.2f", r.costZScore())));
        }
        row(b, "fees", String.format(Locale.ROOT, "%.2f USD", r.fees()));
        b.append("</table>\n");
    }

    private static void priceChart(final StringBuilder b, final ExecutionRecord record)
    {
        final Instrument instrument = record.instrument();
        final long t0 = record.startNs();
        final long t1 = Math.max(record.completedNs(), t0 + 1);
        double lo = record.arrivalMid();
        double hi = record.arrivalMid();
        for (int i = 0; i < record.midCount(); i++)
        {
            lo = Math.min(lo, record.mid(i));
            hi = Math.max(hi, record.mid(i));
        }
        double maxQty = 0;
        for (int i = 0; i < record.fillCount(); i++)
        {
            final double px = instrument.priceToDouble(record.fillPrice(i));
            lo = Math.min(lo, px);
            hi = Math.max(hi, px);
            maxQty = Math.max(maxQty, instrument.qtyToDouble(record.fillQuantity(i)));
        }
        final Axes a = new Axes(0, (t1 - t0) / 60e9, lo, hi);
        open(b, "price-chart");
        a.draw(b, "minutes from start", "price");
        line(b, a, 0, record.arrivalMid(), a.x1, record.arrivalMid(), "#888", "6,4");
        final int stride = Math.max(1, record.midCount() / MAX_PATH_POINTS);
        b.append("<polyline class=\"mid\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.2\" points=\"");
        for (int i = 0; i < record.midCount(); i += stride)
        {
            final long t = Math.max(record.midTimeNs(i), t0);
            b.append(String.format(Locale.ROOT, "%.1f,%.1f ", a.x((t - t0) / 60e9), a.y(record.mid(i))));
        }
        b.append("\"/>\n");
        final Map<Integer, String> venues = new TreeMap<>();
        for (int i = 0; i < record.fillCount(); i++)
        {
            final int venue = record.fillVenue(i);
            final String colour = VENUE_COLOURS[venue % VENUE_COLOURS.length];
            venues.put(venue, colour);
            final double qty = instrument.qtyToDouble(record.fillQuantity(i));
            b.append(String.format(Locale.ROOT,
                "<circle class=\"fill\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" fill-opacity=\"0.6\"/>\n",
                a.x((record.fillTimeNs(i) - t0) / 60e9), a.y(instrument.priceToDouble(record.fillPrice(i))),
                2 + 8 * Math.sqrt(maxQty == 0 ? 0 : qty / maxQty), colour));
        }
        final String[] labels = new String[venues.size() + 2];
        final String[] colours = new String[venues.size() + 2];
        labels[0] = "composite mid";
        colours[0] = "#555";
        labels[1] = "arrival mid";
        colours[1] = "#888";
        int k = 2;
        for (final Map.Entry<Integer, String> e : venues.entrySet())
        {
            labels[k] = "fills on " + record.venueName(e.getKey());
            colours[k++] = e.getValue();
        }
        legend(b, labels, colours);
        b.append("</svg>\n");
    }

    private static void fillChart(final StringBuilder b, final ExecutionRecord record)
    {
        final Instrument instrument = record.instrument();
        final long t0 = record.startNs();
        final double minutes = (Math.max(Math.max(record.completedNs(), record.endNs()), t0 + 1) - t0) / 60e9;
        final double orderQty = instrument.qtyToDouble(record.orderQty());
        final Axes a = new Axes(0, minutes, 0, orderQty);
        open(b, "fill-vs-schedule");
        a.draw(b, "minutes from start", "cumulative quantity");
        b.append("<polyline class=\"schedule\" fill=\"none\" stroke=\"#888\" stroke-width=\"2\" " +
            "stroke-dasharray=\"5,3\" points=\"")
            .append(String.format(Locale.ROOT, "%.1f,%.1f ", a.x(0), a.y(0)));
        double target = 0;
        for (int i = 0; i < record.targetCount(); i++)
        {
            final double x = a.x((record.targetTimeNs(i) - t0) / 60e9);
            b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, a.y(target)));
            target = instrument.qtyToDouble(record.targetQuantity(i));
            b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, a.y(target)));
        }
        b.append(String.format(Locale.ROOT, "%.1f,%.1f\"/>\n", a.x(minutes), a.y(target)));
        b.append("<polyline class=\"filled\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"")
            .append(String.format(Locale.ROOT, "%.1f,%.1f ", a.x(0), a.y(0)));
        double filled = 0;
        for (int i = 0; i < record.fillCount(); i++)
        {
            final double x = a.x((record.fillTimeNs(i) - t0) / 60e9);
            b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, a.y(filled)));
            filled += instrument.qtyToDouble(record.fillQuantity(i));
            b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, a.y(filled)));
        }
        b.append(String.format(Locale.ROOT, "%.1f,%.1f\"/>\n",
            a.x((Math.max(record.completedNs(), t0) - t0) / 60e9), a.y(filled)));
        legend(b, new String[]{"schedule target", "filled"}, new String[]{"#888", "#1f77b4"});
        b.append("</svg>\n");
    }

    private static void waterfall(final StringBuilder b, final TcaReport r)
    {
        final String[] names = {"delay", "spread", "impact/timing", "fees", "opportunity", "shortfall"};
        final double[] steps = {r.delayBps(), r.spreadBps(), r.impactTimingBps(), r.feesBps(), r.opportunityBps()};
        double run = 0;
        double lo = 0;
        double hi = 0;
        for (final double s : steps)
        {
            run += s;
            lo = Math.min(lo, run);
            hi = Math.max(hi, run);
        }
        final Axes a = new Axes(0, names.length, lo, hi);
        open(b, "shortfall-waterfall");
        a.drawY(b, "bps");
        line(b, a, 0, 0, names.length, 0, "#444", null);
        run = 0;
        for (int i = 0; i < names.length; i++)
        {
            final double from = i < steps.length ? run : 0;
            final double to = i < steps.length ? run + steps[i] : r.shortfallBps();
            final String colour = i == steps.length ? "#555" : (to >= from ? "#d62728" : "#2ca02c");
            final double x = a.x(i + 0.15);
            final double w = a.x(i + 0.85) - x;
            final double yTop = a.y(Math.max(from, to));
            final double h = Math.max(1.0, a.y(Math.min(from, to)) - yTop);
            b.append(String.format(Locale.ROOT,
                "<rect class=\"step\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
                x, yTop, w, h, colour));
            b.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">%s</text>\n" +
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">%+.2f</text>\n",
                x + w / 2, (double)(HEIGHT - BOTTOM + 16), names[i], x + w / 2, yTop - 4, zero(to - from)));
            if (i < steps.length)
            {
                run += steps[i];
            }
        }
        b.append("</svg>\n");
    }

    private static void markoutChart(final StringBuilder b, final TcaReport r)
    {
        double lo = 0;
        double hi = 0;
        for (final Markout m : r.markouts())
        {
            if (!Double.isNaN(m.bps()))
            {
                lo = Math.min(lo, m.bps());
                hi = Math.max(hi, m.bps());
            }
        }
        for (final VenueBreakdown v : r.venues())
        {
            for (final Markout m : v.markouts())
            {
                if (!Double.isNaN(m.bps()))
                {
                    lo = Math.min(lo, m.bps());
                    hi = Math.max(hi, m.bps());
                }
            }
        }
        final int n = r.markouts().size();
        final Axes a = new Axes(0, n, lo, hi);
        open(b, "markout-curve");
        a.drawY(b, "bps");
        line(b, a, 0, 0, n, 0, "#444", null);
        final String[] labels = new String[r.venues().size() + 1];
        final String[] colours = new String[labels.length];
        labels[0] = "all fills";
        colours[0] = "#1f77b4";
        for (int k = 0; k < r.venues().size(); k++)
        {
            final VenueBreakdown v = r.venues().get(k);
            final String colour = VENUE_COLOURS[(k + 1) % VENUE_COLOURS.length];
            labels[k + 1] = v.venue() + " (" + v.kind() + ")";
            colours[k + 1] = colour;
            final StringBuilder venuePoints = new StringBuilder();
            for (int i = 0; i < v.markouts().size() && i < n; i++)
            {
                final double bps = v.markouts().get(i).bps();
                if (!Double.isNaN(bps))
                {
                    venuePoints.append(String.format(Locale.ROOT, "%.1f,%.1f ", a.x(i + 0.5), a.y(bps)));
                }
            }
            if (venuePoints.length() > 0)
            {
                b.append("<polyline class=\"venue-markout\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"1\" stroke-dasharray=\"4 3\" points=\"")
                    .append(venuePoints.toString().trim()).append("\"/>\n");
            }
        }
        legend(b, labels, colours);
        final StringBuilder points = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            final Markout m = r.markouts().get(i);
            final double x = a.x(i + 0.5);
            b.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">%s</text>\n",
                x, (double)(HEIGHT - BOTTOM + 16), m.label()));
            if (Double.isNaN(m.bps()))
            {
                b.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\" fill=\"#888\">not observed</text>\n",
                    x, a.y(0) - 6));
                continue;
            }
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, a.y(m.bps())));
            b.append(String.format(Locale.ROOT,
                "<circle class=\"markout\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1f77b4\"/>\n" +
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">%+.2f (%.0f%%)</text>\n",
                x, a.y(m.bps()), x, a.y(m.bps()) - 8, zero(m.bps()), m.coveredShare() * 100));
        }
        if (points.length() > 0)
        {
            b.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"")
                .append(points.toString().trim()).append("\"/>\n");
        }
        b.append("</svg>\n");
    }

    private static void venueTable(final StringBuilder b, final TcaReport r)
    {
        b.append("<h2>Venues</h2>\n<table>\n<tr><th class=\"l\">venue</th><th class=\"l\">kind</th><th>fills</th>")
            .append("<th>quantity</th><th>avg price</th><th>fees</th><th>share</th>");
        for (final Markout m : r.markouts())
        {
            b.append("<th>MO ").append(esc(m.label())).append("</th>");
        }
        b.append("</tr>\n");
        for (final VenueBreakdown v : r.venues())
        {
            b.append(String.format(Locale.ROOT,
                "<tr><td class=\"l\">%s</td><td class=\"l\">%s</td><td>%d</td><td>%s</td><td>%.2f</td><td>%.2f</td>" +
                "<td>%.1f%%</td>", esc(v.venue()), esc(v.kind()), v.fills(), num(v.quantity()), v.averagePrice(), v.fees(),
                v.share() * 100));
            for (final Markout m : v.markouts())
            {
                b.append("<td>").append(Double.isNaN(m.bps()) ? "n/a" : bps(m.bps())).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static void dealerTable(final StringBuilder b, final TcaReport r)
    {
        if (r.dealers().isEmpty())
        {
            return;
        }
        b.append("<h2>Dealers (requests for quote)</h2>\n<p>Improvement: the modelled cost of continuing on the ")
            .append("lit venues less the quote's cost. A negative one-minute markout on a dealer's fills is leakage.</p>\n")
            .append("<table>\n<tr><th class=\"l\">dealer</th><th>requests</th><th>quotes</th><th>declined</th>")
            .append("<th>taken</th><th>refused at last look</th><th>mean improvement</th><th>fills</th><th>quantity</th>")
            .append("<th>MO 1m</th></tr>\n");
        for (final DealerBreakdown d : r.dealers())
        {
            b.append(String.format(Locale.ROOT,
                "<tr><td class=\"l\">%s</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%s</td>" +
                "<td>%d</td><td>%s</td><td>%s</td></tr>\n", esc(d.dealer()), d.rfqs(), d.quotes(), d.declines(),
                d.accepted(), d.refusals(), Double.isNaN(d.meanImprovementBps()) ? "n/a" : bps(d.meanImprovementBps()),
                d.fills(), num(d.quantity()), Double.isNaN(d.markout1mBps()) ? "n/a" : bps(d.markout1mBps())));
        }
        b.append("</table>\n");
    }

    private static void participationTable(final StringBuilder b, final TcaReport r)
    {
        b.append("<h2>Participation per five minutes</h2>\n<table>\n<tr><th>from minute</th><th>filled</th>")
            .append("<th>market volume</th><th>participation</th></tr>\n");
        for (final ParticipationBucket p : r.participationBuckets())
        {
            b.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%s</td><td>%s</td><td>%.2f%%</td></tr>\n",
                p.offsetNs() / 60_000_000_000L, num(p.filled()), num(p.marketVolume()), p.rate() * 100));
        }
        b.append("</table>\n");
    }

    private static void open(final StringBuilder b, final String id)
    {
        b.append(String.format(Locale.ROOT,
            "<svg id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
            id, WIDTH, HEIGHT, WIDTH, HEIGHT));
    }

    private static void line(final StringBuilder b, final Axes a, final double x0, final double y0, final double x1,
        final double y1, final String colour, final String dash)
    {
        b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n",
            a.x(x0), a.y(y0), a.x(x1), a.y(y1), colour, dash == null ? "" : " stroke-dasharray=\"" + dash + "\""));
    }

    private static void legend(final StringBuilder b, final String[] labels, final String[] colours)
    {
        for (int i = 0; i < labels.length; i++)
        {
            final int y = TOP + 8 + i * 16;
            b.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>" +
                "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n",
                LEFT + 10, y - 9, colours[i], LEFT + 24, y, esc(labels[i])));
        }
    }

    private static void row(final StringBuilder b, final String name, final String value)
    {
        b.append("<tr><th class=\"l\">").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static String bps(final double value)
    {
        return String.format(Locale.ROOT, "%+.2f bps", zero(value));
    }

    /** No "-0.00" on the page: a value that rounds to zero prints as zero. */
    private static double zero(final double value)
    {
        return Math.abs(value) < 0.005 ? 0.0 : value;
    }

    private static String num(final double value)
    {
        return String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String esc(final String s)
    {
        if (s == null)
        {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Linear axes over a data range, padded so points on the edge stay inside. */
    private static final class Axes
    {
        final double x0;
        final double x1;
        final double y0;
        final double y1;

        Axes(final double x0, final double x1, final double yLo, final double yHi)
        {
            this.x0 = x0;
            this.x1 = x1 > x0 ? x1 : x0 + 1;
            final double pad = yHi > yLo ? (yHi - yLo) * 0.08 : Math.max(1e-9, Math.abs(yHi) * 1e-4 + 1e-6);
            this.y0 = yLo - pad;
            this.y1 = yHi + pad;
        }

        double x(final double v)
        {
            return LEFT + (v - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
        }

        double y(final double v)
        {
            return HEIGHT - BOTTOM - (v - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
        }

        void draw(final StringBuilder b, final String xLabel, final String yLabel)
        {
            drawY(b, yLabel);
            for (int i = 0; i <= 4; i++)
            {
                final double v = x0 + (x1 - x0) * i / 4;
                b.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">%.1f</text>\n",
                    x(v), HEIGHT - BOTTOM + 16, v));
            }
            b.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\">%s</text>\n",
                LEFT + (WIDTH - LEFT - RIGHT) / 2, HEIGHT - 8, esc(xLabel)));
        }

        void drawY(final StringBuilder b, final String yLabel)
        {
            b.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
            for (int i = 0; i <= 4; i++)
            {
                final double v = y0 + (y1 - y0) * i / 4;
                b.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\">%.2f</text>\n",
                    LEFT - 6, y(v) + 4, v));
            }
            b.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%d\" font-size=\"12\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">%s</text>\n",
                TOP + (HEIGHT - TOP - BOTTOM) / 2, TOP + (HEIGHT - TOP - BOTTOM) / 2, esc(yLabel)));
        }
    }
}
