package io.slipway.fix;

import io.slipway.fix.codecs.decoder.NewOrderSingleDecoder;
import io.slipway.fix.codecs.decoder.NewOrderSingleDecoder.StrategyParametersGroupDecoder;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.StrategyParameter;
import org.agrona.DirectBuffer;
import uk.co.real_logic.artio.fields.ReadOnlyDecimalFloat;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a NewOrderSingle (35=D) into a {@link NewParentOrder}, or says which tag makes it
 * unacceptable at the FIX level. Only FIX-level checks live here (required tags, data formats,
 * enumerated values, timestamps); whether the order makes business sense is the core's call.
 *
 * <p>Not thread-safe: one instance per gateway thread.
 */
final class NewOrderSingleTranslator
{
    /** SessionRejectReason (373) values used here; the decoder reports the others itself. */
    static final int INCORRECT_DATA_FORMAT = 6;
    static final int REQUIRED_TAG_MISSING = 1;

    private final NewOrderSingleDecoder decoder = new NewOrderSingleDecoder();
    private final MutableAsciiBuffer asciiBuffer = new MutableAsciiBuffer();

    private int rejectTagId;
    private int rejectReason;
    private String rejectText;
    private NewParentOrder order;

    /**
     * @return true if the message maps to {@link #order()}; false if it must be rejected with
     * {@link #rejectTagId()}, {@link #rejectReason()} and {@link #rejectText()}.
     */
    boolean translate(final DirectBuffer buffer, final int offset, final int length)
    {
        order = null;
        rejectTagId = 0;
        rejectReason = 0;
        rejectText = null;

        asciiBuffer.wrap(buffer);
        decoder.reset();
        decoder.decode(asciiBuffer, offset, length);
        if (!decoder.validate())
        {
            return reject(decoder.invalidTagId(), decoder.rejectReason());
        }

        long effectiveTimeNs = NewParentOrder.NO_TIME;
        if (decoder.hasEffectiveTime())
        {
            effectiveTimeNs = UtcTimestamps.parseNanos(decoder.effectiveTime(), decoder.effectiveTimeLength());
            if (effectiveTimeNs == UtcTimestamps.INVALID)
            {
                return reject(168, INCORRECT_DATA_FORMAT);
            }
        }

        long expireTimeNs = NewParentOrder.NO_TIME;
        if (decoder.hasExpireTime())
        {
            expireTimeNs = UtcTimestamps.parseNanos(decoder.expireTime(), decoder.expireTimeLength());
            if (expireTimeNs == UtcTimestamps.INVALID)
            {
                return reject(126, INCORRECT_DATA_FORMAT);
            }
        }

        // TransactTime is required by FIX 4.4; the core keeps its own clock, but a garbled value
        // still means a broken sender.
        if (UtcTimestamps.parseNanos(decoder.transactTime(), decoder.transactTimeLength()) == UtcTimestamps.INVALID)
        {
            return reject(60, INCORRECT_DATA_FORMAT);
        }

        // The group goes to the core as sent: which names and values make sense is its call.
        final List<StrategyParameter> parameters = new ArrayList<>();
        // The group decoder outlives a message: only the counter says whether this one has a group.
        final int entries = decoder.hasNoStrategyParametersGroupCounter() ? decoder.noStrategyParametersGroupCounter() : 0;
        StrategyParametersGroupDecoder entry = entries > 0 ? decoder.strategyParametersGroup() : null;
        for (int i = 0; i < entries && entry != null; i++, entry = entry.next())
        {
            if (!entry.hasStrategyParameterName())
            {
                return reject(958, REQUIRED_TAG_MISSING);
            }
            parameters.add(new StrategyParameter(
                entry.strategyParameterNameAsString(),
                entry.hasStrategyParameterType() ? entry.strategyParameterType() : StrategyParameter.NO_TYPE,
                entry.hasStrategyParameterValue() ? entry.strategyParameterValueAsString() : null));
        }

        order = new NewParentOrder(
            decoder.clOrdIDAsString(),
            decoder.symbolAsString(),
            decoder.side(),
            decimalText(decoder.orderQty()),
            decoder.hasTargetStrategy() ? decoder.targetStrategy() : NewParentOrder.NO_STRATEGY,
            effectiveTimeNs,
            expireTimeNs,
            decoder.hasPrice() ? decimalText(decoder.price()) : null,
            parameters,
            decoder.header().senderCompIDAsString());
        return true;
    }

    NewParentOrder order()
    {
        return order;
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

    /** MsgSeqNum (34) of the last message translated, for RefSeqNum (45). */
    int msgSeqNum()
    {
        return decoder.header().msgSeqNum();
    }

    /** PossResend (97) of the last message translated. */
    boolean isPossResend()
    {
        return decoder.header().hasPossResend() && decoder.header().possResend();
    }

    /** ClOrdID of the last message translated, or null if it had none. */
    String clOrdIdOrNull()
    {
        return decoder.clOrdIDLength() > 0 ? decoder.clOrdIDAsString() : null;
    }

    private boolean reject(final int tagId, final int reason)
    {
        rejectTagId = tagId;
        rejectReason = reason;
        final String name = tagName(tagId);
        rejectText = reasonText(reason) + ": tag " + tagId + (name == null ? "" : " (" + name + ")");
        return false;
    }

    static String decimalText(final ReadOnlyDecimalFloat value)
    {
        return BigDecimal.valueOf(value.value(), value.scale()).toPlainString();
    }

    /** FIX 4.4 SessionRejectReason (373) texts, so the OMS operator reads the cause, not a number. */
    static String reasonText(final int reason)
    {
        switch (reason)
        {
            case 0: return "Invalid tag number";
            case 1: return "Required tag missing";
            case 2: return "Tag not defined for this message type";
            case 3: return "Undefined tag";
            case 4: return "Tag specified without a value";
            case 5: return "Value is incorrect (out of range) for this tag";
            case 6: return "Incorrect data format for value";
            case 13: return "Tag appears more than once";
            case 14: return "Tag specified out of required order";
            case 15: return "Repeating group fields out of order";
            case 16: return "Incorrect NumInGroup count for repeating group";
            default: return "Invalid message (reason " + reason + ")";
        }
    }

    /** Name of a tag a NewOrderSingle may carry, or null. */
    static String tagName(final int tagId)
    {
        switch (tagId)
        {
            case 11: return "ClOrdID";
            case 37: return "OrderID";
            case 41: return "OrigClOrdID";
            case 21: return "HandlInst";
            case 38: return "OrderQty";
            case 40: return "OrdType";
            case 44: return "Price";
            case 54: return "Side";
            case 55: return "Symbol";
            case 59: return "TimeInForce";
            case 60: return "TransactTime";
            case 126: return "ExpireTime";
            case 168: return "EffectiveTime";
            case 847: return "TargetStrategy";
            case 957: return "NoStrategyParameters";
            case 958: return "StrategyParameterName";
            case 959: return "StrategyParameterType";
            case 960: return "StrategyParameterValue";
            default: return null;
        }
    }
}
