package io.slipway.sim.market;

import io.slipway.sim.EventScheduler;
import io.slipway.sim.SimEvent;

/** A venue outage: orders and cancels are refused and nothing is published for the duration. */
public final class OutageEvent implements SimEvent, MarketEvents.SchedulerAware
{
    private final SimulatedExchange venue;
    private final long durationNs;
    private EventScheduler scheduler;

    OutageEvent(final SimulatedExchange venue, final long durationNs)
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
        venue.beginOutage();
        scheduler.schedule(nowNs + durationNs, now -> venue.endOutage());
    }
}
