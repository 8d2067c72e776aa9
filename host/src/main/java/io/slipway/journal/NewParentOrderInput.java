package io.slipway.journal;

import io.slipway.oms.NewParentOrder;
import io.slipway.oms.StrategyParameter;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * An OMS NewOrderSingle as the core received it, before validation (so a replayed reject is the
 * same reject). Version 2: side u16 @16, target strategy i32 @20, effective time @24, expire time
 * @32, then the texts ClOrdID, Symbol, OrderQty, Price (null when absent) and client id from @40,
 * then the StrategyParameters group as an i32 count and, per entry, i32 type, name text and value
 * text. Version 1 lacked the client and the group; the core reads both, so a version 1 journal
 * would not replay to the same state and is refused by name.
 */
public final class NewParentOrderInput extends InputFlyweight
{
    public static final int FIXED_LENGTH = 40;
    /** Smallest strategy parameter entry: a type and two null texts. */
    private static final int MIN_PARAMETER_LENGTH = 12;

    @Override
    int templateId()
    {
        return InputTemplates.NEW_PARENT_ORDER;
    }

    @Override
    int version()
    {
        return 2;
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
        appendText(order.clientId());
        final List<StrategyParameter> parameters = order.strategyParameters();
        appendInt(parameters.size());
        for (int i = 0, n = parameters.size(); i < n; i++)
        {
            final StrategyParameter parameter = parameters.get(i);
            appendInt(parameter.type());
            appendText(parameter.name());
            appendText(parameter.value());
        }
        return this;
    }

    /** Wraps a recorded order, walking every field so a malformed one is refused before it is read. */
    public NewParentOrderInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        final int countAt = skipText(skipText(skipText(skipText(skipText(FIXED_LENGTH)))));
        final int count = intAt(countAt);
        int at = countAt + 4;
        if (count < 0 || count > (encodedLength() - at) / MIN_PARAMETER_LENGTH)
        {
            throw new JournalFormatException("NEW_PARENT_ORDER has a strategy parameter count of " + count +
                " that its " + encodedLength() + " bytes cannot hold");
        }
        for (int i = 0; i < count; i++)
        {
            intAt(at);
            at = skipText(skipText(at + 4));
        }
        checkEnd(at);
        return this;
    }

    /** The order as the OMS sent it; allocates (the OMS path is a few messages per order). */
    public NewParentOrder order()
    {
        final int symbolAt = skipText(FIXED_LENGTH);
        final int quantityAt = skipText(symbolAt);
        final int priceAt = skipText(quantityAt);
        final int clientAt = skipText(priceAt);
        final int countAt = skipText(clientAt);
        final int count = intAt(countAt);
        final List<StrategyParameter> parameters = new ArrayList<>(count);
        int at = countAt + 4;
        for (int i = 0; i < count; i++)
        {
            final int type = intAt(at);
            final int valueAt = skipText(at + 4);
            parameters.add(new StrategyParameter(text(at + 4), type, text(valueAt)));
            at = skipText(valueAt);
        }
        return new NewParentOrder(text(FIXED_LENGTH), text(symbolAt), (char)buffer.getShort(16), text(quantityAt),
            buffer.getInt(20), buffer.getLong(24), buffer.getLong(32), text(priceAt), parameters, text(clientAt));
    }
}
