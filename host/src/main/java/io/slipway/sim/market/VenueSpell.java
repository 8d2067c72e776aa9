package io.slipway.sim.market;

import io.slipway.sim.EventScheduler;
import io.slipway.sim.SimEvent;

import java.util.function.Consumer;

/**
 * A condition a venue is in for a while, then out of: an outage (orders and cancels refused,
 * nothing published) or a stale feed (matching goes on, nothing published; the first depth diff
 * afterwards carries every level that changed and chains by update id, so a consumer sees a
 * silence, not a gap, and trades of the pause are never published).
 */
public final class VenueSpell implements SimEvent, MarketEvents.SchedulerAware
{
    private final SimulatedExchange venue;
    private final long durationNs;
    private final Consumer<SimulatedExchange> begin;
    private final Consumer<SimulatedExchange> end;
    private EventScheduler scheduler;

    private VenueSpell(final SimulatedExchange venue, final long durationNs, final Consumer<SimulatedExchange> begin,
        final Consumer<SimulatedExchange> end)
    {
        this.venue = venue;
        this.durationNs = durationNs;
        this.begin = begin;
        this.end = end;
    }

    static VenueSpell outage(final SimulatedExchange venue, final long durationNs)
    {
        return new VenueSpell(venue, durationNs, SimulatedExchange::beginOutage, SimulatedExchange::endOutage);
    }

    static VenueSpell staleFeed(final SimulatedExchange venue, final long durationNs)
    {
        return new VenueSpell(venue, durationNs, SimulatedExchange::pauseFeed, SimulatedExchange::resumeFeed);
    }

    @Override
    public void scheduler(final EventScheduler scheduler)
    {
        this.scheduler = scheduler;
    }

    @Override
    public void fire(final long nowNs)
    {
        begin.accept(venue);
        scheduler.schedule(nowNs + durationNs, now -> end.accept(venue));
    }
}
