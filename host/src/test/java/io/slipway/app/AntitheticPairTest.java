package io.slipway.app;

import io.slipway.analytics.EpisodeStatistics;
import io.slipway.core.CoreContext;
import io.slipway.core.Strategy;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.sim.scenario.Scenario;
import io.slipway.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TWAP order on a seed's world and on its mirror: the timing costs, which are the price's drift
 * over the order, nearly cancel within each pair, while the execution costs stay alike.
 */
class AntitheticPairTest
{
    @Test
    void twapTimingCostNearlyCancelsWithinAPair()
    {
        final Scenario calm = ScenarioLoader.loadNamed("calm");
        final int pairs = 4;
        final double[] world = new double[pairs];
        final double[] mirror = new double[pairs];
        double sumSq = 0;
        double diffSq = 0;
        for (int i = 0; i < pairs; i++)
        {
            world[i] = timing(calm, 31 + i, false);
            mirror[i] = timing(calm, 31 + i, true);
            sumSq += (world[i] + mirror[i]) * (world[i] + mirror[i]);
            diffSq += (world[i] - mirror[i]) * (world[i] - mirror[i]);
        }
        final double correlation = EpisodeStatistics.correlation(world, mirror);
        System.out.printf("antithetic TWAP timing: world %s, mirror %s, correlation %.4f%n",
            java.util.Arrays.toString(world), java.util.Arrays.toString(mirror), correlation);
        assertTrue(diffSq > 0, "the mirror is another world");
        // Same world twice would give correlation +1 and sumSq = 4 x the timing's square.
        assertTrue(sumSq < 0.01 * diffSq, "pair sums " + sumSq + " against differences " + diffSq);
        assertTrue(correlation < -0.95, "correlation " + correlation);
    }

    @Test
    void withoutTheMirrorTheEpisodeRepeats()
    {
        final Scenario calm = ScenarioLoader.loadNamed("calm");
        assertEquals(Double.doubleToRawLongBits(timing(calm, 31, false)),
            Double.doubleToRawLongBits(timing(calm, 31, false)));
    }

    private static double timing(final Scenario scenario, final long seed, final boolean mirror)
    {
        final StrategyEpisode.Result result = StrategyEpisode.measure(scenario, seed, mirror, Strategy.TWAP,
            new CoreContext(), Instruments.BTC_USD, Side.SELL, "5", 600_000_000_000L);
        assertEquals(1.0, result.tca().completion(), 1e-12);
        return result.tca().impactTimingBps() - result.ownImpactBps() * result.tca().completion();
    }
}
