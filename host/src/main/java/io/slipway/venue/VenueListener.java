package io.slipway.venue;

/**
 * What venues report about child orders. Quantities and prices are fixed-point in the
 * instrument's scale; fees are in quote currency (positive is paid, negative a rebate).
 */
public interface VenueListener
{
    void onAccepted(int venue, long clientOrderId);

    /** The venue refused the order; nothing rests and nothing filled. */
    void onRejected(int venue, long clientOrderId, String reason);

    void onFill(int venue, long clientOrderId, long price, long quantity, double fee, boolean maker);

    /** The order is finished at the venue; {@code releasedQuantity} was canceled or expired unfilled. */
    void onDone(int venue, long clientOrderId, long releasedQuantity);
}
