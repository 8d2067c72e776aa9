package io.slipway.oms;

/**
 * OrderCancelRequest (35=F): stop working a parent order and cancel its working children.
 *
 * @param clOrdId     ClOrdID (11) of this request; becomes the order's ClOrdID if it is canceled
 * @param origClOrdId OrigClOrdID (41): the order to cancel
 * @param orderId     OrderID (37) if the OMS sent it, else null; a mismatch is a reject
 */
public record CancelParentOrder(String clOrdId, String origClOrdId, String orderId) implements OmsCommand
{
}
