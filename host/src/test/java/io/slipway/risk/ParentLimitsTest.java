package io.slipway.risk;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParentLimitsTest
{
    @Test
    void participationCap()
    {
        assertEquals(ParentLimits.UNLIMITED, ParentLimits.participationAllowance(1.0, 0, 0));
        assertEquals(100, ParentLimits.participationAllowance(0.1, 1_000, 0));
        assertEquals(40, ParentLimits.participationAllowance(0.1, 1_000, 60));
        assertEquals(0, ParentLimits.participationAllowance(0.1, 1_000, 150), "over the cap is nothing, not negative");
        assertEquals(0, ParentLimits.participationAllowance(0.1, 0, 0), "no tape, no participation");
    }

    @Test
    void deviationFromSchedule()
    {
        assertEquals(600, ParentLimits.scheduleAllowance(500, 0, 1_000, 0.1));
        assertEquals(0, ParentLimits.scheduleAllowance(500, 600, 1_000, 0.1));
        assertEquals(0, ParentLimits.scheduleAllowance(500, 700, 1_000, 0.1));
    }

    @Test
    void limitPrice()
    {
        assertTrue(ParentLimits.withinLimit(true, 0, 1_000_000), "no limit");
        assertTrue(ParentLimits.withinLimit(true, 100, 100));
        assertFalse(ParentLimits.withinLimit(true, 100, 101));
        assertTrue(ParentLimits.withinLimit(false, 100, 101));
        assertFalse(ParentLimits.withinLimit(false, 100, 99));
    }

    @Test
    void adverseMoveByThSide()
    {
        assertEquals(100.0, ParentLimits.adverseMoveBps(true, 100.0, 101.0), 1e-9);
        assertEquals(-100.0, ParentLimits.adverseMoveBps(false, 100.0, 101.0), 1e-9);
        assertEquals(100.0, ParentLimits.adverseMoveBps(false, 100.0, 99.0), 1e-9);
        assertTrue(Double.isNaN(ParentLimits.adverseMoveBps(true, 100.0, Double.NaN)));
    }

    @Test
    void adversePauseHasHysteresis()
    {
        assertFalse(ParentLimits.shouldPause(false, 99.0, 100.0, 0.8));
        assertTrue(ParentLimits.shouldPause(false, 100.0, 100.0, 0.8));
        assertTrue(ParentLimits.shouldPause(true, 85.0, 100.0, 0.8), "paused until under 80");
        assertFalse(ParentLimits.shouldPause(true, 79.0, 100.0, 0.8));
        assertTrue(ParentLimits.shouldPause(true, Double.NaN, 100.0, 0.8), "no market keeps the state");
    }

    @Test
    void contextNamesTheBadThreshold()
    {
        assertMessage("reducingFactor", () -> new RiskContext().reducingFactor(1.0).conclude());
        assertMessage("staleFeedNs", () -> new RiskContext().staleFeedNs(10, 5).conclude());
        assertMessage("divergenceBps", () -> new RiskContext().divergenceBps(50, 10).conclude());
        assertMessage("volatilityWindows", () -> new RiskContext().volatilityWindows(30, 10, 30).conclude());
        assertMessage("spreadRatios", () -> new RiskContext().spreadRatios(0, 10).conclude());
        assertMessage("adverseMoveBps", () -> new RiskContext().adverseMoveBps(-1).conclude());
        assertMessage("scheduleAheadTolerance", () -> new RiskContext().scheduleAheadTolerance(2).conclude());
        new RiskContext().conclude();
    }

    private static void assertMessage(final String name, final Runnable action)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(ex.getMessage().contains(name), ex.getMessage());
    }
}
