package io.slipway.card;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A single-producer/single-consumer ring of fixed-size records over one buffer, as the card's
 * rings are. Single-threaded: the reference card is both producer and consumer on one thread.
 */
final class RecordRing
{
    private final UnsafeBuffer buffer;
    private final int recordSize;
    private final int capacity;
    private final int mask;
    private long head;
    private long tail;

    RecordRing(final int capacity, final int recordSize)
    {
        if (!BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException("ring capacity must be a power of two: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.recordSize = recordSize;
        this.buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.multiplyExact(capacity, recordSize)));
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    int recordSize()
    {
        return recordSize;
    }

    int capacity()
    {
        return capacity;
    }

    int size()
    {
        return (int)(tail - head);
    }

    int free()
    {
        return capacity - size();
    }

    boolean isEmpty()
    {
        return head == tail;
    }

    /** Index of the slot the next {@link #commit()} publishes; the caller checked {@link #free()}. */
    int tailIndex()
    {
        return (int)tail & mask;
    }

    int tailOffset()
    {
        return tailIndex() * recordSize;
    }

    void commit()
    {
        tail++;
    }

    int headIndex()
    {
        return (int)head & mask;
    }

    int headOffset()
    {
        return headIndex() * recordSize;
    }

    void release()
    {
        head++;
    }

    int poll(final RecordHandler handler, final int limit)
    {
        int count = 0;
        while (count < limit && head != tail)
        {
            final int offset = headOffset();
            head++;
            count++;
            handler.onRecord(buffer, offset, recordSize);
        }

        return count;
    }
}
