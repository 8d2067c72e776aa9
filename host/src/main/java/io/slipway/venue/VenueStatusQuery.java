package io.slipway.venue;

/**
 * A venue's own view of the host's orders, asked by client order id: what a recovering appliance
 * reconciles against (an exchange's order-status request, a drop copy). Narrow on purpose: status
 * and fills of one order, and the ids of the host's orders the venue holds.
 */
public interface VenueStatusQuery
{
    /** What the venue says about one order, or {@link VenueOrderStatus#unavailable} when it cannot say now. */
    VenueOrderStatus status(long clientOrderId);

    /** Client order ids of every host order the venue has seen, in the order it saw them. */
    long[] hostOrderIds();
}
