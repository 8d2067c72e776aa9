package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The operator stops (disable) or restarts (enable) routing to a venue ({@code enableVenue});
 * children already there keep working. Venue id u16 @16, enabled u8 @18 (0 or 1; anything else
 * is refused).
 */
public final class VenueRoutingInput extends InputFlyweight
{
    public static final int FIXED_LENGTH = 24;

    @Override
    int templateId()
    {
        return InputTemplates.VENUE_ROUTING;
    }

    @Override
    int version()
    {
        return 1;
    }

    @Override
    int fixedLength()
    {
        return FIXED_LENGTH;
    }

    public VenueRoutingInput encode(final MutableDirectBuffer target, final int offset, final int venueId,
        final boolean enabled, final long nowNs)
    {
        if (venueId <= 0 || venueId > 0xFFFF)
        {
            throw new JournalFormatException("VENUE_ROUTING needs a venue id 1..65535, had " + venueId);
        }
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)venueId);
        buffer.putByte(18, (byte)(enabled ? 1 : 0));
        return this;
    }

    public VenueRoutingInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        checkEnd(FIXED_LENGTH);
        final int enabled = buffer.getByte(18);
        if (enabled != 0 && enabled != 1)
        {
            throw new JournalFormatException("VENUE_ROUTING has enabled flag " + enabled + " (0 or 1)");
        }
        if (venueId() == 0)
        {
            throw new JournalFormatException("VENUE_ROUTING names venue 0");
        }
        return this;
    }

    public int venueId()
    {
        return buffer.getShort(16) & 0xFFFF;
    }

    public boolean enabled()
    {
        return buffer.getByte(18) == 1;
    }
}
