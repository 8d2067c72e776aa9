package io.slipway.core;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwapScheduleTest
{
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    @Test
    void fourHoursInOneMinuteSlicesEndsExactlyOnTheQuantity()
    {
        final long qty = 1_000_000_000L; // 1000 BTC in micro-BTC
        final TwapSchedule schedule = new TwapSchedule(0, 240 * MINUTE, MINUTE, qty);
        assertEquals(240, schedule.slices());
        assertEquals(MINUTE, schedule.intervalNs());
        assertEquals(239 * MINUTE, schedule.sliceTimeNs(239), "last slice a whole interval before the end");
        long previous = 0;
        for (int k = 0; k < 240; k++)
        {
            final long target = schedule.targetAfterSlice(k);
            assertTrue(target > previous);
            final long step = target - previous;
            assertTrue(step == qty / 240 || step == qty / 240 + 1, "equal slices up to one unit");
            previous = target;
        }
        assertEquals(qty, schedule.targetAfterSlice(239));
        assertEquals(qty, schedule.targetAfterSlice(10_000), "past the end the target is the whole order");
    }

    @Test
    void shortHorizonGetsOneSlice()
    {
        final TwapSchedule schedule = new TwapSchedule(0, MINUTE / 2, MINUTE, 7);
        assertEquals(1, schedule.slices());
        assertEquals(7, schedule.targetAfterSlice(0));
    }

    @Test
    void hugeQuantitiesDoNotOverflow()
    {
        final long qty = Long.MAX_VALUE / 3;
        final TwapSchedule schedule = new TwapSchedule(0, 1000 * MINUTE, MINUTE, qty);
        assertEquals(qty, schedule.targetAfterSlice(999));
        assertTrue(schedule.targetAfterSlice(499) > 0);
    }

    @Test
    void rejectsNonsense()
    {
        assertThrows(IllegalArgumentException.class, () -> new TwapSchedule(10, 10, MINUTE, 1));
        assertThrows(IllegalArgumentException.class, () -> new TwapSchedule(0, MINUTE, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TwapSchedule(0, MINUTE, MINUTE, 0));
    }
}
