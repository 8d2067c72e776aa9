package io.slipway.venue;

/** Dealers' answers to requests for quote. */
public interface QuoteListener
{
    QuoteListener NONE = new QuoteListener()
    {
        public void onQuote(final int venue, final long rfqId, final long price, final long quantity,
            final long validUntilNs)
        {
        }

        public void onQuoteDeclined(final int venue, final long rfqId, final String reason)
        {
        }
    };

    /** A firm quote, in the instrument's fixed-point scale, good until validUntilNs. */
    void onQuote(int venue, long rfqId, long price, long quantity, long validUntilNs);

    void onQuoteDeclined(int venue, long rfqId, String reason);
}
