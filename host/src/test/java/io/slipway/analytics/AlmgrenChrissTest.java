package io.slipway.analytics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlmgrenChrissTest
{
    // The parameters of Almgren and Chriss (2000), figure 2.
    private static AlmgrenChriss paperExample(final double lambda)
    {
        return new AlmgrenChriss(1e6, 5, 5, 0.95, 0.0625, 2.5e-7, 2.5e-6, lambda);
    }

    @Test
    void reproducesThePapersOptimalTrajectory()
    {
        final AlmgrenChriss ac = paperExample(2e-6);
        assertEquals(0.84630, ac.kappa(), 5e-6);
        final double[] expected = {1e6, 428599, 182933, 76296, 27643, 0};
        final double[] x = ac.trajectory();
        for (int j = 0; j < expected.length; j++)
        {
            assertEquals(expected[j], x[j], 0.5, "x_" + j);
        }
        assertEquals(1_140_715.17, ac.expectedCost(), 0.005);
        assertEquals(2.01931e11, ac.variance(), 0.000005e11);
    }

    @Test
    void closedFormsAgreeWithTheSumsOverTheTrajectory()
    {
        final AlmgrenChriss ac = paperExample(2e-6);
        assertEquals(ac.expectedCost(ac.trajectory()), ac.expectedCost(), 1e-6);
        assertEquals(ac.variance(ac.trajectory()), ac.variance(), 1.0);
    }

    @Test
    void twapCostAndVarianceMatchThePaper()
    {
        final AlmgrenChriss ac = paperExample(2e-6);
        final double[] twap = ac.linearTrajectory();
        assertEquals(662_500.0, ac.expectedCost(twap), 1e-6);
        assertEquals(1.083e12, ac.variance(twap), 0.0005e12);
    }

    @Test
    void zeroRiskAversionIsTwap()
    {
        final AlmgrenChriss ac = paperExample(0.0);
        assertTrue(ac.isLinear());
        assertEquals(600_000.0, ac.holdings(2), 1e-6);
        assertEquals(662_500.0, ac.expectedCost(), 1e-6);
    }

    @Test
    void optimalTrajectoryBeatsTwapOnTheObjective()
    {
        final AlmgrenChriss ac = paperExample(2e-6);
        assertTrue(ac.objective(ac.trajectory()) < ac.objective(ac.linearTrajectory()));
        final double[] x = ac.trajectory();
        x[2] += 1000.0;
        assertTrue(ac.objective(ac.trajectory()) < ac.objective(x));
    }

    @Test
    void moreRiskAversionFrontLoadsMore()
    {
        assertTrue(paperExample(2e-5).holdings(1) < paperExample(2e-6).holdings(1));
        assertTrue(paperExample(2e-6).holdings(1) < paperExample(2e-7).holdings(1));
    }

    @Test
    void extremeRiskAversionStaysFinite()
    {
        final AlmgrenChriss ac = paperExample(1e3);
        assertTrue(ac.kappa() * 5 > 50);
        assertEquals(0.0, ac.holdings(1), 1.0, "sells nearly all of the million in the first step");
        assertTrue(Double.isFinite(ac.expectedCost()) && Double.isFinite(ac.variance()));
        final AlmgrenChriss near = paperExample(5e-3);
        assertEquals(near.expectedCost(near.trajectory()), near.expectedCost(), 1e-6 * near.expectedCost());
    }
}
