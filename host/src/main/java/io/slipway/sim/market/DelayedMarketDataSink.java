package io.slipway.sim.market;

import io.slipway.sim.EventScheduler;
import io.slipway.sim.SimEvent;
import io.slipway.venue.MarketDataSink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Delivers a venue's market data one feed latency after it was published. Every message of one
 * venue has the same latency, so delivery is first in, first out: the bytes are copied into a
 * queue and one reusable event is scheduled per message (events due at the same time fire in
 * scheduling order). No allocation in steady state.
 */
public final class DelayedMarketDataSink implements MarketDataSink, SimEvent
{
    private final EventScheduler scheduler;
    private final MarketDataSink downstream;
    private final long latencyNs;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private byte[] bytes = new byte[1 << 16];
    private int writePosition;
    private int readPosition;
    private int[] channels = new int[256];
    private int[] lengths = new int[256];
    private int head;
    private int tail;

    public DelayedMarketDataSink(final EventScheduler scheduler, final MarketDataSink downstream, final long latencyNs)
    {
        if (latencyNs < 0)
        {
            throw new IllegalArgumentException("latency must be non-negative");
        }
        this.scheduler = scheduler;
        this.downstream = downstream;
        this.latencyNs = latencyNs;
    }

    /** Messages published but not yet delivered. */
    public int pending()
    {
        return tail - head;
    }

    @Override
    public void onSbeMessage(final int channel, final DirectBuffer buffer, final int offset, final int length)
    {
        if (writePosition + length > bytes.length)
        {
            compactOrGrow(length);
        }
        buffer.getBytes(offset, bytes, writePosition, length);
        writePosition += length;
        if (tail == channels.length)
        {
            compactRecordsOrGrow();
        }
        channels[tail] = channel;
        lengths[tail] = length;
        tail++;
        scheduler.scheduleAfter(latencyNs, this);
    }

    @Override
    public void fire(final long nowNs)
    {
        final int channel = channels[head];
        final int length = lengths[head];
        final int offset = readPosition;
        head++;
        readPosition += length;
        view.wrap(bytes, offset, length);
        downstream.onSbeMessage(channel, view, 0, length);
        if (head == tail)
        {
            head = 0;
            tail = 0;
            readPosition = 0;
            writePosition = 0;
        }
    }

    private void compactOrGrow(final int length)
    {
        final int unread = writePosition - readPosition;
        System.arraycopy(bytes, readPosition, bytes, 0, unread);
        readPosition = 0;
        writePosition = unread;
        if (writePosition + length > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, writePosition + length));
        }
    }

    private void compactRecordsOrGrow()
    {
        final int count = tail - head;
        if (head > 0)
        {
            System.arraycopy(channels, head, channels, 0, count);
            System.arraycopy(lengths, head, lengths, 0, count);
            head = 0;
            tail = count;
        }
        if (tail == channels.length)
        {
            channels = Arrays.copyOf(channels, channels.length * 2);
            lengths = Arrays.copyOf(lengths, lengths.length * 2);
        }
    }
}
