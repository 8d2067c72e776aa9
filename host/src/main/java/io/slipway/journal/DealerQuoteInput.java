package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A dealer's firm quote for one of the core's requests for quote ({@code onQuote}):
 *
 * <pre>
 *  16 u16 dealer venue id (1..7, a card venue id)
 *  18     6 bytes zero
 *  24 i64 rfq id: the core's own running request number (1 and up)
 *  32 i64 price, the instrument's fixed-point scale
 *  40 i64 quantity the dealer stands behind, the instrument's fixed-point scale
 *  48 i64 valid until, ns on the same clock as the header time: the quote's expiry
 * </pre>
 *
 * The expiry travels in the record, so whether a quote was still good when the core decided is
 * a function of journaled times (this record's and that of the timer or answer that decided),
 * and a replay decides the same. A price or quantity that is not positive is recorded as it came
 * and ignored by the core, live and on replay alike; only what no dealer session can produce (a
 * venue id outside the card's, a request number the core never uses) is refused by name.
 */
public final class DealerQuoteInput extends InputFlyweight
{
    public static final int LENGTH = 56;

    @Override
    int templateId()
    {
        return InputTemplates.DEALER_QUOTE;
    }

    @Override
    int version()
    {
        return 1;
    }

    @Override
    int fixedLength()
    {
        return LENGTH;
    }

    public DealerQuoteInput encode(final MutableDirectBuffer target, final int offset, final int venueId,
        final long rfqId, final long price, final long quantity, final long validUntilNs, final long nowNs)
    {
        checkIds(InputTemplates.DEALER_QUOTE, venueId, rfqId);
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)venueId);
        buffer.putLong(24, rfqId);
        buffer.putLong(32, price);
        buffer.putLong(40, quantity);
        buffer.putLong(48, validUntilNs);
        return this;
    }

    public DealerQuoteInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        checkIds(InputTemplates.DEALER_QUOTE, venueId(), rfqId());
        return this;
    }

    public int venueId()
    {
        return buffer.getShort(16) & 0xFFFF;
    }

    public long rfqId()
    {
        return buffer.getLong(24);
    }

    public long price()
    {
        return buffer.getLong(32);
    }

    public long quantity()
    {
        return buffer.getLong(40);
    }

    public long validUntilNs()
    {
        return buffer.getLong(48);
    }

    /** The ids every dealer answer carries; the card has venue ids 1..7 and the core numbers requests from 1. */
    static void checkIds(final int template, final int venueId, final long rfqId)
    {
        if (venueId < 1 || venueId > 7)
        {
            throw new JournalFormatException(InputTemplates.name(template) + " names venue " + venueId +
                " (dealer venue ids are 1..7)");
        }
        if (rfqId <= 0)
        {
            throw new JournalFormatException(InputTemplates.name(template) + " has rfq id " + rfqId +
                " (the core numbers its requests from 1)");
        }
    }
}
