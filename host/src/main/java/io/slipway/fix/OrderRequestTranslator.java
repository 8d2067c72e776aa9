package io.slipway.fix;

import io.slipway.fix.codecs.decoder.OrderCancelReplaceRequestDecoder;
import io.slipway.fix.codecs.decoder.OrderCancelRequestDecoder;
import io.slipway.fix.codecs.decoder.OrderStatusRequestDecoder;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.ParentStatusRequest;
import io.slipway.oms.ReplaceParentOrder;
import org.agrona.DirectBuffer;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

/**
 * Turns OrderCancelRequest (35=F), OrderCancelReplaceRequest (35=G) and OrderStatusRequest
 * (35=H) into the core's {@link OmsCommand}s, or says which tag makes one unacceptable at the
 * FIX level. As for NewOrderSingle, only FIX-level checks live here; whether the order exists,
 * is still working or may change is the core's call, answered with an OrderCancelReject.
 *
 * <p>Not thread-safe: one instance per gateway thread.
 */
final class OrderRequestTranslator
{
    private final OrderCancelRequestDecoder cancelDecoder = new OrderCancelRequestDecoder();
    private final OrderCancelReplaceRequestDecoder replaceDecoder = new OrderCancelReplaceRequestDecoder();
    private final OrderStatusRequestDecoder statusDecoder = new OrderStatusRequestDecoder();
    private final MutableAsciiBuffer asciiBuffer = new MutableAsciiBuffer();

    private OmsCommand command;
    private int msgSeqNum;
    private boolean possResend;
    private String clOrdId;
    private int rejectTagId;
    private int rejectReason;
    private String rejectText;

    boolean translateCancel(final DirectBuffer buffer, final int offset, final int length)
    {
        clear();
        asciiBuffer.wrap(buffer);
        final OrderCancelRequestDecoder decoder = cancelDecoder;
        decoder.reset();
        decoder.decode(asciiBuffer, offset, length);
        msgSeqNum = decoder.header().msgSeqNum();
        possResend = decoder.header().hasPossResend() && decoder.header().possResend();
        clOrdId = decoder.clOrdIDLength() > 0 ? decoder.clOrdIDAsString() : null;
        if (!decoder.validate())
        {
            return reject(decoder.invalidTagId(), decoder.rejectReason());
        }
        if (UtcTimestamps.parseNanos(decoder.transactTime(), decoder.transactTimeLength()) == UtcTimestamps.INVALID)
        {
            return reject(60, NewOrderSingleTranslator.INCORRECT_DATA_FORMAT);
        }
        command = new CancelParentOrder(
            decoder.clOrdIDAsString(),
            decoder.origClOrdIDAsString(),
            decoder.hasOrderID() ? decoder.orderIDAsString() : null);
        return true;
    }

    boolean translateReplace(final DirectBuffer buffer, final int offset, final int length)
    {
        clear();
        asciiBuffer.wrap(buffer);
        final OrderCancelReplaceRequestDecoder decoder = replaceDecoder;
        decoder.reset();
        decoder.decode(asciiBuffer, offset, length);
        msgSeqNum = decoder.header().msgSeqNum();
        possResend = decoder.header().hasPossResend() && decoder.header().possResend();
        clOrdId = decoder.clOrdIDLength() > 0 ? decoder.clOrdIDAsString() : null;
        if (!decoder.validate())
        {
            return reject(decoder.invalidTagId(), decoder.rejectReason());
        }
        if (UtcTimestamps.parseNanos(decoder.transactTime(), decoder.transactTimeLength()) == UtcTimestamps.INVALID)
        {
            return reject(60, NewOrderSingleTranslator.INCORRECT_DATA_FORMAT);
        }
        long expireTimeNs = NewParentOrder.NO_TIME;
        if (decoder.hasExpireTime())
        {
            expireTimeNs = UtcTimestamps.parseNanos(decoder.expireTime(), decoder.expireTimeLength());
            if (expireTimeNs == UtcTimestamps.INVALID)
            {
                return reject(126, NewOrderSingleTranslator.INCORRECT_DATA_FORMAT);
            }
        }
        command = new ReplaceParentOrder(
            decoder.clOrdIDAsString(),
            decoder.origClOrdIDAsString(),
            decoder.hasOrderID() ? decoder.orderIDAsString() : null,
            decoder.symbolAsString(),
            decoder.side(),
            NewOrderSingleTranslator.decimalText(decoder.orderQty()),
            expireTimeNs,
            decoder.hasPrice() ? NewOrderSingleTranslator.decimalText(decoder.price()) : null);
        return true;
    }

    boolean translateStatus(final DirectBuffer buffer, final int offset, final int length)
    {
        clear();
        asciiBuffer.wrap(buffer);
        final OrderStatusRequestDecoder decoder = statusDecoder;
        decoder.reset();
        decoder.decode(asciiBuffer, offset, length);
        msgSeqNum = decoder.header().msgSeqNum();
        possResend = decoder.header().hasPossResend() && decoder.header().possResend();
        clOrdId = decoder.clOrdIDLength() > 0 ? decoder.clOrdIDAsString() : null;
        if (!decoder.validate())
        {
            return reject(decoder.invalidTagId(), decoder.rejectReason());
        }
        command = new ParentStatusRequest(
            decoder.clOrdIDAsString(),
            decoder.hasOrderID() ? decoder.orderIDAsString() : null,
            decoder.symbolAsString(),
            decoder.side());
        return true;
    }

    OmsCommand command()
    {
        return command;
    }

    /** MsgSeqNum (34) of the last message translated, for RefSeqNum (45). */
    int msgSeqNum()
    {
        return msgSeqNum;
    }

    boolean isPossResend()
    {
        return possResend;
    }

    /** ClOrdID of the last message translated, or null if it had none. */
    String clOrdIdOrNull()
    {
        return clOrdId;
    }

    int rejectTagId()
    {
        return rejectTagId;
    }

    int rejectReason()
    {
        return rejectReason;
    }

    String rejectText()
    {
        return rejectText;
    }

    private void clear()
    {
        command = null;
        clOrdId = null;
        rejectTagId = 0;
        rejectReason = 0;
        rejectText = null;
    }

    private boolean reject(final int tagId, final int reason)
    {
        rejectTagId = tagId;
        rejectReason = reason;
        final String name = NewOrderSingleTranslator.tagName(tagId);
        rejectText = NewOrderSingleTranslator.reasonText(reason) + ": tag " + tagId + (name == null ? "" : " (" + name + ")");
        return false;
    }
}
