package io.slipway.card;


import static io.slipway.card.NicLayout.*;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Flyweight over one {@link NicLayout#MD_RECORD_SIZE}-byte market-data record (card to host).
 * Wrap a read-only buffer to read, a mutable one to read and write; nothing is allocated.
 */
public final class MarketDataRecord extends RecordFlyweight<MarketDataRecord>
{
    /** Zeroes the whole record, reserved bytes included. */
    public MarketDataRecord clear()
    {
        zero(MD_RECORD_SIZE);
        return this;
    }

    public int type()
    {
        return buffer.getShort(offset + MD_TYPE, LITTLE_ENDIAN) & 0xFFFF;
    }

    public MarketDataRecord type(final int type)
    {
        mutable().putShort(offset + MD_TYPE, (short)type, LITTLE_ENDIAN);
        return this;
    }

    public int channel()
    {
        return buffer.getShort(offset + MD_CHANNEL, LITTLE_ENDIAN) & 0xFFFF;
    }

    public MarketDataRecord channel(final int channel)
    {
        mutable().putShort(offset + MD_CHANNEL, (short)channel, LITTLE_ENDIAN);
        return this;
    }

    public int instrument()
    {
        return buffer.getShort(offset + MD_INSTRUMENT, LITTLE_ENDIAN) & 0xFFFF;
    }

    public MarketDataRecord instrument(final int instrument)
    {
        mutable().putShort(offset + MD_INSTRUMENT, (short)instrument, LITTLE_ENDIAN);
        return this;
    }

    public int venue()
    {
        return buffer.getByte(offset + MD_VENUE) & 0xFF;
    }

    public MarketDataRecord venue(final int venue)
    {
        mutable().putByte(offset + MD_VENUE, (byte)venue);
        return this;
    }

    public int flags()
    {
        return buffer.getByte(offset + MD_FLAGS) & 0xFF;
    }

    public MarketDataRecord flags(final int flags)
    {
        mutable().putByte(offset + MD_FLAGS, (byte)flags);
        return this;
    }

    public boolean hasFlag(final int flag)
    {
        return (flags() & flag) != 0;
    }

    public long sequence()
    {
        return buffer.getLong(offset + MD_SEQUENCE, LITTLE_ENDIAN);
    }

    public MarketDataRecord sequence(final long sequence)
    {
        mutable().putLong(offset + MD_SEQUENCE, sequence, LITTLE_ENDIAN);
        return this;
    }

    public long price0()
    {
        return buffer.getLong(offset + MD_PRICE_0, LITTLE_ENDIAN);
    }

    public MarketDataRecord price0(final long price)
    {
        mutable().putLong(offset + MD_PRICE_0, price, LITTLE_ENDIAN);
        return this;
    }

    public long qty0()
    {
        return buffer.getLong(offset + MD_QTY_0, LITTLE_ENDIAN);
    }

    public MarketDataRecord qty0(final long qty)
    {
        mutable().putLong(offset + MD_QTY_0, qty, LITTLE_ENDIAN);
        return this;
    }

    public long price1()
    {
        return buffer.getLong(offset + MD_PRICE_1, LITTLE_ENDIAN);
    }

    public MarketDataRecord price1(final long price)
    {
        mutable().putLong(offset + MD_PRICE_1, price, LITTLE_ENDIAN);
        return this;
    }

    public long qty1()
    {
        return buffer.getLong(offset + MD_QTY_1, LITTLE_ENDIAN);
    }

    public MarketDataRecord qty1(final long qty)
    {
        mutable().putLong(offset + MD_QTY_1, qty, LITTLE_ENDIAN);
        return this;
    }

    public long eventTimeUs()
    {
        return buffer.getLong(offset + MD_EVENT_TIME_US, LITTLE_ENDIAN);
    }

    public MarketDataRecord eventTimeUs(final long eventTimeUs)
    {
        mutable().putLong(offset + MD_EVENT_TIME_US, eventTimeUs, LITTLE_ENDIAN);
        return this;
    }

    public long cardCycles()
    {
        return buffer.getLong(offset + MD_CARD_CYCLES, LITTLE_ENDIAN);
    }

    public MarketDataRecord cardCycles(final long cycles)
    {
        mutable().putLong(offset + MD_CARD_CYCLES, cycles, LITTLE_ENDIAN);
        return this;
    }

    public String toString()
    {
        return "MarketDataRecord{type=" + type() + ", channel=" + channel() + ", instrument=" + instrument() +
            ", venue=" + venue() + ", flags=0x" + Integer.toHexString(flags()) + ", sequence=" + sequence() +
            ", price0=" + price0() + ", qty0=" + qty0() + ", price1=" + price1() + ", qty1=" + qty1() +
            ", eventTimeUs=" + eventTimeUs() + ", cardCycles=" + cardCycles() + '}';
    }

}
