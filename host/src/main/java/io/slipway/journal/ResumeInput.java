package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The operator's resume: undoes a kill of the same scope ({@code resumeAll}, {@code resumeVenue},
 * {@code resumeParent}); parents place again from their next action.
 * Layout in {@link OperatorScopeInput}.
 */
public final class ResumeInput extends OperatorScopeInput
{
    @Override
    int templateId()
    {
        return InputTemplates.RESUME;
    }

    public ResumeInput encode(final MutableDirectBuffer target, final int offset, final int scope, final int venueId,
        final String parentId, final long nowNs)
    {
        encodeScope(target, offset, scope, venueId, parentId, nowNs);
        return this;
    }

    public ResumeInput wrap(final DirectBuffer source, final int offset, final int length)
    {
        wrapScope(source, offset, length);
        return this;
    }
}
