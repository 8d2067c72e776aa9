package io.slipway.tca;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link TcaReport} as an operator's text summary or as JSON. Output is deterministic. */
public final class TcaFormat
{
    private TcaFormat()
    {
    }

    public static String text(final TcaReport r)
    {
        final StringBuilder b = new StringBuilder(1024);
        line(b, "Transaction cost analysis  %s  (%s %s %s, %s)", r.orderId(), r.side(), fmtQty(r.orderQty()),
            r.symbol(), r.strategy());
        if (!r.marketNote().isEmpty())
        {
            line(b, "  NOTE             %s", r.marketNote());
        }
        line(b, "  window           %s -> %s (%s), finished %s, %s", Instant.ofEpochSecond(0, r.startNs()),
            Instant.ofEpochSecond(0, r.endNs()), duration(r.endNs() - r.startNs()),
            Instant.ofEpochSecond(0, r.completedNs()), r.finalStatus());
        line(b, "  completion       %.2f%% (%s of %s)", r.completion() * 100, fmtQty(r.filledQty()), fmtQty(r.orderQty()));
        if (!r.incompleteReason().isEmpty())
        {
            line(b, "  incomplete       %s", r.incompleteReason());
        }
        line(b, "  arrival mid      %.2f", r.arrivalMid());
        line(b, "  avg fill price   %.2f", r.averagePrice());
        line(b, "  interval VWAP    %.2f   slippage vs VWAP %+.2f bps (all prints on all venues, ours included)",
            r.intervalVwap(), z(r.vwapSlippageBps()));
        line(b, "  shortfall        %+.2f bps  = price %+.2f + fees %+.2f + opportunity %+.2f  (positive is a cost)",
            z(r.shortfallBps()), z(r.priceImpactBps()), z(r.feesBps()), z(r.opportunityBps()));
        line(b, "  price part       %+.2f bps  = delay %+.2f + spread %+.2f + impact/timing %+.2f",
            z(r.priceImpactBps()), z(r.delayBps()), z(r.spreadBps()), z(r.impactTimingBps()));
        if (r.predicted() != null)
        {
            line(b, "  predicted        %+.2f bps before fees (SD %s, %s); realised z-score %s",
                z(r.predicted().expectedBps()), Double.isNaN(r.predicted().sdBps()) ? "n/a" :
                String.format(Locale.ROOT, "%.2f", r.predicted().sdBps()), r.predicted().basis(),
                Double.isNaN(r.costZScore()) ? "n/a" : String.format(Locale.ROOT, "%+.2f", z(r.costZScore())));
        }
        final StringBuilder mo = new StringBuilder();
        for (final Markout m : r.markouts())
        {
            mo.append(String.format(Locale.ROOT, "%s%s %s", mo.length() == 0 ? "" : "  ", m.label(),
                Double.isNaN(m.bps()) ? "n/a" : String.format(Locale.ROOT, "%+.2f (%.0f%%)", z(m.bps()),
                m.coveredShare() * 100)));
        }
        line(b, "  markouts bps     %s", mo);
        line(b, "                   (+ = mid moved our way after the fill; %% = filled quantity observed that long " +
            "after its fill, up to 5 min past completion)");
        line(b, "  fees             %.2f USD", r.fees());
        line(b, "  participation    %.2f%% of %s traded on all venues", r.participation() * 100,
            fmtQty(r.marketVolume()));
        final StringBuilder pb = new StringBuilder();
        for (final ParticipationBucket p : r.participationBuckets())
        {
            pb.append(String.format(Locale.ROOT, "%s%.1f%%", pb.length() == 0 ? "" : " ", p.rate() * 100));
        }
        line(b, "  per 5 minutes    %s", pb);
        line(b, "  child orders     %d (%d refused by the card's risk gate)", r.childOrders(), r.childRejectsByCard());
        line(b, "  %-9s %-8s %6s %14s %12s %10s %6s  %s", "venue", "kind", "fills", "quantity", "avg price", "fees",
            "share", "markouts bps 1s/5s/30s/1m/5m");
        for (final VenueBreakdown v : r.venues())
        {
            final StringBuilder vm = new StringBuilder();
            for (final Markout m : v.markouts())
            {
                vm.append(vm.length() == 0 ? "" : " ").append(Double.isNaN(m.bps()) ? "n/a" :
                    String.format(Locale.ROOT, "%+.2f", z(m.bps())));
            }
            line(b, "  %-9s %-8s %6d %14s %12.2f %10.2f %5.1f%%  %s", v.venue(), v.kind(), v.fills(),
                fmtQty(v.quantity()), v.averagePrice(), v.fees(), v.share() * 100, vm);
        }
        if (!r.dealers().isEmpty())
        {
            line(b, "  dealers (RFQ)    improvement = modelled lit cost - quote cost; leakage shows as a negative 1m markout");
            line(b, "  %-9s %5s %6s %8s %6s %8s %12s %6s %14s %10s", "dealer", "rfqs", "quotes", "declined", "taken",
                "refused", "improve bps", "fills", "quantity", "1m bps");
            for (final DealerBreakdown d : r.dealers())
            {
                line(b, "  %-9s %5d %6d %8d %6d %8d %12s %6d %14s %10s", d.dealer(), d.rfqs(), d.quotes(), d.declines(),
                    d.accepted(), d.refusals(), Double.isNaN(d.meanImprovementBps()) ? "n/a" :
                    String.format(Locale.ROOT, "%+.2f", z(d.meanImprovementBps())), d.fills(), fmtQty(d.quantity()),
                    Double.isNaN(d.markout1mBps()) ? "n/a" : String.format(Locale.ROOT, "%+.2f", z(d.markout1mBps())));
            }
        }
        return b.toString();
    }

    public static String json(final TcaReport r)
    {
        final StringBuilder b = new StringBuilder(1024);
        b.append("{\n");
        field(b, "orderId", r.orderId());
        field(b, "clOrdId", r.clOrdId());
        field(b, "symbol", r.symbol());
        field(b, "side", r.side());
        field(b, "strategy", r.strategy());
        field(b, "orderQty", r.orderQty());
        field(b, "filledQty", r.filledQty());
        field(b, "completion", r.completion());
        field(b, "start", Instant.ofEpochSecond(0, r.startNs()).toString());
        field(b, "end", Instant.ofEpochSecond(0, r.endNs()).toString());
        field(b, "completed", Instant.ofEpochSecond(0, r.completedNs()).toString());
        field(b, "finalStatus", r.finalStatus());
        field(b, "arrivalMid", r.arrivalMid());
        field(b, "averagePrice", r.averagePrice());
        field(b, "completionMid", r.completionMid());
        field(b, "shortfallBps", r.shortfallBps());
        field(b, "priceImpactBps", r.priceImpactBps());
        field(b, "feesBps", r.feesBps());
        field(b, "opportunityBps", r.opportunityBps());
        field(b, "fees", r.fees());
        field(b, "intervalVwap", r.intervalVwap());
        field(b, "vwapSlippageBps", r.vwapSlippageBps());
        field(b, "marketVolume", r.marketVolume());
        field(b, "participation", r.participation());
        field(b, "childOrders", r.childOrders());
        field(b, "childRejectsByCard", r.childRejectsByCard());
        field(b, "marketNote", r.marketNote());
        field(b, "incompleteReason", r.incompleteReason());
        field(b, "delayBps", r.delayBps());
        field(b, "spreadBps", r.spreadBps());
        field(b, "impactTimingBps", r.impactTimingBps());
        final PredictedCost p = r.predicted();
        field(b, "predictedBps", p == null ? Double.NaN : p.expectedBps());
        field(b, "predictedSdBps", p == null ? Double.NaN : p.sdBps());
        field(b, "predictedBasis", p == null ? null : p.basis());
        field(b, "costZScore", r.costZScore());
        b.append("  \"markouts\": [");
        for (int i = 0; i < r.markouts().size(); i++)
        {
            final Markout m = r.markouts().get(i);
            b.append(i == 0 ? "\n" : ",\n");
            b.append(String.format(Locale.ROOT,
                "    {\"horizon\": %s, \"horizonSeconds\": %s, \"bps\": %s, \"coveredShare\": %s}",
                quote(m.label()), number(m.horizonNs() / 1e9), number(m.bps()), number(m.coveredShare())));
        }
        b.append(r.markouts().isEmpty() ? "],\n" : "\n  ],\n");
        b.append("  \"participationBuckets\": [");
        for (int i = 0; i < r.participationBuckets().size(); i++)
        {
            final ParticipationBucket q = r.participationBuckets().get(i);
            b.append(i == 0 ? "\n" : ",\n");
            b.append(String.format(Locale.ROOT,
                "    {\"offsetSeconds\": %d, \"filled\": %s, \"marketVolume\": %s, \"rate\": %s}",
                q.offsetNs() / 1_000_000_000L, number(q.filled()), number(q.marketVolume()), number(q.rate())));
        }
        b.append(r.participationBuckets().isEmpty() ? "],\n" : "\n  ],\n");
        b.append("  \"venues\": [");
        for (int i = 0; i < r.venues().size(); i++)
        {
            final VenueBreakdown v = r.venues().get(i);
            b.append(i == 0 ? "\n" : ",\n");
            b.append(String.format(Locale.ROOT,
                "    {\"venue\": %s, \"kind\": %s, \"fills\": %d, \"quantity\": %s, \"averagePrice\": %s, " +
                "\"fees\": %s, \"share\": %s, \"markouts\": %s}",
                quote(v.venue()), quote(v.kind()), v.fills(), number(v.quantity()), number(v.averagePrice()),
                number(v.fees()), number(v.share()), markoutArray(v.markouts())));
        }
        b.append(r.venues().isEmpty() ? "],\n" : "\n  ],\n");
        b.append("  \"dealers\": [");
        for (int i = 0; i < r.dealers().size(); i++)
        {
            final DealerBreakdown d = r.dealers().get(i);
            b.append(i == 0 ? "\n" : ",\n");
            b.append(String.format(Locale.ROOT,
                "    {\"dealer\": %s, \"rfqs\": %d, \"quotes\": %d, \"declines\": %d, \"accepted\": %d, " +
                "\"refusals\": %d, \"meanImprovementBps\": %s, \"fills\": %d, \"quantity\": %s, \"markout1mBps\": %s}",
                quote(d.dealer()), d.rfqs(), d.quotes(), d.declines(), d.accepted(), d.refusals(),
                number(d.meanImprovementBps()), d.fills(), number(d.quantity()), number(d.markout1mBps())));
        }
        b.append(r.dealers().isEmpty() ? "],\n" : "\n  ],\n");
        final PlacementStats q = r.placement();
        b.append(String.format(Locale.ROOT,
            "  \"placement\": {\"posted\": %d, \"postedQty\": %s, \"filled\": %d, \"partial\": %d, " +
            "\"canceledWindow\": %d, \"canceledSlice\": %d, \"canceledOther\": %d, \"refusedPostOnly\": %d, " +
            "\"refusedOther\": %d, \"closedByVenue\": %d, \"filledQty\": %s, \"queueAheadQty\": %s, " +
            "\"restingNs\": %d, \"restingFilledNs\": %d}\n",
            q.posted(), number(q.postedQty()), q.filled(), q.partial(), q.canceledWindow(), q.canceledSlice(),
            q.canceledOther(), q.refusedPostOnly(), q.refusedOther(), q.closedByVenue(), number(q.filledQty()),
            number(q.queueAheadQty()), q.restingNs(), q.restingFilledNs()));
        b.append("}\n");
        return b.toString();
    }

    /** Reads back what {@link #json} wrote; a missing or mistyped field is an error naming it. */
    public static TcaReport parse(final String json)
    {
        final Object root = JsonReader.parse(json);
        if (!(root instanceof Map<?, ?> m))
        {
            throw new IllegalArgumentException("TCA JSON: expected an object");
        }
        final List<VenueBreakdown> venues = new ArrayList<>();
        for (final Object o : list(m, "venues"))
        {
            final Map<?, ?> v = (Map<?, ?>)o;
            // Reports written before venue kinds and per-venue markouts read as exchanges without markouts.
            venues.add(new VenueBreakdown(str(v, "venue"), v.containsKey("kind") ? str(v, "kind") : "EXCHANGE",
                (int)num(v, "fills"), num(v, "quantity"), num(v, "averagePrice") * num(v, "quantity"), num(v, "fees"),
                num(v, "share"), v.containsKey("markouts") ? markouts(v) : List.of()));
        }
        final List<DealerBreakdown> dealers = new ArrayList<>();
        for (final Object o : m.containsKey("dealers") ? list(m, "dealers") : List.of())
        {
            final Map<?, ?> v = (Map<?, ?>)o;
            dealers.add(new DealerBreakdown(str(v, "dealer"), (int)num(v, "rfqs"), (int)num(v, "quotes"),
                (int)num(v, "declines"), (int)num(v, "accepted"), (int)num(v, "refusals"), num(v, "meanImprovementBps"),
                (int)num(v, "fills"), num(v, "quantity"), num(v, "markout1mBps")));
        }
        final List<Markout> markouts = markouts(m);
        final List<ParticipationBucket> buckets = new ArrayList<>();
        for (final Object o : list(m, "participationBuckets"))
        {
            final Map<?, ?> v = (Map<?, ?>)o;
            buckets.add(new ParticipationBucket(Math.round(num(v, "offsetSeconds")) * 1_000_000_000L, num(v, "filled"),
                num(v, "marketVolume")));
        }
        final PredictedCost predicted = Double.isNaN(num(m, "predictedBps")) ? null :
            new PredictedCost(num(m, "predictedBps"), num(m, "predictedSdBps"), str(m, "predictedBasis"));
        return new TcaReport(str(m, "orderId"), str(m, "clOrdId"), str(m, "symbol"), str(m, "side"),
            str(m, "strategy"), num(m, "orderQty"), num(m, "filledQty"), num(m, "completion"), ns(m, "start"),
            ns(m, "end"), ns(m, "completed"), str(m, "finalStatus"), num(m, "arrivalMid"), num(m, "averagePrice"),
            num(m, "completionMid"), num(m, "shortfallBps"), num(m, "priceImpactBps"), num(m, "feesBps"),
            num(m, "opportunityBps"), num(m, "fees"), num(m, "intervalVwap"), num(m, "vwapSlippageBps"),
            num(m, "marketVolume"), num(m, "participation"), (int)num(m, "childOrders"),
            (int)num(m, "childRejectsByCard"), venues, str(m, "marketNote"), num(m, "delayBps"), num(m, "spreadBps"),
            num(m, "impactTimingBps"), markouts, buckets, predicted, num(m, "costZScore"), dealers,
            placement(m), str(m, "incompleteReason"));
    }

    /** Reports written before placement was counted have none: they read as {@link PlacementStats#NONE}. */
    private static PlacementStats placement(final Map<?, ?> m)
    {
        if (!m.containsKey("placement"))
        {
            return PlacementStats.NONE;
        }
        if (!(m.get("placement") instanceof Map<?, ?> p))
        {
            throw new IllegalArgumentException("TCA JSON: field 'placement' is not an object");
        }
        return new PlacementStats((long)num(p, "posted"), num(p, "postedQty"), (long)num(p, "filled"),
            (long)num(p, "partial"), (long)num(p, "canceledWindow"), (long)num(p, "canceledSlice"),
            (long)num(p, "canceledOther"), (long)num(p, "refusedPostOnly"), (long)num(p, "refusedOther"),
            (long)num(p, "closedByVenue"), num(p, "filledQty"), num(p, "queueAheadQty"), (long)num(p, "restingNs"),
            (long)num(p, "restingFilledNs"));
    }

    private static List<Markout> markouts(final Map<?, ?> m)
    {
        final List<Markout> markouts = new ArrayList<>();
        for (final Object o : list(m, "markouts"))
        {
            final Map<?, ?> v = (Map<?, ?>)o;
            markouts.add(new Markout(str(v, "horizon"), Math.round(num(v, "horizonSeconds") * 1e9), num(v, "bps"),
                num(v, "coveredShare")));
        }
        return markouts;
    }

    private static String markoutArray(final List<Markout> markouts)
    {
        final StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < markouts.size(); i++)
        {
            final Markout m = markouts.get(i);
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                "{\"horizon\": %s, \"horizonSeconds\": %s, \"bps\": %s, \"coveredShare\": %s}", quote(m.label()),
                number(m.horizonNs() / 1e9), number(m.bps()), number(m.coveredShare())));
        }
        return b.append(']').toString();
    }

    private static Object member(final Map<?, ?> m, final String name)
    {
        if (!m.containsKey(name))
        {
            throw new IllegalArgumentException("TCA JSON: missing field '" + name + "'");
        }
        return m.get(name);
    }

    private static double num(final Map<?, ?> m, final String name)
    {
        final Object v = member(m, name);
        if (v == null)
        {
            return Double.NaN;
        }
        if (!(v instanceof Double d))
        {
            throw new IllegalArgumentException("TCA JSON: field '" + name + "' is not a number");
        }
        return d;
    }

    private static String str(final Map<?, ?> m, final String name)
    {
        final Object v = member(m, name);
        if (v != null && !(v instanceof String))
        {
            throw new IllegalArgumentException("TCA JSON: field '" + name + "' is not a string");
        }
        return (String)v;
    }

    private static List<?> list(final Map<?, ?> m, final String name)
    {
        final Object v = member(m, name);
        if (!(v instanceof List<?> l))
        {
            throw new IllegalArgumentException("TCA JSON: field '" + name + "' is not an array");
        }
        for (final Object o : l)
        {
            if (!(o instanceof Map))
            {
                throw new IllegalArgumentException("TCA JSON: '" + name + "' holds a non-object");
            }
        }
        return l;
    }

    private static long ns(final Map<?, ?> m, final String name)
    {
        final Instant t = Instant.parse(str(m, name));
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static void field(final StringBuilder b, final String name, final String value)
    {
        b.append("  ").append(quote(name)).append(": ").append(quote(value)).append(",\n");
    }

    private static void field(final StringBuilder b, final String name, final double value)
    {
        b.append("  ").append(quote(name)).append(": ").append(number(value)).append(",\n");
    }

    private static void field(final StringBuilder b, final String name, final long value)
    {
        b.append("  ").append(quote(name)).append(": ").append(value).append(",\n");
    }

    /** JSON has no NaN: an undefined figure is null. */
    static String number(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return "null";
        }
        final String text = String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "").replaceAll("\\.$", ".0");
        return "-0.0".equals(text) ? "0.0" : text;
    }

    static String quote(final String value)
    {
        if (value == null)
        {
            return "null";
        }
        final StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }

    /** Rounds away the sign of a value that prints as zero, so no "-0.00" reaches an operator. */
    private static double z(final double value)
    {
        return Math.abs(value) < 0.005 ? 0.0 : value;
    }

    private static String fmtQty(final double qty)
    {
        return String.format(Locale.ROOT, "%.6f", qty).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String duration(final long ns)
    {
        final long s = ns / 1_000_000_000L;
        return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s / 60) % 60, s % 60);
    }

    private static void line(final StringBuilder b, final String format, final Object... args)
    {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
