package io.slipway.card.tools;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Wraps a payload in Ethernet II / IPv4 / UDP as a multicast market-data feed sends it: destination
 * MAC from the group (01:00:5e and the group's low 23 bits), optionally one 802.1Q tag, IPv4 with no
 * options, TTL 1, DF set, the header checksum filled in, the identification counting per frame, and
 * a UDP checksum of 0 (none, allowed over IPv4). Frames shorter than Ethernet's 60-byte minimum are
 * zero-padded, as a MAC would. No FCS: the card's stream starts after the MAC has checked it.
 */
public final class UdpFrameEncoder
{
    public static final int ETHERNET_HEADER_LENGTH = 14;
    public static final int VLAN_TAG_LENGTH = 4;
    public static final int IPV4_HEADER_LENGTH = 20;
    public static final int UDP_HEADER_LENGTH = 8;
    public static final int MIN_FRAME = 60;
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int PROTOCOL_UDP = 17;

    private final long sourceMac;
    private final int sourceAddress;
    private final int sourcePort;
    private final int vlan;
    private int identification;

    /**
     * @param vlan the 802.1Q VLAN id to tag frames with, or -1 for untagged frames.
     */
    public UdpFrameEncoder(final long sourceMac, final int sourceAddress, final int sourcePort, final int vlan)
    {
        if (vlan < -1 || vlan > 4095)
        {
            throw new IllegalArgumentException("vlan outside -1..4095: " + vlan);
        }
        this.sourceMac = sourceMac;
        this.sourceAddress = sourceAddress;
        this.sourcePort = sourcePort & 0xFFFF;
        this.vlan = vlan;
    }

    /** Bytes of headers before the payload. */
    public int headerLength()
    {
        return ETHERNET_HEADER_LENGTH + (vlan >= 0 ? VLAN_TAG_LENGTH : 0) + IPV4_HEADER_LENGTH + UDP_HEADER_LENGTH;
    }

    /**
     * Writes one frame carrying {@code payload[payloadOffset, +payloadLength)} to the group and port.
     *
     * @return the frame length in bytes.
     */
    public int encode(
        final MutableDirectBuffer frame, final int offset, final int group, final int port,
        final DirectBuffer payload, final int payloadOffset, final int payloadLength)
    {
        int p = offset;
        final long destinationMac = 0x01005E000000L | (group & 0x7FFFFF);
        putMac(frame, p, destinationMac);
        putMac(frame, p + 6, sourceMac);
        p += 12;
        if (vlan >= 0)
        {
            frame.putShort(p, (short)ETHERTYPE_VLAN, BIG_ENDIAN);
            frame.putShort(p + 2, (short)vlan, BIG_ENDIAN);
            p += VLAN_TAG_LENGTH;
        }
        frame.putShort(p, (short)ETHERTYPE_IPV4, BIG_ENDIAN);
        p += 2;

        final int ip = p;
        final int totalLength = IPV4_HEADER_LENGTH + UDP_HEADER_LENGTH + payloadLength;
        frame.putByte(ip, (byte)0x45);
        frame.putByte(ip + 1, (byte)0);
        frame.putShort(ip + 2, (short)totalLength, BIG_ENDIAN);
        frame.putShort(ip + 4, (short)identification++, BIG_ENDIAN);
        frame.putShort(ip + 6, (short)0x4000, BIG_ENDIAN);
        frame.putByte(ip + 8, (byte)1);
        frame.putByte(ip + 9, (byte)PROTOCOL_UDP);
        frame.putShort(ip + 10, (short)0, BIG_ENDIAN);
        frame.putInt(ip + 12, sourceAddress, BIG_ENDIAN);
        frame.putInt(ip + 16, group, BIG_ENDIAN);
        frame.putShort(ip + 10, (short)ipv4Checksum(frame, ip, IPV4_HEADER_LENGTH), BIG_ENDIAN);
        p += IPV4_HEADER_LENGTH;

        frame.putShort(p, (short)sourcePort, BIG_ENDIAN);
        frame.putShort(p + 2, (short)port, BIG_ENDIAN);
        frame.putShort(p + 4, (short)(UDP_HEADER_LENGTH + payloadLength), BIG_ENDIAN);
        frame.putShort(p + 6, (short)0, BIG_ENDIAN);
        p += UDP_HEADER_LENGTH;

        frame.putBytes(p, payload, payloadOffset, payloadLength);
        p += payloadLength;
        while (p - offset < MIN_FRAME)
        {
            frame.putByte(p++, (byte)0);
        }

        return p - offset;
    }

    /** The ones'-complement of the ones'-complement sum of the header's 16-bit words. */
    public static int ipv4Checksum(final DirectBuffer buffer, final int offset, final int length)
    {
        long sum = 0;
        for (int i = 0; i < length; i += 2)
        {
            sum += buffer.getShort(offset + i, BIG_ENDIAN) & 0xFFFF;
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int)(~sum & 0xFFFF);
    }

    /** IPv4 dotted quad to its number: "239.1.2.3" is 0xEF010203. */
    public static int address(final String dotted)
    {
        final String[] parts = dotted.split("\\.");
        if (4 != parts.length)
        {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        int value = 0;
        for (final String part : parts)
        {
            final int octet = Integer.parseInt(part);
            if (octet < 0 || octet > 255)
            {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            value = value << 8 | octet;
        }
        return value;
    }

    private static void putMac(final MutableDirectBuffer buffer, final int offset, final long mac)
    {
        for (int i = 0; i < 6; i++)
        {
            buffer.putByte(offset + i, (byte)(mac >>> (8 * (5 - i))));
        }
    }
}
