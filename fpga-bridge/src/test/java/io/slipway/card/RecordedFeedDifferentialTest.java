package io.slipway.card;

import io.slipway.card.tools.SpotFeedTranscoder;
import io.slipway.card.tools.UdpFrameEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * card and through the RTL (Verilator, JNA) on the lookaside ingress path: the market-data records
 * must be equal byte for byte except {@code MD_CARD_CYCLES}, which each backend stamps from its own
 * cycle model (the reference counts 4 bytes a beat and no pipeline overlap; the RTL 8 and overlaps
 * frames), so only the RTL's stamps are checked, for order.
 */
final class RecordedFeedDifferentialTest
{
    static final int EVENTS_PER_SYMBOL = 3000;
    static final int BTC_CHANNEL = channel(1, ReferenceCard.Context.INSTRUMENT_BTC_USD);
    static final int ETH_CHANNEL = channel(1, ReferenceCard.Context.INSTRUMENT_ETH_USD);

    private VerilatorRxPath rtl;

    @BeforeEach
    void open()
    {
        SimulatedCardLibrary.require();
        rtl = VerilatorRxPath.open();
    }

    @AfterEach
    void close()
    {
        if (null != rtl)
        {
            rtl.close();
        }
    }

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

        final ReferenceCard card = new ReferenceCard();
        final List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++)
        {
            final byte[] message = messages.get(i);
            assertTrue(card.offerIngress(channels.get(i), new UnsafeBuffer(message), 0, message.length));
            card.process();
            card.pollMarketData((buffer, offset, length) -> expected.add(copy(buffer, offset, length)), Integer.MAX_VALUE);
        }

        final List<byte[]> actual = new ArrayList<>();
        final RecordHandler handler = (buffer, offset, length) -> actual.add(copy(buffer, offset, length));
        for (int i = 0; i < messages.size(); i++)
        {
            final byte[] message = messages.get(i);
            assertTrue(rtl.offerIngress(channels.get(i), new UnsafeBuffer(message), 0, message.length));
            if (0 == i % 500)
            {
                rtl.pollMarketData(handler, Integer.MAX_VALUE);
            }
        }
        rtl.pollMarketData(handler, Integer.MAX_VALUE);

        assertEquals(0, card.decodeErrors(), card.lastDecodeOutcome());
        assertTrue(expected.size() > messages.size(), "depth messages yield several records");
        assertRecordsEqual(expected, actual);
        assertEquals(actual.size(), rtl.registers().readRegister(COUNTERS_BASE + CNT_MD_RECORDS));
    }

    @Test
    void recordedBtcAndEthOverUdpDecodeTheSameOnBothWireInputs() throws IOException
    {
        final List<Integer> channels = new ArrayList<>();
        final List<byte[]> frames = new ArrayList<>();
        final UdpFrameEncoder udp = new UdpFrameEncoder(0x02_00_00_00_00_01L, UdpFrameEncoder.address("10.0.0.1"), 40000, -1);
        transcodeFrames("btcusdt", BTC_CHANNEL, udp, channels, frames);
        transcodeFrames("ethusdt", ETH_CHANNEL, udp, channels, frames);
        rtl.close();
        rtl = null;

        try (WireBackends both = new WireBackends(new ReferenceCard.Context()))
        {
            both.subscribe(0, SpotFeedTranscoder.group(BTC_CHANNEL), SpotFeedTranscoder.port(BTC_CHANNEL), BTC_CHANNEL);
            both.subscribe(5, SpotFeedTranscoder.group(ETH_CHANNEL), SpotFeedTranscoder.port(ETH_CHANNEL), ETH_CHANNEL);
            for (final byte[] frame : frames)
            {
                both.wire(frame);
            }
            both.drain();

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
     * Records equal but for the stamp; the stamps agree where the two cycle models do: both write a
     * frame's records on consecutive cycles (the reference by definition, the RTL because a frame's
     * records are committed together and leave the FIFO one a cycle), so wherever the reference's
     * stamps step by one (records of one frame) the RTL's must too, and the RTL's always increase.
     */
    static void assertRecordsEqual(final List<byte[]> expected, final List<byte[]> actual)
    {
        assertEquals(expected.size(), actual.size(), "records");
        long previous = -1;
        long previousExpected = -1;
        for (int i = 0; i < expected.size(); i++)
        {
            assertArrayEquals(withoutCycles(expected.get(i)), withoutCycles(actual.get(i)), "record " + i);
            final long stamp = new UnsafeBuffer(actual.get(i)).getLong(MD_CARD_CYCLES, LITTLE_ENDIAN);
            final long expectedStamp = new UnsafeBuffer(expected.get(i)).getLong(MD_CARD_CYCLES, LITTLE_ENDIAN);
            assertTrue(stamp > previous, "RTL cycle stamps increase");
            if (expectedStamp == previousExpected + 1)
            {
                assertEquals(previous + 1, stamp, "record " + i + ": a frame's records on consecutive cycles");
            }
            previous = stamp;
            previousExpected = expectedStamp;
        }
    }

    static byte[] withoutCycles(final byte[] record)
    {
        final byte[] copy = record.clone();
        for (int i = MD_CARD_CYCLES; i < MD_CARD_CYCLES + 8; i++)
        {
            copy[i] = 0;
        }
        return copy;
    }

    static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes, 0, length);
        return bytes;
    }
}
