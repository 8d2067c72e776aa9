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
 * @param delayBps             filled quantity times the mid's move from arrival to the order's start
 * @param placement            where the post-only children ended ({@link PlacementStats#NONE} when unknown)
 * @param incompleteReason     why the order ended with quantity unfilled (empty when it completed or nothing
 *                             more specific than the end time is known): a limit price, or a remainder
 *                             below every venue's minimum size or notional that no venue could take
 * @param spreadBps            half-spreads paid by taking fills less those earned by passive fills
 * @param impactTimingBps      the rest of the filled part's price cost: impact and timing;
 *                             delay + spread + impact/timing = priceImpactBps
 * @param markouts             markouts at 1 s .. 5 m; the mid path runs 5 minutes past completion
 *                             when the run lasted that long (the covered share says how much did)
 * @param participationBuckets participation per five minutes of the window
 * @param predicted            pre-trade estimate, null when none was given
 * @param costZScore           (shortfall before fees - predicted expected) / predicted SD, NaN without an
 *                             estimate; before fees because the pre-trade estimate is
 * @param dealers              each dealer asked or filled: requests, quotes, takes, refusals, leakage
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
    String marketNote,
    double delayBps,
    double spreadBps,
    double impactTimingBps,
    List<Markout> markouts,
    List<ParticipationBucket> participationBuckets,
    PredictedCost predicted,
    double costZScore,
    List<DealerBreakdown> dealers,
    PlacementStats placement,
    String incompleteReason)
{
    public TcaReport
    {
        incompleteReason = incompleteReason == null ? "" : incompleteReason;
    }

    /** A report with no reason given for an incomplete finish. */
    public TcaReport(final String orderId, final String clOrdId, final String symbol, final String side,
        final String strategy, final double orderQty, final double filledQty, final double completion, final long startNs,
        final long endNs, final long completedNs, final String finalStatus, final double arrivalMid,
        final double averagePrice, final double completionMid, final double shortfallBps, final double priceImpactBps,
        final double feesBps, final double opportunityBps, final double fees, final double intervalVwap,
        final double vwapSlippageBps, final double marketVolume, final double participation, final int childOrders,
        final int childRejectsByCard, final List<VenueBreakdown> venues, final String marketNote, final double delayBps,
        final double spreadBps, final double impactTimingBps, final List<Markout> markouts,
        final List<ParticipationBucket> participationBuckets, final PredictedCost predicted, final double costZScore,
        final List<DealerBreakdown> dealers, final PlacementStats placement)
    {
        this(orderId, clOrdId, symbol, side, strategy, orderQty, filledQty, completion, startNs, endNs, completedNs,
            finalStatus, arrivalMid, averagePrice, completionMid, shortfallBps, priceImpactBps, feesBps, opportunityBps,
            fees, intervalVwap, vwapSlippageBps, marketVolume, participation, childOrders, childRejectsByCard, venues,
            marketNote, delayBps, spreadBps, impactTimingBps, markouts, participationBuckets, predicted, costZScore,
            dealers, placement, "");
    }
}
