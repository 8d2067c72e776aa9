package io.slipway.core;

/**
 * The host-side risk limits an operator may change while the core runs, each read by the core on
 * every slice: a change takes effect at the core's next decision. Each has a code that is its
 * identity in the input journal and the cluster log (never reused) and the range
 * {@link io.slipway.risk.RiskContext} enforces at start.
 */
public enum CoreRiskLimit
{
    /** Pause a parent when the price has moved this many bps against it since arrival. */
    ADVERSE_MOVE_BPS(1),
    /** Share of the due quantity placed while a breaker is REDUCING. */
    REDUCING_FACTOR(2),
    /** How far ahead of its schedule a parent may run, as a share of its quantity. */
    SCHEDULE_AHEAD_TOLERANCE(3);

    private static final CoreRiskLimit[] BY_CODE = {null, ADVERSE_MOVE_BPS, REDUCING_FACTOR, SCHEDULE_AHEAD_TOLERANCE};

    private final int code;

    CoreRiskLimit(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    /** The limit with this code, or null. */
    public static CoreRiskLimit fromCode(final int code)
    {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The limit with this name (as {@link #name()} or camel case, e.g. adverseMoveBps), or null. */
    public static CoreRiskLimit fromName(final String name)
    {
        for (final CoreRiskLimit limit : values())
        {
            if (limit.name().equalsIgnoreCase(name) || limit.camelName().equals(name))
            {
                return limit;
            }
        }
        return null;
    }

    public String camelName()
    {
        switch (this)
        {
            case ADVERSE_MOVE_BPS:
                return "adverseMoveBps";
            case REDUCING_FACTOR:
                return "reducingFactor";
            default:
                return "scheduleAheadTolerance";
        }
    }

    /**
     * Refuses a value out of the limit's range, naming both.
     *
     * @throws IllegalArgumentException when the value is not allowed.
     */
    public void check(final double value)
    {
        final boolean ok;
        final String range;
        switch (this)
        {
            case ADVERSE_MOVE_BPS:
                ok = value > 0.0 && value < Double.POSITIVE_INFINITY;
                range = "positive and finite";
                break;
            case REDUCING_FACTOR:
                ok = value > 0.0 && value < 1.0;
                range = "in (0, 1)";
                break;
            default:
                ok = value >= 0.0 && value <= 1.0;
                range = "in [0, 1]";
                break;
        }
        if (!ok)
        {
            throw new IllegalArgumentException(camelName() + " must be " + range + ", was " + value);
        }
    }
}
