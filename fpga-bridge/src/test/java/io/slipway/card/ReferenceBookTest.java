package io.slipway.card;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.slipway.card.NicLayout.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference book's rules, value by value, and the reference card's BOOK and LATENCY blocks. */
final class ReferenceBookTest
{
    private static final int CHANNEL = channel(1, ReferenceCard.Context.INSTRUMENT_BTC_USD);

    private final ReferenceCard card = new ReferenceCard();
    private final ReferenceBook book = card.book();
    private final MarketDataRecord record = new MarketDataRecord().wrap(new UnsafeBuffer(new byte[MD_RECORD_SIZE]), 0);
    private final BookSideReader side = new BookSideReader();

    @Test
    void levelsUpdateDeleteInsertAndFallOff()
    {
        map(3, CHANNEL);
        level(true, false, 1, 100, 0);             // delete of an absent level: nothing
        level(true, false, 2, 100, -1);            // negative quantity: nothing
        assertBids(new long[0][]);
        for (int i = 0; i < 10; i++)
        {
            level(true, false, 3 + i, 100 + i, 1 + i);  // each new one best: the worst fall off
        }
        assertBids(new long[][] {{109, 10}, {108, 9}, {107, 8}, {106, 7}, {105, 6}, {104, 5}, {103, 4}, {102, 3}});
        level(true, false, 20, 101, 50);           // worse than all 8 held: nothing
        level(true, false, 21, 106, 70);           // update
        level(true, false, 22, 109, 0);            // delete the best: the rest move up
        assertBids(new long[][] {{108, 9}, {107, 8}, {106, 70}, {105, 6}, {104, 5}, {103, 4}, {102, 3}});
        level(true, false, 23, 101, 50);           // now there is room: it enters, a level the venue had
        assertBids(new long[][] {{108, 9}, {107, 8}, {106, 70}, {105, 6}, {104, 5}, {103, 4}, {102, 3}, {101, 50}});
        level(false, false, 24, 90, 4);            // crossed ask: kept as sent
        side.read(card, BOOK_BASE, 3, false);
        assertEquals(1, side.levels());
        assertEquals(90, side.price(0));
        assertEquals(17, side.updates());          // every BOOK_LEVEL record counts, no-ops too
    }

    @Test
    void snapshotClearsOnANewSequenceAndGapInvalidates()
    {
        map(0, CHANNEL);
        level(true, false, 1, 100, 1);
        assertFalse(side.read(card, BOOK_BASE, 0, true).isValid(), "no snapshot yet");
        level(false, true, 50, 120, 2);            // new snapshot: clears both sides first
        level(true, true, 50, 99, 3);              // same snapshot: adds
        assertBids(0, new long[][] {{99, 3}});
        assertTrue(side.isValid());
        assertEquals(50, side.snapshotSequence());
        status(MD_FLAG_DECODE_ERROR);
        assertTrue(side.read(card, BOOK_BASE, 0, true).isValid(), "a decode error is not a gap");
        status(MD_FLAG_GAP);
        assertFalse(side.read(card, BOOK_BASE, 0, true).isValid());
        level(true, false, 51, 98, 1);             // diffs still apply while invalid
        assertBids(0, new long[][] {{99, 3}, {98, 1}});
        level(true, true, 50, 97, 1);              // same sequence, but not valid: rebuilds
        assertBids(0, new long[][] {{97, 1}});
        assertTrue(side.isValid());
        side.read(card, BOOK_BASE, 0, false);
        assertEquals(0, side.levels(), "the ask side was cleared too");
    }

    @Test
    void slotTableRefusesADuplicateAndRemapEmpties()
    {
        map(2, CHANNEL);
        map(5, CHANNEL);
        assertEquals(0, card.readRegister(BOOK_BASE + BOOK_SLOT_CHANNEL + 4 * 5), "duplicate refused");
        level(true, false, 1, 100, 1);
        assertEquals(1, side.read(card, BOOK_BASE, 2, true).levels());
        map(2, CHANNEL);
        side.read(card, BOOK_BASE, 2, true);
        assertEquals(0, side.levels());
        assertEquals(0, side.updates());
        assertTrue(side.isEnabled());
        card.writeRegister(BOOK_BASE + BOOK_SLOT_CHANNEL + 8, 0);  // disable: records no longer apply
        level(true, false, 2, 100, 1);
        assertEquals(0, side.read(card, BOOK_BASE, 2, true).levels());
        assertFalse(side.isEnabled());
        assertEquals(BOOK_LEVELS | BOOK_SLOTS << 8, card.readRegister(BOOK_BASE + BOOK_GEOMETRY));
        card.writeRegister(BOOK_BASE + BOOK_GEOMETRY, 0);
        assertEquals(BOOK_LEVELS | BOOK_SLOTS << 8, card.readRegister(BOOK_BASE + BOOK_GEOMETRY));
        assertThrows(IllegalArgumentException.class, () -> side.read(card, BOOK_BASE, BOOK_SLOTS, true));
    }

    @Test
    void latencyBlockCountsTheFeedPathPerFrame()
    {
        final int feed = LATENCY_BASE + LATENCY_PATH_BASE;
        assertEquals(0, card.readRegister(feed + LAT_COUNT));
        assertEquals(0xFFFF_FFFF, card.readRegister(feed + LAT_MIN));
        final SbeTestEncoder encoder = new SbeTestEncoder();
        for (int i = 0; i < 3; i++)
        {
            final UnsafeBuffer message = encoder.bestBidAsk(1, 1 + i, -2, -6, 100, 1, 101, 1, "BTCUSDT");
            assertTrue(card.offerIngress(CHANNEL, message, 0, message.capacity()));
        }
        card.process();
        assertEquals(3, card.readRegister(feed + LAT_COUNT));
        assertEquals(ReferenceCard.DECODE_CYCLES + 1, card.readRegister(feed + LAT_MIN));
        assertEquals(ReferenceCard.DECODE_CYCLES + 1, card.readRegister(feed + LAT_MAX));
        assertEquals(3L * (ReferenceCard.DECODE_CYCLES + 1), card.readRegister64(feed + LAT_SUM_LO));
        assertEquals(0, card.readRegister(LATENCY_BASE + LATENCY_PATH_BASE + LATENCY_PATH_STRIDE + LAT_COUNT));
        card.writeRegister(LATENCY_BASE + LATENCY_CLEAR, 1 << LATENCY_PATH_FEED);
        assertEquals(0, card.readRegister(feed + LAT_COUNT));
        assertEquals(0xFFFF_FFFF, card.readRegister(feed + LAT_MIN));
    }

    private void map(final int slot, final int channel)
    {
        card.writeRegister(BOOK_BASE + BOOK_SLOT_CHANNEL + 4 * slot, BOOK_SLOT_ENABLE | channel);
    }

    private void level(final boolean bid, final boolean snapshot, final long sequence, final long price, final long qty)
    {
        record.clear().type(MD_TYPE_BOOK_LEVEL).channel(CHANNEL)
            .flags((bid ? MD_FLAG_BID : 0) | (snapshot ? MD_FLAG_SNAPSHOT : 0))
            .sequence(sequence).price0(price).qty0(qty);
        book.onRecord(record);
    }

    private void status(final int flags)
    {
        record.clear().type(MD_TYPE_FEED_STATUS).channel(CHANNEL).flags(flags).sequence(7);
        book.onRecord(record);
    }

    private void assertBids(final long[][] expected)
    {
        assertBids(3, expected);
    }

    private void assertBids(final int slot, final long[][] expected)
    {
        side.read(card, BOOK_BASE, slot, true);
        final long[][] actual = new long[side.levels()][];
        for (int i = 0; i < side.levels(); i++)
        {
            actual[i] = new long[] {side.price(i), side.quantity(i)};
        }
        assertArrayEquals(expected, actual, side.toString());
        for (int i = side.levels(); i < BOOK_LEVELS; i++)
        {
            assertEquals(0, side.price(i));
            assertEquals(0, side.quantity(i));
        }
    }
}
