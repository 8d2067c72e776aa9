package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The card's risk-gate verdict on a child order: client order id @16, sent u8 @24, reason i32 @28.
 * Also records a child the card's order ring could not take (sent 0, reason {@link #RING_FULL}).
 */
public final class CardVerdictInput extends InputFlyweight
{
    public static final int LENGTH = 32;
    /** Not a card reason code: the order ring stayed full, so the order never reached the gate. */
    public static final int RING_FULL = -1;

    @Override
    int templateId()
    {
        return InputTemplates.CARD_VERDICT;
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

    public CardVerdictInput encode(final MutableDirectBuffer target, final int offset, final long clientOrderId,
        final boolean sent, final int reason, final long nowNs)
    {
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putLong(16, clientOrderId);
        buffer.putByte(24, (byte)(sent ? 1 : 0));
        buffer.putInt(28, reason);
        return this;
    }

    public CardVerdictInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        return this;
    }

    public long clientOrderId()
    {
        return buffer.getLong(16);
    }

    public boolean sent()
    {
        return buffer.getByte(24) != 0;
    }

    public int reason()
    {
        return buffer.getInt(28);
    }
}
