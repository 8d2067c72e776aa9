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
 *   4  u8  venue order type (1 LIMIT,      4  u8  0
 *          2 IOC, 3 MARKET, 4 POST_ONLY)   5  u8  instrument id
 *   5  u8  instrument id                   6  u16 0
 *   6  u16 0 (reserved)                    8  i64 client order id
 *   8  i64 client order id
 *   16 i64 price (MARKET: protection price)
 *   24 i64 quantity
 *
 *   NEW WITH RECEIVE WINDOW (48 bytes)
 *   0..31 as NEW, with message length 48 and message type 4
 *   32 i64 time the host sent the order, ns since the epoch
 *   40 i64 receive window, ns (positive): the venue refuses the order if it arrives later than
 *          sent time + window by its own clock ("order arrived outside its receive window")
 *
 *   REPLACE (32 bytes)
 *   0  u16 message length (32)
 *   2  u8  message type 3
 *   3  u8  side of the resting order
 *   4  u8  0
 *   5  u8  instrument id
 *   6  u16 0 (reserved)
 *   8  i64 client order id of the resting order (it keeps this id)
 *   16 i64 new price
 *   24 i64 new total quantity, filled part included (at or below the filled part: cancel the rest)
 * </pre>
 *
 * Side codes are the card's. The order-type byte is the venue's own: LIMIT, IOC and MARKET keep
 * their card codes, while POST_ONLY, which the card sees as a LIMIT, has a venue code of its own.
 * The host's router sends NEW and CANCEL only; REPLACE is there for venue-side flows and tests.
 * The exchanges (their {@link OrderEntryPort}) honour the receive window; the dealer and the AMM
 * pool refuse a timed NEW as unsupported, so no order can look protected where it is not.
 */
public final class SimOrderEntryCodec implements OrderEntryEncoder
{
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    public static final int NEW_LENGTH = 32;
    public static final int CANCEL_LENGTH = 16;
    public static final int TYPE_NEW = 1;
    public static final int TYPE_CANCEL = 2;
    public static final int TYPE_REPLACE = 3;
    public static final int REPLACE_LENGTH = 32;
    public static final int TYPE_NEW_TIMED = 4;
    public static final int NEW_TIMED_LENGTH = 48;

    /** Venue order-type codes of the NEW message. */
    public static final int VENUE_LIMIT = 1;
    public static final int VENUE_IOC = 2;
    public static final int VENUE_MARKET = 3;
    public static final int VENUE_POST_ONLY = 4;

    static final int LENGTH_OFFSET = 0;
    static final int TYPE_OFFSET = 2;
    static final int SIDE_OFFSET = 3;
    static final int ORDER_TYPE_OFFSET = 4;
    static final int INSTRUMENT_OFFSET = 5;
    static final int RESERVED_OFFSET = 6;
    static final int CLIENT_ORDER_ID_OFFSET = 8;
    static final int PRICE_OFFSET = 16;
    static final int QUANTITY_OFFSET = 24;
    static final int SENT_TIME_OFFSET = 32;
    static final int RECEIVE_WINDOW_OFFSET = 40;

    private final boolean receiveWindow;

    /** The codec of a venue without a receive window (a dealer, an AMM pool). */
    public SimOrderEntryCodec()
    {
        this(false);
    }

    /** @param receiveWindow whether the venue behind it honours a receive window (the exchanges do) */
    public SimOrderEntryCodec(final boolean receiveWindow)
    {
        this.receiveWindow = receiveWindow;
    }

    @Override
    public boolean supportsReceiveWindow()
    {
        return receiveWindow;
    }

    @Override
    public int encodeNew(
        final MutableDirectBuffer buffer,
        final int offset,
        final long clientOrderId,
        final Instrument instrument,
        final Side side,
        final OrderType type,
        final long price,
        final long quantity,
        final long sentTimeNs,
        final long receiveWindowNs)
    {
        if (!receiveWindow)
        {
            // the contract's own refusal: a child must not look protected when it is not
            return OrderEntryEncoder.super.encodeNew(buffer, offset, clientOrderId, instrument, side, type, price,
                quantity, sentTimeNs, receiveWindowNs);
        }
        if (sentTimeNs <= 0 || receiveWindowNs <= 0)
        {
            throw new IllegalArgumentException("sent time and receive window must be positive, were " + sentTimeNs +
                " and " + receiveWindowNs);
        }
        encodeNew(buffer, offset, clientOrderId, instrument, side, type, price, quantity);
        buffer.putShort(offset + LENGTH_OFFSET, (short)NEW_TIMED_LENGTH, BYTE_ORDER);
        buffer.putByte(offset + TYPE_OFFSET, (byte)TYPE_NEW_TIMED);
        buffer.putLong(offset + SENT_TIME_OFFSET, sentTimeNs, BYTE_ORDER);
        buffer.putLong(offset + RECEIVE_WINDOW_OFFSET, receiveWindowNs, BYTE_ORDER);
        return NEW_TIMED_LENGTH;
    }

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
        buffer.putByte(offset + ORDER_TYPE_OFFSET, (byte)venueCode(type));
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

    /**
     * Encodes a cancel/replace of the resting order clientOrderId: new price and new total
     * quantity; returns its length in bytes. Not part of {@link OrderEntryEncoder}: the host's
     * router does not replace orders yet.
     */
    public int encodeReplace(
        final MutableDirectBuffer buffer,
        final int offset,
        final long clientOrderId,
        final Instrument instrument,
        final Side side,
        final long price,
        final long quantity)
    {
        buffer.putShort(offset + LENGTH_OFFSET, (short)REPLACE_LENGTH, BYTE_ORDER);
        buffer.putByte(offset + TYPE_OFFSET, (byte)TYPE_REPLACE);
        buffer.putByte(offset + SIDE_OFFSET, (byte)side.cardCode());
        buffer.putByte(offset + ORDER_TYPE_OFFSET, (byte)0);
        buffer.putByte(offset + INSTRUMENT_OFFSET, (byte)instrument.id());
        buffer.putShort(offset + RESERVED_OFFSET, (short)0, BYTE_ORDER);
        buffer.putLong(offset + CLIENT_ORDER_ID_OFFSET, clientOrderId, BYTE_ORDER);
        buffer.putLong(offset + PRICE_OFFSET, price, BYTE_ORDER);
        buffer.putLong(offset + QUANTITY_OFFSET, quantity, BYTE_ORDER);
        return REPLACE_LENGTH;
    }

    /** The venue order-type byte of an order type. */
    public static int venueCode(final OrderType type)
    {
        switch (type)
        {
            case LIMIT:
                return VENUE_LIMIT;
            case IOC:
                return VENUE_IOC;
            case MARKET:
                return VENUE_MARKET;
            case POST_ONLY:
                return VENUE_POST_ONLY;
            default:
                throw new IllegalArgumentException("no venue code for " + type);
        }
    }

    /** The order type of a venue order-type byte, or null when the byte is not one. */
    public static OrderType fromVenueCode(final int code)
    {
        switch (code)
        {
            case VENUE_LIMIT:
                return OrderType.LIMIT;
            case VENUE_IOC:
                return OrderType.IOC;
            case VENUE_MARKET:
                return OrderType.MARKET;
            case VENUE_POST_ONLY:
                return OrderType.POST_ONLY;
            default:
                return null;
        }
    }
}
