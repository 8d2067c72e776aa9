package io.slipway.fix;

import java.nio.ByteBuffer;

/**
 * Drops inbound FIX messages whose BodyLength (9) is larger than any message the gateway takes,
 * before Artio's framer sees them.
 *
 * <p>Why: Artio (0.175, {@code FixReceiverEndPoint.frameMessages}) trusts BodyLength and waits
 * until that many bytes have arrived; it gives up only when its receive buffer is full, and then
 * disconnects. A message claiming 99999999 bytes therefore swallows every valid message after it
 * and leaves the session deaf until the heartbeat timeout. FIX treats such a message as garbled:
 * ignore it and carry on. No BodyLength above the limit can be honest, so this guard removes the
 * message from the byte stream: from its BeginString (8) up to the next BeginString at a field
 * start. The messages after it reach Artio intact and are answered as usual; the dropped one
 * never counts as received, so its MsgSeqNum is simply missing and the normal gap handling asks
 * for it again if a later message is ahead of it.
 *
 * <p>The guard never reorders or alters bytes it lets through. It only recognises a header at a
 * field start (start of stream or after SOH): {@code 8=<1..16 chars>SOH9=<digits>SOH}. Anything
 * else passes untouched and Artio's own checks (checksum, short BodyLength, field order) apply.
 * Header bytes split across reads are held back, at most {@link #MAX_HEADER_LENGTH} of them,
 * until the rest arrives. One instance per connection; not thread-safe (the engine's framer
 * thread owns it).
 */
final class BodyLengthGuard
{
    /** Longest header the guard waits for: 8=, a BeginString up to 16 characters, 9=, 9 digits and SOHs. */
    static final int MAX_HEADER_LENGTH = 2 + 16 + 1 + 2 + 9 + 1;
    private static final int MAX_BEGIN_STRING_LENGTH = 16;
    private static final int MAX_BODY_LENGTH_DIGITS = 9;
    private static final byte SOH = 1;

    private static final long NOT_A_HEADER = -1;
    private static final long INCOMPLETE = -2;
    private static final long TOO_MANY_DIGITS = Long.MAX_VALUE;

    /** Told about every message dropped. */
    interface Listener
    {
        /**
         * @param declaredBodyLength the BodyLength the message claimed, or {@link Long#MAX_VALUE}
         *                           if it had more than nine digits.
         */
        void onOversizedBodyLength(long declaredBodyLength, int maxBodyLength);
    }

    private final int maxBodyLength;
    private final Listener listener;
    private final byte[] held = new byte[MAX_HEADER_LENGTH];
    private int heldLength;
    private boolean discarding;
    private boolean atFieldStart = true;
    private int headerLength;

    BodyLengthGuard(final int maxBodyLength, final Listener listener)
    {
        if (maxBodyLength < 1)
        {
            throw new IllegalArgumentException("maxBodyLength must be positive, was " + maxBodyLength);
        }
        this.maxBodyLength = maxBodyLength;
        this.listener = listener;
    }

    /** Bytes held back from the last read because a header was cut off; they go first into the next. */
    int heldLength()
    {
        return heldLength;
    }

    /** True between an oversized header and the next BeginString. */
    boolean isDiscarding()
    {
        return discarding;
    }

    /**
     * Puts the bytes held back from the previous read at {@code buffer}'s position, so they are
     * scanned again together with what the next read brings.
     *
     * @return false if the buffer has no room for them (they stay held).
     */
    boolean restoreHeld(final ByteBuffer buffer)
    {
        if (heldLength == 0)
        {
            return true;
        }
        if (buffer.remaining() < heldLength)
        {
            return false;
        }
        buffer.put(held, 0, heldLength);
        heldLength = 0;
        return true;
    }

    /**
     * Filters {@code [start, end)} of {@code buffer} in place: drops oversized messages, moves an
     * incomplete header at the end into the held bytes.
     *
     * @return the new end; the bytes in {@code [start, newEnd)} are the ones to hand to the framer.
     */
    int filter(final ByteBuffer buffer, final int start, final int end)
    {
        int write = start;
        int read = start;
        while (read < end)
        {
            final byte b = buffer.get(read);
            if (atFieldStart && b == '8')
            {
                final long bodyLength = parseHeader(buffer, read, end);
                if (bodyLength == INCOMPLETE)
                {
                    heldLength = end - read;
                    for (int i = 0; i < heldLength; i++)
                    {
                        held[i] = buffer.get(read + i);
                    }
                    return write;
                }
                if (bodyLength != NOT_A_HEADER)
                {
                    discarding = bodyLength > maxBodyLength;
                    if (discarding)
                    {
                        listener.onOversizedBodyLength(bodyLength, maxBodyLength);
                        read += headerLength;
                    }
                    else
                    {
                        for (int i = 0; i < headerLength; i++)
                        {
                            buffer.put(write++, buffer.get(read++));
                        }
                    }
                    atFieldStart = true;
                    continue;
                }
            }
            if (!discarding)
            {
                buffer.put(write++, b);
            }
            atFieldStart = b == SOH;
            read++;
        }
        return write;
    }

    /**
     * Parses {@code 8=<BeginString>SOH9=<digits>SOH} at {@code from}; sets {@link #headerLength}.
     *
     * @return the BodyLength, {@link #NOT_A_HEADER}, {@link #INCOMPLETE} or {@link #TOO_MANY_DIGITS}.
     */
    private long parseHeader(final ByteBuffer buffer, final int from, final int end)
    {
        int index = from + 1;
        if (index >= end)
        {
            return INCOMPLETE;
        }
        if (buffer.get(index++) != '=')
        {
            return NOT_A_HEADER;
        }
        final int beginStringStart = index;
        while (true)
        {
            if (index >= end)
            {
                return INCOMPLETE;
            }
            final byte b = buffer.get(index++);
            if (b == SOH)
            {
                break;
            }
            if (index - beginStringStart > MAX_BEGIN_STRING_LENGTH)
            {
                return NOT_A_HEADER;
            }
        }
        if (index - beginStringStart == 1)
        {
            return NOT_A_HEADER; // empty BeginString
        }
        if (index + 1 >= end)
        {
            return index < end && buffer.get(index) != '9' ? NOT_A_HEADER : INCOMPLETE;
        }
        if (buffer.get(index++) != '9' || buffer.get(index++) != '=')
        {
            return NOT_A_HEADER;
        }
        long value = 0;
        int digits = 0;
        while (true)
        {
            if (index >= end)
            {
                return INCOMPLETE;
            }
            final byte b = buffer.get(index++);
            if (b == SOH)
            {
                if (digits == 0)
                {
                    return NOT_A_HEADER;
                }
                headerLength = index - from;
                return value;
            }
            if (b < '0' || b > '9')
            {
                return NOT_A_HEADER; // Artio rejects a non-numeric BodyLength itself
            }
            if (++digits > MAX_BODY_LENGTH_DIGITS)
            {
                headerLength = index - from;
                return TOO_MANY_DIGITS;
            }
            value = value * 10 + (b - '0');
        }
    }
}
