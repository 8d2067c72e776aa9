package io.slipway.sim;

import io.slipway.venue.MarketDataSink;
import io.slipway.venue.Venue;
import io.slipway.venue.VenueListener;

import java.util.List;

/** A market the appliance can run against on the simulated clock: simulated or replayed. */
public interface MarketWorld
{
    /** Connects the venues and schedules the world from the scheduler's time; call once. */
    void start(EventScheduler scheduler, MarketDataSink marketDataSink, VenueListener venueListener);

    List<Venue> venues();

    /** Time at which the world starts; the scheduler should start there. */
    long startTimeNs();

    /** What every result from this world must say about its limits, or an empty string. */
    String disclaimer();
}
