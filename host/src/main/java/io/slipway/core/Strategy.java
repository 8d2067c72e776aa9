package io.slipway.core;

/**
 * Execution strategies by their FIX TargetStrategy (847) code. FIX 4.4 reserves values above
 * 1000 for user-defined strategies; Slipway's live there. A code not listed here is refused.
 */
public enum Strategy
{
    /** Equal slices on a fixed clock from start to end. */
    TWAP(1001);

    private final int fixCode;

    Strategy(final int fixCode)
    {
        this.fixCode = fixCode;
    }

    public int fixCode()
    {
        return fixCode;
    }

    /** Null when no strategy has this code. */
    public static Strategy fromFixCode(final int code)
    {
        for (final Strategy strategy : values())
        {
            if (strategy.fixCode == code)
            {
                return strategy;
            }
        }
        return null;
    }
}
