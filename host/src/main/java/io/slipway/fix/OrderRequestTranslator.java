package io.slipway.fix;

import io.slipway.fix.codecs.decoder.OrderCancelReplaceRequestDecoder;
import io.slipway.fix.codecs.decoder.OrderCancelReplaceRequestDecoder.StrategyParametersGroupDecoder;
import io.slipway.fix.codecs.decoder.OrderCancelRequestDecoder;
import io.slipway.fix.codecs.decoder.OrderStatusRequestDecoder;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.ParentStatusRequest;
import io.slipway.oms.ReplaceParentOrder;
import io.slipway.oms.StrategyParameter;
import org.agrona.DirectBuffer;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

import java.util.ArrayList;
import java.util.List;

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
    private String ordStatusReqId;
    private int requestedStrategy;
    private long requestedEffectiveTimeNs;
    private List<StrategyParameter> requestedParameters;

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
        // Fields a replace may not change are read only to be compared with the order's (see FixGateway).
        requestedStrategy = decoder.hasTargetStrategy() ? decoder.targetStrategy() : NewParentOrder.NO_STRATEGY;
        requestedEffectiveTimeNs = NewParentOrder.NO_TIME;
        if (decoder.hasEffectiveTime())
        {
            requestedEffectiveTimeNs = UtcTimestamps.parseNanos(decoder.effectiveTime(), decoder.effectiveTimeLength());
            if (requestedEffectiveTimeNs == UtcTimestamps.INVALID)
            {
                return reject(168, NewOrderSingleTranslator.INCORRECT_DATA_FORMAT);
            }
        }
        // The group decoder outlives a message: only the counter says whether this one has a group.
        final int entries = decoder.hasNoStrategyParametersGroupCounter() ? decoder.noStrategyParametersGroupCounter() : 0;
        if (entries > 0)
        {
            requestedParameters = new ArrayList<>(entries);
            StrategyParametersGroupDecoder entry = decoder.strategyParametersGroup();
            for (int i = 0; i < entries && entry != null; i++, entry = entry.next())
            {
                if (!entry.hasStrategyParameterName())
                {
                    return reject(958, NewOrderSingleTranslator.REQUIRED_TAG_MISSING);
                }
                requestedParameters.add(new StrategyParameter(
                    entry.strategyParameterNameAsString(),
                    entry.hasStrategyParameterType() ? entry.strategyParameterType() : StrategyParameter.NO_TYPE,
                    entry.hasStrategyParameterValue() ? entry.strategyParameterValueAsString() : null));
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
        ordStatusReqId = decoder.hasOrdStatusReqID() ? decoder.ordStatusReqIDAsString() : null;
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

    /** OrdStatusReqID (790) of the last status request, or null; echoed on its answer. */
    String ordStatusReqId()
    {
        return ordStatusReqId;
    }

    /** TargetStrategy (847) of the last replace, or {@link NewParentOrder#NO_STRATEGY} if absent. */
    int requestedStrategy()
    {
        return requestedStrategy;
    }

    /** EffectiveTime (168) of the last replace in ns, or {@link NewParentOrder#NO_TIME} if absent. */
    long requestedEffectiveTimeNs()
    {
        return requestedEffectiveTimeNs;
    }

    /** The StrategyParameters group of the last replace, or null if it had none. */
    List<StrategyParameter> requestedParameters()
    {
        return requestedParameters;
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
        ordStatusReqId = null;
        requestedStrategy = NewParentOrder.NO_STRATEGY;
        requestedEffectiveTimeNs = NewParentOrder.NO_TIME;
        requestedParameters = null;
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
