package io.slipway.core;

/**
 * VWAP: slices sized to a volume curve over the order's life. The curve is a fixed, documented
 * table, not an estimate: the stylised U-shape of intraday volume (heavier at the start and the
 * end of the period), ten equal buckets of the horizon with relative weights
 * {@link #BUCKET_WEIGHTS}. The cumulative fraction F(u), u in [0, 1], is linear inside each
 * bucket; target after slice k of n is Q F((k + 1) / n), so, as for TWAP, each slice releases its
 * interval's share at its start. A curve estimated from a venue's tape would replace the table.
 */
public final class VwapSchedule extends SlicedSchedule
{
    /** Relative volume in each tenth of the horizon (stylised U-shape; sums to 11.2). */
    static final double[] BUCKET_WEIGHTS = {1.8, 1.3, 1.0, 0.8, 0.7, 0.7, 0.8, 1.0, 1.3, 1.8};
    private static final double[] CUMULATIVE = cumulative();


    public VwapSchedule(final long startNs, final long endNs, final long preferredIntervalNs, final long quantity)
    {
        super(startNs, endNs, preferredIntervalNs, quantity);
    }

    @Override
    public long targetAfterSlice(final int slice)
    {
        final int k1 = Math.min(slice, clock.slices - 1) + 1;
        return SliceClock.doneFor(quantity, 1.0 - curveFraction((double)k1 / clock.slices));
    }

    /** F(u): the share of the period's volume traded by fraction u of it. */
    static double curveFraction(final double u)
    {
        if (u <= 0.0)
        {
            return 0.0;
        }
        if (u >= 1.0)
        {
            return 1.0;
        }
        final int buckets = BUCKET_WEIGHTS.length;
        final double position = u * buckets;
        final int bucket = (int)position;
        final double within = position - bucket;
        return CUMULATIVE[bucket] + within * (CUMULATIVE[bucket + 1] - CUMULATIVE[bucket]);
    }

    private static double[] cumulative()
    {
        double total = 0.0;
        for (final double weight : BUCKET_WEIGHTS)
        {
            total += weight;
        }
        final double[] cumulative = new double[BUCKET_WEIGHTS.length + 1];
        for (int i = 0; i < BUCKET_WEIGHTS.length; i++)
        {
            cumulative[i + 1] = cumulative[i] + BUCKET_WEIGHTS[i] / total;
        }
        cumulative[BUCKET_WEIGHTS.length] = 1.0;
        return cumulative;
    }
}
