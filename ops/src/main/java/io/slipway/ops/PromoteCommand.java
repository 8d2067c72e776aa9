package io.slipway.ops;

import io.slipway.analytics.EpisodeStatistics;
import io.slipway.core.CoreContext;
import io.slipway.core.QPolicy;
import io.slipway.core.Strategy;
import io.slipway.learn.ModelFile;
import io.slipway.learn.PairedEpisodes;
import io.slipway.learn.PolicyModel;
import io.slipway.learn.Trainer;
import io.slipway.sim.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code slipway promote}: champion/challenger. Both models work the same orders on the same
 * held-out world seeds (paired); the challenger replaces the champion only if it is better on
 * average and the 95% confidence interval of the paired difference lies below zero. Seeds that
 * either model was trained on are refused, so the comparison is out of sample. With
 * {@code --antithetic} each seed runs as a pair, its world and its mirror, and the same rule is
 * applied to the pair averages of the paired difference.
 */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = {
        "Compare a challenger model with the champion on paired held-out episodes and promote",
        "it (copy it over the champion file, keeping the old one as FILE.prev) only if its mean",
        "shortfall is lower and the 95%% CI of the paired difference is entirely below zero.",
        "With no champion file yet, the champion is the untrained baseline (TWAP).",
        "--antithetic runs every seed as a pair, its world and its mirror (the latent",
        "price's Gaussian innovations negated, an equally likely world), both models on",
        "both; the sample is then a pair's average, and the rule is applied to those.",
        "Exit code 0 when promoted, 1 when not."})
public final class PromoteCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--challenger", required = true, description = "Candidate model file.")
    private Path challenger;

    @Option(names = "--champion", required = true, description = "Champion model file (replaced on promotion).")
    private Path champion;

    @Option(names = "--scenarios", arity = "1..*", defaultValue = "calm",
        description = "Named scenarios or scenario files (default ${DEFAULT-VALUE}).")
    private List<String> scenarios;

    @Option(names = "--episodes", defaultValue = "10", description = "Paired episodes per scenario (default ${DEFAULT-VALUE}).")
    private int episodes;

    @Option(names = "--seed", defaultValue = "5000000", description = "Base of the held-out seeds (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--threads", defaultValue = "1",
        description = "Episodes run at once; results are the same for any number (default ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--antithetic", description = "Run each seed as an antithetic pair (world and mirror); the " +
        "paired difference is averaged over the pair and the interval taken over pairs (n = pairs).")
    private boolean antithetic;

    @Option(names = "--quiet", description = "No progress bar on stderr.")
    private boolean quiet;

    @Override
    public Integer call()
    {
        if (episodes < 2 || episodes > 10_000)
        {
            throw new IllegalArgumentException("--episodes must be 2..10000, was " + episodes);
        }
        if (threads < 1 || threads > 64)
        {
            throw new IllegalArgumentException("--threads must be 1..64, was " + threads);
        }
        final PolicyModel candidate = ModelFile.read(challenger);
        final PolicyModel incumbent = Files.isRegularFile(champion) ? ModelFile.read(champion) : null;
        checkHeldOut("challenger", candidate);
        if (incumbent != null)
        {
            checkHeldOut("champion", incumbent);
        }
        final QPolicy championPolicy = incumbent == null ? new QPolicy() : incumbent.policy();
        final List<Scenario> worlds = new ArrayList<>();
        for (final String name : scenarios)
        {
            worlds.add(EvalCommand.loadScenario(name));
        }
        final PrintWriter err = spec.commandLine().getErr();
        final int total = worlds.size() * episodes;
        final int worldsPerSeed = antithetic ? 2 : 1;
        final double[] diff = new double[total];
        final double[] challengerBps = new double[total];
        final double[] championBps = new double[total];
        // Champion then challenger on each world (the seed's, then with --antithetic its mirror); PairedEpisodes
        // returns them in this order for any thread count.
        final List<PairedEpisodes.Episode> runs = new ArrayList<>(2 * worldsPerSeed * total);
        for (final Scenario scenario : worlds)
        {
            final Trainer.EpisodeOrder order = Trainer.EpisodeOrder.of(scenario);
            for (int i = 0; i < episodes; i++)
            {
                for (int w = 0; w < worldsPerSeed; w++)
                {
                    for (final QPolicy policy : new QPolicy[]{championPolicy, candidate.policy()})
                    {
                        runs.add(new PairedEpisodes.Episode(scenario, seed + i, w == 1, Strategy.LEARNED,
                            () -> new CoreContext().learnedPolicy(policy), order.instrument(), order.side(),
                            order.quantity(), order.horizonNs()));
                    }
                }
            }
        }
        final List<PairedEpisodes.Outcome> outcomes = PairedEpisodes.run(runs, threads, (done, all, episode, outcome) ->
        {
            if (!quiet)
            {
                Progress.bar(err, done, all, episode.scenario().name() + " seed " + episode.seed() +
                    (episode.mirror() ? " mirror" : ""));
            }
        });
        for (int n = 0; n < total; n++)
        {
            // The sample: one world's episode, or the average of a pair's world and mirror.
            for (int w = 0; w < worldsPerSeed; w++)
            {
                final int k = 2 * (worldsPerSeed * n + w);
                championBps[n] += outcomes.get(k).tca().shortfallBps() / worldsPerSeed;
                challengerBps[n] += outcomes.get(k + 1).tca().shortfallBps() / worldsPerSeed;
            }
            diff[n] = challengerBps[n] - championBps[n];
        }
        if (!quiet)
        {
            err.println();
            err.flush();
        }
        final double mean = EpisodeStatistics.mean(diff);
        final double half = EpisodeStatistics.halfWidth95(diff);
        final boolean promote = mean < 0 && mean + half < 0;
        final PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Held-out seeds %d..%d on %s, %s%n", seed, seed + episodes - 1,
            String.join(",", scenarios), antithetic ? String.format(Locale.ROOT,
            "%d antithetic pairs (%d paired episodes; the sample is a pair's average)", total, 2 * total) :
            String.format(Locale.ROOT, "%d paired episodes", total));
        out.printf(Locale.ROOT, "  champion   %-40s mean %8.2f bps  SD %7.2f%n",
            incumbent == null ? "(baseline: TWAP)" : champion.toString(), EpisodeStatistics.mean(championBps),
            EpisodeStatistics.sd(championBps));
        out.printf(Locale.ROOT, "  challenger %-40s mean %8.2f bps  SD %7.2f%n", challenger,
            EpisodeStatistics.mean(challengerBps), EpisodeStatistics.sd(challengerBps));
        out.printf(Locale.ROOT, "  challenger - champion: %+.2f bps [95%% CI %+.2f, %+.2f]%n", mean, mean - half,
            mean + half);
        if (promote)
        {
            promote();
            out.printf("PROMOTED: %s is now the champion at %s%n", challenger, champion);
        }
        else
        {
            out.printf("NOT PROMOTED: the challenger is not better with 95%% confidence%n");
        }
        out.flush();
        return promote ? 0 : 1;
    }

    private void checkHeldOut(final String role, final PolicyModel model)
    {
        for (int i = 0; i < episodes; i++)
        {
            if (model.trainedOnSeed(seed + i))
            {
                throw new IllegalArgumentException("seed " + (seed + i) + " was used to train the " + role + " (seeds " +
                    model.seedBase() + ".." + (model.seedBase() + model.episodes() - 1) + "); choose another --seed");
            }
        }
    }

    private void promote()
    {
        try
        {
            if (Files.isRegularFile(champion))
            {
                Files.copy(champion, Path.of(champion + ".prev"), StandardCopyOption.REPLACE_EXISTING);
            }
            final Path parent = champion.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            Files.copy(challenger, champion, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot promote " + challenger + " to " + champion, ex);
        }
    }
}
