package io.slipway.venue;

import org.agrona.DirectBuffer;

/**
 * A place liquidity lives, as the host sees it: a lit exchange, an OTC dealer, an AMM pool,
 * real or simulated. Child orders reach a venue only as the message bytes that left the card's
 * risk gate on this venue's port; the venue answers through its {@link VenueListener} and
 * publishes market data through a {@link MarketDataSink} into the card's ingress path.
 */
public interface Venue
{
    /** Card venue id, 1..7 (a bit in the card's venue-enable mask). */
    int id();

    /** Short market identifier reported to the OMS as LastMkt (30). */
    String name();

    VenueKind kind();

    /** Trading rules for an instrument here, or null when the venue does not trade it. */
    VenueRules rules(io.slipway.domain.Instrument instrument);

    /** Feed channel on which this venue publishes the instrument's market data. */
    int marketDataChannel(io.slipway.domain.Instrument instrument);

    /** The wire format of this venue's order entry, used by the router to build child orders. */
    OrderEntryEncoder orderEntryEncoder();

    /** Bytes of one order-entry message as they left the card on this venue's port. */
    void onOrderMessage(DirectBuffer buffer, int offset, int length);

    /**
     * A charge per order in quote currency whatever its size, on top of the rate-based fees in
     * {@link VenueRules}: an AMM's gas. Zero for venues without one.
     */
    default double fixedFeePerOrder()
    {
        return 0.0;
    }

    /** The venue's view of the host's orders for reconciliation, or null when this venue cannot be asked. */
    default VenueStatusQuery statusQuery()
    {
        return null;
    }
}
