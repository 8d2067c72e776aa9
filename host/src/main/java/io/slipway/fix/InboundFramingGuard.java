package io.slipway.fix;

import java.nio.ByteBuffer;

/**
 * Removes garbled FIX messages from an inbound byte stream before Artio's framer sees them, so
 * that a garbled message is ignored and the session carries on with the next one, as FIX asks.
 * It drops, each up to the next message start ({@code 8=..SOH9=..SOH35=} at a field start):
 * <ul>
 *     <li>a message whose BodyLength (9) exceeds the configured maximum, or runs past the start
 *     of the next message. Artio (0.175, {@code FixReceiverEndPoint.frameMessages}) trusts
 *     BodyLength and waits for that many bytes, giving up only when its receive buffer is full,
 *     so 9=99999999 swallowed every later message and left the session deaf until the heartbeat
 *     timeout;</li>
 *     <li>a message whose third field is not MsgType (35). Artio takes the first field after
 *     BodyLength as MsgType, so {@code 8=..|9=..|34=3|35=0|} was handled as a Reject (35=3);</li>
 *     <li>bytes after a complete message that do not start a message (e.g. {@code 35=0|8=FIX.4.4|..}).
 *     Artio's {@code invalidTag} check on them discards its whole receive buffer, valid
 *     messages read with them included.</li>
 * </ul>
 * A message is complete when its CheckSum field ({@code 10=nnn SOH}) sits exactly where its
 * BodyLength says. A message is held back until it is complete (Artio cannot frame it earlier
 * anyway), so one found to be garbled never reaches Artio in part. When the CheckSum field is not
 * where BodyLength puts it (a BodyLength too short), the message goes on to Artio's own check,
 * which drops it, and the guard passes bytes through until it sees the next message start.
 * Dropped bytes never count as received, so their MsgSeqNum is simply missing and the normal gap
 * handling asks for it again.
 *
 * <p>Garbled input before the first well-framed message of a connection closes it instead: FIX
 * requires the first message to be a valid Logon and the acceptor to disconnect otherwise. Left to
 * Artio, a Logon with a wrong BodyLength is dropped and the connection waits for its no-logon
 * timeout, which takes seconds and gives the initiator no answer in the meantime.
 *
 * <p>The guard never reorders or alters the bytes it lets through. The messages the gateway takes
 * carry no binary data fields, so an {@code SOH8=} inside a body can only be a message start.
 * One instance per connection; not thread-safe (the engine's framer thread owns it).
 */
final class InboundFramingGuard
{
    /** Longest message start the guard waits for: 8=, BeginString up to 16, 9=, 9 digits, SOHs, 35=. */
    static final int MAX_HEADER_LENGTH = 2 + 16 + 1 + 2 + 9 + 1 + 3;
    private static final int MAX_BEGIN_STRING_LENGTH = 16;
    private static final int MAX_BODY_LENGTH_DIGITS = 9;
    /** "35=" is part of the header the guard reads, and of the body BodyLength counts. */
    private static final int MSG_TYPE_TAG_LENGTH = 3;
    private static final byte SOH = 1;
    private static final byte[] TRAILER = {'1', '0', '=', '#', '#', '#', SOH}; // # stands for a digit

    private static final long NOT_A_HEADER = -1;
    private static final long INCOMPLETE = -2;
    private static final long MSG_TYPE_NOT_THIRD = -3;
    private static final long TOO_MANY_DIGITS = Long.MAX_VALUE;

    /** Where the guard is in the stream. */
    enum State
    {
        /** A message must start here: stream start or after a complete message. */
        BOUNDARY,
        /** In the body of a message, {@code bodyRemaining} bytes before its CheckSum field. */
        BODY,
        /** Matching the CheckSum field where BodyLength puts it. */
        TRAILER,
        /** After a message whose framing did not add up: pass until the next message start. */
        UNFRAMED,
        /** Dropping a garbled message or garbage until the next message start. */
        DISCARDING
    }

    /** Told about every message or run of garbage dropped, and about a connection it closes. */
    interface Listener
    {
        void onGarbledInputDropped(String reason);

        default void onConnectionClosed(final String reason)
        {
        }
    }

    private final int maxBodyLength;
    private final Listener listener;
    /** A whole message of the largest accepted size, or a cut header. */
    private final byte[] held;
    private int heldLength;
    private State state = State.BOUNDARY;
    private boolean atFieldStart = true;
    private long bodyRemaining;
    private long messageBodyLength;
    private int trailerIndex;
    /** Set by {@link #parseHeader}: its length in bytes and, for a message start, its BodyLength. */
    private int headerLength;
    /** A message has passed with its CheckSum field where its BodyLength put it. */
    private boolean framedMessageSeen;
    /** Why the first message is garbled, when it is: the connection must be closed. */
    private String closeReason;

    InboundFramingGuard(final int maxBodyLength, final Listener listener)
    {
        if (maxBodyLength < 1)
        {
            throw new IllegalArgumentException("maxBodyLength must be positive, was " + maxBodyLength);
        }
        this.maxBodyLength = maxBodyLength;
        this.listener = listener;
        this.held = new byte[MAX_HEADER_LENGTH + maxBodyLength + TRAILER.length];
    }

    State state()
    {
        return state;
    }

    /**
     * True once input before the connection's first well-framed message was garbled: the first
     * message cannot be a valid Logon, so the connection is to be closed rather than read on.
     */
    boolean closeRequested()
    {
        return closeReason != null;
    }

    /** What was wrong with the first message, or null. */
    String closeReason()
    {
        return closeReason;
    }

    /** Bytes held back from the last read (a cut header or an incomplete message); they go first into the next. */
    int heldLength()
    {
        return heldLength;
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
     * Filters {@code [start, end)} of {@code buffer} in place: drops garbled input and holds back
     * what cannot be judged yet (a cut header, or a message whose end has not arrived).
     *
     * @return the new end; the bytes in {@code [start, newEnd)} are the ones to hand to the framer.
     */
    int filter(final ByteBuffer buffer, final int start, final int end)
    {
        int write = start;
        int read = start;
        int messageStart = start;
        while (read < end)
        {
            final byte b = buffer.get(read);
            switch (state)
            {
                case BODY:
                    if (atFieldStart && b == '8')
                    {
                        // A message start inside the body: this message's BodyLength runs past it.
                        final long nextBodyLength = parseHeader(buffer, read, end);
                        if (nextBodyLength == INCOMPLETE)
                        {
                            return holdMessage(buffer, messageStart, write, read, end);
                        }
                        // Only a whole 8=..|9=..|35= counts here: a stray tag 8 in a body is Artio's to reject.
                        if (nextBodyLength >= 0)
                        {
                            garbled("BodyLength " + messageBodyLength + " runs past the start of the next message");
                            write = messageStart;
                            state = State.BOUNDARY;
                            continue; // judge the new message start from a boundary
                        }
                    }
                    buffer.put(write++, b);
                    atFieldStart = b == SOH;
                    read++;
                    if (--bodyRemaining == 0)
                    {
                        state = State.TRAILER;
                        trailerIndex = 0;
                    }
                    break;

                case TRAILER:
                    final byte expected = TRAILER[trailerIndex];
                    if (expected == '#' ? b >= '0' && b <= '9' : b == expected)
                    {
                        buffer.put(write++, b);
                        atFieldStart = b == SOH;
                        read++;
                        if (++trailerIndex == TRAILER.length)
                        {
                            state = State.BOUNDARY;
                            framedMessageSeen = true;
                        }
                    }
                    else
                    {
                        // CheckSum is not where BodyLength says: Artio's own check drops the
                        // message; judge this byte again as unframed input.
                        state = State.UNFRAMED;
                        requestCloseIfFirst("BodyLength " + messageBodyLength + " does not end at the CheckSum field");
                    }
                    break;

                default:
                    // While discarding, a message start need not follow an SOH (garbage such as "\r\n").
                    if ((atFieldStart || state == State.DISCARDING) && b == '8' || state == State.BOUNDARY)
                    {
                        final long bodyLength = b == '8' ? parseHeader(buffer, read, end) : NOT_A_HEADER;
                        if (bodyLength == INCOMPLETE)
                        {
                            hold(buffer, read, end);
                            return write;
                        }
                        if (bodyLength >= 0 && bodyLength <= maxBodyLength)
                        {
                            messageStart = write;
                            for (int i = 0; i < headerLength; i++)
                            {
                                buffer.put(write++, buffer.get(read++));
                            }
                            startBody(bodyLength);
                            continue;
                        }
                        // Mid-field (only while discarding) nothing but a good message start counts.
                        if (atFieldStart && bodyLength != NOT_A_HEADER || state == State.BOUNDARY)
                        {
                            drop(bodyLength);
                            if (bodyLength != NOT_A_HEADER)
                            {
                                read += headerLength;
                                atFieldStart = false;
                                continue;
                            }
                        }
                    }
                    if (state != State.DISCARDING)
                    {
                        buffer.put(write++, b);
                    }
                    atFieldStart = b == SOH;
                    read++;
                    break;
            }
        }
        if (state == State.BODY || state == State.TRAILER)
        {
            // Artio cannot frame a message before its end anyway: hold it until it is complete.
            return holdMessage(buffer, messageStart, write, end, end);
        }
        return write;
    }

    /**
     * Holds the current message (already written at {@code [messageStart, write)}) and the unread
     * bytes {@code [read, end)}; they are scanned again from the message start with the next read.
     */
    private int holdMessage(final ByteBuffer buffer, final int messageStart, final int write, final int read,
        final int end)
    {
        int length = 0;
        for (int i = messageStart; i < write; i++)
        {
            held[length++] = buffer.get(i);
        }
        for (int i = read; i < end; i++)
        {
            held[length++] = buffer.get(i);
        }
        heldLength = length;
        state = State.BOUNDARY; // the held bytes start with a good message start
        atFieldStart = true;
        return messageStart;
    }

    private void startBody(final long bodyLength)
    {
        atFieldStart = false;
        messageBodyLength = bodyLength;
        if (bodyLength > MSG_TYPE_TAG_LENGTH)
        {
            state = State.BODY;
            bodyRemaining = bodyLength - MSG_TYPE_TAG_LENGTH;
        }
        else
        {
            state = State.UNFRAMED; // a BodyLength shorter than "35=" is wrong: Artio rejects it
            requestCloseIfFirst("BodyLength " + bodyLength + " is shorter than the MsgType field");
        }
    }

    private void drop(final long bodyLength)
    {
        final String reason;
        if (bodyLength == MSG_TYPE_NOT_THIRD)
        {
            reason = "its third field is not MsgType (35)";
        }
        else if (bodyLength == NOT_A_HEADER)
        {
            reason = "bytes after a complete message do not start with BeginString (8), BodyLength (9), MsgType (35)";
        }
        else
        {
            reason = "BodyLength " + (bodyLength == TOO_MANY_DIGITS ? "of more than 9 digits" : String.valueOf(bodyLength)) +
                " exceeds the maximum " + maxBodyLength;
        }
        // A run of garbage is one drop; each garbled header inside it is another.
        if (state != State.DISCARDING || bodyLength != NOT_A_HEADER)
        {
            garbled(reason);
        }
        state = State.DISCARDING;
    }

    private void garbled(final String reason)
    {
        listener.onGarbledInputDropped(reason);
        requestCloseIfFirst(reason);
    }

    private void requestCloseIfFirst(final String reason)
    {
        if (!framedMessageSeen && closeReason == null)
        {
            closeReason = reason;
        }
    }

    private void hold(final ByteBuffer buffer, final int from, final int end)
    {
        heldLength = end - from;
        for (int i = 0; i < heldLength; i++)
        {
            held[i] = buffer.get(from + i);
        }
    }

    /**
     * Parses {@code 8=<BeginString>SOH9=<digits>SOH35=} at {@code from}; sets {@link #headerLength}.
     *
     * @return the BodyLength, {@link #NOT_A_HEADER}, {@link #INCOMPLETE}, {@link #MSG_TYPE_NOT_THIRD}
     * or {@link #TOO_MANY_DIGITS}.
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
            if (buffer.get(index++) == SOH)
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
        final int secondField = index;
        long value = 0;
        int digits = 0;
        if (index + 1 >= end)
        {
            return INCOMPLETE;
        }
        if (buffer.get(index) == '9' && buffer.get(index + 1) == '=')
        {
            index += 2;
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
                if (b < '0' || b > '9')
                {
                    return NOT_A_HEADER; // garbled: dropped at a boundary, else left to Artio's check
                }
                if (++digits > MAX_BODY_LENGTH_DIGITS)
                {
                    headerLength = index - from;
                    return TOO_MANY_DIGITS;
                }
                value = value * 10 + (b - '0');
            }
            if (digits == 0)
            {
                return NOT_A_HEADER;
            }
        }
        else
        {
            // No BodyLength second: a garbled message if a field follows BeginString, else not a header.
            headerLength = secondField - from;
            return isTagStart(buffer, secondField, end) ? MSG_TYPE_NOT_THIRD : NOT_A_HEADER;
        }
        if (index + MSG_TYPE_TAG_LENGTH > end)
        {
            return INCOMPLETE;
        }
        if (buffer.get(index) != '3' || buffer.get(index + 1) != '5' || buffer.get(index + 2) != '=')
        {
            headerLength = index - from;
            return MSG_TYPE_NOT_THIRD;
        }
        headerLength = index + MSG_TYPE_TAG_LENGTH - from;
        return value;
    }

    private static boolean isTagStart(final ByteBuffer buffer, final int at, final int end)
    {
        return at < end && buffer.get(at) >= '0' && buffer.get(at) <= '9';
    }
}
