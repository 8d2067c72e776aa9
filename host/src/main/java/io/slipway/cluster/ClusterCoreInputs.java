package io.slipway.cluster;

import io.slipway.core.ExecutionCore;
import io.slipway.oms.NewParentOrder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The one seam between cluster messages and the execution core's method-call inputs.
 *
 * <p>Every input the core acts on travels through the cluster log as one of these messages, so
 * every node applies the same inputs in the same order at the same cluster time. The core's
 * time for an input is the cluster timestamp of its log entry, never a clock read by the node.
 *
 * <p>This is a narrow, fixed little-endian layout kept in one class on purpose: the core's
 * versioned input codec (io.slipway.journal) is built separately, and switching the cluster to
 * it means replacing {@link #encode}-side helpers and {@link #apply} here, nothing else.
 *
 * <p>Layout: a 16-byte header {@code int type, int sourceId, long sequence} followed by the
 * body of the type. {@code sourceId} names the sender (a market gateway, an OMS gateway) and
 * {@code sequence} counts that sender's messages from 1, so a sender can resend what the
 * cluster has not acknowledged after a leader change and the service drops what it has seen.
 */
public final class ClusterCoreInputs
{
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    public static final int TYPE_OFFSET = 0;
    public static final int SOURCE_OFFSET = 4;
    public static final int SEQUENCE_OFFSET = 8;
    public static final int HEADER_LENGTH = 16;

    public static final int NEW_PARENT_ORDER = 1;
    public static final int BBO = 2;
    public static final int TRADE = 3;
    public static final int CARD_VERDICT = 4;
    public static final int VENUE_ACCEPTED = 5;
    public static final int VENUE_REJECTED = 6;
    public static final int VENUE_FILL = 7;
    public static final int VENUE_DONE = 8;

    /** Appended by a node that has just become leader; see {@link CoreClusteredService}. */
    public static final int LEADER_FINGERPRINT = 100;

    /** Egress from the leader to a sender: everything up to {@code sequence} is in the log and applied. */
    public static final int ACK = 200;

    /** Card verdict reason the leader uses when the card refused a child under back-pressure. */
    public static final int REASON_BACK_PRESSURE = -1;

    /** Source id of messages the service itself appends (leader fingerprint, back-pressure verdicts). */
    public static final int SERVICE_SOURCE_ID = 0;

    private static final int MAX_STRING_LENGTH = 256;

    private ClusterCoreInputs()
    {
    }

    // ------------------------------------------------------------------------------------------
    // Encoding (senders). Each returns the encoded length.
    // ------------------------------------------------------------------------------------------

    public static int encodeNewParentOrder(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final NewParentOrder order)
    {
        int offset = header(buffer, NEW_PARENT_ORDER, sourceId, sequence);
        offset += putString(buffer, offset, order.clOrdId());
        offset += putString(buffer, offset, order.symbol());
        buffer.putChar(offset, order.side(), ORDER);
        offset += 2;
        offset += putString(buffer, offset, order.quantity());
        buffer.putInt(offset, order.targetStrategy(), ORDER);
        offset += 4;
        buffer.putLong(offset, order.effectiveTimeNs(), ORDER);
        offset += 8;
        buffer.putLong(offset, order.expireTimeNs(), ORDER);
        offset += 8;
        offset += putString(buffer, offset, order.limitPrice());
        return offset;
    }

    public static int encodeBbo(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final int instrumentId, final long bidPrice, final long bidQty, final long askPrice,
        final long askQty)
    {
        int offset = header(buffer, BBO, sourceId, sequence);
        buffer.putInt(offset, venueId, ORDER);
        buffer.putInt(offset + 4, instrumentId, ORDER);
        buffer.putLong(offset + 8, bidPrice, ORDER);
        buffer.putLong(offset + 16, bidQty, ORDER);
        buffer.putLong(offset + 24, askPrice, ORDER);
        buffer.putLong(offset + 32, askQty, ORDER);
        return offset + 40;
    }

    public static int encodeTrade(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final int instrumentId, final long price, final long quantity)
    {
        final int offset = header(buffer, TRADE, sourceId, sequence);
        buffer.putInt(offset, venueId, ORDER);
        buffer.putInt(offset + 4, instrumentId, ORDER);
        buffer.putLong(offset + 8, price, ORDER);
        buffer.putLong(offset + 16, quantity, ORDER);
        return offset + 24;
    }

    public static int encodeCardVerdict(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final long clientOrderId, final boolean sent, final int reason)
    {
        final int offset = header(buffer, CARD_VERDICT, sourceId, sequence);
        buffer.putLong(offset, clientOrderId, ORDER);
        buffer.putByte(offset + 8, (byte)(sent ? 1 : 0));
        buffer.putInt(offset + 9, reason, ORDER);
        return offset + 13;
    }

    public static int encodeVenueAccepted(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final long clientOrderId)
    {
        final int offset = header(buffer, VENUE_ACCEPTED, sourceId, sequence);
        buffer.putInt(offset, venueId, ORDER);
        buffer.putLong(offset + 4, clientOrderId, ORDER);
        return offset + 12;
    }

    public static int encodeVenueRejected(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final long clientOrderId, final String reason)
    {
        final int offset = header(buffer, VENUE_REJECTED, sourceId, sequence);
        buffer.putInt(offset, venueId, ORDER);
        buffer.putLong(offset + 4, clientOrderId, ORDER);
        return offset + 12 + putString(buffer, offset + 12, reason);
    }

    public static int encodeVenueFill(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final long clientOrderId, final long price, final long quantity, final double fee,
        final boolean maker)
    {
        final int offset = header(buffer, VENUE_FILL, sourceId, sequence);
        buffer.putInt(offset, venueId, ORDER);
        buffer.putLong(offset + 4, clientOrderId, ORDER);
        buffer.putLong(offset + 12, price, ORDER);
        buffer.putLong(offset + 20, quantity, ORDER);
        buffer.putDouble(offset + 28, fee, ORDER);
        buffer.putByte(offset + 36, (byte)(maker ? 1 : 0));
        return offset + 37;
    }

    public static int encodeVenueDone(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final long clientOrderId, final long releasedQuantity)
    {
        final int offset = header(buffer, VENUE_DONE, sourceId, sequence);
        buffer.putInt(offset, venueId, ORDER);
        buffer.putLong(offset + 4, clientOrderId, ORDER);
        buffer.putLong(offset + 12, releasedQuantity, ORDER);
        return offset + 20;
    }

    public static int encodeLeaderFingerprint(final MutableDirectBuffer buffer, final int memberId,
        final long leadershipTermId, final long fingerprint)
    {
        final int offset = header(buffer, LEADER_FINGERPRINT, SERVICE_SOURCE_ID, 0);
        buffer.putInt(offset, memberId, ORDER);
        buffer.putLong(offset + 4, leadershipTermId, ORDER);
        buffer.putLong(offset + 12, fingerprint, ORDER);
        return offset + 20;
    }

    public static int encodeAck(final MutableDirectBuffer buffer, final int sourceId, final long sequence)
    {
        return header(buffer, ACK, sourceId, sequence);
    }

    // ------------------------------------------------------------------------------------------
    // Decoding
    // ------------------------------------------------------------------------------------------

    public static int type(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + TYPE_OFFSET, ORDER);
    }

    public static int sourceId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + SOURCE_OFFSET, ORDER);
    }

    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET, ORDER);
    }

    public static int fingerprintMemberId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + HEADER_LENGTH, ORDER);
    }

    public static long fingerprintTerm(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + HEADER_LENGTH + 4, ORDER);
    }

    public static long fingerprint(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + HEADER_LENGTH + 12, ORDER);
    }

    /** Whether {@code type} is one {@link #apply} hands to the core. */
    public static boolean isCoreInput(final int type)
    {
        return type >= NEW_PARENT_ORDER && type <= VENUE_DONE;
    }

    /**
     * Applies one core input at core time {@code nowNs}.
     *
     * @throws IllegalArgumentException if the message is not a core input or is truncated; the
     *                                  core is then untouched.
     */
    public static void apply(final DirectBuffer buffer, final int offset, final int length, final ExecutionCore core,
        final long nowNs)
    {
        if (length < HEADER_LENGTH)
        {
            throw new IllegalArgumentException("cluster input shorter than its header: " + length + " bytes");
        }
        final int type = type(buffer, offset);
        final int body = offset + HEADER_LENGTH;
        final int end = offset + length;
        switch (type)
        {
            case NEW_PARENT_ORDER ->
            {
                int at = body;
                final String clOrdId = getString(buffer, at, end);
                at += stringLength(buffer, at);
                final String symbol = getString(buffer, at, end);
                at += stringLength(buffer, at);
                require(at + 2, end, type);
                final char side = buffer.getChar(at, ORDER);
                at += 2;
                final String quantity = getString(buffer, at, end);
                at += stringLength(buffer, at);
                require(at + 20, end, type);
                final int strategy = buffer.getInt(at, ORDER);
                final long effective = buffer.getLong(at + 4, ORDER);
                final long expire = buffer.getLong(at + 12, ORDER);
                at += 20;
                final String limitPrice = getString(buffer, at, end);
                core.onNewParentOrder(
                    new NewParentOrder(clOrdId, symbol, side, quantity, strategy, effective, expire, limitPrice), nowNs);
            }
            case BBO ->
            {
                require(body + 40, end, type);
                core.onBbo(buffer.getInt(body, ORDER), buffer.getInt(body + 4, ORDER), buffer.getLong(body + 8, ORDER),
                    buffer.getLong(body + 16, ORDER), buffer.getLong(body + 24, ORDER),
                    buffer.getLong(body + 32, ORDER), nowNs);
            }
            case TRADE ->
            {
                require(body + 24, end, type);
                core.onTrade(buffer.getInt(body, ORDER), buffer.getInt(body + 4, ORDER),
                    buffer.getLong(body + 8, ORDER), buffer.getLong(body + 16, ORDER), nowNs);
            }
            case CARD_VERDICT ->
            {
                require(body + 13, end, type);
                core.onCardVerdict(buffer.getLong(body, ORDER), buffer.getByte(body + 8) != 0,
                    buffer.getInt(body + 9, ORDER), nowNs);
            }
            case VENUE_ACCEPTED ->
            {
                require(body + 12, end, type);
                core.onVenueAccepted(buffer.getInt(body, ORDER), buffer.getLong(body + 4, ORDER), nowNs);
            }
            case VENUE_REJECTED ->
            {
                require(body + 12, end, type);
                final String reason = getString(buffer, body + 12, end);
                core.onVenueRejected(buffer.getInt(body, ORDER), buffer.getLong(body + 4, ORDER), reason, nowNs);
            }
            case VENUE_FILL ->
            {
                require(body + 37, end, type);
                core.onVenueFill(buffer.getInt(body, ORDER), buffer.getLong(body + 4, ORDER),
                    buffer.getLong(body + 12, ORDER), buffer.getLong(body + 20, ORDER),
                    buffer.getDouble(body + 28, ORDER), buffer.getByte(body + 36) != 0, nowNs);
            }
            case VENUE_DONE ->
            {
                require(body + 20, end, type);
                core.onVenueDone(buffer.getInt(body, ORDER), buffer.getLong(body + 4, ORDER),
                    buffer.getLong(body + 12, ORDER), nowNs);
            }
            default -> throw new IllegalArgumentException("not a core input: message type " + type);
        }
    }

    // ------------------------------------------------------------------------------------------

    private static int header(final MutableDirectBuffer buffer, final int type, final int sourceId, final long sequence)
    {
        buffer.putInt(TYPE_OFFSET, type, ORDER);
        buffer.putInt(SOURCE_OFFSET, sourceId, ORDER);
        buffer.putLong(SEQUENCE_OFFSET, sequence, ORDER);
        return HEADER_LENGTH;
    }

    /** A string is an int length (-1 for null) followed by ASCII bytes. */
    static int putString(final MutableDirectBuffer buffer, final int offset, final String value)
    {
        if (value == null)
        {
            buffer.putInt(offset, -1, ORDER);
            return 4;
        }
        if (value.length() > MAX_STRING_LENGTH)
        {
            throw new IllegalArgumentException("string field longer than " + MAX_STRING_LENGTH + " characters");
        }
        buffer.putInt(offset, value.length(), ORDER);
        buffer.putStringWithoutLengthAscii(offset + 4, value);
        return 4 + value.length();
    }

    static int stringLength(final DirectBuffer buffer, final int offset)
    {
        return 4 + Math.max(0, buffer.getInt(offset, ORDER));
    }

    static String getString(final DirectBuffer buffer, final int offset, final int end)
    {
        require(offset + 4, end, -1);
        final int length = buffer.getInt(offset, ORDER);
        if (length == -1)
        {
            return null;
        }
        if (length < 0 || length > MAX_STRING_LENGTH)
        {
            throw new IllegalArgumentException("string field length out of range: " + length);
        }
        require(offset + 4 + length, end, -1);
        return buffer.getStringWithoutLengthAscii(offset + 4, length);
    }

    static void require(final int needed, final int end, final int type)
    {
        if (needed > end)
        {
            throw new IllegalArgumentException("truncated cluster input" + (type >= 0 ? " of type " + type : "") +
                ": needs " + needed + " bytes, has " + end);
        }
    }
}
