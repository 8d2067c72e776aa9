package io.slipway.core;

import io.slipway.oms.OmsCommandHandler;

/**
 * Every input the execution core acts on, each carrying the time it happens at. The core itself
 * implements it, and so does the journaled core, which records an input before handing it on:
 * card dispatchers, agents and venue sessions feed either without knowing which.
 */
public interface CoreInput extends OmsCommandHandler
{
    void onBookLevel(int venueId, int instrumentId, boolean bid, long price, long quantity, long nowNs);

    void onBbo(int venueId, int instrumentId, long bidPrice, long bidQty, long askPrice, long askQty, long nowNs);

    void onTrade(int venueId, int instrumentId, long price, long quantity, long nowNs);

    void onTimer(long nowNs);

    void onCardVerdict(long clientOrderId, boolean sent, int reason, long nowNs);

    void onVenueAccepted(int venueId, long clientOrderId, long nowNs);

    void onVenueRejected(int venueId, long clientOrderId, String reason, long nowNs);

    void onVenueFill(int venueId, long clientOrderId, long price, long quantity, double fee, boolean maker, long nowNs);

    void onVenueDone(int venueId, long clientOrderId, long releasedQuantity, long nowNs);

    /** Earliest time the core wants {@link #onTimer(long)}, or {@link Long#MAX_VALUE}; a query, not an input. */
    long nextDeadlineNs();

    /** Parent orders not yet in a final state; a query, not an input. */
    int activeParentCount();
}
