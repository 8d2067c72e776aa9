package io.slipway.core.rfq;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RfqSizerTest
{
    @Test
    void neverTheParentNeverAboveTheCapAlwaysWholeLots()
    {
        final RfqSizer sizer = new RfqSizer(3, 0.5, 0.2);
        for (int i = 0; i < 1_000; i++)
        {
            final long size = sizer.size(1_000_000, 1_000_000, 10, Long.MAX_VALUE);
            assertTrue(size > 0 && size <= 200_000, "size " + size);
            assertEquals(0, size % 10);
        }
        // A one-lot-short parent, everything due, a cap near 1: still a lot below the parent.
        final RfqSizer wide = new RfqSizer(3, 1.0, 0.999);
        for (int i = 0; i < 100; i++)
        {
            assertTrue(wide.size(100, 100, 10, Long.MAX_VALUE) <= 90);
        }
        assertEquals(0, sizer.size(5, 1_000, 10, Long.MAX_VALUE), "no whole lot fits");
        assertTrue(sizer.size(1_000, 1_000_000, 10, 300) <= 300, "the dealers' cap");
    }

    @Test
    void badSettingsAreRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> new RfqSizer(1, 0.0, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new RfqSizer(1, 0.5, 1.0));
    }
}
