package io.slipway.card;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * What every card record flyweight shares: it wraps a buffer at an offset, reads from any
 * buffer, and writes only through one it was given as mutable, so a record read off a
 * completion ring cannot be scribbled on by mistake. Nothing is allocated.
 *
 * @param <T> the concrete flyweight, returned by {@code wrap} for chaining
 */
public abstract class RecordFlyweight<T extends RecordFlyweight<T>>
{
    protected DirectBuffer buffer;
    protected int offset;
    private MutableDirectBuffer mutableBuffer;

    @SuppressWarnings("unchecked")
    public final T wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.mutableBuffer = null;
        this.offset = offset;
        return (T)this;
    }

    @SuppressWarnings("unchecked")
    public final T wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.mutableBuffer = buffer;
        this.offset = offset;
        return (T)this;
    }

    public final DirectBuffer buffer()
    {
        return buffer;
    }

    public final int offset()
    {
        return offset;
    }

    /** Zeroes {@code length} bytes from the record's start, reserved bytes included. */
    protected final void zero(final int length)
    {
        mutable().setMemory(offset, length, (byte)0);
    }

    protected final MutableDirectBuffer mutable()
    {
        if (null == mutableBuffer)
        {
            throw new IllegalStateException(getClass().getSimpleName() + " wrapped read-only");
        }
        return mutableBuffer;
    }
}
