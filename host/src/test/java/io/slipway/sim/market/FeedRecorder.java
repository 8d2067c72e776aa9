package io.slipway.sim.market;

import io.slipway.domain.Side;
import io.slipway.venue.MarketDataSink;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes the SBE depth diffs of one channel as a consumer would: keeps every diff (event time,
 * update ids, levels) and the book rebuilt from them.
 */
final class FeedRecorder implements MarketDataSink
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** One depth diff: event time in microseconds, first and last update id, and its levels. */
    record Diff(long eventTimeUs, long firstUpdateId, long lastUpdateId, long[] bidPrices, long[] bidQtys,
        long[] askPrices, long[] askQtys)
    {
        int levels()
        {
            return bidPrices.length + askPrices.length;
        }
    }

    final int channel;
    final List<Diff> diffs = new ArrayList<>();
    final List<Long> messageTimesUs = new ArrayList<>();
    final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
    final TreeMap<Long, Long> asks = new TreeMap<>();

    FeedRecorder(final int channel)
    {
        this.channel = channel;
    }

    @Override
    public void onSbeMessage(final int channel, final DirectBuffer buffer, final int offset, final int length)
    {
        if (channel != this.channel)
        {
            return;
        }
        final int root = offset + BinanceSbeEncoder.HEADER_LENGTH;
        messageTimesUs.add(buffer.getLong(root, LE));
        if ((buffer.getShort(offset + 2, LE) & 0xFFFF) != BinanceSbeEncoder.DEPTH_DIFF_TEMPLATE_ID)
        {
            return;
        }
        int position = root + BinanceSbeEncoder.DEPTH_DIFF_BLOCK_LENGTH;
        final int bidCount = buffer.getShort(position + 2, LE) & 0xFFFF;
        final long[] bidPrices = new long[bidCount];
        final long[] bidQtys = new long[bidCount];
        position += 4;
        for (int i = 0; i < bidCount; i++, position += 16)
        {
            bidPrices[i] = buffer.getLong(position, LE);
            bidQtys[i] = buffer.getLong(position + 8, LE);
            apply(bids, bidPrices[i], bidQtys[i]);
        }
        final int askCount = buffer.getShort(position + 2, LE) & 0xFFFF;
        final long[] askPrices = new long[askCount];
        final long[] askQtys = new long[askCount];
        position += 4;
        for (int i = 0; i < askCount; i++, position += 16)
        {
            askPrices[i] = buffer.getLong(position, LE);
            askQtys[i] = buffer.getLong(position + 8, LE);
            apply(asks, askPrices[i], askQtys[i]);
        }
        diffs.add(new Diff(buffer.getLong(root, LE), buffer.getLong(root + 8, LE), buffer.getLong(root + 16, LE),
            bidPrices, bidQtys, askPrices, askQtys));
    }

    private static void apply(final Map<Long, Long> side, final long price, final long quantity)
    {
        if (quantity == 0)
        {
            side.remove(price);
        }
        else
        {
            side.put(price, quantity);
        }
    }

    /** Whether the rebuilt book equals the venue's book level for level. */
    boolean matches(final OrderBook book)
    {
        return matches(book, Side.BUY, bids) && matches(book, Side.SELL, asks);
    }

    private static boolean matches(final OrderBook book, final Side side, final TreeMap<Long, Long> levels)
    {
        if (book.levelCount(side) != levels.size())
        {
            return false;
        }
        int n = 0;
        for (final Map.Entry<Long, Long> level : levels.entrySet())
        {
            final long price = book.levelPrice(side, n++);
            if (price != level.getKey() || book.quantityAt(side, price) != level.getValue())
            {
                return false;
            }
        }
        return true;
    }

    /** Diffs with event time in [fromNs, toNs). */
    List<Diff> between(final long fromNs, final long toNs)
    {
        return diffs.stream().filter(d -> d.eventTimeUs() * 1_000 >= fromNs && d.eventTimeUs() * 1_000 < toNs)
            .toList();
    }

    long messagesBetween(final long fromNs, final long toNs)
    {
        return messageTimesUs.stream().filter(t -> t * 1_000 >= fromNs && t * 1_000 < toNs).count();
    }
}
