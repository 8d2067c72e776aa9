package io.slipway.core;

/**
 * A replace the core has accepted but cannot apply yet: the new OrderQty is below CumQty plus
 * what is in flight, so the children are canceled first and the replace applies once the
 * venues have answered (FIX 4.4 Pending Replace). Values are already parsed and checked.
 *
 * @param clOrdId     ClOrdID (11) of the replace request
 * @param origClOrdId the order's ClOrdID when the request came
 * @param quantity    new OrderQty in quantity units
 * @param limitPrice  new limit in price units, 0 for none
 * @param endNs       new end of the order's window
 */
record PendingReplace(String clOrdId, String origClOrdId, long quantity, long limitPrice, long endNs)
{
}
