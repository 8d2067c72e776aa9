package io.slipway.card;


import static io.slipway.card.NicLayout.*;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Flyweight over one {@link NicLayout#COMPLETION_RECORD_SIZE}-byte completion record (card to host):
 * the verdict on one order descriptor.
 * Wrap a read-only buffer to read, a mutable one to read and write; nothing is allocated.
 */
public final class CompletionRecord extends RecordFlyweight<CompletionRecord>
{
    /** Zeroes the fixed part, reserved bytes included. */
    public CompletionRecord clear()
    {
        zero(COMPLETION_RECORD_SIZE);
        return this;
    }

    public int type()
    {
        return buffer.getShort(offset + CMP_TYPE, LITTLE_ENDIAN) & 0xFFFF;
    }

    public CompletionRecord type(final int value)
    {
        mutable().putShort(offset + CMP_TYPE, (short)value, LITTLE_ENDIAN);
        return this;
    }

    public int reason()
    {
        return buffer.getShort(offset + CMP_REASON, LITTLE_ENDIAN) & 0xFFFF;
    }

    public CompletionRecord reason(final int value)
    {
        mutable().putShort(offset + CMP_REASON, (short)value, LITTLE_ENDIAN);
        return this;
    }

    public int venue()
    {
        return buffer.getByte(offset + CMP_VENUE) & 0xFF;
    }

    public CompletionRecord venue(final int value)
    {
        mutable().putByte(offset + CMP_VENUE, (byte)value);
        return this;
    }

    public int side()
    {
        return buffer.getByte(offset + CMP_SIDE) & 0xFF;
    }

    public CompletionRecord side(final int value)
    {
        mutable().putByte(offset + CMP_SIDE, (byte)value);
        return this;
    }

    public int instrument()
    {
        return buffer.getShort(offset + CMP_INSTRUMENT, LITTLE_ENDIAN) & 0xFFFF;
    }

    public CompletionRecord instrument(final int value)
    {
        mutable().putShort(offset + CMP_INSTRUMENT, (short)value, LITTLE_ENDIAN);
        return this;
    }

    public long clientOrderId()
    {
        return buffer.getLong(offset + CMP_CLIENT_ORDER_ID, LITTLE_ENDIAN);
    }

    public CompletionRecord clientOrderId(final long value)
    {
        mutable().putLong(offset + CMP_CLIENT_ORDER_ID, value, LITTLE_ENDIAN);
        return this;
    }

    public long hostTag()
    {
        return buffer.getLong(offset + CMP_HOST_TAG, LITTLE_ENDIAN);
    }

    public CompletionRecord hostTag(final long value)
    {
        mutable().putLong(offset + CMP_HOST_TAG, value, LITTLE_ENDIAN);
        return this;
    }

    public long price()
    {
        return buffer.getLong(offset + CMP_PRICE, LITTLE_ENDIAN);
    }

    public CompletionRecord price(final long value)
    {
        mutable().putLong(offset + CMP_PRICE, value, LITTLE_ENDIAN);
        return this;
    }

    public long quantity()
    {
        return buffer.getLong(offset + CMP_QUANTITY, LITTLE_ENDIAN);
    }

    public CompletionRecord quantity(final long value)
    {
        mutable().putLong(offset + CMP_QUANTITY, value, LITTLE_ENDIAN);
        return this;
    }

    public long referencePrice()
    {
        return buffer.getLong(offset + CMP_REFERENCE_PRICE, LITTLE_ENDIAN);
    }

    public CompletionRecord referencePrice(final long value)
    {
        mutable().putLong(offset + CMP_REFERENCE_PRICE, value, LITTLE_ENDIAN);
        return this;
    }

    public long cyclesIn()
    {
        return buffer.getLong(offset + CMP_CYCLES_IN, LITTLE_ENDIAN);
    }

    public CompletionRecord cyclesIn(final long value)
    {
        mutable().putLong(offset + CMP_CYCLES_IN, value, LITTLE_ENDIAN);
        return this;
    }

    public long cyclesOut()
    {
        return buffer.getLong(offset + CMP_CYCLES_OUT, LITTLE_ENDIAN);
    }

    public CompletionRecord cyclesOut(final long value)
    {
        mutable().putLong(offset + CMP_CYCLES_OUT, value, LITTLE_ENDIAN);
        return this;
    }

    public String toString()
    {
        return "CompletionRecord{" +
            "type=" + type() + ", " +
            "reason=" + reason() + ", " +
            "venue=" + venue() + ", " +
            "side=" + side() + ", " +
            "instrument=" + instrument() + ", " +
            "clientOrderId=" + clientOrderId() + ", " +
            "hostTag=" + hostTag() + ", " +
            "price=" + price() + ", " +
            "quantity=" + quantity() + ", " +
            "referencePrice=" + referencePrice() + ", " +
            "cyclesIn=" + cyclesIn() + ", " +
            "cyclesOut=" + cyclesOut() +
            '}';
    }

}
