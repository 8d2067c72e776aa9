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

    /**
     * Whether this venue's order entry carries the time an order was sent and a receive window,
     * and refuses on arrival ({@link VenueListener#RECEIVE_WINDOW_EXPIRED}) an order older than its
     * window. Only then may a host treat "not found" as final once the window has passed.
     */
    default boolean supportsReceiveWindow()
    {
        return false;
    }

    /**
     * Encodes a new order that carries the time it was sent and its receive window: the venue
     * refuses it if it arrives more than {@code receiveWindowNs} after {@code sentTimeNs}, by the
     * venue's clock (ns since the epoch). Returns its length in bytes.
     *
     * @throws UnsupportedOperationException if {@link #supportsReceiveWindow()} is false: an order
     *                                       without the protection must not look as if it had it
     */
    default int encodeNew(
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
        throw new UnsupportedOperationException("this venue's order entry has no receive window");
    }

    /** Encodes a cancel of a resting order at offset; returns its length in bytes. */
    int encodeCancel(MutableDirectBuffer buffer, int offset, long clientOrderId, Instrument instrument, Side side);
}
