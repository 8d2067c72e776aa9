package io.slipway.venue;

import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import org.agrona.MutableDirectBuffer;

/** Builds a venue's order-entry messages; the bytes ride behind the card's order descriptor. */
public interface OrderEntryEncoder
{
    /** Encodes a new order at offset; returns its length in bytes. */
    int encodeNew(
        MutableDirectBuffer buffer,
        int offset,
        long clientOrderId,
        Instrument instrument,
        Side side,
        OrderType type,
        long price,
        long quantity);

    /** Encodes a cancel of a resting order at offset; returns its length in bytes. */
    int encodeCancel(MutableDirectBuffer buffer, int offset, long clientOrderId, Instrument instrument, Side side);
}
