package io.slipway.marketlink;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OwnImpactTableTest
{
    @Test
    void answersTheLatestFigureAsTheMarketComputesIt()
    {
        final OwnImpactTable table = new OwnImpactTable(4);
        assertTrue(Double.isNaN(table.ownImpactBps(1, 7)), "never heard of");
        table.put(1, 7, 0.0, 0.5);
        assertEquals(0.0, table.ownImpactBps(1, 7));
        table.put(1, 7, 0.000123, 1.5);
        assertEquals(0.000123 / 1.5 * 1e4, table.ownImpactBps(1, 7));
        assertTrue(Double.isNaN(table.ownImpactBps(2, 7)), "another instrument");
        table.put(1, 8, 0.0, 0.0);
        assertTrue(Double.isNaN(table.ownImpactBps(1, 8)), "filled nothing: no figure");
    }

    @Test
    void keepsTheMostRecentlyUpdatedParentsOnly()
    {
        final OwnImpactTable table = new OwnImpactTable(2);
        table.put(1, 1, 0.1, 1);
        table.put(1, 2, 0.2, 1);
        table.put(1, 1, 0.3, 2);
        table.put(1, 3, 0.4, 1);
        assertEquals(2, table.size());
        assertTrue(Double.isNaN(table.ownImpactBps(1, 2)), "updated least recently, evicted");
        assertEquals(0.3 / 2 * 1e4, table.ownImpactBps(1, 1));

        final OwnImpactTable copy = new OwnImpactTable(1);
        table.copyInto(copy);
        assertEquals(0.4 * 1e4, copy.ownImpactBps(1, 3), "copied oldest first, so the newest survives");
        assertTrue(Double.isNaN(copy.ownImpactBps(1, 1)));
    }

    @Test
    void badFiguresAreRefusedAndChangeNothing()
    {
        final OwnImpactTable table = new OwnImpactTable(2);
        table.put(1, 1, 0.1, 1);
        assertThrows(IllegalArgumentException.class, () -> table.put(1, 1, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> table.put(1, 1, 0.1, -1));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> table.put(-1, 1, 0, 1));
        assertTrue(ex.getMessage().contains("instrument -1"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.put(1, 1L << 39, 0, 1));
        assertEquals(0.1 * 1e4, table.ownImpactBps(1, 1));
        assertEquals(1, table.size());
        assertThrows(IllegalArgumentException.class, () -> new OwnImpactTable(0));
    }
}
