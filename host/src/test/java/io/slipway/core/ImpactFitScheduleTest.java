package io.slipway.core;

import io.slipway.analytics.ImpactFit;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core reads the feedback loop's fitted impact coefficient: the Almgren-Chriss schedules solve against the
 * calibrated temporary impact scaled by Y / Y_prior, and without a fit nothing changes, bit for bit.
 */
class ImpactFitScheduleTest
{
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private static final long QTY = 50_00000000L;

    private static long[] targets(final Strategy strategy, final CoreContext context)
    {
        final Schedule schedule = Schedules.create(strategy, context.sliceIntervalNs(MINUTE).conclude(), 0, HOUR, QTY);
        final long[] targets = new long[schedule.slices()];
        for (int k = 0; k < targets.length; k++)
        {
            targets[k] = schedule.targetAfterSlice(k);
        }
        return targets;
    }

    @Test
    void theAlmgrenChrissSchedulesSolveAgainstTheFittedCoefficient()
    {
        final ImpactFit doubled = new ImpactFit(2.0, 1.0, 12, 12.0 / 17.0, 0.1, "test");
        for (final Strategy strategy : new Strategy[] {Strategy.IS, Strategy.ADAPTIVE_AC})
        {
            final long[] calibrated = targets(strategy, new CoreContext().riskAversion(0.1));
            final long[] fitted = targets(strategy, new CoreContext().riskAversion(0.1).impactFit(doubled));
            final long[] twiceCalibrated = targets(strategy, new CoreContext().riskAversion(0.1).impactBpsPerHour(20.0));
            assertEquals(java.util.Arrays.toString(twiceCalibrated), java.util.Arrays.toString(fitted),
                strategy + ": a fit of 2 at a prior of 1 is the calibrated impact doubled");
            assertNotEquals(java.util.Arrays.toString(calibrated), java.util.Arrays.toString(fitted), strategy.name());
            // Dearer impact spreads the order more evenly: less done after the first slice.
            assertTrue(fitted[0] < calibrated[0], strategy + ": " + fitted[0] + " against " + calibrated[0]);
        }
        final CoreContext plain = new CoreContext();
        assertEquals(Double.doubleToLongBits(plain.impactBpsPerHour()),
            Double.doubleToLongBits(plain.effectiveImpactBpsPerHour()), "no fit, the calibrated figure bit for bit");
        assertEquals(20.0, AcModel.of(new CoreContext().impactFit(doubled)).temporaryImpactBps(1.0, 3600.0), 1e-12);
    }

    @Test
    void aFitOutsideItsRangeCannotBeMade()
    {
        final String message = assertThrows(IllegalArgumentException.class,
            () -> new ImpactFit(25.0, 1.0, 3, 0.375, Double.NaN, "test")).getMessage();
        assertTrue(message.contains("impact coefficient must be in [0.05, 20.0], was 25.0"), message);
    }
}
