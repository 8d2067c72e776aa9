package io.slipway.risk;

/** A circuit breaker's verdict, in order of severity. */
public enum BreakerState
{
    /** Trade as planned. */
    ACTIVE,

    /** Trade smaller: each placement is scaled down by {@link RiskContext#reducingFactor()}. */
    REDUCING,

    /** Place nothing new and cancel what is working. */
    HALTED;

    /** The more severe of two states. */
    public BreakerState worst(final BreakerState other)
    {
        return other.ordinal() > ordinal() ? other : this;
    }
}
