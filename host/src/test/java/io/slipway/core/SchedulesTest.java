package io.slipway.core;

import io.slipway.analytics.AlmgrenChriss;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulesTest
{
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private static final long QTY = 50_00000000L;

    private static void assertMonotoneToWhole(final Schedule schedule, final long quantity)
    {
        long previous = 0;
        for (int k = 0; k < schedule.slices(); k++)
        {
            final long target = schedule.targetAfterSlice(k);
            assertTrue(target >= previous, "targets never go down at slice " + k);
            assertTrue(target <= quantity);
            previous = target;
        }
        assertEquals(quantity, schedule.targetAfterSlice(schedule.slices() - 1), "the last target is the whole order");
    }

    @Test
    void isFrontLoadsAgainstTwapAndMoreSoWithMoreRiskAversion()
    {
        final TwapSchedule twap = new TwapSchedule(0, HOUR, MINUTE, QTY);
        final IsSchedule is = new IsSchedule(0, HOUR, MINUTE, QTY, new AcModel(0.5, 10.0, 0.01));
        final IsSchedule urgent = new IsSchedule(0, HOUR, MINUTE, QTY, new AcModel(0.5, 10.0, 0.1));
        assertMonotoneToWhole(is, QTY);
        assertMonotoneToWhole(urgent, QTY);
        for (final int k : new int[] {0, 10, 30, 50})
        {
            assertTrue(is.targetAfterSlice(k) > twap.targetAfterSlice(k), "IS ahead of TWAP at slice " + k);
            assertTrue(urgent.targetAfterSlice(k) > is.targetAfterSlice(k), "more risk aversion, further ahead");
        }
    }

    @Test
    void isWithoutRiskAversionIsTwap()
    {
        final TwapSchedule twap = new TwapSchedule(0, HOUR, MINUTE, QTY);
        final IsSchedule is = new IsSchedule(0, HOUR, MINUTE, QTY, new AcModel(0.5, 10.0, 0.0));
        for (int k = 0; k < twap.slices(); k++)
        {
            assertEquals(twap.targetAfterSlice(k), is.targetAfterSlice(k), 1.0);
        }
    }

    @Test
    void isFollowsTheAlmgrenChrissTrajectory()
    {
        final AcModel model = new AcModel(0.5, 10.0, 0.01);
        final IsSchedule is = new IsSchedule(0, HOUR, MINUTE, QTY, model);
        final AlmgrenChriss ac = model.solve(3600.0, 60, model.sigmaBpsPerSqrtSecond());
        assertEquals(Math.round(QTY * (1.0 - ac.holdings(20))), is.targetAfterSlice(19), 1.0);
    }

    @Test
    void vwapFollowsItsUShapedCurve()
    {
        final VwapSchedule vwap = new VwapSchedule(0, HOUR, MINUTE, QTY);
        assertMonotoneToWhole(vwap, QTY);
        // First tenth of the horizon carries 1.8 / 11.2 of the volume, the middle tenths 0.7 / 11.2.
        assertEquals(Math.round(QTY * 1.8 / 11.2), vwap.targetAfterSlice(5), 1.0);
        assertEquals(Math.round(QTY * 0.5), vwap.targetAfterSlice(29), 1.0);
        final long firstTenth = vwap.targetAfterSlice(5);
        final long middleTenth = vwap.targetAfterSlice(29) - vwap.targetAfterSlice(23);
        assertEquals(1.8 / 0.7, (double)firstTenth / middleTenth, 1e-6);
    }

    @Test
    void povTracksItsShareOfAKnownTape()
    {
        final PovSchedule pov = new PovSchedule(0, HOUR, TimeUnit.SECONDS.toNanos(10), QTY, 0.10);
        assertEquals(360, pov.slices());
        assertEquals(0, pov.targetAfterSlice(0));
        long tape = 0;
        for (int i = 1; i <= 100; i++)
        {
            final long print = 1_000_000L * i;
            pov.onMarketTrade(6_000_000_000_000L, print, i * 1_000_000_000L);
            tape += print;
            assertEquals(tape / 10, pov.targetAfterSlice(i), "10% of the tape so far");
        }
        pov.onMarketTrade(6_000_000_000_000L, 10 * QTY, HOUR / 2);
        assertEquals(QTY, pov.targetAfterSlice(200), "capped at the order");
        assertThrows(IllegalArgumentException.class, () -> new PovSchedule(0, HOUR, MINUTE, QTY, 1.0));
    }

    @Test
    void adaptiveAcOnScheduleMatchesStaticAndResolvesWhenBehind()
    {
        final AcModel model = new AcModel(0.5, 10.0, 0.01);
        final IsSchedule is = new IsSchedule(0, HOUR, MINUTE, QTY, model);
        final AdaptiveAcSchedule onPlan = new AdaptiveAcSchedule(0, HOUR, MINUTE, QTY, model);
        onPlan.onSliceReleased(0, 0, 0);
        assertEquals(is.targetAfterSlice(0), onPlan.targetAfterSlice(0), 1.0);
        onPlan.onSliceReleased(1, is.targetAfterSlice(0), MINUTE);
        // Almgren-Chriss is time-consistent: solved again on plan, it keeps the same path.
        assertEquals(is.targetAfterSlice(1), onPlan.targetAfterSlice(1), 2.0);
        assertEquals(3, onPlan.solves());

        final AdaptiveAcSchedule behind = new AdaptiveAcSchedule(0, HOUR, MINUTE, QTY, model);
        behind.onSliceReleased(1, 0, MINUTE);
        final AlmgrenChriss rest = model.solve(59 * 60.0, 59, model.sigmaBpsPerSqrtSecond());
        assertEquals(Math.round(QTY * (1.0 - rest.holdings(1))), behind.targetAfterSlice(1), 1.0);
        assertTrue(behind.targetAfterSlice(1) < is.targetAfterSlice(1), "the shortfall is spread, not owed at once");
        assertMonotoneToWhole(behind, QTY);
    }

    @Test
    void adaptiveAcTradesSoonerWhenTheTapeIsTurbulent()
    {
        final AcModel model = new AcModel(0.5, 10.0, 0.01);
        final AdaptiveAcSchedule calm = new AdaptiveAcSchedule(0, HOUR, MINUTE, QTY, model);
        final AdaptiveAcSchedule wild = new AdaptiveAcSchedule(0, HOUR, MINUTE, QTY, model);
        for (int k = 0; k < 20; k++)
        {
            calm.onMarketTrade(6_000_000_000_000L, 1, k * MINUTE);
            wild.onMarketTrade(k % 2 == 0 ? 6_000_000_000_000L : 6_060_000_000_000L, 1, k * MINUTE);
            calm.onSliceReleased(k, calm.targetAfterSlice(Math.max(k - 1, 0)), k * MINUTE);
            wild.onSliceReleased(k, calm.targetAfterSlice(Math.max(k - 1, 0)), k * MINUTE);
        }
        assertTrue(wild.sigmaBpsPerSqrtSecond() > 5 * calm.sigmaBpsPerSqrtSecond());
        assertTrue(wild.targetAfterSlice(19) > calm.targetAfterSlice(19));
        assertNotEquals(calm.targetAfterSlice(30), wild.targetAfterSlice(30));
    }

    @Test
    void immediateOwesEverythingAtOnce()
    {
        final ImmediateSchedule now = new ImmediateSchedule(5, QTY);
        assertEquals(1, now.slices());
        assertEquals(5, now.sliceTimeNs(0));
        assertEquals(QTY, now.targetAfterSlice(0));
    }

    @Test
    void everyStrategyHasAScheduleAndItsFixCode()
    {
        // LEARNED needs a policy; an empty table acts as its TWAP baseline.
        final CoreContext context = new CoreContext().sliceIntervalNs(MINUTE).learnedPolicy(new QPolicy()).conclude();
        for (final Strategy strategy : Strategy.values())
        {
            final Schedule schedule = Schedules.create(strategy, context, 0, HOUR, QTY);
            assertTrue(schedule.slices() >= 1);
            assertEquals(strategy, Strategy.fromFixCode(strategy.fixCode()));
        }
        assertEquals(1, Strategy.VWAP.fixCode());
        assertEquals(2, Strategy.POV.fixCode());
        assertEquals(1001, Strategy.TWAP.fixCode());
        assertEquals(1002, Strategy.IS.fixCode());
        assertEquals(1003, Strategy.ADAPTIVE_AC.fixCode());
        assertEquals(1005, Strategy.LEARNED.fixCode());
        assertEquals(1006, Strategy.SUBMIT_AND_LEAVE.fixCode());
        final CoreContext noModel = new CoreContext().sliceIntervalNs(MINUTE).conclude();
        final IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> Schedules.create(Strategy.LEARNED, noModel, 0, HOUR, QTY));
        assertTrue(refused.getMessage().contains("needs a model"), refused.getMessage());
    }

    @Test
    void anUntrainedLearnedScheduleIsTwapSliceBySlice()
    {
        final CoreContext context = new CoreContext().sliceIntervalNs(MINUTE).learnedPolicy(new QPolicy()).conclude();
        final Schedule learned = Schedules.create(Strategy.LEARNED, context, 0, HOUR, QTY);
        final TwapSchedule twap = new TwapSchedule(0, HOUR, MINUTE, QTY);
        assertEquals(twap.slices(), learned.slices());
        long done = 0;
        for (int k = 0; k < twap.slices(); k++)
        {
            learned.onMarketState(60_000.0 + k, 0.01, k % 2 == 0 ? 0.3 : -0.3, twap.sliceTimeNs(k));
            learned.onSliceReleased(k, done, twap.sliceTimeNs(k));
            assertEquals(twap.targetAfterSlice(k), learned.targetAfterSlice(k), "slice " + k);
            assertEquals(0, learned.passiveWindowNs(k), "the baseline takes at once");
            done = twap.targetAfterSlice(k);
        }
        assertEquals(QTY, done);
    }
}
