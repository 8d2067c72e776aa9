package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.venue.MarketDataSink;

/** A simulated market on its own scheduler, with a {@link WorldProbe} on its feed and reports. */
final class SimWorld
{
    final SimulatedMarket market;
    final EventScheduler scheduler;
    final WorldProbe probe;

    SimWorld(final SimulatedMarket.Context ctx)
    {
        this(ctx, new WorldProbe());
    }

    SimWorld(final SimulatedMarket.Context ctx, final WorldProbe probe)
    {
        this(ctx, probe, null);
    }

    /** Feeds market data to the probe and then to also (when not null). */
    SimWorld(final SimulatedMarket.Context ctx, final WorldProbe probe, final MarketDataSink also)
    {
        this.market = new SimulatedMarket(ctx);
        this.scheduler = new EventScheduler(ctx.startTimeNs());
        this.probe = probe;
        final MarketDataSink sink = also == null ? probe : (channel, buffer, offset, length) ->
        {
            probe.onSbeMessage(channel, buffer, offset, length);
            also.onSbeMessage(channel, buffer, offset, length);
        };
        market.start(scheduler, sink, probe);
    }

    /** Runs every event due up to now + durationNs and leaves the clock there. */
    void runFor(final long durationNs)
    {
        final long end = scheduler.nowNs() + durationNs;
        while (scheduler.runNext(end))
        {
            // Events fire in time order.
        }
        scheduler.advanceTo(end);
    }

    void runUntil(final long timeNs)
    {
        runFor(timeNs - scheduler.nowNs());
    }

    SimulatedExchange exchange(final String name)
    {
        return market.exchanges().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    static double bookMid(final OrderBook book, final Instrument instrument)
    {
        return instrument.priceToDouble(book.bestBid() + book.bestAsk()) / 2;
    }

    /** Resting USD on a side within maxBps of the latent mid. */
    double depthUsd(final SimulatedExchange venue, final Instrument instrument, final Side side, final double maxBps)
    {
        final double mid = market.latentMid(instrument);
        final long within = venue.book(instrument).quantityWithin(side, instrument.priceFromDouble(mid),
            instrument.priceFromDouble(mid * maxBps * 1e-4));
        return instrument.qtyToDouble(within) * mid;
    }
}
