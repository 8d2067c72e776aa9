package io.slipway.oms;

/**
 * OrderCancelReplaceRequest (35=G): change a working parent's quantity, limit price or end time.
 * Fields stay as sent, like {@link NewParentOrder}, so the core owns every business check.
 *
 * @param clOrdId      ClOrdID (11) of this request; the order's ClOrdID once replaced
 * @param origClOrdId  OrigClOrdID (41): the order to change
 * @param orderId      OrderID (37) if sent, else null
 * @param symbol       Symbol (55): must be the order's
 * @param side         Side (54): must be the order's
 * @param quantity     OrderQty (38): the new total quantity, fills included, as decimal text
 * @param expireTimeNs ExpireTime (126) in ns since the epoch, or {@link NewParentOrder#NO_TIME} to keep the end
 * @param limitPrice   Price (44) as decimal text, or null to remove the limit
 */
public record ReplaceParentOrder(
    String clOrdId,
    String origClOrdId,
    String orderId,
    String symbol,
    char side,
    String quantity,
    long expireTimeNs,
    String limitPrice) implements OmsCommand
{
}
