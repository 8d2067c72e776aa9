package io.slipway.journal;

import io.slipway.oms.ReplaceParentOrder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * An OMS OrderCancelReplaceRequest as the core received it, before validation: side u16 @16,
 * expire time @24, then the texts ClOrdID, OrigClOrdID, OrderID, Symbol, OrderQty and Price
 * (null when absent) from @32.
 */
public final class ReplaceParentOrderInput extends InputFlyweight
{
    public static final int FIXED_LENGTH = 32;

    @Override
    int templateId()
    {
        return InputTemplates.REPLACE_PARENT_ORDER;
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

    public ReplaceParentOrderInput encode(final MutableDirectBuffer target, final int offset,
        final ReplaceParentOrder replace, final long nowNs)
    {
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)replace.side());
        buffer.putLong(24, replace.expireTimeNs());
        appendText(replace.clOrdId());
        appendText(replace.origClOrdId());
        appendText(replace.orderId());
        appendText(replace.symbol());
        appendText(replace.quantity());
        appendText(replace.limitPrice());
        return this;
    }

    public ReplaceParentOrderInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        checkEnd(skipText(skipText(skipText(skipText(skipText(skipText(FIXED_LENGTH)))))));
        return this;
    }

    /** The request as the OMS sent it; allocates. */
    public ReplaceParentOrder replace()
    {
        final int origAt = skipText(FIXED_LENGTH);
        final int orderIdAt = skipText(origAt);
        final int symbolAt = skipText(orderIdAt);
        final int quantityAt = skipText(symbolAt);
        final int priceAt = skipText(quantityAt);
        return new ReplaceParentOrder(text(FIXED_LENGTH), text(origAt), text(orderIdAt), text(symbolAt),
            (char)buffer.getShort(16), text(quantityAt), buffer.getLong(24), text(priceAt));
    }
}
