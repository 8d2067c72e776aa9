package io.slipway.sim.scenario;

import io.slipway.domain.Side;
import io.slipway.sim.market.SimulatedMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The named library: every scenario loads and maps, and each one is the world its name promises. */
class ScenarioLibraryTest
{
    static List<String> names()
    {
        return ScenarioLoader.list();
    }

    @Test
    void libraryHasTheAgreedScenarios()
    {
        assertTrue(names().containsAll(
            List.of("calm", "volatile", "thin", "flash-dip", "spoofed", "dealer-rich", "outage", "btc-1000-4h")),
            names().toString());
    }

    @Test
    void everyFileInTheFolderIsListed() throws IOException
    {
        // Surefire runs in the module folder.
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/scenarios")))
        {
            final List<String> stems = files.map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".yaml"))
                .map(n -> n.substring(0, n.length() - ".yaml".length()))
                .sorted()
                .toList();
            assertEquals(names().stream().sorted().toList(), stems);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void loadsAndMaps(final String name)
    {
        final Scenario scenario = ScenarioLoader.loadNamed(name);
        assertEquals(name, scenario.name());
        assertTrue(scenario.description().length() > 40, "a description that says why");
        final SimulatedMarket.Context context = ScenarioWorld.context(scenario, 42);
        assertEquals(42, context.seed());
        assertEquals(scenario.events(), context.events());
        assertEquals(scenario.dealers(), context.dealers());
        assertEquals(scenario.amms(), context.amms());
        assertEquals(scenario.depthMultiplier(), context.depthMultiplier());
    }

    @Test
    void calmIsQuiet()
    {
        final Scenario calm = ScenarioLoader.loadNamed("calm");
        assertTrue(calm.market().annualVolatility() >= 0.4 && calm.market().annualVolatility() <= 0.55);
        assertNull(calm.regimes());
        assertNull(calm.jumps());
        assertTrue(calm.events().isEmpty());
    }

    @Test
    void volatileSwitchesToStressVolatility()
    {
        final RegimeSpec regimes = ScenarioLoader.loadNamed("volatile").regimes();
        assertTrue(regimes.stressVolatility() >= 0.8 && regimes.stressVolatility() <= 1.5, regimes.toString());
        assertTrue(regimes.calmVolatility() < regimes.stressVolatility());
        assertTrue(ScenarioLoader.loadNamed("volatile").jumps().perDay() > 0);
    }

    @Test
    void thinHasHalfDepth()
    {
        assertEquals(0.5, ScenarioLoader.loadNamed("thin").depthMultiplier());
    }

    @Test
    void flashDipGapsAndRebounds()
    {
        final List<EventSpec> events = ScenarioLoader.loadNamed("flash-dip").events();
        assertEquals(1, events.size());
        final EventSpec.LiquidityFlush flush = (EventSpec.LiquidityFlush)events.get(0);
        assertTrue(flush.moveBps() < 0);
        assertTrue(flush.reboundSeconds() > 0);
        assertTrue(flush.depthRemaining() < 1);
        assertNull(flush.venue(), "every venue");
    }

    @Test
    void spoofedSpoofsOnSima()
    {
        final EventSpec.Spoofing spoofing = ScenarioLoader.loadNamed("spoofed").events().stream()
            .filter(e -> e instanceof EventSpec.Spoofing).map(e -> (EventSpec.Spoofing)e).findFirst().orElseThrow();
        assertEquals("SIMA", spoofing.venue());
        assertEquals(Side.BUY, spoofing.side());
    }

    @Test
    void dealerRichHasDealersWithDifferentSpreadsAndAPool()
    {
        final Scenario scenario = ScenarioLoader.loadNamed("dealer-rich");
        assertTrue(scenario.dealers().size() >= 2 && scenario.dealers().size() <= 3);
        assertEquals(scenario.dealers().size(),
            scenario.dealers().stream().mapToDouble(DealerSpec::spreadBps).distinct().count());
        assertFalse(scenario.amms().isEmpty());
        assertTrue(scenario.dealers().size() + scenario.amms().size() <= Scenario.MAX_DEALERS_AND_AMMS);
    }

    @Test
    void outageTakesSimbDownForMinutesAndStalesSimc()
    {
        final List<EventSpec> events = ScenarioLoader.loadNamed("outage").events();
        final EventSpec.VenueOutage outage = (EventSpec.VenueOutage)events.get(0);
        assertEquals("SIMB", outage.venue());
        assertTrue(outage.durationSeconds() >= 60);
        final EventSpec.StaleFeed stale = (EventSpec.StaleFeed)events.get(1);
        assertEquals("SIMC", stale.venue());
    }

    @Test
    void btc1000Over4hIsATwapSellOnTheBaseCase()
    {
        final Scenario scenario = ScenarioLoader.loadNamed("btc-1000-4h");
        assertEquals(new OrderSpec(Side.SELL, "1000", "BTC-USD", "TWAP", 240), scenario.order());
        assertEquals(MarketSpec.DEFAULTS, scenario.market());
        assertEquals(1.0, scenario.depthMultiplier());
    }
}
