package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;

/**
 * Where the core's requests for quote go: to the dealer venues' RFQ sessions. A request names
 * only the instrument, the side and the size asked for; the id is the core's own running
 * number, not the parent's. Answers come back as {@link ExecutionCore#onQuote} and
 * {@link ExecutionCore#onQuoteDeclined}.
 */
public interface RfqSink
{
    /** No dealer connection: the core asks no one. */
    RfqSink NONE = (venueId, rfqId, instrument, side, quantity) -> false;

    /** Returns false when the request could not be sent (the core then treats the dealer as silent). */
    boolean requestQuote(int venueId, long rfqId, Instrument instrument, Side side, long quantity);
}
