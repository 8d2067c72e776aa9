package io.slipway.app;

import io.slipway.venue.VenueListener;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.function.Consumer;

/**
 * Venue sessions (any thread) report here; the core agent drains in its own order. A full queue
 * means the core has stalled: the venue thread spins rather than lose a fill.
 */
public final class VenueReportQueue implements VenueListener
{
    private final ManyToOneConcurrentArrayQueue<VenueReport> queue;

    public VenueReportQueue(final int capacity)
    {
        queue = new ManyToOneConcurrentArrayQueue<>(capacity);
    }

    public int drain(final Consumer<VenueReport> consumer, final int limit)
    {
        return queue.drain(consumer, limit);
    }

    @Override
    public void onAccepted(final int venue, final long clientOrderId)
    {
        offer(new VenueReport(VenueReport.Kind.ACCEPTED, venue, clientOrderId, 0, 0, 0, false, null));
    }

    @Override
    public void onRejected(final int venue, final long clientOrderId, final String reason)
    {
        offer(new VenueReport(VenueReport.Kind.REJECTED, venue, clientOrderId, 0, 0, 0, false, reason));
    }

    @Override
    public void onFill(final int venue, final long clientOrderId, final long price, final long quantity,
        final double fee, final boolean maker)
    {
        offer(new VenueReport(VenueReport.Kind.FILL, venue, clientOrderId, price, quantity, fee, maker, null));
    }

    @Override
    public void onDone(final int venue, final long clientOrderId, final long releasedQuantity)
    {
        offer(new VenueReport(VenueReport.Kind.DONE, venue, clientOrderId, 0, releasedQuantity, 0, false, null));
    }

    private void offer(final VenueReport report)
    {
        while (!queue.offer(report))
        {
            Thread.onSpinWait();
        }
    }
}
