package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;

/**
 * Where the core's child-order decisions go: in the appliance, the card's order ring (whose
 * risk gate has the last word) and its exposure ring. Called on the core's thread only.
 */
public interface ChildOrderSink
{
    /** Returns false under back-pressure; the core then treats the child as never sent. */
    boolean sendNew(int venueId, long clientOrderId, Instrument instrument, Side side, OrderType type, long price,
        long quantity);

    /**
     * Asks the venue to cancel a resting child. Returns false under back-pressure; the child
     * stays open and the core asks again later. What was released comes back as a venue done.
     */
    boolean sendCancel(int venueId, long clientOrderId, Instrument instrument, Side side);

    /** Tells the card a venue reported a fill, so its position and open exposure follow. */
    void reportFill(long clientOrderId, Instrument instrument, Side side, long quantity);

    /** Tells the card open quantity was released (canceled, expired or rejected at the venue). */
    void reportRelease(long clientOrderId, Instrument instrument, Side side, long quantity);
}
