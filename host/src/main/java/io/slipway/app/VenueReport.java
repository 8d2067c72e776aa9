package io.slipway.app;

/**
 * A venue's report about a child order, carried from a venue session's thread to the core's.
 * Kinds mirror {@link io.slipway.venue.VenueListener}.
 */
public record VenueReport(Kind kind, int venue, long clientOrderId, long price, long quantity, double fee,
    boolean maker, String reason)
{
    public enum Kind
    {
        ACCEPTED,
        REJECTED,
        FILL,
        DONE
    }

    /** Applies this report to the core at the core's time. */
    public void applyTo(final io.slipway.core.CoreInput core, final long nowNs)
    {
        switch (kind)
        {
            case ACCEPTED -> core.onVenueAccepted(venue, clientOrderId, nowNs);
            case REJECTED -> core.onVenueRejected(venue, clientOrderId, reason, nowNs);
            case FILL -> core.onVenueFill(venue, clientOrderId, price, quantity, fee, maker, nowNs);
            case DONE -> core.onVenueDone(venue, clientOrderId, quantity, nowNs);
        }
    }
}
