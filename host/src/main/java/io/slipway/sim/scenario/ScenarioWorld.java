package io.slipway.sim.scenario;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.sim.market.SimulatedMarket;

import java.util.ArrayList;
import java.util.List;

/** Turns a scenario and a seed into the simulated market's configuration; the pair describes the whole world. */
public final class ScenarioWorld
{
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private ScenarioWorld()
    {
    }

    /** A concluded (validated) context; calibration is the market's default. */
    public static SimulatedMarket.Context context(final Scenario scenario, final long seed)
    {
        final MarketSpec market = scenario.market();
        final List<Instrument> instruments = new ArrayList<>();
        for (final String symbol : market.instruments())
        {
            instruments.add(Instruments.bySymbol(symbol));
        }
        return new SimulatedMarket.Context()
            .seed(seed)
            .startTimeNs(market.startTimeNs())
            .instruments(instruments)
            .venues(market.venues())
            .annualVolatility(market.annualVolatility())
            .quoteIntervalNs(nanos(market.quoteIntervalMs()))
            .resilienceSeconds(market.resilienceSeconds())
            .refreshProbability(market.refreshProbability())
            .takerRateMultiplier(market.takerRateMultiplier())
            .takerLimitBps(market.takerLimitBps())
            .impactY(market.impactY())
            .dailyVolumeUsd(market.dailyVolumeUsd())
            .propagator(market.propagatorTau0Seconds(), market.propagatorExponentials())
            .impactRateTimeConstantSeconds(market.impactRateTimeConstantSeconds())
            .latencyRangeNs(nanos(market.latencyMinMs()), nanos(market.latencyMaxMs()))
            .delayMarketData(market.delayMarketData())
            .regimes(scenario.regimes())
            .jumps(scenario.jumps())
            .arbitrage(scenario.arbitrage())
            .depthMultiplier(scenario.depthMultiplier())
            .dealers(scenario.dealers())
            .amms(scenario.amms())
            .events(scenario.events())
            .conclude();
    }

    /** Milliseconds to whole nanoseconds, rounded, at least 1 for a positive interval. */
    static long nanos(final double millis)
    {
        final long nanos = Math.round(millis * NANOS_PER_MILLI);
        return millis > 0 ? Math.max(1, nanos) : nanos;
    }
}
