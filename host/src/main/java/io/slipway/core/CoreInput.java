package io.slipway.core;

import io.slipway.analytics.ImpactFit;
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

    /**
     * A dealer's firm quote for one of the core's requests for quote, in the instrument's
     * fixed-point scale, good until {@code validUntilNs}. A quote for a request the core is not
     * waiting on (late, unasked, repeated) changes nothing.
     */
    void onQuote(int venueId, long rfqId, long price, long quantity, long validUntilNs, long nowNs);

    /** A request for quote gets no quote from that dealer: it declined, or the request never reached it. */
    void onQuoteDeclined(int venueId, long rfqId, long nowNs);

    /**
     * The venues were reconciled after a recovery or a session's return (the journal's
     * RECOVERY_MARK, reconciled phase): a cancel the core made but the dead process or the dropped
     * session never let out is owed again. Only the journaled core makes this input (it records the
     * mark first); a sender of live inputs has nothing to say here, hence the empty default.
     */
    default void onReconciled(final long nowNs)
    {
    }

    // Operator commands: inputs like any other, so a journal replay and a cluster member reproduce them.

    /** Nothing new is placed for any order; every working child is asked to cancel. Returns the cancels sent. */
    int killAll(long nowNs);

    void resumeAll(long nowNs);

    /**
     * The router stops using the venue and its working children are asked to cancel. Returns the cancels sent.
     *
     * @throws IllegalArgumentException for a venue the core does not have; nothing changes then.
     */
    int killVenue(int venueId, long nowNs);

    /** @throws IllegalArgumentException for a venue the core does not have; nothing changes then. */
    void resumeVenue(int venueId, long nowNs);

    /** The parent (OrderID or ClOrdID) places nothing more; returns the cancels sent, or -1 if no working order has that id. */
    int killParent(String id, long nowNs);

    /** Returns false if no working order has that id. */
    boolean resumeParent(String id, long nowNs);

    /** @throws IllegalArgumentException for a venue the core does not have; nothing changes then. */
    void enableVenue(int venueId, boolean enabled, long nowNs);

    /** @throws IllegalArgumentException for a value out of the limit's range; nothing changes then. */
    void setRiskLimit(CoreRiskLimit limit, double value, long nowNs);

    /**
     * The feedback loop's refitted impact coefficient, for parents arriving from now on; working parents keep theirs.
     *
     * @throws IllegalArgumentException for a null fit; nothing changes then.
     */
    void setImpactFit(ImpactFit fit, long nowNs);

    /** Earliest time the core wants {@link #onTimer(long)}, or {@link Long#MAX_VALUE}; a query, not an input. */
    long nextDeadlineNs();

    /** Parent orders not yet in a final state; a query, not an input. */
    int activeParentCount();
}
