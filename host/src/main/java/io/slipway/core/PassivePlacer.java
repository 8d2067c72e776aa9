package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;
import io.slipway.venue.VenueRules;

/**
 * Splits a slice between post-only orders at each venue's touch and what is taken at once, in
 * the manner of Cont and Kukanov's optimal order placement: a lot posted on venue k fills if the
 * outflow at the touch during the passive window exceeds the queue ahead of it plus what we
 * already posted there. The outflow is taken as exponential with mean half the venue's tape
 * rate times the window (half: only takers of our side consume our level), so the lot's fill
 * probability is exp(-(queue + posted + lot) / mean outflow). Its value is that probability
 * times the saving of a maker fill over the fallback, which is taking at the cheapest taker fee
 * and crossing the venue's spread: saving = best taker fee - maker fee + half-spread - the
 * venue's average adverse markout. Lots go greedily to the best marginal value while their fill
 * probability stays above the caller's floor; the rest is the market-order part, reported as
 * unrouted for the caller to take now. Venues flagged toxic by their markouts are skipped.
 */
public final class PassivePlacer
{
    public static final double DEFAULT_MIN_FILL_PROBABILITY = 0.25;
    private static final int CHUNKS = 16;

    private final double[] allocated = new double[8];
    private final double[] queueAhead = new double[8];
    private final double[] meanOutflow = new double[8];
    private final double[] savingBps = new double[8];
    private final long[] postPrice = new long[8];

    /** Plans post-only children into {@code plan}; its unrouted part is to be taken now. */
    public void place(
        final Instrument instrument,
        final Side side,
        final long quantity,
        final long limitPrice,
        final long windowNs,
        final double minFillProbability,
        final TradingVenue[] venues,
        final VenueBook[][] books,
        final VenueSignals signals,
        final long nowNs,
        final RoutePlan plan)
    {
        plan.reset();
        final boolean sell = side == Side.SELL;
        double bestTakerFee = Double.MAX_VALUE;
        for (final TradingVenue venue : venues)
        {
            final VenueRules rules = venue == null ? null : venue.rules(instrument);
            if (rules != null && books[venue.id()][instrument.id()].isTwoSided())
            {
                bestTakerFee = Math.min(bestTakerFee, rules.takerFeeRate());
            }
        }
        int candidates = 0;
        for (int v = 0; v < venues.length; v++)
        {
            allocated[v] = 0;
            savingBps[v] = 0;
            final TradingVenue venue = venues[v];
            final VenueRules rules = venue == null ? null : venue.rules(instrument);
            final VenueBook book = books[v][instrument.id()];
            if (rules == null || !book.isTwoSided() || signals.isToxic(v))
            {
                continue;
            }
            // Our level is the venue's touch on our own side: the ask for a seller, the bid for a buyer.
            final PriceLevels ours = book.side(!sell);
            final long price = ours.bestPrice();
            if (limitPrice > 0 && (sell ? price < limitPrice : price > limitPrice))
            {
                continue;
            }
            final double touch = instrument.priceToDouble(price);
            final double other = instrument.priceToDouble(book.side(sell).bestPrice());
            final double halfSpreadBps = Math.abs(touch - other) / 2.0 / ((touch + other) / 2.0) * 1e4;
            final double saving = (bestTakerFee - rules.makerFeeRate()) * 1e4 + halfSpreadBps -
                Math.max(0.0, signals.markoutBps(v));
            final double outflow = 0.5 * signals.tradeRatePerSecond(v, instrument.id(), nowNs) * (windowNs / 1e9);
            if (!(saving > 0.0) || !(outflow > 0.0))
            {
                continue;
            }
            savingBps[v] = saving;
            meanOutflow[v] = outflow;
            queueAhead[v] = ours.quantity(0);
            postPrice[v] = price;
            candidates++;
        }

        final double total = quantity;
        double remaining = total;
        final double chunk = total / CHUNKS;
        while (candidates > 0 && remaining > chunk * 1e-9)
        {
            final double lot = Math.min(chunk, remaining);
            int best = -1;
            double bestValue = 0;
            for (int v = 0; v < venues.length; v++)
            {
                if (savingBps[v] <= 0)
                {
                    continue;
                }
                final double p = fillProbability(v, lot);
                if (p >= minFillProbability && p * savingBps[v] > bestValue)
                {
                    best = v;
                    bestValue = p * savingBps[v];
                }
            }
            if (best < 0)
            {
                break;
            }
            allocated[best] += lot;
            remaining -= lot;
        }

        long placed = 0;
        for (int v = 0; v < venues.length; v++)
        {
            if (allocated[v] <= 0)
            {
                continue;
            }
            final VenueRules rules = venues[v].rules(instrument);
            final long lots = rules.roundDownToLot(Math.min(quantity - placed, (long)allocated[v]));
            if (lots <= 0 || lots < rules.minQuantity() || instrument.notional(postPrice[v], lots) < rules.minNotional())
            {
                continue;
            }
            plan.add(v, lots, postPrice[v]);
            placed += lots;
        }
        plan.unrouted(quantity - placed);
    }

    /** Probability that the outflow at venue v's touch reaches past {@code lot} more than is queued and posted. */
    double fillProbability(final int v, final double lot)
    {
        return StrictMath.exp(-(queueAhead[v] + allocated[v] + lot) / meanOutflow[v]);
    }
}
