package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** A venue took a child order: venue u16 @16, client order id @24. */
public final class VenueAcceptedInput extends InputFlyweight
{
    public static final int LENGTH = 32;

    @Override
    int templateId()
    {
        return InputTemplates.VENUE_ACCEPTED;
    }

    @Override
    int version()
    {
        return 1;
    }

    @Override
    int fixedLength()
    {
        return LENGTH;
    }

    public VenueAcceptedInput encode(final MutableDirectBuffer target, final int offset, final int venueId,
        final long clientOrderId, final long nowNs)
    {
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)venueId);
        buffer.putLong(24, clientOrderId);
        return this;
    }

    public VenueAcceptedInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        return this;
    }

    public int venueId()
    {
        return buffer.getShort(16) & 0xFFFF;
    }

    public long clientOrderId()
    {
        return buffer.getLong(24);
    }
}
