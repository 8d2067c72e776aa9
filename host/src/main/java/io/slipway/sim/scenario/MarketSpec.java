package io.slipway.sim.scenario;

import io.slipway.domain.Instruments;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The exchanges' side of a world: which instruments on which of SIMA, SIMB, SIMC, the latent
 * price's volatility, the exogenous flow, impact and latency. Units are in the names, as in the
 * scenario file; field names in messages are the file's keys under {@code market}.
 */
public record MarketSpec(Instant startTime, List<String> instruments, List<String> venues, double annualVolatility,
    double quoteIntervalMs, double resilienceSeconds, double refreshProbability, double takerRateMultiplier,
    double takerLimitBps, double impactY, double dailyVolumeUsd, double propagatorTau0Seconds,
    int propagatorExponentials, double impactRateTimeConstantSeconds, double latencyMinMs, double latencyMaxMs,
    boolean delayMarketData)
{
    /** The exchanges a world can run. */
    public static final List<String> EXCHANGES = List.of("SIMA", "SIMB", "SIMC");

    /** 2024-08-09T00:00:00Z, right after the recordings the market is calibrated on. */
    public static final Instant DEFAULT_START = Instant.ofEpochSecond(1_723_161_600L);

    /** The base case: the simulated market's own defaults (calibrated depth and flow, 50%/yr, 1-3 ms). */
    public static final MarketSpec DEFAULTS = new MarketSpec(DEFAULT_START, List.of("BTC-USD", "ETH-USD"), EXCHANGES,
        0.5, 100, 3.0, 0.1, 1.0, 10.0, 1.0, 0.0, 1.0, 5, 15.0, 1.0, 3.0, true);

    public MarketSpec
    {
        Specs.required("startTime", startTime);
        instruments = List.copyOf(instruments);
        venues = List.copyOf(venues);
        checkList("instruments", instruments, Instruments.all().stream().map(i -> i.symbol()).toList());
        checkList("venues", venues, EXCHANGES);
        if (!(annualVolatility >= 0 && annualVolatility < 10))
        {
            throw new IllegalArgumentException("annualVolatility must be in [0, 10), was " + annualVolatility);
        }
        aboveZero("quoteIntervalMs", quoteIntervalMs, 60_000);
        aboveZero("resilienceSeconds", resilienceSeconds, 3_600);
        Specs.range("refreshProbability", refreshProbability, 0.0, 1.0);
        aboveZero("takerRateMultiplier", takerRateMultiplier, 1_000);
        aboveZero("takerLimitBps", takerLimitBps, 10_000);
        Specs.range("impactY", impactY, 0.0, 100);
        Specs.range("dailyVolumeUsd", dailyVolumeUsd, 0.0, 1e13);
        aboveZero("propagator.tau0Seconds", propagatorTau0Seconds, 86_400);
        Specs.range("propagator.exponentials", propagatorExponentials, 1, 8);
        aboveZero("impactRateTimeConstantSeconds", impactRateTimeConstantSeconds, 86_400);
        Specs.range("latencyMs.min", latencyMinMs, 0.0, 60_000);
        Specs.range("latencyMs.max", latencyMaxMs, latencyMinMs, 60_000);
    }

    /** Nanoseconds since the epoch at which the world starts. */
    public long startTimeNs()
    {
        return startTime.getEpochSecond() * 1_000_000_000L + startTime.getNano();
    }

    private static void aboveZero(final String field, final double value, final double max)
    {
        if (!(value > 0 && value <= max))
        {
            throw new IllegalArgumentException(field + " must be in (0, " + max + "], was " + value);
        }
    }

    private static void checkList(final String field, final List<String> values, final List<String> known)
    {
        if (values.isEmpty())
        {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        final Set<String> seen = new HashSet<>();
        for (final String value : values)
        {
            if (!known.contains(value))
            {
                throw new IllegalArgumentException(field + " has unknown '" + value + "'; known: " + known);
            }
            if (!seen.add(value))
            {
                throw new IllegalArgumentException(field + " lists '" + value + "' twice");
            }
        }
    }
}
