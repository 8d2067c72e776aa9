package io.slipway.sim.scenario;

import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.sim.market.SimulatedMarket;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Round trip of the format's full example: file, scenario, market context, field by field. The
 * context has no getters for some settings; those are read from its fields.
 */
class ScenarioWorldTest
{
    /** The yaml block of the format documentation, so the documented example is the tested one. */
    static String documentedExample() throws IOException
    {
        try (InputStream in = ScenarioWorldTest.class.getClassLoader().getResourceAsStream("scenarios/README.md"))
        {
            assertNotNull(in);
            final String readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            final int start = readme.indexOf("```yaml\n") + "```yaml\n".length();
            return readme.substring(start, readme.indexOf("```", start));
        }
    }

    private static Object field(final SimulatedMarket.Context context, final String name) throws Exception
    {
        final Field field = SimulatedMarket.Context.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(context);
    }

    @Test
    void documentedExampleParsesIntoEveryField() throws IOException
    {
        final Scenario scenario = ScenarioLoader.parse("example.yaml", documentedExample());
        assertEquals("example", scenario.name());
        assertTrue(scenario.description().startsWith("Every key of the format"));
        final MarketSpec market = scenario.market();
        assertEquals(List.of("BTC-USD", "ETH-USD"), market.instruments());
        assertEquals(List.of("SIMA", "SIMB"), market.venues());
        assertEquals(0.6, market.annualVolatility());
        assertEquals(0.75, scenario.depthMultiplier());
        assertEquals(50, market.quoteIntervalMs());
        assertEquals(15e9, market.dailyVolumeUsd());
        assertEquals(new RegimeSpec(0.45, 1.1, 8, 1.5), scenario.regimes());
        assertEquals(new JumpSpec(3, -5, 60), scenario.jumps());
        assertEquals(new ArbitrageSpec(2, 1.5), scenario.arbitrage());
        assertEquals(List.of(new DealerSpec("DLR-A", 3, 2.5, 750, 0.03, 75e6, 45)), scenario.dealers());
        assertEquals(List.of(new AmmSpec("AMM-ETH", "ETH-USD", 10_000, 0.0005, 3.5, 12_000)), scenario.amms());
        assertEquals(List.of(
            new EventSpec.LiquidityFlush(300, "SIMA", "BTC-USD", 0.3, -120, 240),
            new EventSpec.Spoofing(900, 600, "SIMB", null, Side.SELL, 15, 4, 1.5),
            new EventSpec.QuoteStuffing(1200, 30, "SIMA", "ETH-USD", 2000),
            new EventSpec.VenueOutage(1800, 180, "SIMB"),
            new EventSpec.StaleFeed(2400, 45, "SIMA")), scenario.events());
        assertEquals(new OrderSpec(Side.BUY, "250.5", "ETH-USD", "TWAP", 90), scenario.order());
    }

    @Test
    void contextHoldsEveryValue() throws Exception
    {
        final Scenario scenario = ScenarioLoader.parse("example.yaml", documentedExample());
        final SimulatedMarket.Context context = ScenarioWorld.context(scenario, 7_919);

        assertEquals(7_919, context.seed());
        assertEquals(1_723_204_800_000_000_000L, context.startTimeNs(), "2024-08-09T12:00:00Z");
        assertEquals(List.of(Instruments.BTC_USD, Instruments.ETH_USD), field(context, "instruments"));
        assertEquals(List.of("SIMA", "SIMB"), field(context, "venues"));
        assertEquals(0.6, context.annualVolatility());
        assertEquals(50_000_000L, field(context, "quoteIntervalNs"));
        assertEquals(4.5, field(context, "resilienceSeconds"));
        assertEquals(0.2, field(context, "refreshProbability"));
        assertEquals(1.25, field(context, "takerRateMultiplier"));
        assertEquals(12.0, field(context, "takerLimitBps"));
        assertEquals(0.9, field(context, "impactY"));
        assertEquals(15e9, field(context, "dailyVolumeUsd"));
        assertEquals(2.0, field(context, "propagatorTau0Seconds"));
        assertEquals(4, field(context, "propagatorExponentials"));
        assertEquals(20.0, field(context, "impactRateTimeConstantSeconds"));
        assertEquals(2_000_000L, field(context, "minLatencyNs"));
        assertEquals(5_000_000L, field(context, "maxLatencyNs"));
        assertEquals(false, field(context, "delayMarketData"));
        assertNull(field(context, "fixedLatencyNs"));
        assertNotNull(field(context, "calibration"), "concluded");
        assertEquals(scenario.regimes(), context.regimes());
        assertEquals(scenario.jumps(), context.jumps());
        assertEquals(scenario.arbitrage(), context.arbitrage());
        assertEquals(0.75, context.depthMultiplier());
        assertEquals(scenario.dealers(), context.dealers());
        assertEquals(scenario.amms(), context.amms());
        assertEquals(scenario.events(), context.events());
    }

    @Test
    void omittedMarketIsTheMarketsOwnDefault() throws Exception
    {
        final Scenario scenario = ScenarioLoader.parse("bare.yaml", "name: bare\ndescription: defaults only\n");
        final SimulatedMarket.Context mapped = ScenarioWorld.context(scenario, 1);
        final SimulatedMarket.Context defaults = new SimulatedMarket.Context().conclude();
        for (final Field field : SimulatedMarket.Context.class.getDeclaredFields())
        {
            if (!field.getName().equals("calibration"))
            {
                field.setAccessible(true);
                assertEquals(field.get(defaults), field.get(mapped), field.getName());
            }
        }
        assertFalse(scenario.orderSpec().isPresent());
    }

    @Test
    void millisecondsRoundToNanoseconds()
    {
        assertEquals(100_000_000L, ScenarioWorld.nanos(100));
        assertEquals(1_500L, ScenarioWorld.nanos(0.0015));
        assertEquals(1L, ScenarioWorld.nanos(1e-9), "a positive interval never rounds to zero");
        assertEquals(0L, ScenarioWorld.nanos(0));
    }
}
