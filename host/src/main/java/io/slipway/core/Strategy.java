package io.slipway.core;

/**
 * Execution strategies by their FIX TargetStrategy (847) code. FIX 4.4 defines 1 = VWAP and
 * 2 = Participate (POV) and reserves values above 1000 for user-defined strategies; Slipway's own
 * live there: 1001 TWAP, 1002 IS, 1003 ADAPTIVE_AC, 1004 IMMEDIATE,
 * 1005 LEARNED, 1006 SUBMIT_AND_LEAVE. A code not listed here is
 * refused. Parameters (risk aversion, participation rate) come from the core's settings.
 */
public enum Strategy
{
    /** Slices sized to a volume curve over the order's life (FIX 4.4 value 1). */
    VWAP(1),

    /** A fixed share of the volume printed on the tape (FIX 4.4 value 2, Participate). */
    POV(2),

    /** Equal slices on a fixed clock from start to end. */
    TWAP(1001),

    /** Implementation shortfall: the static Almgren-Chriss trajectory for the core's risk aversion. */
    IS(1002),

    /** Almgren-Chriss solved again at every slice on what remains, with the volatility measured so far. */
    ADAPTIVE_AC(1003),

    /** The whole order at once, marketable, at the start. */
    IMMEDIATE(1004),

    /** TWAP adjusted slice by slice (size and placement) by a learned policy loaded from a model file (see {@link LearnedSchedule}). */
    LEARNED(1005),

    /** The whole order posted at the touches at the start, what is left taken one interval before the end. */
    SUBMIT_AND_LEAVE(1006);

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
