package io.slipway.sim.calibration;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TWAP metaorders through the simulated appliance from 1e-5 to 1e-2 of daily volume follow the
 * square-root law within {@link CalibrationReport}'s tolerances: exponent in [0.4, 0.6], Y in
 * [0.5, 2], impact at 2T 0.41 +/-0.10 and at 4T 0.27 +/-0.10 of the impact at T. Four sizes
 * and two seeds (the command runs seven and four) to keep the test quick; T stays at 10 minutes
 * because a shorter T lets the 15 s flow averaging and the last slice's early end lift the 2T ratio.
 */
class ImpactCurveTest
{
    @Test
    void metaordersThroughTheApplianceFollowTheSquareRootLaw()
    {
        final ImpactCurve.Result r = ImpactCurve.measure(new ImpactCurve.Settings(
            new double[]{1e-5, 1e-4, 1e-3, 1e-2}, new long[]{1, 2}, TimeUnit.MINUTES.toNanos(10),
            TimeUnit.SECONDS.toNanos(10)));
        final CalibrationReport report = new CalibrationReport(1, 0,
            List.of(), List.of(), r);
        System.out.print(report.text());
        for (final ImpactCurve.Point p : r.points())
        {
            assertTrue(p.filledFraction() > 0.95, "filled " + p.filledFraction() + " at Q/V " + p.qOverV());
        }
        for (int i = 1; i < r.points().size(); i++)
        {
            assertTrue(r.points().get(i).costBps() > r.points().get(i - 1).costBps(), "cost grows with size");
            assertTrue(r.points().get(i).bookImpactBps()[0] > r.points().get(i - 1).bookImpactBps()[0],
                "impact grows with size");
        }
        assertEquals(4, r.costFit().points(), "every size has a positive mean cost");
        for (final CalibrationCheck check : report.checks())
        {
            assertTrue(check.passed(), check.toString());
        }
        assertTrue(r.yCost() < r.yPeak(), "a TWAP pays less than the peak impact (about 2/3 of it)");
    }

    @Test
    void fitRecoversAnExactPowerLawAndSkipsNonPositiveCosts()
    {
        final List<ImpactCurve.Point> points = List.of(
            point(1e-5, 3 * Math.pow(1e-5, 0.55)),
            point(1e-4, 3 * Math.pow(1e-4, 0.55)),
            point(1e-3, 3 * Math.pow(1e-3, 0.55)),
            point(1e-2, -0.1));
        final ImpactCurve.Fit fit = ImpactCurve.fit(points);
        assertEquals(0.55, fit.exponent(), 1e-12);
        assertEquals(3, fit.prefactorBps(), 1e-9);
        assertEquals(1, fit.rSquared(), 1e-12);
        assertEquals(3, fit.points());
        assertEquals(3 * Math.pow(1e-4, 0.55), fit.at(1e-4), 1e-12);
    }

    private static ImpactCurve.Point point(final double qv, final double cost)
    {
        return new ImpactCurve.Point(qv, qv * 700_000, 1, 1, cost, 0, cost, 0, new double[3], new double[3]);
    }
}
