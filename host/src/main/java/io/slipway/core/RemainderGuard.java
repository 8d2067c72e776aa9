package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;
import io.slipway.venue.VenueRules;

/**
 * Keeps a plan from leaving dust: a remainder that no venue would accept as an order of its own
 * (finer than its lot, below its minimum quantity or notional). Routed with the rest of the order
 * it can go anywhere the rest goes; left alone once everything else is done, it can never be
 * placed and the order ends incomplete. So once the schedule has released everything, a remainder
 * that cannot stand alone is, in this order of preference:
 * <ol>
 *   <li>folded into a child of the plan on a venue whose lot divides it (that child only grows, so
 *       its venue's minimums still hold);</li>
 *   <li>made placeable by moving a few lots of a coarser child to it, when what the coarser child keeps
 *       is still a valid order (or nothing) and the sum stands alone on some venue: taken at once there
 *       (for a taking plan, as one more child at that venue's touch; for a post-only plan, left for
 *       the caller's taking part);</li>
 *   <li>left as it is, when neither works: the caller carries it, and if it is still owed at the end time
 *       the order says why it finished incomplete ({@link #placeableAlone}).</li>
 * </ol>
 * Stateless and allocation-free; it sees only the books the core sees, so it stays deterministic.
 */
final class RemainderGuard
{
    /** Lots of one child tried when carving a placeable remainder out of it; one nearly always does. */
    static final int MAX_CARVED_LOTS = 16;

    private RemainderGuard()
    {
    }

    /**
     * Adjusts {@code plan} so its unrouted part is zero or placeable on its own, where that can be done.
     *
     * @param taking true when the plan's children take liquidity (IOC at their limit), false when they post
     * @return the plan's unrouted quantity afterwards
     */
    static long absorb(final Instrument instrument, final Side side, final long limitPrice, final TradingVenue[] venues,
        final VenueBook[][] books, final int venueMask, final long minSlice, final boolean taking, final RoutePlan plan)
    {
        final long rest = plan.unrouted();
        if (rest <= 0 || placeableAlone(instrument, side, rest, limitPrice, venues, books, venueMask, minSlice) >= 0)
        {
            return rest;
        }
        for (int i = 0; i < plan.count(); i++)
        {
            final VenueRules rules = rulesOf(instrument, venues, plan.venueId(i));
            if (rules != null && rest % rules.lotSize() == 0)
            {
                plan.quantity(i, plan.quantity(i) + rest);
                plan.unrouted(0);
                return 0;
            }
        }
        for (int i = 0; i < plan.count(); i++)
        {
            final VenueRules rules = rulesOf(instrument, venues, plan.venueId(i));
            final long quantity = plan.quantity(i);
            for (int k = 1; rules != null && k <= MAX_CARVED_LOTS && k * rules.lotSize() <= quantity; k++)
            {
                final long kept = quantity - k * rules.lotSize();
                if (kept > 0 && (kept < rules.minQuantity() || kept < minSlice ||
                    instrument.notional(plan.limitPrice(i), kept) < rules.minNotional()))
                {
                    continue;
                }
                final long carved = rest + k * rules.lotSize();
                final int target = placeableAlone(instrument, side, carved, limitPrice, venues, books, venueMask, minSlice);
                if (target < 0)
                {
                    continue;
                }
                if (kept == 0)
                {
                    plan.remove(i);
                }
                else
                {
                    plan.quantity(i, kept);
                }
                if (!taking)
                {
                    plan.unrouted(carved);
                    return carved;
                }
                final int existing = plan.indexOf(target);
                if (existing >= 0)
                {
                    plan.quantity(existing, plan.quantity(existing) + carved);
                }
                else
                {
                    plan.add(target, carved, books[target][instrument.id()].side(side == Side.SELL).bestPrice());
                }
                plan.unrouted(0);
                return 0;
            }
        }
        return rest;
    }

    private static VenueRules rulesOf(final Instrument instrument, final TradingVenue[] venues, final int venueId)
    {
        final TradingVenue venue = venueId < venues.length ? venues[venueId] : null;
        return venue == null ? null : venue.rules(instrument);
    }

    /**
     * The venue with the best fee-adjusted touch that would accept {@code quantity} as one taking order
     * within the limit (0 for none), or -1 when none would: such a quantity can never be placed alone.
     */
    static int placeableAlone(final Instrument instrument, final Side side, final long quantity, final long limitPrice,
        final TradingVenue[] venues, final VenueBook[][] books, final int venueMask, final long minSlice)
    {
        final boolean takeBids = side == Side.SELL;
        int best = -1;
        double bestEffective = 0;
        for (int v = 0; v < venues.length; v++)
        {
            final TradingVenue venue = venues[v];
            if (venue == null || ((venueMask >>> v) & 1) == 0)
            {
                continue;
            }
            final VenueRules rules = venue.rules(instrument);
            if (rules == null || quantity % rules.lotSize() != 0 || quantity < rules.minQuantity() || quantity < minSlice)
            {
                continue;
            }
            final PriceLevels levels = books[v][instrument.id()].side(takeBids);
            if (levels.isEmpty())
            {
                continue;
            }
            final long price = levels.price(0);
            if ((limitPrice > 0 && (takeBids ? price < limitPrice : price > limitPrice)) ||
                instrument.notional(price, quantity) < rules.minNotional())
            {
                continue;
            }
            final double effective = takeBids ? price * (1.0 - rules.takerFeeRate()) : price * (1.0 + rules.takerFeeRate());
            if (best < 0 || (takeBids ? effective > bestEffective : effective < bestEffective))
            {
                best = v;
                bestEffective = effective;
            }
        }
        return best;
    }
}
