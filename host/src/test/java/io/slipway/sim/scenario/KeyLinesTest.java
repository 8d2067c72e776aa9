package io.slipway.sim.scenario;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeyLinesTest
{
    private static final String TEXT = """
        # comment: with a colon
        name: "quoted # not a comment"
        description: >
          folded: text that looks
          like: keys
        market:
          venues:
          - SIMA
          - SIMB
          latencyMs: { min: 1, max: 3 }
        events:
        - type: staleFeed
          at: 5
        -   type: venueOutage

            venue: SIMB
        order:
          side: SELL   # trailing comment
        """;

    @Test
    void findsNestedAndListKeys()
    {
        final KeyLines lines = KeyLines.index("t.yaml", TEXT);
        assertEquals(2, lines.line("name"));
        assertEquals(3, lines.line("description"));
        assertEquals(6, lines.line("market"));
        assertEquals(7, lines.line("market.venues"));
        assertEquals(9, lines.line("market.venues[1]"));
        assertEquals(10, lines.line("market.latencyMs.max"), "inline mapping: the key's own line");
        assertEquals(12, lines.line("events[0].type"));
        assertEquals(13, lines.line("events[0].at"));
        assertEquals(14, lines.line("events[1]"));
        assertEquals(16, lines.line("events[1].venue"));
        assertEquals(18, lines.line("order.side"));
        assertEquals(17, lines.line("order.quantity"), "absent key: its mapping's line");
    }

    @Test
    void foldedTextIsNotIndexed()
    {
        final KeyLines lines = KeyLines.index("t.yaml", TEXT);
        assertEquals(1, lines.line("like"), "unknown path falls back to the first line");
    }

    @Test
    void sameKeyInDifferentEntriesIsNotADuplicate()
    {
        final KeyLines lines = KeyLines.index("t.yaml", "a:\n  - x: 1\n  - x: 2\n");
        assertEquals(3, lines.line("a[1].x"));
        final ScenarioException ex = assertThrows(ScenarioException.class,
            () -> KeyLines.index("t.yaml", "a:\n  - x: 1\n    x: 2\n"));
        assertEquals("a[0].x", ex.key());
        assertEquals(3, ex.line());
    }

    @Test
    void emptyValueAtEndOfFileIsRefused()
    {
        final ScenarioException ex = assertThrows(ScenarioException.class,
            () -> KeyLines.index("t.yaml", "name: x\norder:\n"));
        assertEquals("order", ex.key());
        assertEquals(2, ex.line());
    }
}
