package io.slipway.sim.market;

import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import org.agrona.DirectBuffer;

import static io.slipway.sim.market.SimOrderEntryCodec.BYTE_ORDER;

/**
 * Decodes one {@link SimOrderEntryCodec} message into its fields. Reusable: {@link #decode}
 * overwrites the previous message. Malformed input is refused with a reason rather than thrown,
 * because a venue answers garbage with a reject, not a crash.
 */
public final class SimOrderEntryDecoder
{
    private int messageType;
    private long clientOrderId;
    private int instrumentId;
    private Side side;
    private OrderType orderType;
    private long price;
    private long quantity;
    private String error;

    /** Returns true when the bytes are one well-formed message; otherwise see {@link #error()}. */
    public boolean decode(final DirectBuffer buffer, final int offset, final int length)
    {
        messageType = 0;
        clientOrderId = 0;
        instrumentId = 0;
        side = null;
        orderType = null;
        price = 0;
        quantity = 0;
        error = null;
        if (length < SimOrderEntryCodec.CANCEL_LENGTH)
        {
            return fail("message shorter than " + SimOrderEntryCodec.CANCEL_LENGTH + " bytes: " + length);
        }
        clientOrderId = buffer.getLong(offset + SimOrderEntryCodec.CLIENT_ORDER_ID_OFFSET, BYTE_ORDER);
        final int declared = buffer.getShort(offset + SimOrderEntryCodec.LENGTH_OFFSET, BYTE_ORDER) & 0xFFFF;
        if (declared != length)
        {
            return fail("declared length " + declared + " but " + length + " bytes");
        }
        final int type = buffer.getByte(offset + SimOrderEntryCodec.TYPE_OFFSET) & 0xFF;
        final int expected = type == SimOrderEntryCodec.TYPE_NEW ? SimOrderEntryCodec.NEW_LENGTH :
            type == SimOrderEntryCodec.TYPE_CANCEL ? SimOrderEntryCodec.CANCEL_LENGTH :
            type == SimOrderEntryCodec.TYPE_REPLACE ? SimOrderEntryCodec.REPLACE_LENGTH : -1;
        if (expected < 0)
        {
            return fail("unknown message type " + type);
        }
        if (length != expected)
        {
            return fail("message type " + type + " must be " + expected + " bytes, was " + length);
        }
        final int sideCode = buffer.getByte(offset + SimOrderEntryCodec.SIDE_OFFSET) & 0xFF;
        if (sideCode != 1 && sideCode != 2)
        {
            return fail("unknown side code " + sideCode);
        }
        final int instrument = buffer.getByte(offset + SimOrderEntryCodec.INSTRUMENT_OFFSET) & 0xFF;
        if (instrument == 0 || instrument >= 16)
        {
            return fail("instrument id out of range: " + instrument);
        }
        if (buffer.getShort(offset + SimOrderEntryCodec.RESERVED_OFFSET, BYTE_ORDER) != 0)
        {
            return fail("reserved bytes must be zero");
        }
        final int typeCode = buffer.getByte(offset + SimOrderEntryCodec.ORDER_TYPE_OFFSET) & 0xFF;
        if (type == SimOrderEntryCodec.TYPE_NEW)
        {
            orderType = SimOrderEntryCodec.fromVenueCode(typeCode);
            if (orderType == null)
            {
                return fail("unknown order type code " + typeCode);
            }
            price = buffer.getLong(offset + SimOrderEntryCodec.PRICE_OFFSET, BYTE_ORDER);
            quantity = buffer.getLong(offset + SimOrderEntryCodec.QUANTITY_OFFSET, BYTE_ORDER);
        }
        else if (typeCode != 0)
        {
            return fail((type == SimOrderEntryCodec.TYPE_CANCEL ? "cancel" : "replace") +
                " must carry order type 0, was " + typeCode);
        }
        else if (type == SimOrderEntryCodec.TYPE_REPLACE)
        {
            price = buffer.getLong(offset + SimOrderEntryCodec.PRICE_OFFSET, BYTE_ORDER);
            quantity = buffer.getLong(offset + SimOrderEntryCodec.QUANTITY_OFFSET, BYTE_ORDER);
        }
        messageType = type;
        side = Side.fromCardCode(sideCode);
        instrumentId = instrument;
        return true;
    }

    private boolean fail(final String reason)
    {
        error = reason;
        return false;
    }

    /**
     * {@link SimOrderEntryCodec#TYPE_NEW}, {@link SimOrderEntryCodec#TYPE_CANCEL} or
     * {@link SimOrderEntryCodec#TYPE_REPLACE}; 0 after a failure.
     */
    public int messageType()
    {
        return messageType;
    }

    /** The client order id; also kept after a failure when the message was long enough to carry one. */
    public long clientOrderId()
    {
        return clientOrderId;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public Side side()
    {
        return side;
    }

    /** Null for a cancel or a replace (a replaced order keeps its type). */
    public OrderType orderType()
    {
        return orderType;
    }

    public long price()
    {
        return price;
    }

    public long quantity()
    {
        return quantity;
    }

    /** Why the last decode failed, or null. */
    public String error()
    {
        return error;
    }
}
