package io.slipway.venue;

import java.util.List;

/**
 * A venue's answer about one host order.
 *
 * @param state             what the venue knows
 * @param quantity          order quantity, 0 when not found
 * @param fills             fills in the order the venue made them
 * @param releasedQuantity  quantity canceled or expired unfilled once done, else 0
 * @param reason            reject reason when refused, else null
 * @param received          how many new-order messages with this id reached the venue
 */
public record VenueOrderStatus(State state, long quantity, List<Fill> fills, long releasedQuantity, String reason,
    int received)
{
    public enum State
    {
        /** The venue cannot answer now (its status service failed): ask again; never re-send. */
        UNAVAILABLE,
        /** No order with this id reached the venue. */
        NOT_FOUND,
        /** Refused on arrival: nothing rests, nothing filled. */
        REJECTED,
        /** Taken and still working. */
        OPEN,
        /** Taken and finished: filled, canceled or expired. */
        DONE
    }

    /** One fill, as the venue reported it. */
    public record Fill(long price, long quantity, double fee, boolean maker)
    {
    }

    public static VenueOrderStatus unavailable()
    {
        return new VenueOrderStatus(State.UNAVAILABLE, 0, List.of(), 0, null, 0);
    }

    public static VenueOrderStatus notFound()
    {
        return new VenueOrderStatus(State.NOT_FOUND, 0, List.of(), 0, null, 0);
    }

    public long filledQuantity()
    {
        long total = 0;
        for (final Fill fill : fills)
        {
            total += fill.quantity();
        }
        return total;
    }
}
