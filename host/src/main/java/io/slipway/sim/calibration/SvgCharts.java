package io.slipway.sim.calibration;

import java.util.List;
import java.util.Locale;

/** Hand-written inline SVG for the calibration report: log-log axes, points, lines; no scripts. */
final class SvgCharts
{
    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 50;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c"};

    private SvgCharts()
    {
    }

    /** Cost and impact at T against Q/V, log-log, with the cost fit and Y = 1 square-root law. */
    static void impact(final StringBuilder b, final ImpactCurve.Result r)
    {
        final List<ImpactCurve.Point> points = r.points();
        double xMin = Double.MAX_VALUE;
        double xMax = 0;
        double yMin = Double.MAX_VALUE;
        double yMax = 0;
        for (final ImpactCurve.Point p : points)
        {
            xMin = Math.min(xMin, p.qOverV());
            xMax = Math.max(xMax, p.qOverV());
            for (final double y : new double[]{p.costBps(), p.bookImpactBps()[0]})
            {
                if (y > 0)
                {
                    yMin = Math.min(yMin, y);
                    yMax = Math.max(yMax, y);
                }
            }
        }
        final Axes a = new Axes(Math.floor(Math.log10(xMin)), Math.ceil(Math.log10(xMax)),
            Math.floor(Math.log10(yMin)), Math.ceil(Math.log10(yMax)));
        open(b, "impact-curve");
        a.draw(b, "Q / V (fraction of daily volume)", "bps");
        final double scale = r.dailyVolatility() * 1e4;
        b.append(String.format(Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" stroke-dasharray=\"6,4\"/>\n",
            a.x(a.x0), a.y(Math.log10(scale * Math.sqrt(Math.pow(10, a.x0)))), a.x(a.x1),
            a.y(Math.log10(scale * Math.sqrt(Math.pow(10, a.x1))))));
        final ImpactCurve.Fit fit = r.costFit();
        if (!Double.isNaN(fit.exponent()))
        {
            b.append(String.format(Locale.ROOT,
                "<line class=\"fit\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>\n",
                a.x(Math.log10(xMin)), a.y(Math.log10(fit.at(xMin))), a.x(Math.log10(xMax)),
                a.y(Math.log10(fit.at(xMax))), COLOURS[0]));
        }
        for (final ImpactCurve.Point p : points)
        {
            final double x = a.x(Math.log10(p.qOverV()));
            if (p.costBps() > 0)
            {
                b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>\n", x,
                    a.y(Math.log10(p.costBps())), COLOURS[0]));
            }
            if (p.bookImpactBps()[0] > 0)
            {
                b.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"none\" stroke=\"%s\"/>\n", x - 4,
                    a.y(Math.log10(p.bookImpactBps()[0])) - 4, COLOURS[1]));
            }
        }
        legend(b, new String[]{
            String.format(Locale.ROOT, "cost; fit %.2f (Q/V)^%.3f", fit.prefactorBps(), fit.exponent()),
            "book impact at T", "Y = 1: sigma_d sqrt(Q/V)"}, new String[]{COLOURS[0], COLOURS[1], "#888"});
        b.append("</svg>\n");
    }

    /** Cumulative depth per side against distance from mid, per venue, simulated and recorded. */
    static void depth(final StringBuilder b, final List<VenueStatistics> simulated,
        final List<VenueStatistics> recorded)
    {
        final double[] d = VenueStatistics.DISTANCES_BPS;
        double yMin = Double.MAX_VALUE;
        double yMax = 0;
        for (final List<VenueStatistics> list : List.of(simulated, recorded))
        {
            for (final VenueStatistics s : list)
            {
                for (final double distance : d)
                {
                    final double usd = s.depthWithinUsd(distance);
                    if (usd > 0)
                    {
                        yMin = Math.min(yMin, usd);
                        yMax = Math.max(yMax, usd);
                    }
                }
            }
        }
        final Axes a = new Axes(0, Math.log10(d[d.length - 1]), Math.floor(Math.log10(yMin)),
            Math.ceil(Math.log10(yMax)));
        open(b, "depth-profile");
        a.draw(b, "distance from mid, bps", "USD per side");
        final String[] labels = new String[simulated.size()];
        final String[] colours = new String[simulated.size()];
        for (int v = 0; v < simulated.size(); v++)
        {
            final String colour = COLOURS[v % COLOURS.length];
            polyline(b, a, simulated.get(v), colour, "");
            polyline(b, a, recorded.get(v), colour, " stroke-dasharray=\"6,4\"");
            labels[v] = simulated.get(v).venue() + " (" + simulated.get(v).market() + ")";
            colours[v] = colour;
        }
        legend(b, labels, colours);
        b.append("</svg>\n");
    }

    private static void polyline(final StringBuilder b, final Axes a, final VenueStatistics s, final String colour,
        final String extra)
    {
        b.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"").append(extra)
            .append(" points=\"");
        for (final double distance : VenueStatistics.DISTANCES_BPS)
        {
            final double usd = s.depthWithinUsd(distance);
            if (usd > 0)
            {
                b.append(String.format(Locale.ROOT, "%.1f,%.1f ", a.x(Math.log10(distance)), a.y(Math.log10(usd))));
            }
        }
        b.append("\"/>\n");
    }

    private static void open(final StringBuilder b, final String id)
    {
        b.append("<svg id=\"").append(id).append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
            .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
            .append(HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
    }

    private static void legend(final StringBuilder b, final String[] labels, final String[] colours)
    {
        for (int i = 0; i < labels.length; i++)
        {
            final int y = TOP + 14 + i * 16;
            b.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>" +
                "<text x=\"%d\" y=\"%d\">%s</text>\n",
                LEFT + 12, y - 4, LEFT + 32, y - 4, colours[i], LEFT + 38, y, CalibrationReport.escape(labels[i])));
        }
    }

    /** Log10 axes: x0..x1 and y0..y1 are decades. */
    private static final class Axes
    {
        final double x0;
        final double x1;
        final double y0;
        final double y1;

        Axes(final double x0, final double x1, final double y0, final double y1)
        {
            this.x0 = x0;
            this.x1 = x1 > x0 ? x1 : x0 + 1;
            this.y0 = y0;
            this.y1 = y1 > y0 ? y1 : y0 + 1;
        }

        double x(final double log)
        {
            return LEFT + (log - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
        }

        double y(final double log)
        {
            return HEIGHT - BOTTOM - (log - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
        }

        void draw(final StringBuilder b, final String xLabel, final String yLabel)
        {
            b.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#000\"/>\n", LEFT, TOP,
                WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
            for (int e = (int)Math.ceil(x0); e <= (int)Math.floor(x1); e++)
            {
                b.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>" +
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    x(e), TOP, x(e), HEIGHT - BOTTOM, x(e), HEIGHT - BOTTOM + 15, tick(e)));
            }
            for (int e = (int)Math.ceil(y0); e <= (int)Math.floor(y1); e++)
            {
                b.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>" +
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                    LEFT, y(e), WIDTH - RIGHT, y(e), LEFT - 5, y(e) + 4, tick(e)));
            }
            b.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>" +
                "<text x=\"15\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 15 %d)\">%s</text>\n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 12, xLabel, (TOP + HEIGHT - BOTTOM) / 2,
                (TOP + HEIGHT - BOTTOM) / 2, yLabel));
        }

        private static String tick(final int exponent)
        {
            return exponent >= 0 && exponent <= 3 ? Long.toString((long)Math.pow(10, exponent)) : "1e" + exponent;
        }
    }
}
