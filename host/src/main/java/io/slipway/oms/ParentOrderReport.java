package io.slipway.oms;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;

/**
 * One ExecutionReport the core owes the OMS. Prices and quantities are fixed-point in the
 * instrument's scale (the gateway formats them); for a reject of an order that never parsed,
 * {@code instrument} and {@code side} may be null and the raw symbol is carried instead.
 *
 * @param orderId      OrderID (37): Slipway's parent id, "NONE" for a reject before acceptance
 * @param execId       ExecID (17), unique per report
 * @param lastMarket   LastMkt (30) for fills, else null
 * @param transactTimeNs TransactTime (60) on the core's clock
 * @param fees         cumulative fees paid on this parent, quote currency
 * @param text         Text (58): the reason for a reject, or a note
 */
public record ParentOrderReport(
    String clOrdId,
    String orderId,
    String execId,
    ExecType execType,
    OrdStatus ordStatus,
    Instrument instrument,
    String symbol,
    Side side,
    char rawSide,
    long orderQty,
    long lastQty,
    long lastPx,
    String lastMarket,
    long cumQty,
    long leavesQty,
    double avgPx,
    double fees,
    long transactTimeNs,
    String text)
{
}
