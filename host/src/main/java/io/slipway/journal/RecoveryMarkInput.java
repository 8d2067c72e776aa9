package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Where a recovery stood, for whoever reads the journal: phase u16 @16 ({@link #REPLAYED} after
 * the replay, {@link #RECONCILED} after the venue reconciliation), inputs replayed @24, venue
 * events injected @32. The core ignores it.
 */
public final class RecoveryMarkInput extends InputFlyweight
{
    public static final int LENGTH = 40;
    public static final int REPLAYED = 1;
    public static final int RECONCILED = 2;

    @Override
    int templateId()
    {
        return InputTemplates.RECOVERY_MARK;
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

    public RecoveryMarkInput encode(final MutableDirectBuffer target, final int offset, final int phase,
        final long replayed, final long injected, final long nowNs)
    {
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)phase);
        buffer.putLong(24, replayed);
        buffer.putLong(32, injected);
        return this;
    }

    public RecoveryMarkInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        return this;
    }

    public int phase()
    {
        return buffer.getShort(16) & 0xFFFF;
    }

    public long replayed()
    {
        return buffer.getLong(24);
    }

    public long injected()
    {
        return buffer.getLong(32);
    }
}
