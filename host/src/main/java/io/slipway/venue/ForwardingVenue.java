package io.slipway.venue;

import io.slipway.domain.Instrument;

/**
 * A venue reached through something in between (a session that can drop, a link to another
 * process): everything it says about itself is the wrapped venue's, only the path its order bytes
 * take differs, so subclasses implement {@link #onOrderMessage} alone. One place forwards every
 * other method, so a method added to {@link Venue} cannot be silently left at its default by a
 * wrapper.
 */
public abstract class ForwardingVenue implements Venue
{
    protected final Venue venue;

    protected ForwardingVenue(final Venue venue)
    {
        this.venue = venue;
    }

    @Override
    public final int id()
    {
        return venue.id();
    }

    @Override
    public final String name()
    {
        return venue.name();
    }

    @Override
    public final VenueKind kind()
    {
        return venue.kind();
    }

    @Override
    public final VenueRules rules(final Instrument instrument)
    {
        return venue.rules(instrument);
    }

    @Override
    public final int marketDataChannel(final Instrument instrument)
    {
        return venue.marketDataChannel(instrument);
    }

    @Override
    public final OrderEntryEncoder orderEntryEncoder()
    {
        return venue.orderEntryEncoder();
    }

    @Override
    public final double fixedFeePerOrder()
    {
        return venue.fixedFeePerOrder();
    }

    @Override
    public final VenueStatusQuery statusQuery()
    {
        return venue.statusQuery();
    }
}
