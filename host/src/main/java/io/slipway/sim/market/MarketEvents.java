package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.SimEvent;
import io.slipway.sim.SplittableRandomSource;
import io.slipway.sim.scenario.EventSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The scripted events of a simulated world, built from {@link EventSpec}s: each becomes one or
 * more actors (a {@link LiquidityFlushEvent}, {@link SpoofingAgent}, {@link QuoteStuffer},
 * {@link VenueSpell}: outage or stale feed) scheduled at the world's start + atSeconds.
 *
 * <p>Agents that trade get their own owner id on the venue, {@link #OWNER_BASE} + 16 x event
 * index + instrument id, and their own random stream {@code events/<index>/<venue>/<symbol>}.
 */
public final class MarketEvents
{
    public static final int OWNER_BASE = 64;

    private final List<Scheduled> scheduled = new ArrayList<>();
    private final List<SpoofingAgent> spoofers = new ArrayList<>();
    private final List<QuoteStuffer> stuffers = new ArrayList<>();
    private final List<LiquidityFlushEvent> flushes = new ArrayList<>();

    private record Scheduled(double atSeconds, SimEvent event)
    {
    }

    MarketEvents(final SimulatedMarket market, final List<EventSpec> specs, final SplittableRandomSource randomness)
    {
        for (int index = 0; index < specs.size(); index++)
        {
            final EventSpec spec = specs.get(index);
            if (spec instanceof EventSpec.LiquidityFlush flush)
            {
                final LiquidityFlushEvent event = new LiquidityFlushEvent(market, flush);
                flushes.add(event);
                scheduled.add(new Scheduled(flush.atSeconds(), event));
            }
            else if (spec instanceof EventSpec.Spoofing spoofing)
            {
                for (final int flowIndex : flowsOf(market, spoofing.venue(), spoofing.instrument()))
                {
                    final SpoofingAgent agent = new SpoofingAgent(market, flowIndex, spoofing,
                        owner(index, market.flows().get(flowIndex).instrumentId()));
                    spoofers.add(agent);
                    scheduled.add(new Scheduled(spoofing.atSeconds(), agent));
                }
            }
            else if (spec instanceof EventSpec.QuoteStuffing stuffing)
            {
                for (final int flowIndex : flowsOf(market, stuffing.venue(), stuffing.instrument()))
                {
                    final SimulatedExchange venue = market.flowVenue(flowIndex);
                    final ExogenousFlow flow = market.flows().get(flowIndex);
                    final String symbol = market.instruments().stream()
                        .filter(i -> i.id() == flow.instrumentId()).findFirst().orElseThrow().symbol();
                    final QuoteStuffer stuffer = new QuoteStuffer(market, flowIndex, stuffing,
                        owner(index, flow.instrumentId()),
                        randomness.stream("events/" + index + "/" + venue.name() + "/" + symbol));
                    stuffers.add(stuffer);
                    scheduled.add(new Scheduled(stuffing.atSeconds(), stuffer));
                }
            }
            else if (spec instanceof EventSpec.VenueOutage outage)
            {
                scheduled.add(new Scheduled(outage.atSeconds(), VenueSpell.outage(exchange(market, outage.venue()),
                    seconds(outage.durationSeconds()))));
            }
            else if (spec instanceof EventSpec.StaleFeed stale)
            {
                scheduled.add(new Scheduled(stale.atSeconds(), VenueSpell.staleFeed(exchange(market, stale.venue()),
                    seconds(stale.durationSeconds()))));
            }
        }
    }

    private static int owner(final int index, final int instrumentId)
    {
        return OWNER_BASE + 16 * index + instrumentId;
    }

    static long seconds(final double seconds)
    {
        return Math.round(seconds * 1e9);
    }

    /** Schedules every event at startNs + its atSeconds. */
    void schedule(final EventScheduler scheduler, final long startNs)
    {
        for (final Scheduled s : scheduled)
        {
            if (s.event() instanceof SchedulerAware aware)
            {
                aware.scheduler(scheduler);
            }
            scheduler.schedule(startNs + seconds(s.atSeconds()), s.event());
        }
    }

    /** Events that schedule follow-up work of their own. */
    interface SchedulerAware
    {
        void scheduler(EventScheduler scheduler);
    }

    /** Indices into the market's flows of a venue (null = all) and instrument (null = all). */
    static List<Integer> flowsOf(final SimulatedMarket market, final String venue, final String instrument)
    {
        final List<Integer> result = new ArrayList<>();
        for (int i = 0; i < market.flows().size(); i++)
        {
            final SimulatedExchange exchange = market.flowVenue(i);
            final int instrumentId = market.flows().get(i).instrumentId();
            final boolean venueMatches = venue == null || exchange.name().equals(venue);
            final boolean instrumentMatches = instrument == null ||
                market.instruments().stream().anyMatch(x -> x.id() == instrumentId && x.symbol().equals(instrument));
            if (venueMatches && instrumentMatches)
            {
                result.add(i);
            }
        }
        return result;
    }

    private static SimulatedExchange exchange(final SimulatedMarket market, final String venue)
    {
        for (final SimulatedExchange exchange : market.exchanges())
        {
            if (exchange.name().equals(venue))
            {
                return exchange;
            }
        }
        throw new IllegalArgumentException("venue: not in this world " + venue);
    }

    /** Checks that every event names venues and instruments of this world; messages name the field. */
    static void validate(final List<EventSpec> events, final List<String> venues, final List<Instrument> instruments)
    {
        for (int i = 0; i < events.size(); i++)
        {
            final EventSpec event = events.get(i);
            if (event == null)
            {
                throw new IllegalArgumentException("events[" + i + "]: null");
            }
            final String venue;
            final String instrument;
            if (event instanceof EventSpec.LiquidityFlush e)
            {
                venue = e.venue();
                instrument = e.instrument();
            }
            else if (event instanceof EventSpec.Spoofing e)
            {
                venue = e.venue();
                instrument = e.instrument();
            }
            else if (event instanceof EventSpec.QuoteStuffing e)
            {
                venue = e.venue();
                instrument = e.instrument();
            }
            else if (event instanceof EventSpec.VenueOutage e)
            {
                venue = e.venue();
                instrument = null;
            }
            else
            {
                venue = ((EventSpec.StaleFeed)event).venue();
                instrument = null;
            }
            if (venue != null && !venues.contains(venue))
            {
                throw new IllegalArgumentException("events[" + i + "].venue: unknown venue '" + venue +
                    "' (this world has " + venues + ")");
            }
            if (instrument != null && instruments.stream().noneMatch(x -> x.symbol().equals(instrument)))
            {
                throw new IllegalArgumentException("events[" + i + "].instrument: unknown instrument '" + instrument +
                    "' (this world has " + instruments.stream().map(Instrument::symbol).toList() + ")");
            }
        }
    }

    public List<SpoofingAgent> spoofers()
    {
        return Collections.unmodifiableList(spoofers);
    }

    public List<QuoteStuffer> stuffers()
    {
        return Collections.unmodifiableList(stuffers);
    }

    public List<LiquidityFlushEvent> flushes()
    {
        return Collections.unmodifiableList(flushes);
    }
}
