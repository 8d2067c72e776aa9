package io.slipway.fix;

/**
 * An ExecutionReport (35=8) as the OMS receives it. Quantities and prices are the decimal text
 * on the wire (exact; parse with {@link io.slipway.domain.Instrument#parseQty(String)} or
 * {@link io.slipway.domain.Instrument#parsePrice(String)}); absent fields are null.
 *
 * @param clOrdId        ClOrdID (11)
 * @param orderId        OrderID (37)
 * @param execId         ExecID (17)
 * @param execType       ExecType (150)
 * @param ordStatus      OrdStatus (39)
 * @param symbol         Symbol (55)
 * @param side           Side (54)
 * @param lastQty        LastQty (32), fills only
 * @param lastPx         LastPx (31), fills only
 * @param lastMkt        LastMkt (30), fills only
 * @param cumQty         CumQty (14)
 * @param leavesQty      LeavesQty (151)
 * @param avgPx          AvgPx (6)
 * @param transactTimeNs TransactTime (60) in ns since the epoch, or {@link #NO_TIME}
 * @param text           Text (58)
 * @param commission     Commission (12): fees paid so far, quote currency
 */
public record OmsExecutionReport(
    String clOrdId,
    String orderId,
    String execId,
    char execType,
    char ordStatus,
    String symbol,
    char side,
    String lastQty,
    String lastPx,
    String lastMkt,
    String cumQty,
    String leavesQty,
    String avgPx,
    long transactTimeNs,
    String text,
    String commission)
{
    public static final long NO_TIME = Long.MIN_VALUE;
}
