package io.slipway.card;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static io.slipway.card.NicLayout.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each flyweight writes the header's offsets, little-endian, and reads back what it wrote. */
final class FlyweightsTest
{
    private static final int BASE = 24;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final ByteBuffer raw = ByteBuffer.wrap(buffer.byteArray()).order(ByteOrder.LITTLE_ENDIAN);

    @Test
    void marketDataRecordFieldsLandOnHeaderOffsets()
    {
        final MarketDataRecord record = new MarketDataRecord().wrap(buffer, BASE);
        record.clear().type(MD_TYPE_BBO).channel(0x12).instrument(2).venue(1).flags(MD_FLAG_BID | MD_FLAG_GAP)
            .sequence(-2L).price0(6_173_763L).qty0(3_788_260L).price1(6_173_764L).qty1(1_546_980L)
            .eventTimeUs(1_723_161_255_208_000L).cardCycles(0xFFFF_FFFF_FFL);

        assertEquals(MD_TYPE_BBO, raw.getShort(BASE + MD_TYPE));
        assertEquals(0x12, raw.getShort(BASE + MD_CHANNEL));
        assertEquals(2, raw.getShort(BASE + MD_INSTRUMENT));
        assertEquals(1, raw.get(BASE + MD_VENUE));
        assertEquals(MD_FLAG_BID | MD_FLAG_GAP, raw.get(BASE + MD_FLAGS));
        assertEquals(-2L, raw.getLong(BASE + MD_SEQUENCE));
        assertEquals(6_173_763L, raw.getLong(BASE + MD_PRICE_0));
        assertEquals(3_788_260L, raw.getLong(BASE + MD_QTY_0));
        assertEquals(6_173_764L, raw.getLong(BASE + MD_PRICE_1));
        assertEquals(1_546_980L, raw.getLong(BASE + MD_QTY_1));
        assertEquals(1_723_161_255_208_000L, raw.getLong(BASE + MD_EVENT_TIME_US));
        assertEquals(0xFFFF_FFFF_FFL, raw.getLong(BASE + MD_CARD_CYCLES));

        final MarketDataRecord reader = new MarketDataRecord().wrap((DirectBuffer)buffer, BASE);
        assertEquals(0x12, reader.channel());
        assertTrue(reader.hasFlag(MD_FLAG_GAP));
        assertEquals(-2L, reader.sequence());
        assertThrows(IllegalStateException.class, () -> reader.flags(0));
    }

    @Test
    void unsignedFieldsReadBackUnsigned()
    {
        final MarketDataRecord record = new MarketDataRecord().wrap(buffer, 0);
        record.channel(0xFFFF).venue(0xFF).flags(0x80);
        assertEquals(0xFFFF, record.channel());
        assertEquals(0xFF, record.venue());
        assertEquals(0x80, record.flags());
    }

    @Test
    void orderDescriptorCarriesMessageBytes()
    {
        final UnsafeBuffer message = new UnsafeBuffer("8=FIX.4.4|35=D|".getBytes(StandardCharsets.US_ASCII));
        final OrderDescriptor order = new OrderDescriptor().wrap(buffer, BASE);
        order.clear().venue(3).side(SIDE_SELL).type(ORD_TYPE_IOC).action(ORD_ACTION_NEW).instrument(2)
            .clientOrderId(0x0102_0304_0506_0708L).price(123_456L).quantity(7_000L).hostTag(-1L)
            .putMessage(message, 0, message.capacity());

        assertEquals(3, raw.get(BASE + ORD_VENUE));
        assertEquals(SIDE_SELL, raw.get(BASE + ORD_SIDE));
        assertEquals(ORD_TYPE_IOC, raw.get(BASE + ORD_TYPE));
        assertEquals(ORD_ACTION_NEW, raw.get(BASE + ORD_ACTION));
        assertEquals(2, raw.getShort(BASE + ORD_INSTRUMENT));
        assertEquals(message.capacity(), raw.getShort(BASE + ORD_MESSAGE_LENGTH));
        assertEquals(0x0102_0304_0506_0708L, raw.getLong(BASE + ORD_CLIENT_ORDER_ID));
        assertEquals(0x08, raw.get(BASE + ORD_CLIENT_ORDER_ID));
        assertEquals(123_456L, raw.getLong(BASE + ORD_PRICE));
        assertEquals(7_000L, raw.getLong(BASE + ORD_QUANTITY));
        assertEquals(-1L, raw.getLong(BASE + ORD_HOST_TAG));
        assertEquals('8', raw.get(BASE + ORD_MESSAGE));
        assertEquals(BASE + ORD_MESSAGE, order.messageOffset());
        assertEquals(ORDER_DESCRIPTOR_SIZE + message.capacity(), order.slotLength());
        assertThrows(IllegalArgumentException.class, () -> order.putMessage(buffer, 0, ORDER_MAX_MESSAGE + 1));
    }

    @Test
    void completionRecordFieldsLandOnHeaderOffsets()
    {
        final CompletionRecord completion = new CompletionRecord().wrap(buffer, BASE);
        completion.clear().type(CMP_TYPE_REJECTED).reason(REASON_PRICE_COLLAR).venue(4).side(SIDE_BUY).instrument(1)
            .clientOrderId(99L).hostTag(77L).price(100L).quantity(5L).referencePrice(90L).cyclesIn(1000L).cyclesOut(1004L);

        assertEquals(CMP_TYPE_REJECTED, raw.getShort(BASE + CMP_TYPE));
        assertEquals(REASON_PRICE_COLLAR, raw.getShort(BASE + CMP_REASON));
        assertEquals(4, raw.get(BASE + CMP_VENUE));
        assertEquals(SIDE_BUY, raw.get(BASE + CMP_SIDE));
        assertEquals(1, raw.getShort(BASE + CMP_INSTRUMENT));
        assertEquals(99L, raw.getLong(BASE + CMP_CLIENT_ORDER_ID));
        assertEquals(77L, raw.getLong(BASE + CMP_HOST_TAG));
        assertEquals(100L, raw.getLong(BASE + CMP_PRICE));
        assertEquals(5L, raw.getLong(BASE + CMP_QUANTITY));
        assertEquals(90L, raw.getLong(BASE + CMP_REFERENCE_PRICE));
        assertEquals(1000L, raw.getLong(BASE + CMP_CYCLES_IN));
        assertEquals(1004L, raw.getLong(BASE + CMP_CYCLES_OUT));
    }

    @Test
    void exposureRecordFieldsLandOnHeaderOffsets()
    {
        final ExposureRecord exposure = new ExposureRecord().wrap(buffer, BASE);
        exposure.clear().instrument(2).side(SIDE_SELL).kind(EXP_KIND_RELEASE).clientOrderId(5L).quantity(1_000_000L);

        assertEquals(2, raw.getShort(BASE + EXP_INSTRUMENT));
        assertEquals(SIDE_SELL, raw.get(BASE + EXP_SIDE));
        assertEquals(EXP_KIND_RELEASE, raw.get(BASE + EXP_KIND));
        assertEquals(5L, raw.getLong(BASE + EXP_CLIENT_ORDER_ID));
        assertEquals(1_000_000L, raw.getLong(BASE + EXP_QUANTITY));
        assertEquals(0L, raw.getLong(BASE + EXP_RESERVED2));
    }

    @Test
    void ingressSlotHoldsHeaderThenPayload()
    {
        final UnsafeBuffer sbe = new UnsafeBuffer(new byte[] {1, 2, 3, 4, 5});
        final IngressSlot slot = new IngressSlot().wrap(buffer, BASE);
        slot.clear().channel(0x11).hostTag(42L).putPayload(sbe, 1, 4);

        assertEquals(0x11, raw.getShort(BASE + INGRESS_CHANNEL));
        assertEquals(4, raw.getShort(BASE + INGRESS_LENGTH));
        assertEquals(0, raw.getInt(BASE + INGRESS_RESERVED));
        assertEquals(42L, raw.getLong(BASE + INGRESS_HOST_TAG));
        assertEquals(2, raw.get(BASE + INGRESS_PAYLOAD));
        assertEquals(5, raw.get(BASE + INGRESS_PAYLOAD + 3));
        assertThrows(IllegalArgumentException.class, () -> slot.putPayload(buffer, 0, INGRESS_MAX_PAYLOAD + 1));
    }
}
