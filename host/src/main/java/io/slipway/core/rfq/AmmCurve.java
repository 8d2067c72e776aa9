package io.slipway.core.rfq;

/**
 * A constant-product pool (x y = k) as the core can know it: from the pool's published best bid
 * and ask alone. The pool publishes bid = P (1 - f) and ask = P / (1 - f) with each side's
 * quantity the size that moves P by {@link #DEPTH_BPS}; so P = sqrt(bid x ask), and the base
 * reserve follows from either quantity (a buy of b moves P by m when b = B (1 - 1 / sqrt(1 + m)),
 * a sale of s when s (1 - f) = B (sqrt(1 + m) - 1)); the larger estimate is kept, since lot
 * rounding only shrinks the published size. The quote reserve is then B P. Swaps are priced on
 * the curve with the fee taken from the input, exactly as the pool settles them.
 */
public final class AmmCurve
{
    /** Price move that defines the quantity a pool shows at its best bid and ask (the venue's convention). */
    public static final double DEPTH_BPS = 10.0;

    private double baseReserve = Double.NaN;
    private double quoteReserve = Double.NaN;
    private double fee;

    /** Infers the reserves from the published book; false (and no curve) when it is not two-sided. */
    public boolean fromBbo(final double bid, final double bidQty, final double ask, final double askQty,
        final double feeRate)
    {
        baseReserve = Double.NaN;
        quoteReserve = Double.NaN;
        if (!(bid > 0) || !(ask > bid) || !(feeRate >= 0 && feeRate < 1) || !(bidQty > 0 || askQty > 0))
        {
            return false;
        }
        final double move = Math.sqrt(1 + DEPTH_BPS * 1e-4);
        final double fromBuys = askQty > 0 ? askQty / (1 - 1 / move) : 0.0;
        final double fromSales = bidQty > 0 ? bidQty * (1 - feeRate) / (move - 1) : 0.0;
        fee = feeRate;
        baseReserve = Math.max(fromBuys, fromSales);
        quoteReserve = baseReserve * Math.sqrt(bid * ask);
        return true;
    }

    public boolean isKnown()
    {
        return baseReserve > 0;
    }

    public double baseReserve()
    {
        return baseReserve;
    }

    public double price()
    {
        return quoteReserve / baseReserve;
    }

    /** Quote currency a buy of {@code base} costs, fee included; NaN when the pool cannot deliver it. */
    public double quoteInForBaseOut(final double base)
    {
        return base >= baseReserve ? Double.NaN : quoteReserve * base / ((baseReserve - base) * (1 - fee));
    }

    /** Quote currency a sale of {@code base} receives, fee taken. */
    public double quoteOutForBaseIn(final double base)
    {
        final double in = base * (1 - fee);
        return quoteReserve * in / (baseReserve + in);
    }

    /** The price the pool reports for the swap (before its fee), which its protection price is checked against. */
    public double executionPrice(final boolean buy, final double base)
    {
        return buy ? quoteReserve / (baseReserve - base) : quoteReserve / (baseReserve + base * (1 - fee));
    }
}
