package io.slipway.card;

import io.slipway.card.tools.SpotFeedTranscoder;
import io.slipway.card.tools.UdpFrameEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.slipway.card.NicLayout.*;
import static io.slipway.card.RecordedFeedDifferentialTest.BTC_CHANNEL;
import static io.slipway.card.RecordedFeedDifferentialTest.ETH_CHANNEL;
import static io.slipway.card.RecordedFeedDifferentialTest.assertRecordsEqual;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feed staleness timers on both backends, record for record with their stamps: the recorded BTC
 * and ETH spot feeds as UDP frames, then ETH falls silent while BTC streams on (its STALE record comes
 * between BTC's records), then the wire falls silent for longer than a fast-forward span (BTC's STALE
 * comes out of the idle card), then both resume (RECOVERED before each one's next records).
 */
final class FeedStalenessDifferentialTest
{
    private static final int STALE_CYCLES = 3_000;
    private static final int BTC_ENTRY = 0;
    private static final int ETH_ENTRY = 5;

    @Test
    void silenceOnAFeedGivesStaleThenRecoveredOnBothCards() throws IOException
    {
        final List<Integer> channels = new ArrayList<>();
        final List<byte[]> frames = new ArrayList<>();
        final UdpFrameEncoder udp = new UdpFrameEncoder(0x02_00_00_00_00_01L, UdpFrameEncoder.address("10.0.0.1"), 40000, -1);
        RecordedFeedDifferentialTest.transcodeFrames("btcusdt", BTC_CHANNEL, udp, channels, frames);
        final int btcFrames = frames.size();
        RecordedFeedDifferentialTest.transcodeFrames("ethusdt", ETH_CHANNEL, udp, channels, frames);
        final List<byte[]> btc = frames.subList(0, btcFrames);
        final List<byte[]> eth = frames.subList(btcFrames, frames.size());

        try (WireBackends both = new WireBackends(new ReferenceCard.Context()))
        {
            both.subscribe(BTC_ENTRY, SpotFeedTranscoder.group(BTC_CHANNEL), SpotFeedTranscoder.port(BTC_CHANNEL), BTC_CHANNEL);
            both.subscribe(ETH_ENTRY, SpotFeedTranscoder.group(ETH_CHANNEL), SpotFeedTranscoder.port(ETH_CHANNEL), ETH_CHANNEL);
            both.write(FEED_BASE + FEED_STALE_CYCLES, STALE_CYCLES);

            int b = 0;
            int e = 0;
            // both feeds, interleaved
            for (int i = 0; i < 200; i++)
            {
                both.wire(btc.get(b++));
                both.wire(eth.get(e++));
            }
            // ETH silent for well over STALE_CYCLES while BTC streams back to back
            final int ethStaleBefore = records(both, ETH_CHANNEL, MD_FLAG_STALE);
            for (int i = 0; i < 600; i++)
            {
                both.wire(btc.get(b++));
            }
            both.sync();
            assertEquals(ethStaleBefore + 1, records(both, ETH_CHANNEL, MD_FLAG_STALE), "ETH stale while BTC streams");
            // the whole wire silent, longer than one fast-forward span of the simulated card
            both.silence(250_000);
            assertEquals(1, records(both, BTC_CHANNEL, MD_FLAG_STALE), "BTC stale once in the silence");
            // both resume
            for (int i = 0; i < 50; i++)
            {
                both.wire(eth.get(e++));
                both.wire(btc.get(b++));
            }
            both.sync();

            assertRecordsEqual(both.referenceRecords, both.rtlRecords);
            assertArrayEquals(both.referenceFeed(), both.rtlFeed(), "feed counters and timeout");
            final int[] feed = both.rtlFeed();
            assertEquals(2, feed[(FEED_STALE - FEED_FRAMES) / 4], "STALE records counted");
            assertEquals(2, feed[(FEED_RECOVERED - FEED_FRAMES) / 4], "RECOVERED records counted");
            assertEquals(STALE_CYCLES, feed[(FEED_STALE_CYCLES - FEED_FRAMES) / 4]);
            assertEquals(1, records(both, ETH_CHANNEL, MD_FLAG_STALE));
            assertEquals(1, records(both, ETH_CHANNEL, MD_FLAG_RECOVERED));
            assertEquals(1, records(both, BTC_CHANNEL, MD_FLAG_RECOVERED));
            assertStaleShape(both.rtlRecords, ETH_CHANNEL, ETH_ENTRY);
            assertStaleShape(both.rtlRecords, BTC_CHANNEL, BTC_ENTRY);
            assertEquals(0, both.reference.lostStatusRecords());
        }
    }

    /**
     * Many short silences against live traffic: with a timeout of a few frames, ETH goes stale in
     * every round while BTC streams back to back, so its STALE token meets BTC's frames at every phase
     * of a frame (a verdict cycle, a slot streaming, an idle cycle between frames) and its place among
     * BTC's records shows the exact cycle the parser sent it. A model a cycle early or late with the
     * timers' run-out compare or their pick puts some STALE before or after a different BTC record.
     */
    @Test
    void staleTokensMeetTrafficAtEveryPhaseIdenticallyOnBothCards() throws IOException
    {
        final List<Integer> channels = new ArrayList<>();
        final List<byte[]> frames = new ArrayList<>();
        final UdpFrameEncoder udp = new UdpFrameEncoder(0x02_00_00_00_00_01L, UdpFrameEncoder.address("10.0.0.1"), 40000, -1);
        RecordedFeedDifferentialTest.transcodeFrames("btcusdt", BTC_CHANNEL, udp, channels, frames);
        final int btcFrames = frames.size();
        RecordedFeedDifferentialTest.transcodeFrames("ethusdt", ETH_CHANNEL, udp, channels, frames);
        final List<byte[]> btc = frames.subList(0, btcFrames);
        final List<byte[]> eth = frames.subList(btcFrames, frames.size());
        final int rounds = 64;

        try (WireBackends both = new WireBackends(new ReferenceCard.Context()))
        {
            both.subscribe(BTC_ENTRY, SpotFeedTranscoder.group(BTC_CHANNEL), SpotFeedTranscoder.port(BTC_CHANNEL), BTC_CHANNEL);
            both.subscribe(ETH_ENTRY, SpotFeedTranscoder.group(ETH_CHANNEL), SpotFeedTranscoder.port(ETH_CHANNEL), ETH_CHANNEL);
            int b = 0;
            for (int round = 0; round < rounds; round++)
            {
                // from the same idle start each round, a timeout one cycle longer moves ETH's deadline
                // one cycle along BTC's frames. The write comes when both feeds are stale and both
                // cards idle: a deadline in the cycles the RTL's bus write takes would be host timing.
                both.silence(400);
                both.write(FEED_BASE + FEED_STALE_CYCLES, 120 + round);
                both.sync();
                both.wire(btc.get(b++));
                both.wire(eth.get(round));
                for (int i = 0; i < 10; i++)
                {
                    both.wire(btc.get(b++));
                }
            }
            both.sync();

            assertSameRecordsWithStatusInterleaved(both);
            assertArrayEquals(both.referenceFeed(), both.rtlFeed(), "feed counters and timeout");
            assertTrue(records(both, ETH_CHANNEL, MD_FLAG_STALE) >= rounds - 1, "ETH stale in every round");
            assertEquals(0, both.reference.lostStatusRecords());
        }
    }

    /**
     * A feed's next datagram arriving in the cycles around its own deadline: the gap between a BTC
     * datagram and the next one on the same subscription sweeps cycle by cycle across the timeout, so
     * in some rounds the timer ran out before the datagram (STALE, then RECOVERED), in one the match
     * comes in the very cycle of the deadline, and in the rest the datagram is in time. The second
     * datagram is the shortest one the entry matches (one payload byte, a decode error), so the
     * parser's output is free as soon after the match as it can be. A model whose run-out compare is
     * a cycle late fails here. The parser's mask of that compare in the two cycles after a match has
     * no effect on records: with it removed from the RTL or from the model this test still passes,
     * because the matched datagram's own beat and flush hold the output through those two cycles.
     */
    @Test
    void aDatagramMeetingItsOwnDeadlineIsIdenticalOnBothCards() throws IOException
    {
        final List<Integer> channels = new ArrayList<>();
        final List<byte[]> btc = new ArrayList<>();
        final UdpFrameEncoder udp = new UdpFrameEncoder(0x02_00_00_00_00_01L, UdpFrameEncoder.address("10.0.0.1"), 40000, -1);
        RecordedFeedDifferentialTest.transcodeFrames("btcusdt", BTC_CHANNEL, udp, channels, btc);
        final UnsafeBuffer shortest = new UnsafeBuffer(new byte[128]);
        final int shortestLength = udp.encode(shortest, 0, SpotFeedTranscoder.group(BTC_CHANNEL),
            SpotFeedTranscoder.port(BTC_CHANNEL), new UnsafeBuffer(new byte[1]), 0, 1);
        final int timeout = 150;
        final int rounds = 80;

        try (WireBackends both = new WireBackends(new ReferenceCard.Context()))
        {
            both.subscribe(BTC_ENTRY, SpotFeedTranscoder.group(BTC_CHANNEL), SpotFeedTranscoder.port(BTC_CHANNEL), BTC_CHANNEL);
            both.write(FEED_BASE + FEED_STALE_CYCLES, timeout);
            int b = 0;
            int staleRounds = 0;
            for (int round = 0; round < rounds; round++)
            {
                both.wire(btc.get(b++));
                both.sync();
                final int staleBefore = records(both, BTC_CHANNEL, MD_FLAG_STALE);
                // the first datagram's verdict to the sync is a few dozen cycles: the sweep starts
                // well inside the timeout and ends well past it
                both.silence(timeout - 110 + round);
                both.wire(shortest, 0, shortestLength);
                both.sync();
                staleRounds += records(both, BTC_CHANNEL, MD_FLAG_STALE) > staleBefore ? 1 : 0;
                both.silence(2 * timeout);
            }
            both.sync();

            assertSameRecordsWithStatusInterleaved(both);
            assertArrayEquals(both.referenceFeed(), both.rtlFeed(), "feed counters and timeout");
            assertTrue(staleRounds > 0 && staleRounds < rounds,
                "the sweep crosses the deadline: " + staleRounds + " of " + rounds + " rounds went stale before the datagram");
            assertEquals(0, both.reference.lostStatusRecords());
        }
    }

    /**
     * The STALE record names its entry, is stamped STALE_CYCLES after the verdict of the feed's last
     * datagram (a few cycles before that datagram's own stamp), and RECOVERED precedes the feed's
     * next records.
     */
    private static void assertStaleShape(final List<byte[]> records, final int channel, final int entry)
    {
        int stale = -1;
        int recovered = -1;
        long lastBefore = -1;
        for (int i = 0; i < records.size(); i++)
        {
            final byte[] r = records.get(i);
            if (channel(r) != channel)
            {
                continue;
            }
            if (MD_TYPE_FEED_STATUS == type(r) && MD_FLAG_STALE == r[MD_FLAGS])
            {
                stale = i;
            }
            else if (MD_TYPE_FEED_STATUS == type(r) && MD_FLAG_RECOVERED == r[MD_FLAGS])
            {
                recovered = i;
                break;
            }
            else if (stale < 0)
            {
                lastBefore = stamp(r);
            }
        }
        assertTrue(stale >= 0 && recovered > stale, "STALE then RECOVERED on channel " + channel);
        final UnsafeBuffer staleRecord = new UnsafeBuffer(records.get(stale));
        assertEquals(entry, staleRecord.getLong(MD_SEQUENCE, LITTLE_ENDIAN), "STALE names the subscription entry");
        assertEquals(0L, staleRecord.getLong(MD_EVENT_TIME_US, LITTLE_ENDIAN));
        // the timer restarts at a datagram's verdict, a few cycles before its last beat's stamp
        final long staleStamp = stamp(records.get(stale));
        assertTrue(staleStamp > lastBefore + STALE_CYCLES - 200 && staleStamp <= lastBefore + STALE_CYCLES,
            "STALE stamp " + staleStamp + " against the last record's " + lastBefore);
        // it leaves between slots: a frame already streaming when the timer ran out goes first
        for (int i = 0; i < stale; i++)
        {
            assertTrue(stamp(records.get(i)) <= staleStamp + WIRE_MAX_FRAME / 8, "record " + i + " before the STALE");
        }
        assertEquals(MD_TYPE_FEED_STATUS, type(records.get(recovered)));
        assertTrue(recovered + 1 < records.size() && channel(records.get(recovered + 1)) == channel,
            "the resuming datagram's records right after RECOVERED");
    }

    /**
     * Record for record equal on both cards. A STALE stamp (its deadline) may be older than the frame
     * streaming when it ran out, which goes first: only the datagrams' stamps never go back.
     */
    private static void assertSameRecordsWithStatusInterleaved(final WireBackends both)
    {
        long previous = -1;
        for (int i = 0; i < Math.min(both.rtlRecords.size(), both.referenceRecords.size()); i++)
        {
            final byte[] r = both.rtlRecords.get(i);
            assertArrayEquals(both.referenceRecords.get(i), r, "record " + i);
            if (MD_TYPE_FEED_STATUS != type(r))
            {
                assertTrue(stamp(r) >= previous, "record " + i + ": datagram stamps never go back");
                previous = stamp(r);
            }
        }
        assertEquals(both.referenceRecords.size(), both.rtlRecords.size(), "records");
    }

    private static int records(final WireBackends both, final int channel, final int flag)
    {
        int n = 0;
        for (final byte[] r : both.rtlRecords)
        {
            n += MD_TYPE_FEED_STATUS == type(r) && channel(r) == channel && flag == r[MD_FLAGS] ? 1 : 0;
        }
        return n;
    }

    private static int type(final byte[] r)
    {
        return r[MD_TYPE] & 0xFF | (r[MD_TYPE + 1] & 0xFF) << 8;
    }

    private static int channel(final byte[] r)
    {
        return r[MD_CHANNEL] & 0xFF | (r[MD_CHANNEL + 1] & 0xFF) << 8;
    }

    private static long stamp(final byte[] r)
    {
        return new UnsafeBuffer(r).getLong(MD_CARD_CYCLES, LITTLE_ENDIAN);
    }
}
