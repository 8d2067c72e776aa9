package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.venue.OrderEntryEncoder;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Order-entry wire format of the simulated exchanges: fixed little-endian layouts.
 *
 * <pre>
 *   NEW (32 bytes)                         CANCEL (16 bytes)
 *   0  u16 message length (32)             0  u16 message length (16)
 *   2  u8  message type 1                  2  u8  message type 2
 *   3  u8  side (1 buy, 2 sell)            3  u8  side
 *   4  u8  order type (1 LIMIT, 2 IOC,     4  u8  0
 *          3 MARKET)                       5  u8  instrument id
 *   5  u8  instrument id                   6  u16 0
 *   6  u16 0 (reserved)                    8  i64 client order id
 *   8  i64 client order id
 *   16 i64 price (MARKET: protection price)
 *   24 i64 quantity
 * </pre>
 *
 * Codes are the card's side and order-type codes, so the card's descriptor and the venue bytes agree.
 */
public final class SimOrderEntryCodec implements OrderEntryEncoder
{
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    public static final int NEW_LENGTH = 32;
    public static final int CANCEL_LENGTH = 16;
    public static final int TYPE_NEW = 1;
    public static final int TYPE_CANCEL = 2;

    static final int LENGTH_OFFSET = 0;
    static final int TYPE_OFFSET = 2;
    static final int SIDE_OFFSET = 3;
    static final int ORDER_TYPE_OFFSET = 4;
    static final int INSTRUMENT_OFFSET = 5;
    static final int RESERVED_OFFSET = 6;
    static final int CLIENT_ORDER_ID_OFFSET = 8;
    static final int PRICE_OFFSET = 16;
    static final int QUANTITY_OFFSET = 24;

    @Override
    public int encodeNew(
        final MutableDirectBuffer buffer,
        final int offset,
        final long clientOrderId,
        final Instrument instrument,
        final Side side,
        final OrderType type,
        final long price,
        final long quantity)
    {
        buffer.putShort(offset + LENGTH_OFFSET, (short)NEW_LENGTH, BYTE_ORDER);
        buffer.putByte(offset + TYPE_OFFSET, (byte)TYPE_NEW);
        buffer.putByte(offset + SIDE_OFFSET, (byte)side.cardCode());
        buffer.putByte(offset + ORDER_TYPE_OFFSET, (byte)type.cardCode());
        buffer.putByte(offset + INSTRUMENT_OFFSET, (byte)instrument.id());
        buffer.putShort(offset + RESERVED_OFFSET, (short)0, BYTE_ORDER);
        buffer.putLong(offset + CLIENT_ORDER_ID_OFFSET, clientOrderId, BYTE_ORDER);
        buffer.putLong(offset + PRICE_OFFSET, price, BYTE_ORDER);
        buffer.putLong(offset + QUANTITY_OFFSET, quantity, BYTE_ORDER);
        return NEW_LENGTH;
    }

    @Override
    public int encodeCancel(
        final MutableDirectBuffer buffer, final int offset, final long clientOrderId, final Instrument instrument,
        final Side side)
    {
        buffer.putShort(offset + LENGTH_OFFSET, (short)CANCEL_LENGTH, BYTE_ORDER);
        buffer.putByte(offset + TYPE_OFFSET, (byte)TYPE_CANCEL);
        buffer.putByte(offset + SIDE_OFFSET, (byte)side.cardCode());
        buffer.putByte(offset + ORDER_TYPE_OFFSET, (byte)0);
        buffer.putByte(offset + INSTRUMENT_OFFSET, (byte)instrument.id());
        buffer.putShort(offset + RESERVED_OFFSET, (short)0, BYTE_ORDER);
        buffer.putLong(offset + CLIENT_ORDER_ID_OFFSET, clientOrderId, BYTE_ORDER);
        return CANCEL_LENGTH;
    }
}
