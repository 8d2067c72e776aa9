package io.slipway.ops;

import io.slipway.core.CoreContext;
import io.slipway.core.QPolicy;
import io.slipway.learn.FeedbackFile;
import io.slipway.learn.ImpactFeedback;
import io.slipway.learn.ModelFile;
import io.slipway.learn.PolicyModel;
import io.slipway.learn.Trainer;
import io.slipway.sim.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code slipway train}: trains the learned strategy in the simulator and writes a versioned model
 * file. The date and code version are stamped here, outside the core, and can be given so a
 * training run can be repeated to the byte.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
        "Train the learned strategy (LEARNED, TargetStrategy 1005): Q-learning on top of TWAP",
        "with a placement bandit, episode i on world seed BASE + i, cycling through the scenarios, each",
        "working the scenario's order (else SELL 50 BTC-USD over 1h). Writes a model file (YAML,",
        "Chronicle Wire) with its training metadata. Evaluate it with seeds outside",
        "BASE .. BASE + episodes - 1 (slipway eval --model FILE, slipway promote)."})
public final class TrainCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenarios", arity = "1..*", defaultValue = "calm",
        description = "Named scenarios or scenario files (default ${DEFAULT-VALUE}).")
    private List<String> scenarios;

    @Option(names = "--episodes", defaultValue = "40", description = "Training episodes (default ${DEFAULT-VALUE}).")
    private int episodes;

    @Option(names = "--seed", defaultValue = "1000000", description = "Base seed: episode i uses seed BASE + i (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", required = true, description = "Model file to write.")
    private Path out;

    @Option(names = "--date", description = "Training date stamped in the model (default: today, UTC).")
    private String date;

    @Option(names = "--code-version", description = "Code version stamped in the model (default: git describe of the build).")
    private String codeVersion;

    @Option(names = "--feedback", paramLabel = "FILE", description = {
        "Refit the feedback loop's file from every training episode: each episode's own impact",
        "refits the impact coefficient Y and its fills the venue and dealer priors, and FILE",
        "records this run (scenarios, seeds, episodes, code version, model) as its last refit.",
        "The daemon reads Y from FILE (core.impactFeedback) and refits it after each of its own",
        "orders; pretrade and demo read it with --feedback.",
        "A missing FILE starts from the prior; one this build refuses stops before training."})
    private Path feedback;

    @Option(names = "--quiet", description = "No progress bar on stderr.")
    private boolean quiet;

    @Override
    public Integer call()
    {
        if (episodes < 1 || episodes > 100_000)
        {
            throw new IllegalArgumentException("--episodes must be 1..100000, was " + episodes);
        }
        final List<Scenario> worlds = new ArrayList<>();
        for (final String name : scenarios)
        {
            worlds.add(EvalCommand.loadScenario(name));
        }
        final String stampDate = date != null ? date : LocalDate.now(ZoneOffset.UTC).toString();
        final String stampVersion = codeVersion != null ? codeVersion : gitDescribe();
        final PrintWriter err = spec.commandLine().getErr();
        final double[] shortfall = new double[episodes];
        // Read before any episode runs: a file this build refuses costs no training and is left as it was.
        final ImpactFeedback fit = feedback == null ? null : FeedbackFile.readOrPrior(feedback);
        final PolicyModel model = Trainer.train(worlds, null, episodes, seed, new CoreContext(), stampVersion, stampDate,
            (done, total, scenario, worldSeed, bps) ->
            {
                shortfall[done - 1] = bps;
                if (!quiet)
                {
                    Progress.bar(err, done, total, String.format(Locale.ROOT, "%s seed %d: %.2f bps", scenario,
                        worldSeed, bps));
                }
            }, fit);
        if (!quiet)
        {
            err.println();
            err.flush();
        }
        ModelFile.write(model, out);
        if (fit != null)
        {
            fit.lastRefit(String.format(Locale.ROOT, "train: scenarios %s, seeds %d..%d, %d episodes, code %s, %s, " +
                "model %s", String.join(" ", scenarios), seed, seed + episodes - 1, episodes, stampVersion, stampDate,
                out.getFileName()));
            FeedbackFile.write(fit, feedback);
            err.printf(Locale.ROOT, "feedback %s: impact coefficient Y %.4f after %d orders (credibility %.2f)%n",
                feedback, fit.impactCoefficient(), fit.orders(), fit.credibility());
            err.flush();
        }
        int tried = 0;
        int deviating = 0;
        for (int s = 0; s < QPolicy.STATES; s++)
        {
            for (int m = 0; m < QPolicy.MULTIPLIERS.length; m++)
            {
                tried += model.policy().visits(s, m) > 0 ? 1 : 0;
            }
            deviating += model.policy().greedyMultiplier(s) != 1 ? 1 : 0;
        }
        int passive = 0;
        for (int c = 0; c < QPolicy.CONTEXTS; c++)
        {
            passive += model.policy().greedyPlacement(c) != 0 ? 1 : 0;
        }
        final PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "Model %s: %d episodes on %s, seeds %d..%d, code %s, %s%n", out, episodes,
            String.join(",", model.scenarios()), seed, seed + episodes - 1, stampVersion, stampDate);
        stdout.printf(Locale.ROOT, "  schedule state-multipliers tried: %d of %d; states off the TWAP slice: %d of %d; " +
            "placement contexts resting first: %d of %d; mean shortfall while training %.2f bps (exploring, not an " +
            "evaluation)%n", tried, QPolicy.STATES * QPolicy.MULTIPLIERS.length, deviating, QPolicy.STATES, passive,
            QPolicy.CONTEXTS,
            io.slipway.analytics.EpisodeStatistics.mean(shortfall));
        stdout.flush();
        return 0;
    }

    /** git describe of the repository the launcher runs from, or "unknown" outside a git checkout. */
    static String gitDescribe()
    {
        final String repo = System.getProperty("slipway.repo.dir", ".");
        try
        {
            final Process process = new ProcessBuilder("git", "-C", repo, "describe", "--always", "--dirty")
                .redirectErrorStream(true).start();
            final String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 && !text.isEmpty())
            {
                return text;
            }
        }
        catch (final IOException ex)
        {
            // no git here: say so in the model rather than fail the training
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
