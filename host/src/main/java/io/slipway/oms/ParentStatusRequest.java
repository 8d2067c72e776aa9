package io.slipway.oms;

/**
 * OrderStatusRequest (35=H): the core answers with an ExecutionReport of ExecType I.
 *
 * @param clOrdId ClOrdID (11) of the order asked about (FIX 4.4 names the order, not the request)
 * @param orderId OrderID (37) if sent, else null
 * @param symbol  Symbol (55) as sent, echoed when the order is unknown
 * @param side    Side (54) as sent, echoed when the order is unknown
 */
public record ParentStatusRequest(String clOrdId, String orderId, String symbol, char side) implements OmsCommand
{
}
