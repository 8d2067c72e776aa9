package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** A timer tick: the header's time is the whole message. */
public final class TimerInput extends InputFlyweight
{
    public static final int LENGTH = HEADER_LENGTH;

    @Override
    int templateId()
    {
        return InputTemplates.TIMER;
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

    public TimerInput encode(final MutableDirectBuffer target, final int offset, final long nowNs)
    {
        wrapForEncode(target, offset);
        timeNs(nowNs);
        return this;
    }

    public TimerInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        return this;
    }
}
