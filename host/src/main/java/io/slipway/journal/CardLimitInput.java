package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.math.BigDecimal;

/**
 * The operator changes one of the card's hard risk limits ({@code risk set collarBps 50}): key
 * text @16 then value text, the decimal the operator gave. The card's limits are registers, not
 * core state, so the core ignores this input; it is journaled so a restart re-applies the last
 * value instead of reverting to the configuration file. The host checks the key and range before
 * recording (a refused change is never journaled); here a key that is not a plain name and a value
 * that is not a non-negative decimal are refused by name.
 */
public final class CardLimitInput extends InputFlyweight
{
    public static final int FIXED_LENGTH = 16;
    public static final int MAX_KEY_LENGTH = 64;

    @Override
    int templateId()
    {
        return InputTemplates.CARD_LIMIT;
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

    public CardLimitInput encode(final MutableDirectBuffer target, final int offset, final String key,
        final String value, final long nowNs)
    {
        check(key, value);
        wrapForEncode(target, offset);
        timeNs(nowNs);
        appendText(key);
        appendText(value);
        return this;
    }

    public CardLimitInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        checkEnd(skipText(skipText(FIXED_LENGTH)));
        check(key(), value());
        return this;
    }

    public String key()
    {
        return text(FIXED_LENGTH);
    }

    public String value()
    {
        return text(skipText(FIXED_LENGTH));
    }

    private static void check(final String key, final String value)
    {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(Character::isLetter))
        {
            throw new JournalFormatException("CARD_LIMIT key must be 1.." + MAX_KEY_LENGTH + " letters, was '" + key + "'");
        }
        if (value == null)
        {
            throw new JournalFormatException("CARD_LIMIT " + key + " needs a value");
        }
        try
        {
            if (new BigDecimal(value).signum() < 0)
            {
                throw new JournalFormatException("CARD_LIMIT " + key + " must not be negative, was " + value);
            }
        }
        catch (final NumberFormatException ex)
        {
            throw new JournalFormatException("CARD_LIMIT " + key + " must be a decimal number, was '" + value + "'");
        }
    }
}
