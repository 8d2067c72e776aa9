package io.slipway.sim;

import java.util.SplittableRandom;

/**
 * Seeded randomness for the simulated world. Each consumer takes its own named stream, so
 * adding a consumer does not shift the numbers another one sees; the same seed and names give
 * the same world.
 */
public final class SplittableRandomSource
{
    private final long seed;

    public SplittableRandomSource(final long seed)
    {
        this.seed = seed;
    }

    public long seed()
    {
        return seed;
    }

    public SplittableRandom stream(final String name)
    {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (int i = 0; i < name.length(); i++)
        {
            h = (h ^ name.charAt(i)) * 0x100000001B3L;
        }
        return new SplittableRandom(h);
    }
}
