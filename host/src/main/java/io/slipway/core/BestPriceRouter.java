package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;
import io.slipway.venue.VenueRules;

/**
 * First router: takes liquidity where it is cheapest after taker fees. It walks the visible
 * levels of every venue in order of fee-adjusted price, so each venue gets what it can fill
 * at least as well as the others, then sends one IOC per venue limited at the worst level it
 * was allocated. Each allocation is rounded down to the venue's lot and dropped if below the
 * venue's minimum quantity or notional. When the caller asks (once its schedule has released
 * everything), what rounding left over is offered once more to the venue with the best
 * fee-adjusted price whose lot and minimums can take it, so a remainder finer than one venue's
 * lot does not stay owed until the order expires; earlier, the remainder is simply carried,
 * which costs no extra messages. What is not placed is reported as unrouted and the caller
 * carries it into the next slice rather than losing it.
 */
public final class BestPriceRouter
{
    private final int[] levelIndex = new int[8];
    private final long[] allocated = new long[8];
    private final long[] worstPrice = new long[8];

    /** Every venue may be used. */
    public static final int ALL_VENUES = -1;

    /**
     * @param limitPrice the parent's limit (0 for none): no level beyond it is taken.
     * @param placeRoundingRemainder also place what lot rounding left over, on a finer-lot venue.
     */
    public void route(
        final Instrument instrument,
        final Side side,
        final long quantity,
        final long limitPrice,
        final TradingVenue[] venues,
        final VenueBook[][] books,
        final boolean placeRoundingRemainder,
        final RoutePlan plan)
    {
        route(instrument, side, quantity, limitPrice, venues, books, placeRoundingRemainder, ALL_VENUES, 0, plan);
    }

    /**
     * @param venueMask bit v set when venue v may be used ({@link #ALL_VENUES} for any), from the
     *                  parent's AllowedVenues strategy parameter.
     * @param minSlice  smallest child order to send (0 for the venues' own minimums only), from
     *                  the parent's MinSlice strategy parameter; smaller allocations stay unrouted.
     */
    public void route(
        final Instrument instrument,
        final Side side,
        final long quantity,
        final long limitPrice,
        final TradingVenue[] venues,
        final VenueBook[][] books,
        final boolean placeRoundingRemainder,
        final int venueMask,
        final long minSlice,
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
            final int bestVenue = nextBestVenue(instrument, takeBids, limitPrice, venues, books, venueMask, levelIndex);
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
            if (lots < rules.minQuantity() || lots < minSlice ||
                instrument.notional(worstPrice[v], lots) < rules.minNotional())
            {
                continue;
            }
            plan.add(v, lots, worstPrice[v]);
            placed += lots;
        }
        // Rounding's loss only: what depth or the limit left unallocated stays unrouted.
        final long rest = quantity - remaining - placed;
        if (rest > 0 && placeRoundingRemainder)
        {
            placed += placeRemainder(instrument, takeBids, rest, limitPrice, venues, books, venueMask, minSlice, plan);
        }
        plan.unrouted(quantity - placed);
    }

    private long placeRemainder(final Instrument instrument, final boolean takeBids, final long rest,
        final long limitPrice, final TradingVenue[] venues, final VenueBook[][] books, final int venueMask,
        final long minSlice, final RoutePlan plan)
    {
        int bestVenue = -1;
        double bestEffective = 0;
        long bestPrice = 0;
        for (int v = 0; v < venues.length; v++)
        {
            final TradingVenue venue = venues[v];
            final VenueRules rules = venue == null || !isAllowed(venueMask, v) ? null : venue.rules(instrument);
            if (rules == null)
            {
                continue;
            }
            final PriceLevels levels = books[v][instrument.id()].side(takeBids);
            if (levels.isEmpty())
            {
                continue;
            }
            // The venue's worst allocated level, or its touch when it has no allocation yet.
            final long price = allocated[v] > 0 ? worstPrice[v] : levels.price(0);
            if (limitPrice > 0 && (takeBids ? price < limitPrice : price > limitPrice))
            {
                continue;
            }
            final long lots = rules.roundDownToLot(rest);
            if (lots == 0 || lots < rules.minQuantity() || lots < minSlice ||
                instrument.notional(price, lots) < rules.minNotional())
            {
                continue;
            }
            final double effective = takeBids ? price * (1.0 - rules.takerFeeRate()) : price * (1.0 + rules.takerFeeRate());
            if (bestVenue < 0 || (takeBids ? effective > bestEffective : effective < bestEffective))
            {
                bestVenue = v;
                bestEffective = effective;
                bestPrice = price;
            }
        }
        if (bestVenue < 0)
        {
            return 0;
        }
        final long lots = venues[bestVenue].rules(instrument).roundDownToLot(rest);
        plan.add(bestVenue, lots, bestPrice);
        return lots;
    }

    /**
     * The venue whose next unwalked level ({@code levelIndex[v]}) is best after its taker fee, or -1
     * when no allowed venue has one within {@code limitPrice} (0 for none): the one order in which
     * the router takes the consolidated book and {@link LitCost} prices it. Ties go to the lower id.
     */
    static int nextBestVenue(
        final Instrument instrument,
        final boolean takeBids,
        final long limitPrice,
        final TradingVenue[] venues,
        final VenueBook[][] books,
        final int venueMask,
        final int[] levelIndex)
    {
        int bestVenue = -1;
        double bestEffective = 0;
        for (int v = 0; v < venues.length && v < levelIndex.length; v++)
        {
            final TradingVenue venue = venues[v];
            if (venue == null || !isAllowed(venueMask, v))
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
        return bestVenue;
    }

    private static boolean isAllowed(final int venueMask, final int venueId)
    {
        return ((venueMask >>> venueId) & 1) != 0;
    }
}
