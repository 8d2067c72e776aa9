package io.slipway.sim.market;

import io.slipway.domain.Side;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;

/**
 * Price levels and resting orders of one instrument on one venue, price-time priority.
 *
 * <p>Each side keeps its active prices in a sorted {@code long[]} with the best price last, so
 * the common changes (at or near the touch) move few elements, and a primitive-keyed map from
 * price to level. Levels hold a FIFO of orders as an intrusive doubly linked list; orders and
 * levels are pooled, so steady-state matching does not allocate.
 *
 * <p>The book also remembers which prices changed since {@link #clearChanged()} and counts every
 * change in {@link #updateId()}, which is what a depth-diff publisher needs.
 */
public final class OrderBook
{
    /** A resting order. Fields are package-visible for the engine; treat as read-only elsewhere. */
    static final class Order
    {
        int owner;
        long clientOrderId;
        Side side;
        long price;
        long remaining;
        long filled;
        boolean postOnly;
        long sequence;
        Level level;
        Order prev;
        Order next;
    }

    static final class Level
    {
        long price;
        long quantity;
        int orderCount;
        Order head;
        Order tail;
    }

    /** Receives a changed price level: side, price, and its total resting quantity now (0 = gone). */
    @FunctionalInterface
    public interface LevelConsumer
    {
        void accept(Side side, long price, long quantity);
    }

    private final int instrumentId;
    private final BookSide bids = new BookSide(Side.BUY);
    private final BookSide asks = new BookSide(Side.SELL);
    private final Order[] orderPool = new Order[1024];
    private int orderPoolSize;
    private final Level[] levelPool = new Level[1024];
    private int levelPoolSize;
    private long updateId;
    private long sequence;

    public OrderBook(final int instrumentId)
    {
        this.instrumentId = instrumentId;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    /** Count of level changes so far; each resting-quantity change adds one. */
    public long updateId()
    {
        return updateId;
    }

    /** Best bid price, or {@link Long#MIN_VALUE} when there are no bids. */
    public long bestBid()
    {
        return bids.count == 0 ? Long.MIN_VALUE : bids.prices[bids.count - 1];
    }

    /** Best ask price, or {@link Long#MAX_VALUE} when there are no asks. */
    public long bestAsk()
    {
        return asks.count == 0 ? Long.MAX_VALUE : asks.prices[asks.count - 1];
    }

    public long bestBidQuantity()
    {
        return bids.count == 0 ? 0 : bids.levels.get(bids.prices[bids.count - 1]).quantity;
    }

    public long bestAskQuantity()
    {
        return asks.count == 0 ? 0 : asks.levels.get(asks.prices[asks.count - 1]).quantity;
    }

    public int levelCount(final Side side)
    {
        return side(side).count;
    }

    /** Price of the n-th level from the touch (0 = best). */
    public long levelPrice(final Side side, final int n)
    {
        final BookSide s = side(side);
        if (n < 0 || n >= s.count)
        {
            throw new IndexOutOfBoundsException("level " + n + " of " + s.count);
        }
        return s.prices[s.count - 1 - n];
    }

    /** Total resting quantity at a price, 0 when there is no level. */
    public long quantityAt(final Side side, final long price)
    {
        final Level level = side(side).levels.get(price);
        return level == null ? 0 : level.quantity;
    }

    public int orderCountAt(final Side side, final long price)
    {
        final Level level = side(side).levels.get(price);
        return level == null ? 0 : level.orderCount;
    }

    /** Resting quantity on a side at prices within maxDistance price units of a reference (e.g. a mid). */
    public long quantityWithin(final Side side, final long reference, final long maxDistance)
    {
        final BookSide s = side(side);
        long total = 0;
        for (int i = s.count - 1; i >= 0; i--)
        {
            final long price = s.prices[i];
            if (Math.abs(price - reference) > maxDistance)
            {
                break;
            }
            total += s.levels.get(price).quantity;
        }
        return total;
    }

    /** Visits every price whose quantity changed since the last {@link #clearChanged()}, best first. */
    public int forEachChanged(final Side side, final LevelConsumer consumer)
    {
        final BookSide s = side(side);
        final int n = s.changedCount;
        if (n == 0)
        {
            return 0;
        }
        Arrays.sort(s.changed, 0, n);
        // Sorted ascending; bids are reported best (highest) first, asks best (lowest) first.
        long last = 0;
        int visited = 0;
        for (int k = 0; k < n; k++)
        {
            final int i = side == Side.BUY ? n - 1 - k : k;
            final long price = s.changed[i];
            if (visited > 0 && price == last)
            {
                continue;
            }
            final Level level = s.levels.get(price);
            consumer.accept(side, price, level == null ? 0 : level.quantity);
            last = price;
            visited++;
        }
        return visited;
    }

    public boolean hasChanges()
    {
        return bids.changedCount > 0 || asks.changedCount > 0;
    }

    public void clearChanged()
    {
        bids.changedCount = 0;
        asks.changedCount = 0;
    }

    BookSide side(final Side side)
    {
        return side == Side.BUY ? bids : asks;
    }

    /** Appends a new resting order at the back of its price level. */
    Order rest(final int owner, final long clientOrderId, final Side side, final long price, final long quantity)
    {
        return rest(owner, clientOrderId, side, price, quantity, 0, false);
    }

    /** Appends a resting order that has already filled some quantity (filled) at the back of its level. */
    Order rest(
        final int owner,
        final long clientOrderId,
        final Side side,
        final long price,
        final long quantity,
        final long filled,
        final boolean postOnly)
    {
        final BookSide s = side(side);
        Level level = s.levels.get(price);
        if (level == null)
        {
            level = newLevel(price);
            s.insert(price, level);
        }
        final Order order = newOrder();
        order.owner = owner;
        order.clientOrderId = clientOrderId;
        order.side = side;
        order.price = price;
        order.remaining = quantity;
        order.filled = filled;
        order.postOnly = postOnly;
        order.sequence = ++sequence;
        order.level = level;
        order.prev = level.tail;
        order.next = null;
        if (level.tail == null)
        {
            level.head = order;
        }
        else
        {
            level.tail.next = order;
        }
        level.tail = order;
        level.orderCount++;
        level.quantity += quantity;
        s.markChanged(price);
        updateId++;
        return order;
    }

    /**
     * Lowers a resting order's remaining quantity in place (a replace down at the same price), so it
     * keeps its time priority; newRemaining must be positive and below the current remainder.
     */
    void shrink(final Order order, final long newRemaining)
    {
        order.level.quantity -= order.remaining - newRemaining;
        order.remaining = newRemaining;
        side(order.side).markChanged(order.price);
        updateId++;
    }

    /** Reduces a resting order by quantity (a fill); removes it when nothing remains. */
    void reduce(final Order order, final long quantity)
    {
        order.remaining -= quantity;
        order.filled += quantity;
        final Level level = order.level;
        level.quantity -= quantity;
        final BookSide s = side(order.side);
        s.markChanged(order.price);
        updateId++;
        if (order.remaining == 0)
        {
            unlink(s, order);
        }
    }

    /** Takes a resting order out of the book; returns the quantity it still had. */
    long remove(final Order order)
    {
        final long remaining = order.remaining;
        final BookSide s = side(order.side);
        order.level.quantity -= remaining;
        order.remaining = 0;
        s.markChanged(order.price);
        updateId++;
        unlink(s, order);
        return remaining;
    }

    /** The oldest order at the best price of a side, or null when the side is empty. */
    Order bestOrder(final Side side)
    {
        final BookSide s = side(side);
        return s.count == 0 ? null : s.levels.get(s.prices[s.count - 1]).head;
    }

    private void unlink(final BookSide s, final Order order)
    {
        final Level level = order.level;
        if (order.prev == null)
        {
            level.head = order.next;
        }
        else
        {
            order.prev.next = order.next;
        }
        if (order.next == null)
        {
            level.tail = order.prev;
        }
        else
        {
            order.next.prev = order.prev;
        }
        level.orderCount--;
        if (level.orderCount == 0)
        {
            s.delete(level.price);
            releaseLevel(level);
        }
        order.level = null;
        order.prev = null;
        order.next = null;
        releaseOrder(order);
    }

    private Order newOrder()
    {
        return orderPoolSize == 0 ? new Order() : orderPool[--orderPoolSize];
    }

    private void releaseOrder(final Order order)
    {
        if (orderPoolSize < orderPool.length)
        {
            orderPool[orderPoolSize++] = order;
        }
    }

    private Level newLevel(final long price)
    {
        final Level level = levelPoolSize == 0 ? new Level() : levelPool[--levelPoolSize];
        level.price = price;
        level.quantity = 0;
        level.orderCount = 0;
        level.head = null;
        level.tail = null;
        return level;
    }

    private void releaseLevel(final Level level)
    {
        if (levelPoolSize < levelPool.length)
        {
            levelPool[levelPoolSize++] = level;
        }
    }

    /** One side: sorted active prices (best last) and the level behind each. */
    static final class BookSide
    {
        final Side side;
        final Long2ObjectHashMap<Level> levels = new Long2ObjectHashMap<>();
        long[] prices = new long[256];
        int count;
        long[] changed = new long[256];
        int changedCount;

        BookSide(final Side side)
        {
            this.side = side;
        }

        /** Position key: ascending for bids, descending for asks, so the best price is always last. */
        private long key(final long price)
        {
            return side == Side.BUY ? price : -price;
        }

        private int search(final long price)
        {
            final long k = key(price);
            int lo = 0;
            int hi = count - 1;
            while (lo <= hi)
            {
                final int mid = (lo + hi) >>> 1;
                final long m = key(prices[mid]);
                if (m < k)
                {
                    lo = mid + 1;
                }
                else if (m > k)
                {
                    hi = mid - 1;
                }
                else
                {
                    return mid;
                }
            }
            return -(lo + 1);
        }

        void insert(final long price, final Level level)
        {
            final int found = search(price);
            final int at = -(found + 1);
            if (count == prices.length)
            {
                prices = Arrays.copyOf(prices, count * 2);
            }
            System.arraycopy(prices, at, prices, at + 1, count - at);
            prices[at] = price;
            count++;
            levels.put(price, level);
        }

        void delete(final long price)
        {
            final int at = search(price);
            System.arraycopy(prices, at + 1, prices, at, count - at - 1);
            count--;
            levels.remove(price);
        }

        void markChanged(final long price)
        {
            if (changedCount > 0 && changed[changedCount - 1] == price)
            {
                return;
            }
            if (changedCount == changed.length)
            {
                compactChanged();
                if (changedCount > changed.length / 2)
                {
                    changed = Arrays.copyOf(changed, changed.length * 2);
                }
            }
            changed[changedCount++] = price;
        }

        private void compactChanged()
        {
            Arrays.sort(changed, 0, changedCount);
            int w = 0;
            for (int r = 0; r < changedCount; r++)
            {
                if (w == 0 || changed[w - 1] != changed[r])
                {
                    changed[w++] = changed[r];
                }
            }
            changedCount = w;
        }
    }
}
