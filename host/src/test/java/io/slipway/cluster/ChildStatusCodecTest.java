package io.slipway.cluster;

import io.slipway.venue.VenueOrderStatus;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildStatusCodecTest
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);

    @Test
    void answerRoundTripsWithFillsAndReason()
    {
        final VenueOrderStatus status = new VenueOrderStatus(VenueOrderStatus.State.DONE, 500,
            List.of(new VenueOrderStatus.Fill(6_000_000, 200, 0.25, true), new VenueOrderStatus.Fill(6_000_100, 100, 0.5,
                false)), 200, "expired", 1);
        final int length = ChildStatusCodec.encode(buffer, 9, 41, 2, 77L, status, 1_700_000_000_123_456_789L);

        assertEquals(ClusterCoreInputs.CHILD_STATUS, ClusterCoreInputs.type(buffer, 0));
        assertEquals(9, ClusterCoreInputs.sourceId(buffer, 0));
        assertEquals(41, ClusterCoreInputs.sequence(buffer, 0));
        assertEquals(2, ChildStatusCodec.venueId(buffer, 0));
        assertEquals(77L, ChildStatusCodec.childId(buffer, 0));
        assertEquals(status, ChildStatusCodec.decode(buffer, 0, length));
        assertEquals(1_700_000_000_123_456_789L, ChildStatusCodec.answeredAtNs(buffer, 0));
    }

    @Test
    void notFoundRoundTrips()
    {
        final int length = ChildStatusCodec.encode(buffer, 1, 1, 1, 5L, VenueOrderStatus.notFound(), 9L);
        assertEquals(VenueOrderStatus.notFound(), ChildStatusCodec.decode(buffer, 0, length));
    }

    @Test
    void truncatedOrMalformedAnswersAreRefusedByName()
    {
        final VenueOrderStatus status = new VenueOrderStatus(VenueOrderStatus.State.OPEN, 500,
            List.of(new VenueOrderStatus.Fill(6_000_000, 200, 0.0, false)), 0, null, 1);
        final int length = ChildStatusCodec.encode(buffer, 1, 1, 1, 5L, status, 9L);
        final IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
            () -> ChildStatusCodec.decode(buffer, 0, length - 1));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());

        buffer.putInt(ChildStatusCodec.STATE_OFFSET, 99, ClusterCoreInputs.ORDER);
        final IllegalArgumentException state = assertThrows(IllegalArgumentException.class,
            () -> ChildStatusCodec.decode(buffer, 0, length));
        assertTrue(state.getMessage().contains("unknown state 99"), state.getMessage());

        ChildStatusCodec.encode(buffer, 1, 1, 1, 5L, status, 9L);
        buffer.putLong(ChildStatusCodec.FILLS_OFFSET + 8, 0, ClusterCoreInputs.ORDER);
        final IllegalArgumentException fill = assertThrows(IllegalArgumentException.class,
            () -> ChildStatusCodec.decode(buffer, 0, length));
        assertTrue(fill.getMessage().contains("fill 0 has quantity 0"), fill.getMessage());
    }
}
