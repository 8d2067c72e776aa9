package io.slipway.core;

import io.slipway.core.rfq.AmmCurve;
import io.slipway.domain.Instrument;
import io.slipway.domain.Side;
import io.slipway.venue.VenueRules;

/**
 * Whether part of a slice should go to an AMM pool. For each pool it tries eighths of the slice
 * (lot-rounded, within the pool's minimums) and prices each split all-in: the swap on the pool's
 * curve ({@link AmmCurve}, fee taken from the input) plus its gas, and the rest walked on the lit
 * books with taker fees ({@link LitCost}). The pool gets the split that beats sending the whole
 * slice to the lit venues, if any; its protection price is the curve's execution price moved
 * {@code slippageBps} against us (the pool settles at its next block, after its arbitrageur) and
 * never beyond the parent's limit. Reused; no allocation.
 */
final class AmmRouter
{
    private static final int SPLITS = 8;

    private final AmmCurve curve = new AmmCurve();
    private final LitCost lit = new LitCost();
    private int venueId;
    private long quantity;
    private long limitPrice;
    private double savingPerUnit;

    /**
     * @return true when a pool should take {@link #quantity()} at protection {@link #limitPrice()}
     */
    boolean choose(final Instrument instrument, final Side side, final long due, final long parentLimit,
        final TradingVenue[] venues, final VenueBook[][] books, final int litMask, final int ammMask,
        final double slippageBps)
    {
        venueId = -1;
        quantity = 0;
        limitPrice = 0;
        savingPerUnit = 0;
        if (ammMask == 0 || due <= 0)
        {
            return false;
        }
        final boolean buy = side == Side.BUY;
        final double litOnly = litAmount(instrument, side, due, venues, books, litMask);
        double bestAmount = litOnly;
        for (int v = 0; v < venues.length; v++)
        {
            final TradingVenue venue = venues[v];
            final VenueRules rules = venue == null || ((ammMask >>> v) & 1) == 0 ? null : venue.rules(instrument);
            final VenueBook book = rules == null ? null : books[v][instrument.id()];
            if (book == null || !book.isTwoSided() ||
                !curve.fromBbo(instrument.priceToDouble(book.bids().bestPrice()),
                    instrument.qtyToDouble(book.bids().quantity(0)), instrument.priceToDouble(book.asks().bestPrice()),
                    instrument.qtyToDouble(book.asks().quantity(0)), rules.takerFeeRate()))
            {
                continue;
            }
            long previous = 0;
            for (int j = 1; j <= SPLITS; j++)
            {
                final long k = rules.roundDownToLot(due * j / SPLITS);
                if (k == previous || k < rules.minQuantity())
                {
                    continue;
                }
                previous = k;
                final double base = instrument.qtyToDouble(k);
                final double swap = buy ? curve.quoteInForBaseOut(base) + venue.fixedFeePerOrder() :
                    curve.quoteOutForBaseIn(base) - venue.fixedFeePerOrder();
                final double execution = curve.executionPrice(buy, base);
                if (Double.isNaN(swap) || base * execution < rules.minNotional())
                {
                    continue;
                }
                final long protection = protection(instrument, buy, execution, slippageBps, rules.tickSize());
                if (parentLimit > 0 && (buy ? protection > parentLimit : protection < parentLimit))
                {
                    continue;
                }
                final double rest = litAmount(instrument, side, due - k, venues, books, litMask);
                final double amount = Double.isNaN(rest) ? (k == due ? swap : Double.NaN) : swap + rest;
                if (!Double.isNaN(amount) && (Double.isNaN(bestAmount) || (buy ? amount < bestAmount : amount > bestAmount)))
                {
                    bestAmount = amount;
                    venueId = v;
                    quantity = k;
                    limitPrice = protection;
                }
            }
        }
        if (venueId < 0)
        {
            return false;
        }
        savingPerUnit = Double.isNaN(litOnly) ? Double.NaN :
            (buy ? litOnly - bestAmount : bestAmount - litOnly) / instrument.qtyToDouble(due);
        return true;
    }

    int venueId()
    {
        return venueId;
    }

    long quantity()
    {
        return quantity;
    }

    long limitPrice()
    {
        return limitPrice;
    }

    /** What the chosen split saves per unit of the slice against the lit venues alone (NaN with no lit book). */
    double savingPerUnit()
    {
        return savingPerUnit;
    }

    private double litAmount(final Instrument instrument, final Side side, final long q, final TradingVenue[] venues,
        final VenueBook[][] books, final int litMask)
    {
        return lit.takeNowAmount(instrument, side, q, venues, books, litMask);
    }

    private static long protection(final Instrument instrument, final boolean buy, final double execution,
        final double slippageBps, final long tick)
    {
        final double price = buy ? execution * (1 + slippageBps * 1e-4) : execution * (1 - slippageBps * 1e-4);
        final double units = price / instrument.priceToDouble(1) / tick;
        return (buy ? (long)Math.floor(units) : (long)Math.ceil(units)) * tick;
    }
}
