package io.slipway.marketlink;

/** A frame on the market link that cannot be read: it names the frame and the problem. */
public final class MarketLinkFormatException extends RuntimeException
{
    public MarketLinkFormatException(final String message)
    {
        super(message);
    }
}
