package io.slipway.card;

import io.slipway.card.tools.SpotFeedTranscoder;
import io.slipway.card.tools.UdpFrameEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.slipway.card.NicLayout.*;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The recorded Binance spot BTC and ETH streams, transcoded to SBE by {@link SpotFeedTranscoder}
 * (all four templates: the REST snapshot, depth diffs, best bid/ask, trades), through the reference
 * card and through the RTL (Verilator, JNA), on the lookaside ingress path and as UDP frames on the
 * wire input: the market-data records must be equal byte for byte, {@code MD_CARD_CYCLES} included
 * (the cycle each frame's last beat was taken at the card's port; {@link WireBackends} presents
 * every input to both on the same cycle).
 */
final class RecordedFeedDifferentialTest
{
    static final int EVENTS_PER_SYMBOL = 3000;
    static final int BTC_CHANNEL = channel(1, ReferenceCard.Context.INSTRUMENT_BTC_USD);
    static final int ETH_CHANNEL = channel(1, ReferenceCard.Context.INSTRUMENT_ETH_USD);

    @Test
    void recordedBtcAndEthDecodeTheSameOnTheRtlAsOnTheReferenceCard() throws IOException
    {
        final List<Integer> channels = new ArrayList<>();
        final List<byte[]> messages = new ArrayList<>();
        final int[] templates = new int[4];
        transcode("btcusdt", BTC_CHANNEL, INGRESS_MAX_PAYLOAD, channels, messages);
        transcode("ethusdt", ETH_CHANNEL, INGRESS_MAX_PAYLOAD, channels, messages);
        for (final byte[] message : messages)
        {
            templates[(message[2] & 0xFF | (message[3] & 0xFF) << 8) - SBE_TEMPLATE_TRADES]++;
        }
        for (int t = 0; t < 4; t++)
        {
            assertTrue(templates[t] > 0, "template " + (SBE_TEMPLATE_TRADES + t) + " missing from the transcoded data");
        }

        try (WireBackends both = new WireBackends(new ReferenceCard.Context()))
        {
            for (int i = 0; i < messages.size(); i++)
            {
                both.slot(channels.get(i), messages.get(i));
            }
            both.sync();

            assertEquals(0, both.reference.decodeErrors(), both.reference.lastDecodeOutcome());
            assertTrue(both.referenceRecords.size() > messages.size(), "depth messages yield several records");
            assertRecordsEqual(both.referenceRecords, both.rtlRecords);
            assertEquals(both.rtlRecords.size(), both.rtl.registers().readRegister(COUNTERS_BASE + CNT_MD_RECORDS));
        }
    }

    @Test
    void recordedBtcAndEthOverUdpDecodeTheSameOnBothWireInputs() throws IOException
    {
        final List<Integer> channels = new ArrayList<>();
        final List<byte[]> frames = new ArrayList<>();
        final UdpFrameEncoder udp = new UdpFrameEncoder(0x02_00_00_00_00_01L, UdpFrameEncoder.address("10.0.0.1"), 40000, -1);
        transcodeFrames("btcusdt", BTC_CHANNEL, udp, channels, frames);
        transcodeFrames("ethusdt", ETH_CHANNEL, udp, channels, frames);

        try (WireBackends both = new WireBackends(new ReferenceCard.Context()))
        {
            both.subscribe(0, SpotFeedTranscoder.group(BTC_CHANNEL), SpotFeedTranscoder.port(BTC_CHANNEL), BTC_CHANNEL);
            both.subscribe(5, SpotFeedTranscoder.group(ETH_CHANNEL), SpotFeedTranscoder.port(ETH_CHANNEL), ETH_CHANNEL);
            for (final byte[] frame : frames)
            {
                both.wire(frame);
            }
            both.sync();

            assertEquals(0, both.reference.decodeErrors(), both.reference.lastDecodeOutcome());
            assertRecordsEqual(both.referenceRecords, both.rtlRecords);
            assertArrayEquals(both.referenceFeed(), both.rtlFeed(), "feed counters");
            assertEquals(frames.size(), both.rtlFeed()[(FEED_DELIVERED - FEED_FRAMES) / 4], "every frame delivered");
        }
    }

    static void transcodeFrames(
        final String stream, final int channel, final UdpFrameEncoder udp, final List<Integer> channels, final List<byte[]> out)
        throws IOException
    {
        final Path file = RecordedSpotStreamTest.sharedDir().resolve("data/binance/spot_" + stream + "_20240808.gz");
        assumeTrue(Files.isRegularFile(file), "recorded data missing: " + file);
        final SpotFeedTranscoder transcoder = new SpotFeedTranscoder(stream, channel, WIRE_MAX_PAYLOAD, udp);
        assertEquals(EVENTS_PER_SYMBOL, transcoder.transcode(file, EVENTS_PER_SYMBOL, (ch, buffer, offset, length) ->
        {
            channels.add(ch);
            out.add(copy(buffer, offset, length));
        }));
    }

    static void transcode(
        final String stream, final int channel, final int maxLength, final List<Integer> channels, final List<byte[]> out)
        throws IOException
    {
        final Path file = RecordedSpotStreamTest.sharedDir().resolve("data/binance/spot_" + stream + "_20240808.gz");
        assumeTrue(Files.isRegularFile(file), "recorded data missing: " + file);
        final SpotFeedTranscoder transcoder = new SpotFeedTranscoder(stream, channel, maxLength, null);
        final int events = transcoder.transcode(file, EVENTS_PER_SYMBOL, (ch, buffer, offset, length) ->
        {
            channels.add(ch);
            out.add(copy(buffer, offset, length));
        });
        assertEquals(EVENTS_PER_SYMBOL, events, "recording too short");
        assertEquals(1, transcoder.snapshots(), stream + " snapshot");
    }

    /**
     * Records equal byte for byte, the cycle stamp included; the stamps never go back (a frame's
     * records share its stamp, and frames are taken in order).
     */
    static void assertRecordsEqual(final List<byte[]> expected, final List<byte[]> actual)
    {
        assertEquals(expected.size(), actual.size(), "records");
        long previous = -1;
        for (int i = 0; i < expected.size(); i++)
        {
            assertArrayEquals(expected.get(i), actual.get(i), "record " + i + " (stamp " +
                stamp(expected.get(i)) + " against " + stamp(actual.get(i)) + ")");
            final long stamp = stamp(actual.get(i));
            assertTrue(stamp >= previous, "record " + i + ": stamps never go back");
            previous = stamp;
        }
    }

    static long stamp(final byte[] record)
    {
        return new UnsafeBuffer(record).getLong(MD_CARD_CYCLES, LITTLE_ENDIAN);
    }

    static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes, 0, length);
        return bytes;
    }
}
