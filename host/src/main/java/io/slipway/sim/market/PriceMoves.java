package io.slipway.sim.market;

import java.util.Arrays;

/**
 * Scripted transient moves of one instrument's latent price: each gaps the price by a fraction at
 * once and then fades linearly to nothing over its rebound time (a flash crash and its recovery).
 * The factor is the product of the active moves; finished moves are dropped.
 */
public final class PriceMoves
{
    private long[] startNs = new long[4];
    private long[] endNs = new long[4];
    private double[] fractions = new double[4];
    private int count;

    /** Gaps the price by fraction (e.g. -0.005 for -50 bps) at nowNs, faded out over reboundNs. */
    public void add(final long nowNs, final double fraction, final long reboundNs)
    {
        if (!(fraction > -1) || reboundNs < 0)
        {
            throw new IllegalArgumentException("fraction must be above -1 and reboundNs non-negative");
        }
        if (count == startNs.length)
        {
            startNs = Arrays.copyOf(startNs, count * 2);
            endNs = Arrays.copyOf(endNs, count * 2);
            fractions = Arrays.copyOf(fractions, count * 2);
        }
        startNs[count] = nowNs;
        // A zero rebound keeps the gap for one instant only; a move still shows at nowNs.
        endNs[count] = nowNs + Math.max(1, reboundNs);
        fractions[count] = fraction;
        count++;
    }

    /** Multiplier on the latent price at nowNs; 1 when no move is active. */
    public double factor(final long nowNs)
    {
        if (count == 0)
        {
            return 1.0;
        }
        double factor = 1.0;
        int w = 0;
        for (int i = 0; i < count; i++)
        {
            if (nowNs >= endNs[i])
            {
                continue;
            }
            final double left = nowNs <= startNs[i] ? 1.0 : (double)(endNs[i] - nowNs) / (endNs[i] - startNs[i]);
            factor *= 1 + fractions[i] * left;
            startNs[w] = startNs[i];
            endNs[w] = endNs[i];
            fractions[w] = fractions[i];
            w++;
        }
        count = w;
        return factor;
    }

    public int active()
    {
        return count;
    }
}
