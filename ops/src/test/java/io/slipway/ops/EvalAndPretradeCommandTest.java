package io.slipway.ops;

import io.slipway.analytics.CvarBootstrap;
import io.slipway.learn.FeedbackFile;
import io.slipway.learn.ImpactFeedback;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvalAndPretradeCommandTest
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

    private static double number(final String json, final String key)
    {
        final Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void evalIsDeterministicFromItsSeedAndPaired() throws IOException
    {
        final String[] args = {"eval", "--scenarios", "calm", "--episodes", "3", "--seed", "7", "--horizon", "10m",
            "--qty", "20", "--strategies", "IS_HIGH,IMMEDIATE", "--json"};
        final Result first = run(args);
        assertEquals(0, first.code(), first.err());
        final Result second = run(args);
        assertEquals(first.out(), second.out(), "same arguments, same JSON");
        JsonSyntax.check(first.out());
        assertTrue(first.err().contains("[") && first.err().contains("9/9"), "progress bar on stderr");
        assertTrue(first.out().contains("\"name\":\"TWAP\""), "TWAP always runs as the reference");
        assertTrue(first.out().contains("\"name\":\"IS_HIGH\""));
        final Matcher twap = Pattern.compile("\"name\":\"TWAP\".*?\"shortfallBps\":\\[([^]]*)]").matcher(first.out());
        assertTrue(twap.find());
        assertEquals(3, twap.group(1).split(",").length);
        assertEquals(0.0, number(first.out(), "vsTwapMeanBps"), 0.0, "TWAP against itself");

        final Path feedback = Files.createTempDirectory("eval-feedback").resolve("impact-feedback.yaml");
        final String[] parallel = java.util.Arrays.copyOf(args, args.length + 4);
        parallel[args.length] = "--threads";
        parallel[args.length + 1] = "2";
        parallel[args.length + 2] = "--feedback";
        parallel[args.length + 3] = feedback.toString();
        final Result withFeedback = run(parallel);
        assertEquals(first.out(), withFeedback.out(), "two threads and a feedback file, the same results in the same order");
        final ImpactFeedback fit = FeedbackFile.readOrPrior(feedback);
        assertEquals(9, fit.orders(), "every episode refits the impact coefficient");
        assertTrue(Math.abs(fit.impactCoefficient() - ImpactFeedback.PRIOR_Y) > 1e-3, "moved from the prior");
        assertTrue(withFeedback.err().contains("after 9 orders"), withFeedback.err());
        assertTrue(first.out().contains("\"pooled\":{\"pairedEpisodes\":3"), first.out());
        assertTrue(first.out().contains("\"feesBps\":") && first.out().contains("\"vwapAllInBps\":"));
        assertTrue(number(first.out(), "ownImpactBps") > 0, "a seller's own impact is a cost on the simulated market");
        assertTrue(first.out().contains("\"timingBps\":"));
        assertTrue(first.err().contains("ms of episode time each"), "episode time measured on stderr");

        final Result other = run("eval", "--scenarios", "calm", "--episodes", "3", "--seed", "8", "--horizon", "10m",
            "--qty", "20", "--strategies", "IS_HIGH,IMMEDIATE", "--json", "--quiet");
        assertTrue(!other.out().equals(first.out()), "another seed, another world");
        assertTrue(other.err().isEmpty());
    }

    private static double[] numbers(final String json, final String strategy, final String key)
    {
        final Matcher m = Pattern.compile("\"name\":\"" + strategy + "\"[^}]*?\"" + key + "\":\\[([^]]*)]").matcher(json);
        assertTrue(m.find(), strategy + " " + key + " in " + json);
        return Arrays.stream(m.group(1).split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static double field(final String json, final String strategy, final String key)
    {
        final Matcher m = Pattern.compile("\"name\":\"" + strategy + "\"[^}]*?\"" + key + "\":(-?[0-9.]+)").matcher(json);
        assertTrue(m.find(), strategy + " " + key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void evalAntitheticRunsEachSeedAsAPairAndTakesPairsAsTheSamples()
    {
        final String[] args = {"eval", "--scenarios", "calm", "--episodes", "3", "--seed", "21", "--horizon", "5m",
            "--qty", "5", "--strategies", "IMMEDIATE", "--json", "--quiet"};
        final Result plain = run(args);
        assertEquals(0, plain.code(), plain.err());
        final String[] pairedArgs = java.util.Arrays.copyOf(args, args.length + 1);
        pairedArgs[args.length] = "--antithetic";
        final Result paired = run(pairedArgs);
        assertEquals(0, paired.code(), paired.err());
        final String json = paired.out().substring(0, paired.out().indexOf("\"pooled\""));
        JsonSyntax.check(paired.out());
        assertTrue(json.contains("\"pairedEpisodes\":6,\"antitheticPairs\":3"), json);

        final double[] plainTwap = numbers(plain.out(), "TWAP", "shortfallBps");
        final double[] episodes = numbers(json, "TWAP", "shortfallBps");
        final double[] pairs = numbers(json, "TWAP", "pairShortfallBps");
        assertEquals(6, episodes.length);
        assertEquals(3, pairs.length);
        for (int i = 0; i < 3; i++)
        {
            assertEquals(plainTwap[i], episodes[2 * i], 0.0, "the pair's first world is the seed's own, unchanged");
            assertTrue(Math.abs(episodes[2 * i + 1] - episodes[2 * i]) > 0.1, "its mirror is another world");
            assertEquals(0.5 * (episodes[2 * i] + episodes[2 * i + 1]), pairs[i], 2e-6);
        }
        // Mean, SD and the interval against TWAP over the 3 pair averages (t with 2 degrees of freedom).
        final double[] immediate = numbers(json, "IMMEDIATE", "pairShortfallBps");
        final double[] diff = new double[3];
        for (int i = 0; i < 3; i++)
        {
            diff[i] = immediate[i] - pairs[i];
        }
        assertEquals(io.slipway.analytics.EpisodeStatistics.mean(pairs), field(json, "TWAP", "meanBps"), 2e-6);
        assertEquals(io.slipway.analytics.EpisodeStatistics.sd(pairs), field(json, "TWAP", "sdBps"), 2e-6);
        assertEquals(4.302653 * io.slipway.analytics.EpisodeStatistics.sd(diff) / Math.sqrt(3),
            field(json, "IMMEDIATE", "vsTwapCi95HalfWidthBps"), 1e-5);
        assertEquals(io.slipway.analytics.EpisodeStatistics.mean(immediate) / io.slipway.analytics.EpisodeStatistics.mean(pairs),
            field(json, "IMMEDIATE", "ratioToTwap"), 1e-5);
        // CVaR 95 stays per episode: the worst of the 6.
        assertEquals(java.util.Arrays.stream(episodes).max().orElseThrow(), field(json, "TWAP", "cvar95Bps"), 2e-6);
        assertTrue(field(json, "TWAP", "pairCorrelation") < -0.9, "TWAP's drift cancels within pairs: " + json);
        // CVaR 95 against TWAP: the episodes' tails, the bootstrap resampling pairs, seeded from --seed.
        final double[] immediateEpisodes = numbers(json, "IMMEDIATE", "shortfallBps");
        final CvarBootstrap.Interval tail = CvarBootstrap.difference(immediateEpisodes, episodes,
            CvarBootstrap.consecutiveUnits(6, 2), CvarBootstrap.DEFAULT_RESAMPLES, EvalCommand.bootstrapSeed(21, "calm"));
        assertEquals(Arrays.stream(immediateEpisodes).max().orElseThrow() - Arrays.stream(episodes).max().orElseThrow(),
            field(json, "IMMEDIATE", "cvar95VsTwapBps"), 4e-6);
        assertEquals(tail.lower(), field(json, "IMMEDIATE", "cvar95VsTwapCi95LowBps"), 4e-6);
        assertEquals(tail.upper(), field(json, "IMMEDIATE", "cvar95VsTwapCi95HighBps"), 4e-6);
        assertEquals(tail.ratioUpper(), field(json, "IMMEDIATE", "cvar95RatioToTwapCi95High"), 4e-6);
        assertTrue(tail.lower() < tail.upper(), tail.toString());
        assertEquals(0.0, field(json, "TWAP", "cvar95VsTwapCi95HighBps"), 0.0, "TWAP against itself");
        assertTrue(paired.out().startsWith("{\"seed\":21,\"episodes\":3,\"antithetic\":true,\"bootstrapResamples\":2000,"));
        assertEquals(6, numbers(json, "TWAP", "episodeCompletion").length);
        assertEquals(1.0, numbers(json, "TWAP", "episodeCompletion")[5], 0.0);

        final Result text = run(java.util.Arrays.stream(pairedArgs).filter(a -> !a.equals("--json")).toArray(String[]::new));
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("3 antithetic pairs (6 episodes"), text.out());
        assertTrue(text.out().contains("mean/TWAP [95% CI]"), text.out());
        assertTrue(text.out().contains("CVaR 95 against TWAP: paired bootstrap over 3 pairs, 2000 resamples, world " +
            "and mirror together"), text.out());
        assertTrue(text.out().contains(String.format(java.util.Locale.ROOT, "%+.2f [%+.2f, %+.2f]", tail.difference(),
            tail.lower(), tail.upper())), text.out());
    }

    @Test
    void evalTextTableAndErrors()
    {
        final Result table = run("eval", "--episodes", "2", "--horizon", "5m", "--qty", "5", "--strategies", "POV",
            "--quiet");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("Scenario calm: SELL 5 BTC-USD over 5m, 2 paired episodes"), table.out());
        assertTrue(table.out().contains("vs TWAP [95% CI]"));
        assertTrue(table.out().contains("cost decomposition, mean bps"), table.out());
        assertEquals(2, run("eval", "--threads", "0").code());
        assertEquals(2, run("eval", "--strategies", "MAGIC").code());
        assertEquals(2, run("eval", "--episodes", "0").code());
        assertEquals(2, run("eval", "--liquidity-floor", "1").code());
        final Result resamples = run("eval", "--bootstrap", "99");
        assertEquals(2, resamples.code());
        assertTrue(resamples.err().contains("--bootstrap must be 100..1000000, was 99"), resamples.err());
        assertTrue(table.out().contains("CVaR 95 against TWAP: paired bootstrap over 2 seeds, 2000 resamples"), table.out());
    }

    @Test
    void evalRefusesAWholePriceCostFeedbackFileBeforeRunning() throws IOException
    {
        final Path file = Files.createTempFile("impact-feedback", ".yaml");
        final String versionOne = "format: slipway-impact-feedback\nversion: 1\nimpactCoefficient: 2.5\norders: 3\n" +
            "sumXx: 3000\nsumXy: 7500\n";
        Files.writeString(file, versionOne);
        final Result refused = run("eval", "--episodes", "1", "--horizon", "5m", "--feedback", file.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("whole price cost"), refused.err());
        assertTrue(!refused.err().contains("episodes in"), "no episode ran: " + refused.err());
        assertEquals(versionOne, Files.readString(file), "the file is left as it was");
    }

    /**
     * pretrade --feedback prices impact with the file's fitted Y and says so; a missing file is the prior Y = 1,
     * which on the base world (Y = 1) gives the very numbers of a run without the option. A refused file stops it
     * before anything runs and is left as it was.
     */
    @Test
    void pretradeReadsTheFittedImpactCoefficient() throws IOException
    {
        final Path dir = Files.createTempDirectory("pretrade-feedback");
        final ImpactFeedback heavy = new ImpactFeedback();
        heavy.observeOwnImpact(60.0, 0.05, 0.1, 260);
        final Path file = dir.resolve("fit.yaml");
        FeedbackFile.write(heavy, file);
        final String[] order = {"pretrade", "SELL", "50", "BTC-USD", "--json", "--seed", "3", "--horizon", "1h"};
        final Result plain = run(order);
        final Result prior = run(with(order, "--feedback", dir.resolve("none.yaml").toString()));
        final Result fitted = run(with(order, "--feedback", file.toString()));
        assertEquals(0, fitted.code(), fitted.err());
        JsonSyntax.check(fitted.out());
        assertTrue(fitted.out().contains(String.format(java.util.Locale.ROOT, "\"impactFit\":{\"coefficient\":%.6f",
            heavy.impactCoefficient())), fitted.out());
        assertTrue(!plain.out().contains("impactFit"), "without the option the output is as it was");
        assertEquals(plain.out(), prior.out().replaceAll("\"impactFit\":\\{[^}]*},", ""),
            "the prior Y = 1 on a Y = 1 world: the same numbers");
        assertTrue(heavy.impactCoefficient() > 1.5, "Y " + heavy.impactCoefficient());
        assertTrue(number(fitted.out(), "twapExpectedBps") > number(plain.out(), "twapExpectedBps") + 0.1,
            "a larger Y costs the order more");
        final Result text = run("pretrade", "SELL", "50", "BTC-USD", "--seed", "3", "--feedback", file.toString());
        assertTrue(text.out().contains("Impact: impact Y " + String.format(java.util.Locale.ROOT, "%.3f",
            heavy.impactCoefficient()) + " fitted over 1 orders"), text.out());

        final String bad = Files.readString(file).replaceAll("(?m)^impactCoefficient:.*$", "impactCoefficient: 99");
        Files.writeString(file, bad);
        final Result refused = run(with(order, "--feedback", file.toString()));
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("fit.yaml: field 'impactCoefficient' must be in [0.05, 20.0], was 99"),
            refused.err());
        assertEquals(bad, Files.readString(file), "left as it was");
    }

    private static String[] with(final String[] args, final String... more)
    {
        final String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void pretradeJsonIsSane()
    {
        final Result small = run("pretrade", "SELL", "5", "BTC-USD", "--json", "--seed", "3");
        final Result large = run("pretrade", "SELL", "500", "BTC-USD", "--json", "--seed", "3");
        assertEquals(0, small.code(), small.err());
        JsonSyntax.check(small.out());
        JsonSyntax.check(large.out());
        assertTrue(number(large.out(), "totalCostBps") > number(small.out(), "totalCostBps"),
            "immediate cost grows with size");
        assertTrue(number(small.out(), "mid") > 0);
        final Result text = run("pretrade", "BUY", "50", "BTC-USD", "--risk-aversion", "0.001", "--horizon", "1h");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Recommended horizon at lambda 0.001"), text.out());
        assertTrue(text.out().contains("Liquidity on the ask side"));
        assertEquals(2, run("pretrade", "SELL", "5", "DOGE-USD").code());

        final Result mirrored = run("pretrade", "SELL", "5", "BTC-USD", "--json", "--seed", "3", "--mirror");
        assertEquals(0, mirrored.code(), mirrored.err());
        JsonSyntax.check(mirrored.out());
        assertTrue(mirrored.out().startsWith("{\"mirror\":true,") && !small.out().contains("mirror"));
        assertTrue(number(mirrored.out(), "mid") != number(small.out(), "mid"), "the warm-up moved the mirror's price");
        assertEquals(2, run("pretrade", "SELL", "5", "BTC-USD", "--live", "--mirror").code());
    }
}
