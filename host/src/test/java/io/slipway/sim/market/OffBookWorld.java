package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.venue.QuoteListener;
import io.slipway.venue.Venue;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/** A simulated market with dealers and pools, a probe on its feeds and reports, and the quotes it got. */
final class OffBookWorld implements QuoteListener
{
    final SimulatedMarket market;
    final EventScheduler scheduler;
    final WorldProbe probe = new WorldProbe();
    final List<long[]> quotes = new ArrayList<>();
    final List<String> declines = new ArrayList<>();
    QuoteListener onQuote = QuoteListener.NONE;

    OffBookWorld(final SimulatedMarket.Context ctx)
    {
        market = new SimulatedMarket(ctx);
        scheduler = new EventScheduler(ctx.startTimeNs());
        market.quoteListener(this);
        market.start(scheduler, probe, probe);
    }

    void runFor(final long durationNs)
    {
        runUntil(scheduler.nowNs() + durationNs);
    }

    void runUntil(final long end)
    {
        while (scheduler.runNext(end))
        {
            // Events fire in time order.
        }
        scheduler.advanceTo(end);
    }

    void send(final Venue venue, final Instrument instrument, final long id, final Side side, final OrderType type,
        final long price, final long quantity)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final int length = venue.orderEntryEncoder().encodeNew(buffer, 0, id, instrument, side, type, price, quantity);
        venue.onOrderMessage(buffer, 0, length);
    }

    @Override
    public void onQuote(final int venue, final long rfqId, final long price, final long quantity,
        final long validUntilNs)
    {
        quotes.add(new long[]{venue, rfqId, price, quantity, validUntilNs, scheduler.nowNs()});
        probe.reports.add("quote " + venue + " " + rfqId + " " + quantity + "@" + price + " until " + validUntilNs);
        onQuote.onQuote(venue, rfqId, price, quantity, validUntilNs);
    }

    @Override
    public void onQuoteDeclined(final int venue, final long rfqId, final String reason)
    {
        declines.add(reason);
        probe.reports.add("declined " + venue + " " + rfqId + " " + reason);
        onQuote.onQuoteDeclined(venue, rfqId, reason);
    }
}
