package io.slipway.sim.market;

import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import org.agrona.DirectBuffer;

import static io.slipway.sim.market.SimOrderEntryCodec.BYTE_ORDER;

/**
 * Decodes one {@link SimOrderEntryCodec} message into its fields. Reusable: {@link #decode}
 * overwrites the previous message. Malformed input is refused with a reason rather than thrown,
 * because a venue answers garbage with a reject, not a crash. A NEW with a receive window
 * decodes as {@link SimOrderEntryCodec#TYPE_NEW} with {@link #receiveWindowNs()} above zero, and
 * only for a venue that honours the window.
 */
public final class SimOrderEntryDecoder
{
    private final boolean receiveWindow;
    private int messageType;
    private long sentTimeNs;
    private long receiveWindowNs;
    private long clientOrderId;
    private int instrumentId;
    private Side side;
    private OrderType orderType;
    private long price;
    private long quantity;
    private String error;

    /** The decoder of a venue without a receive window: a timed NEW is refused as unsupported. */
    public SimOrderEntryDecoder()
    {
        this(false);
    }

    /** @param receiveWindow whether the venue honours a receive window (then it must check it on arrival) */
    public SimOrderEntryDecoder(final boolean receiveWindow)
    {
        this.receiveWindow = receiveWindow;
    }

    /** Returns true when the bytes are one well-formed message; otherwise see {@link #error()}. */
    public boolean decode(final DirectBuffer buffer, final int offset, final int length)
    {
        messageType = 0;
        sentTimeNs = 0;
        receiveWindowNs = 0;
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
        final int wireType = buffer.getByte(offset + SimOrderEntryCodec.TYPE_OFFSET) & 0xFF;
        final boolean timed = wireType == SimOrderEntryCodec.TYPE_NEW_TIMED;
        if (timed && !receiveWindow)
        {
            return fail("a receive window is not supported by this venue");
        }
        if (timed && length != SimOrderEntryCodec.NEW_TIMED_LENGTH)
        {
            return fail("message type " + wireType + " must be " + SimOrderEntryCodec.NEW_TIMED_LENGTH +
                " bytes, was " + length);
        }
        final int type = timed ? SimOrderEntryCodec.TYPE_NEW : wireType;
        final int expected = timed ? SimOrderEntryCodec.NEW_TIMED_LENGTH :
            type == SimOrderEntryCodec.TYPE_NEW ? SimOrderEntryCodec.NEW_LENGTH :
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
            if (timed)
            {
                final long sent = buffer.getLong(offset + SimOrderEntryCodec.SENT_TIME_OFFSET, BYTE_ORDER);
                final long window = buffer.getLong(offset + SimOrderEntryCodec.RECEIVE_WINDOW_OFFSET, BYTE_ORDER);
                if (sent <= 0 || window <= 0)
                {
                    return fail("sent time and receive window must be positive, were " + sent + " and " + window);
                }
                sentTimeNs = sent;
                receiveWindowNs = window;
            }
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

    /** The time a NEW with a receive window says it was sent, ns since the epoch; 0 without one. */
    public long sentTimeNs()
    {
        return sentTimeNs;
    }

    /** A NEW's receive window in ns; 0 when it has none. */
    public long receiveWindowNs()
    {
        return receiveWindowNs;
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
