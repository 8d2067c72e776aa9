package io.slipway.core;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearnedScheduleLiquidityTest
{
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private static final long QTY = 60_00000000L;
    private static final long SLICE = QTY / 60;
    private static final AcModel MODEL = new AcModel(0.5, 10.0, 0.01);

    private static LearnedSchedule learned(final double floor)
    {
        return new LearnedSchedule(0, HOUR, MINUTE, QTY, MODEL, new QPolicy(), true, floor);
    }

    /** Releases slice k with the given lit depth and returns what the schedule then wants done. */
    private static long release(final Schedule schedule, final int k, final long done, final double depth)
    {
        final long nowNs = k * MINUTE;
        schedule.onMarketState(60_000.0, 0.01, 0.0, nowNs);
        schedule.onDepth(depth, nowNs);
        schedule.onSliceReleased(k, done, nowNs);
        return schedule.targetAfterSlice(k);
    }

    @Test
    void holdsBackWhileTheBookIsPulledAndCatchesUpAtMostThreeSlicesAtATime()
    {
        final LearnedSchedule schedule = learned(0.5);
        long done = 0;
        for (int k = 0; k < 10; k++)
        {
            done = release(schedule, k, done, 40.0);
            assertEquals((k + 1) * SLICE, done, "normal depth: the TWAP slice " + k);
        }
        for (int k = 10; k < 15; k++)
        {
            assertEquals(done, release(schedule, k, done, 8.0), "depth at 20% of the reference: nothing at " + k);
            assertEquals(0.0, schedule.lastLiquidityShare());
        }
        final long halfway = release(schedule, 15, done, 30.0);
        assertEquals(0.5, schedule.lastLiquidityShare(), 1e-12, "75% of the reference is half way from the floor");
        assertEquals(done + Math.round(0.5 * 3 * SLICE), halfway, "half of the capped catch-up slice");
        done = halfway;
        long previous = done;
        for (int k = 16; k < 60; k++)
        {
            done = release(schedule, k, done, 40.0);
            assertTrue(done - previous <= 3 * SLICE, "catch-up is at most three slices, slice " + k);
            previous = done;
        }
        assertEquals(QTY, done);
    }

    @Test
    void aBookThatNeverComesBackStillFinishesTheOrder()
    {
        final LearnedSchedule schedule = learned(0.5);
        long done = release(schedule, 0, 0, 40.0);
        long previous = done;
        for (int k = 1; k < 60; k++)
        {
            done = release(schedule, k, done, 0.0);
            assertTrue(done >= previous && done - previous <= 3 * SLICE, "slice " + k);
            assertTrue(QTY - done <= 3 * SLICE * (59 - k), "the rest fits the slices left, slice " + k);
            previous = done;
        }
        assertEquals(QTY, done);
    }

    @Test
    void aMarketThinFromTheStartIsTradedAsTwap()
    {
        final LearnedSchedule schedule = learned(0.5);
        long done = 0;
        for (int k = 0; k < 60; k++)
        {
            done = release(schedule, k, done, 2.0);
            assertEquals(Math.min(QTY, (k + 1) * SLICE), done, "slice " + k);
        }
    }

    @Test
    void withTheRuleOffAPulledBookIsTradedAsTwap()
    {
        final LearnedSchedule schedule = learned(0.0);
        final TwapSchedule twap = new TwapSchedule(0, HOUR, MINUTE, QTY);
        long done = 0;
        for (int k = 0; k < 60; k++)
        {
            done = release(schedule, k, done, k < 10 ? 40.0 : 1.0);
            assertEquals(twap.targetAfterSlice(k), done, "slice " + k);
        }
    }

    @Test
    void aFloorOutsideZeroToOneIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> learned(1.0));
        assertThrows(IllegalArgumentException.class, () -> learned(-0.1));
        assertThrows(IllegalArgumentException.class, () -> learned(Double.NaN));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new CoreContext().liquidityFloor(1.5).conclude());
        assertTrue(ex.getMessage().contains("liquidityFloor"), ex.getMessage());
    }
}
