package io.slipway.core;

import java.util.Arrays;

/**
 * One side of a venue's book as the core sees it: price levels kept sorted best-first in
 * parallel primitive arrays. Updates come from the card's BOOK_LEVEL records (quantity 0
 * removes a level); a book has at most a few hundred live levels, so a binary search and an
 * array shift beat any tree and allocate nothing once grown.
 */
public final class PriceLevels
{
    private final boolean descending;
    private long[] prices = new long[256];
    private long[] quantities = new long[256];
    private int size;

    public PriceLevels(final boolean descending)
    {
        this.descending = descending;
    }

    public int size()
    {
        return size;
    }

    public long price(final int level)
    {
        return prices[level];
    }

    public long quantity(final int level)
    {
        return quantities[level];
    }

    public boolean isEmpty()
    {
        return size == 0;
    }

    public long bestPrice()
    {
        return size == 0 ? 0 : prices[0];
    }

    public long quantityAt(final long price)
    {
        final int index = indexOf(price);
        return index >= 0 ? quantities[index] : 0;
    }

    /** Sets the quantity at a price; zero or less removes the level. */
    public void set(final long price, final long quantity)
    {
        final int index = indexOf(price);
        if (index >= 0)
        {
            if (quantity > 0)
            {
                quantities[index] = quantity;
            }
            else
            {
                System.arraycopy(prices, index + 1, prices, index, size - index - 1);
                System.arraycopy(quantities, index + 1, quantities, index, size - index - 1);
                size--;
            }
            return;
        }
        if (quantity <= 0)
        {
            return;
        }
        final int insertAt = -index - 1;
        if (size == prices.length)
        {
            prices = Arrays.copyOf(prices, size * 2);
            quantities = Arrays.copyOf(quantities, size * 2);
        }
        System.arraycopy(prices, insertAt, prices, insertAt + 1, size - insertAt);
        System.arraycopy(quantities, insertAt, quantities, insertAt + 1, size - insertAt);
        prices[insertAt] = price;
        quantities[insertAt] = quantity;
        size++;
    }

    /** Removes every level strictly better than price (a crossed remnant the venue no longer shows). */
    public void removeBetterThan(final long price)
    {
        int drop = 0;
        while (drop < size && (descending ? prices[drop] > price : prices[drop] < price))
        {
            drop++;
        }
        if (drop > 0)
        {
            System.arraycopy(prices, drop, prices, 0, size - drop);
            System.arraycopy(quantities, drop, quantities, 0, size - drop);
            size -= drop;
        }
    }

    public void clear()
    {
        size = 0;
    }

    /** Index of price, or -(insertion point) - 1, in best-first order. */
    private int indexOf(final long price)
    {
        int low = 0;
        int high = size - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long midPrice = prices[mid];
            if (midPrice == price)
            {
                return mid;
            }
            final boolean midIsBetter = descending ? midPrice > price : midPrice < price;
            if (midIsBetter)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return -(low + 1);
    }
}
