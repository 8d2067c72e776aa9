package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** A child order finished at its venue: venue u16 @16, client order id @24, released quantity @32. */
public final class VenueDoneInput extends InputFlyweight
{
    public static final int LENGTH = 40;

    @Override
    int templateId()
    {
        return InputTemplates.VENUE_DONE;
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

    public VenueDoneInput encode(final MutableDirectBuffer target, final int offset, final int venueId,
        final long clientOrderId, final long releasedQuantity, final long nowNs)
    {
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)venueId);
        buffer.putLong(24, clientOrderId);
        buffer.putLong(32, releasedQuantity);
        return this;
    }

    public VenueDoneInput wrap(final DirectBuffer source, final int offset, final int length)
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

    public long releasedQuantity()
    {
        return buffer.getLong(32);
    }
}
