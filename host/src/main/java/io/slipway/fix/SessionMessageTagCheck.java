package io.slipway.fix;

import io.slipway.fix.codecs.Constants;
import io.slipway.fix.codecs.decoder.HeartbeatDecoder;
import io.slipway.fix.codecs.decoder.TestRequestDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntHashSet;

/**
 * Finds a tag that has no place in a Heartbeat or TestRequest. Artio's session layer answers
 * those messages but ignores tags it does not expect; FIX wants a session Reject naming the tag,
 * with reason 0 (invalid tag number) for a tag the dictionary does not know at all and 2 (not
 * defined for this message type) for one it knows from other messages.
 *
 * <p>Not thread-safe: one instance per gateway thread.
 */
final class SessionMessageTagCheck
{
    static final int INVALID_TAG_NUMBER = 0;
    static final int TAG_NOT_DEFINED_FOR_MESSAGE_TYPE = 2;
    /** What {@link #check} returns when every tag belongs. */
    static final int NO_BAD_TAG = Integer.MIN_VALUE;

    private static final byte SOH = 1;

    private final IntHashSet heartbeatFields = new HeartbeatDecoder().messageFields;
    private final IntHashSet testRequestFields = new TestRequestDecoder().messageFields;
    private int rejectReason;

    /**
     * @param messageType '0' or '1'.
     * @return the first tag that does not belong, as written (possibly zero or negative), or
     * {@link #NO_BAD_TAG}; {@link #rejectReason()} then says why.
     */
    int check(final long messageType, final DirectBuffer buffer, final int offset, final int length)
    {
        final IntHashSet allowed = messageType == HeartbeatDecoder.MESSAGE_TYPE ? heartbeatFields : testRequestFields;
        final int end = offset + length;
        int position = offset;
        while (position < end)
        {
            int index = position;
            boolean negative = false;
            if (buffer.getByte(index) == '-')
            {
                negative = true;
                index++;
            }
            int tag = 0;
            boolean digits = false;
            boolean numeric = true;
            byte b;
            while (index < end && (b = buffer.getByte(index)) != '=' && b != SOH)
            {
                if (b < '0' || b > '9' || tag > 100_000_000)
                {
                    numeric = false;
                }
                else
                {
                    tag = tag * 10 + (b - '0');
                    digits = true;
                }
                index++;
            }
            while (index < end && buffer.getByte(index) != SOH)
            {
                index++;
            }
            if (numeric && digits)
            {
                tag = negative ? -tag : tag;
                if (tag <= 0 || !allowed.contains(tag))
                {
                    rejectReason = tag > 0 && Constants.ALL_FIELDS.contains(tag) ?
                        TAG_NOT_DEFINED_FOR_MESSAGE_TYPE : INVALID_TAG_NUMBER;
                    return tag;
                }
            }
            position = index + 1;
        }
        return NO_BAD_TAG;
    }

    int rejectReason()
    {
        return rejectReason;
    }
}
