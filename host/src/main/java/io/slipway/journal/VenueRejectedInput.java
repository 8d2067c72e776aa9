package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** A venue refused a child order: venue u16 @16, client order id @24, then the reason as text @32. */
public final class VenueRejectedInput extends InputFlyweight
{
    public static final int FIXED_LENGTH = 32;

    @Override
    int templateId()
    {
        return InputTemplates.VENUE_REJECTED;
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

    public VenueRejectedInput encode(final MutableDirectBuffer target, final int offset, final int venueId,
        final long clientOrderId, final String reason, final long nowNs)
    {
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)venueId);
        buffer.putLong(24, clientOrderId);
        appendText(reason);
        return this;
    }

    public VenueRejectedInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        skipText(FIXED_LENGTH);
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

    public String reason()
    {
        return text(FIXED_LENGTH);
    }
}
