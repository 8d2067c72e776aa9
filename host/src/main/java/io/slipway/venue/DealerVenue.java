package io.slipway.venue;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;

/**
 * A venue that answers requests for quote (an OTC dealer). A request reveals only the size
 * asked for. A quote is taken by sending an ordinary order through the card: an IOC at the
 * quoted price for at most the quoted quantity, before the quote expires; the dealer may still
 * refuse it at last look, which comes back as a reject.
 */
public interface DealerVenue extends Venue
{
    /** Asks for a two-way-agnostic quote to trade {@code quantity} on {@code side} (the requester's side). */
    void requestQuote(long rfqId, Instrument instrument, Side side, long quantity);
}
