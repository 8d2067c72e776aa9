package io.slipway.journal;

import io.slipway.oms.CancelParentOrder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * An OMS OrderCancelRequest as the core received it, before validation: the texts ClOrdID,
 * OrigClOrdID and OrderID (null when absent) from @16.
 */
public final class CancelParentOrderInput extends InputFlyweight
{
    public static final int FIXED_LENGTH = HEADER_LENGTH;

    @Override
    int templateId()
    {
        return InputTemplates.CANCEL_PARENT_ORDER;
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

    public CancelParentOrderInput encode(final MutableDirectBuffer target, final int offset,
        final CancelParentOrder cancel, final long nowNs)
    {
        wrapForEncode(target, offset);
        timeNs(nowNs);
        appendText(cancel.clOrdId());
        appendText(cancel.origClOrdId());
        appendText(cancel.orderId());
        return this;
    }

    public CancelParentOrderInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        checkEnd(skipText(skipText(skipText(FIXED_LENGTH))));
        return this;
    }

    /** The request as the OMS sent it; allocates. */
    public CancelParentOrder cancel()
    {
        final int origAt = skipText(FIXED_LENGTH);
        final int orderIdAt = skipText(origAt);
        return new CancelParentOrder(text(FIXED_LENGTH), text(origAt), text(orderIdAt));
    }
}
