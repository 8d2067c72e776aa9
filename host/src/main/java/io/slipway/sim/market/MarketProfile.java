package io.slipway.sim.market;

import java.util.Arrays;

/**
 * What one recorded market looks like, as measured by {@link CalibrationTool}: spread, depth
 * profile by distance from mid, trade rate and taker order sizes, tick and lot. All money in
 * USD (quote), all quantities in base units (COIN-M contracts already converted).
 */
public final class MarketProfile
{
    /** Distance bucket edges in bps from mid: [0,1), [1,2), [2,5), [5,10), [10,25), [25,50). */
    public static final double[] DEPTH_BUCKET_EDGES_BPS = {0, 1, 2, 5, 10, 25, 50};
    public static final int DEPTH_BUCKETS = DEPTH_BUCKET_EDGES_BPS.length - 1;
    /** Probabilities at which taker order size quantiles are recorded. */
    public static final double[] SIZE_QUANTILE_PROBABILITIES =
        {0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1};

    private final String market;
    private final double tickSize;
    private final double lotSize;
    private final double contractUsd;
    private final double durationSeconds;
    private final double lastMid;
    private final double spreadMedianBps;
    private final double spreadP95Bps;
    private final double spreadMeanBps;
    private final double[] bidDepthUsd;
    private final double[] askDepthUsd;
    private final double tradesPerSecond;
    private final double takerOrdersPerSecond;
    private final double notionalUsdPerHour;
    private final double buyFraction;
    private final double[] takerSizeQuantiles;

    public MarketProfile(
        final String market,
        final double tickSize,
        final double lotSize,
        final double contractUsd,
        final double durationSeconds,
        final double lastMid,
        final double spreadMedianBps,
        final double spreadP95Bps,
        final double spreadMeanBps,
        final double[] bidDepthUsd,
        final double[] askDepthUsd,
        final double tradesPerSecond,
        final double takerOrdersPerSecond,
        final double notionalUsdPerHour,
        final double buyFraction,
        final double[] takerSizeQuantiles)
    {
        if (bidDepthUsd.length != DEPTH_BUCKETS || askDepthUsd.length != DEPTH_BUCKETS)
        {
            throw new IllegalArgumentException(market + ": expected " + DEPTH_BUCKETS + " depth buckets");
        }
        if (takerSizeQuantiles.length != SIZE_QUANTILE_PROBABILITIES.length)
        {
            throw new IllegalArgumentException(market + ": expected " + SIZE_QUANTILE_PROBABILITIES.length +
                " size quantiles");
        }
        for (int i = 1; i < takerSizeQuantiles.length; i++)
        {
            if (takerSizeQuantiles[i] < takerSizeQuantiles[i - 1] || takerSizeQuantiles[0] <= 0)
            {
                throw new IllegalArgumentException(market + ": size quantiles must be positive and non-decreasing");
            }
        }
        if (tickSize <= 0 || lotSize <= 0 || lastMid <= 0 || takerOrdersPerSecond <= 0)
        {
            throw new IllegalArgumentException(market + ": tick, lot, mid and taker rate must be positive");
        }
        this.market = market;
        this.tickSize = tickSize;
        this.lotSize = lotSize;
        this.contractUsd = contractUsd;
        this.durationSeconds = durationSeconds;
        this.lastMid = lastMid;
        this.spreadMedianBps = spreadMedianBps;
        this.spreadP95Bps = spreadP95Bps;
        this.spreadMeanBps = spreadMeanBps;
        this.bidDepthUsd = bidDepthUsd.clone();
        this.askDepthUsd = askDepthUsd.clone();
        this.tradesPerSecond = tradesPerSecond;
        this.takerOrdersPerSecond = takerOrdersPerSecond;
        this.notionalUsdPerHour = notionalUsdPerHour;
        this.buyFraction = buyFraction;
        this.takerSizeQuantiles = takerSizeQuantiles.clone();
    }

    public String market()
    {
        return market;
    }

    /** Price tick in quote currency. */
    public double tickSize()
    {
        return tickSize;
    }

    /** Quantity step in base units; for COIN-M one contract at the last mid. */
    public double lotSize()
    {
        return lotSize;
    }

    /** USD face value of one contract (COIN-M), 0 for linear markets. */
    public double contractUsd()
    {
        return contractUsd;
    }

    public double durationSeconds()
    {
        return durationSeconds;
    }

    public double lastMid()
    {
        return lastMid;
    }

    public double spreadMedianBps()
    {
        return spreadMedianBps;
    }

    public double spreadP95Bps()
    {
        return spreadP95Bps;
    }

    public double spreadMeanBps()
    {
        return spreadMeanBps;
    }

    /** Mean resting USD on the bid side in each distance bucket. */
    public double bidDepthUsd(final int bucket)
    {
        return bidDepthUsd[bucket];
    }

    public double askDepthUsd(final int bucket)
    {
        return askDepthUsd[bucket];
    }

    /** Mean of bid and ask resting USD in a bucket. */
    public double depthUsd(final int bucket)
    {
        return 0.5 * (bidDepthUsd[bucket] + askDepthUsd[bucket]);
    }

    /** Mean resting USD per side (average of the two sides) within maxBps of mid. */
    public double depthWithinUsd(final double maxBps)
    {
        double total = 0;
        for (int i = 0; i < DEPTH_BUCKETS && DEPTH_BUCKET_EDGES_BPS[i + 1] <= maxBps; i++)
        {
            total += depthUsd(i);
        }
        return total;
    }

    /** Recorded trades (one per maker match) per second. */
    public double tradesPerSecond()
    {
        return tradesPerSecond;
    }

    /** Aggressive orders per second (trades sharing transaction time and aggressor merged). */
    public double takerOrdersPerSecond()
    {
        return takerOrdersPerSecond;
    }

    public double notionalUsdPerHour()
    {
        return notionalUsdPerHour;
    }

    /** Share of taker orders that were buys. */
    public double buyFraction()
    {
        return buyFraction;
    }

    /** Taker order size quantile in base units at {@link #SIZE_QUANTILE_PROBABILITIES}[i]. */
    public double takerSizeQuantile(final int i)
    {
        return takerSizeQuantiles[i];
    }

    /**
     * Draws a taker order size in base units from the empirical quantiles, interpolating
     * log-linearly between recorded quantiles (sizes span four decades).
     */
    public double sampleTakerSize(final double u)
    {
        final double[] p = SIZE_QUANTILE_PROBABILITIES;
        int i = 1;
        while (i < p.length - 1 && u > p[i])
        {
            i++;
        }
        final double w = (u - p[i - 1]) / (p[i] - p[i - 1]);
        final double lo = Math.log(takerSizeQuantiles[i - 1]);
        final double hi = Math.log(takerSizeQuantiles[i]);
        return Math.exp(lo + Math.min(1, Math.max(0, w)) * (hi - lo));
    }

    /** Mean of {@link #sampleTakerSize(double)} over u in [0, 1] (midpoint rule). */
    public double meanSampledTakerSize()
    {
        final int n = 20_000;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += sampleTakerSize((i + 0.5) / n);
        }
        return sum / n;
    }

    @Override
    public String toString()
    {
        return market + "{tick=" + tickSize + ", lot=" + lotSize + ", spreadMedianBps=" + spreadMedianBps +
            ", depthUsd=" + Arrays.toString(bidDepthUsd) + "/" + Arrays.toString(askDepthUsd) +
            ", takerOrdersPerSecond=" + takerOrdersPerSecond + ", notionalUsdPerHour=" + notionalUsdPerHour + "}";
    }
}
