package io.slipway.oms;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;

/**
 * One message the core owes the OMS about a parent order: an ExecutionReport (35=8), or, when
 * {@code cancelReject} is set, an OrderCancelReject (35=9) carrying the order's current
 * OrdStatus. Both travel on one queue so the OMS sees them in the order the core decided them.
 * Prices and quantities are fixed-point in the instrument's scale (the gateway formats them);
 * for a reject of an order that never parsed, {@code instrument} and {@code side} may be null
 * and the raw symbol is carried instead.
 *
 * @param clOrdId      ClOrdID (11): of the order, or of the cancel/replace request being answered
 * @param orderId      OrderID (37): Slipway's parent id, "NONE" for a reject of an unknown order
 * @param execId       ExecID (17), unique per report
 * @param execType     ExecType (150); null on an OrderCancelReject
 * @param lastMarket   LastMkt (30) for fills, else null
 * @param transactTimeNs TransactTime (60) on the core's clock
 * @param fees         cumulative fees paid on this parent, quote currency
 * @param text         Text (58): the reason for a reject, or a note
 * @param origClOrdId  OrigClOrdID (41) on reports answering a cancel or replace, else null
 * @param cancelReject set when this is an OrderCancelReject, else null
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
    String text,
    String origClOrdId,
    CancelReject cancelReject)
{
    /** An ExecutionReport that answers no cancel or replace. */
    public ParentOrderReport(
        final String clOrdId,
        final String orderId,
        final String execId,
        final ExecType execType,
        final OrdStatus ordStatus,
        final Instrument instrument,
        final String symbol,
        final Side side,
        final char rawSide,
        final long orderQty,
        final long lastQty,
        final long lastPx,
        final String lastMarket,
        final long cumQty,
        final long leavesQty,
        final double avgPx,
        final double fees,
        final long transactTimeNs,
        final String text)
    {
        this(clOrdId, orderId, execId, execType, ordStatus, instrument, symbol, side, rawSide, orderQty, lastQty, lastPx,
            lastMarket, cumQty, leavesQty, avgPx, fees, transactTimeNs, text, null, null);
    }

    public boolean isCancelReject()
    {
        return cancelReject != null;
    }
}
