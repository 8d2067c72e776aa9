package io.slipway.risk;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest
{
    private static final long SECOND = 1_000_000_000L;

    private final CircuitBreaker breaker = new CircuitBreaker("test", 10.0, 20.0, 0.8, 5 * SECOND);

    @Test
    void stepsUpAtEachThreshold()
    {
        assertFalse(breaker.update(9.99, 0));
        assertEquals(BreakerState.ACTIVE, breaker.state());
        assertTrue(breaker.update(10.0, SECOND));
        assertEquals(BreakerState.REDUCING, breaker.state());
        assertTrue(breaker.update(20.0, 2 * SECOND));
        assertEquals(BreakerState.HALTED, breaker.state());
        assertEquals(2, breaker.trips());
        assertEquals(2 * SECOND, breaker.changedAtNs());
    }

    @Test
    void jumpsStraightToHalted()
    {
        assertTrue(breaker.update(100.0, 0));
        assertEquals(BreakerState.HALTED, breaker.state());
        assertEquals(1, breaker.trips());
    }

    @Test
    void stepsDownOnlyBelowTheResumeLevelAndAfterTheHoldTime()
    {
        breaker.update(25.0, 0);
        // below the halt threshold but not below 0.8 of it: stays halted however long it lasts
        assertFalse(breaker.update(17.0, 10 * SECOND));
        assertEquals(BreakerState.HALTED, breaker.state());

        final CircuitBreaker fresh = new CircuitBreaker("test", 10.0, 20.0, 0.8, 5 * SECOND);
        fresh.update(25.0, 0);
        assertFalse(fresh.update(12.0, SECOND), "inside the hold time");
        assertEquals(BreakerState.HALTED, fresh.state());
        assertTrue(fresh.update(12.0, 5 * SECOND));
        assertEquals(BreakerState.REDUCING, fresh.state());
    }

    @Test
    void haltedToReducingToActive()
    {
        breaker.update(25.0, 0);
        assertTrue(breaker.update(12.0, 5 * SECOND));
        assertEquals(BreakerState.REDUCING, breaker.state());
        assertFalse(breaker.update(9.0, 11 * SECOND), "9 is under reduceAt but above 0.8 of it");
        assertEquals(BreakerState.REDUCING, breaker.state());
        assertTrue(breaker.update(7.9, 11 * SECOND));
        assertEquals(BreakerState.ACTIVE, breaker.state());
        assertEquals(1, breaker.trips());
    }

    @Test
    void haltedCanDropStraightToActive()
    {
        breaker.update(25.0, 0);
        assertTrue(breaker.update(1.0, 5 * SECOND));
        assertEquals(BreakerState.ACTIVE, breaker.state());
    }

    @Test
    void noMeasurementChangesNothing()
    {
        breaker.update(15.0, 0);
        assertFalse(breaker.update(Double.NaN, 100 * SECOND));
        assertEquals(BreakerState.REDUCING, breaker.state());
        assertEquals(15.0, breaker.lastValue());
    }

    @Test
    void refusesBadThresholds()
    {
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker("x", 0.0, 1.0, 0.8, 0));
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker("x", 2.0, 1.0, 0.8, 0));
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker("x", 1.0, 2.0, 0.0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker("x", 1.0, 2.0, 1.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker("x", 1.0, 2.0, 0.8, -1));
    }
}
