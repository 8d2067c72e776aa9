package io.slipway.core;

/**
 * The core's copy of one venue's book for one instrument, rebuilt from the card's market-data
 * records. The card's BBO record is authoritative for the touch: levels the diffs left on the
 * wrong side of it are dropped, so the core never routes against a crossed book.
 */
public final class VenueBook
{
    private final PriceLevels bids = new PriceLevels(true);
    private final PriceLevels asks = new PriceLevels(false);
    private long lastUpdateNs = Long.MIN_VALUE;

    public PriceLevels bids()
    {
        return bids;
    }

    public PriceLevels asks()
    {
        return asks;
    }

    public PriceLevels side(final boolean bid)
    {
        return bid ? bids : asks;
    }

    public void onLevel(final boolean bid, final long price, final long quantity, final long nowNs)
    {
        (bid ? bids : asks).set(price, quantity);
        lastUpdateNs = nowNs;
    }

    public void onBbo(final long bidPrice, final long bidQty, final long askPrice, final long askQty, final long nowNs)
    {
        if (bidQty > 0)
        {
            bids.removeBetterThan(bidPrice);
            bids.set(bidPrice, bidQty);
        }
        if (askQty > 0)
        {
            asks.removeBetterThan(askPrice);
            asks.set(askPrice, askQty);
        }
        lastUpdateNs = nowNs;
    }

    public boolean isTwoSided()
    {
        return !bids.isEmpty() && !asks.isEmpty() && bids.bestPrice() < asks.bestPrice();
    }

    public long lastUpdateNs()
    {
        return lastUpdateNs;
    }
}
