package io.slipway.journal;

import io.slipway.core.CoreRiskLimit;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The operator changes a host-side risk limit the core reads on every slice
 * ({@code setRiskLimit}): limit code u16 @16 ({@link CoreRiskLimit#code()}), value f64 @24. An
 * unknown limit code and a value out of the limit's range are refused by name, so a replay never
 * meets an input the core would refuse. The card's own limits are registers, not core inputs.
 */
public final class RiskLimitInput extends InputFlyweight
{
    public static final int FIXED_LENGTH = 32;

    @Override
    int templateId()
    {
        return InputTemplates.RISK_LIMIT;
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

    public RiskLimitInput encode(final MutableDirectBuffer target, final int offset, final CoreRiskLimit limit,
        final double value, final long nowNs)
    {
        if (limit == null)
        {
            throw new JournalFormatException("RISK_LIMIT needs a limit");
        }
        check(limit, value);
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)limit.code());
        buffer.putDouble(24, value);
        return this;
    }

    public RiskLimitInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        checkEnd(FIXED_LENGTH);
        final CoreRiskLimit limit = limit();
        if (limit == null)
        {
            throw new JournalFormatException("RISK_LIMIT has unknown limit code " + (buffer.getShort(16) & 0xFFFF));
        }
        check(limit, value());
        return this;
    }

    private static void check(final CoreRiskLimit limit, final double value)
    {
        try
        {
            limit.check(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new JournalFormatException("RISK_LIMIT " + ex.getMessage());
        }
    }

    /** The limit, or null for a code this build does not know. */
    public CoreRiskLimit limit()
    {
        return CoreRiskLimit.fromCode(buffer.getShort(16) & 0xFFFF);
    }

    public double value()
    {
        return buffer.getDouble(24);
    }
}
