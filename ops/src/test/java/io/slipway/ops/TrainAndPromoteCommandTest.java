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
}
