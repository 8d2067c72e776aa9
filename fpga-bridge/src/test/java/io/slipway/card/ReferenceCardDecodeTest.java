package io.slipway.card;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;

import static io.slipway.card.NicLayout.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference card's receive path on hand-built SBE messages, good and malformed. */
final class ReferenceCardDecodeTest
{
    private static final int VENUE = 3;
    private static final int BTC = ReferenceCard.Context.INSTRUMENT_BTC_USD;
    private static final int CHANNEL = channel(VENUE, BTC);
    private static final long T0 = 1_723_161_255_208_000L;

    private final ReferenceCard card = new ReferenceCard();
    private final SbeTestEncoder encoder = new SbeTestEncoder();

    @Test
    void bestBidAskBecomesOneBboRecordInInstrumentScale()
    {
        // 61837.63 / 3.78826 x 61837.64 / 1.54698 at exponent -8, as the venue sends them.
        final UnsafeBuffer message = encoder.bestBidAsk(
            T0, 50_093_239_212L, -8, -8, 6_183_763_000_000L, 378_826_000L, 6_183_764_000_000L, 154_698_000L, "BTCUSDT");
        final long cyclesBefore = card.cycles();

        final List<MarketDataRecord> records = offerAndProcess(message);

        assertEquals(1, records.size());
        final MarketDataRecord bbo = records.get(0);
        assertEquals(MD_TYPE_BBO, bbo.type());
        assertEquals(CHANNEL, bbo.channel());
        assertEquals(BTC, bbo.instrument());
        assertEquals(VENUE, bbo.venue());
        assertEquals(0, bbo.flags());
        assertEquals(50_093_239_212L, bbo.sequence());
        assertEquals(6_183_763L, bbo.price0());
        assertEquals(3_788_260L, bbo.qty0());
        assertEquals(6_183_764L, bbo.price1());
        assertEquals(1_546_980L, bbo.qty1());
        assertEquals(T0, bbo.eventTimeUs());

        // an idle card takes the slot's beats (16-byte header, then the message) one a cycle and stamps
        // the record with the cycle its last beat was taken
        final long beats = (INGRESS_PAYLOAD + message.capacity() + 7) / 8;
        assertEquals(cyclesBefore + beats - 1, bbo.cardCycles());
        assertEquals(bbo.cardCycles() + 1, card.cycles());
        assertEquals(6_183_763L, card.bestBid(VENUE, BTC));
        assertEquals(6_183_764L, card.bestAsk(VENUE, BTC));
        assertEquals(1, card.readRegister(COUNTERS_BASE + CNT_MD_RECORDS));
    }

    @Test
    void depthDiffBecomesOneLevelRecordPerEntry()
    {
        final UnsafeBuffer message = encoder.depthDiff(T0, 100, 104, -8, -8,
            new long[][] {{6_173_763_000_000L, 0}, {6_173_017_000_000L, 100_000L}},
            new long[][] {{6_183_764_000_000L, 154_698_000L}}, "BTCUSDT");

        final List<MarketDataRecord> records = offerAndProcess(message);

        assertEquals(3, records.size());
        assertLevel(records.get(0), true, 104, 6_173_763L, 0L);
        assertLevel(records.get(1), true, 104, 6_173_017L, 1_000L);
        assertLevel(records.get(2), false, 104, 6_183_764L, 1_546_980L);
        // one frame, one receive stamp
        assertEquals(records.get(0).cardCycles(), records.get(1).cardCycles());
        assertEquals(records.get(1).cardCycles(), records.get(2).cardCycles());
        assertEquals(records.get(2).cardCycles() + 1, card.cycles());
        assertEquals(0, card.bestBid(VENUE, BTC), "depth does not feed the BBO table without the book feature");
    }

    @Test
    void depthSnapshotBecomesLevelRecords()
    {
        final UnsafeBuffer message = encoder.depthSnapshot(T0, 777, -2, -6,
            new long[][] {{6_173_763L, 5L}}, new long[][] {{6_173_764L, 6L}, {6_173_800L, 7L}}, "BTCUSDT");

        final List<MarketDataRecord> records = offerAndProcess(message);

        assertEquals(3, records.size());
        assertSnapshotLevel(records.get(0), true, 777, 6_173_763L, 5L);
        assertSnapshotLevel(records.get(1), false, 777, 6_173_764L, 6L);
        assertSnapshotLevel(records.get(2), false, 777, 6_173_800L, 7L);
    }

    @Test
    void tradesBecomeOneRecordPerTradeWithBuyerMakerFlag()
    {
        final UnsafeBuffer message = encoder.trades(T0, T0 - 1000, -8, -8,
            new long[][] {{3_735_683_259L, 6_183_763_000_000L, 2_000_000L, 1}, {3_735_683_260L, 6_183_764_000_000L, 100L * 1000, 0}},
            "BTCUSDT");

        final List<MarketDataRecord> records = offerAndProcess(message);

        assertEquals(2, records.size());
        assertEquals(MD_TYPE_TRADE, records.get(0).type());
        assertEquals(3_735_683_259L, records.get(0).sequence());
        assertEquals(6_183_763L, records.get(0).price0());
        assertEquals(20_000L, records.get(0).qty0());
        assertEquals(MD_FLAG_BUYER_MAKER, records.get(0).flags());
        assertEquals(T0, records.get(0).eventTimeUs());
        assertEquals(3_735_683_260L, records.get(1).sequence());
        assertEquals(1_000L, records.get(1).qty0());
        assertEquals(0, records.get(1).flags());
    }

    @Test
    void positiveExponentsScaleUp()
    {
        final List<MarketDataRecord> records = offerAndProcess(
            encoder.bestBidAsk(T0, 1, 0, -3, 61_837, 5, 61_838, 7, "BTCUSDT"));

        assertEquals(6_183_700L, records.get(0).price0());
        assertEquals(5_000L, records.get(0).qty0());
    }

    @Test
    void longerBlocksThanTheSchemaAreSkippedAsSbeRequires()
    {
        encoder.extraRootBytes(6).extraEntryBytes(3);
        final List<MarketDataRecord> diff = offerAndProcess(encoder.depthDiff(T0, 1, 2, -2, -6,
            new long[][] {{100, 1}}, new long[][] {{101, 2}}, "BTCUSDT"));
        final List<MarketDataRecord> trades = offerAndProcess(encoder.trades(T0, T0, -2, -6,
            new long[][] {{9, 100, 1, 1}, {10, 101, 2, 0}}, "BTCUSDT"));
        final List<MarketDataRecord> bbo = offerAndProcess(encoder.bestBidAsk(T0, 5, -2, -6, 100, 1, 101, 2, "BTCUSDT"));

        assertEquals(2, diff.size());
        assertLevel(diff.get(1), false, 2, 101, 2);
        assertEquals(2, trades.size());
        assertEquals(10, trades.get(1).sequence());
        assertEquals(101, trades.get(1).price0());
        assertEquals(101, bbo.get(0).price1());
        assertEquals(0, card.decodeErrors());
    }

    @Test
    void depthDiffSequenceGapIsReported()
    {
        offerAndProcess(encoder.depthDiff(T0, 100, 104, -2, -6, new long[][] {{1, 1}}, new long[0][], "BTCUSDT"));
        final List<MarketDataRecord> inOrder =
            offerAndProcess(encoder.depthDiff(T0, 105, 109, -2, -6, new long[][] {{1, 2}}, new long[0][], "BTCUSDT"));
        final List<MarketDataRecord> gapped =
            offerAndProcess(encoder.depthDiff(T0 + 5, 111, 112, -2, -6, new long[][] {{1, 3}}, new long[0][], "BTCUSDT"));
        final List<MarketDataRecord> after =
            offerAndProcess(encoder.depthDiff(T0, 113, 113, -2, -6, new long[][] {{1, 4}}, new long[0][], "BTCUSDT"));

        assertEquals(1, inOrder.size());
        assertEquals(2, gapped.size());
        assertEquals(MD_TYPE_FEED_STATUS, gapped.get(0).type());
        assertEquals(MD_FLAG_GAP, gapped.get(0).flags());
        assertEquals(111, gapped.get(0).sequence());
        assertEquals(T0 + 5, gapped.get(0).eventTimeUs());
        assertEquals(CHANNEL, gapped.get(0).channel());
        assertEquals(MD_TYPE_BOOK_LEVEL, gapped.get(1).type());
        assertEquals(1, after.size(), "tracking resumes from the gapped diff");
        assertEquals(1, card.sequenceGaps());
    }

    @Test
    void sequencesAreTrackedPerChannel()
    {
        final int other = channel(VENUE, ReferenceCard.Context.INSTRUMENT_ETH_USD);
        offer(CHANNEL, encoder.depthDiff(T0, 100, 104, -2, -6, new long[0][], new long[0][], "BTCUSDT"));
        offer(other, encoder.depthDiff(T0, 7, 9, -2, -6, new long[0][], new long[0][], "ETHUSDT"));
        offer(CHANNEL, encoder.depthDiff(T0, 105, 106, -2, -6, new long[0][], new long[0][], "BTCUSDT"));
        offer(other, encoder.depthDiff(T0, 10, 10, -2, -6, new long[0][], new long[0][], "ETHUSDT"));
        card.process();

        assertTrue(CardOutputs.marketData(card).isEmpty());
        assertEquals(0, card.sequenceGaps());
    }

    @Test
    void firstDiffAfterSnapshotMayOverlapIt()
    {
        offerAndProcess(encoder.depthSnapshot(T0, 200, -2, -6, new long[0][], new long[0][], "BTCUSDT"));
        offerAndProcess(encoder.depthDiff(T0, 195, 203, -2, -6, new long[0][], new long[0][], "BTCUSDT"));
        offerAndProcess(encoder.depthDiff(T0, 204, 204, -2, -6, new long[0][], new long[0][], "BTCUSDT"));
        assertEquals(0, card.sequenceGaps());

        offerAndProcess(encoder.depthSnapshot(T0, 300, -2, -6, new long[0][], new long[0][], "BTCUSDT"));
        final List<MarketDataRecord> stale =
            offerAndProcess(encoder.depthDiff(T0, 290, 299, -2, -6, new long[0][], new long[0][], "BTCUSDT"));
        assertEquals(1, card.sequenceGaps());
        assertEquals(MD_FLAG_GAP, stale.get(0).flags());
    }

    @Test
    void mantissaNotExactInInstrumentScaleIsADecodeError()
    {
        offerAndProcess(encoder.bestBidAsk(T0, 1, -2, -6, 100, 1, 101, 1, "BTCUSDT"));

        // 61837.631 is finer than the 0.01 price unit.
        assertDecodeError(encoder.bestBidAsk(T0, 2, -3, -6, 61_837_631L, 1, 61_837_640L, 1, "BTCUSDT"), "MANTISSA");
        // 10^17 x 10^4 overflows a long in units of 10^-2.
        assertDecodeError(encoder.bestBidAsk(T0, 2, 2, -6, 100_000_000_000_000_000L, 1, 1, 1, "BTCUSDT"), "MANTISSA");
        // An exponent beyond what a long can scale, with a non-zero mantissa.
        assertDecodeError(encoder.trades(T0, T0, -40, -6, new long[][] {{1, 5, 1, 0}}, "BTCUSDT"), "MANTISSA");
        // A level entry deep in the second group.
        assertDecodeError(encoder.depthDiff(T0, 2, 2, -2, -7,
            new long[][] {{100, 10}}, new long[][] {{101, 10}, {102, 11}}, "BTCUSDT"), "MANTISSA");

        assertEquals(100, card.bestBid(VENUE, BTC), "a rejected BBO frame must not touch the BBO table");
    }

    @Test
    void everyTruncationOfAValidFrameIsADecodeErrorAndChangesNothing()
    {
        offerAndProcess(encoder.bestBidAsk(T0, 1, -2, -6, 100, 1, 101, 1, "BTCUSDT"));
        offerAndProcess(encoder.depthDiff(T0, 10, 10, -2, -6, new long[0][], new long[0][], "BTCUSDT"));

        final UnsafeBuffer[] messages =
        {
            encoder.bestBidAsk(T0, 2, -2, -6, 200, 1, 201, 1, "BTCUSDT"),
            encoder.depthDiff(T0, 11, 12, -2, -6, new long[][] {{1, 1}}, new long[][] {{2, 2}}, "BTCUSDT"),
            encoder.depthSnapshot(T0, 50, -2, -6, new long[][] {{1, 1}}, new long[][] {{2, 2}}, "BTCUSDT"),
            encoder.trades(T0, T0, -2, -6, new long[][] {{1, 1, 1, 0}}, "BTCUSDT"),
        };
        long errors = 0;
        for (final UnsafeBuffer message : messages)
        {
            for (int length = 0; length < message.capacity(); length++)
            {
                assertTrue(card.offerIngress(CHANNEL, message, 0, length));
                card.process();
                final List<MarketDataRecord> records = CardOutputs.marketData(card);
                errors++;
                assertEquals(1, records.size(), "length " + length);
                assertDecodeErrorRecord(records.get(0));
                assertEquals(errors, card.decodeErrors());
            }
        }

        assertEquals(100, card.bestBid(VENUE, BTC));
        assertEquals(1, offerAndProcess(
            encoder.depthDiff(T0, 11, 11, -2, -6, new long[][] {{1, 1}}, new long[0][], "BTCUSDT")).size(),
            "sequence state survived every truncated frame: no gap");
        assertEquals(0, card.sequenceGaps());
    }

    @Test
    void wrongSchemaIdOrVersionIsADecodeError()
    {
        assertDecodeError(new SbeTestEncoder().schemaId(2).bestBidAsk(T0, 1, -2, -6, 1, 1, 1, 1, "BTCUSDT"), "SCHEMA_ID");
        assertDecodeError(new SbeTestEncoder().version(1).bestBidAsk(T0, 1, -2, -6, 1, 1, 1, 1, "BTCUSDT"),
            "SCHEMA_VERSION");
    }

    @Test
    void unknownTemplateIsADecodeError()
    {
        assertDecodeError(encoder.raw(8, 12345, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 0}), "UNKNOWN_TEMPLATE");
    }

    @Test
    void rootBlockShorterThanTheSchemaIsADecodeError()
    {
        assertDecodeError(encoder.raw(40, SBE_TEMPLATE_BEST_BID_ASK, new byte[41]), "BLOCK_LENGTH");
    }

    @Test
    void zeroOrShortGroupBlockLengthIsADecodeError()
    {
        assertDecodeError(new SbeTestEncoder().groupBlockLength(0).depthDiff(T0, 1, 1, -2, -6,
            new long[][] {{1, 1}}, new long[0][], "BTCUSDT"), "GROUP_BLOCK_LENGTH");
        assertDecodeError(new SbeTestEncoder().groupBlockLength(0).trades(T0, T0, -2, -6,
            new long[][] {{1, 1, 1, 0}}, "BTCUSDT"), "GROUP_BLOCK_LENGTH");
        assertDecodeError(new SbeTestEncoder().groupBlockLength(15).depthSnapshot(T0, 1, -2, -6,
            new long[][] {{1, 1}}, new long[0][], "BTCUSDT"), "GROUP_BLOCK_LENGTH");
    }

    @Test
    void groupCountPastTheEndOfTheFrameIsADecodeError()
    {
        final UnsafeBuffer diff = encoder.depthDiff(T0, 1, 1, -2, -6, new long[][] {{1, 1}}, new long[0][], "BTCUSDT");
        diff.putShort(8 + 26 + 2, (short)0xFFFF, ByteOrder.LITTLE_ENDIAN);
        assertDecodeError(diff, "GROUP_COUNT");

        final UnsafeBuffer trades = encoder.trades(T0, T0, -2, -6, new long[][] {{1, 1, 1, 0}}, "BTCUSDT");
        trades.putInt(8 + 18 + 2, 0xFFFF_FFFF, ByteOrder.LITTLE_ENDIAN);
        assertDecodeError(trades, "GROUP_COUNT");
    }

    @Test
    void bytesAfterTheSymbolAreADecodeError()
    {
        final UnsafeBuffer bbo = encoder.bestBidAsk(T0, 1, -2, -6, 1, 1, 1, 1, "BTCUSDT");
        final UnsafeBuffer longer = new UnsafeBuffer(new byte[bbo.capacity() + 1]);
        longer.putBytes(0, bbo, 0, bbo.capacity());
        assertDecodeError(longer, "TRAILING_BYTES");
    }

    @Test
    void channelWithoutAnInstrumentScaleIsADecodeError()
    {
        final UnsafeBuffer bbo = encoder.bestBidAsk(T0, 1, -2, -6, 1, 1, 1, 1, "XRPUSDT");
        assertTrue(card.offerIngress(channel(VENUE, 9), bbo, 0, bbo.capacity()));
        assertTrue(card.offerIngress(MAX_CHANNELS + 1, bbo, 0, bbo.capacity()));
        card.process();

        final List<MarketDataRecord> records = CardOutputs.marketData(card);
        assertEquals(2, records.size());
        assertDecodeErrorRecord(records.get(0));
        assertEquals(9, records.get(0).instrument());
        assertDecodeErrorRecord(records.get(1));
        assertEquals(MAX_CHANNELS + 1, records.get(1).channel());
    }

    @Test
    void oversizeOrOverflowingIngressIsRefusedAndCounted()
    {
        final UnsafeBuffer big = new UnsafeBuffer(new byte[INGRESS_MAX_PAYLOAD + 1]);
        assertFalse(card.offerIngress(CHANNEL, big, 0, big.capacity()));
        assertFalse(card.offerIngress(0x1_0000, big, 0, 8));
        assertEquals(2, card.readRegister(COUNTERS_BASE + CNT_INGRESS_DROPPED));

        final ReferenceCard small = new ReferenceCard(new ReferenceCard.Context().ingressRingCapacity(2));
        final UnsafeBuffer bbo = encoder.bestBidAsk(T0, 1, -2, -6, 100, 1, 101, 1, "BTCUSDT");
        assertTrue(small.offerIngress(CHANNEL, bbo, 0, bbo.capacity()));
        assertTrue(small.offerIngress(CHANNEL, bbo, 0, bbo.capacity()));
        assertFalse(small.offerIngress(CHANNEL, bbo, 0, bbo.capacity()));
        assertEquals(1, small.readRegister(COUNTERS_BASE + CNT_INGRESS_DROPPED));
        small.process();
        assertEquals(2, CardOutputs.marketData(small).size());
        assertTrue(small.offerIngress(CHANNEL, bbo, 0, bbo.capacity()), "room again once processed");
    }

    @Test
    void fullMarketDataRingStallsDecodeInsteadOfDroppingRecords()
    {
        final ReferenceCard stalled = new ReferenceCard(new ReferenceCard.Context().marketDataRingCapacity(128));
        final UnsafeBuffer bbo = encoder.bestBidAsk(T0, 1, -2, -6, 100, 1, 101, 1, "BTCUSDT");
        for (int i = 0; i < 120; i++)
        {
            assertTrue(stalled.offerIngress(CHANNEL, bbo, 0, bbo.capacity()));
        }
        stalled.process();
        final int first = CardOutputs.marketData(stalled).size();
        assertTrue(first < 120 && first >= 128 - SpotStreamDecoder.MAX_RECORDS_PER_FRAME, "first batch " + first);
        stalled.process();
        assertEquals(120 - first, CardOutputs.marketData(stalled).size());
    }

    private List<MarketDataRecord> offerAndProcess(final UnsafeBuffer message)
    {
        offer(CHANNEL, message);
        card.process();
        return CardOutputs.marketData(card);
    }

    private void offer(final int channel, final UnsafeBuffer message)
    {
        assertTrue(card.offerIngress(channel, message, 0, message.capacity()));
    }

    private void assertDecodeError(final UnsafeBuffer message, final String outcome)
    {
        final long errorsBefore = card.decodeErrors();
        final int mdBefore = card.readRegister(COUNTERS_BASE + CNT_MD_RECORDS);
        final List<MarketDataRecord> records = offerAndProcess(message);

        assertEquals(outcome, card.lastDecodeOutcome());
        assertEquals(errorsBefore + 1, card.decodeErrors());
        assertEquals(1, records.size(), "only the decode-error status, no partial records");
        assertDecodeErrorRecord(records.get(0));
        assertEquals(CHANNEL, records.get(0).channel());
        assertEquals(mdBefore + 1, card.readRegister(COUNTERS_BASE + CNT_MD_RECORDS));
    }

    private static void assertDecodeErrorRecord(final MarketDataRecord record)
    {
        assertEquals(MD_TYPE_FEED_STATUS, record.type());
        assertEquals(MD_FLAG_DECODE_ERROR, record.flags());
    }

    private static void assertLevel(
        final MarketDataRecord record, final boolean bid, final long sequence, final long price, final long qty)
    {
        assertLevel(record, bid ? MD_FLAG_BID : 0, sequence, price, qty);
    }

    private static void assertSnapshotLevel(
        final MarketDataRecord record, final boolean bid, final long sequence, final long price, final long qty)
    {
        assertLevel(record, (bid ? MD_FLAG_BID : 0) | MD_FLAG_SNAPSHOT, sequence, price, qty);
    }

    private static void assertLevel(
        final MarketDataRecord record, final int flags, final long sequence, final long price, final long qty)
    {
        assertEquals(MD_TYPE_BOOK_LEVEL, record.type());
        assertEquals(flags, record.flags());
        assertEquals(sequence, record.sequence());
        assertEquals(price, record.price0());
        assertEquals(qty, record.qty0());
        assertEquals(CHANNEL, record.channel());
    }
}
