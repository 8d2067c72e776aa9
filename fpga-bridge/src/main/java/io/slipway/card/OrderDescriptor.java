package io.slipway.card;

import org.agrona.DirectBuffer;

import static io.slipway.card.NicLayout.*;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Flyweight over one order slot (host to card): a {@link NicLayout#ORDER_DESCRIPTOR_SIZE}-byte
 * descriptor followed by the venue message bytes the card sends if every check passes.
 * Wrap a read-only buffer to read, a mutable one to read and write; nothing is allocated.
 */
public final class OrderDescriptor extends RecordFlyweight<OrderDescriptor>
{
    /** Zeroes the fixed part, reserved bytes included. */
    public OrderDescriptor clear()
    {
        zero(ORDER_DESCRIPTOR_SIZE);
        return this;
    }

    public int venue()
    {
        return buffer.getByte(offset + ORD_VENUE) & 0xFF;
    }

    public OrderDescriptor venue(final int value)
    {
        mutable().putByte(offset + ORD_VENUE, (byte)value);
        return this;
    }

    public int side()
    {
        return buffer.getByte(offset + ORD_SIDE) & 0xFF;
    }

    public OrderDescriptor side(final int value)
    {
        mutable().putByte(offset + ORD_SIDE, (byte)value);
        return this;
    }

    public int type()
    {
        return buffer.getByte(offset + ORD_TYPE) & 0xFF;
    }

    public OrderDescriptor type(final int value)
    {
        mutable().putByte(offset + ORD_TYPE, (byte)value);
        return this;
    }

    public int action()
    {
        return buffer.getByte(offset + ORD_ACTION) & 0xFF;
    }

    public OrderDescriptor action(final int value)
    {
        mutable().putByte(offset + ORD_ACTION, (byte)value);
        return this;
    }

    public int instrument()
    {
        return buffer.getShort(offset + ORD_INSTRUMENT, LITTLE_ENDIAN) & 0xFFFF;
    }

    public OrderDescriptor instrument(final int value)
    {
        mutable().putShort(offset + ORD_INSTRUMENT, (short)value, LITTLE_ENDIAN);
        return this;
    }

    public int messageLength()
    {
        return buffer.getShort(offset + ORD_MESSAGE_LENGTH, LITTLE_ENDIAN) & 0xFFFF;
    }

    public OrderDescriptor messageLength(final int value)
    {
        mutable().putShort(offset + ORD_MESSAGE_LENGTH, (short)value, LITTLE_ENDIAN);
        return this;
    }

    public long clientOrderId()
    {
        return buffer.getLong(offset + ORD_CLIENT_ORDER_ID, LITTLE_ENDIAN);
    }

    public OrderDescriptor clientOrderId(final long value)
    {
        mutable().putLong(offset + ORD_CLIENT_ORDER_ID, value, LITTLE_ENDIAN);
        return this;
    }

    public long price()
    {
        return buffer.getLong(offset + ORD_PRICE, LITTLE_ENDIAN);
    }

    public OrderDescriptor price(final long value)
    {
        mutable().putLong(offset + ORD_PRICE, value, LITTLE_ENDIAN);
        return this;
    }

    public long quantity()
    {
        return buffer.getLong(offset + ORD_QUANTITY, LITTLE_ENDIAN);
    }

    public OrderDescriptor quantity(final long value)
    {
        mutable().putLong(offset + ORD_QUANTITY, value, LITTLE_ENDIAN);
        return this;
    }

    public long hostTag()
    {
        return buffer.getLong(offset + ORD_HOST_TAG, LITTLE_ENDIAN);
    }

    public OrderDescriptor hostTag(final long value)
    {
        mutable().putLong(offset + ORD_HOST_TAG, value, LITTLE_ENDIAN);
        return this;
    }

    /** Offset of the venue message bytes within the wrapped buffer. */
    public int messageOffset()
    {
        return offset + ORD_MESSAGE;
    }

    /** Descriptor plus message bytes: the length to offer for this slot. */
    public int slotLength()
    {
        return ORD_MESSAGE + messageLength();
    }

    /** Copies the venue message after the descriptor and sets the message length. */
    public OrderDescriptor putMessage(final DirectBuffer source, final int sourceOffset, final int length)
    {
        if (length < 0 || length > ORDER_MAX_MESSAGE)
        {
            throw new IllegalArgumentException("message length outside 0.." + ORDER_MAX_MESSAGE + ": " + length);
        }
        mutable().putBytes(offset + ORD_MESSAGE, source, sourceOffset, length);
        return messageLength(length);
    }

    public String toString()
    {
        return "OrderDescriptor{" +
            "venue=" + venue() + ", " +
            "side=" + side() + ", " +
            "type=" + type() + ", " +
            "action=" + action() + ", " +
            "instrument=" + instrument() + ", " +
            "messageLength=" + messageLength() + ", " +
            "clientOrderId=" + clientOrderId() + ", " +
            "price=" + price() + ", " +
            "quantity=" + quantity() + ", " +
            "hostTag=" + hostTag() +
            '}';
    }

}
