package io.slipway.sim.market;

import io.slipway.domain.Side;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImpactModelTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final double TAU0 = 1.0;

    private static ImpactModel model(final double c)
    {
        return new ImpactModel(new double[]{0, c}, TAU0, 5, 86_400, SECOND, 0);
    }

    @Test
    void fittedPropagatorFollowsInverseSquareRoot()
    {
        final ImpactModel model = model(1);
        for (final double tau : new double[]{0, 1, 10, 60, 600, 3_600, 14_400, 43_200})
        {
            final double exact = 1 / Math.sqrt(tau + TAU0);
            assertEquals(exact, model.propagator(tau), exact * 0.12, "G(" + tau + ")");
        }
    }

    /** Runs a constant-rate buy of q per second for durationSeconds and records the impact path. */
    private static double[] metaorder(final ImpactModel model, final double perSecond, final int durationSeconds,
        final int observeSeconds)
    {
        final double[] path = new double[observeSeconds + 1];
        for (int s = 0; s <= observeSeconds; s++)
        {
            final long now = s * SECOND;
            path[s] = model.impact(1, now);
            if (s < durationSeconds)
            {
                model.onHostTakerFill(1, Side.BUY, perSecond / 2, now + SECOND / 4);
                model.onHostTakerFill(1, Side.BUY, perSecond / 2, now + 3 * SECOND / 4);
            }
        }
        return path;
    }

    @Test
    void constantRateMetaorderPeaksNearTwoCSqrtQAndDecays()
    {
        final double c = 1e-4;
        final int t = 3_600;
        final double q = 500;
        final double[] path = metaorder(model(c), q / t, t, 4 * t);
        int peakAt = 0;
        for (int s = 0; s < path.length; s++)
        {
            if (path[s] > path[peakAt])
            {
                peakAt = s;
            }
        }
        final double theory = 2 * c * Math.sqrt(q);
        assertEquals(t, peakAt, 2, "peak at the end of the metaorder");
        assertEquals(theory, path[peakAt], theory * 0.1, "square-root law peak");
        assertEquals(0.41, path[2 * t] / path[peakAt], 0.06, "decay at 2T");
        assertEquals(0.27, path[4 * t] / path[peakAt], 0.06, "decay at 4T");
    }

    @Test
    void peakDoesNotDependOnDuration()
    {
        final double c = 1e-4;
        final double q = 200;
        final double[] slow = metaorder(model(c), q / 7_200, 7_200, 7_200);
        final double[] fast = metaorder(model(c), q / 900, 900, 900);
        assertEquals(slow[7_200], fast[900], slow[7_200] * 0.1);
        final double[] quadruple = metaorder(model(c), 4 * q / 900, 900, 900);
        assertEquals(2.0, quadruple[900] / fast[900], 0.01, "impact grows like sqrt(Q)");
    }

    @Test
    void sellsPushDownAndOtherInstrumentsAreUntouched()
    {
        final ImpactModel model = new ImpactModel(new double[]{0, 1e-4, 1e-4}, TAU0, 5, 86_400, SECOND, 0);
        model.onHostTakerFill(2, Side.SELL, 10, SECOND / 2);
        assertTrue(model.impact(2, 2 * SECOND) < 0);
        assertEquals(0.0, model.impact(1, 2 * SECOND));
    }

    @Test
    void coefficientMatchesSquareRootLawCalibration()
    {
        // Y = 1, sigma_d = 2.6%, V_d = $30B at $100k: $100M costs about 15 bps (field notes, section 2).
        final double vd = 30e9 / 100_000;
        final double c = ImpactModel.coefficient(1.0, 0.026, vd);
        assertEquals(0.0015, 2 * c * Math.sqrt(100e6 / 100_000), 0.0001);
    }
}
