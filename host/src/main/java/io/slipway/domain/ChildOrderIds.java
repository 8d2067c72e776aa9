package io.slipway.domain;

/**
 * Child client order ids are derived, never drawn: parent sequence in the high bits, child
 * sequence within the parent in the low 24. A replayed decision therefore produces the same id,
 * and the card's duplicate check turns a would-be second order into a reject.
 */
public final class ChildOrderIds
{
    public static final int CHILD_BITS = 24;
    public static final long MAX_CHILDREN_PER_PARENT = (1L << CHILD_BITS) - 1;

    private ChildOrderIds()
    {
    }

    public static long childId(final long parentSequence, final long childSequence)
    {
        if (parentSequence <= 0 || parentSequence >= (1L << (63 - CHILD_BITS)))
        {
            throw new IllegalArgumentException("parent sequence out of range: " + parentSequence);
        }
        if (childSequence <= 0 || childSequence > MAX_CHILDREN_PER_PARENT)
        {
            throw new IllegalArgumentException("child sequence out of range: " + childSequence);
        }
        return (parentSequence << CHILD_BITS) | childSequence;
    }

    public static long parentSequence(final long childId)
    {
        return childId >>> CHILD_BITS;
    }
}
