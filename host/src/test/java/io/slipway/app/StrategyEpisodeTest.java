package io.slipway.app;

import io.slipway.core.CoreContext;
import io.slipway.core.QPolicy;
import io.slipway.core.Strategy;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.sim.scenario.Scenario;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.tca.TcaReport;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategyEpisodeTest
{
    private static final long HORIZON_NS = TimeUnit.MINUTES.toNanos(5);

    private static TcaReport run(final Scenario calm, final Strategy strategy, final long seed)
    {
        return StrategyEpisode.run(calm, seed, strategy, new CoreContext().learnedPolicy(new QPolicy()), Instruments.BTC_USD, Side.SELL, "5",
            HORIZON_NS);
    }

    @Test
    void everyStrategyWorksThroughTheApplianceAndRepeatsBitForBit()
    {
        final Scenario calm = ScenarioLoader.loadNamed("calm");
        for (final Strategy strategy : Strategy.values())
        {
            final TcaReport first = run(calm, strategy, 11);
            final TcaReport again = run(calm, strategy, 11);
            assertEquals(first, again, strategy + ": same seed, same result");
            assertEquals(strategy.name(), first.strategy());
            assertTrue(first.completion() > 0.999, strategy + " filled " + first.completion());
            assertTrue(first.completedNs() <= first.endNs() + TimeUnit.SECONDS.toNanos(10), strategy + " respects the end");
        }
    }

    @Test
    void frontLoadedStrategiesFinishSooner()
    {
        final Scenario calm = ScenarioLoader.loadNamed("calm");
        final TcaReport twap = run(calm, Strategy.TWAP, 12);
        final TcaReport immediate = run(calm, Strategy.IMMEDIATE, 12);
        assertTrue(immediate.completedNs() < twap.completedNs());
        assertTrue(immediate.completedNs() - immediate.startNs() < TimeUnit.MINUTES.toNanos(1));
    }
}
