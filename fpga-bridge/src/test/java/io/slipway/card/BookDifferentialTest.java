package io.slipway.card;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static io.slipway.card.NicLayout.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The RTL book ({@code slipway_book.v} under Verilator, fed through {@code libslipway_book_vsim.so})
 * against the reference card's book, on the records the reference card writes for the recorded
 * Binance spot BTCUSDT and ETHUSDT books (REST snapshot split into SBE depth snapshots, then the
 * depth diffs, transcoded to SBE at the venue's -8 exponents). The records go through the
 * reference card, which keeps its own book from them, and then into the RTL stage with random
 * back-pressure; at checkpoints every slot's sides are read through the BOOK registers of both
 * and must be identical, and the RTL stage must have handed every record on unchanged.
 *
 * <p>Along the way: a diff is dropped (a gap, so both books go invalid), the snapshot is sent again
 * mid-stream worst level first (every level but the best 8 falls off), and hand-written
 * adversarial records (absent deletes, 9+ levels, crossed levels, a duplicate slot, a remap).
 * Independently of the RTL, the book after the snapshot must be the snapshot's top 8, and every
 * level a valid book holds must be in the full book kept here with the same quantity.
 */
final class BookDifferentialTest
{
    private static final int VENUE = 1;
    private static final int BTC = ReferenceCard.Context.INSTRUMENT_BTC_USD;
    private static final int ETH = ReferenceCard.Context.INSTRUMENT_ETH_USD;
    private static final int BTC_CHANNEL = channel(VENUE, BTC);
    private static final int ETH_CHANNEL = channel(VENUE, ETH);
    private static final int BTC_SLOT = 3;
    private static final int ETH_SLOT = 9;
    private static final int IDLE_SLOT = 0;
    private static final int[] CHECKED_SLOTS = {IDLE_SLOT, BTC_SLOT, ETH_SLOT, 15};
    private static final int WIRE_EXPONENT = -8;
    private static final int DIFFS_PER_FILE = 900;
    private static final int CHECK_EVERY = 30;
    private static final int LEVELS_PER_MESSAGE = 24;
    private static final int[] READY_PERCENT = {100, 55, 30, 85};
    private static final int BATCH_RECORDS = 4096;

    private static final Pattern LINE = Pattern.compile("^(\\d+) (\\{.*})$");
    private static final Pattern LEVEL = Pattern.compile("\\[\"([0-9.]+)\",\"([0-9.]+)\"]");

    private final SbeTestEncoder encoder = new SbeTestEncoder();
    private final BookSideReader referenceSide = new BookSideReader();
    private final BookSideReader rtlSide = new BookSideReader();
    private final byte[] pending = new byte[BATCH_RECORDS * MD_RECORD_SIZE];
    private final byte[] handedOn = new byte[BATCH_RECORDS * MD_RECORD_SIZE];
    private ReferenceCard card;
    private VerilatorBookStage rtl;
    private int pendingRecords;
    private int flushes;
    private long recordsCompared;
    private int checkpoints;
    private int fullValidSides;

    @BeforeEach
    void open()
    {
        if (!VerilatorBookStage.isAvailable())
        {
            if (Boolean.getBoolean("slipway.vsim.required"))
            {
                fail(VerilatorBookStage.loadFailure());
            }
            assumeTrue(false, VerilatorBookStage.loadFailure());
        }
        card = new ReferenceCard();
        rtl = VerilatorBookStage.open(20240808);
    }

    @AfterEach
    void close()
    {
        if (null != rtl)
        {
            rtl.close();
        }
        if (null != card)
        {
            card.close();
        }
    }

    @Test
    void recordedSpotBooksAreIdenticalOnBothBackends() throws IOException
    {
        mapSlot(BTC_SLOT, BTC_CHANNEL);
        mapSlot(ETH_SLOT, ETH_CHANNEL);
        mapSlot(IDLE_SLOT, channel(2, BTC));
        checkpoint("after configuration");

        replay("spot_btcusdt_20240808.gz", "btcusdt", "BTCUSDT", BTC_CHANNEL, BTC_SLOT);
        replay("spot_ethusdt_20240808.gz", "ethusdt", "ETHUSDT", ETH_CHANNEL, ETH_SLOT);

        assertTrue(checkpoints > 60, "checkpoints: " + checkpoints);
        // not vacuous: most compared book sides were full and valid
        assertTrue(fullValidSides > 2 * checkpoints, "full valid sides compared: " + fullValidSides);
        assertTrue(recordsCompared > 20_000, "records compared: " + recordsCompared);
        assertTrue(rtl.cycles() > recordsCompared, "back-pressure cost cycles");
    }

    @Test
    void adversarialRecordsGiveIdenticalBooks()
    {
        mapSlot(BTC_SLOT, BTC_CHANNEL);
        mapSlot(ETH_SLOT, ETH_CHANNEL);
        // a second slot on a followed channel is refused on both
        mapSlot(15, BTC_CHANNEL);
        assertEquals(0, card.readRegister(BOOK_BASE + BOOK_SLOT_CHANNEL + 4 * 15));
        assertEquals(0, rtl.readRegister(BOOK_SLOT_CHANNEL + 4 * 15));

        final MarketDataRecord record = new MarketDataRecord();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MD_RECORD_SIZE]);
        record.wrap(buffer, 0);
        long sequence = 100;

        // delete of an absent level, negative quantity
        level(record, BTC_CHANNEL, true, false, sequence++, 6_000_000, 0);
        level(record, BTC_CHANNEL, true, false, sequence++, 6_000_000, -3);
        checkpoint("absent delete");
        // 12 levels a side in the worst order (each new one is best): 4 fall off per side
        for (int i = 0; i < 12; i++)
        {
            level(record, BTC_CHANNEL, true, false, sequence++, 6_000_000 + i, 10 + i);
            level(record, BTC_CHANNEL, false, false, sequence++, 6_100_000 - i, 20 + i);
        }
        checkpoint("12 levels a side");
        // crossed: bids above the best ask, asks below the best bid
        level(record, BTC_CHANNEL, true, false, sequence++, 6_200_000, 5);
        level(record, BTC_CHANNEL, false, false, sequence++, 5_900_000, 5);
        // a level that fell off comes back only when named again
        level(record, BTC_CHANNEL, true, false, sequence++, 6_000_011, 0);
        level(record, BTC_CHANNEL, true, false, sequence++, 6_000_010, 0);
        level(record, BTC_CHANNEL, true, false, sequence++, 6_000_001, 99);
        checkpoint("crossed and fallen-off levels");
        // snapshot mid-stream, a gap, a diff while invalid, the same snapshot again, a new one
        for (int i = 0; i < 10; i++)
        {
            level(record, BTC_CHANNEL, 0 == (i & 1), true, 5000, 6_000_000 + (0 == (i & 1) ? -i : i + 1), 7);
        }
        checkpoint("snapshot");
        status(record, BTC_CHANNEL, MD_FLAG_GAP, 5001);
        level(record, BTC_CHANNEL, true, false, 5002, 5_999_999, 3);
        checkpoint("gap");
        level(record, BTC_CHANNEL, false, true, 5000, 6_000_050, 1);
        checkpoint("same snapshot after a gap rebuilds");
        level(record, BTC_CHANNEL, true, true, 6000, 6_000_000, 1);
        status(record, BTC_CHANNEL, MD_FLAG_DECODE_ERROR, 0);
        status(record, ETH_CHANNEL, MD_FLAG_GAP, 1);
        checkpoint("new snapshot; decode error is not a gap");
        // remap empties the slot on both
        mapSlot(BTC_SLOT, BTC_CHANNEL);
        checkpoint("remap");

        referenceSide.read(card, BOOK_BASE, BTC_SLOT, true);
        assertEquals(0, referenceSide.levels());
        assertEquals(0, referenceSide.updates());
    }

    // ---- the recorded books --------------------------------------------------------------------

    private void replay(final String fileName, final String stream, final String symbol, final int channel, final int slot)
        throws IOException
    {
        final Path file = RecordedSpotStreamTest.sharedDir().resolve("data/binance/" + fileName);
        assertTrue(Files.isRegularFile(file), "recorded data missing: " + file);
        final Map<Long, Long> fullBids = new TreeMap<>(Collections.reverseOrder());
        final Map<Long, Long> fullAsks = new TreeMap<>();
        long[][] snapshotBids = null;
        long[][] snapshotAsks = null;
        long snapshotId = -1;
        long lastId = -1;
        int diffs = 0;

        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII)))
        {
            String line;
            while (null != (line = reader.readLine()) && diffs < DIFFS_PER_FILE)
            {
                final Matcher matcher = LINE.matcher(line);
                if (!matcher.matches())
                {
                    continue;
                }
                final String json = matcher.group(2);
                if (json.startsWith("{\"lastUpdateId\"") && snapshotId < 0)
                {
                    snapshotId = Long.parseLong(field(json, "lastUpdateId"));
                    snapshotBids = levels(json.substring(json.indexOf("\"bids\":["), json.indexOf("\"asks\":[")));
                    snapshotAsks = levels(json.substring(json.indexOf("\"asks\":[")));
                    sendSnapshot(channel, symbol, snapshotId, snapshotBids, snapshotAsks, false);
                    fill(fullBids, snapshotBids, true);
                    fill(fullAsks, snapshotAsks, true);
                    checkpoint(symbol + " snapshot");
                    assertSnapshotTop(slot, snapshotBids, snapshotAsks);
                    lastId = snapshotId;
                }
                else if (snapshotId >= 0 && json.contains("\"stream\":\"" + stream + "@depth@100ms\""))
                {
                    final long first = Long.parseLong(field(json, "U"));
                    final long last = Long.parseLong(field(json, "u"));
                    if (last <= snapshotId)
                    {
                        continue; // older than the snapshot: the rebuild rule drops it
                    }
                    final long[][] bids = levels(json.substring(json.indexOf("\"b\":["), json.indexOf("\"a\":[")));
                    final long[][] asks = levels(json.substring(json.indexOf("\"a\":[")));
                    final long eventTimeUs = Long.parseLong(field(json, "E")) * 1000;
                    diffs++;

                    if (diffs == DIFFS_PER_FILE / 3)
                    {
                        // dropped on purpose: the next diff does not follow, the card reports a gap
                        lastId = last;
                        continue;
                    }
                    sendDiff(channel, symbol, eventTimeUs, first, last, bids, asks);
                    fill(fullBids, bids, false);
                    fill(fullAsks, asks, false);
                    lastId = last;

                    if (diffs == DIFFS_PER_FILE / 3 + 1)
                    {
                        checkpoint(symbol + " after a gap");
                        assertFalse(referenceSide.read(card, BOOK_BASE, slot, true).isValid(), "gap invalidates");
                    }
                    if (diffs == DIFFS_PER_FILE / 3 + 20)
                    {
                        // The recorded snapshot again, mid-stream, worst level first, under the
                        // current id: both sides rebuild from stale levels (both books must agree,
                        // not match the venue) and the full book here follows it.
                        sendSnapshot(channel, symbol, lastId, snapshotBids, snapshotAsks, true);
                        fullBids.clear();
                        fullAsks.clear();
                        fill(fullBids, snapshotBids, true);
                        fill(fullAsks, snapshotAsks, true);
                        checkpoint(symbol + " snapshot again, reversed");
                        assertSnapshotTop(slot, snapshotBids, snapshotAsks);
                    }
                    if (0 == diffs % CHECK_EVERY)
                    {
                        checkpoint(symbol + " diff " + diffs);
                        assertHeldLevelsAreInTheFullBook(slot, fullBids, fullAsks);
                    }
                }
            }
        }
        assertTrue(snapshotId >= 0 && diffs == DIFFS_PER_FILE, fileName + ": snapshot " + snapshotId + ", diffs " + diffs);
        checkpoint(symbol + " end");
    }

    private void sendSnapshot(
        final int channel, final String symbol, final long id, final long[][] bids, final long[][] asks, final boolean worstFirst)
    {
        final List<long[]> b = new ArrayList<>(Arrays.asList(bids));
        final List<long[]> a = new ArrayList<>(Arrays.asList(asks));
        if (worstFirst)
        {
            Collections.reverse(b);
            Collections.reverse(a);
        }
        final int half = LEVELS_PER_MESSAGE / 2;
        for (int i = 0; i < Math.max(b.size(), a.size()); i += half)
        {
            final long[][] partBids = b.subList(Math.min(i, b.size()), Math.min(i + half, b.size())).toArray(new long[0][]);
            final long[][] partAsks = a.subList(Math.min(i, a.size()), Math.min(i + half, a.size())).toArray(new long[0][]);
            offer(channel, encoder.depthSnapshot(0, id, WIRE_EXPONENT, WIRE_EXPONENT, partBids, partAsks, symbol));
        }
    }

    private void sendDiff(
        final int channel, final String symbol, final long eventTimeUs, final long first, final long last,
        final long[][] bids, final long[][] asks)
    {
        final UnsafeBuffer whole = encoder.depthDiff(eventTimeUs, first, last, WIRE_EXPONENT, WIRE_EXPONENT, bids, asks, symbol);
        if (whole.capacity() <= INGRESS_MAX_PAYLOAD)
        {
            offer(channel, whole);
            return;
        }
        // Too large for one ingress slot: chained parts, each with its own share of the id range,
        // so the sequence still follows (the simulated venues split their diffs the same way).
        final List<long[]> all = new ArrayList<>();
        for (final long[] level : bids)
        {
            all.add(new long[] {level[0], level[1], 1});
        }
        for (final long[] level : asks)
        {
            all.add(new long[] {level[0], level[1], 0});
        }
        final int parts = (all.size() + LEVELS_PER_MESSAGE - 1) / LEVELS_PER_MESSAGE;
        final boolean enoughIds = last - first + 1 >= parts;
        for (int p = 0; p < parts; p++)
        {
            final List<long[]> partBids = new ArrayList<>();
            final List<long[]> partAsks = new ArrayList<>();
            for (final long[] level : all.subList(p * LEVELS_PER_MESSAGE, Math.min((p + 1) * LEVELS_PER_MESSAGE, all.size())))
            {
                (1 == level[2] ? partBids : partAsks).add(new long[] {level[0], level[1]});
            }
            final long partFirst = enoughIds ? first + p : first;
            final long partLast = enoughIds ? (p == parts - 1 ? last : first + p) : last;
            offer(channel, encoder.depthDiff(eventTimeUs, partFirst, partLast, WIRE_EXPONENT, WIRE_EXPONENT,
                partBids.toArray(new long[0][]), partAsks.toArray(new long[0][]), symbol));
        }
    }

    private void offer(final int channel, final UnsafeBuffer message)
    {
        assertTrue(message.capacity() <= INGRESS_MAX_PAYLOAD, "message of " + message.capacity() + " bytes");
        assertTrue(card.offerIngress(channel, message, 0, message.capacity()));
        card.process();
        card.pollMarketData((buffer, offset, length) ->
        {
            assertEquals(0, new MarketDataRecord().wrap(buffer, offset).hasFlag(MD_FLAG_DECODE_ERROR) ? 1 : 0,
                "decode error on a transcoded message");
            append(buffer, offset);
        }, Integer.MAX_VALUE);
    }

    private void append(final org.agrona.DirectBuffer buffer, final int offset)
    {
        if (pendingRecords == BATCH_RECORDS)
        {
            flush();
        }
        buffer.getBytes(offset, pending, pendingRecords * MD_RECORD_SIZE, MD_RECORD_SIZE);
        pendingRecords++;
    }

    // ---- hand-written records, through the reference book and the RTL stage alike --------------

    private void level(
        final MarketDataRecord record, final int channel, final boolean bid, final boolean snapshot, final long sequence,
        final long price, final long qty)
    {
        record.clear().type(MD_TYPE_BOOK_LEVEL).channel(channel).instrument(channel & CHANNEL_INSTRUMENT_MASK)
            .venue(channel >> CHANNEL_VENUE_SHIFT).flags((bid ? MD_FLAG_BID : 0) | (snapshot ? MD_FLAG_SNAPSHOT : 0))
            .sequence(sequence).price0(price).qty0(qty).eventTimeUs(sequence * 1000).cardCycles(sequence);
        inject(record);
    }

    private void status(final MarketDataRecord record, final int channel, final int flags, final long sequence)
    {
        record.clear().type(MD_TYPE_FEED_STATUS).channel(channel).flags(flags).sequence(sequence);
        inject(record);
    }

    /** A record the decoder did not write: straight into the reference card's book and the RTL stage. */
    private void inject(final MarketDataRecord record)
    {
        card.book().onRecord(record);
        append(record.buffer(), record.offset());
    }

    // ---- comparison ----------------------------------------------------------------------------

    private void mapSlot(final int slot, final int channel)
    {
        flush();
        card.writeRegister(BOOK_BASE + BOOK_SLOT_CHANNEL + 4 * slot, BOOK_SLOT_ENABLE | channel);
        rtl.writeRegister(BOOK_SLOT_CHANNEL + 4 * slot, BOOK_SLOT_ENABLE | channel);
    }

    private void flush()
    {
        if (0 == pendingRecords)
        {
            return;
        }
        final int readyPercent = READY_PERCENT[flushes++ % READY_PERCENT.length];
        final int handed = rtl.feed(pending, pendingRecords, readyPercent, handedOn);
        assertEquals(pendingRecords, handed, "records handed on by the RTL stage");
        assertArrayEquals(Arrays.copyOf(pending, pendingRecords * MD_RECORD_SIZE),
            Arrays.copyOf(handedOn, pendingRecords * MD_RECORD_SIZE), "records changed by the RTL stage");
        recordsCompared += pendingRecords;
        pendingRecords = 0;
    }

    private void checkpoint(final String label)
    {
        flush();
        checkpoints++;
        for (final int slot : CHECKED_SLOTS)
        {
            assertEquals(card.readRegister(BOOK_BASE + BOOK_SLOT_CHANNEL + 4 * slot),
                rtl.readRegister(BOOK_SLOT_CHANNEL + 4 * slot), label + ": slot " + slot + " channel");
            for (final boolean bid : new boolean[] {true, false})
            {
                referenceSide.read(card, BOOK_BASE, slot, bid);
                rtlSide.read(rtl, 0, slot, bid);
                assertEquals(referenceSide.toString(), rtlSide.toString(),
                    label + ": slot " + slot + (bid ? " bid" : " ask"));
                fullValidSides += referenceSide.isValid() && BOOK_LEVELS == referenceSide.levels() ? 1 : 0;
                for (int i = 0; i < BOOK_LEVELS; i++)
                {
                    assertEquals(referenceSide.price(i), rtlSide.price(i), label + " price " + i);
                    assertEquals(referenceSide.quantity(i), rtlSide.quantity(i), label + " qty " + i);
                }
            }
        }
    }

    private void assertSnapshotTop(final int slot, final long[][] bids, final long[][] asks)
    {
        for (final boolean bid : new boolean[] {true, false})
        {
            final long[][] levels = bid ? bids : asks;
            referenceSide.read(card, BOOK_BASE, slot, bid);
            assertTrue(referenceSide.isValid(), "valid after a snapshot");
            assertEquals(Math.min(BOOK_LEVELS, levels.length), referenceSide.levels());
            for (int i = 0; i < referenceSide.levels(); i++)
            {
                assertEquals(price(levels[i][0]), referenceSide.price(i), "snapshot level " + i);
                assertEquals(qty(levels[i][1]), referenceSide.quantity(i), "snapshot qty " + i);
            }
        }
    }

    private void assertHeldLevelsAreInTheFullBook(final int slot, final Map<Long, Long> bids, final Map<Long, Long> asks)
    {
        for (final boolean bid : new boolean[] {true, false})
        {
            referenceSide.read(card, BOOK_BASE, slot, bid);
            if (!referenceSide.isValid())
            {
                continue;
            }
            final Map<Long, Long> full = bid ? bids : asks;
            for (int i = 0; i < referenceSide.levels(); i++)
            {
                final long wirePrice = referenceSide.price(i) * 1_000_000L;
                assertEquals(full.get(wirePrice), Long.valueOf(referenceSide.quantity(i) * 100L),
                    "held level " + i + " at " + referenceSide.price(i) + " against the full book");
            }
        }
    }

    private static void fill(final Map<Long, Long> side, final long[][] levels, final boolean snapshot)
    {
        for (final long[] level : levels)
        {
            if (0 == level[1] && !snapshot)
            {
                side.remove(level[0]);
            }
            else if (0 != level[1])
            {
                side.put(level[0], level[1]);
            }
        }
    }

    private static long price(final long wire)
    {
        return BigDecimal.valueOf(wire, -WIRE_EXPONENT).movePointRight(2).longValueExact();
    }

    private static long qty(final long wire)
    {
        return BigDecimal.valueOf(wire, -WIRE_EXPONENT).movePointRight(6).longValueExact();
    }

    private static long[][] levels(final String json)
    {
        final int open = json.indexOf('[');
        int depth = 0;
        int close = open;
        for (int i = open; i < json.length(); i++)
        {
            final char c = json.charAt(i);
            depth += '[' == c ? 1 : ']' == c ? -1 : 0;
            if (0 == depth)
            {
                close = i;
                break;
            }
        }
        final Matcher matcher = LEVEL.matcher(json.substring(open + 1, close));
        final List<long[]> levels = new ArrayList<>();
        while (matcher.find())
        {
            levels.add(new long[] {wire(matcher.group(1)), wire(matcher.group(2))});
        }
        return levels.toArray(new long[0][]);
    }

    private static long wire(final String decimal)
    {
        return new BigDecimal(decimal).movePointRight(-WIRE_EXPONENT).longValueExact();
    }

    private static String field(final String json, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        if (!matcher.find())
        {
            throw new IllegalStateException("no field " + name + " in " + json.substring(0, Math.min(200, json.length())));
        }
        return matcher.group(1);
    }

    static
    {
        assertEquals(ByteOrder.LITTLE_ENDIAN, ByteOrder.nativeOrder(), "records are little-endian");
    }
}
