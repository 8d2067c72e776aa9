package io.slipway.cluster;

import io.slipway.core.ChildOrderSink;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;

/**
 * A link to the venues whose new orders carry the time they were sent and a receive window: the
 * venue refuses an order that arrives later than that ({@code VenueListener.RECEIVE_WINDOW_EXPIRED}),
 * so a leader that finds a child "not found" after the window has passed knows no copy of it can
 * still arrive, and may place its quantity again (see docs/cluster.md).
 */
public interface TimedChildOrderSink extends ChildOrderSink
{
    /**
     * @param sentTimeNs      the cluster time of the log entry that placed the child, ns since the epoch
     * @param receiveWindowNs how long after {@code sentTimeNs} the venue may still take it
     */
    boolean sendNew(int venueId, long clientOrderId, Instrument instrument, Side side, OrderType type, long price,
        long quantity, long sentTimeNs, long receiveWindowNs);
}
