package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** A price level from the card's market-data ring: venue u16 @16, instrument u16 @18, bid u8 @20, price @24, qty @32. */
public final class BookLevelInput extends InputFlyweight
{
    public static final int LENGTH = 40;

    @Override
    int templateId()
    {
        return InputTemplates.BOOK_LEVEL;
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

    public BookLevelInput encode(final MutableDirectBuffer target, final int offset, final int venueId,
        final int instrumentId, final boolean bid, final long price, final long quantity, final long nowNs)
    {
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)venueId);
        buffer.putShort(18, (short)instrumentId);
        buffer.putByte(20, (byte)(bid ? 1 : 0));
        buffer.putLong(24, price);
        buffer.putLong(32, quantity);
        return this;
    }

    public BookLevelInput wrap(final DirectBuffer source, final int offset, final int length)
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

    public boolean bid()
    {
        return buffer.getByte(20) != 0;
    }

    public long price()
    {
        return buffer.getLong(24);
    }

    public long quantity()
    {
        return buffer.getLong(32);
    }
}
