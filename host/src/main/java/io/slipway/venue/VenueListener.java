package io.slipway.venue;

/**
 * What venues report about child orders. Quantities and prices are fixed-point in the
 * instrument's scale; fees are in quote currency (positive is paid, negative a rebate).
 */
public interface VenueListener
{
    /**
     * The reason a venue gives, at the end of its text, for refusing a post-only order that would
     * take: the one refusal the core tells apart (it posts again at the new touch).
     */
    String POST_ONLY_WOULD_TAKE = "post-only order would take liquidity";

    void onAccepted(int venue, long clientOrderId);

    /** The venue refused the order; nothing rests and nothing filled. */
    void onRejected(int venue, long clientOrderId, String reason);

    void onFill(int venue, long clientOrderId, long price, long quantity, double fee, boolean maker);

    /** The order is finished at the venue; {@code releasedQuantity} was canceled or expired unfilled. */
    void onDone(int venue, long clientOrderId, long releasedQuantity);
}
