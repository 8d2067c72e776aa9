package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;
import io.slipway.venue.VenueRules;

/**
 * The modelled all-in cost of trading a quantity on the lit venues: the visible levels of every
 * allowed venue walked in order of fee-adjusted price (as {@link BestPriceRouter} takes them), so
 * it counts spread, depth and taker fees; what the books cannot show is charged at the worst
 * level walked. {@link #continuationBps} adds the temporary impact of working the quantity over
 * one slice from {@link AcModel}: the cost of carrying on with the schedule instead of trading
 * off the lit market. Costs are in bps of the mid, positive when they hurt. Reused; no allocation.
 */
public final class LitCost
{
    private final int[] levelIndex = new int[8];
    private long filled;
    private double amount;
    private double worstEffective;

    /**
     * Walks the books for {@code quantity}; returns the fee-inclusive quote amount (paid for a buy,
     * received for a sale) for what the books hold, NaN with no allowed level at all.
     */
    public double walk(final Instrument instrument, final Side side, final long quantity, final TradingVenue[] venues,
        final VenueBook[][] books, final int venueMask)
    {
        final boolean takeBids = side == Side.SELL;
        for (int v = 0; v < levelIndex.length; v++)
        {
            levelIndex[v] = 0;
        }
        filled = 0;
        amount = 0.0;
        worstEffective = Double.NaN;
        long remaining = quantity;
        while (remaining > 0)
        {
            final int bestVenue = BestPriceRouter.nextBestVenue(instrument, takeBids, 0, venues, books, venueMask, levelIndex);
            if (bestVenue < 0)
            {
                break;
            }
            final PriceLevels levels = books[bestVenue][instrument.id()].side(takeBids);
            final double feeRate = venues[bestVenue].rules(instrument).takerFeeRate();
            final double price = instrument.priceToDouble(levels.price(levelIndex[bestVenue]));
            final double bestEffective = takeBids ? price * (1 - feeRate) : price * (1 + feeRate);
            final long take = Math.min(remaining, levels.quantity(levelIndex[bestVenue]++));
            amount += instrument.qtyToDouble(take) * bestEffective;
            worstEffective = bestEffective;
            filled += take;
            remaining -= take;
        }
        if (filled == 0)
        {
            return Double.NaN;
        }
        return amount;
    }

    /** Quantity the last walk found on the books. */
    public long filled()
    {
        return filled;
    }

    /**
     * Fee-inclusive quote amount of taking {@code quantity} on the allowed lit venues now, the part
     * the books do not show charged at the worst level walked; 0 for nothing, NaN with no book.
     */
    public double takeNowAmount(final Instrument instrument, final Side side, final long quantity,
        final TradingVenue[] venues, final VenueBook[][] books, final int venueMask)
    {
        if (quantity <= 0)
        {
            return 0.0;
        }
        final double walked = walk(instrument, side, quantity, venues, books, venueMask);
        return Double.isNaN(walked) ? Double.NaN : walked + instrument.qtyToDouble(quantity - filled) * worstEffective;
    }

    /** {@link #takeNowAmount} in bps of the mid, positive when it costs; NaN with no book. */
    public double takeNowBps(final Instrument instrument, final Side side, final long quantity, final double mid,
        final TradingVenue[] venues, final VenueBook[][] books, final int venueMask)
    {
        final double total = takeNowAmount(instrument, side, quantity, venues, books, venueMask);
        if (Double.isNaN(total) || !(mid > 0) || quantity <= 0)
        {
            return Double.NaN;
        }
        final double average = total / instrument.qtyToDouble(quantity);
        return (side == Side.BUY ? average - mid : mid - average) / mid * 1e4;
    }

    /**
     * Cost in bps of the mid of continuing on the lit venues with {@code quantity}: taking it now
     * plus the temporary impact of trading that share of the parent within one slice.
     */
    public double continuationBps(final Instrument instrument, final Side side, final long quantity,
        final long parentQuantity, final double sliceSeconds, final double mid, final AcModel model,
        final TradingVenue[] venues, final VenueBook[][] books, final int venueMask)
    {
        final double now = takeNowBps(instrument, side, quantity, mid, venues, books, venueMask);
        return now + model.temporaryImpactBps((double)quantity / parentQuantity, sliceSeconds);
    }
}
