package io.slipway.learn;

import io.slipway.app.StrategyEpisode;
import io.slipway.core.CoreContext;
import io.slipway.core.QPolicy;
import io.slipway.core.Strategy;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.sim.scenario.OrderSpec;
import io.slipway.sim.scenario.Scenario;
import io.slipway.tca.TcaReport;

import java.util.ArrayList;
import java.util.List;

/**
 * Trains the learned strategy in the simulator: episode i works its scenario's order (SELL 50
 * BTC-USD over 1 h when the scenario has none) through the whole simulated appliance on world
 * seed BASE + i, cycling through the scenarios, with one {@link QPolicy} learning across all of
 * them. Exploration falls linearly from {@link #EPSILON_START} to {@link #EPSILON_END}; its
 * generator is seeded from BASE, so the same arguments give the same table, bit for bit.
 */
public final class Trainer
{
    public static final double EPSILON_START = 0.3;
    public static final double EPSILON_END = 0.02;

    /** Told after each episode. */
    @FunctionalInterface
    public interface Progress
    {
        void onEpisode(int done, int total, String scenario, long seed, double shortfallBps);
    }

    private Trainer()
    {
    }

    public static PolicyModel train(final List<Scenario> scenarios, final int episodes, final long seedBase,
        final CoreContext coreContext, final String codeVersion, final String trainedAt, final Progress progress)
    {
        return train(scenarios, null, episodes, seedBase, coreContext, codeVersion, trainedAt, progress);
    }

    /** As above, every episode working {@code order} instead of its scenario's when it is not null. */
    public static PolicyModel train(final List<Scenario> scenarios, final EpisodeOrder order, final int episodes,
        final long seedBase, final CoreContext coreContext, final String codeVersion, final String trainedAt,
        final Progress progress)
    {
        return train(scenarios, order, episodes, seedBase, coreContext, codeVersion, trainedAt, progress, null);
    }

    /**
     * As above; when {@code feedback} is not null every training episode also refits it, as a finished order does:
     * its own impact refits the impact coefficient and its fills the venue and dealer priors. The episodes themselves
     * do not read the fit, so the policy learned is the same with or without it.
     */
    public static PolicyModel train(final List<Scenario> scenarios, final EpisodeOrder order, final int episodes,
        final long seedBase, final CoreContext coreContext, final String codeVersion, final String trainedAt,
        final Progress progress, final ImpactFeedback feedback)
    {
        if (scenarios.isEmpty())
        {
            throw new IllegalArgumentException("training needs at least one scenario");
        }
        if (episodes < 1)
        {
            throw new IllegalArgumentException("training needs at least one episode, was " + episodes);
        }
        // The exploration stream is split off the seed base so it is not the world's own stream.
        final QPolicy policy = new QPolicy().explore(seedBase * 0x9E3779B97F4A7C15L + 0x5EED, EPSILON_START);
        coreContext.learnedPolicy(policy);
        for (int i = 0; i < episodes; i++)
        {
            policy.epsilon(episodes == 1 ? EPSILON_END :
                EPSILON_START + (EPSILON_END - EPSILON_START) * i / (episodes - 1.0));
            final Scenario scenario = scenarios.get(i % scenarios.size());
            final EpisodeOrder worked = order != null ? order : EpisodeOrder.of(scenario);
            final long seed = seedBase + i;
            final StrategyEpisode.Result result = StrategyEpisode.measure(scenario, seed, Strategy.LEARNED, coreContext,
                worked.instrument(), worked.side(), worked.quantity(), worked.horizonNs());
            final TcaReport tca = result.tca();
            if (feedback != null)
            {
                feedback.observe(tca, result.ownImpactBps(), scenario.market().annualVolatility());
                feedback.observeFills(result.record());
            }
            progress.onEpisode(i + 1, episodes, scenario.name(), seed, tca.shortfallBps());
        }
        final List<String> names = new ArrayList<>();
        for (final Scenario scenario : scenarios)
        {
            names.add(scenario.name());
        }
        return new PolicyModel(names, seedBase, episodes, codeVersion, trainedAt, policy.frozen());
    }

    /** The order an episode works: the scenario's, or SELL 50 BTC-USD over one hour. */
    public record EpisodeOrder(Side side, String quantity, Instrument instrument, long horizonNs)
    {
        public static EpisodeOrder of(final Scenario scenario)
        {
            final OrderSpec spec = scenario.order();
            if (spec == null)
            {
                return new EpisodeOrder(Side.SELL, "50", Instruments.BTC_USD, 3_600_000_000_000L);
            }
            final Instrument instrument = Instruments.bySymbol(spec.instrument());
            if (instrument == null)
            {
                throw new IllegalArgumentException("scenario '" + scenario.name() + "': unknown instrument '" +
                    spec.instrument() + "'");
            }
            return new EpisodeOrder(spec.side(), spec.quantity(), instrument, (long)(spec.horizonMinutes() * 60e9));
        }
    }
}
