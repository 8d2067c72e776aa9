package io.slipway.learn;

import io.slipway.core.QPolicy;

import java.util.List;

/**
 * A trained policy with what it was trained on: the scenarios, the world seeds used
 * (seedBase .. seedBase + episodes - 1), the code version that trained it and the date the
 * trainer was given. Held-out evaluation must use seeds outside that range.
 */
public record PolicyModel(
    List<String> scenarios,
    long seedBase,
    int episodes,
    String codeVersion,
    String trainedAt,
    QPolicy policy)
{
    public PolicyModel
    {
        scenarios = List.copyOf(scenarios);
        if (scenarios.isEmpty())
        {
            throw new IllegalArgumentException("a model names at least one training scenario");
        }
        if (episodes < 1)
        {
            throw new IllegalArgumentException("a model was trained on at least one episode, was " + episodes);
        }
        if (codeVersion == null || codeVersion.isBlank() || trainedAt == null || trainedAt.isBlank())
        {
            throw new IllegalArgumentException("a model needs its code version and training date");
        }
        if (policy == null)
        {
            throw new IllegalArgumentException("a model needs its policy table");
        }
    }

    /** True when world seed {@code seed} was used in training. */
    public boolean trainedOnSeed(final long seed)
    {
        return seed >= seedBase && seed < seedBase + episodes;
    }
}
