package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The operator's kill: nothing new is placed in its scope and the working children there are asked to
 * cancel ({@code killAll}, {@code killVenue}, {@code killParent}). A kill of a parent no longer
 * working changes nothing, in the live run and in a replay alike.
 * Layout in {@link OperatorScopeInput}.
 */
public final class KillInput extends OperatorScopeInput
{
    @Override
    int templateId()
    {
        return InputTemplates.KILL;
    }

    public KillInput encode(final MutableDirectBuffer target, final int offset, final int scope, final int venueId,
        final String parentId, final long nowNs)
    {
        encodeScope(target, offset, scope, venueId, parentId, nowNs);
        return this;
    }

    public KillInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapScope(source, offset, length);
        return this;
    }
}
