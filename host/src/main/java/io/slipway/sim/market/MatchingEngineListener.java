package io.slipway.sim.market;

import io.slipway.domain.Side;

/**
 * What a {@link MatchingEngine} reports. Calls happen synchronously inside the request that
 * caused them, in this order: accepted, then trades in matching order, then done events.
 */
public interface MatchingEngineListener
{
    void onAccepted(int instrumentId, int owner, long clientOrderId, long timeNs);

    /**
     * One match between an incoming (taker) order and a resting (maker) order. Fees are in quote
     * currency, positive paid, negative a rebate.
     */
    void onTrade(
        int instrumentId,
        Side takerSide,
        int takerOwner,
        long takerClientOrderId,
        int makerOwner,
        long makerClientOrderId,
        long price,
        long quantity,
        double takerFee,
        double makerFee,
        long timeNs);

    /** The order is finished; releasedQuantity was canceled or expired unfilled (0 when fully filled). */
    void onDone(int instrumentId, int owner, long clientOrderId, long releasedQuantity, long timeNs);
}
