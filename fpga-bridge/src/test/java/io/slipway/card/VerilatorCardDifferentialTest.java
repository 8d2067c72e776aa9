package io.slipway.card;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static io.slipway.card.NicLayout.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same order, exposure, BBO and register streams through the reference card's risk gate and the
 * RTL gate (Verilator, JNA): completion records must be equal byte for byte except the two cycle
 * stamps (each card stamps from its own cycle model, see {@link VerilatorCard}), whose difference must
 * be the gate latency on both; the venue-port messages must be equal, venue and bytes.
 */
final class VerilatorCardDifferentialTest
{
    private static final int BTC = ReferenceCard.Context.INSTRUMENT_BTC_USD;
    private static final int ETH = ReferenceCard.Context.INSTRUMENT_ETH_USD;
    private static final int VENUES = 4;
    private static final long MAX_QTY = 5_000_000L;
    private static final long MAX_NOTIONAL = 20_000_000_000_000L;
    private static final long MAX_POSITION = 12_000_000L;
    private static final int COLLAR_BPS = 50;
    private static final long[] BASE_PRICE = {0, 6_183_700L, 300_000L};

    private final SbeTestEncoder encoder = new SbeTestEncoder();
    private final UnsafeBuffer slot = new UnsafeBuffer(new byte[ORDER_SLOT_SIZE]);
    private final OrderDescriptor order = new OrderDescriptor();
    private final UnsafeBuffer exposureBuffer = new UnsafeBuffer(new byte[EXPOSURE_RECORD_SIZE]);
    private final ExposureRecord exposure = new ExposureRecord();
    private final long[][] bid = new long[VENUES][3];
    private final long[][] ask = new long[VENUES][3];
    private final int[] reasons = new int[REASON_COUNT];
    private ReferenceCard reference;
    private VerilatorCard rtl;
    private int compared;
    private int transmittedCompared;
    private int triggerCompletions;

    @BeforeEach
    void open()
    {
        SimulatedCardLibrary.require();
        rtl = VerilatorCard.open();
        reference = new ReferenceCard();
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
    void randomizedStreamsGiveTheSameVerdictsAndBytes()
    {
        for (final long seed : new long[]{1, 2, 3})
        {
            runRandomStream(seed, 700);
        }
        for (int reason = 0; reason < REASON_COUNT; reason++)
        {
            assertTrue(reasons[reason] > 0, "reason " + reason + " never came up; the streams must cover it");
        }
        assertTrue(compared > 1200 && transmittedCompared > 250, compared + " / " + transmittedCompared);
        assertRegistersEqual();
    }

    @Test
    void adversarialOrdersGiveTheSameVerdicts()
    {
        configure();
        both(card -> bbo(card, 1, BTC, 6_183_700L, 6_183_800L));
        final long ask = 6_183_800L;
        final long edge = ask * COLLAR_BPS / 10_000;

        // collar edges, both sides
        submit(1, BTC, SIDE_BUY, ask + edge, 1, 1, 10);
        submit(1, BTC, SIDE_BUY, ask + edge + 1, 1, 2, 10);
        submit(1, BTC, SIDE_BUY, ask - edge, 1, 3, 10);
        submit(1, BTC, SIDE_BUY, ask - edge - 1, 1, 4, 10);
        submit(1, BTC, SIDE_SELL, 6_183_700L + 6_183_700L * COLLAR_BPS / 10_000 + 1, 1, 5, 10);
        // notional: a product beyond 64 bits, and exactly at the limit
        submit(1, BTC, SIDE_BUY, Long.MAX_VALUE / 2, 3, 6, 10);
        admin(card -> card.writeRegister64(RISK_BASE + RISK_MAX_NOTIONAL_LO, ask * 1_000L));
        submit(1, BTC, SIDE_BUY, ask, 1_000L, 7, 10);
        submit(1, BTC, SIDE_BUY, ask, 1_001L, 8, 10);
        admin(card -> card.writeRegister64(RISK_BASE + RISK_MAX_NOTIONAL_LO, -1L));
        submit(1, BTC, SIDE_BUY, ask, 1, 9, 10);
        admin(card -> card.writeRegister64(RISK_BASE + RISK_MAX_NOTIONAL_LO, Long.MAX_VALUE));
        // position edge: exactly at the limit with open orders, then one more
        admin(card -> card.writeRegister64(RISK_BASE + RISK_MAX_POSITION_LO, 3_000L));
        submit(1, BTC, SIDE_BUY, ask, 1_000L, 10, 0);
        submit(1, BTC, SIDE_BUY, ask, 2_000L, 11, 0);
        submit(1, BTC, SIDE_BUY, ask, 1L, 12, 0);
        exposures(BTC, SIDE_BUY, EXP_KIND_RELEASE, 500L);
        submit(1, BTC, SIDE_BUY, ask, 500L, 13, 0);
        submit(1, BTC, SIDE_BUY, ask, 1L, 14, 0);
        exposures(BTC, SIDE_BUY, EXP_KIND_FILL, 3_000L);
        submit(1, BTC, SIDE_SELL, 6_183_700L, 6_000L, 15, 0);
        submit(1, BTC, SIDE_SELL, 6_183_700L, 6_001L, 16, 0);
        // a negative limit rejects everything; Long.MIN_VALUE negates to itself
        admin(card -> card.writeRegister64(RISK_BASE + RISK_MAX_POSITION_LO, Long.MIN_VALUE));
        submit(1, BTC, SIDE_BUY, ask, 1L, 17, 0);
        admin(card -> card.writeRegister64(RISK_BASE + RISK_MAX_POSITION_LO, Long.MAX_VALUE));
        // saturating exposure: huge fills either way
        exposures(ETH, SIDE_BUY, EXP_KIND_FILL, Long.MAX_VALUE);
        exposures(ETH, SIDE_BUY, EXP_KIND_FILL, Long.MAX_VALUE);
        both(card -> bbo(card, 1, ETH, 299_900L, 300_000L));
        submit(1, ETH, SIDE_BUY, 300_000L, 1L, 18, 0);
        submit(1, ETH, SIDE_SELL, 299_900L, 1L, 19, 0);
        // malformed exposure records change nothing
        exposures(16, SIDE_BUY, EXP_KIND_FILL, 1L);
        exposures(BTC, 0, EXP_KIND_FILL, 1L);
        exposures(BTC, SIDE_BUY, EXP_KIND_RESTORE_OPEN + 1, 1L);
        exposures(BTC, SIDE_SELL, EXP_KIND_FILL, -1L);
        exposures(BTC, SIDE_SELL, EXP_KIND_RESTORE_POSITION, -1L);
        submit(1, BTC, SIDE_BUY, ask, 1L, 20, 0);
        // duplicates back to back (the RTL forwards the commit just ahead) and after others
        submit(1, BTC, SIDE_BUY, ask, 1L, 21, 0);
        submit(1, BTC, SIDE_BUY, ask, 1L, 21, 0);
        submit(1, BTC, SIDE_SELL, 6_183_700L, 1L, 20, 0);
        submit(1, BTC, SIDE_SELL, 6_183_700L, 1L, 21 ^ (1L << 20 | 1L << 30), 0);
        submit(1, BTC, SIDE_SELL, 6_183_700L, 1L, 21, 0);
        // malformed descriptors of every kind, and message lengths 0 and the maximum
        malformed();
        submit(1, BTC, SIDE_BUY, ask, 1L, 30, 0);
        submit(1, BTC, SIDE_BUY, ask, 1L, 31, ORDER_MAX_MESSAGE);
        submit(1, BTC, SIDE_BUY, ask, 1L, 32, 7);
        // kill toggled between offers: both judge at process time, so every order sees it set;
        // cancels pass it
        both(Card::process);
        submit(1, BTC, SIDE_BUY, ask, 1L, 33, 9);
        both(card -> card.writeRegister(RISK_BASE + RISK_CONTROL, RISK_CONTROL_KILL));
        cancel(1, BTC, 34);
        submit(1, BTC, SIDE_BUY, ask, 1L, 35, 9);
        both(Card::process);
        admin(card -> card.writeRegister(RISK_BASE + RISK_CONTROL, 0));
        // throttle exhaustion: burst 3 without refill
        admin(card -> card.writeRegister(RISK_BASE + RISK_THROTTLE_REFILL, 0));
        admin(card -> card.writeRegister(RISK_BASE + RISK_THROTTLE_BURST, 3));
        for (int i = 0; i < 6; i++)
        {
            submit(1, BTC, SIDE_BUY, ask, 1L, 40 + i, 5);
            cancel(2, BTC, 50 + i);
        }
        // disabled venue and instrument, quantity over the limit
        admin(card -> card.writeRegister(RISK_BASE + RISK_THROTTLE_BURST, 100));
        submit(5, BTC, SIDE_BUY, ask, 1L, 61, 5);
        cancel(6, BTC, 62);
        submit(1, 5, SIDE_BUY, ask, 1L, 63, 5);
        submit(1, BTC, SIDE_BUY, ask, MAX_QTY + 1, 64, 5);
        submit(1, BTC, SIDE_BUY, ask, MAX_QTY, 65, 5);
        // no BBO on this venue's book: no reference price
        submit(3, BTC, SIDE_BUY, ask, 1L, 60, 5);
        compare();

        for (int reason = 0; reason < REASON_COUNT; reason++)
        {
            assertTrue(reasons[reason] > 0, "reason " + reason + " never came up");
        }
        assertRegistersEqual();
    }

    @Test
    void restoredExposureGivesTheSameVerdicts()
    {
        configure();
        both(card -> bbo(card, 1, BTC, 6_183_700L, 6_183_800L));
        both(card -> bbo(card, 1, ETH, 299_900L, 300_000L));
        final long ask = 6_183_800L;
        final long bid = 6_183_700L;
        admin(card -> card.writeRegister64(RISK_BASE + RISK_MAX_POSITION_LO, 10_000L));
        // a card started after a crash is told the position and the open quantities the host holds
        exposures(BTC, SIDE_BUY, EXP_KIND_RESTORE_POSITION, 7_000L);
        exposures(BTC, SIDE_BUY, EXP_KIND_RESTORE_OPEN, 2_000L);
        exposures(BTC, SIDE_SELL, EXP_KIND_RESTORE_OPEN, 500L);
        exposures(ETH, SIDE_SELL, EXP_KIND_RESTORE_POSITION, 9_999L);
        submit(1, BTC, SIDE_BUY, ask, 1_001L, 1, 10);
        submit(1, BTC, SIDE_BUY, ask, 1_000L, 2, 10);
        submit(1, BTC, SIDE_BUY, ask, 1L, 3, 10);
        submit(1, BTC, SIDE_SELL, bid, 16_500L, 4, 10);
        submit(1, ETH, SIDE_SELL, 299_900L, 2L, 5, 10);
        submit(1, ETH, SIDE_SELL, 299_900L, 1L, 6, 10);
        submit(1, ETH, SIDE_BUY, 300_000L, 20_000L, 7, 10);
        // the same restore again sets the same state; then fills and releases move it as usual
        exposures(BTC, SIDE_BUY, EXP_KIND_RESTORE_OPEN, 2_000L);
        exposures(BTC, SIDE_BUY, EXP_KIND_RESTORE_POSITION, 7_000L);
        submit(1, BTC, SIDE_BUY, ask, 1_000L, 8, 10);
        submit(1, BTC, SIDE_BUY, ask, 1L, 9, 10);
        exposures(BTC, SIDE_BUY, EXP_KIND_RELEASE, 2_500L);
        exposures(BTC, SIDE_SELL, EXP_KIND_FILL, 400L);
        submit(1, BTC, SIDE_BUY, ask, 1_900L, 10, 10);
        submit(1, BTC, SIDE_BUY, ask, 1L, 11, 10);
        // extreme restores: the saturating sums behave the same on both
        exposures(ETH, SIDE_BUY, EXP_KIND_RESTORE_OPEN, Long.MAX_VALUE);
        exposures(ETH, SIDE_BUY, EXP_KIND_RESTORE_POSITION, Long.MAX_VALUE);
        admin(card -> card.writeRegister64(RISK_BASE + RISK_MAX_POSITION_LO, Long.MAX_VALUE));
        submit(1, ETH, SIDE_BUY, 300_000L, 1L, 12, 10);
        submit(1, ETH, SIDE_SELL, 299_900L, 1L, 13, 10);
        // unknown kinds and a negative restore: counted, nothing changes
        exposures(BTC, SIDE_BUY, 0, 1L);
        exposures(BTC, SIDE_BUY, 5, 1L);
        exposures(BTC, SIDE_BUY, 255, 1L);
        exposures(BTC, SIDE_SELL, EXP_KIND_RESTORE_OPEN, -1L);
        submit(1, BTC, SIDE_SELL, bid, 1L, 14, 10);
        compare();

        assertTrue(reasons[REASON_POSITION_LIMIT] >= 5, "the restored state must refuse orders: " +
            reasons[REASON_POSITION_LIMIT]);
        assertTrue(reasons[REASON_NONE] >= 5, "and pass the ones within it: " + reasons[REASON_NONE]);
        assertEquals(4, reference.readRegister(COUNTERS_BASE + CNT_EXPOSURE_MALFORMED));
        assertRegistersEqual();
    }

    @Test
    void throttleRefillsTheSameOverLongGaps()
    {
        configure();
        both(card -> bbo(card, 1, BTC, 6_183_700L, 6_183_800L));
        both(card -> card.writeRegister(RISK_BASE + RISK_THROTTLE_REFILL, 20_000));
        both(card -> card.writeRegister(RISK_BASE + RISK_THROTTLE_BURST, 3));
        long id = 100;
        // Gaps are far from refill boundaries on both cycle models, so the token counts agree.
        final long[] gaps = {0, 50_000, 20_000, 125_000, 30_000, 70_000};
        for (final long gap : gaps)
        {
            both(card -> card.advanceClock(gap));
            for (int i = 0; i < 5; i++)
            {
                submit(1, BTC, i % 2 == 0 ? SIDE_BUY : SIDE_SELL, i % 2 == 0 ? 6_183_800L : 6_183_700L, 1L, id++, 4);
            }
            compare();
        }
        assertTrue(reasons[REASON_THROTTLE] > 0 && reasons[REASON_NONE] > 0);
    }

    @Test
    void fullCompletionRingsStallAndNothingIsDropped()
    {
        configure();
        both(card -> bbo(card, 1, BTC, 6_183_700L, 6_183_800L));
        final List<byte[]> referenceRecords = runUnpolled(reference);
        final List<byte[]> rtlRecords = runUnpolled(rtl);
        assertEquals(UNPOLLED_ORDERS, referenceRecords.size());
        assertEquals(UNPOLLED_ORDERS, rtlRecords.size());
        for (int i = 0; i < referenceRecords.size(); i++)
        {
            assertArrayEquals(
                Arrays.copyOf(referenceRecords.get(i), CMP_CYCLES_IN),
                Arrays.copyOf(rtlRecords.get(i), CMP_CYCLES_IN), "completion " + i);
        }
    }

    private static final int UNPOLLED_ORDERS = 5000;

    /** Offers and processes more orders than the card's completion ring holds before polling anything. */
    private List<byte[]> runUnpolled(final Card card)
    {
        final List<byte[]> records = new ArrayList<>();
        long id = 1;
        for (int round = 0; round < 8; round++)
        {
            while (id <= UNPOLLED_ORDERS && tryOffer(card, id))
            {
                id++;
            }
            card.process();
        }
        drainCompletions(card, records);
        assertTrue(records.size() < UNPOLLED_ORDERS, card.backendName() + " did not stall: " + records.size());
        for (int polls = 0; polls < 100 && records.size() < UNPOLLED_ORDERS; polls++)
        {
            while (id <= UNPOLLED_ORDERS && tryOffer(card, id))
            {
                id++;
            }
            card.process();
            drainCompletions(card, records);
            CardOutputs.transmitted(card);
        }

        return records;
    }

    private boolean tryOffer(final Card card, final long clientOrderId)
    {
        fill(1, BTC, SIDE_BUY, clientOrderId % 7 == 0 ? 1 : 6_183_800L, 1L, clientOrderId, 0);
        return card.offerOrder(slot, 0, order.slotLength());
    }

    @Test
    void triggersFireTheSameOnBothCards()
    {
        configure();
        final SplittableRandom random = new SplittableRandom(7);
        both(card -> bbo(card, 1, BTC, 6_183_700L, 6_183_800L));
        both(card -> bbo(card, 2, ETH, 299_900L, 300_000L));
        long id = 1 << 20;
        int fired = 0;
        for (int round = 0; round < 60; round++)
        {
            // re-arm every slot that is free, with a random condition, level, order and message
            for (int slot = 0; slot < TRIGGER_SLOTS; slot++)
            {
                final int venue = random.nextInt(6) == 0 ? 2 : 1;
                final int instrument = 2 == venue ? ETH : BTC;
                final long base = BASE_PRICE[instrument];
                final int condition = random.nextInt(12) == 0 ? 3 : TRG_COND_ASK_AT_OR_BELOW + random.nextInt(2);
                final long level = base + random.nextLong(-300, 300);
                final int side = random.nextInt(15) == 0 ? 0 : SIDE_BUY + random.nextInt(2);
                final long price = SIDE_BUY == side ? base + 100 : base - 100;
                final long clientOrderId = random.nextInt(10) == 0 ? 1 << 20 : id++;
                final int messageLength = random.nextInt(ORDER_MAX_MESSAGE + 1);
                final int lengthError = random.nextInt(15) == 0 ? 1 : 0;
                final int armSlot = slot;
                both(card ->
                {
                    fill(venue, instrument, side, price, 1 + clientOrderId % 1000, clientOrderId, messageLength);
                    armTrigger(card, armSlot, order.slotLength() + lengthError, channel(venue, instrument), condition, level);
                });
            }
            if (random.nextInt(10) == 0)
            {
                final int slot = random.nextInt(TRIGGER_SLOTS);
                both(card -> card.writeRegister(TRIGGER_BASE + TRG_DISARM, slot));
            }
            assertEquals(reference.readRegister(TRIGGER_BASE + TRG_ARMED), rtl.readRegister(TRIGGER_BASE + TRG_ARMED));

            // BBO moves (some crossing the levels), with host orders in between
            for (int tick = 0; tick < 4; tick++)
            {
                final int venue = random.nextInt(4) == 0 ? 2 : 1;
                final int instrument = 2 == venue ? ETH : BTC;
                final long mid = BASE_PRICE[instrument] + random.nextLong(-400, 400);
                final long newBid = random.nextInt(20) == 0 ? 0 : mid - 50;
                final long newAsk = random.nextInt(20) == 0 ? 0 : mid + 50;
                both(card -> bbo(card, venue, instrument, newBid, newAsk));
                if (random.nextBoolean())
                {
                    final long hostId = id++;
                    submit(1, BTC, SIDE_BUY, ask[1][BTC] > 0 ? ask[1][BTC] : 6_183_800L, 1, hostId, 8);
                }
            }
            compare();
            assertEquals(reference.readRegister(TRIGGER_BASE + TRG_FIRED), rtl.readRegister(TRIGGER_BASE + TRG_FIRED));
            fired = reference.readRegister(TRIGGER_BASE + TRG_FIRED);
        }
        assertTrue(fired > 50 && reasons[REASON_NONE] > 20 && reasons[REASON_MALFORMED] > 0, "fired " + fired);
        assertTrue(triggerCompletions > 50, "TRIGGER_FIRED completions compared: " + triggerCompletions);
        assertRegistersEqual();
    }

    /**
     * The LATENCY block's TRIGGER path (tick-to-trade kept in hardware) reads the same on both cards: rounds of
     * one to four armed slots fired by one BestBidAsk, with message lengths from 0 to the maximum (so a later
     * slot waits for the venue port), some orders rejected by the gate (no sample) and some slots not firing.
     * The gate and the venue port are idle when each BestBidAsk arrives: the reference card's tick-to-trade
     * model does not include queueing behind host orders.
     */
    @Test
    void triggerTickToTradeStatisticsAreTheSameOnBothCards()
    {
        configure();
        final SplittableRandom random = new SplittableRandom(11);
        final int path = LATENCY_BASE + LATENCY_PATH_BASE + LATENCY_PATH_TRIGGER * LATENCY_PATH_STRIDE;
        long id = 2 << 20;
        long lastSum = 0;
        final java.util.Set<Integer> samples = new java.util.TreeSet<>();
        for (int round = 0; round < 40; round++)
        {
            final long ask = BASE_PRICE[BTC] + random.nextLong(-200, 200);
            both(card -> bbo(card, 1, BTC, ask - 100, ask));
            compare();
            final int slots = 1 + random.nextInt(TRIGGER_SLOTS);
            for (int slot = 0; slot < slots; slot++)
            {
                final int armSlot = slot;
                final long clientOrderId = id++;
                final int messageLength = random.nextInt(4) == 0 ? 0 : random.nextInt(ORDER_MAX_MESSAGE + 1);
                // one in five outside the collar: fired, TRIGGER_FIRED written, rejected, nothing on the venue port
                final long price = random.nextInt(5) == 0 ? ask * 2 : ask;
                final long level = random.nextInt(6) == 0 ? ask - 1_000 : ask - 50;
                both(card ->
                {
                    fill(1, BTC, SIDE_BUY, price, 1, clientOrderId, messageLength);
                    armTrigger(card, armSlot, order.slotLength(), channel(1, BTC), TRG_COND_ASK_AT_OR_BELOW, level);
                });
            }
            both(card -> bbo(card, 1, BTC, ask - 150, ask - 50));
            compare();
            for (int slot = 0; slot < TRIGGER_SLOTS; slot++)
            {
                final int disarm = slot;
                both(card -> card.writeRegister(TRIGGER_BASE + TRG_DISARM, disarm));
            }
            for (int register = LAT_COUNT; register <= LAT_SUM_HI; register += 4)
            {
                assertEquals(reference.readRegister(path + register), rtl.readRegister(path + register),
                    "TRIGGER path register 0x" + Integer.toHexString(register) + " after round " + round);
            }
            final long sum = Integer.toUnsignedLong(rtl.readRegister(path + LAT_SUM_LO)) |
                (long)rtl.readRegister(path + LAT_SUM_HI) << 32;
            if (sum != lastSum)
            {
                samples.add(rtl.readRegister(path + LAT_MAX));
            }
            lastSum = sum;
        }
        final int count = rtl.readRegister(path + LAT_COUNT);
        assertTrue(count > 40, "triggered orders sent: " + count);
        // the first order of a record is the bench's 14 cycles; later ones wait for the gate and the venue port
        assertEquals(ReferenceCard.TRIGGER_RECORD_CYCLES + ReferenceCard.TRIGGER_ORDER_CYCLES +
            ReferenceCard.TRIGGER_VERDICT_CYCLES + 1, rtl.readRegister(path + LAT_MIN));
        assertTrue(rtl.readRegister(path + LAT_MAX) > 30, "a late slot behind long messages: " + samples);
        assertEquals(0, rtl.readRegister(LATENCY_BASE + LATENCY_OVERFLOW));
    }

    private void armTrigger(
        final Card card, final int slotIndex, final int length, final int channel, final int condition, final long level)
    {
        card.writeRegister(TRIGGER_BASE + TRG_SELECT, slotIndex);
        card.writeRegister(TRIGGER_BASE + TRG_DATA_POINTER, 0);
        for (int word = 0; word < (length + 3) / 4 && word < ORDER_SLOT_SIZE / 4; word++)
        {
            card.writeRegister(TRIGGER_BASE + TRG_DATA, slot.getInt(4 * word, java.nio.ByteOrder.LITTLE_ENDIAN));
        }
        card.writeRegister(TRIGGER_BASE + TRG_CHANNEL, channel);
        card.writeRegister(TRIGGER_BASE + TRG_CONDITION, condition);
        card.writeRegister64(TRIGGER_BASE + TRG_LEVEL_LO, level);
        card.writeRegister(TRIGGER_BASE + TRG_SLOT_LENGTH, length);
        card.writeRegister(TRIGGER_BASE + TRG_ARM, slotIndex);
    }

    // ------------------------------------------------------------------------------------------

    private void runRandomStream(final long seed, final int steps)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        configure();
        for (int venue = 0; venue < VENUES; venue++)
        {
            for (int instrument = BTC; instrument <= ETH; instrument++)
            {
                final int v = venue;
                final int i = instrument;
                if (random.nextInt(4) != 0)
                {
                    both(card -> bbo(card, v, i, BASE_PRICE[i] - 50, BASE_PRICE[i] + 50));
                }
            }
        }
        long nextId = seed << 40;
        final long[] recent = new long[16];
        int recentCount = 0;
        for (int step = 0; step < steps; step++)
        {
            final int roll = random.nextInt(100);
            if (roll < 58)
            {
                final int venue = random.nextInt(20) == 0 ? 8 + random.nextInt(3) : random.nextInt(VENUES);
                final int instrument = random.nextInt(25) == 0 ? 16 : random.nextInt(15) == 0 ? 3 : BTC + random.nextInt(2);
                final int side = random.nextInt(30) == 0 ? (random.nextBoolean() ? 0 : 3) : SIDE_BUY + random.nextInt(2);
                final long touch = instrument <= ETH && venue < VENUES ?
                    (SIDE_BUY == side ? ask[venue][instrument] : bid[venue][instrument]) : 100_000L;
                final long price = price(random, touch);
                final long quantity = quantity(random);
                long id = nextId++;
                if (recentCount > 0 && random.nextInt(12) == 0)
                {
                    id = recent[random.nextInt(Math.min(recentCount, recent.length))];
                }
                recent[recentCount++ % recent.length] = id;
                final long clientOrderId = id;
                final int messageLength = random.nextInt(ORDER_MAX_MESSAGE + 1);
                final int type = random.nextInt(40) == 0 ? random.nextInt(2) * 4 : ORD_TYPE_LIMIT + random.nextInt(3);
                final int lengthError = random.nextInt(40) == 0 ? (random.nextBoolean() ? -1 : 1) : 0;
                both(card ->
                {
                    fill(venue, instrument, side, price, quantity, clientOrderId, messageLength).type(type);
                    final int length = Math.min(ORDER_SLOT_SIZE, order.slotLength() + lengthError);
                    assertTrue(card.offerOrder(slot, 0, length));
                });
            }
            else if (roll < 65)
            {
                final int venue = random.nextInt(VENUES);
                final long clientOrderId = recentCount > 0 ? recent[random.nextInt(Math.min(recentCount, recent.length))] : 1;
                both(card ->
                {
                    fill(venue, BTC, SIDE_SELL, 0, 0, clientOrderId, 20).action(ORD_ACTION_CANCEL);
                    assertTrue(card.offerOrder(slot, 0, order.slotLength()));
                });
            }
            else if (roll < 75)
            {
                final int instrument = random.nextInt(20) == 0 ? 17 : BTC + random.nextInt(2);
                final int side = random.nextInt(20) == 0 ? 0 : SIDE_BUY + random.nextInt(2);
                final int roll2 = random.nextInt(20);
                // now and then a restore, as a host starting the card after a crash sends
                final int kind = roll2 == 0 ? 5 : roll2 < 4 ? EXP_KIND_RESTORE_POSITION + random.nextInt(2) :
                    EXP_KIND_FILL + random.nextInt(2);
                final long quantity = random.nextInt(20) == 0 ? -1 : random.nextLong(3_000_000L);
                exposures(instrument, side, kind, quantity);
            }
            else if (roll < 83)
            {
                final int venue = random.nextInt(VENUES);
                final int instrument = BTC + random.nextInt(2);
                final long mid = BASE_PRICE[instrument] + random.nextLong(-2_000, 2_000);
                final long newBid = random.nextInt(15) == 0 ? 0 : mid - 1 - random.nextInt(40);
                final long newAsk = random.nextInt(15) == 0 ? 0 : mid + 1 + random.nextInt(40);
                both(card -> bbo(card, venue, instrument, newBid, newAsk));
            }
            else if (roll < 87)
            {
                final int kill = random.nextInt(3) == 0 ? RISK_CONTROL_KILL : 0;
                both(card -> card.writeRegister(RISK_BASE + RISK_CONTROL, kill));
            }
            else if (roll < 90)
            {
                final int venues = 0b1111 & ~(random.nextInt(6) == 0 ? 1 << random.nextInt(VENUES) : 0);
                final int instruments = 0b1111 & ~(random.nextInt(6) == 0 ? 1 << (BTC + random.nextInt(2)) : 0);
                both(card ->
                {
                    card.writeRegister(RISK_BASE + RISK_VENUE_ENABLE, venues);
                    card.writeRegister(RISK_BASE + RISK_INSTRUMENT_ENABLE, instruments);
                });
            }
            else if (roll < 93)
            {
                final long limit = random.nextInt(3) == 0 ? 2_000_000L : MAX_POSITION + random.nextLong(MAX_POSITION);
                both(card -> card.writeRegister64(RISK_BASE + RISK_MAX_POSITION_LO, limit));
            }
            else if (roll < 96)
            {
                final int burst = random.nextInt(40);
                both(card -> card.writeRegister(RISK_BASE + RISK_THROTTLE_BURST, burst));
            }
            else
            {
                compare();
            }
        }
        compare();
    }

    private static long price(final SplittableRandom random, final long touch)
    {
        final long edge = touch * COLLAR_BPS / 10_000;
        switch (random.nextInt(12))
        {
            case 0:
                return touch + edge;
            case 1:
                return touch + edge + 1;
            case 2:
                return touch - edge;
            case 3:
                return touch - edge - 1;
            case 4:
                return random.nextInt(2) - 1;  // 0 or -1: malformed for a new order
            case 5:
                return Long.MAX_VALUE / (2 + random.nextInt(5));
            default:
                return Math.max(1, touch + random.nextLong(-edge, edge + 1));
        }
    }

    private static long quantity(final SplittableRandom random)
    {
        switch (random.nextInt(10))
        {
            case 0:
                return MAX_QTY;
            case 1:
                return MAX_QTY + 1;
            case 2:
                return random.nextInt(2) - 1;
            default:
                return 1 + random.nextLong(MAX_QTY / 2);
        }
    }

    private void configure()
    {
        both(card ->
        {
            card.writeRegister(RISK_BASE + RISK_VENUE_ENABLE, 0b1111);
            card.writeRegister(RISK_BASE + RISK_INSTRUMENT_ENABLE, 0b1111);
            card.writeRegister(RISK_BASE + RISK_COLLAR_BPS, COLLAR_BPS);
            card.writeRegister64(RISK_BASE + RISK_MAX_QTY_LO, MAX_QTY);
            card.writeRegister64(RISK_BASE + RISK_MAX_NOTIONAL_LO, MAX_NOTIONAL);
            card.writeRegister(RISK_BASE + RISK_THROTTLE_REFILL, 0);
            card.writeRegister(RISK_BASE + RISK_THROTTLE_BURST, 1_000_000);
            card.writeRegister64(RISK_BASE + RISK_MAX_POSITION_LO, MAX_POSITION);
            card.writeRegister(RISK_BASE + RISK_CONTROL, 0);
        });
    }

    /** An admin write that takes effect after everything offered so far has been judged. */
    private void admin(final Consumer<Card> action)
    {
        both(Card::process);
        both(action);
    }

    private void both(final Consumer<Card> action)
    {
        action.accept(reference);
        action.accept(rtl);
    }

    private void bbo(final Card card, final int venue, final int instrument, final long bidPrice, final long askPrice)
    {
        bid[venue][instrument] = bidPrice;
        ask[venue][instrument] = askPrice;
        final UnsafeBuffer frame = encoder.bestBidAsk(
            1, 1, -2, -6, bidPrice, 1_000, askPrice, 1_000, BTC == instrument ? "BTCUSDT" : "ETHUSDT");
        assertTrue(card.offerIngress(channel(venue, instrument), frame, 0, frame.capacity()));
    }

    private OrderDescriptor fill(
        final int venue, final int instrument, final int side, final long price, final long quantity,
        final long clientOrderId, final int messageLength)
    {
        order.wrap(slot, 0).clear()
            .venue(venue).side(side).type(ORD_TYPE_LIMIT).action(ORD_ACTION_NEW).instrument(instrument)
            .clientOrderId(clientOrderId).price(price).quantity(quantity).hostTag(clientOrderId * 31);
        for (int i = 0; i < Math.min(messageLength, ORDER_MAX_MESSAGE); i++)
        {
            slot.putByte(ORD_MESSAGE + i, (byte)(clientOrderId + i * 7));
        }
        return order.messageLength(messageLength);
    }

    private void offer(
        final Card card, final int venue, final int instrument, final int side, final long price, final long quantity,
        final long clientOrderId, final int messageLength)
    {
        fill(venue, instrument, side, price, quantity, clientOrderId, messageLength);
        assertTrue(card.offerOrder(slot, 0, order.slotLength()));
    }

    private void submit(
        final int venue, final int instrument, final int side, final long price, final long quantity,
        final long clientOrderId, final int messageLength)
    {
        both(card -> offer(card, venue, instrument, side, price, quantity, clientOrderId, messageLength));
    }

    private void cancel(final int venue, final int instrument, final long clientOrderId)
    {
        both(card ->
        {
            fill(venue, instrument, SIDE_BUY, 0, 0, clientOrderId, 12).action(ORD_ACTION_CANCEL);
            assertTrue(card.offerOrder(slot, 0, order.slotLength()));
        });
    }

    private void exposures(final int instrument, final int side, final int kind, final long quantity)
    {
        both(card ->
        {
            exposure.wrap(exposureBuffer, 0).clear()
                .instrument(instrument).side(side).kind(kind).clientOrderId(1).quantity(quantity);
            assertTrue(card.offerExposure(exposureBuffer, 0, EXPOSURE_RECORD_SIZE));
        });
    }

    private void malformed()
    {
        both(card ->
        {
            fill(1, BTC, SIDE_BUY, 6_183_800L, 1, 900, 20);
            assertTrue(card.offerOrder(slot, 0, order.slotLength() - 1));
            assertTrue(card.offerOrder(slot, 0, order.slotLength() + 1));
            assertTrue(card.offerOrder(slot, 0, ORDER_DESCRIPTOR_SIZE - 8));
            assertTrue(card.offerOrder(slot, 0, 0));
            final int[][] fields = {
                {ORD_SIDE, 0}, {ORD_SIDE, 3}, {ORD_TYPE, 0}, {ORD_TYPE, 4}, {ORD_ACTION, 0}, {ORD_ACTION, 3},
                {ORD_VENUE, MAX_VENUES}, {ORD_VENUE, 255}};
            for (final int[] field : fields)
            {
                fill(1, BTC, SIDE_BUY, 6_183_800L, 1, 901, 20);
                slot.putByte(field[0], (byte)field[1]);
                assertTrue(card.offerOrder(slot, 0, order.slotLength()));
            }
            fill(1, MAX_INSTRUMENTS, SIDE_BUY, 6_183_800L, 1, 902, 20);
            assertTrue(card.offerOrder(slot, 0, order.slotLength()));
            fill(1, 0xFFFF, SIDE_BUY, 6_183_800L, 1, 903, 20);
            assertTrue(card.offerOrder(slot, 0, order.slotLength()));
            fill(1, BTC, SIDE_BUY, 6_183_800L, 0, 904, 20);
            assertTrue(card.offerOrder(slot, 0, order.slotLength()));
            fill(1, BTC, SIDE_SELL, -5, 1, 905, 20);
            assertTrue(card.offerOrder(slot, 0, order.slotLength()));
            fill(1, BTC, SIDE_SELL, 6_183_700L, 1, 906, 0xFFFF);
            assertTrue(card.offerOrder(slot, 0, ORDER_SLOT_SIZE));
        });
    }

    private void compare()
    {
        both(Card::process);
        final List<CompletionRecord> expected = CardOutputs.completions(reference);
        final List<CompletionRecord> actual = CardOutputs.completions(rtl);
        assertEquals(expected.size(), actual.size(), "completions");
        for (int i = 0; i < expected.size(); i++)
        {
            final CompletionRecord e = expected.get(i);
            final CompletionRecord a = actual.get(i);
            final byte[] eb = new byte[CMP_CYCLES_IN];
            final byte[] ab = new byte[CMP_CYCLES_IN];
            e.buffer().getBytes(e.offset(), eb);
            a.buffer().getBytes(a.offset(), ab);
            assertArrayEquals(eb, ab, () -> "completion " + compared + "\n reference " + e + "\n rtl       " + a);
            assertEquals(ReferenceCard.GATE_CYCLES, e.cyclesOut() - e.cyclesIn());
            assertEquals(ReferenceCard.GATE_CYCLES, a.cyclesOut() - a.cyclesIn(), a::toString);
            if (CMP_TYPE_TRIGGER_FIRED == e.type())
            {
                triggerCompletions++;
            }
            else
            {
                reasons[e.reason()]++;
            }
            compared++;
        }

        final List<CardOutputs.Transmitted> sentByReference = CardOutputs.transmitted(reference);
        final List<CardOutputs.Transmitted> sentByRtl = CardOutputs.transmitted(rtl);
        assertEquals(sentByReference.size(), sentByRtl.size(), "venue-port messages");
        for (int i = 0; i < sentByReference.size(); i++)
        {
            assertEquals(sentByReference.get(i).venue(), sentByRtl.get(i).venue(), "venue of message " + i);
            assertArrayEquals(sentByReference.get(i).bytes(), sentByRtl.get(i).bytes(), "bytes of message " + i);
            transmittedCompared++;
        }
        assertEquals(CardOutputs.marketData(reference).size(), CardOutputs.marketData(rtl).size(), "md records");
    }

    private void assertRegistersEqual()
    {
        for (int reason = 0; reason < REASON_COUNT; reason++)
        {
            final int address = COUNTERS_BASE + CNT_REASON_BASE + 4 * reason;
            assertEquals(reference.readRegister(address), rtl.readRegister(address), "counter of reason " + reason);
        }
        assertEquals(reference.readRegister(COUNTERS_BASE + CNT_ORDERS_SENT),
            rtl.readRegister(COUNTERS_BASE + CNT_ORDERS_SENT), "orders sent");
        assertEquals(reference.readRegister(COUNTERS_BASE + CNT_EXPOSURE_MALFORMED),
            rtl.readRegister(COUNTERS_BASE + CNT_EXPOSURE_MALFORMED), "malformed exposure records");
    }

    private static void drainCompletions(final Card card, final List<byte[]> into)
    {
        card.pollCompletions((buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            into.add(copy);
        }, Integer.MAX_VALUE);
    }
}
