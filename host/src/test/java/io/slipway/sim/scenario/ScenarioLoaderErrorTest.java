package io.slipway.sim.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad file is refused with the file, the key's line and the key's path. */
class ScenarioLoaderErrorTest
{
    @TempDir
    Path dir;

    private ScenarioException refused(final String fileName, final String text) throws IOException
    {
        final Path file = dir.resolve(fileName);
        Files.writeString(file, text);
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
    }

    private static void assertLocated(final ScenarioException ex, final String fileName, final int line,
        final String key)
    {
        assertEquals(fileName, ex.fileName());
        assertEquals(line, ex.line(), ex.getMessage());
        assertEquals(key, ex.key(), ex.getMessage());
        assertTrue(ex.getMessage().startsWith(fileName + ":" + line + ": " + key + ": "), ex.getMessage());
    }

    @Test
    void unknownTopLevelKey() throws IOException
    {
        final ScenarioException ex = refused("colour.yaml", """
            name: colour
            description: a typo at the top
            market:
              venues: [SIMA]
            colour: blue
            """);
        assertLocated(ex, "colour.yaml", 5, "colour");
        assertTrue(ex.problem().contains("unknown key"), ex.problem());
    }

    @Test
    void unknownNestedKey() throws IOException
    {
        final ScenarioException ex = refused("typo.yaml", """
            name: typo
            description: a misspelt market key
            market:
              annualVolatility: 0.5
              depthMultipler: 0.5
            """);
        assertLocated(ex, "typo.yaml", 5, "market.depthMultipler");
        assertTrue(ex.problem().contains("depthMultiplier"), "lists the keys it expected: " + ex.problem());
    }

    @Test
    void unknownKeyInListEntry() throws IOException
    {
        final ScenarioException ex = refused("dealer.yaml", """
            name: dealer
            description: a dealer with a wrong key
            dealers:
              - name: D1
                spreadBps: 2
                sizePremiumBps: 1
                quoteTtlMs: 500
                lastLookRejectProbability: 0.1
                maxNotionalUsd: 1e6
                hedgeMinutes: 10
              - name: D2
                spread: 3
            """);
        assertLocated(ex, "dealer.yaml", 12, "dealers[1].spread");
    }

    @Test
    void unknownEventType() throws IOException
    {
        final ScenarioException ex = refused("event.yaml", """
            name: event
            description: an event type that does not exist
            events:
              - type: venueOutage
                at: 10
                duration: 5
                venue: SIMB
              - type: fatFinger
                at: 20
            """);
        assertLocated(ex, "event.yaml", 8, "events[1].type");
        assertTrue(ex.problem().contains("fatFinger") && ex.problem().contains("liquidityFlush"), ex.problem());
    }

    @Test
    void missingRequiredKeyInSection() throws IOException
    {
        final ScenarioException ex = refused("regimes.yaml", """
            name: regimes
            description: regimes without a stress duration

            regimes:
              calmVolatility: 0.4
              stressVolatility: 1.0
              meanCalmHours: 5
            """);
        assertLocated(ex, "regimes.yaml", 4, "regimes.meanStressHours");
        assertTrue(ex.problem().contains("required"), ex.problem());
    }

    @Test
    void missingRequiredKeyInEvent() throws IOException
    {
        final ScenarioException ex = refused("outage.yaml", """
            name: outage
            description: an outage of no venue
            events:
              - type: staleFeed
                at: 10
                duration: 5
                venue: SIMC
              - type: venueOutage
                at: 10
                duration: 5
            """);
        assertLocated(ex, "outage.yaml", 8, "events[1].venue");
    }

    @Test
    void missingName() throws IOException
    {
        final ScenarioException ex = refused("anon.yaml", """
            description: no name
            """);
        assertLocated(ex, "anon.yaml", 1, "name");
    }

    @Test
    void textWhereANumberBelongs() throws IOException
    {
        final ScenarioException ex = refused("type.yaml", """
            name: type
            description: words for a number
            market:
              depthMultiplier: half
            """);
        assertLocated(ex, "type.yaml", 4, "market.depthMultiplier");
        assertTrue(ex.problem().contains("number") && ex.problem().contains("'half'"), ex.problem());
    }

    @Test
    void quotedNumberIsText() throws IOException
    {
        final ScenarioException ex = refused("quoted.yaml", """
            name: quoted
            description: a quoted number
            jumps:
              perDay: "3"
              meanBps: 0
              sdBps: 10
            """);
        assertLocated(ex, "quoted.yaml", 4, "jumps.perDay");
    }

    @Test
    void decimalWhereAWholeNumberBelongs() throws IOException
    {
        final ScenarioException ex = refused("whole.yaml", """
            name: whole
            description: half a millisecond
            amms:
              - name: P
                instrument: BTC-USD
                baseReserve: 10
                feeRate: 0.003
                gasUsd: 1
                blockTimeMs: 0.5
            """);
        assertLocated(ex, "whole.yaml", 9, "amms[0].blockTimeMs");
    }

    @Test
    void scalarWhereAListBelongs() throws IOException
    {
        final ScenarioException ex = refused("list.yaml", """
            name: list
            description: one venue not in a list
            market:
              venues: SIMA
            """);
        assertLocated(ex, "list.yaml", 4, "market.venues");
    }

    @Test
    void depthMultiplierOutOfRange() throws IOException
    {
        final ScenarioException ex = refused("thin.yaml", """
            # a world with no depth at all
            name: thin
            description: >
              nothing on the book,
              on any venue
            market:
              annualVolatility: 0.5
              depthMultiplier: 0
            """);
        assertLocated(ex, "thin.yaml", 8, "market.depthMultiplier");
        assertEquals("thin.yaml:8: market.depthMultiplier: must be in (0, 100], was 0.0", ex.getMessage());
    }

    @Test
    void specRangeCheckIsLocated() throws IOException
    {
        final ScenarioException ex = refused("flush.yaml", """
            name: flush
            description: a gap larger than the price
            events:
              - type: liquidityFlush
                at: 60
                depthRemaining: 0.5
                moveBps: -20000
                reboundSeconds: 30
            """);
        assertLocated(ex, "flush.yaml", 7, "events[0].moveBps");
        assertTrue(ex.problem().contains("-20000"), ex.problem());
    }

    @Test
    void marketRangeInInlineMappingPointsAtItsLine() throws IOException
    {
        final ScenarioException ex = refused("latency.yaml", """
            name: latency
            description: max below min
            market:
              venues: [SIMA, SIMB]
              latencyMs: { min: 5, max: 1 }
            """);
        assertLocated(ex, "latency.yaml", 5, "market.latencyMs.max");
    }

    @Test
    void eventOnAVenueNotInTheWorld() throws IOException
    {
        final ScenarioException ex = refused("venue.yaml", """
            name: venue
            description: SIMC is not running
            market:
              venues: [SIMA, SIMB]
            events:
              - type: staleFeed
                at: 10
                duration: 5
                venue: SIMC
            """);
        assertLocated(ex, "venue.yaml", 9, "events[0].venue");
    }

    @Test
    void tooManyDealersAndAmms() throws IOException
    {
        final StringBuilder text = new StringBuilder("name: crowd\ndescription: five counterparties\ndealers:\n");
        for (int i = 0; i < 3; i++)
        {
            text.append("  - name: D").append(i).append('\n')
                .append("    spreadBps: 2\n    sizePremiumBps: 1\n    quoteTtlMs: 500\n")
                .append("    lastLookRejectProbability: 0\n    maxNotionalUsd: 1e6\n    hedgeMinutes: 10\n");
        }
        text.append("amms:\n");
        for (int i = 0; i < 2; i++)
        {
            text.append("  - name: P").append(i).append('\n')
                .append("    instrument: BTC-USD\n    baseReserve: 10\n    feeRate: 0.003\n")
                .append("    gasUsd: 1\n    blockTimeMs: 1000\n");
        }
        final ScenarioException ex = refused("crowd.yaml", text.toString());
        assertLocated(ex, "crowd.yaml", 25, "amms");
        assertTrue(ex.problem().contains("at most 4"), ex.problem());
    }

    @Test
    void plainTextContinuedOnTheNextLineRefused() throws IOException
    {
        final ScenarioException ex = refused("wrap.yaml", """
            name: wrap
            description: a description that
              goes on without a fold
            """);
        assertLocated(ex, "wrap.yaml", 3, "description");
    }

    @Test
    void flowCollectionsMaySpanLines() throws IOException
    {
        final Path file = dir.resolve("flow.yaml");
        Files.writeString(file, """
            name: flow
            description: inline mappings and lists over several lines
            market:
              venues: [SIMA,
                       SIMC]
              latencyMs: {
                min: 2,
                max: 4 }
            """);
        final Scenario scenario = ScenarioLoader.load(file);
        assertEquals(java.util.List.of("SIMA", "SIMC"), scenario.market().venues());
        assertEquals(4.0, scenario.market().latencyMaxMs());
        Files.writeString(file, """
            name: flow
            description: inline mappings and lists over several lines
            market:
              latencyMs: {
                min: 2,
                max: -4 }
            """);
        final ScenarioException ex = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
        assertLocated(ex, "flow.yaml", 6, "market.latencyMs.max");
    }

    @Test
    void keyGivenTwice() throws IOException
    {
        final ScenarioException ex = refused("twice.yaml", """
            name: twice
            description: volatility twice
            market:
              annualVolatility: 0.5
              venues: [SIMA]
              annualVolatility: 0.9
            """);
        assertLocated(ex, "twice.yaml", 6, "market.annualVolatility");
        assertTrue(ex.problem().contains("line 4"), ex.problem());
    }

    @Test
    void keyWithNoValue() throws IOException
    {
        final ScenarioException ex = refused("empty.yaml", """
            name: empty
            description: a forgotten value
            market:
              annualVolatility:
              venues: [SIMA]
            """);
        assertLocated(ex, "empty.yaml", 4, "market.annualVolatility");
    }

    @Test
    void tabInIndentation() throws IOException
    {
        final ScenarioException ex = refused("tab.yaml", "name: tab\ndescription: d\nmarket:\n\tannualVolatility: 0.5\n");
        assertEquals(4, ex.line());
        assertTrue(ex.getMessage().startsWith("tab.yaml:4: "), ex.getMessage());
    }

    @Test
    void typeTagRefused() throws IOException
    {
        final ScenarioException ex = refused("tag.yaml", """
            name: tag
            description: a value that names a class
            arbitrage: !java.util.HashMap { }
            """);
        assertEquals(3, ex.line());
        assertTrue(ex.problem().contains("tags"), ex.problem());
    }

    @Test
    void exclamationInTextIsNotATag() throws IOException
    {
        final Path file = dir.resolve("bang.yaml");
        Files.writeString(file, "name: bang\ndescription: Danger !here and 'quoted !too'\n");
        assertEquals("Danger !here and 'quoted !too'", ScenarioLoader.load(file).description());
    }

    @Test
    void unquotedCommaRefused() throws IOException
    {
        final ScenarioException ex = refused("comma.yaml", """
            name: comma
            description: calm, then not
            """);
        assertLocated(ex, "comma.yaml", 2, "description");
        final ScenarioException inList = refused("list-comma.yaml", """
            name: comma
            description: "calm, then not"
            market:
              venues:
                - SIMA, SIMB
            """);
        assertLocated(inList, "list-comma.yaml", 5, "market.venues[0]");
    }

    @Test
    void notAMapping() throws IOException
    {
        final ScenarioException ex = refused("list.yaml", "- a\n- b\n");
        assertTrue(ex.getMessage().startsWith("list.yaml:1: "), ex.getMessage());
    }

    @Test
    void unknownLibraryName()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ScenarioLoader.loadNamed("nope"));
        assertTrue(ex.getMessage().contains("calm"), "lists the library: " + ex.getMessage());
    }
}
