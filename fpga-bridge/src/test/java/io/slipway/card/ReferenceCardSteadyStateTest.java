package io.slipway.card;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

import static io.slipway.card.NicLayout.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of the reference card over many inputs: no allocation, determinism, robustness. */
final class ReferenceCardSteadyStateTest
{
    private static final int VENUE = 1;
    private static final int BTC = ReferenceCard.Context.INSTRUMENT_BTC_USD;
    private static final int CHANNEL = channel(VENUE, BTC);

    private final SbeTestEncoder encoder = new SbeTestEncoder();
    private final UnsafeBuffer bbo = encoder.bestBidAsk(1, 1, -8, -8, 6_183_763_000_000L, 100_000L, 6_183_764_000_000L,
        200_000L, "BTCUSDT");
    private final UnsafeBuffer trades = encoder.trades(1, 1, -8, -8,
        new long[][] {{1, 6_183_763_000_000L, 100, 1}, {2, 6_183_764_000_000L, 200, 0}}, "BTCUSDT");
    private final UnsafeBuffer malformed = new SbeTestEncoder().schemaId(9).bestBidAsk(1, 1, -2, -6, 1, 1, 1, 1, "BTCUSDT");
    private final UnsafeBuffer orderSlot = new UnsafeBuffer(new byte[ORDER_SLOT_SIZE]);
    private final OrderDescriptor order = new OrderDescriptor();
    private final UnsafeBuffer exposureSlot = new UnsafeBuffer(new byte[EXPOSURE_RECORD_SIZE]);
    private final ExposureRecord exposure = new ExposureRecord();
    private long checksum;
    private final RecordHandler sumRecords = (buffer, offset, length) -> checksum += buffer.getLong(offset + 8);
    private final TransmitHandler sumTransmit = (venue, buffer, offset, length) -> checksum += venue + length;

    @Test
    void ingressOrderAndExposurePathsDoNotAllocate()
    {
        final ReferenceCard card = configuredCard();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();

        runSteps(card, 0, 50_000);
        // A JIT deoptimisation can rematerialise a few scalar-replaced objects once (a hundred
        // bytes or so) inside any window; an allocation on the path itself would show in every
        // window (800 KB for one 16-byte object a step). So: one of a few windows must be zero.
        final long[] allocatedPerWindow = new long[5];
        int windows = 0;
        long allocated = -1;
        while (windows < allocatedPerWindow.length && allocated != 0)
        {
            final long before = threads.getThreadAllocatedBytes(threadId);
            runSteps(card, 50_000 * (windows + 1), 50_000);
            allocated = threads.getThreadAllocatedBytes(threadId) - before;
            allocatedPerWindow[windows++] = allocated;
        }

        assertEquals(0, allocated, "every 50,000-step window allocated: " +
            java.util.Arrays.toString(allocatedPerWindow) + " bytes");
        final long steps = 50_000L * (windows + 1);
        assertEquals(2 * steps, card.readRegister(COUNTERS_BASE + CNT_ORDERS_SENT) & 0xFFFF_FFFFL, "two orders a step");
        assertEquals(steps, card.decodeErrors(), "one malformed frame a step");
    }

    @Test
    void sameInputsGiveByteIdenticalOutputs()
    {
        final ReferenceCard first = configuredCard();
        final ReferenceCard second = configuredCard();
        final byte[] firstOutput = drive(first);
        final byte[] secondOutput = drive(second);

        assertTrue(firstOutput.length > 1000);
        assertArrayEquals(firstOutput, secondOutput);
        assertEquals(first.cycles(), second.cycles());
    }

    @Test
    void randomlyCorruptedFramesNeverThrowAndYieldRecordsOrOneDecodeError()
    {
        final ReferenceCard card = configuredCard();
        final Random random = new Random(20240808L);
        final UnsafeBuffer[] frames =
        {
            bbo, trades,
            encoder.depthDiff(1, 5, 9, -8, -8, new long[][] {{100_000_000L, 1_000L}}, new long[][] {{200_000_000L, 0}},
                "BTCUSDT"),
            encoder.depthSnapshot(1, 5, -2, -6, new long[][] {{1, 1}, {2, 2}}, new long[][] {{3, 3}}, "BTCUSDT"),
        };
        final UnsafeBuffer corrupted = new UnsafeBuffer(new byte[INGRESS_MAX_PAYLOAD]);

        int decodeErrors = 0;
        for (int i = 0; i < 20_000; i++)
        {
            final UnsafeBuffer frame = frames[random.nextInt(frames.length)];
            corrupted.putBytes(0, frame, 0, frame.capacity());
            final int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++)
            {
                corrupted.putByte(random.nextInt(frame.capacity()), (byte)random.nextInt(256));
            }
            final int length = random.nextInt(4) == 0 ? random.nextInt(frame.capacity() + 1) : frame.capacity();

            final long errorsBefore = card.decodeErrors();
            assertTrue(card.offerIngress(CHANNEL, corrupted, 0, length));
            card.process();
            final int[] counts = new int[2];
            card.pollMarketData((buffer, offset, recordLength) ->
            {
                final MarketDataRecord record = new MarketDataRecord().wrap(buffer, offset);
                counts[record.hasFlag(MD_FLAG_DECODE_ERROR) ? 1 : 0]++;
            }, Integer.MAX_VALUE);

            if (card.decodeErrors() > errorsBefore)
            {
                decodeErrors++;
                assertEquals(0, counts[0], "a dropped frame yields no data records");
                assertEquals(1, counts[1]);
            }
            else
            {
                assertEquals(0, counts[1]);
            }
        }

        assertTrue(decodeErrors > 1_000 && decodeErrors < 20_000, "decode errors " + decodeErrors);
    }

    private ReferenceCard configuredCard()
    {
        final ReferenceCard card = new ReferenceCard();
        card.writeRegister(RISK_BASE + RISK_VENUE_ENABLE, 1 << VENUE);
        card.writeRegister(RISK_BASE + RISK_INSTRUMENT_ENABLE, 1 << BTC);
        card.writeRegister(RISK_BASE + RISK_COLLAR_BPS, 100);
        card.writeRegister64(RISK_BASE + RISK_MAX_QTY_LO, 1_000_000L);
        card.writeRegister64(RISK_BASE + RISK_MAX_NOTIONAL_LO, Long.MAX_VALUE);
        card.writeRegister64(RISK_BASE + RISK_MAX_POSITION_LO, 10_000_000L);
        card.writeRegister(RISK_BASE + RISK_THROTTLE_REFILL, 10);
        card.writeRegister(RISK_BASE + RISK_THROTTLE_BURST, 100);
        card.writeRegister(RISK_BASE + RISK_CONTROL, 0);
        return card;
    }

    /** One step: a BBO, a trade frame, a malformed frame, two orders and their fills. */
    private void runSteps(final ReferenceCard card, final int first, final int count)
    {
        for (int i = first; i < first + count; i++)
        {
            card.offerIngress(CHANNEL, bbo, 0, bbo.capacity());
            card.offerIngress(CHANNEL, trades, 0, trades.capacity());
            card.offerIngress(CHANNEL, malformed, 0, malformed.capacity());
            offerOrder(card, 2L * i, SIDE_BUY, 6_183_764L);
            offerOrder(card, 2L * i + 1, SIDE_SELL, 6_183_763L);
            offerFill(card, SIDE_BUY);
            offerFill(card, SIDE_SELL);
            card.advanceClock(100);
            card.process();
            card.pollMarketData(sumRecords, Integer.MAX_VALUE);
            card.pollCompletions(sumRecords, Integer.MAX_VALUE);
            card.pollTransmit(sumTransmit, Integer.MAX_VALUE);
        }
    }

    private void offerOrder(final ReferenceCard card, final long clientOrderId, final int side, final long price)
    {
        order.wrap(orderSlot, 0).venue(VENUE).side(side).type(ORD_TYPE_LIMIT).action(ORD_ACTION_NEW).instrument(BTC)
            .clientOrderId(clientOrderId).price(price).quantity(1_000L).hostTag(clientOrderId).messageLength(32);
        card.offerOrder(orderSlot, 0, order.slotLength());
    }

    private void offerFill(final ReferenceCard card, final int side)
    {
        exposure.wrap(exposureSlot, 0).instrument(BTC).side(side).kind(EXP_KIND_FILL).clientOrderId(0).quantity(1_000L);
        card.offerExposure(exposureSlot, 0, EXPOSURE_RECORD_SIZE);
    }

    /** A mixed run whose every output byte is collected. */
    private byte[] drive(final ReferenceCard card)
    {
        final byte[][] out = {new byte[1 << 20]};
        final int[] size = {0};
        final RecordHandler collect = (buffer, offset, length) ->
        {
            buffer.getBytes(offset, out[0], size[0], length);
            size[0] += length;
        };
        final TransmitHandler collectTransmit = (venue, buffer, offset, length) ->
        {
            out[0][size[0]++] = (byte)venue;
            buffer.getBytes(offset, out[0], size[0], length);
            size[0] += length;
        };
        final Random random = new Random(7);
        for (int i = 0; i < 2_000; i++)
        {
            card.offerIngress(CHANNEL, random.nextBoolean() ? bbo : trades, 0, bbo.capacity() - random.nextInt(2));
            offerOrder(card, random.nextInt(500), random.nextBoolean() ? SIDE_BUY : SIDE_SELL,
                6_183_700L + random.nextInt(200_000));
            card.advanceClock(random.nextInt(20));
            if (random.nextInt(4) == 0)
            {
                card.process();
                card.pollMarketData(collect, Integer.MAX_VALUE);
                card.pollCompletions(collect, Integer.MAX_VALUE);
                card.pollTransmit(collectTransmit, Integer.MAX_VALUE);
            }
        }
        card.process();
        card.pollMarketData(collect, Integer.MAX_VALUE);
        card.pollCompletions(collect, Integer.MAX_VALUE);
        card.pollTransmit(collectTransmit, Integer.MAX_VALUE);

        return Arrays.copyOf(out[0], size[0]);
    }
}
