package io.slipway.analytics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpisodeStatisticsTest
{
    @Test
    void meanSdAndCvar()
    {
        final double[] x = {1, 2, 3, 4, 10};
        assertEquals(4.0, EpisodeStatistics.mean(x), 1e-12);
        assertEquals(Math.sqrt((9 + 4 + 1 + 0 + 36) / 4.0), EpisodeStatistics.sd(x), 1e-12);
        assertEquals(10.0, EpisodeStatistics.cvar95(x), 1e-12, "one worst outcome below 20 episodes");
        final double[] forty = new double[40];
        for (int i = 0; i < 40; i++)
        {
            forty[i] = i;
        }
        assertEquals(38.5, EpisodeStatistics.cvar95(forty), 1e-12, "worst two of forty");
    }

    @Test
    void tQuantilesMatchTables()
    {
        assertEquals(12.706, EpisodeStatistics.tQuantile975(1), 1e-3);
        assertEquals(3.182, EpisodeStatistics.tQuantile975(3), 4e-3);
        assertEquals(2.262, EpisodeStatistics.tQuantile975(9), 1e-3);
        assertEquals(2.093, EpisodeStatistics.tQuantile975(19), 1e-3);
        assertEquals(2.010, EpisodeStatistics.tQuantile975(49), 1e-3);
        final double[] x = {1, 2, 3, 4, 10};
        assertEquals(2.776 * EpisodeStatistics.sd(x) / Math.sqrt(5), EpisodeStatistics.halfWidth95(x), 5e-3);
    }

    @Test
    void antitheticPairsAreTheSamplesAndTheRatioIntervalIsTheDeltaMethods()
    {
        final double[] world = {10, 20, 30, 40};
        final double[] mirror = {14, 16, 34, 44};
        final double[] pairs = EpisodeStatistics.pairMeans(world, mirror);
        assertArrayEquals(new double[]{12, 18, 32, 42}, pairs, 0.0);
        // n = 4 pairs, not 8 episodes: SD (552 / 3)^0.5, interval t(3) x SD / 2.
        assertEquals(Math.sqrt(552.0 / 3), EpisodeStatistics.sd(pairs), 1e-12);
        assertEquals(EpisodeStatistics.tQuantile975(3) * Math.sqrt(552.0 / 3) / 2, EpisodeStatistics.halfWidth95(pairs),
            1e-12);
        assertEquals(3.1824, EpisodeStatistics.halfWidth95(pairs) / (Math.sqrt(552.0 / 3) / 2), 4e-3, "t(3), not t(7)");

        // mean(x) / mean(y) = 104 / 120; residuals x - R y = -16/3, 2/3, -8/3, 22/3 with SD (808 / 27)^0.5.
        final double[] twap = {20, 20, 40, 40};
        assertEquals(104.0 / 120, EpisodeStatistics.ratioOfMeans(pairs, twap), 1e-15);
        assertEquals(EpisodeStatistics.tQuantile975(3) * Math.sqrt(808.0 / 27) / (2 * 30),
            EpisodeStatistics.ratioHalfWidth95(pairs, twap), 1e-12);
        assertTrue(Double.isNaN(EpisodeStatistics.ratioHalfWidth95(new double[]{1}, new double[]{2})), "one pair");
        assertTrue(Double.isNaN(EpisodeStatistics.ratioOfMeans(pairs, new double[]{1, -1, 2, -2})), "mean(y) zero");

        assertEquals(-1.0, EpisodeStatistics.correlation(new double[]{1, 2, 3}, new double[]{6, 4, 2}), 1e-12);
        assertEquals(1.0, EpisodeStatistics.correlation(world, world), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> EpisodeStatistics.pairMeans(world, new double[]{1}));
    }
}
