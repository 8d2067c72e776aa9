package io.slipway.sim.scenario;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The format reference names every key the loader accepts, so a new key cannot go undocumented. */
class ScenarioFormatDocTest
{
    @Test
    void readmeDocumentsEveryKey() throws IOException
    {
        final String readme;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("scenarios/README.md"))
        {
            assertNotNull(in);
            readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        final List<String> keys = new ArrayList<>();
        keys.addAll(ScenarioLoader.TOP_LEVEL);
        keys.addAll(ScenarioLoader.MARKET);
        ScenarioLoader.PROPAGATOR.forEach(k -> keys.add("propagator." + k));
        ScenarioLoader.LATENCY.forEach(k -> keys.add("latencyMs." + k));
        keys.addAll(ScenarioLoader.REGIMES);
        keys.addAll(ScenarioLoader.JUMPS);
        keys.addAll(ScenarioLoader.ARBITRAGE);
        keys.addAll(ScenarioLoader.DEALER);
        keys.addAll(ScenarioLoader.AMM);
        keys.addAll(ScenarioLoader.ORDER);
        keys.addAll(ScenarioLoader.EVENT_TYPES);
        keys.addAll(ScenarioLoader.LIQUIDITY_FLUSH);
        keys.addAll(ScenarioLoader.SPOOFING);
        keys.addAll(ScenarioLoader.QUOTE_STUFFING);
        keys.addAll(ScenarioLoader.VENUE_EVENT);
        final List<String> missing = keys.stream().distinct().filter(k -> !readme.contains("`" + k + "`")).toList();
        assertEquals(List.of(), missing);
    }
}
