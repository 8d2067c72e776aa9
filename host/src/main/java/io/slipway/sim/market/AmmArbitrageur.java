package io.slipway.sim.market;

/**
 * Keeps an {@link AmmPool} on the lit market: at the top of every block it compares the pool
 * with the composite lit mid M and, when the gap pays more than the pool fee and the gas, swaps
 * the pool to the edge of its no-arbitrage band (Milionis, Moallemi, Roughgarden and Zhang 2022,
 * "loss-versus-rebalancing"): buying base until the marginal cost P' / (1 - f) reaches M, or
 * selling until the marginal proceeds P' (1 - f) fall to M. The trade size is found by bisection
 * on the exact post-trade price (the fee stays in the pool, so k grows), and it is made only if
 * its profit against M, gas paid, is positive.
 *
 * <p>The lit leg is assumed to be laid off without moving the lit market (an arbitrageur's
 * pool-sized clips are small against lit depth), so the pool follows the lit market and not
 * the other way round. It is deterministic: given the world's seed, the lit mid and therefore
 * every arbitrage are fixed, and it draws no randomness of its own.
 */
public final class AmmArbitrageur
{
    private static final int BISECTION_STEPS = 100;

    private final LitMid litMid;
    private long trades;
    private double profitUsd;
    private double volumeBase;

    public AmmArbitrageur(final LitMid litMid)
    {
        this.litMid = litMid;
    }

    public long trades()
    {
        return trades;
    }

    public double profitUsd()
    {
        return profitUsd;
    }

    public double volumeBase()
    {
        return volumeBase;
    }

    /** Trades the pool toward the lit mid if that pays; called by the pool at the top of a block. */
    public void onBlock(final AmmPool pool, final long nowNs)
    {
        arbitrage(pool, litMid.mid(pool.instrument()));
    }

    /** Trades the pool toward mid if that pays; returns the profit in quote currency (0 if no trade). */
    double arbitrage(final AmmPool pool, final double mid)
    {
        final double f = pool.feeRate();
        final double base = pool.baseReserve();
        final double quote = pool.quoteReserve();
        final double price = quote / base;
        if (price / (1 - f) < mid)
        {
            final double target = mid * (1 - f);
            double lo = 0;
            double hi = base;
            for (int i = 0; i < BISECTION_STEPS; i++)
            {
                final double b = 0.5 * (lo + hi);
                final double postQuote = quote + AmmPool.quoteInForBaseOut(base, quote, b, f);
                if (postQuote / (base - b) < target)
                {
                    lo = b;
                }
                else
                {
                    hi = b;
                }
            }
            final double profit = lo * mid - AmmPool.quoteInForBaseOut(base, quote, lo, f) - pool.gasUsd();
            if (lo > 0 && profit > 0)
            {
                pool.buyBase(lo);
                record(lo, profit);
                return profit;
            }
        }
        else if (price * (1 - f) > mid)
        {
            final double target = mid / (1 - f);
            double lo = 0;
            double hi = base;
            while ((quote - AmmPool.quoteOutForBaseIn(base, quote, hi, f)) / (base + hi) > target)
            {
                hi *= 2;
            }
            for (int i = 0; i < BISECTION_STEPS; i++)
            {
                final double s = 0.5 * (lo + hi);
                final double postQuote = quote - AmmPool.quoteOutForBaseIn(base, quote, s, f);
                if (postQuote / (base + s) > target)
                {
                    lo = s;
                }
                else
                {
                    hi = s;
                }
            }
            final double profit = AmmPool.quoteOutForBaseIn(base, quote, lo, f) - lo * mid - pool.gasUsd();
            if (lo > 0 && profit > 0)
            {
                pool.sellBase(lo);
                record(lo, profit);
                return profit;
            }
        }
        return 0;
    }

    private void record(final double base, final double profit)
    {
        trades++;
        volumeBase += base;
        profitUsd += profit;
    }
}
