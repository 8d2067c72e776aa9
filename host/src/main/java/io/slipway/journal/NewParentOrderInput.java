package io.slipway.journal;

import io.slipway.oms.NewParentOrder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * An OMS NewOrderSingle as the core received it, before validation (so a replayed reject is the
 * same reject): side u16 @16, target strategy i32 @20, effective time @24, expire time @32, then
 * the texts ClOrdID, Symbol, OrderQty and Price (null when absent) from @40.
 */
public final class NewParentOrderInput extends InputFlyweight
{
    public static final int FIXED_LENGTH = 40;

    @Override
    int templateId()
    {
        return InputTemplates.NEW_PARENT_ORDER;
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

    public NewParentOrderInput encode(final MutableDirectBuffer target, final int offset, final NewParentOrder order,
        final long nowNs)
    {
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)order.side());
        buffer.putInt(20, order.targetStrategy());
        buffer.putLong(24, order.effectiveTimeNs());
        buffer.putLong(32, order.expireTimeNs());
        appendText(order.clOrdId());
        appendText(order.symbol());
        appendText(order.quantity());
        appendText(order.limitPrice());
        return this;
    }

    public NewParentOrderInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        skipText(skipText(skipText(skipText(FIXED_LENGTH))));
        return this;
    }

    /** The order as the OMS sent it; allocates (the OMS path is a few messages per order). */
    public NewParentOrder order()
    {
        final int symbolAt = skipText(FIXED_LENGTH);
        final int quantityAt = skipText(symbolAt);
        final int priceAt = skipText(quantityAt);
        return new NewParentOrder(text(FIXED_LENGTH), text(symbolAt), (char)buffer.getShort(16), text(quantityAt),
            buffer.getInt(20), buffer.getLong(24), buffer.getLong(32), text(priceAt));
    }
}
