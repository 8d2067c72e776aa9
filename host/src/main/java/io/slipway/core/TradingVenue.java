package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.venue.VenueRules;

/** What the core knows of a venue: identity and trading rules. Built once from the venue SPI. */
public final class TradingVenue
{
    private final int id;
    private final String name;
    private final VenueRules[] rulesByInstrument = new VenueRules[16];

    public TradingVenue(final int id, final String name)
    {
        if (id <= 0 || id > 7)
        {
            throw new IllegalArgumentException("venue id must be 1..7 (card venue mask), was " + id);
        }
        this.id = id;
        this.name = name;
    }

    public static TradingVenue of(final io.slipway.venue.Venue venue, final Iterable<Instrument> instruments)
    {
        final TradingVenue tradingVenue = new TradingVenue(venue.id(), venue.name());
        for (final Instrument instrument : instruments)
        {
            final VenueRules rules = venue.rules(instrument);
            if (rules != null)
            {
                tradingVenue.rules(instrument, rules);
            }
        }
        return tradingVenue;
    }

    public TradingVenue rules(final Instrument instrument, final VenueRules rules)
    {
        rulesByInstrument[instrument.id()] = rules;
        return this;
    }

    public int id()
    {
        return id;
    }

    public String name()
    {
        return name;
    }

    /** Null when the venue does not trade the instrument. */
    public VenueRules rules(final Instrument instrument)
    {
        return rulesByInstrument[instrument.id()];
    }
}
