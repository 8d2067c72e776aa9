package io.slipway.sim.market;

import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimOrderEntryCodecTest
{
    private final SimOrderEntryCodec codec = new SimOrderEntryCodec();
    private final SimOrderEntryDecoder decoder = new SimOrderEntryDecoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);

    @Test
    void newOrderRoundTripsEveryTypeAndSide()
    {
        for (final OrderType type : OrderType.values())
        {
            for (final Side side : Side.values())
            {
                final int length = codec.encodeNew(buffer, 7, 0x1234_5678_9ABCL, Instruments.ETH_USD, side, type,
                    265_012, 1_250_000);
                assertEquals(SimOrderEntryCodec.NEW_LENGTH, length);
                assertTrue(decoder.decode(buffer, 7, length), decoder.error());
                assertEquals(SimOrderEntryCodec.TYPE_NEW, decoder.messageType());
                assertEquals(0x1234_5678_9ABCL, decoder.clientOrderId());
                assertEquals(Instruments.ETH_USD.id(), decoder.instrumentId());
                assertEquals(side, decoder.side());
                assertEquals(type, decoder.orderType());
                assertEquals(265_012, decoder.price());
                assertEquals(1_250_000, decoder.quantity());
            }
        }
    }

    @Test
    void layoutIsLittleEndianAtDocumentedOffsets()
    {
        codec.encodeNew(buffer, 0, 99, Instruments.BTC_USD, Side.SELL, OrderType.IOC, 6_180_000, 2_000_000);
        assertEquals(32, buffer.getShort(0, ByteOrder.LITTLE_ENDIAN));
        assertEquals(1, buffer.getByte(2));
        assertEquals(2, buffer.getByte(3));
        assertEquals(2, buffer.getByte(4));
        assertEquals(1, buffer.getByte(5));
        assertEquals(99, buffer.getByte(8));
        assertEquals(6_180_000L, buffer.getLong(16, ByteOrder.LITTLE_ENDIAN));
        assertEquals(2_000_000L, buffer.getLong(24, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void cancelRoundTrips()
    {
        final int length = codec.encodeCancel(buffer, 3, 42, Instruments.BTC_USD, Side.BUY);
        assertEquals(SimOrderEntryCodec.CANCEL_LENGTH, length);
        assertTrue(decoder.decode(buffer, 3, length));
        assertEquals(SimOrderEntryCodec.TYPE_CANCEL, decoder.messageType());
        assertEquals(42, decoder.clientOrderId());
        assertEquals(Side.BUY, decoder.side());
        assertNull(decoder.orderType());
    }

    @Test
    void postOnlyTravelsAsItsOwnVenueTypeWhileTheCardSeesALimit()
    {
        assertEquals(OrderType.LIMIT.cardCode(), OrderType.POST_ONLY.cardCode());
        assertEquals(OrderType.LIMIT, OrderType.fromCardCode(1));
        codec.encodeNew(buffer, 0, 7, Instruments.BTC_USD, Side.BUY, OrderType.POST_ONLY, 100, 1_000);
        assertEquals(SimOrderEntryCodec.VENUE_POST_ONLY, buffer.getByte(4));
        assertTrue(decoder.decode(buffer, 0, SimOrderEntryCodec.NEW_LENGTH), decoder.error());
        assertEquals(OrderType.POST_ONLY, decoder.orderType());
    }

    @Test
    void replaceRoundTripsAtDocumentedOffsets()
    {
        final int length = codec.encodeReplace(buffer, 5, 77, Instruments.ETH_USD, Side.SELL, 265_100, 3_000_000);
        assertEquals(SimOrderEntryCodec.REPLACE_LENGTH, length);
        assertEquals(32, buffer.getShort(5, ByteOrder.LITTLE_ENDIAN));
        assertEquals(3, buffer.getByte(5 + 2));
        assertEquals(2, buffer.getByte(5 + 3));
        assertEquals(0, buffer.getByte(5 + 4));
        assertEquals(Instruments.ETH_USD.id(), buffer.getByte(5 + 5));
        assertEquals(77L, buffer.getLong(5 + 8, ByteOrder.LITTLE_ENDIAN));
        assertEquals(265_100L, buffer.getLong(5 + 16, ByteOrder.LITTLE_ENDIAN));
        assertEquals(3_000_000L, buffer.getLong(5 + 24, ByteOrder.LITTLE_ENDIAN));

        assertTrue(decoder.decode(buffer, 5, length), decoder.error());
        assertEquals(SimOrderEntryCodec.TYPE_REPLACE, decoder.messageType());
        assertEquals(77, decoder.clientOrderId());
        assertEquals(Side.SELL, decoder.side());
        assertNull(decoder.orderType());
        assertEquals(265_100, decoder.price());
        assertEquals(3_000_000, decoder.quantity());

        buffer.putByte(5 + 4, (byte)1);
        assertFalse(decoder.decode(buffer, 5, length));
        assertEquals("replace must carry order type 0, was 1", decoder.error());
    }

    @Test
    void rejectsMalformedBytes()
    {
        final int length = codec.encodeNew(buffer, 0, 5, Instruments.BTC_USD, Side.BUY, OrderType.LIMIT, 100, 1_000);
        assertFalse(decoder.decode(buffer, 0, 10));
        assertFalse(decoder.decode(buffer, 0, length - 1), "length differs from the declared one");
        assertEquals(5, decoder.clientOrderId(), "id kept for the reject");

        mutate(2, (byte)9, "unknown message type 9");
        mutate(3, (byte)0, "unknown side code 0");
        mutate(4, (byte)5, "unknown order type code 5");
        mutate(5, (byte)0, "instrument id out of range: 0");
        mutate(5, (byte)16, "instrument id out of range: 16");
        mutate(6, (byte)1, "reserved bytes must be zero");

        // A NEW header claiming the cancel length.
        buffer.putShort(0, (short)16, ByteOrder.LITTLE_ENDIAN);
        assertFalse(decoder.decode(buffer, 0, 16));
        assertEquals("message type 1 must be 32 bytes, was 16", decoder.error());
    }

    private void mutate(final int index, final byte value, final String expectedError)
    {
        codec.encodeNew(buffer, 0, 5, Instruments.BTC_USD, Side.BUY, OrderType.LIMIT, 100, 1_000);
        buffer.putByte(index, value);
        assertFalse(decoder.decode(buffer, 0, 32));
        assertEquals(expectedError, decoder.error());
        assertEquals(0, decoder.messageType());
    }

    @Test
    void newWithReceiveWindowRoundTripsOnlyWhereTheVenueHonoursIt()
    {
        final SimOrderEntryCodec timedCodec = new SimOrderEntryCodec(true);
        final int length = timedCodec.encodeNew(buffer, 0, 42, Instruments.BTC_USD, Side.SELL, OrderType.LIMIT,
            6_000_000, 1_000, 1_700_000_000_000_000_000L, 500_000_000L);
        assertEquals(SimOrderEntryCodec.NEW_TIMED_LENGTH, length);

        final SimOrderEntryDecoder timedDecoder = new SimOrderEntryDecoder(true);
        assertTrue(timedDecoder.decode(buffer, 0, length), timedDecoder.error());
        assertEquals(SimOrderEntryCodec.TYPE_NEW, timedDecoder.messageType());
        assertEquals(42, timedDecoder.clientOrderId());
        assertEquals(1_700_000_000_000_000_000L, timedDecoder.sentTimeNs());
        assertEquals(500_000_000L, timedDecoder.receiveWindowNs());
        assertEquals(1_000, timedDecoder.quantity());

        // A venue without a window refuses it rather than take it unprotected.
        assertFalse(decoder.decode(buffer, 0, length));
        assertEquals("a receive window is not supported by this venue", decoder.error());
        assertFalse(codec.supportsReceiveWindow());
        assertThrows(UnsupportedOperationException.class, () -> codec.encodeNew(buffer, 0, 42, Instruments.BTC_USD,
            Side.SELL, OrderType.LIMIT, 6_000_000, 1_000, 1L, 1L));

        // A zero window is malformed, not "no window".
        buffer.putLong(SimOrderEntryCodec.RECEIVE_WINDOW_OFFSET, 0, ByteOrder.LITTLE_ENDIAN);
        assertFalse(timedDecoder.decode(buffer, 0, length));
        assertEquals("sent time and receive window must be positive, were 1700000000000000000 and 0",
            timedDecoder.error());

        // An untimed NEW still decodes with no window.
        final int plain = codec.encodeNew(buffer, 0, 43, Instruments.BTC_USD, Side.BUY, OrderType.IOC, 6_000_000, 1_000);
        assertTrue(timedDecoder.decode(buffer, 0, plain), timedDecoder.error());
        assertEquals(0, timedDecoder.receiveWindowNs());
    }
}
