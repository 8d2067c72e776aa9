package io.slipway.sim.market;

import io.slipway.sim.EventScheduler;
import io.slipway.sim.SimEvent;

/**
 * A stale feed: the venue keeps matching but publishes nothing for the duration. The first depth
 * diff afterwards carries every level that changed meanwhile and chains by update id, so a
 * consumer sees a silence, not a gap; trades of the pause are never published.
 */
public final class StaleFeedEvent implements SimEvent, MarketEvents.SchedulerAware
{
    private final SimulatedExchange venue;
    private final long durationNs;
    private EventScheduler scheduler;

    StaleFeedEvent(final SimulatedExchange venue, final long durationNs)
    {
        this.venue = venue;
        this.durationNs = durationNs;
    }

    @Override
    public void scheduler(final EventScheduler scheduler)
    {
        this.scheduler = scheduler;
    }

    @Override
    public void fire(final long nowNs)
    {
        venue.pauseFeed();
        scheduler.schedule(nowNs + durationNs, now -> venue.resumeFeed());
    }
}
