package io.slipway.core;

/** What the core believes about one of its open child orders, for reconciliation with the venues. */
@FunctionalInterface
public interface ChildOrderView
{
    /**
     * @param clientOrderId the child's deterministic id
     * @param venueId       where it was routed
     * @param atCard        true while the card has not yet said whether it let the order out
     * @param quantity      the child's quantity
     * @param filled        what the core has seen filled
     */
    void onChild(long clientOrderId, int venueId, boolean atCard, long quantity, long filled);
}
