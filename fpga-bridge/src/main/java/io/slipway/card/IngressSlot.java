package io.slipway.card;

import org.agrona.DirectBuffer;

import static io.slipway.card.NicLayout.*;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Flyweight over one lookaside ingress slot (host to card): a 16-byte header followed by up to
 * {@link NicLayout#INGRESS_MAX_PAYLOAD} bytes of SBE message, SBE message header included.
 * Wrap a read-only buffer to read, a mutable one to read and write; nothing is allocated.
 */
public final class IngressSlot extends RecordFlyweight<IngressSlot>
{
    /** Zeroes the fixed part, reserved bytes included. */
    public IngressSlot clear()
    {
        zero(INGRESS_PAYLOAD);
        return this;
    }

    public int channel()
    {
        return buffer.getShort(offset + INGRESS_CHANNEL, LITTLE_ENDIAN) & 0xFFFF;
    }

    public IngressSlot channel(final int value)
    {
        mutable().putShort(offset + INGRESS_CHANNEL, (short)value, LITTLE_ENDIAN);
        return this;
    }

    public int length()
    {
        return buffer.getShort(offset + INGRESS_LENGTH, LITTLE_ENDIAN) & 0xFFFF;
    }

    public IngressSlot length(final int value)
    {
        mutable().putShort(offset + INGRESS_LENGTH, (short)value, LITTLE_ENDIAN);
        return this;
    }

    public long hostTag()
    {
        return buffer.getLong(offset + INGRESS_HOST_TAG, LITTLE_ENDIAN);
    }

    public IngressSlot hostTag(final long value)
    {
        mutable().putLong(offset + INGRESS_HOST_TAG, value, LITTLE_ENDIAN);
        return this;
    }

    /** Offset of the SBE message within the wrapped buffer. */
    public int payloadOffset()
    {
        return offset + INGRESS_PAYLOAD;
    }

    /** Copies an SBE message into the slot and sets its length. */
    public IngressSlot putPayload(final DirectBuffer source, final int sourceOffset, final int length)
    {
        if (length < 0 || length > INGRESS_MAX_PAYLOAD)
        {
            throw new IllegalArgumentException("payload length outside 0.." + INGRESS_MAX_PAYLOAD + ": " + length);
        }
        mutable().putBytes(offset + INGRESS_PAYLOAD, source, sourceOffset, length);
        return length(length);
    }

    public String toString()
    {
        return "IngressSlot{" +
            "channel=" + channel() + ", " +
            "length=" + length() + ", " +
            "hostTag=" + hostTag() +
            '}';
    }

}
