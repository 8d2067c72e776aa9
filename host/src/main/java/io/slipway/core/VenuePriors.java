package io.slipway.core;

import io.slipway.venue.VenueKind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The feedback loop's venue and dealer priors as the core reads them: per venue name, its kind, the
 * quantity-weighted mean cost of its fills against the composite mid at each fill's own time (bps,
 * positive when it cost) and the quantity those fills add up to, the prior's evidence. Immutable; built
 * from a feedback file ({@code ImpactFeedback.venuePriors()}) or by hand with {@link Builder}.
 *
 * <p>The evidence becomes pseudo-observations of an in-run bandit arm: {@code min(quantity /
 * QUANTITY_PER_OBSERVATION, MAX_OBSERVATIONS)} ({@link #observations(String)}). One RFQ asks a dealer for a
 * partial size of a few units, so one unit of filled quantity is worth about one quote; the cap keeps a prior
 * from freezing an arm: whatever a dealer did in past orders, a handful of its quotes in this run outweigh it.
 *
 * <p>{@link #EMPTY} (the core's default) reads as no feedback file: every decision is made as without priors.
 */
public final class VenuePriors
{
    /** Filled quantity (instrument units) one bandit observation is worth. */
    public static final double QUANTITY_PER_OBSERVATION = 1.0;
    /** Most observations a prior is worth, however much quantity it rests on. */
    public static final double MAX_OBSERVATIONS = 5.0;
    /** A prior cost further from zero than this is not a venue's cost but a broken fit. */
    public static final double MAX_ABS_COST_BPS = 1_000.0;

    public static final VenuePriors EMPTY = new VenuePriors(new TreeMap<>());

    /** One venue's prior. */
    public record Prior(String venue, VenueKind kind, double costBps, double quantity)
    {
    }

    private final Map<String, Prior> byName;

    private VenuePriors(final Map<String, Prior> byName)
    {
        this.byName = Collections.unmodifiableMap(byName);
    }

    public static Builder builder()
    {
        return new Builder();
    }

    public boolean isEmpty()
    {
        return byName.isEmpty();
    }

    /** The venue's prior, or null when the feedback loop has none for it (its arm keeps the default prior). */
    public Prior prior(final String venue)
    {
        return byName.get(venue);
    }

    /** Venue names in order. */
    public List<String> venues()
    {
        return new ArrayList<>(byName.keySet());
    }

    /** How many bandit observations the venue's prior is worth; 0 without one. */
    public double observations(final String venue)
    {
        final Prior prior = byName.get(venue);
        return prior == null ? 0.0 : Math.min(prior.quantity() / QUANTITY_PER_OBSERVATION, MAX_OBSERVATIONS);
    }

    /**
     * Checks the priors against the venues a core trades and returns the names it does not trade, for the caller
     * to report. Those are not refused: one feedback file is refitted by runs over several worlds (eval over the
     * scenario library), so a dealer of one scenario is simply absent from another, and its prior waits for a core
     * that trades it. A prior of another kind than the core's venue of that name is refused by name: the file
     * belongs to another deployment or a venue was renamed, and an exchange's fills say nothing about a dealer.
     */
    public List<String> unknownVenues(final Map<String, VenueKind> venues)
    {
        final List<String> unknown = new ArrayList<>();
        for (final Prior prior : byName.values())
        {
            final VenueKind kind = venues.get(prior.venue());
            if (kind == null)
            {
                unknown.add(prior.venue());
            }
            else if (kind != prior.kind())
            {
                throw new IllegalArgumentException("venue prior '" + prior.venue() + "' is of kind " + prior.kind() +
                    " but the core's venue of that name is " + kind);
            }
        }
        return unknown;
    }

    @Override
    public String toString()
    {
        return "VenuePriors" + byName.values();
    }

    /** Collects priors; each is checked as it is added, and a refused one leaves the builder as it was. */
    public static final class Builder
    {
        private final Map<String, Prior> byName = new TreeMap<>();

        public Builder prior(final String venue, final VenueKind kind, final double costBps, final double quantity)
        {
            if (venue == null || venue.isBlank())
            {
                throw new IllegalArgumentException("a venue prior needs a venue name");
            }
            if (kind == null)
            {
                throw new IllegalArgumentException("venue prior '" + venue + "' needs a kind");
            }
            if (!(Math.abs(costBps) <= MAX_ABS_COST_BPS))
            {
                throw new IllegalArgumentException("venue prior '" + venue + "': costBps must be finite and within " +
                    "+-" + MAX_ABS_COST_BPS + ", was " + costBps);
            }
            if (!(quantity > 0.0) || !Double.isFinite(quantity))
            {
                throw new IllegalArgumentException("venue prior '" + venue + "': quantity must be positive and " +
                    "finite, was " + quantity);
            }
            if (byName.containsKey(venue))
            {
                throw new IllegalArgumentException("venue prior '" + venue + "' given twice");
            }
            byName.put(venue, new Prior(venue, kind, costBps, quantity));
            return this;
        }

        public VenuePriors build()
        {
            return byName.isEmpty() ? EMPTY : new VenuePriors(new TreeMap<>(byName));
        }
    }
}
