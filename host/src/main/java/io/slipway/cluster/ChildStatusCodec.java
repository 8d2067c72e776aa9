package io.slipway.cluster;

import io.slipway.venue.VenueOrderStatus;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.slipway.cluster.ClusterCoreInputs.HEADER_LENGTH;
import static io.slipway.cluster.ClusterCoreInputs.ORDER;

/**
 * A venue's answer about one child, as a cluster input ({@link ClusterCoreInputs#CHILD_STATUS}):
 * the envelope, then venue id i32 @16, child id i64 @20, state i32 @28 (the ordinal of
 * {@link VenueOrderStatus.State}), quantity i64 @32, released quantity i64 @40, times received
 * i32 @48, fill count i32 @52, reason length i32 @56, the venue's time of the answer i64 @60 (ns
 * since the epoch, its own clock), then each fill (price i64, quantity i64, fee f64, maker i64 0/1)
 * and the reason in ASCII. The answer's time is what makes "not found" final: a child sent with a
 * receive window that the venue has not seen by sent time + window can no longer be taken.
 *
 * <p>It goes through the log so that every member reconciles the child against the same answer
 * at the same point; the sender must put it after every venue report it has for that child, so
 * fills already in the log are never counted twice.
 */
public final class ChildStatusCodec
{
    static final int VENUE_OFFSET = HEADER_LENGTH;
    static final int CHILD_OFFSET = HEADER_LENGTH + 4;
    static final int STATE_OFFSET = HEADER_LENGTH + 12;
    static final int QUANTITY_OFFSET = HEADER_LENGTH + 16;
    static final int RELEASED_OFFSET = HEADER_LENGTH + 24;
    static final int RECEIVED_OFFSET = HEADER_LENGTH + 32;
    static final int FILL_COUNT_OFFSET = HEADER_LENGTH + 36;
    static final int REASON_LENGTH_OFFSET = HEADER_LENGTH + 40;
    static final int ANSWERED_AT_OFFSET = HEADER_LENGTH + 44;
    static final int FILLS_OFFSET = HEADER_LENGTH + 52;
    static final int FILL_LENGTH = 32;
    /** More fills than this for one child is not an answer a venue gives; refused as malformed. */
    static final int MAX_FILLS = 1_000;
    static final int MAX_REASON = 256;

    private ChildStatusCodec()
    {
    }

    public static int encode(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final long childId, final VenueOrderStatus status, final long answeredAtNs)
    {
        if (status.fills().size() > MAX_FILLS)
        {
            throw new IllegalArgumentException("child " + childId + ": " + status.fills().size() +
                " fills, at most " + MAX_FILLS + " fit one status answer");
        }
        final byte[] reason = status.reason() == null ? new byte[0] :
            status.reason().getBytes(StandardCharsets.US_ASCII);
        final int reasonLength = Math.min(reason.length, MAX_REASON);
        buffer.putInt(ClusterCoreInputs.TYPE_OFFSET, ClusterCoreInputs.CHILD_STATUS, ORDER);
        buffer.putInt(ClusterCoreInputs.SOURCE_OFFSET, sourceId, ORDER);
        buffer.putLong(ClusterCoreInputs.SEQUENCE_OFFSET, sequence, ORDER);
        buffer.putInt(VENUE_OFFSET, venueId, ORDER);
        buffer.putLong(CHILD_OFFSET, childId, ORDER);
        buffer.putInt(STATE_OFFSET, status.state().ordinal(), ORDER);
        buffer.putLong(QUANTITY_OFFSET, status.quantity(), ORDER);
        buffer.putLong(RELEASED_OFFSET, status.releasedQuantity(), ORDER);
        buffer.putInt(RECEIVED_OFFSET, status.received(), ORDER);
        buffer.putInt(FILL_COUNT_OFFSET, status.fills().size(), ORDER);
        buffer.putInt(REASON_LENGTH_OFFSET, reasonLength, ORDER);
        buffer.putLong(ANSWERED_AT_OFFSET, answeredAtNs, ORDER);
        int at = FILLS_OFFSET;
        for (final VenueOrderStatus.Fill fill : status.fills())
        {
            buffer.putLong(at, fill.price(), ORDER);
            buffer.putLong(at + 8, fill.quantity(), ORDER);
            buffer.putDouble(at + 16, fill.fee(), ORDER);
            buffer.putLong(at + 24, fill.maker() ? 1 : 0, ORDER);
            at += FILL_LENGTH;
        }
        buffer.putBytes(at, reason, 0, reasonLength);
        return at + reasonLength;
    }

    public static int venueId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + VENUE_OFFSET, ORDER);
    }

    public static long childId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + CHILD_OFFSET, ORDER);
    }

    /** The venue's time of the answer, ns since the epoch by its clock (decode first: it checks the length). */
    public static long answeredAtNs(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + ANSWERED_AT_OFFSET, ORDER);
    }

    /**
     * @throws IllegalArgumentException if the answer is truncated or names an unknown state, a
     *                                  negative quantity or too many fills
     */
    public static VenueOrderStatus decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        ClusterCoreInputs.require(offset + FILLS_OFFSET, end, ClusterCoreInputs.CHILD_STATUS);
        final int stateOrdinal = buffer.getInt(offset + STATE_OFFSET, ORDER);
        final VenueOrderStatus.State[] states = VenueOrderStatus.State.values();
        if (stateOrdinal < 0 || stateOrdinal >= states.length)
        {
            throw new IllegalArgumentException("child status: unknown state " + stateOrdinal);
        }
        final long quantity = buffer.getLong(offset + QUANTITY_OFFSET, ORDER);
        final long released = buffer.getLong(offset + RELEASED_OFFSET, ORDER);
        final int fillCount = buffer.getInt(offset + FILL_COUNT_OFFSET, ORDER);
        final int reasonLength = buffer.getInt(offset + REASON_LENGTH_OFFSET, ORDER);
        if (quantity < 0 || released < 0)
        {
            throw new IllegalArgumentException("child status: negative quantity " + quantity + " or released " +
                released);
        }
        if (fillCount < 0 || fillCount > MAX_FILLS || reasonLength < 0 || reasonLength > MAX_REASON)
        {
            throw new IllegalArgumentException("child status: " + fillCount + " fills and a reason of " +
                reasonLength + " bytes is not a valid answer");
        }
        ClusterCoreInputs.require(offset + FILLS_OFFSET + fillCount * FILL_LENGTH + reasonLength, end,
            ClusterCoreInputs.CHILD_STATUS);
        final List<VenueOrderStatus.Fill> fills = new ArrayList<>(fillCount);
        int at = offset + FILLS_OFFSET;
        for (int i = 0; i < fillCount; i++)
        {
            final long fillQuantity = buffer.getLong(at + 8, ORDER);
            if (fillQuantity <= 0)
            {
                throw new IllegalArgumentException("child status: fill " + i + " has quantity " + fillQuantity);
            }
            fills.add(new VenueOrderStatus.Fill(buffer.getLong(at, ORDER), fillQuantity,
                buffer.getDouble(at + 16, ORDER), buffer.getLong(at + 24, ORDER) != 0));
            at += FILL_LENGTH;
        }
        final String reason = reasonLength == 0 ? null : buffer.getStringWithoutLengthAscii(at, reasonLength);
        return new VenueOrderStatus(states[stateOrdinal], quantity, List.copyOf(fills), released, reason,
            buffer.getInt(offset + RECEIVED_OFFSET, ORDER));
    }
}
