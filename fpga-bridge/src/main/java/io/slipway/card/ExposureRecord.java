package io.slipway.card;


import static io.slipway.card.NicLayout.*;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Flyweight over one {@link NicLayout#EXPOSURE_RECORD_SIZE}-byte exposure record (host to card): a fill
 * or a released open quantity a venue reported.
 * Wrap a read-only buffer to read, a mutable one to read and write; nothing is allocated.
 */
public final class ExposureRecord extends RecordFlyweight<ExposureRecord>
{
    /** Zeroes the fixed part, reserved bytes included. */
    public ExposureRecord clear()
    {
        zero(EXPOSURE_RECORD_SIZE);
        return this;
    }

    public int instrument()
    {
        return buffer.getShort(offset + EXP_INSTRUMENT, LITTLE_ENDIAN) & 0xFFFF;
    }

    public ExposureRecord instrument(final int value)
    {
        mutable().putShort(offset + EXP_INSTRUMENT, (short)value, LITTLE_ENDIAN);
        return this;
    }

    public int side()
    {
        return buffer.getByte(offset + EXP_SIDE) & 0xFF;
    }

    public ExposureRecord side(final int value)
    {
        mutable().putByte(offset + EXP_SIDE, (byte)value);
        return this;
    }

    public int kind()
    {
        return buffer.getByte(offset + EXP_KIND) & 0xFF;
    }

    public ExposureRecord kind(final int value)
    {
        mutable().putByte(offset + EXP_KIND, (byte)value);
        return this;
    }

    public long clientOrderId()
    {
        return buffer.getLong(offset + EXP_CLIENT_ORDER_ID, LITTLE_ENDIAN);
    }

    public ExposureRecord clientOrderId(final long value)
    {
        mutable().putLong(offset + EXP_CLIENT_ORDER_ID, value, LITTLE_ENDIAN);
        return this;
    }

    public long quantity()
    {
        return buffer.getLong(offset + EXP_QUANTITY, LITTLE_ENDIAN);
    }

    public ExposureRecord quantity(final long value)
    {
        mutable().putLong(offset + EXP_QUANTITY, value, LITTLE_ENDIAN);
        return this;
    }

    public String toString()
    {
        return "ExposureRecord{" +
            "instrument=" + instrument() + ", " +
            "side=" + side() + ", " +
            "kind=" + kind() + ", " +
            "clientOrderId=" + clientOrderId() + ", " +
            "quantity=" + quantity() +
            '}';
    }

}
