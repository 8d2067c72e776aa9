package io.slipway.journal;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Body shared by the operator's kill and resume: what they apply to. Scope u16 @16 (0 everything,
 * 1 one venue, 2 one parent order), venue id u16 @18 (0 unless the scope is a venue), then the
 * parent's OrderID or ClOrdID as text @24 (null unless the scope is a parent). A message whose
 * fields contradict its scope is refused by name.
 */
public abstract class OperatorScopeInput extends InputFlyweight
{
    public static final int SCOPE_ALL = 0;
    public static final int SCOPE_VENUE = 1;
    public static final int SCOPE_PARENT = 2;
    public static final int FIXED_LENGTH = 24;

    @Override
    final int version()
    {
        return 1;
    }

    @Override
    final int fixedLength()
    {
        return FIXED_LENGTH;
    }

    final void encodeScope(final MutableDirectBuffer target, final int offset, final int scope, final int venueId,
        final String parentId, final long nowNs)
    {
        checkScope(scope, venueId, parentId);
        wrapForEncode(target, offset);
        timeNs(nowNs);
        buffer.putShort(16, (short)scope);
        buffer.putShort(18, (short)venueId);
        appendText(parentId);
    }

    final void wrapScope(final DirectBuffer source, final int offset, final int length)
    {
        wrapForDecode(source, offset, length);
        checkEnd(skipText(FIXED_LENGTH));
        checkScope(scope(), venueId(), parentId());
    }

    private void checkScope(final int scope, final int venueId, final String parentId)
    {
        final String name = InputTemplates.name(templateId());
        switch (scope)
        {
            case SCOPE_ALL:
                if (venueId != 0 || parentId != null)
                {
                    throw new JournalFormatException(name + " of everything names venue " + venueId + " or parent " +
                        parentId);
                }
                break;
            case SCOPE_VENUE:
                if (venueId <= 0 || venueId > 0xFFFF || parentId != null)
                {
                    throw new JournalFormatException(name + " of a venue needs a venue id 1..65535 and no parent, had " +
                        venueId + " and " + parentId);
                }
                break;
            case SCOPE_PARENT:
                if (venueId != 0 || parentId == null || parentId.isEmpty())
                {
                    throw new JournalFormatException(name + " of a parent order needs its id and no venue, had " +
                        parentId + " and venue " + venueId);
                }
                break;
            default:
                throw new JournalFormatException(name + " has unknown scope " + scope +
                    " (0 everything, 1 venue, 2 parent order)");
        }
    }

    public final int scope()
    {
        return buffer.getShort(16) & 0xFFFF;
    }

    public final int venueId()
    {
        return buffer.getShort(18) & 0xFFFF;
    }

    /** The parent order's OrderID or ClOrdID, or null; allocates. */
    public final String parentId()
    {
        return text(FIXED_LENGTH);
    }

    static String scopeName(final int scope)
    {
        return scope == SCOPE_ALL ? "all" : scope == SCOPE_VENUE ? "venue" : "parent";
    }
}
