package io.slipway.card;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.slipway.card.NicLayout.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference card's inline risk gate: each check rejects with its reason, a good order passes. */
final class ReferenceCardRiskGateTest
{
    private static final int VENUE = 2;
    private static final int OTHER_VENUE = 5;
    private static final int BTC = ReferenceCard.Context.INSTRUMENT_BTC_USD;
    private static final int ETH = ReferenceCard.Context.INSTRUMENT_ETH_USD;
    private static final long BID = 6_183_700L;
    private static final long ASK = 6_183_800L;
    private static final long MAX_QTY = 5_000_000L;
    private static final long MAX_NOTIONAL = 100_000_000_000_000L;
    private static final long MAX_POSITION = 10_000_000L;
    private static final int COLLAR_BPS = 50;
    private static final byte[] MESSAGE = "8=FIX.4.4|35=D|11=1|".getBytes(StandardCharsets.US_ASCII);

    private final ReferenceCard card = new ReferenceCard();
    private final UnsafeBuffer slot = new UnsafeBuffer(new byte[ORDER_SLOT_SIZE]);
    private final OrderDescriptor order = new OrderDescriptor();
    private final UnsafeBuffer exposureBuffer = new UnsafeBuffer(new byte[EXPOSURE_RECORD_SIZE]);
    private long nextOrderId = 1000;

    @BeforeEach
    void configure()
    {
        card.writeRegister(RISK_BASE + RISK_VENUE_ENABLE, 1 << VENUE);
        card.writeRegister(RISK_BASE + RISK_INSTRUMENT_ENABLE, 1 << BTC | 1 << ETH);
        card.writeRegister(RISK_BASE + RISK_COLLAR_BPS, COLLAR_BPS);
        card.writeRegister64(RISK_BASE + RISK_MAX_QTY_LO, MAX_QTY);
        card.writeRegister64(RISK_BASE + RISK_MAX_NOTIONAL_LO, MAX_NOTIONAL);
        card.writeRegister(RISK_BASE + RISK_THROTTLE_REFILL, 1_000);
        card.writeRegister(RISK_BASE + RISK_THROTTLE_BURST, 1_000_000);
        card.writeRegister64(RISK_BASE + RISK_MAX_POSITION_LO, MAX_POSITION);
        bbo(VENUE, BTC, BID, ASK);
        card.writeRegister(RISK_BASE + RISK_CONTROL, 0);
    }

    @Test
    void goodOrderPassesAndItsBytesLeaveOnTheVenuePort()
    {
        final long cyclesIn = card.cycles();
        final CompletionRecord completion = gate(buy(ASK, 1_000_000L).hostTag(77L));

        assertEquals(CMP_TYPE_SENT, completion.type());
        assertEquals(REASON_NONE, completion.reason());
        assertEquals(VENUE, completion.venue());
        assertEquals(SIDE_BUY, completion.side());
        assertEquals(BTC, completion.instrument());
        assertEquals(nextOrderId - 1, completion.clientOrderId());
        assertEquals(77L, completion.hostTag());
        assertEquals(ASK, completion.price());
        assertEquals(1_000_000L, completion.quantity());
        assertEquals(ASK, completion.referencePrice());
        assertEquals(cyclesIn, completion.cyclesIn());
        assertEquals(cyclesIn + ReferenceCard.GATE_CYCLES, completion.cyclesOut());

        final List<CardOutputs.Transmitted> sent = CardOutputs.transmitted(card);
        assertEquals(1, sent.size());
        assertEquals(VENUE, sent.get(0).venue());
        assertArrayEquals(MESSAGE, sent.get(0).bytes());
        assertEquals(1, card.readRegister(COUNTERS_BASE + CNT_ORDERS_SENT));
        assertEquals(1, card.readRegister(reasonCounterAddress(REASON_NONE)));
        assertEquals(1_000_000L, card.openBuyQuantity(BTC));
    }

    @Test
    void killSwitchIsSetAtResetAndStopsNewOrders()
    {
        final ReferenceCard fresh = new ReferenceCard();
        assertEquals(RISK_CONTROL_KILL, fresh.readRegister(RISK_BASE + RISK_CONTROL));

        card.writeRegister(RISK_BASE + RISK_CONTROL, RISK_CONTROL_KILL);
        assertRejected(gate(buy(ASK, 1)), REASON_KILL_SWITCH);
        assertEquals(1, card.readRegister(reasonCounterAddress(REASON_KILL_SWITCH)));
    }

    @Test
    void cancelPassesTheKillSwitch()
    {
        card.writeRegister(RISK_BASE + RISK_CONTROL, RISK_CONTROL_KILL);
        assertSent(gate(cancel(VENUE, BTC)));
        assertEquals(1, CardOutputs.transmitted(card).size());
    }

    @Test
    void disabledVenueRejectsNewOrdersAndCancels()
    {
        assertRejected(gate(buy(ASK, 1).venue(OTHER_VENUE)), REASON_VENUE_DISABLED);
        assertRejected(gate(cancel(OTHER_VENUE, BTC)), REASON_VENUE_DISABLED);
        assertEquals(2, card.readRegister(reasonCounterAddress(REASON_VENUE_DISABLED)));
    }

    @Test
    void disabledInstrumentRejectsNewOrdersButNotCancels()
    {
        card.writeRegister(RISK_BASE + RISK_INSTRUMENT_ENABLE, 1 << ETH);
        assertRejected(gate(buy(ASK, 1)), REASON_INSTRUMENT_DISABLED);
        assertSent(gate(cancel(VENUE, BTC)));
    }

    @Test
    void maxQuantityIsInclusive()
    {
        card.writeRegister64(RISK_BASE + RISK_MAX_POSITION_LO, Long.MAX_VALUE);
        assertSent(gate(buy(ASK, MAX_QTY)));
        assertRejected(gate(buy(ASK, MAX_QTY + 1)), REASON_MAX_QUANTITY);
    }

    @Test
    void maxNotionalComparesTheExactProduct()
    {
        card.writeRegister64(RISK_BASE + RISK_MAX_NOTIONAL_LO, ASK * 1_000_000L);
        assertSent(gate(buy(ASK, 1_000_000L)));
        assertRejected(gate(buy(ASK, 1_000_001L)), REASON_MAX_NOTIONAL);
    }

    @Test
    void notionalBeyond64BitsIsRejectedNotWrapped()
    {
        card.writeRegister64(RISK_BASE + RISK_MAX_QTY_LO, Long.MAX_VALUE);
        card.writeRegister64(RISK_BASE + RISK_MAX_NOTIONAL_LO, Long.MAX_VALUE);
        // 2^40 x 2^24: the 64-bit product wraps to 0; 2^32 x 2^31 wraps negative.
        assertRejected(gate(buy(1L << 40, 1L << 24)), REASON_MAX_NOTIONAL);
        assertRejected(gate(buy(1L << 32, 1L << 31)), REASON_MAX_NOTIONAL);
        assertTrue(ReferenceCard.productExceeds(1L << 40, 1L << 24, Long.MAX_VALUE));
        assertFalse(ReferenceCard.productExceeds(1L << 31, 1L << 31, 1L << 62));
    }

    @Test
    void buyIsCollaredAgainstTheBestAskAndSellAgainstTheBestBid()
    {
        // 50 bps of the ask 6_183_800 is 30_919 exactly.
        assertSent(gate(buy(ASK + 30_919L, 1)));
        assertSent(gate(buy(ASK - 30_919L, 1)));
        final CompletionRecord high = gate(buy(ASK + 30_920L, 1));
        assertRejected(high, REASON_PRICE_COLLAR);
        assertEquals(ASK, high.referencePrice());

        // 50 bps of the bid 6_183_700 is 30_918.5: 30_918 passes, 30_919 does not.
        assertSent(gate(sell(BID - 30_918L, 1)));
        final CompletionRecord low = gate(sell(BID - 30_919L, 1));
        assertRejected(low, REASON_PRICE_COLLAR);
        assertEquals(BID, low.referencePrice());
        assertEquals(2, card.readRegister(reasonCounterAddress(REASON_PRICE_COLLAR)));
    }

    @Test
    void marketOrderIsCollaredOnItsProtectionPrice()
    {
        assertSent(gate(buy(ASK + 100, 1).type(ORD_TYPE_MARKET)));
        assertRejected(gate(buy(ASK * 2, 1).type(ORD_TYPE_MARKET)), REASON_PRICE_COLLAR);
    }

    @Test
    void noBboMeansNoReferencePrice()
    {
        card.writeRegister(RISK_BASE + RISK_INSTRUMENT_ENABLE, 1 << BTC | 1 << ETH);
        final CompletionRecord completion = gate(buy(ASK, 1).instrument(ETH));
        assertRejected(completion, REASON_NO_REFERENCE_PRICE);
        assertEquals(0, completion.referencePrice());

        bbo(VENUE, ETH, 0, 300_000L);
        assertRejected(gate(sell(300_000L, 1).instrument(ETH)), REASON_NO_REFERENCE_PRICE);
        assertSent(gate(buy(300_000L, 1).instrument(ETH)));
    }

    @Test
    void positionLimitCountsOpenExposureOnTheOrdersSide()
    {
        assertSent(gate(buy(ASK, 4_000_000L)));
        assertSent(gate(buy(ASK, 4_000_000L)));
        assertRejected(gate(buy(ASK, 2_000_001L)), REASON_POSITION_LIMIT);
        assertSent(gate(buy(ASK, 2_000_000L)));

        // Open buys do not offset a sell: worst case is position - open sells - qty.
        assertSent(gate(sell(BID, 5_000_000L)));
        assertSent(gate(sell(BID, 5_000_000L)));
        assertRejected(gate(sell(BID, 1L)), REASON_POSITION_LIMIT);
        assertEquals(10_000_000L, card.openBuyQuantity(BTC));
        assertEquals(10_000_000L, card.openSellQuantity(BTC));
    }

    @Test
    void fillsMovePositionAndReleasesFreeOpenExposure()
    {
        assertSent(gate(buy(ASK, 4_000_000L)));
        assertSent(gate(buy(ASK, 4_000_000L)));

        exposure(BTC, SIDE_BUY, EXP_KIND_FILL, 3_000_000L);
        exposure(BTC, SIDE_BUY, EXP_KIND_RELEASE, 1_000_000L);
        card.process();
        assertEquals(3_000_000L, card.position(BTC));
        assertEquals(4_000_000L, card.openBuyQuantity(BTC));
        // worst = 3 + 4 + 3 = 10: at the limit passes; one more unit does not.
        assertRejected(gate(buy(ASK, 3_000_001L)), REASON_POSITION_LIMIT);
        assertSent(gate(buy(ASK, 3_000_000L)));

        exposure(BTC, SIDE_BUY, EXP_KIND_RELEASE, 7_000_000L);
        exposure(BTC, SIDE_SELL, EXP_KIND_FILL, 1_000_000L);
        card.process();
        assertEquals(0L, card.openBuyQuantity(BTC));
        assertEquals(2_000_000L, card.position(BTC));

        // A long position makes room on the sell side: worst = 2 - 0 - 5 = -3.
        assertSent(gate(sell(BID, 5_000_000L)));
        exposure(BTC, SIDE_SELL, EXP_KIND_FILL, 9_000_000L);
        card.process();
        assertEquals(0L, card.openSellQuantity(BTC), "open exposure never goes negative");
        assertEquals(-7_000_000L, card.position(BTC));
    }

    @Test
    void malformedExposureRecordsAreIgnoredAndCounted()
    {
        exposure(MAX_INSTRUMENTS, SIDE_BUY, EXP_KIND_FILL, 1);
        exposure(BTC, 3, EXP_KIND_FILL, 1);
        exposure(BTC, SIDE_BUY, 9, 1);
        exposure(BTC, SIDE_BUY, EXP_KIND_FILL, -1);
        exposure(BTC, SIDE_BUY, 0, 1);
        exposure(BTC, SIDE_BUY, EXP_KIND_RESTORE_OPEN + 1, 1);
        exposure(BTC, SIDE_SELL, EXP_KIND_RESTORE_POSITION, -1);
        exposure(MAX_INSTRUMENTS, SIDE_BUY, EXP_KIND_RESTORE_OPEN, 1);
        card.process();
        assertEquals(8, card.malformedExposures());
        assertEquals(8, card.readRegister(COUNTERS_BASE + CNT_EXPOSURE_MALFORMED));
        assertEquals(0, card.position(BTC));
        assertEquals(0, card.openBuyQuantity(BTC));
        assertEquals(0, card.openSellQuantity(BTC));
        assertThrows(IllegalArgumentException.class, () -> card.offerExposure(exposureBuffer, 0, 16));
    }

    @Test
    void restoreRecordsSetPositionAndOpenQuantityAndTheLimitHoldsAgainstThem()
    {
        // A card started after a crash: the host holds a long 6 and one buy of 3 still open at a venue.
        exposure(BTC, SIDE_BUY, EXP_KIND_RESTORE_POSITION, 6_000_000L);
        exposure(BTC, SIDE_BUY, EXP_KIND_RESTORE_OPEN, 3_000_000L);
        exposure(BTC, SIDE_SELL, EXP_KIND_RESTORE_OPEN, 2_000_000L);
        card.process();
        assertEquals(6_000_000L, card.position(BTC));
        assertEquals(3_000_000L, card.openBuyQuantity(BTC));
        assertEquals(2_000_000L, card.openSellQuantity(BTC));
        assertEquals(0, card.position(ETH), "other instruments untouched");
        assertEquals(0, card.malformedExposures());

        // worst = 6 + 3 + qty: 1 passes, the next unit does not.
        assertRejected(gate(buy(ASK, 1_000_001L)), REASON_POSITION_LIMIT);
        assertSent(gate(buy(ASK, 1_000_000L)));
        assertEquals(4_000_000L, card.openBuyQuantity(BTC));

        // They set rather than add: the same restore again leaves the same state, whatever came before.
        exposure(BTC, SIDE_BUY, EXP_KIND_RESTORE_POSITION, 6_000_000L);
        exposure(BTC, SIDE_BUY, EXP_KIND_RESTORE_OPEN, 3_000_000L);
        exposure(BTC, SIDE_BUY, EXP_KIND_RESTORE_POSITION, 6_000_000L);
        card.process();
        assertEquals(6_000_000L, card.position(BTC));
        assertEquals(3_000_000L, card.openBuyQuantity(BTC));
        assertEquals(2_000_000L, card.openSellQuantity(BTC), "a buy restore leaves the sell side");

        // A short position: the sign comes from the side; the sell side's worst case is -9 - 2 - qty.
        exposure(BTC, SIDE_SELL, EXP_KIND_RESTORE_POSITION, 7_000_000L);
        card.process();
        assertEquals(-7_000_000L, card.position(BTC));
        assertRejected(gate(sell(BID, 1_000_001L)), REASON_POSITION_LIMIT);
        assertSent(gate(sell(BID, 1_000_000L)));

        // Fills and releases after a restore move the restored state as usual.
        exposure(BTC, SIDE_SELL, EXP_KIND_FILL, 3_000_000L);
        exposure(BTC, SIDE_BUY, EXP_KIND_RELEASE, 3_000_000L);
        card.process();
        assertEquals(-10_000_000L, card.position(BTC));
        assertEquals(0L, card.openSellQuantity(BTC));
        assertEquals(0L, card.openBuyQuantity(BTC));
    }

    @Test
    void throttleRefillsOneTokenPerRefillPeriod()
    {
        card.writeRegister(RISK_BASE + RISK_THROTTLE_REFILL, 1_000);
        card.writeRegister(RISK_BASE + RISK_THROTTLE_BURST, 2);

        assertSent(gate(buy(ASK, 1)));
        assertSent(gate(cancel(VENUE, BTC)));
        assertRejected(gate(buy(ASK, 1)), REASON_THROTTLE);

        card.advanceClock(1_000);
        assertSent(gate(buy(ASK, 1)));
        assertRejected(gate(buy(ASK, 1)), REASON_THROTTLE);
        assertRejected(gate(cancel(VENUE, BTC)), REASON_THROTTLE);

        card.advanceClock(10_000);
        assertSent(gate(buy(ASK, 1)));
        assertSent(gate(buy(ASK, 1)));
        assertRejected(gate(buy(ASK, 1)), REASON_THROTTLE, "the bucket holds at most the burst");
        assertEquals(4, card.readRegister(reasonCounterAddress(REASON_THROTTLE)));
    }

    @Test
    void fullBucketDoesNotBankIdleTimeTowardsTheNextToken()
    {
        card.writeRegister(RISK_BASE + RISK_THROTTLE_REFILL, 1_000);
        card.writeRegister(RISK_BASE + RISK_THROTTLE_BURST, 1);
        assertSent(gate(buy(ASK, 1)));

        // Idle 5.5 refill periods: the bucket is full after one; the other 4.5 are not saved up.
        card.advanceClock(5_500);
        assertSent(gate(buy(ASK, 1)));
        card.advanceClock(600);
        assertRejected(gate(buy(ASK, 1)), REASON_THROTTLE);
        card.advanceClock(400);
        assertSent(gate(buy(ASK, 1)));
    }

    @Test
    void throttleBucketsArePerVenue()
    {
        card.writeRegister(RISK_BASE + RISK_VENUE_ENABLE, 1 << VENUE | 1 << OTHER_VENUE);
        bbo(OTHER_VENUE, BTC, BID, ASK);
        card.writeRegister(RISK_BASE + RISK_THROTTLE_BURST, 1);

        assertSent(gate(buy(ASK, 1)));
        assertRejected(gate(buy(ASK, 1)), REASON_THROTTLE);
        assertSent(gate(buy(ASK, 1).venue(OTHER_VENUE)));
    }

    @Test
    void duplicateClientOrderIdIsRejectedWhileItsBucketRemembersIt()
    {
        card.writeRegister64(RISK_BASE + RISK_MAX_POSITION_LO, Long.MAX_VALUE);
        final long first = nextOrderId;
        assertSent(gate(buy(ASK, 1)));
        assertRejected(gate(buy(ASK, 1).clientOrderId(first)), REASON_DUPLICATE_ORDER_ID);

        // Sequential ids fill every bucket evenly: the last DUPLICATE_WINDOW of them are all held.
        for (int i = 1; i < ReferenceCard.DUPLICATE_WINDOW; i++)
        {
            assertSent(gate(buy(ASK, 1)));
            CardOutputs.transmitted(card);
        }
        assertRejected(gate(buy(ASK, 1).clientOrderId(first)), REASON_DUPLICATE_ORDER_ID);

        // An id leaves once DUPLICATE_WAYS newer sent ids fold to its bucket; rejects take no place.
        final long probe = 0x5_0000_0000L;
        final int bucket = ReferenceCard.duplicateBucket(probe);
        assertSent(gate(buy(ASK, 1).clientOrderId(probe)));
        for (long x = 1; x <= ReferenceCard.DUPLICATE_WAYS; x++)
        {
            assertRejected(gate(buy(ASK, 1).clientOrderId(probe)), REASON_DUPLICATE_ORDER_ID);
            final long sameBucket = probe ^ (x << 20 | x << 30);
            assertEquals(bucket, ReferenceCard.duplicateBucket(sameBucket));
            assertSent(gate(buy(ASK, 1).clientOrderId(sameBucket)));
        }
        assertSent(gate(buy(ASK, 1).clientOrderId(probe)), "four newer ids in its bucket: the probe has aged out");
    }

    @Test
    void cancelSkipsQuantityNotionalCollarPositionAndDuplicateChecks()
    {
        final long id = nextOrderId;
        assertSent(gate(buy(ASK, 1)));
        card.writeRegister64(RISK_BASE + RISK_MAX_QTY_LO, 0);
        card.writeRegister64(RISK_BASE + RISK_MAX_POSITION_LO, 0);
        assertSent(gate(cancel(VENUE, ETH).price(1).quantity(MAX_QTY * 100).clientOrderId(id)));
    }

    @Test
    void checksRunInTheHeadersOrder()
    {
        card.writeRegister(RISK_BASE + RISK_CONTROL, RISK_CONTROL_KILL);
        card.writeRegister(RISK_BASE + RISK_VENUE_ENABLE, 0);
        card.writeRegister(RISK_BASE + RISK_INSTRUMENT_ENABLE, 0);
        card.writeRegister(RISK_BASE + RISK_THROTTLE_BURST, 0);
        final long bad = ASK * 10;
        assertRejected(gate(buy(bad, MAX_QTY + 1)), REASON_KILL_SWITCH);
        card.writeRegister(RISK_BASE + RISK_CONTROL, 0);
        assertRejected(gate(buy(bad, MAX_QTY + 1)), REASON_VENUE_DISABLED);
        card.writeRegister(RISK_BASE + RISK_VENUE_ENABLE, 1 << VENUE);
        assertRejected(gate(buy(bad, MAX_QTY + 1)), REASON_INSTRUMENT_DISABLED);
        card.writeRegister(RISK_BASE + RISK_INSTRUMENT_ENABLE, 1 << BTC);
        assertRejected(gate(buy(bad, MAX_QTY + 1)), REASON_MAX_QUANTITY);
        assertRejected(gate(buy(bad, MAX_QTY)), REASON_MAX_NOTIONAL);
        assertRejected(gate(buy(bad, 1)), REASON_PRICE_COLLAR);
        card.writeRegister64(RISK_BASE + RISK_MAX_POSITION_LO, 0);
        assertRejected(gate(buy(ASK, 1)), REASON_POSITION_LIMIT);
        card.writeRegister64(RISK_BASE + RISK_MAX_POSITION_LO, MAX_POSITION);
        assertRejected(gate(buy(ASK, 1)), REASON_THROTTLE);
        card.writeRegister(RISK_BASE + RISK_THROTTLE_BURST, 10);
        assertSent(gate(buy(ASK, 1).clientOrderId(1)));
        assertRejected(gate(buy(ASK, 1).clientOrderId(1)), REASON_DUPLICATE_ORDER_ID);
    }

    @Test
    void malformedDescriptorsAreRejectedAsMalformed()
    {
        buy(ASK, 1);
        assertRejected(gateRaw(ORDER_DESCRIPTOR_SIZE + MESSAGE.length - 1), REASON_MALFORMED);
        assertRejected(gateRaw(ORDER_DESCRIPTOR_SIZE - 8), REASON_MALFORMED);
        assertRejected(gate(buy(ASK, 1).side(0)), REASON_MALFORMED);
        assertRejected(gate(buy(ASK, 1).side(3)), REASON_MALFORMED);
        assertRejected(gate(buy(ASK, 1).type(0)), REASON_MALFORMED);
        assertRejected(gate(buy(ASK, 1).type(4)), REASON_MALFORMED);
        assertRejected(gate(buy(ASK, 1).action(0)), REASON_MALFORMED);
        assertRejected(gate(buy(ASK, 1).action(3)), REASON_MALFORMED);
        assertRejected(gate(buy(ASK, 1).venue(MAX_VENUES)), REASON_MALFORMED);
        assertRejected(gate(buy(ASK, 1).instrument(MAX_INSTRUMENTS)), REASON_MALFORMED);
        assertRejected(gate(buy(ASK, 0)), REASON_MALFORMED);
        assertRejected(gate(buy(-ASK, 1)), REASON_MALFORMED);
        assertEquals(12, card.readRegister(reasonCounterAddress(REASON_MALFORMED)));
        assertTrue(CardOutputs.transmitted(card).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> card.offerOrder(slot, 0, ORDER_SLOT_SIZE + 1));
    }

    @Test
    void rejectedOrdersLeaveNothingAndChangeNoExposure()
    {
        card.writeRegister(RISK_BASE + RISK_CONTROL, RISK_CONTROL_KILL);
        for (int i = 0; i < 10; i++)
        {
            assertRejected(gate(buy(ASK, 1)), REASON_KILL_SWITCH);
        }
        assertTrue(CardOutputs.transmitted(card).isEmpty());
        assertEquals(0, card.openBuyQuantity(BTC));
        assertEquals(0, card.readRegister(COUNTERS_BASE + CNT_ORDERS_SENT));
    }

    @Test
    void inputsAreHandledInOfferOrderAcrossRings()
    {
        // An order offered before the BBO that makes it collar-safe is judged on the old BBO.
        card.writeRegister(RISK_BASE + RISK_INSTRUMENT_ENABLE, 1 << BTC | 1 << ETH);
        buy(300_000L, 1).instrument(ETH);
        assertTrue(card.offerOrder(slot, 0, order.slotLength()));
        final UnsafeBuffer bbo = new SbeTestEncoder().bestBidAsk(1, 1, -2, -6, 299_900L, 1, 300_000L, 1, "ETHUSDT");
        assertTrue(card.offerIngress(channel(VENUE, ETH), bbo, 0, bbo.capacity()));
        buy(300_000L, 1).instrument(ETH);
        assertTrue(card.offerOrder(slot, 0, order.slotLength()));
        card.process();

        final List<CompletionRecord> completions = CardOutputs.completions(card);
        assertEquals(2, completions.size());
        assertRejected(completions.get(0), REASON_NO_REFERENCE_PRICE);
        assertSent(completions.get(1));
        assertTrue(completions.get(1).cyclesIn() > completions.get(0).cyclesOut(), "the frame took cycles between them");
    }

    @Test
    void fullCompletionRingStallsTheGate()
    {
        final ReferenceCard small = new ReferenceCard(new ReferenceCard.Context().completionRingCapacity(2));
        buy(ASK, 1);
        for (int i = 0; i < 3; i++)
        {
            assertTrue(small.offerOrder(slot, 0, order.slotLength()));
        }
        small.process();
        assertEquals(2, CardOutputs.completions(small).size());
        small.process();
        assertEquals(1, CardOutputs.completions(small).size());
    }

    private OrderDescriptor buy(final long price, final long quantity)
    {
        return newOrder(SIDE_BUY, price, quantity);
    }

    private OrderDescriptor sell(final long price, final long quantity)
    {
        return newOrder(SIDE_SELL, price, quantity);
    }

    private OrderDescriptor newOrder(final int side, final long price, final long quantity)
    {
        return order.wrap(slot, 0).clear()
            .venue(VENUE).side(side).type(ORD_TYPE_LIMIT).action(ORD_ACTION_NEW).instrument(BTC)
            .clientOrderId(nextOrderId++).price(price).quantity(quantity).hostTag(nextOrderId)
            .putMessage(new UnsafeBuffer(MESSAGE), 0, MESSAGE.length);
    }

    private OrderDescriptor cancel(final int venue, final int instrument)
    {
        return order.wrap(slot, 0).clear()
            .venue(venue).side(SIDE_BUY).type(ORD_TYPE_LIMIT).action(ORD_ACTION_CANCEL).instrument(instrument)
            .clientOrderId(nextOrderId++).putMessage(new UnsafeBuffer(MESSAGE), 0, MESSAGE.length);
    }

    private CompletionRecord gate(final OrderDescriptor descriptor)
    {
        return gateRaw(descriptor.slotLength());
    }

    private CompletionRecord gateRaw(final int length)
    {
        assertTrue(card.offerOrder(slot, 0, length));
        card.process();
        final List<CompletionRecord> completions = CardOutputs.completions(card);
        assertEquals(1, completions.size());
        return completions.get(0);
    }

    private void exposure(final int instrument, final int side, final int kind, final long quantity)
    {
        new ExposureRecord().wrap(exposureBuffer, 0).clear()
            .instrument(instrument).side(side).kind(kind).clientOrderId(1).quantity(quantity);
        assertTrue(card.offerExposure(exposureBuffer, 0, EXPOSURE_RECORD_SIZE));
    }

    private void bbo(final int venue, final int instrument, final long bid, final long ask)
    {
        final UnsafeBuffer message = new SbeTestEncoder().bestBidAsk(1, 1, -2, -6, bid, 1, ask, 1, "BTCUSDT");
        assertTrue(card.offerIngress(channel(venue, instrument), message, 0, message.capacity()));
        card.process();
        CardOutputs.marketData(card);
        assertEquals(bid, card.bestBid(venue, instrument));
    }

    private static void assertSent(final CompletionRecord completion)
    {
        assertSent(completion, "");
    }

    private static void assertSent(final CompletionRecord completion, final String message)
    {
        assertEquals(REASON_NONE, completion.reason(), () -> message + " rejected " + reasonName(completion.reason()));
        assertEquals(CMP_TYPE_SENT, completion.type());
    }

    private static void assertRejected(final CompletionRecord completion, final int reason)
    {
        assertRejected(completion, reason, "");
    }

    private static void assertRejected(final CompletionRecord completion, final int reason, final String message)
    {
        assertEquals(reasonName(reason), reasonName(completion.reason()), message);
        assertEquals(CMP_TYPE_REJECTED, completion.type());
    }
}
