package io.slipway.tca;

/**
 * Quantity-weighted markout of the fills at one horizon, MO(h) = s (mid(t + h) - P_fill) / P_fill in
 * bps with s = +1 for a buy and -1 for a sell: positive when the mid moved in the order's favour after
 * the fill (it rose after a buy), negative when the fills were adversely selected.
 *
 * @param label       horizon as an operator reads it ("1s", "5m")
 * @param horizonNs   horizon
 * @param bps         weighted markout over the covered fills, NaN when none is covered
 * @param coveredShare share of the filled quantity whose fill time plus horizon was observed
 */
public record Markout(String label, long horizonNs, double bps, double coveredShare)
{
}
