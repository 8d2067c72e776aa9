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
     * Asks the venue to cancel a working child. The card lets cancels through even when killed;
     * the venue's done or fill report, not this call, closes the child. Returns false under
     * back-pressure; the core then tries again later.
     */
    boolean sendCancel(int venueId, long clientOrderId, Instrument instrument, Side side);

    /** Tells the card a venue reported a fill, so its position and open exposure follow. */
    void reportFill(long clientOrderId, Instrument instrument, Side side, long quantity);

    /** Tells the card open quantity was released (canceled, expired or rejected at the venue). */
    void reportRelease(long clientOrderId, Instrument instrument, Side side, long quantity);

    /**
     * Sets a card that starts with none of the core's history (after a journal replay, or on a new cluster
     * leader) to the net filled position of an instrument: buys minus sells over every child. Sent before any
     * new child. A sink with no card behind it has nothing to set.
     */
    default void restorePosition(Instrument instrument, long position)
    {
    }

    /**
     * Sets such a card's open quantity of one side of an instrument: what the core's open children on that
     * side have not yet had filled or released. Sent before any new child, like {@link #restorePosition}.
     */
    default void restoreOpen(Instrument instrument, Side side, long openQuantity)
    {
    }
}
