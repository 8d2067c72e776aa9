package io.slipway.analytics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
