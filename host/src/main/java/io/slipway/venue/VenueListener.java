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

    /**
     * The reason a venue gives for refusing an order that reached it more than the order's receive
     * window after the time the order says it was sent (Binance's {@code recvWindow}): it never rests
     * and never fills, and the venue keeps no order under that id. What lets a host that did not see
     * an order arrive treat "not found" as final once the window has passed (docs/cluster.md).
     */
    String RECEIVE_WINDOW_EXPIRED = "order arrived outside its receive window";

    void onAccepted(int venue, long clientOrderId);

    /** The venue refused the order; nothing rests and nothing filled. */
    void onRejected(int venue, long clientOrderId, String reason);

    void onFill(int venue, long clientOrderId, long price, long quantity, double fee, boolean maker);

    /** The order is finished at the venue; {@code releasedQuantity} was canceled or expired unfilled. */
    void onDone(int venue, long clientOrderId, long releasedQuantity);
}
