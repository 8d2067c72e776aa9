package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** Best bid and offer from the card: venue u16 @16, instrument u16 @18, bid px @24, bid qty @32, ask px @40, ask qty @48. */
public final class BboInput extends InputFlyweight
{
    public static final int LENGTH = 56;

    @Override
    int templateId()
    {
        return InputTemplates.BBO;
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

    public BboInput encode(final MutableDirectBuffer target, final int offset, final int venueId,
        final int instrumentId, final long bidPrice, final long bidQty, final long askPrice, final long askQty,
        final long nowNs)
    {
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)venueId);
        buffer.putShort(18, (short)instrumentId);
        buffer.putLong(24, bidPrice);
        buffer.putLong(32, bidQty);
        buffer.putLong(40, askPrice);
        buffer.putLong(48, askQty);
        return this;
    }

    public BboInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        return this;
    }

    public int venueId()
    {
        return buffer.getShort(16) & 0xFFFF;
    }

    public int instrumentId()
    {
        return buffer.getShort(18) & 0xFFFF;
    }

    public long bidPrice()
    {
        return buffer.getLong(24);
    }

    public long bidQty()
    {
        return buffer.getLong(32);
    }

    public long askPrice()
    {
        return buffer.getLong(40);
    }

    public long askQty()
    {
        return buffer.getLong(48);
    }
}
