package io.slipway.sim.market;

import io.slipway.venue.VenueOrderStatus;
import io.slipway.venue.VenueStatusQuery;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;
import java.util.List;

/**
 * A simulated venue's record of the host's orders, kept at the moment the venue acts (arrival,
 * match, done), not when its reports reach the host: it is the venue's truth that a recovering
 * appliance reconciles against. It can be told to fail status queries, as a venue whose status
 * service answers 5xx does.
 */
public final class HostOrderLedger implements VenueStatusQuery
{
    private final Long2ObjectHashMap<Entry> orders = new Long2ObjectHashMap<>();
    private final LongArrayList orderIds = new LongArrayList();
    private int failingQueries;
    private long failedQueries;

    private static final class Entry
    {
        long quantity;
        int received;
        VenueOrderStatus.State state = VenueOrderStatus.State.OPEN;
        final List<VenueOrderStatus.Fill> fills = new ArrayList<>(2);
        long released;
        String reason;
    }

    /** A new-order message reached the venue (counted even when refused, so duplicates show). */
    void onReceived(final long clientOrderId, final long quantity)
    {
        Entry entry = orders.get(clientOrderId);
        if (entry == null)
        {
            entry = new Entry();
            entry.quantity = quantity;
            orders.put(clientOrderId, entry);
            orderIds.addLong(clientOrderId);
        }
        entry.received++;
    }

    /** New-order messages with this id that reached the venue so far; the venue's own read, never failed. */
    int received(final long clientOrderId)
    {
        final Entry entry = orders.get(clientOrderId);
        return entry == null ? 0 : entry.received;
    }

    void onRefused(final long clientOrderId, final String reason)
    {
        final Entry entry = orders.get(clientOrderId);
        // A duplicate id is refused without touching the order that holds it.
        if (entry != null && entry.received == 1)
        {
            entry.state = VenueOrderStatus.State.REJECTED;
            entry.reason = reason;
        }
    }

    void onFill(final long clientOrderId, final long price, final long quantity, final double fee, final boolean maker)
    {
        final Entry entry = orders.get(clientOrderId);
        if (entry != null)
        {
            entry.fills.add(new VenueOrderStatus.Fill(price, quantity, fee, maker));
        }
    }

    void onDone(final long clientOrderId, final long releasedQuantity)
    {
        final Entry entry = orders.get(clientOrderId);
        if (entry != null)
        {
            entry.state = VenueOrderStatus.State.DONE;
            entry.released = releasedQuantity;
        }
    }

    /** Makes the next {@code count} status queries answer {@link VenueOrderStatus.State#UNAVAILABLE}. */
    public void failNextQueries(final int count)
    {
        if (count < 0)
        {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        failingQueries = count;
    }

    /** Queries answered UNAVAILABLE so far. */
    public long failedQueries()
    {
        return failedQueries;
    }

    @Override
    public VenueOrderStatus status(final long clientOrderId)
    {
        if (failingQueries > 0)
        {
            failingQueries--;
            failedQueries++;
            return VenueOrderStatus.unavailable();
        }
        final Entry entry = orders.get(clientOrderId);
        if (entry == null)
        {
            return VenueOrderStatus.notFound();
        }
        return new VenueOrderStatus(entry.state, entry.quantity, List.copyOf(entry.fills), entry.released,
            entry.reason, entry.received);
    }

    @Override
    public long[] hostOrderIds()
    {
        return orderIds.toLongArray();
    }
}
