package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** A fill of a child order: venue u16 @16, maker u8 @18, client order id @24, price @32, qty @40, fee f64 @48. */
public final class VenueFillInput extends InputFlyweight
{
    public static final int LENGTH = 56;

    @Override
    int templateId()
    {
        return InputTemplates.VENUE_FILL;
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

    public VenueFillInput encode(final MutableDirectBuffer target, final int offset, final int venueId,
        final long clientOrderId, final long price, final long quantity, final double fee, final boolean maker,
        final long nowNs)
    {
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)venueId);
        buffer.putByte(18, (byte)(maker ? 1 : 0));
        buffer.putLong(24, clientOrderId);
        buffer.putLong(32, price);
        buffer.putLong(40, quantity);
        buffer.putDouble(48, fee);
        return this;
    }

    public VenueFillInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        return this;
    }

    public int venueId()
    {
        return buffer.getShort(16) & 0xFFFF;
    }

    public boolean maker()
    {
        return buffer.getByte(18) != 0;
    }

    public long clientOrderId()
    {
        return buffer.getLong(24);
    }

    public long price()
    {
        return buffer.getLong(32);
    }

    public long quantity()
    {
        return buffer.getLong(40);
    }

    public double fee()
    {
        return buffer.getDouble(48);
    }
}
