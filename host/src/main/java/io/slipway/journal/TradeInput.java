package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** A trade on a venue's tape: venue u16 @16, instrument u16 @18, price @24, qty @32. */
public final class TradeInput extends InputFlyweight
{
    public static final int LENGTH = 40;

    @Override
    int templateId()
    {
        return InputTemplates.TRADE;
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

    public TradeInput encode(final MutableDirectBuffer target, final int offset, final int venueId,
        final int instrumentId, final long price, final long quantity, final long nowNs)
    {
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)venueId);
        buffer.putShort(18, (short)instrumentId);
        buffer.putLong(24, price);
        buffer.putLong(32, quantity);
        return this;
    }

    public TradeInput wrap(final DirectBuffer source, final int offset, final int length)
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

    public long price()
    {
        return buffer.getLong(24);
    }

    public long quantity()
    {
        return buffer.getLong(32);
    }
}
