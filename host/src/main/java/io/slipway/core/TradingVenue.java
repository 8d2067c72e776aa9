package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.venue.VenueKind;
import io.slipway.venue.VenueRules;

/** What the core knows of a venue: identity, kind, trading rules. Built once from the venue SPI. */
public final class TradingVenue
{
    private final int id;
    private final String name;
    private final VenueKind kind;
    private final double fixedFeePerOrder;
    private final VenueRules[] rulesByInstrument = new VenueRules[16];

    public TradingVenue(final int id, final String name)
    {
        this(id, name, VenueKind.EXCHANGE, 0.0);
    }

    /**
     * @param kind             an exchange is routed on its book, a dealer only by request for quote,
     *                         an AMM pool on its curve
     * @param fixedFeePerOrder charge per order in quote currency whatever its size (an AMM's gas)
     */
    public TradingVenue(final int id, final String name, final VenueKind kind, final double fixedFeePerOrder)
    {
        if (kind == null || !(fixedFeePerOrder >= 0.0))
        {
            throw new IllegalArgumentException("venue kind is required and the fixed fee must be >= 0, was " +
                fixedFeePerOrder);
        }
        this.kind = kind;
        this.fixedFeePerOrder = fixedFeePerOrder;
        if (id <= 0 || id > 7)
        {
            throw new IllegalArgumentException("venue id must be 1..7 (card venue mask), was " + id);
        }
        this.id = id;
        this.name = name;
    }

    public static TradingVenue of(final io.slipway.venue.Venue venue, final Iterable<Instrument> instruments)
    {
        final TradingVenue tradingVenue = new TradingVenue(venue.id(), venue.name(), venue.kind(),
            venue.fixedFeePerOrder());
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

    public VenueKind kind()
    {
        return kind;
    }

    public double fixedFeePerOrder()
    {
        return fixedFeePerOrder;
    }

    /** Null when the venue does not trade the instrument. */
    public VenueRules rules(final Instrument instrument)
    {
        return rulesByInstrument[instrument.id()];
    }
}
