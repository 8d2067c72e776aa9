package io.slipway.risk;

/**
 * One measured quantity against two thresholds: at or above {@code reduceAt} the breaker is
 * REDUCING, at or above {@code haltAt} it is HALTED. It steps down only once the quantity falls
 * below the threshold times {@code resumeFraction}, and not before it has held its state for
 * {@code minHoldNs}, so a value hovering at a threshold does not make the core flap between
 * states. A NaN measurement (no market to measure) changes nothing.
 *
 * <p>Driven by the core's inputs on the core's thread: no clock, deterministic.
 */
public final class CircuitBreaker
{
    private final String name;
    private final double reduceAt;
    private final double haltAt;
    private final double resumeFraction;
    private final long minHoldNs;
    private BreakerState state = BreakerState.ACTIVE;
    private double lastValue = Double.NaN;
    private long changedAtNs;
    private long trips;

    public CircuitBreaker(final String name, final double reduceAt, final double haltAt, final double resumeFraction,
        final long minHoldNs)
    {
        if (minHoldNs < 0)
        {
            throw new IllegalArgumentException(name + ": minHoldNs must be >= 0, was " + minHoldNs);
        }
        if (!(reduceAt > 0.0) || !(haltAt >= reduceAt))
        {
            throw new IllegalArgumentException(name + ": need 0 < reduceAt <= haltAt, was " + reduceAt + ", " + haltAt);
        }
        if (!(resumeFraction > 0.0 && resumeFraction <= 1.0))
        {
            throw new IllegalArgumentException(name + ": resumeFraction must be in (0, 1], was " + resumeFraction);
        }
        this.name = name;
        this.reduceAt = reduceAt;
        this.haltAt = haltAt;
        this.resumeFraction = resumeFraction;
        this.minHoldNs = minHoldNs;
    }

    /** Takes a new measurement; true when the state changed. */
    public boolean update(final double value, final long nowNs)
    {
        if (Double.isNaN(value))
        {
            return false;
        }
        lastValue = value;
        final BreakerState next = next(value);
        if (next == state || (next.ordinal() < state.ordinal() && nowNs - changedAtNs < minHoldNs))
        {
            return false;
        }
        if (next.ordinal() > state.ordinal())
        {
            trips++;
        }
        state = next;
        changedAtNs = nowNs;
        return true;
    }

    private BreakerState next(final double value)
    {
        if (value >= haltAt)
        {
            return BreakerState.HALTED;
        }
        if (state == BreakerState.HALTED && value >= haltAt * resumeFraction)
        {
            return BreakerState.HALTED;
        }
        if (value >= reduceAt)
        {
            return BreakerState.REDUCING;
        }
        if (state != BreakerState.ACTIVE && value >= reduceAt * resumeFraction)
        {
            return BreakerState.REDUCING;
        }
        return BreakerState.ACTIVE;
    }

    public String name()
    {
        return name;
    }

    public BreakerState state()
    {
        return state;
    }

    /** Last measurement taken, NaN before the first. */
    public double lastValue()
    {
        return lastValue;
    }

    /** Core time of the last change of state. */
    public long changedAtNs()
    {
        return changedAtNs;
    }

    /** How many times it stepped up to a more severe state. */
    public long trips()
    {
        return trips;
    }

    public double reduceAt()
    {
        return reduceAt;
    }

    public double haltAt()
    {
        return haltAt;
    }

    @Override
    public String toString()
    {
        return name + " " + state + " at " + lastValue + " (reduce " + reduceAt + ", halt " + haltAt + ")";
    }
}
