package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A request for quote that will get no quote ({@code onQuoteDeclined}):
 *
 * <pre>
 *  16 u16 dealer venue id (1..7)
 *  18 u8  origin: 0 the dealer declined, 1 the request never left (the dealer's session refused
 *         it when the output gate let it out)
 *  19     5 bytes zero
 *  24 i64 rfq id
 *  32     reason as text (i32 length, UTF-8; -1 for none): the dealer's words, for the dump only
 * </pre>
 *
 * The core treats both origins alike (the dealer is silent for this request). A request the
 * session refuses is an input rather than an answer the core reads at once, so the core's state
 * never depends on whether a session was up, and a replay, which sends nothing, agrees with the run.
 */
public final class DealerDeclineInput extends InputFlyweight
{
    public static final int FIXED_LENGTH = 32;
    /** The dealer answered with a decline. */
    public static final int DECLINED = 0;
    /** The dealer's session did not take the request: it never reached the dealer. */
    public static final int NOT_SENT = 1;

    @Override
    int templateId()
    {
        return InputTemplates.DEALER_DECLINE;
    }

    @Override
    int version()
    {
        return 1;
    }

    @Override
    int fixedLength()
    {
        return FIXED_LENGTH;
    }

    public DealerDeclineInput encode(final MutableDirectBuffer target, final int offset, final int venueId,
        final long rfqId, final int origin, final String reason, final long nowNs)
    {
        DealerQuoteInput.checkIds(InputTemplates.DEALER_DECLINE, venueId, rfqId);
        checkOrigin(origin);
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)venueId);
        buffer.putByte(18, (byte)origin);
        buffer.putLong(24, rfqId);
        appendText(reason);
        return this;
    }

    public DealerDeclineInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        DealerQuoteInput.checkIds(InputTemplates.DEALER_DECLINE, venueId(), rfqId());
        checkOrigin(origin());
        checkEnd(skipText(FIXED_LENGTH));
        return this;
    }

    public int venueId()
    {
        return buffer.getShort(16) & 0xFFFF;
    }

    public int origin()
    {
        return buffer.getByte(18) & 0xFF;
    }

    public long rfqId()
    {
        return buffer.getLong(24);
    }

    public String reason()
    {
        return text(FIXED_LENGTH);
    }

    private static void checkOrigin(final int origin)
    {
        if (origin != DECLINED && origin != NOT_SENT)
        {
            throw new JournalFormatException("DEALER_DECLINE has origin " + origin + " (0 declined, 1 not sent)");
        }
    }
}
