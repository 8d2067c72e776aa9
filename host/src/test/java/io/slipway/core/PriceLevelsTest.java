package io.slipway.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceLevelsTest
{
    @Test
    void bidsStaySortedBestFirstAndZeroRemoves()
    {
        final PriceLevels bids = new PriceLevels(true);
        bids.set(100, 5);
        bids.set(102, 1);
        bids.set(101, 7);
        bids.set(99, 2);
        assertEquals(4, bids.size());
        assertEquals(102, bids.price(0));
        assertEquals(101, bids.price(1));
        assertEquals(99, bids.price(3));

        bids.set(101, 0);
        assertEquals(3, bids.size());
        assertEquals(100, bids.price(1));
        assertEquals(5, bids.quantityAt(100));
        assertEquals(0, bids.quantityAt(101));

        bids.set(100, 9);
        assertEquals(9, bids.quantityAt(100));
        bids.set(55, 0);
        assertEquals(3, bids.size(), "removing a missing level changes nothing");
    }

    @Test
    void asksAscendAndGrowPastInitialCapacity()
    {
        final PriceLevels asks = new PriceLevels(false);
        for (int i = 1000; i > 0; i--)
        {
            asks.set(i, i);
        }
        assertEquals(1000, asks.size());
        for (int i = 0; i < 1000; i++)
        {
            assertEquals(i + 1, asks.price(i));
        }
        asks.removeBetterThan(501);
        assertEquals(501, asks.bestPrice());
        assertEquals(500, asks.size());
    }

    @Test
    void bboDropsCrossedRemnants()
    {
        final VenueBook book = new VenueBook();
        book.onLevel(true, 105, 1, 0);
        book.onLevel(true, 100, 1, 0);
        book.onLevel(false, 101, 1, 0);
        assertTrue(!book.isTwoSided(), "bid 105 over ask 101 is crossed");
        book.onBbo(100, 3, 101, 4, 1);
        assertTrue(book.isTwoSided());
        assertEquals(100, book.bids().bestPrice());
        assertEquals(3, book.bids().quantity(0));
    }
}
