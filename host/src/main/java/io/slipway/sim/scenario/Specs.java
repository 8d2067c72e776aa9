package io.slipway.sim.scenario;

/** Shared range checks for specification records; messages name the field. */
final class Specs
{
    private Specs()
    {
    }

    static void range(final String field, final double value, final double min, final double max)
    {
        if (!(value >= min && value <= max))
        {
            throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], was " + value);
        }
    }

    static void positive(final String field, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }

    static void notNegative(final String field, final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
    }

    static void required(final String field, final Object value)
    {
        if (value == null || (value instanceof String s && s.isBlank()))
        {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
