package io.slipway.journal;

import io.slipway.oms.ParentStatusRequest;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * An OMS OrderStatusRequest as the core received it. It changes no order, but the core answers it
 * with a report whose sequence it counts, so it is an input like any other: side u16 @16, then the
 * texts ClOrdID, OrderID and Symbol (null when absent) from @24.
 */
public final class ParentStatusRequestInput extends InputFlyweight
{
    public static final int FIXED_LENGTH = 24;

    @Override
    int templateId()
    {
        return InputTemplates.PARENT_STATUS_REQUEST;
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

    public ParentStatusRequestInput encode(final MutableDirectBuffer target, final int offset,
        final ParentStatusRequest request, final long nowNs)
    {
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)request.side());
        appendText(request.clOrdId());
        appendText(request.orderId());
        appendText(request.symbol());
        return this;
    }

    public ParentStatusRequestInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        checkEnd(skipText(skipText(skipText(FIXED_LENGTH))));
        return this;
    }

    /** The request as the OMS sent it; allocates. */
    public ParentStatusRequest request()
    {
        final int orderIdAt = skipText(FIXED_LENGTH);
        final int symbolAt = skipText(orderIdAt);
        return new ParentStatusRequest(text(FIXED_LENGTH), text(orderIdAt), text(symbolAt),
            (char)buffer.getShort(16));
    }
}
