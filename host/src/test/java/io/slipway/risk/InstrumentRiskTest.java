package io.slipway.risk;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each market breaker through ACTIVE, REDUCING, HALTED and back, driven only by the inputs given. */
class InstrumentRiskTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final double MID = 60_000.0;

    private static RiskContext context()
    {
        return new RiskContext().evaluationIntervalNs(0).minHoldNs(0);
    }

    @Test
    void staleFeedReducesThenHaltsThenRecoversOnFreshData()
    {
        final InstrumentRisk risk = new InstrumentRisk(context().staleFeedNs(5 * SECOND, 30 * SECOND));
        assertFalse(risk.onMarket(0, MID, 1.0, MID, MID, 0));
        assertFalse(risk.onTime(4 * SECOND));
        assertTrue(risk.onTime(5 * SECOND));
        assertEquals(BreakerState.REDUCING, risk.staleFeed().state());
        assertTrue(risk.onTime(30 * SECOND));
        assertEquals(BreakerState.HALTED, risk.state());
        assertTrue(risk.reason().contains("stale feed HALTED"), risk.reason());
        assertTrue(risk.onMarket(31 * SECOND, MID, 1.0, MID, MID, 31 * SECOND));
        assertEquals(BreakerState.ACTIVE, risk.state());
        assertEquals("", risk.reason());
    }

    @Test
    void crossVenueDivergence()
    {
        final InstrumentRisk risk = new InstrumentRisk(context().divergenceBps(50, 200));
        risk.onMarket(0, MID, 1.0, MID - 1.0, MID + 1.0, 0);
        assertEquals(BreakerState.ACTIVE, risk.state());
        // 60 bps between the lowest and highest venue mid
        assertTrue(risk.onMarket(SECOND, MID, 1.0, MID * (1 - 0.003), MID * (1 + 0.003), SECOND));
        assertEquals(BreakerState.REDUCING, risk.divergence().state());
        assertTrue(risk.onMarket(2 * SECOND, MID, 1.0, MID * 0.99, MID * 1.01, 2 * SECOND));
        assertEquals(BreakerState.HALTED, risk.state());
        // 45 bps: under 50 but not under 0.8 * 50, so still reducing once below 160
        assertTrue(risk.onMarket(3 * SECOND, MID, 1.0, MID * (1 - 0.00225), MID * (1 + 0.00225), 3 * SECOND));
        assertEquals(BreakerState.REDUCING, risk.state());
        assertTrue(risk.onMarket(4 * SECOND, MID, 1.0, MID, MID, 4 * SECOND));
        assertEquals(BreakerState.ACTIVE, risk.state());
    }

    @Test
    void volatilitySpikeAgainstItsOwnBaseline()
    {
        final InstrumentRisk risk = new InstrumentRisk(context()
            .volatilitySampleIntervalNs(SECOND)
            .volatilityWindows(3, 1_000, 30)
            .volatilityRatios(9, 25)
            .spreadRatios(1_000, 1_000));
        long t = 0;
        double mid = MID;
        // calm: +-1 bp a second
        for (int i = 0; i < 60; i++, t += SECOND)
        {
            mid *= i % 2 == 0 ? 1.0001 : 0.9999;
            risk.onMarket(t, mid, 1.0, mid, mid, t);
        }
        assertEquals(BreakerState.ACTIVE, risk.volatility().state());
        // +-4 bp: 16 times the variance of the calm, once the short window sees it
        BreakerState seen = BreakerState.ACTIVE;
        for (int i = 0; i < 4; i++, t += SECOND)
        {
            mid *= i % 2 == 0 ? 1.0004 : 0.9996;
            risk.onMarket(t, mid, 1.0, mid, mid, t);
            seen = seen.worst(risk.volatility().state());
        }
        assertEquals(BreakerState.REDUCING, seen, "ratio " + risk.volatility().lastValue());
        // +-10 bp: 100 times
        for (int i = 0; i < 4; i++, t += SECOND)
        {
            mid *= i % 2 == 0 ? 1.001 : 0.999;
            risk.onMarket(t, mid, 1.0, mid, mid, t);
        }
        assertEquals(BreakerState.HALTED, risk.volatility().state(), "ratio " + risk.volatility().lastValue());
        assertEquals(BreakerState.HALTED, risk.state());
        // calm again for long enough: the short variance decays below the resume levels
        for (int i = 0; i < 40; i++, t += SECOND)
        {
            mid *= i % 2 == 0 ? 1.0001 : 0.9999;
            risk.onMarket(t, mid, 1.0, mid, mid, t);
        }
        assertEquals(BreakerState.ACTIVE, risk.volatility().state(), "ratio " + risk.volatility().lastValue());
    }

    @Test
    void volatilityNeedsItsWarmUp()
    {
        final InstrumentRisk risk = new InstrumentRisk(context().volatilityWindows(3, 200, 30));
        double mid = MID;
        for (int i = 0; i < 10; i++)
        {
            mid *= i < 5 ? 1.00001 : 1.01;
            risk.onMarket(i * SECOND, mid, 1.0, mid, mid, i * SECOND);
        }
        assertEquals(BreakerState.ACTIVE, risk.volatility().state(), "ten samples are not a baseline");
        assertTrue(Double.isNaN(risk.volatility().lastValue()));
    }

    @Test
    void spreadBlowOutAgainstItsBaseline()
    {
        final InstrumentRisk risk = new InstrumentRisk(context()
            .spreadBaseline(100, 10)
            .spreadFloorBps(0.5)
            .spreadRatios(5, 20));
        final double oneBp = MID * 1e-4;
        long t = 0;
        for (int i = 0; i < 20; i++, t += SECOND)
        {
            risk.onMarket(t, MID, oneBp, MID, MID, t);
        }
        assertEquals(BreakerState.ACTIVE, risk.spread().state());
        assertTrue(risk.onMarket(t, MID, 6 * oneBp, MID, MID, t));
        assertEquals(BreakerState.REDUCING, risk.spread().state());
        t += SECOND / 10;
        assertTrue(risk.onMarket(t, MID, 25 * oneBp, MID, MID, t));
        assertEquals(BreakerState.HALTED, risk.state());
        t += SECOND / 10;
        assertTrue(risk.onMarket(t, MID, oneBp, MID, MID, t));
        assertEquals(BreakerState.ACTIVE, risk.state());
    }

    @Test
    void spreadFloorKeepsOneTickMarketsQuiet()
    {
        final InstrumentRisk risk = new InstrumentRisk(context().spreadBaseline(100, 10).spreadFloorBps(2.0));
        final double tick = 0.01;
        long t = 0;
        for (int i = 0; i < 20; i++, t += SECOND)
        {
            risk.onMarket(t, MID, tick, MID, MID, t);
        }
        // ten ticks is 0.017 bps: far under the floor of 2 bps times 5
        risk.onMarket(t, MID, 10 * tick, MID, MID, t);
        assertEquals(BreakerState.ACTIVE, risk.spread().state());
    }

    @Test
    void evaluationIsRateLimitedOnCoreTime()
    {
        final InstrumentRisk risk = new InstrumentRisk(new RiskContext().evaluationIntervalNs(SECOND / 10));
        assertTrue(risk.wantsMarket(0));
        risk.onMarket(0, MID, 1.0, MID, MID, 0);
        assertFalse(risk.wantsMarket(SECOND / 20));
        assertTrue(risk.wantsMarket(SECOND / 10));
    }
}
