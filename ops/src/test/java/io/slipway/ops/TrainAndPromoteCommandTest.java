package io.slipway.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainAndPromoteCommandTest
{
    private record Result(int code, String out, String err)
    {
    }

    private static Result run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = SlipwayCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** A small order on the calm world, so a few episodes run in seconds. */
    private static Path smallScenario(final Path dir) throws IOException
    {
        final Path file = dir.resolve("small.yaml");
        Files.writeString(file, String.join("\n",
            "name: small",
            "description: the calm world with 3 BTC over 5 minutes",
            "market:",
            "  annualVolatility: 0.40",
            "order:",
            "  side: SELL",
            "  quantity: \"3\"",
            "  instrument: BTC-USD",
            "  strategy: LEARNED",
            "  horizonMinutes: 5",
            ""));
        return file;
    }

    @Test
    void trainWritesAReproducibleModelAndPromoteJudgesOnHeldOutSeedsOnly(@TempDir final Path dir) throws IOException
    {
        final String scenario = smallScenario(dir).toString();
        final Path a = dir.resolve("a.yaml");
        final Path b = dir.resolve("b.yaml");
        final Result first = run("train", "--scenarios", scenario, "--episodes", "2", "--seed", "10", "--out",
            a.toString(), "--date", "2026-01-01", "--code-version", "test");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("2/2"), "progress bar on stderr: " + first.err());
        assertTrue(first.out().contains("2 episodes on small, seeds 10..11, code test, 2026-01-01"), first.out());
        assertEquals(0, run("train", "--scenarios", scenario, "--episodes", "2", "--seed", "10", "--out", b.toString(),
            "--date", "2026-01-01", "--code-version", "test", "--quiet").code());
        assertEquals(Files.readString(a), Files.readString(b), "same seed, same model bytes");

        // train --feedback refits the feedback loop's file from every episode and says which run did it; the
        // episodes do not read the fit, so the policy is the same.
        final Path feedback = dir.resolve("impact-feedback.yaml");
        final Path c = dir.resolve("c.yaml");
        final Result refit = run("train", "--scenarios", scenario, "--episodes", "2", "--seed", "10", "--out",
            c.toString(), "--date", "2026-01-01", "--code-version", "test", "--quiet", "--feedback", feedback.toString());
        assertEquals(0, refit.code(), refit.err());
        assertEquals(Files.readString(a), Files.readString(c), "the same policy with a feedback file");
        final io.slipway.learn.ImpactFeedback fit = io.slipway.learn.FeedbackFile.readOrPrior(feedback);
        assertEquals(2, fit.orders(), "both episodes refit Y");
        assertTrue(Math.abs(fit.impactCoefficient() - io.slipway.learn.ImpactFeedback.PRIOR_Y) > 1e-3);
        assertTrue(!fit.venueNames().isEmpty(), "and the venue priors");
        assertTrue(fit.lastRefit().startsWith("train: scenarios " + scenario + ", seeds 10..11, 2 episodes, code " +
            "test, 2026-01-01, model c.yaml"), fit.lastRefit());
        assertTrue(refit.err().contains("after 2 orders"), refit.err());
        final String refused = Files.readString(feedback).replace("version: 4", "version: 7");
        Files.writeString(feedback, refused);
        final Result badFeedback = run("train", "--scenarios", scenario, "--episodes", "2", "--seed", "10", "--out",
            dir.resolve("d.yaml").toString(), "--feedback", feedback.toString());
        assertEquals(2, badFeedback.code());
        assertTrue(badFeedback.err().contains("feedback version 7 is not supported"), badFeedback.err());
        assertTrue(!Files.exists(dir.resolve("d.yaml")), "refused before training");
        assertEquals(refused, Files.readString(feedback), "left as it was");

        final Path champion = dir.resolve("champion.yaml");
        final Result overlap = run("promote", "--challenger", a.toString(), "--champion", champion.toString(),
            "--scenarios", scenario, "--episodes", "2", "--seed", "11");
        assertEquals(2, overlap.code());
        assertTrue(overlap.err().contains("seed 11 was used to train the challenger"), overlap.err());

        final Result judged = run("promote", "--challenger", a.toString(), "--champion", champion.toString(),
            "--scenarios", scenario, "--episodes", "2", "--seed", "500", "--quiet");
        assertTrue(judged.code() == 0 || judged.code() == 1, judged.err());
        assertTrue(judged.out().contains("challenger - champion:"), judged.out());
        assertTrue(judged.out().contains("(baseline: TWAP)"), judged.out());
        assertEquals(judged.code() == 0, Files.isRegularFile(champion), "only a promotion writes the champion");
        final Path other = dir.resolve("other-champion.yaml");
        final Result parallel = run("promote", "--challenger", a.toString(), "--champion", other.toString(),
            "--scenarios", scenario, "--episodes", "2", "--seed", "500", "--threads", "2", "--quiet");
        assertEquals(judged.out().replace(champion.toString(), other.toString()), parallel.out(),
            "two threads, the same verdict on the same figures");

        final Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(a).replace("version: " + io.slipway.learn.ModelFile.VERSION, "version: 9"));
        final Result bad = run("eval", "--scenarios", scenario, "--episodes", "1", "--strategies", "LEARNED",
            "--model", broken.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("model version 9 is not supported"), bad.err());
        final Result none = run("eval", "--scenarios", scenario, "--episodes", "1", "--strategies", "LEARNED");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("LEARNED needs --model FILE"), none.err());
        assertFalse(Files.isRegularFile(dir.resolve("none")));
    }

    @Test
    void promoteOnAntitheticPairsJudgesPairAverages(@TempDir final Path dir) throws IOException
    {
        final String scenario = smallScenario(dir).toString();
        // The library champion, trained on seeds 1,000,000..1,000,041: 7,400,000+ are held out.
        final Path model = Path.of("../docs/models/learned-library-42.yaml");

        // A challenger identical to the champion: every pair's difference is zero, so it is not promoted.
        final Path champion = dir.resolve("champion.yaml");
        Files.copy(model, champion);
        final Result same = run("promote", "--challenger", model.toString(), "--champion", champion.toString(),
            "--scenarios", scenario, "--episodes", "2", "--seed", "7400000", "--antithetic", "--quiet");
        assertEquals(1, same.code(), same.out() + same.err());
        assertTrue(same.out().contains("2 antithetic pairs (4 paired episodes; the sample is a pair's average)"),
            same.out());
        assertTrue(same.out().contains("challenger - champion: +0.00 bps [95% CI +0.00, +0.00]"), same.out());
        assertTrue(same.out().contains("NOT PROMOTED"), same.out());
        assertEquals(Files.readString(model), Files.readString(champion));
        assertFalse(Files.exists(Path.of(champion + ".prev")), "nothing was replaced");

        // The trained policy against the untrained baseline (TWAP): clearly better, promoted on 3 pairs.
        final Path fresh = dir.resolve("fresh.yaml");
        final String[] better = {"promote", "--challenger", model.toString(), "--champion", fresh.toString(),
            "--scenarios", scenario, "--episodes", "3", "--seed", "7400000", "--antithetic", "--quiet"};
        final Result promoted = run(better);
        assertEquals(0, promoted.code(), promoted.out() + promoted.err());
        assertTrue(promoted.out().contains("PROMOTED: "), promoted.out());
        assertEquals(Files.readString(model), Files.readString(fresh));

        // Deterministic from the seed: the same verdict on the same figures, on two threads too.
        final Path again = dir.resolve("again.yaml");
        final String[] twice = java.util.Arrays.copyOf(better, better.length + 2);
        twice[4] = again.toString();
        twice[better.length] = "--threads";
        twice[better.length + 1] = "2";
        assertEquals(promoted.out().replace(fresh.toString(), again.toString()), run(twice).out());

        // The same seeds without --antithetic judge single worlds: other samples, other figures.
        final Path plain = dir.resolve("plain.yaml");
        final String[] single = java.util.Arrays.stream(better).filter(a -> !a.equals("--antithetic"))
            .toArray(String[]::new);
        single[4] = plain.toString();
        final Result plainRun = run(single);
        assertTrue(plainRun.out().contains("3 paired episodes"), plainRun.out());
        assertFalse(plainRun.out().contains("antithetic"), plainRun.out());
        assertTrue(!figures(plainRun.out()).equals(figures(promoted.out())), plainRun.out() + promoted.out());
    }

    /** The line of a promote report with the paired difference and its interval. */
    private static String figures(final String out)
    {
        return out.lines().filter(l -> l.contains("challenger - champion")).findFirst().orElseThrow();
    }
}
