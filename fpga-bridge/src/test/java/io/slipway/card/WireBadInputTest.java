package io.slipway.card;

import io.slipway.card.tools.SpotSbeEncoder;
import io.slipway.card.tools.UdpFrameEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.slipway.card.NicLayout.*;
import static io.slipway.card.RecordedFeedDifferentialTest.assertRecordsEqual;
import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bad input on both backends, one case a test: each sends a good depth diff, the bad frame, then
 * the diff that chains from the first, and requires the same records and feed counters from the
 * reference card and the RTL, the bad frame counted where it belongs, and no damage to state (the
 * third frame chains: no gap record). SBE-level cases run on the wire input and on the lookaside
 * ring; framing cases on the wire input.
 */
final class WireBadInputTest
{
    private static final int CHANNEL = channel(1, ReferenceCard.Context.INSTRUMENT_BTC_USD);
    private static final int GROUP = UdpFrameEncoder.address("239.77.0.17");
    private static final int PORT = 30017;
    private static final int FRAMES = FEED_FRAMES;

    private final SpotSbeEncoder sbe = new SpotSbeEncoder("BTCUSDT");
    private final UdpFrameEncoder udp = new UdpFrameEncoder(0x02_00_00_00_00_01L, UdpFrameEncoder.address("10.0.0.1"), 40000, -1);
    private final UdpFrameEncoder tagged = new UdpFrameEncoder(0x02_00_00_00_00_01L, UdpFrameEncoder.address("10.0.0.1"), 40000, 7);
    private WireBackends both;

    @AfterEach
    void close()
    {
        if (null != both)
        {
            both.close();
        }
    }

    // ---- SBE-level: one FEED_STATUS DECODE_ERROR record, decode error counted --------------

    @Test
    void truncatedMessage()
    {
        sbeCase(m -> Arrays.copyOf(m, m.length - 5));
    }

    @Test
    void wrongSchemaId()
    {
        sbeCase(m -> put16(m, 4, 2));
    }

    @Test
    void wrongSchemaVersion()
    {
        sbeCase(m -> put16(m, 6, 1));
    }

    @Test
    void unknownTemplate()
    {
        sbeCase(m -> put16(m, 2, 10004));
    }

    @Test
    void groupWithZeroBlockLength()
    {
        sbeCase(m -> put16(m, 8 + SpotSbeEncoder.DEPTH_DIFF_BLOCK_LENGTH, 0));
    }

    @Test
    void groupCountLargerThanTheFrame()
    {
        sbeCase(m -> put16(m, 8 + SpotSbeEncoder.DEPTH_DIFF_BLOCK_LENGTH + 2, 60));
    }

    // ---- framing: counted in the feed block, no record ----------------------------------

    @Test
    void notSubscribedPortGroupOrProtocol()
    {
        wireCase(FEED_NOT_SUBSCRIBED, f -> f, 30018, GROUP);
        wireCase(FEED_NOT_SUBSCRIBED, f -> f, PORT, GROUP + 1);
        wireCase(FEED_NOT_SUBSCRIBED, f -> ipChecksum(put8(f, 14 + 9, 6)), PORT, GROUP);
    }

    @Test
    void badEthernetType()
    {
        wireCase(FEED_DROP_L2, f -> put16be(f, 12, 0x86DD), PORT, GROUP);
    }

    @Test
    void badIpVersion()
    {
        wireCase(FEED_DROP_L3, f -> ipChecksum(put8(f, 14, 0x65)), PORT, GROUP);
    }

    @Test
    void badIpChecksum()
    {
        wireCase(FEED_DROP_L3, f -> put8(f, 14 + 10, f[14 + 10] ^ 0x40), PORT, GROUP);
    }

    @Test
    void fragments()
    {
        wireCase(FEED_DROP_L3, f -> ipChecksum(put16be(f, 14 + 6, 0x2000)), PORT, GROUP);
        wireCase(FEED_DROP_L3, f -> ipChecksum(put16be(f, 14 + 6, 0x0008)), PORT, GROUP);
    }

    @Test
    void badUdpLength()
    {
        wireCase(FEED_DROP_L4, f -> put16be(f, 14 + 20 + 4, 7), PORT, GROUP);
        wireCase(FEED_DROP_L4, f -> put16be(f, 14 + 20 + 4, (f[16] & 0xFF) << 8 | (f[17] & 0xFF)), PORT, GROUP);
    }

    @Test
    void truncatedFrame()
    {
        wireCase(FEED_DROP_L3, f -> Arrays.copyOf(f, f.length - 9), PORT, GROUP);
        wireCase(FEED_DROP_L2, f -> Arrays.copyOf(f, 30), PORT, GROUP);
    }

    @Test
    void taggedFramesAndBackToBackBurstWithNoIdleCycle()
    {
        open(new ReferenceCard.Context());
        // every kind of frame in one batch: the RTL driver offers them with no idle cycle between
        final byte[] good = frame(udp, diff(100, 105, 1), PORT, GROUP);
        for (int i = 0; i < 50; i++)
        {
            both.wire(frame(i % 2 == 0 ? udp : tagged, diff(106 + 10 * i, 115 + 10 * i, i), PORT, GROUP));
            both.wire(put16be(good.clone(), 12, 0x0806));
            both.wire(frame(udp, diff(1, 2, 3), PORT + 1, GROUP));
            both.wire(frame(udp, bbo(i), PORT, GROUP));
        }
        both.drain();
        assertSame();
        final int[] feed = both.rtlFeed();
        assertEquals(200, feed[0], "frames");
        assertEquals(100, feed[(FEED_DELIVERED - FRAMES) / 4], "delivered");
        assertEquals(0, feed[(FEED_GAPS - FRAMES) / 4], "gaps");
    }

    @Test
    void backPressureOnTheMarketDataRingStallsAndLosesNothing()
    {
        // 200 snapshots of 88 levels: 17,600 records against the RTL library's 4,096-record ring
        // and a reference ring of 128; both must stall their input, not drop
        open(new ReferenceCard.Context().marketDataRingCapacity(128));
        final long[][] levels = new long[44][];
        for (int i = 0; i < levels.length; i++)
        {
            levels[i] = new long[] {5_600_000 - i, 1_000 + i};
        }
        final byte[] message = new byte[WIRE_MAX_PAYLOAD];
        for (int s = 0; s < 200; s++)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(message);
            final int length = sbe.depth(buffer, 0, false, 1_000 + s, 5_000 + s, 5_000 + s, -2, -6,
                levels, 0, levels.length, levels, 0, levels.length);
            both.wire(frame(udp, Arrays.copyOf(message, length), PORT, GROUP));
        }
        both.drain();
        assertEquals(200 * 88, both.rtlRecords.size());
        assertSame();
    }

    // ---- cases --------------------------------------------------------------------------

    private void sbeCase(final java.util.function.UnaryOperator<byte[]> breakIt)
    {
        for (final boolean wire : new boolean[] {true, false})
        {
            open(new ReferenceCard.Context());
            final byte[] bad = breakIt.apply(diff(106, 110, 9));
            send(wire, diff(100, 105, 1));
            send(wire, bad);
            send(wire, diff(106, 110, 2));
            both.drain();
            assertSame();
            final long errors = both.rtlRecords.stream()
                .filter(r -> MD_TYPE_FEED_STATUS == (r[0] & 0xFF) && MD_FLAG_DECODE_ERROR == r[MD_FLAGS]).count();
            assertEquals(1, errors, "one decode-error record");
            assertEquals(0, both.rtlRecords.stream().filter(r -> MD_FLAG_GAP == r[MD_FLAGS]).count(), "no gap after the drop");
            assertEquals(1, both.rtlFeed()[(FEED_DECODE_ERRORS - FRAMES) / 4], "decode errors counted");
            both.close();
            both = null;
        }
    }

    private void wireCase(final int counter, final java.util.function.UnaryOperator<byte[]> breakIt, final int port, final int group)
    {
        open(new ReferenceCard.Context());
        both.wire(frame(udp, diff(100, 105, 1), PORT, GROUP));
        both.wire(breakIt.apply(frame(udp, diff(106, 110, 9), port, group)));
        both.wire(frame(udp, diff(106, 110, 2), PORT, GROUP));
        both.drain();
        assertSame();
        final int[] feed = both.rtlFeed();
        assertEquals(3, feed[0], "frames");
        assertEquals(2, feed[(FEED_DELIVERED - FRAMES) / 4], "delivered");
        assertEquals(1, feed[(counter - FRAMES) / 4], "counted at 0x" + Integer.toHexString(counter));
        assertEquals(0, both.rtlRecords.stream().filter(r -> MD_TYPE_FEED_STATUS == (r[0] & 0xFF)).count(), "no status record");
        both.close();
        both = null;
    }

    private void open(final ReferenceCard.Context context)
    {
        both = new WireBackends(context).subscribe(0, GROUP, PORT, CHANNEL);
    }

    private void send(final boolean wire, final byte[] message)
    {
        if (wire)
        {
            both.wire(frame(udp, message, PORT, GROUP));
        }
        else
        {
            both.slot(CHANNEL, message);
        }
    }

    private void assertSame()
    {
        assertRecordsEqual(both.referenceRecords, both.rtlRecords);
        assertArrayEquals(both.referenceFeed(), both.rtlFeed(), "feed counters");
    }

    private byte[] diff(final long first, final long last, final int seed)
    {
        final long[][] bids = {{5_600_000 + seed, 10}, {5_599_900, 20}};
        final long[][] asks = {{5_600_100, 30 + seed}};
        final byte[] message = new byte[256];
        final int length = sbe.depth(new UnsafeBuffer(message), 0, true, 1_723_000_000_000_000L + seed, first, last,
            -2, -6, bids, 0, bids.length, asks, 0, asks.length);
        return Arrays.copyOf(message, length);
    }

    private byte[] bbo(final int seed)
    {
        final byte[] message = new byte[128];
        final int length = sbe.bestBidAsk(new UnsafeBuffer(message), 0, 1_723_000_000_000_000L, 7 + seed, -8, -8,
            5_600_000_000_000L, 100_000_000L + seed * 100L, 5_600_100_000_000L, 200);
        return Arrays.copyOf(message, length);
    }

    private static byte[] frame(final UdpFrameEncoder encoder, final byte[] message, final int port, final int group)
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[WIRE_MAX_FRAME]);
        final int length = encoder.encode(out, 0, group, port, new UnsafeBuffer(message), 0, message.length);
        return Arrays.copyOf(out.byteArray(), length);
    }

    private static byte[] put8(final byte[] bytes, final int index, final int value)
    {
        bytes[index] = (byte)value;
        return bytes;
    }

    private static byte[] put16(final byte[] bytes, final int index, final int value)
    {
        new UnsafeBuffer(bytes).putShort(index, (short)value, LITTLE_ENDIAN);
        return bytes;
    }

    private static byte[] put16be(final byte[] bytes, final int index, final int value)
    {
        new UnsafeBuffer(bytes).putShort(index, (short)value, BIG_ENDIAN);
        return bytes;
    }

    /** Recomputes the untagged frame's IPv4 header checksum after a field was changed on purpose. */
    private static byte[] ipChecksum(final byte[] frame)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        buffer.putShort(14 + 10, (short)0, BIG_ENDIAN);
        buffer.putShort(14 + 10, (short)UdpFrameEncoder.ipv4Checksum(buffer, 14, 20), BIG_ENDIAN);
        return frame;
    }

}
