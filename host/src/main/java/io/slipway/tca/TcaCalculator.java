package io.slipway.tca;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Implementation shortfall against the arrival mid (Perold 1988), decomposed into the filled
 * part's price move, fees, and the opportunity cost of what was not filled (valued at the mid
 * when the order finished), plus slippage against the interval VWAP of the whole market.
 */
public final class TcaCalculator
{
    private TcaCalculator()
    {
    }

    /** Markout horizons (FIELD-NOTES section 5). */
    public static final long[] MARKOUT_HORIZONS_NS =
        {1_000_000_000L, 5_000_000_000L, 30_000_000_000L, 60_000_000_000L, 300_000_000_000L};
    public static final String[] MARKOUT_LABELS = {"1s", "5s", "30s", "1m", "5m"};

    public static TcaReport analyse(final ExecutionRecord record)
    {
        return analyse(record, null);
    }

    public static TcaReport analyse(final ExecutionRecord record, final PredictedCost predicted)
    {
        final Instrument instrument = record.instrument();
        final int sign = record.side() == Side.BUY ? 1 : -1;
        final double arrival = record.arrivalMid();
        final double orderQty = instrument.qtyToDouble(record.orderQty());

        double filledQty = 0;
        double notional = 0;
        double fees = 0;
        double spreadCost = 0;
        final Map<Integer, double[]> byVenue = new TreeMap<>();
        for (int i = 0; i < record.fillCount(); i++)
        {
            final double qty = instrument.qtyToDouble(record.fillQuantity(i));
            final double px = instrument.priceToDouble(record.fillPrice(i));
            filledQty += qty;
            notional += qty * px;
            fees += record.fillFee(i);
            final double[] v = byVenue.computeIfAbsent(record.fillVenue(i), k -> new double[4]);
            v[0] += 1;
            v[1] += qty;
            v[2] += qty * px;
            v[3] += record.fillFee(i);
            final double halfSpread = record.fillHalfSpread(i);
            if (!Double.isNaN(halfSpread))
            {
                spreadCost += (record.fillMaker(i) ? -1 : 1) * qty * halfSpread;
            }
        }
        final double avgPx = filledQty == 0 ? 0.0 : notional / filledQty;
        final double paperNotional = orderQty * arrival;
        final double unfilled = orderQty - filledQty;

        final double priceCost = sign * (notional - filledQty * arrival);
        final double opportunityCost = unfilled > 0 ? sign * unfilled * (record.completionMid() - arrival) : 0.0;
        final double priceImpactBps = bps(priceCost, paperNotional);
        final double feesBps = bps(fees, paperNotional);
        final double opportunityBps = bps(opportunityCost, paperNotional);
        final double startMid = midAt(record, record.startNs());
        final double delayCost = Double.isNaN(startMid) ? 0.0 : sign * filledQty * (startMid - arrival);
        final double delayBps = bps(delayCost, paperNotional);
        final double spreadBps = bps(spreadCost, paperNotional);
        final double impactTimingBps = priceImpactBps - delayBps - spreadBps;
        final double shortfallBps = priceImpactBps + feesBps + opportunityBps;

        final double vwap = record.marketVolume() == 0 ? Double.NaN : record.marketNotional() / record.marketVolume();
        final double vwapSlippageBps = filledQty == 0 || Double.isNaN(vwap) ? 0.0 : sign * (avgPx - vwap) / vwap * 1e4;
        final double participation = record.marketVolume() == 0 ? 0.0 : filledQty / record.marketVolume();

        final List<VenueBreakdown> venues = new ArrayList<>();
        for (final Map.Entry<Integer, double[]> e : byVenue.entrySet())
        {
            final double[] v = e.getValue();
            venues.add(new VenueBreakdown(record.venueName(e.getKey()), record.venueKind(e.getKey()), (int)v[0], v[1],
                v[2], v[3], filledQty == 0 ? 0.0 : v[1] / filledQty, markouts(record, sign, e.getKey())));
        }
        final List<DealerBreakdown> dealers = new ArrayList<>();
        for (int d = 0; d < record.venueCount(); d++)
        {
            final double[] v = byVenue.get(d);
            if (record.rfqs(d) == 0 && !(v != null && "DEALER".equals(record.venueKind(d))))
            {
                continue;
            }
            dealers.add(new DealerBreakdown(record.venueName(d), record.rfqs(d), record.quotes(d), record.declines(d),
                record.quotesAccepted(d), record.refusals(d), record.meanImprovementBps(d), v == null ? 0 : (int)v[0],
                v == null ? 0.0 : v[1], v == null ? Double.NaN : markouts(record, sign, d).get(3).bps()));
        }

        return new TcaReport(record.orderId(), record.clOrdId(), instrument.symbol(), record.side().name(),
            record.strategy(), orderQty, filledQty, orderQty == 0 ? 0.0 : filledQty / orderQty, record.startNs(),
            record.endNs(), record.completedNs(), record.finalStatus(), arrival, avgPx, record.completionMid(),
            shortfallBps, priceImpactBps, feesBps, opportunityBps, fees, vwap,
            vwapSlippageBps, record.marketVolume(), participation, record.childOrders(), record.childRejectsByCard(),
            venues, record.marketNote(), delayBps, spreadBps, impactTimingBps, markouts(record, sign, -1),
            participation(record), predicted,
            predicted == null || !(predicted.sdBps() > 0) ? Double.NaN :
                (shortfallBps - feesBps - predicted.expectedBps()) / predicted.sdBps(), dealers,
            record.placementStats(), record.incompleteReason());
    }

    /**
     * Markouts over the mid path of the fills on one venue ({@code venueId} -1: all). The core keeps
     * the path for {@link ExecutionRecord#POST_TRADE_NS} after completion; a fill whose horizon
     * reaches past the last observed mid (a run stopped early) is left out, and the covered share
     * says how much quantity a figure rests on.
     */
    static List<Markout> markouts(final ExecutionRecord record, final int sign, final int venueId)
    {
        final Instrument instrument = record.instrument();
        final List<Markout> markouts = new ArrayList<>(MARKOUT_HORIZONS_NS.length);
        final long lastObservedNs = record.midCount() == 0 ? Long.MIN_VALUE : record.midTimeNs(record.midCount() - 1);
        double totalQty = 0;
        for (int i = 0; i < record.fillCount(); i++)
        {
            if (venueId < 0 || record.fillVenue(i) == venueId)
            {
                totalQty += instrument.qtyToDouble(record.fillQuantity(i));
            }
        }
        for (int h = 0; h < MARKOUT_HORIZONS_NS.length; h++)
        {
            double weighted = 0;
            double covered = 0;
            for (int i = 0; i < record.fillCount(); i++)
            {
                if (venueId >= 0 && record.fillVenue(i) != venueId)
                {
                    continue;
                }
                final long atNs = record.fillTimeNs(i) + MARKOUT_HORIZONS_NS[h];
                if (atNs > lastObservedNs)
                {
                    continue;
                }
                final double mid = midAt(record, atNs);
                final double px = instrument.priceToDouble(record.fillPrice(i));
                final double qty = instrument.qtyToDouble(record.fillQuantity(i));
                weighted += qty * sign * (mid - px) / px * 1e4;
                covered += qty;
            }
            markouts.add(new Markout(MARKOUT_LABELS[h], MARKOUT_HORIZONS_NS[h],
                covered == 0 ? Double.NaN : weighted / covered, totalQty == 0 ? 0.0 : covered / totalQty));
        }
        return markouts;
    }

    static List<ParticipationBucket> participation(final ExecutionRecord record)
    {
        final Instrument instrument = record.instrument();
        int buckets = record.bucketCount();
        for (int i = 0; i < record.fillCount(); i++)
        {
            buckets = Math.max(buckets, bucketOf(record, record.fillTimeNs(i)) + 1);
        }
        final double[] filled = new double[buckets];
        for (int i = 0; i < record.fillCount(); i++)
        {
            filled[bucketOf(record, record.fillTimeNs(i))] += instrument.qtyToDouble(record.fillQuantity(i));
        }
        final List<ParticipationBucket> result = new ArrayList<>(buckets);
        for (int b = 0; b < buckets; b++)
        {
            result.add(new ParticipationBucket(b * ExecutionRecord.BUCKET_NS, filled[b],
                b < record.bucketCount() ? record.bucketVolume(b) : 0.0));
        }
        return result;
    }

    private static int bucketOf(final ExecutionRecord record, final long timeNs)
    {
        return (int)Math.max(0, (timeNs - record.startNs()) / ExecutionRecord.BUCKET_NS);
    }

    /** Last sampled mid at or before the time (the path is a step function), NaN before the first sample. */
    static double midAt(final ExecutionRecord record, final long timeNs)
    {
        int lo = 0;
        int hi = record.midCount() - 1;
        int found = -1;
        while (lo <= hi)
        {
            final int m = (lo + hi) >>> 1;
            if (record.midTimeNs(m) <= timeNs)
            {
                found = m;
                lo = m + 1;
            }
            else
            {
                hi = m - 1;
            }
        }
        return found < 0 ? Double.NaN : record.mid(found);
    }

    private static double bps(final double cost, final double notional)
    {
        return notional == 0 ? 0.0 : cost / notional * 1e4;
    }
}
