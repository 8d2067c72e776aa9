package io.slipway.journal;

import io.slipway.analytics.ImpactFit;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The feedback loop's refitted impact coefficient for parents arriving from now on
 * ({@code setImpactFit}): coefficient f64 @16, prior f64 @24, orders i64 @32, credibility f64 @40,
 * standard error f64 @48 (NaN below two orders), then the source text (where the fit was read from,
 * one line of at most {@link #MAX_SOURCE_LENGTH} characters). A fit {@link ImpactFit} would refuse (a
 * coefficient outside its range, a credibility outside [0, 1)) and a missing, multi-line or
 * overlong source are refused by name, so a replay never meets an input the core would refuse.
 */
public final class ImpactFitInput extends InputFlyweight
{
    public static final int FIXED_LENGTH = 56;
    public static final int MAX_SOURCE_LENGTH = 256;

    @Override
    int templateId()
    {
        return InputTemplates.IMPACT_FIT;
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

    public ImpactFitInput encode(final MutableDirectBuffer target, final int offset, final ImpactFit fit,
        final long nowNs)
    {
        if (fit == null)
        {
            throw new JournalFormatException("IMPACT_FIT needs a fit");
        }
        checkSource(fit.source());
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putDouble(16, fit.coefficient());
        buffer.putDouble(24, fit.prior());
        buffer.putLong(32, fit.orders());
        buffer.putDouble(40, fit.credibility());
        buffer.putDouble(48, fit.standardError());
        appendText(fit.source());
        return this;
    }

    public ImpactFitInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        checkEnd(skipText(FIXED_LENGTH));
        fit();
        return this;
    }

    /** The fit the message carries; refuses, by name, one that {@link ImpactFit} would not make. */
    public ImpactFit fit()
    {
        final String source = text(FIXED_LENGTH);
        checkSource(source);
        try
        {
            return new ImpactFit(buffer.getDouble(16), buffer.getDouble(24), buffer.getLong(32),
                buffer.getDouble(40), buffer.getDouble(48), source);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new JournalFormatException("IMPACT_FIT " + ex.getMessage());
        }
    }

    private static void checkSource(final String source)
    {
        if (source == null || source.isBlank() || source.indexOf('\n') >= 0 || source.indexOf('\r') >= 0)
        {
            throw new JournalFormatException("IMPACT_FIT source must be one non-blank line, was '" + source + "'");
        }
        if (source.length() > MAX_SOURCE_LENGTH)
        {
            throw new JournalFormatException("IMPACT_FIT source must be at most " + MAX_SOURCE_LENGTH +
                " characters, was " + source.length());
        }
    }
}
