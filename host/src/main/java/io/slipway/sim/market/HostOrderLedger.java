package io.slipway.sim.market;

import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
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
 *
 * <p>Every change can be handed to a {@link Recorder} as it happens, before any report of it
 * leaves the venue, and the same changes can be applied again ({@code restore...}) to rebuild the
 * ledger of a venue process that died: the market process keeps its venues' truth that way.
 */
public final class HostOrderLedger implements VenueStatusQuery
{
    /** Told of every change to the ledger, in order, as it happens. */
    public interface Recorder
    {
        void onReceived(long clientOrderId, int instrumentId, Side side, OrderType type, long price, long quantity);

        void onRefused(long clientOrderId, String reason);

        void onFill(long clientOrderId, long price, long quantity, double fee, boolean maker);

        void onDone(long clientOrderId, long releasedQuantity);
    }

    /** An order the venue holds open, with the terms it needs to rest again. */
    public record OpenOrder(long clientOrderId, int instrumentId, Side side, OrderType type, long price,
        long quantity, long filled)
    {
        public long remaining()
        {
            return quantity - filled;
        }
    }

    private static final Recorder NO_RECORDER = new Recorder()
    {
        public void onReceived(final long clientOrderId, final int instrumentId, final Side side, final OrderType type,
            final long price, final long quantity)
        {
        }

        public void onRefused(final long clientOrderId, final String reason)
        {
        }

        public void onFill(final long clientOrderId, final long price, final long quantity, final double fee,
            final boolean maker)
        {
        }

        public void onDone(final long clientOrderId, final long releasedQuantity)
        {
        }
    };

    private final Long2ObjectHashMap<Entry> orders = new Long2ObjectHashMap<>();
    private final LongArrayList orderIds = new LongArrayList();
    private Recorder recorder = NO_RECORDER;
    private int failingQueries;
    private long failedQueries;

    private static final class Entry
    {
        long quantity;
        int received;
        int instrumentId;
        Side side;
        OrderType type;
        long price;
        VenueOrderStatus.State state = VenueOrderStatus.State.OPEN;
        final List<VenueOrderStatus.Fill> fills = new ArrayList<>(2);
        long released;
        String reason;
    }

    /** Who is told of every change from now on (null for nobody). */
    public void recorder(final Recorder recorder)
    {
        this.recorder = recorder == null ? NO_RECORDER : recorder;
    }

    /** A new-order message reached the venue (counted even when refused, so duplicates show). */
    void onReceived(final long clientOrderId, final int instrumentId, final Side side, final OrderType type,
        final long price, final long quantity)
    {
        recorder.onReceived(clientOrderId, instrumentId, side, type, price, quantity);
        restoreReceived(clientOrderId, instrumentId, side, type, price, quantity);
    }

    void onRefused(final long clientOrderId, final String reason)
    {
        recorder.onRefused(clientOrderId, reason);
        restoreRefused(clientOrderId, reason);
    }

    void onFill(final long clientOrderId, final long price, final long quantity, final double fee, final boolean maker)
    {
        recorder.onFill(clientOrderId, price, quantity, fee, maker);
        restoreFill(clientOrderId, price, quantity, fee, maker);
    }

    void onDone(final long clientOrderId, final long releasedQuantity)
    {
        recorder.onDone(clientOrderId, releasedQuantity);
        restoreDone(clientOrderId, releasedQuantity);
    }

    /** Applies a recorded arrival again; the recorder is not told. */
    public void restoreReceived(final long clientOrderId, final int instrumentId, final Side side, final OrderType type,
        final long price, final long quantity)
    {
        Entry entry = orders.get(clientOrderId);
        if (entry == null)
        {
            entry = new Entry();
            entry.quantity = quantity;
            entry.instrumentId = instrumentId;
            entry.side = side;
            entry.type = type;
            entry.price = price;
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

    /** Applies a recorded refusal again; the recorder is not told. */
    public void restoreRefused(final long clientOrderId, final String reason)
    {
        final Entry entry = orders.get(clientOrderId);
        // A duplicate id is refused without touching the order that holds it.
        if (entry != null && entry.received == 1)
        {
            entry.state = VenueOrderStatus.State.REJECTED;
            entry.reason = reason;
        }
    }

    /** Applies a recorded fill again; the recorder is not told. */
    public void restoreFill(final long clientOrderId, final long price, final long quantity, final double fee,
        final boolean maker)
    {
        final Entry entry = orders.get(clientOrderId);
        if (entry != null)
        {
            entry.fills.add(new VenueOrderStatus.Fill(price, quantity, fee, maker));
        }
    }

    /** Applies a recorded end again; the recorder is not told. */
    public void restoreDone(final long clientOrderId, final long releasedQuantity)
    {
        final Entry entry = orders.get(clientOrderId);
        if (entry != null)
        {
            entry.state = VenueOrderStatus.State.DONE;
            entry.released = releasedQuantity;
        }
    }

    /** Whether a new order under this id already reached the venue. */
    public boolean holds(final long clientOrderId)
    {
        return orders.containsKey(clientOrderId);
    }

    /** The orders still OPEN, in arrival order, with what each needs to rest again. */
    public List<OpenOrder> openOrders()
    {
        final List<OpenOrder> open = new ArrayList<>();
        for (int i = 0; i < orderIds.size(); i++)
        {
            final long id = orderIds.getLong(i);
            final Entry entry = orders.get(id);
            if (entry.state == VenueOrderStatus.State.OPEN)
            {
                long filled = 0;
                for (final VenueOrderStatus.Fill fill : entry.fills)
                {
                    filled += fill.quantity();
                }
                open.add(new OpenOrder(id, entry.instrumentId, entry.side, entry.type, entry.price, entry.quantity,
                    filled));
            }
        }
        return open;
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
