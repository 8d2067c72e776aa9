package io.slipway.sim.calibration;

/**
 * What one venue's book and tape looked like, measured the same way for a simulated and a
 * recorded market. Depth is the time-averaged resting USD per side within each of
 * {@link #DISTANCES_BPS} of the mid (cumulative). A volatility of NaN means it could not be
 * measured (no recording available).
 *
 * @param venue             SIMA, SIMB or SIMC
 * @param market            calibrated market name, e.g. spot_btcusdt
 * @param source            "simulated" or "recorded"
 * @param seconds           measured span in seconds
 * @param tickBps           price tick in bps of the mid
 * @param medianSpreadBps   median quoted spread
 * @param p95SpreadBps      95th percentile quoted spread
 * @param bidDepthUsd       resting bid USD within each distance
 * @param askDepthUsd       resting ask USD within each distance
 * @param tradeUsdPerHour   traded notional per hour
 * @param oneSecondVolBps   standard deviation of one-second log changes of the mid, in bps
 */
public record VenueStatistics(
    String venue,
    String market,
    String source,
    double seconds,
    double tickBps,
    double medianSpreadBps,
    double p95SpreadBps,
    double[] bidDepthUsd,
    double[] askDepthUsd,
    double tradeUsdPerHour,
    double oneSecondVolBps)
{
    /** Cumulative depth distances from mid in bps; 5, 10 and 25 are the ones held to tolerance. */
    public static final double[] DISTANCES_BPS = {1, 2, 5, 10, 25, 50};

    public VenueStatistics
    {
        if (bidDepthUsd.length != DISTANCES_BPS.length || askDepthUsd.length != DISTANCES_BPS.length)
        {
            throw new IllegalArgumentException("expected one depth per distance " + DISTANCES_BPS.length);
        }
        bidDepthUsd = bidDepthUsd.clone();
        askDepthUsd = askDepthUsd.clone();
    }

    /** Index of a distance in {@link #DISTANCES_BPS}. */
    public static int distanceIndex(final double bps)
    {
        for (int i = 0; i < DISTANCES_BPS.length; i++)
        {
            if (DISTANCES_BPS[i] == bps)
            {
                return i;
            }
        }
        throw new IllegalArgumentException("no depth measured within " + bps + " bps");
    }

    /** Mean of bid and ask USD within a distance. */
    public double depthWithinUsd(final double bps)
    {
        final int i = distanceIndex(bps);
        return 0.5 * (bidDepthUsd[i] + askDepthUsd[i]);
    }

    public double bidDepthWithinUsd(final double bps)
    {
        return bidDepthUsd[distanceIndex(bps)];
    }

    public double askDepthWithinUsd(final double bps)
    {
        return askDepthUsd[distanceIndex(bps)];
    }

    /** Median spread in ticks (1 = the book is one tick wide half of the time or more). */
    public double medianSpreadTicks()
    {
        return medianSpreadBps / tickBps;
    }

    public boolean hasVolatility()
    {
        return !Double.isNaN(oneSecondVolBps);
    }
}
