package io.slipway.card;

import org.agrona.DirectBuffer;

import static io.slipway.card.NicLayout.FEED_SUB_CHANNEL_MASK;
import static io.slipway.card.NicLayout.FEED_SUB_CHANNEL_SHIFT;
import static io.slipway.card.NicLayout.FEED_SUB_COUNT;
import static io.slipway.card.NicLayout.FEED_SUB_ENABLE;
import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The card's wire parser: Ethernet II (at most one 802.1Q tag) / IPv4 / UDP, and the subscription
 * table. A frame's verdict is the first of these that applies, the same list as the RTL
 * ({@code hdl-sim/rtl/slipway_wire_rx.v}):
 * <ol>
 *   <li>{@link #DROP_L2}: shorter than its Ethernet header or than a 20-byte IPv4 header, or an
 *       EtherType other than IPv4;</li>
 *   <li>{@link #DROP_L3}: version not 4, IHL below 5, shorter than IHL, bad header checksum, a
 *       fragment (MF set or an offset), total length below IHL;</li>
 *   <li>{@link #NOT_SUBSCRIBED}: a protocol other than UDP;</li>
 *   <li>{@link #DROP_L3}: total length below IHL + 8, or the frame ends inside the UDP header;</li>
 *   <li>{@link #DROP_L4}: UDP length below 8 or past the IPv4 payload;</li>
 *   <li>{@link #NOT_SUBSCRIBED}: no enabled entry with the destination address and port (the lowest
 *       matching index gives the channel);</li>
 *   <li>{@link #DROP_L3}: the frame is shorter than its IPv4 total length;</li>
 *   <li>{@link #DELIVER}: the UDP payload, {@code UDP length - 8} bytes, is one SBE message for the
 *       entry's channel.</li>
 * </ol>
 * Bytes after the IPv4 total length (Ethernet padding) are ignored; the UDP checksum is not checked.
 */
final class WireFrameParser
{
    static final int DELIVER = 0;
    static final int DROP_L2 = 1;
    static final int DROP_L3 = 2;
    static final int DROP_L4 = 3;
    static final int NOT_SUBSCRIBED = 4;

    private final int[] group = new int[FEED_SUB_COUNT];
    private final int[] portChannel = new int[FEED_SUB_COUNT];
    private int channel;
    private boolean matched;
    private int entry;
    private int payloadOffset;
    private int payloadLength;

    int group(final int entry)
    {
        return group[entry];
    }

    int portChannel(final int entry)
    {
        return portChannel[entry];
    }

    void group(final int entry, final int value)
    {
        group[entry] = value;
    }

    /** Keeps the bits the register has: port, channel, enable. */
    void portChannel(final int entry, final int value)
    {
        portChannel[entry] = value & (FEED_SUB_ENABLE | FEED_SUB_CHANNEL_MASK << FEED_SUB_CHANNEL_SHIFT | 0xFFFF);
    }

    /** Channel of the last {@link #DELIVER}, or of the entry the last frame matched. */
    int channel()
    {
        return channel;
    }

    /** Subscription entry the last frame matched (see {@link #matched()}). */
    int entry()
    {
        return entry;
    }

    /**
     * Whether the last frame passed every check but the last (shorter than its IPv4 total length):
     * the RTL passes such a frame when its verdict comes before the frame's end, and aborts it there.
     */
    boolean matched()
    {
        return matched;
    }

    int payloadOffset()
    {
        return payloadOffset;
    }

    int payloadLength()
    {
        return payloadLength;
    }

    int parse(final DirectBuffer frame, final int offset, final int length)
    {
        matched = false;
        if (length < 14)
        {
            return DROP_L2;
        }
        int l3 = 14;
        int etherType = u16(frame, offset + 12);
        if (0x8100 == etherType)
        {
            if (length < 18)
            {
                return DROP_L2;
            }
            l3 = 18;
            etherType = u16(frame, offset + 16);
        }
        if (0x0800 != etherType || length < l3 + 20)
        {
            return DROP_L2;
        }

        final int ip = offset + l3;
        final int versionIhl = frame.getByte(ip) & 0xFF;
        final int ihl4 = (versionIhl & 0xF) * 4;
        if (4 != versionIhl >>> 4 || ihl4 < 20 || length < l3 + ihl4)
        {
            return DROP_L3;
        }
        final int total = u16(frame, ip + 2);
        if (!checksumOk(frame, ip, ihl4) || 0 != (u16(frame, ip + 6) & 0x3FFF) || total < ihl4)
        {
            return DROP_L3;
        }
        if (17 != (frame.getByte(ip + 9) & 0xFF))
        {
            return NOT_SUBSCRIBED;
        }
        final int udp = l3 + ihl4;
        if (total < ihl4 + 8 || length < udp + 8)
        {
            return DROP_L3;
        }
        final int udpLength = u16(frame, offset + udp + 4);
        if (udpLength < 8 || udpLength > total - ihl4)
        {
            return DROP_L4;
        }

        final int destination = frame.getInt(ip + 16, BIG_ENDIAN);
        final int port = u16(frame, offset + udp + 2);
        int entry = -1;
        for (int i = 0; i < FEED_SUB_COUNT; i++)
        {
            if (0 != (portChannel[i] & FEED_SUB_ENABLE) && group[i] == destination && (portChannel[i] & 0xFFFF) == port)
            {
                entry = i;
                break;
            }
        }
        if (entry < 0)
        {
            return NOT_SUBSCRIBED;
        }
        matched = true;
        this.entry = entry;
        channel = (portChannel[entry] >>> FEED_SUB_CHANNEL_SHIFT) & FEED_SUB_CHANNEL_MASK;
        if (length < l3 + total)
        {
            return DROP_L3;
        }

        payloadOffset = offset + udp + 8;
        payloadLength = udpLength - 8;
        return DELIVER;
    }

    private static boolean checksumOk(final DirectBuffer frame, final int offset, final int length)
    {
        long sum = 0;
        for (int i = 0; i < length; i += 2)
        {
            sum += u16(frame, offset + i);
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return 0xFFFF == sum;
    }

    private static int u16(final DirectBuffer buffer, final int index)
    {
        return buffer.getShort(index, BIG_ENDIAN) & 0xFFFF;
    }
}
