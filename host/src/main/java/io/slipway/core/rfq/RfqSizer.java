package io.slipway.core.rfq;

import java.util.SplittableRandom;

/**
 * How much to ask dealers for: a partial size that does not reveal the parent. The size is a
 * random share, between {@code minShare} and 1, of what the slice has due, capped at
 * {@code maxParentFraction} of the parent and at the dealers' notional cap, rounded down to the
 * lot, and always at least one lot below the parent's quantity, so a request never shows the
 * parent's size (nor, since the draw differs each time, a pattern that adds up to it). The
 * stream is seeded per parent, so the same seed asks for the same sizes.
 */
public final class RfqSizer
{
    private final SplittableRandom random;
    private final double minShare;
    private final double maxParentFraction;

    public RfqSizer(final long seed, final double minShare, final double maxParentFraction)
    {
        if (!(minShare > 0.0 && minShare <= 1.0) || !(maxParentFraction > 0.0 && maxParentFraction < 1.0))
        {
            throw new IllegalArgumentException("minShare must be in (0, 1] and maxParentFraction in (0, 1), were " +
                minShare + " and " + maxParentFraction);
        }
        this.random = new SplittableRandom(seed);
        this.minShare = minShare;
        this.maxParentFraction = maxParentFraction;
    }

    /**
     * @param due             what the slice has due now
     * @param parentQuantity  the parent's quantity
     * @param lot             the dealers' lot
     * @param maxQuantity     the most the dealers quote (their notional cap in quantity)
     * @return the size to ask for, 0 when no whole lot fits
     */
    public long size(final long due, final long parentQuantity, final long lot, final long maxQuantity)
    {
        if (due <= 0 || parentQuantity <= 0 || lot <= 0)
        {
            return 0;
        }
        final double share = minShare + (1.0 - minShare) * random.nextDouble();
        long size = (long)Math.floor(due * share);
        size = Math.min(size, (long)Math.floor(parentQuantity * maxParentFraction));
        size = Math.min(size, maxQuantity);
        size = Math.min(size, parentQuantity - lot);
        size -= Math.floorMod(size, lot);
        return Math.max(0, size);
    }
}
