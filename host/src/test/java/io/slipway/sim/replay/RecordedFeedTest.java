package io.slipway.sim.replay;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.slipway.sim.replay.RecordingWriter.levels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordedFeedTest
{
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    @Test
    void buffersDiffsAppliesSnapshotAndDropsWhatItCovers()
    {
        final Path file = new RecordingWriter("btcusdt", false)
            .diff(1000, 5, 9, levels("100.00", "9.0"), "[]")
            .diff(1100, 10, 12, levels("99.99", "1.5"), levels("100.02", "0"))
            .snapshot(1150, 10, levels("100.00", "2.0", "99.98", "4.0"), levels("100.01", "1.0", "100.02", "3.0"))
            .diff(1200, 13, 14, levels("100.00", "0"), levels("100.03", "0.25"))
            .write(dir.resolve("spot.gz"));
        try (RecordedFeed feed = new RecordedFeed(file, Instruments.BTC_USD, 0))
        {
            assertEquals(1150 * MS, feed.snapshotTimeNs());
            assertEquals(1, feed.tickSize());
            assertEquals(1_000_000, feed.lotSize(), "0.25 BTC comes later; the snapshot's step is 1 BTC");

            assertTrue(feed.next());
            assertTrue(feed.isSnapshot());
            assertEquals(2_000_000L, feed.bids().get(10_000L));

            // u=9 is covered by the snapshot and dropped; u=12 straddles it and is applied.
            assertTrue(feed.next());
            assertEquals(RecordedFeed.EventType.DEPTH, feed.type());
            assertEquals(12, feed.lastUpdateId());
            assertEquals(1_500_000L, feed.bids().get(9_999L));
            assertFalse(feed.asks().containsKey(10_002L));

            assertTrue(feed.next());
            assertEquals(1200 * MS, feed.timeNs());
            assertEquals(9_999L, feed.bids().firstKey(), "100.00 was removed");
            assertEquals(250_000L, feed.asks().get(10_003L));
            assertFalse(feed.next());
        }
    }

    @Test
    void brokenChainIsAnError()
    {
        final Path file = new RecordingWriter("btcusdt", false)
            .snapshot(1000, 10, levels("100.00", "1"), levels("100.01", "1"))
            .diff(1100, 11, 12, "[]", "[]")
            .line(1200 * MS + " {\"stream\":\"btcusdt@depth\",\"data\":{\"e\":\"depthUpdate\",\"E\":1200," +
                "\"U\":14,\"u\":15,\"b\":[],\"a\":[]}}")
            .write(dir.resolve("gap.gz"));
        try (RecordedFeed feed = new RecordedFeed(file, Instruments.BTC_USD, 0))
        {
            final IllegalStateException error = assertThrows(IllegalStateException.class, () ->
            {
                while (feed.next())
                {
                    // until the gap
                }
            });
            assertTrue(error.getMessage().contains("chain broken"), error.getMessage());
        }
    }

    @Test
    void eventsComeOutInExchangeTimeOrder()
    {
        // The trade happened before the diff but was received after it.
        final Path file = new RecordingWriter("btcusdt", true)
            .snapshot(1000, 10, levels("100.00", "1"), levels("100.10", "1"))
            .diff(1300, 11, 12, levels("100.00", "0.5"), "[]")
            .trade(1350, 1250, 7, "100.00", "0.5", true)
            .write(dir.resolve("usdm.gz"));
        try (RecordedFeed feed = new RecordedFeed(file, Instruments.BTC_USD, 0))
        {
            assertEquals(10, feed.tickSize());
            assertTrue(feed.next());
            assertTrue(feed.next());
            assertEquals(RecordedFeed.EventType.TRADE, feed.type());
            assertEquals(1250 * MS, feed.timeNs());
            assertEquals(1_000_000L, feed.bids().get(10_000L), "the diff is not applied yet");
            assertTrue(feed.buyerMaker());
            assertTrue(feed.next());
            assertEquals(RecordedFeed.EventType.DEPTH, feed.type());
            assertEquals(500_000L, feed.bids().get(10_000L));
        }
    }

    @Test
    void coinMarginedContractsBecomeBaseUnitsAtTheLevelPrice()
    {
        // 1001 contracts of 100 USD at 61773.6 = 1.620432... BTC; 3 contracts at 61800.0 = 0.004854... BTC.
        final Path file = new RecordingWriter("btcusd_perp", true)
            .snapshot(1000, 10, levels("61773.6", "1001"), levels("61800.0", "3"))
            .trade(1100, 1100, 1, "61800.0", "1", false)
            .write(dir.resolve("cm.gz"));
        try (RecordedFeed feed = new RecordedFeed(file, Instruments.BTC_USD, 100))
        {
            assertTrue(feed.next());
            assertEquals(1_620_433L, feed.bids().get(6_177_360L));
            assertEquals(4_854L, feed.asks().get(6_180_000L));
            assertEquals(1_000L, feed.lotSize(), "one contract is about 0.0016 BTC: lot 0.001");
            assertTrue(feed.next());
            assertEquals(1_618L, feed.quantity(), "100 / 61800 BTC, to the nearest 10^-6");
        }
    }

    @Test
    void recordedBtcAndEthBooksRebuildWithoutGapOrCross()
    {
        final Path data = ReplayMarket.Context.defaultDataDirectory();
        Assumptions.assumeTrue(data != null && Files.isDirectory(data), "recordings not present");
        final String[] files = {"spot_btcusdt_20240808.gz", "usdm_btcusdt_20240808.gz", "cm_btcusd_perp_20240808.gz",
            "spot_ethusdt_20240808.gz", "usdm_ethusdt_20240808.gz", "cm_ethusd_perp_20240808.gz"};
        final long[] contracts = {0, 0, 100, 0, 0, 10};
        for (int f = 0; f < files.length; f++)
        {
            final Instrument instrument = f < 3 ? Instruments.BTC_USD : Instruments.ETH_USD;
            try (RecordedFeed feed = new RecordedFeed(data.resolve(files[f]), instrument, contracts[f]))
            {
                long events = 0;
                long trades = 0;
                long previous = Long.MIN_VALUE;
                while (feed.next())
                {
                    events++;
                    assertTrue(feed.timeNs() >= previous, files[f] + " out of order at event " + events);
                    previous = feed.timeNs();
                    if (feed.type() == RecordedFeed.EventType.TRADE)
                    {
                        trades++;
                        assertTrue(feed.quantity() > 0);
                    }
                }
                assertTrue(trades > 1000, files[f] + ": " + trades + " trades");
                assertEquals(0, feed.lateEvents(), files[f] + ": the reorder window covers the recording");
                assertTrue(feed.bids().firstKey() < feed.asks().firstKey());
                final long low = f < 3 ? 5_000_000L : 200_000L;
                final long high = f < 3 ? 7_000_000L : 300_000L;
                assertTrue(feed.bids().firstKey() > low && feed.asks().firstKey() < high, files[f] + " prices");
            }
        }
    }
}
