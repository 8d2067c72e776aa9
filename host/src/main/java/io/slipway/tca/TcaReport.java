package io.slipway.tca;

import java.util.List;

/**
 * Post-trade cost summary of one parent order. Costs are in basis points of the arrival
 * notional and positive when they hurt the client, for buys and sells alike.
 *
 * @param shortfallBps         implementation shortfall: price (filled part) + fees + opportunity
 * @param priceImpactBps       filled quantity's average price against the arrival mid
 * @param feesBps              fees paid
 * @param opportunityBps       unfilled quantity valued at the move from arrival to completion
 * @param intervalVwap         VWAP of every print on every venue while the order worked
 * @param vwapSlippageBps      average fill price against the interval VWAP
 * @param participation        our filled quantity as a share of the interval's market volume
 * @param marketNote           what the market the order ran on cannot show (empty when nothing)
 */
public record TcaReport(
    String orderId,
    String clOrdId,
    String symbol,
    String side,
    String strategy,
    double orderQty,
    double filledQty,
    double completion,
    long startNs,
    long endNs,
    long completedNs,
    String finalStatus,
    double arrivalMid,
    double averagePrice,
    double completionMid,
    double shortfallBps,
    double priceImpactBps,
    double feesBps,
    double opportunityBps,
    double fees,
    double intervalVwap,
    double vwapSlippageBps,
    double marketVolume,
    double participation,
    int childOrders,
    int childRejectsByCard,
    List<VenueBreakdown> venues,
    String marketNote)
{
}
