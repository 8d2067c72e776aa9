package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;
import io.slipway.venue.VenueRules;

/**
 * First router: takes liquidity where it is cheapest after taker fees. It walks the visible
 * levels of every venue in order of fee-adjusted price, so each venue gets what it can fill
 * at least as well as the others, then sends one IOC per venue limited at the worst level it
 * was allocated. Each allocation is rounded down to the venue's lot and dropped if below the
 * venue's minimum quantity or notional; what is not placed is reported as unrouted and the
 * caller carries it into the next slice rather than losing it.
 */
public final class BestPriceRouter
{
    private final int[] levelIndex = new int[8];
    private final long[] allocated = new long[8];
    private final long[] worstPrice = new long[8];

    /**
     * @param limitPrice the parent's limit (0 for none): no level beyond it is taken.
     */
    public void route(
        final Instrument instrument,
        final Side side,
        final long quantity,
        final long limitPrice,
        final TradingVenue[] venues,
        final VenueBook[][] books,
        final RoutePlan plan)
    {
        plan.reset();
        final boolean takeBids = side == Side.SELL;
        for (int v = 0; v < venues.length; v++)
        {
            levelIndex[v] = 0;
            allocated[v] = 0;
            worstPrice[v] = 0;
        }

        long remaining = quantity;
        while (remaining > 0)
        {
            int bestVenue = -1;
            double bestEffective = 0;
            for (int v = 0; v < venues.length; v++)
            {
                final TradingVenue venue = venues[v];
                if (venue == null)
                {
                    continue;
                }
                final VenueRules rules = venue.rules(instrument);
                if (rules == null)
                {
                    continue;
                }
                final PriceLevels levels = books[v][instrument.id()].side(takeBids);
                if (levelIndex[v] >= levels.size())
                {
                    continue;
                }
                final long price = levels.price(levelIndex[v]);
                if (limitPrice > 0 && (takeBids ? price < limitPrice : price > limitPrice))
                {
                    continue;
                }
                final double effective = takeBids ? price * (1.0 - rules.takerFeeRate()) : price * (1.0 + rules.takerFeeRate());
                if (bestVenue < 0 || (takeBids ? effective > bestEffective : effective < bestEffective))
                {
                    bestVenue = v;
                    bestEffective = effective;
                }
            }
            if (bestVenue < 0)
            {
                break;
            }
            final PriceLevels levels = books[bestVenue][instrument.id()].side(takeBids);
            final int level = levelIndex[bestVenue]++;
            final long take = Math.min(remaining, levels.quantity(level));
            allocated[bestVenue] += take;
            worstPrice[bestVenue] = levels.price(level);
            remaining -= take;
        }

        long placed = 0;
        for (int v = 0; v < venues.length; v++)
        {
            if (allocated[v] == 0)
            {
                continue;
            }
            final VenueRules rules = venues[v].rules(instrument);
            final long lots = rules.roundDownToLot(allocated[v]);
            if (lots < rules.minQuantity() || instrument.notional(worstPrice[v], lots) < rules.minNotional())
            {
                continue;
            }
            plan.add(v, lots, worstPrice[v]);
            placed += lots;
        }
        plan.unrouted(quantity - placed);
    }
}
