package io.slipway.journal;

/** A journal message this build cannot read: wrong kind, unknown version, or cut short. */
public final class JournalFormatException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    public JournalFormatException(final String message)
    {
        super(message);
    }
}
