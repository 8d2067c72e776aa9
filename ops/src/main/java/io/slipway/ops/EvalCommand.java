package io.slipway.ops;

import io.slipway.analytics.CvarBootstrap;
import io.slipway.analytics.EpisodeStatistics;
import io.slipway.core.CoreContext;
import io.slipway.core.QPolicy;
import io.slipway.core.Strategy;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.learn.FeedbackFile;
import io.slipway.learn.ImpactFeedback;
import io.slipway.learn.ModelFile;
import io.slipway.learn.PairedEpisodes;
import io.slipway.learn.PolicyModel;
import io.slipway.sim.scenario.OrderSpec;
import io.slipway.sim.scenario.Scenario;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.tca.PlacementStats;
import io.slipway.tca.TcaReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

/**
 * {@code slipway eval}: paired evaluation of execution strategies. Episode i of every strategy
 * on a scenario runs on the same world seed BASE + i, so strategies are compared on common
 * random numbers; per strategy it reports the mean, SD and CVaR 95 of implementation shortfall,
 * the mean paired difference against TWAP with its 95% confidence interval, and the completion
 * rate.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
        "Run paired episodes of execution strategies through the simulated appliance:",
        "episode i of every strategy uses world seed BASE + i on the same scenario. Each",
        "episode works the scenario's order if it has one, else SELL 50 BTC-USD over 1h",
        "(--side/--qty/--symbol/--horizon override). Prints per strategy the mean, SD",
        "and CVaR 95 of implementation shortfall (bps), the mean paired difference",
        "against TWAP with its 95%% confidence interval, the completion rate (share of",
        "episodes filled in full) and the mean share filled; the paired difference against",
        "ADAPTIVE_AC when it runs; the cost decomposition (spread, impact and timing, fees,",
        "delay, opportunity; impact and timing split by the simulated market into the order's",
        "own impact and the rest, timing); and, with several scenarios, the same pooled.",
        "vs TWAP%% is mean(TWAP - X) / mean(TWAP), shown only when TWAP's mean is a cost.",
        "VWAP+fees is the all-in cost against the market's VWAP over the order's life: the",
        "price drift that dominates shortfall mostly cancels in it, so it shows cost with less",
        "noise; it is reported beside shortfall, never instead of it.",
        "--threads N runs N episodes at once; results are the same for any N.",
        "--antithetic runs every seed as a pair: its world and its mirror (the latent price's",
        "Gaussian innovations negated, an equally likely world), every strategy on both; the",
        "mean, SD, paired differences and intervals then take the pair's average as the",
        "sample (n = pairs), CVaR 95 and completion stay per episode, and each strategy gets",
        "mean(X) / mean(TWAP) and mean(X) / mean(ADAPTIVE_AC) with 95%% delta-method intervals",
        "and the correlation of its shortfall between the two worlds of a pair.",
        "CVaR 95 is compared with TWAP's by a paired bootstrap seeded from --seed:",
        "CVaR95(X) - CVaR95(TWAP) and CVaR95(X) / CVaR95(TWAP) with 95%% percentile",
        "intervals, resampling seeds (with --antithetic pairs, world and mirror",
        "together); pooled, a seed with all its scenarios, which share the latent price.",
        "Strategies: TWAP, VWAP, POV (10%%), POV5, POV20, IS (lambda 0.01/bps), IS_LOW",
        "(0.001), IS_HIGH (0.1), ADAPTIVE_AC (0.01), ADAPTIVE_AC_HIGH (0.1), IMMEDIATE,",
        "SUBMIT_AND_LEAVE (post the whole order at the touches, take the rest at the end),",
        "LEARNED (the policy of --model FILE on top of TWAP; the output says whether",
        "the seeds were held out from its training), LEARNED_DEPTH_OFF (LEARNED without",
        "its liquidity rule, see --liquidity-floor)."})
public final class EvalCommand implements Callable<Integer>
{
    /** A strategy as evaluated: the core's strategy and the settings it runs with. */
    record Variant(String name, Strategy strategy, double riskAversion, double participation, boolean liquidityRule)
    {
        Variant(final String name, final Strategy strategy, final double riskAversion, final double participation)
        {
            this(name, strategy, riskAversion, participation, true);
        }

        CoreContext coreContext(final QPolicy policy, final int passiveReposts, final double liquidityFloor)
        {
            return new CoreContext().riskAversion(riskAversion).participationRate(participation).learnedPolicy(policy)
                .maxPassiveReposts(passiveReposts).liquidityFloor(liquidityRule ? liquidityFloor : 0.0);
        }
    }

    private static final Map<String, Variant> VARIANTS = variants();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenarios", arity = "1..*", defaultValue = "calm",
        description = "Named scenarios or scenario files (default ${DEFAULT-VALUE}).")
    private List<String> scenarios;

    @Option(names = "--episodes", defaultValue = "3", description = "Paired episodes per scenario (default ${DEFAULT-VALUE}).")
    private int episodes;

    @Option(names = "--seed", defaultValue = "1", description = "Base seed: episode i uses seed BASE + i (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--strategies", split = ",", defaultValue = "TWAP,VWAP,POV,IS,IS_HIGH,ADAPTIVE_AC,IMMEDIATE",
        description = "Comma-separated strategies; TWAP is always run as the reference (default ${DEFAULT-VALUE}).")
    private List<String> strategies;

    @Option(names = "--side", description = "Side, overriding the scenario's order.")
    private Side side;

    @Option(names = "--qty", description = "Quantity, overriding the scenario's order.")
    private String quantity;

    @Option(names = "--symbol", description = "Instrument, overriding the scenario's order.")
    private String symbol;

    @Option(names = "--horizon", converter = DurationConverter.class,
        description = "Horizon, overriding the scenario's order (e.g. 10m, 1h).")
    private Long horizonNs;

    @Option(names = "--model", description = "Model file for LEARNED (written by slipway train).")
    private Path model;

    @Option(names = "--threads", defaultValue = "1",
        description = "Episodes run at once (default ${DEFAULT-VALUE}); results do not depend on it.")
    private int threads;

    @Option(names = "--json", description = "Print JSON instead of the text table.")
    private boolean json;

    @Option(names = "--passive-reposts", defaultValue = "3", description = {"Times per slice a refused post-only",
        "child is posted again at the current touch inside its window (default ${DEFAULT-VALUE}; 0 takes it at the",
        "window's end, the behaviour before re-posting)."})
    private int passiveReposts;

    @Option(names = "--liquidity-floor", defaultValue = "0.5", description = {"LEARNED trades nothing while the lit",
        "depth is at or below this share of its reference and the full slice at the reference, linearly between",
        "(default ${DEFAULT-VALUE}; 0 turns the rule off). LEARNED_DEPTH_OFF is LEARNED with the rule off."})
    private double liquidityFloor;

    @Option(names = "--placement-stats", description = {"Add where each strategy's post-only children ended: filled,",
        "partly filled, canceled at the passive window's end, at a new slice or otherwise, refused",
        "post-only (would have taken), refused otherwise, closed by the venue; with the mean displayed",
        "queue ahead at posting, mean resting time, and the share of the filled quantity filled passively",
        "(always in --json)."})
    private boolean placementStats;

    @Option(names = "--antithetic", description = {"Run each seed as an antithetic pair: the world and its mirror",
        "(latent price innovations negated), every strategy on both; statistics over pair averages (n = pairs)."})
    private boolean antithetic;

    @Option(names = "--bootstrap", defaultValue = "" + CvarBootstrap.DEFAULT_RESAMPLES,
        description = "Bootstrap resamples for the CVaR 95 interval against TWAP (default ${DEFAULT-VALUE}; 100..1000000).")
    private int bootstrap;

    @Option(names = "--quiet", description = "No progress bar on stderr.")
    private boolean quiet;

    @Option(names = "--feedback", description = {"Feedback file (as the demo writes): every finished episode, in",
        "episode order, refits its impact coefficient on the episode's own impact and its venue priors; created",
        "from the prior when missing. Strategies do not read it, so the results are unchanged."})
    private Path feedback;

    @Override
    public Integer call()
    {
        if (episodes < 1 || episodes > 10_000)
        {
            throw new IllegalArgumentException("--episodes must be 1..10000, was " + episodes);
        }
        if (threads < 1 || threads > 64)
        {
            throw new IllegalArgumentException("--threads must be 1..64, was " + threads);
        }
        if (passiveReposts < 0 || passiveReposts > 100)
        {
            throw new IllegalArgumentException("--passive-reposts must be 0..100, was " + passiveReposts);
        }
        if (!(liquidityFloor >= 0.0 && liquidityFloor < 1.0))
        {
            throw new IllegalArgumentException("--liquidity-floor must be in [0, 1), was " + liquidityFloor);
        }
        if (bootstrap < CvarBootstrap.MIN_RESAMPLES || bootstrap > CvarBootstrap.MAX_RESAMPLES)
        {
            throw new IllegalArgumentException("--bootstrap must be " + CvarBootstrap.MIN_RESAMPLES + ".." +
                CvarBootstrap.MAX_RESAMPLES + ", was " + bootstrap);
        }
        final List<Variant> chosen = chooseVariants();
        PolicyModel loaded = null;
        if (chosen.stream().anyMatch(v -> v.strategy() == Strategy.LEARNED))
        {
            if (model == null)
            {
                throw new IllegalArgumentException("LEARNED needs --model FILE (written by slipway train)");
            }
            loaded = ModelFile.read(model);
        }
        final QPolicy policy = loaded == null ? null : loaded.policy();
        final String heldOut = loaded == null ? null : heldOut(loaded, seed, episodes);
        final List<Scenario> worlds = new ArrayList<>();
        for (final String name : scenarios)
        {
            worlds.add(loadScenario(name));
        }
        // Read before any episode runs: a file this build refuses costs no compute and is left as it was.
        final ImpactFeedback fit = feedback == null ? null : FeedbackFile.readOrPrior(feedback);
        final PrintWriter err = spec.commandLine().getErr();
        final List<PairedEpisodes.Episode> jobs = new ArrayList<>();
        final List<Order> orders = new ArrayList<>();
        for (final Scenario scenario : worlds)
        {
            final Order order = orderFor(scenario);
            orders.add(order);
            for (int i = 0; i < episodes; i++)
            {
                for (int w = 0; w < worldsPerSeed(); w++)
                {
                    for (final Variant variant : chosen)
                    {
                        jobs.add(new PairedEpisodes.Episode(scenario, seed + i, w == 1, variant.strategy(),
                            () -> variant.coreContext(policy, passiveReposts, liquidityFloor), order.instrument, order.side,
                            order.quantity, order.horizonNs));
                    }
                }
            }
        }
        final long startNs = System.nanoTime();
        final long[] episodeNs = {0L};
        final List<PairedEpisodes.Outcome> outcomes = PairedEpisodes.run(jobs, threads, (done, total, job, outcome) ->
        {
            episodeNs[0] += outcome.wallNs();
            if (!quiet)
            {
                Progress.bar(err, done, total, job.scenario().name() + " " + job.strategy() + " seed " + job.seed() +
                    (job.mirror() ? " mirror" : ""));
            }
        });
        final double wallSeconds = (System.nanoTime() - startNs) / 1e9;
        if (fit != null)
        {
            for (int i = 0; i < jobs.size(); i++)
            {
                fit.observe(outcomes.get(i).tca(), outcomes.get(i).ownImpactBps(),
                    jobs.get(i).scenario().market().annualVolatility());
            }
            FeedbackFile.write(fit, feedback);
            // stderr: the fit depends on what the file held before, so it stays out of the deterministic results.
            err.printf(Locale.ROOT, "feedback %s: impact coefficient Y %.4f after %d orders%n", feedback,
                fit.impactCoefficient(), fit.orders());
            err.flush();
        }
        final StringBuilder text = new StringBuilder();
        final StringBuilder jsonOut = new StringBuilder("{\"seed\":").append(seed).append(",\"episodes\":")
            .append(episodes).append(antithetic ? ",\"antithetic\":true" : "").append(",\"bootstrapResamples\":")
            .append(bootstrap).append(",\"scenarios\":[");
        final int perScenario = episodes * worldsPerSeed() * chosen.size();
        final Costs[][] pooled = new Costs[chosen.size()][worlds.size() * episodes * worldsPerSeed()];
        for (int s = 0; s < worlds.size(); s++)
        {
            final Costs[][] costs = new Costs[chosen.size()][episodes * worldsPerSeed()];
            for (int e = 0; e < episodes * worldsPerSeed(); e++)
            {
                for (int v = 0; v < chosen.size(); v++)
                {
                    costs[v][e] = Costs.of(outcomes.get(s * perScenario + e * chosen.size() + v));
                    pooled[v][s * episodes * worldsPerSeed() + e] = costs[v][e];
                }
            }
            appendText(text, worlds.get(s).name(), orders.get(s), chosen, costs);
            jsonOut.append(s == 0 ? "" : ",");
            appendJson(jsonOut, worlds.get(s).name(), orders.get(s), chosen, costs);
        }
        if (worlds.size() > 1)
        {
            appendText(text, null, null, chosen, pooled);
        }
        jsonOut.append("],\"pooled\":");
        appendJson(jsonOut, null, null, chosen, pooled);
        if (!quiet)
        {
            // Timing is a measurement of this machine, not a result: stderr only, so stdout stays deterministic.
            err.printf(Locale.ROOT, "%n%d episodes in %.1f s wall on %d thread(s): %.0f ms of episode time each%n",
                jobs.size(), wallSeconds, threads, episodeNs[0] / 1e6 / jobs.size());
            err.flush();
        }
        if (heldOut != null)
        {
            text.append("Model ").append(model).append(": ").append(heldOut).append(String.format("%n"));
            jsonOut.append(",\"model\":\"").append(model.toString().replace("\\", "/")).append("\",\"heldOut\":")
                .append(heldOut.startsWith("held out"));
        }
        jsonOut.append("}\n");
        final PrintWriter out = spec.commandLine().getOut();
        out.print(json ? jsonOut : text);
        out.flush();
        return 0;
    }

    private record Order(Side side, String quantity, Instrument instrument, long horizonNs)
    {
    }

    private int worldsPerSeed()
    {
        return antithetic ? 2 : 1;
    }

    /**
     * The samples the statistics run on: each episode, or with --antithetic each pair's average, its
     * world's episode and its mirror's being adjacent (world first) in episodes.
     */
    Costs[][] samples(final Costs[][] episodes)
    {
        return antithetic ? pairs(episodes) : episodes;
    }

    /** Pair averages of episodes given as world, mirror, world, mirror, ... per strategy. */
    static Costs[][] pairs(final Costs[][] episodes)
    {
        final Costs[][] pairs = new Costs[episodes.length][];
        for (int v = 0; v < episodes.length; v++)
        {
            if (episodes[v].length % 2 != 0)
            {
                throw new IllegalArgumentException("antithetic episodes come in pairs, got " + episodes[v].length);
            }
            pairs[v] = new Costs[episodes[v].length / 2];
            for (int i = 0; i < pairs[v].length; i++)
            {
                pairs[v][i] = Costs.pairMean(episodes[v][2 * i], episodes[v][2 * i + 1]);
            }
        }
        return pairs;
    }

    private Order orderFor(final Scenario scenario)
    {
        final OrderSpec spec = scenario.order();
        Side orderSide = spec != null ? spec.side() : Side.SELL;
        String qty = spec != null ? spec.quantity() : "50";
        String sym = spec != null ? spec.instrument() : "BTC-USD";
        long horizon = spec != null ? (long)(spec.horizonMinutes() * 60e9) : 3_600_000_000_000L;
        orderSide = side != null ? side : orderSide;
        qty = quantity != null ? quantity : qty;
        sym = symbol != null ? symbol : sym;
        horizon = horizonNs != null ? horizonNs : horizon;
        final Instrument instrument = Instruments.bySymbol(sym);
        if (instrument == null)
        {
            throw new IllegalArgumentException("unknown instrument '" + sym + "'");
        }
        if (!scenario.market().instruments().contains(instrument.symbol()))
        {
            throw new IllegalArgumentException("scenario '" + scenario.name() + "' does not simulate " + sym);
        }
        if (instrument.parseQty(qty) <= 0)
        {
            throw new IllegalArgumentException("quantity must be positive, was " + qty);
        }
        if (horizon < 60_000_000_000L || horizon > 86_400_000_000_000L)
        {
            throw new IllegalArgumentException("--horizon must be between 1m and 24h");
        }
        return new Order(orderSide, qty, instrument, horizon);
    }

    private List<Variant> chooseVariants()
    {
        final List<Variant> chosen = new ArrayList<>();
        chosen.add(VARIANTS.get("TWAP"));
        for (final String name : strategies)
        {
            final Variant variant = VARIANTS.get(name.trim().toUpperCase(Locale.ROOT));
            if (variant == null)
            {
                throw new IllegalArgumentException("unknown strategy '" + name + "' (" +
                    String.join(", ", VARIANTS.keySet()) + ")");
            }
            if (!chosen.contains(variant))
            {
                chosen.add(variant);
            }
        }
        return chosen;
    }

    private static Map<String, Variant> variants()
    {
        final Map<String, Variant> variants = new LinkedHashMap<>();
        final double lambda = new CoreContext().riskAversion();
        final double rate = new CoreContext().participationRate();
        for (final Variant v : new Variant[] {
            new Variant("TWAP", Strategy.TWAP, lambda, rate),
            new Variant("VWAP", Strategy.VWAP, lambda, rate),
            new Variant("POV", Strategy.POV, lambda, rate),
            new Variant("POV5", Strategy.POV, lambda, 0.05),
            new Variant("POV20", Strategy.POV, lambda, 0.20),
            new Variant("IS", Strategy.IS, lambda, rate),
            new Variant("IS_LOW", Strategy.IS, lambda / 10, rate),
            new Variant("IS_HIGH", Strategy.IS, lambda * 10, rate),
            new Variant("ADAPTIVE_AC", Strategy.ADAPTIVE_AC, lambda, rate),
            new Variant("ADAPTIVE_AC_HIGH", Strategy.ADAPTIVE_AC, lambda * 10, rate),
            new Variant("IMMEDIATE", Strategy.IMMEDIATE, lambda, rate),
            new Variant("SUBMIT_AND_LEAVE", Strategy.SUBMIT_AND_LEAVE, lambda, rate),
            new Variant("LEARNED", Strategy.LEARNED, lambda, rate),
            new Variant("LEARNED_DEPTH_OFF", Strategy.LEARNED, lambda, rate, false)})
        {
            variants.put(v.name(), v);
        }
        return variants;
    }

    /** Says whether seeds BASE .. BASE + episodes - 1 are outside the model's training seeds. */
    static String heldOut(final PolicyModel model, final long base, final int episodes)
    {
        final long first = model.seedBase();
        final long last = model.seedBase() + model.episodes() - 1;
        final boolean overlap = base <= last && base + episodes - 1 >= first;
        return (overlap ? "NOT held out: seeds overlap" : "held out: seeds disjoint from") + " the training seeds " +
            first + ".." + last + " (trained on " + String.join(",", model.scenarios()) + ", code " +
            model.codeVersion() + ", " + model.trainedAt() + ")";
    }

    static Scenario loadScenario(final String nameOrFile)
    {
        final Path file = Path.of(nameOrFile);
        return Files.isRegularFile(file) ? ScenarioLoader.load(file) : ScenarioLoader.loadNamed(nameOrFile);
    }

    /**
     * One episode's shortfall and its TCA decomposition, in bps of the arrival notional; ownImpact is the
     * part of impact + timing that the simulated market says was the order's own impact (the rest is timing).
     */
    record Costs(double shortfall, double completion, double spread, double impactTiming, double ownImpact,
        double fees, double delay, double opportunity, double vwapAllIn, double filledQty, PlacementStats placement)
    {
        static Costs of(final PairedEpisodes.Outcome outcome)
        {
            final TcaReport tca = outcome.tca();
            // Own impact is measured per filled quantity; weighted by completion it is in the shortfall's units.
            return new Costs(tca.shortfallBps(), tca.completion(), tca.spreadBps(), tca.impactTimingBps(),
                outcome.ownImpactBps() * tca.completion(), tca.feesBps(), tca.delayBps(), tca.opportunityBps(),
                tca.vwapSlippageBps() + tca.feesBps(), tca.filledQty(), tca.placement());
        }

        /**
         * An antithetic pair as one sample: costs and completion averaged over the two worlds; filled
         * quantity and placement summed, so shares over samples stay shares of everything filled.
         */
        static Costs pairMean(final Costs world, final Costs mirror)
        {
            return new Costs(0.5 * (world.shortfall + mirror.shortfall), 0.5 * (world.completion + mirror.completion),
                0.5 * (world.spread + mirror.spread), 0.5 * (world.impactTiming + mirror.impactTiming),
                0.5 * (world.ownImpact + mirror.ownImpact), 0.5 * (world.fees + mirror.fees),
                0.5 * (world.delay + mirror.delay), 0.5 * (world.opportunity + mirror.opportunity),
                0.5 * (world.vwapAllIn + mirror.vwapAllIn), world.filledQty + mirror.filledQty,
                PlacementStats.sum(List.of(world.placement, mirror.placement)));
        }

        double timing()
        {
            return impactTiming - ownImpact;
        }
    }

    /** Where the post-only children of these episodes ended, summed over them. */
    private static PlacementStats placement(final Costs[] costs)
    {
        final List<PlacementStats> all = new ArrayList<>(costs.length);
        for (final Costs c : costs)
        {
            all.add(c.placement());
        }
        return PlacementStats.sum(all);
    }

    /** Share of the filled quantity that post-only children filled. */
    private static double passiveShare(final Costs[] costs, final PlacementStats placement)
    {
        double filled = 0;
        for (final Costs c : costs)
        {
            filled += c.filledQty();
        }
        return filled > 0 ? placement.filledQty() / filled : Double.NaN;
    }

    private static double[] column(final Costs[] costs, final ToDoubleFunction<Costs> f)
    {
        final double[] values = new double[costs.length];
        for (int i = 0; i < costs.length; i++)
        {
            values[i] = f.applyAsDouble(costs[i]);
        }
        return values;
    }

    private static int indexOf(final List<Variant> chosen, final String name)
    {
        for (int v = 0; v < chosen.size(); v++)
        {
            if (chosen.get(v).name().equals(name))
            {
                return v;
            }
        }
        return -1;
    }

    /**
     * Mean cost saved against TWAP as a share of TWAP's mean cost, mean(TWAP - X) / mean(TWAP); not
     * defined (NaN) when TWAP's mean shortfall is not a cost, since a share of a gain means nothing.
     */
    static double relativeToTwap(final double[] strategy, final double[] twap)
    {
        final double base = EpisodeStatistics.mean(twap);
        return base > 0 ? -EpisodeStatistics.mean(difference(strategy, twap)) / base : Double.NaN;
    }

    private static String versus(final double[] diff)
    {
        final double mean = EpisodeStatistics.mean(diff);
        final double half = EpisodeStatistics.halfWidth95(diff);
        return String.format(Locale.ROOT, "%+.2f [%+.2f, %+.2f]", mean, mean - half, mean + half);
    }

    private void appendText(final StringBuilder b, final String scenario, final Order order,
        final List<Variant> chosen, final Costs[][] episodeCosts)
    {
        final Costs[][] costs = samples(episodeCosts);
        final int n = costs[0].length;
        final String count = antithetic ? String.format(Locale.ROOT, "%d antithetic pairs (%d episodes; mean, SD and " +
            "intervals over pair averages, CVaR 95 and completion over episodes)", n, 2 * n) :
            String.format(Locale.ROOT, "%d paired episodes", n);
        if (scenario != null)
        {
            b.append(String.format(Locale.ROOT, "Scenario %s: %s %s %s over %s, %s%n", scenario,
                order.side, order.quantity, order.instrument.symbol(), PretradeCommand.duration(order.horizonNs / 1e9),
                count));
        }
        else
        {
            b.append(String.format(Locale.ROOT, "Pooled over the scenarios: %s%n", count));
        }
        final int ac = indexOf(chosen, "ADAPTIVE_AC");
        final double[] twap = column(costs[0], Costs::shortfall);
        final double[] adaptive = ac < 0 ? null : column(costs[ac], Costs::shortfall);
        b.append(String.format(Locale.ROOT, "  %-17s %9s %9s %9s %24s %8s %24s %9s %9s%n", "strategy", "mean bps", "SD",
            "CVaR95", "vs TWAP [95% CI]", "vs TWAP%", "vs ADAPTIVE_AC [95% CI]", "complete", "filled"));
        for (int v = 0; v < chosen.size(); v++)
        {
            final double[] shortfall = column(costs[v], Costs::shortfall);
            final double[] completion = column(episodeCosts[v], Costs::completion);
            final double relative = relativeToTwap(shortfall, twap);
            b.append(String.format(Locale.ROOT, "  %-17s %9.2f %9.2f %9.2f %24s %8s %24s %8.0f%% %8.3f%%%n",
                chosen.get(v).name(), EpisodeStatistics.mean(shortfall), EpisodeStatistics.sd(shortfall),
                EpisodeStatistics.cvar95(column(episodeCosts[v], Costs::shortfall)), v == 0 ? "-" : versus(difference(shortfall, twap)),
                v == 0 || Double.isNaN(relative) ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * relative),
                adaptive == null || v == ac ? "-" : versus(difference(shortfall, adaptive)),
                100 * completionRate(completion), 100 * EpisodeStatistics.mean(completion)));
        }
        appendCvarText(b, scenario, chosen, episodeCosts);
        if (antithetic)
        {
            appendAntitheticText(b, chosen, episodeCosts, costs);
        }
        b.append(String.format(Locale.ROOT, "  cost decomposition, mean bps: %-8s %8s %8s %8s %8s %8s %8s %8s %11s %8s%n", "",
            "spread", "impact+t", "impact", "timing", "fees", "delay", "opport.", "VWAP+fees", "vs TWAP%"));
        final double[] twapVwap = column(costs[0], Costs::vwapAllIn);
        for (int v = 0; v < chosen.size(); v++)
        {
            final double[] vwap = column(costs[v], Costs::vwapAllIn);
            final double relative = relativeToTwap(vwap, twapVwap);
            b.append(String.format(Locale.ROOT, "  %-38s %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %11.2f %8s%n",
                chosen.get(v).name(),
                EpisodeStatistics.mean(column(costs[v], Costs::spread)),
                EpisodeStatistics.mean(column(costs[v], Costs::impactTiming)),
                EpisodeStatistics.mean(column(costs[v], Costs::ownImpact)),
                EpisodeStatistics.mean(column(costs[v], Costs::timing)),
                EpisodeStatistics.mean(column(costs[v], Costs::fees)),
                EpisodeStatistics.mean(column(costs[v], Costs::delay)),
                EpisodeStatistics.mean(column(costs[v], Costs::opportunity)), EpisodeStatistics.mean(vwap),
                v == 0 || Double.isNaN(relative) ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * relative)));
        }
        if (placementStats)
        {
            b.append(String.format(Locale.ROOT, "  post-only children: %-18s %6s %6s %6s %6s %6s %6s %6s %6s %6s %8s %8s %8s%n",
                "", "posted", "filled", "part.", "c-win", "c-slice", "c-oth", "ref-PO", "ref-oth", "venue", "queue",
                "rest s", "passive"));
            for (int v = 0; v < chosen.size(); v++)
            {
                final PlacementStats p = placement(costs[v]);
                b.append(String.format(Locale.ROOT,
                    "  %-38s %6d %5.0f%% %5.0f%% %5.0f%% %5.0f%% %5.0f%% %5.0f%% %5.0f%% %5.0f%% %8.3f %8.1f %7.1f%%%n",
                    chosen.get(v).name(), p.posted(), 100 * p.share(p.filled()), 100 * p.share(p.partial()),
                    100 * p.share(p.canceledWindow()), 100 * p.share(p.canceledSlice()),
                    100 * p.share(p.canceledOther()), 100 * p.share(p.refusedPostOnly()),
                    100 * p.share(p.refusedOther()), 100 * p.share(p.closedByVenue()), p.meanQueueAhead(),
                    p.meanRestingSeconds(), 100 * passiveShare(costs[v], p)));
            }
        }
        b.append(String.format(Locale.ROOT, "%n"));
    }

    private void appendJson(final StringBuilder b, final String scenario, final Order order,
        final List<Variant> chosen, final Costs[][] episodeCosts)
    {
        final Costs[][] costs = samples(episodeCosts);
        if (scenario != null)
        {
            b.append(String.format(Locale.ROOT,
                "{\"scenario\":\"%s\",\"side\":\"%s\",\"quantity\":\"%s\",\"instrument\":\"%s\",\"horizonSeconds\":%d,",
                scenario, order.side, order.quantity, order.instrument.symbol(), order.horizonNs / 1_000_000_000L));
        }
        else
        {
            b.append("{");
        }
        b.append("\"pairedEpisodes\":").append(episodeCosts[0].length)
            .append(antithetic ? ",\"antitheticPairs\":" + costs[0].length : "")
            .append(",\"bootstrapUnits\":").append(episodes).append(",\"strategies\":[");
        final int ac = indexOf(chosen, "ADAPTIVE_AC");
        final double[] twap = column(costs[0], Costs::shortfall);
        final double[] adaptive = ac < 0 ? null : column(costs[ac], Costs::shortfall);
        for (int v = 0; v < chosen.size(); v++)
        {
            final double[] shortfall = column(costs[v], Costs::shortfall);
            final double[] episodeShortfall = column(episodeCosts[v], Costs::shortfall);
            final double[] completion = column(episodeCosts[v], Costs::completion);
            final double[] diff = difference(shortfall, twap);
            b.append(v == 0 ? "" : ",").append(String.format(Locale.ROOT,
                "{\"name\":\"%s\",\"strategy\":\"%s\",\"meanBps\":%s,\"sdBps\":%s,\"cvar95Bps\":%s," +
                "\"vsTwapMeanBps\":%s,\"vsTwapCi95HalfWidthBps\":%s,\"relativeToTwap\":%s,\"completionRate\":%s," +
                "\"meanCompletion\":%s,", chosen.get(v).name(), chosen.get(v).strategy(),
                num(EpisodeStatistics.mean(shortfall)), num(EpisodeStatistics.sd(shortfall)),
                num(EpisodeStatistics.cvar95(episodeShortfall)), num(EpisodeStatistics.mean(diff)),
                num(v == 0 ? 0.0 : EpisodeStatistics.halfWidth95(diff)),
                num(v == 0 ? 0.0 : relativeToTwap(shortfall, twap)), num(completionRate(completion)),
                num(EpisodeStatistics.mean(completion))));
            final CvarBootstrap.Interval tail = cvarVsTwap(scenario, episodeCosts, v);
            b.append(String.format(Locale.ROOT, "\"cvar95VsTwapBps\":%s,\"cvar95VsTwapCi95LowBps\":%s," +
                "\"cvar95VsTwapCi95HighBps\":%s,\"cvar95RatioToTwap\":%s,\"cvar95RatioToTwapCi95Low\":%s," +
                "\"cvar95RatioToTwapCi95High\":%s,", num(tail.difference()), num(tail.lower()), num(tail.upper()),
                num(tail.ratio()), num(tail.ratioLower()), num(tail.ratioUpper())));
            if (adaptive != null)
            {
                final double[] vsAc = difference(shortfall, adaptive);
                b.append(String.format(Locale.ROOT, "\"vsAdaptiveAcMeanBps\":%s,\"vsAdaptiveAcCi95HalfWidthBps\":%s,",
                    num(EpisodeStatistics.mean(vsAc)), num(v == ac ? 0.0 : EpisodeStatistics.halfWidth95(vsAc))));
            }
            if (antithetic)
            {
                appendAntitheticJson(b, episodeCosts, costs, v, ac);
            }
            b.append(String.format(Locale.ROOT, "\"ownImpactBps\":%s,\"timingBps\":%s,",
                num(EpisodeStatistics.mean(column(costs[v], Costs::ownImpact))),
                num(EpisodeStatistics.mean(column(costs[v], Costs::timing)))));
            b.append(String.format(Locale.ROOT, "\"spreadBps\":%s,\"impactTimingBps\":%s,\"feesBps\":%s," +
                "\"delayBps\":%s,\"opportunityBps\":%s,\"vwapAllInBps\":%s,\"relativeToTwapVwapAllIn\":%s," +
                "\"shortfallBps\":[",
                num(EpisodeStatistics.mean(column(costs[v], Costs::spread))),
                num(EpisodeStatistics.mean(column(costs[v], Costs::impactTiming))),
                num(EpisodeStatistics.mean(column(costs[v], Costs::fees))),
                num(EpisodeStatistics.mean(column(costs[v], Costs::delay))),
                num(EpisodeStatistics.mean(column(costs[v], Costs::opportunity))),
                num(EpisodeStatistics.mean(column(costs[v], Costs::vwapAllIn))),
                num(v == 0 ? 0.0 : relativeToTwap(column(costs[v], Costs::vwapAllIn), column(costs[0], Costs::vwapAllIn)))));
            // Per episode in both modes; with --antithetic world and mirror alternate, world first.
            for (int i = 0; i < episodeShortfall.length; i++)
            {
                b.append(i == 0 ? "" : ",").append(num(episodeShortfall[i]));
            }
            final PlacementStats p = placement(costs[v]);
            b.append(String.format(Locale.ROOT, "],\"passiveShare\":%s,\"placement\":{\"posted\":%d," +
                "\"postedQty\":%s,\"filled\":%d,\"partial\":%d,\"canceledWindow\":%d,\"canceledSlice\":%d," +
                "\"canceledOther\":%d,\"refusedPostOnly\":%d,\"refusedOther\":%d,\"closedByVenue\":%d," +
                "\"filledQty\":%s,\"fillRate\":%s,\"meanQueueAhead\":%s,\"meanRestingSeconds\":%s," +
                "\"meanSecondsToFill\":%s}",
                num(passiveShare(costs[v], p)), p.posted(), num(p.postedQty()), p.filled(), p.partial(),
                p.canceledWindow(), p.canceledSlice(), p.canceledOther(), p.refusedPostOnly(), p.refusedOther(),
                p.closedByVenue(), num(p.filledQty()), num(p.fillRate()), num(p.meanQueueAhead()),
                num(p.meanRestingSeconds()), num(p.filled() > 0 ? p.restingFilledNs() / 1e9 / p.filled() : Double.NaN)));
            b.append("}");
        }
        b.append("]}");
    }

    /**
     * Units the CVaR bootstrap resamples, one per episode of a block: in a scenario, the seed (with
     * --antithetic its world and mirror, adjacent); pooled, the seed with its episodes in every scenario,
     * since a seed's scenarios share the latent price's draws and are not independent.
     */
    private int[] bootstrapUnits(final String scenario, final int blockEpisodes)
    {
        final int perScenario = episodes * worldsPerSeed();
        final int[] unit = new int[blockEpisodes];
        for (int k = 0; k < blockEpisodes; k++)
        {
            unit[k] = (scenario == null ? k % perScenario : k) / worldsPerSeed();
        }
        return unit;
    }

    /** CVaR95(strategy v) - CVaR95(TWAP) over a block's episodes with its paired bootstrap interval. */
    private CvarBootstrap.Interval cvarVsTwap(final String scenario, final Costs[][] episodeCosts, final int v)
    {
        return CvarBootstrap.difference(column(episodeCosts[v], Costs::shortfall),
            column(episodeCosts[0], Costs::shortfall), bootstrapUnits(scenario, episodeCosts[v].length), bootstrap,
            bootstrapSeed(seed, scenario));
    }

    /**
     * The resampling generator's seed for a block (a scenario, or null when pooled): from the run's seed and
     * the block's name, the same for every strategy of the block, so the results are deterministic.
     */
    static long bootstrapSeed(final long runSeed, final String scenario)
    {
        return runSeed * 0x9E3779B97F4A7C15L + (scenario == null ? "(pooled)" : scenario).hashCode();
    }

    private void appendCvarText(final StringBuilder b, final String scenario, final List<Variant> chosen,
        final Costs[][] episodeCosts)
    {
        b.append(String.format(Locale.ROOT, "  CVaR 95 against TWAP: paired bootstrap over %d %s, %d resamples%s%n",
            episodes, antithetic ? "pairs" : "seeds", bootstrap, (antithetic ? ", world and mirror together" : "") +
            (scenario == null ? ", a seed's scenarios together" : "")));
        b.append(String.format(Locale.ROOT, "  %-17s %9s %28s %24s%n", "", "CVaR95", "CVaR95 - TWAP [95% CI]",
            "CVaR95 / TWAP [95% CI]"));
        for (int v = 0; v < chosen.size(); v++)
        {
            final CvarBootstrap.Interval tail = cvarVsTwap(scenario, episodeCosts, v);
            b.append(String.format(Locale.ROOT, "  %-17s %9.2f %28s %24s%n", chosen.get(v).name(),
                EpisodeStatistics.cvar95(column(episodeCosts[v], Costs::shortfall)), v == 0 ? "-" :
                String.format(Locale.ROOT, "%+.2f [%+.2f, %+.2f]", tail.difference(), tail.lower(), tail.upper()),
                v == 0 || Double.isNaN(tail.ratio()) ? "-" :
                String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", tail.ratio(), tail.ratioLower(), tail.ratioUpper())));
        }
    }

    /** The world's episodes (even positions) or the mirror's (odd) of world, mirror, world, mirror, ... */
    private static double[] half(final double[] episodes, final int offset)
    {
        final double[] half = new double[episodes.length / 2];
        for (int i = 0; i < half.length; i++)
        {
            half[i] = episodes[2 * i + offset];
        }
        return half;
    }

    /** Correlation of a cost between the world and the mirror of each pair: near -1 when the drift cancels. */
    private static double pairCorrelation(final Costs[] episodes, final ToDoubleFunction<Costs> f)
    {
        final double[] all = column(episodes, f);
        return EpisodeStatistics.correlation(half(all, 0), half(all, 1));
    }

    private static String ratio(final double[] x, final double[] y)
    {
        final double r = EpisodeStatistics.ratioOfMeans(x, y);
        final double half = EpisodeStatistics.ratioHalfWidth95(x, y);
        return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", r, r - half, r + half);
    }

    private static void appendAntitheticText(final StringBuilder b, final List<Variant> chosen, final Costs[][] episodeCosts,
        final Costs[][] pairs)
    {
        final int ac = indexOf(chosen, "ADAPTIVE_AC");
        final double[] twap = column(pairs[0], Costs::shortfall);
        b.append(String.format(Locale.ROOT, "  antithetic pairs: %-17s %24s %24s %11s %11s %11s%n", "",
            "mean/TWAP [95% CI]", "mean/ADAPTIVE_AC [95% CI]", "episode SD", "corr IS", "corr timing"));
        for (int v = 0; v < chosen.size(); v++)
        {
            final double[] shortfall = column(pairs[v], Costs::shortfall);
            b.append(String.format(Locale.ROOT, "  %-35s %24s %24s %11.2f %11.3f %11.3f%n", chosen.get(v).name(),
                v == 0 ? "-" : ratio(shortfall, twap),
                ac < 0 || v == ac ? "-" : ratio(shortfall, column(pairs[ac], Costs::shortfall)),
                EpisodeStatistics.sd(column(episodeCosts[v], Costs::shortfall)),
                pairCorrelation(episodeCosts[v], Costs::shortfall), pairCorrelation(episodeCosts[v], Costs::timing)));
        }
    }

    private static void appendAntitheticJson(final StringBuilder b, final Costs[][] episodeCosts, final Costs[][] pairs,
        final int v, final int ac)
    {
        final double[] shortfall = column(pairs[v], Costs::shortfall);
        final double[] twap = column(pairs[0], Costs::shortfall);
        b.append(String.format(Locale.ROOT, "\"episodeSdBps\":%s,\"pairCorrelation\":%s," +
            "\"timingPairCorrelation\":%s,\"ratioToTwap\":%s,\"ratioToTwapCi95HalfWidth\":%s,",
            num(EpisodeStatistics.sd(column(episodeCosts[v], Costs::shortfall))),
            num(pairCorrelation(episodeCosts[v], Costs::shortfall)), num(pairCorrelation(episodeCosts[v], Costs::timing)),
            num(EpisodeStatistics.ratioOfMeans(shortfall, twap)), num(v == 0 ? 0.0 :
                EpisodeStatistics.ratioHalfWidth95(shortfall, twap))));
        if (ac >= 0)
        {
            final double[] adaptive = column(pairs[ac], Costs::shortfall);
            b.append(String.format(Locale.ROOT, "\"ratioToAdaptiveAc\":%s,\"ratioToAdaptiveAcCi95HalfWidth\":%s,",
                num(EpisodeStatistics.ratioOfMeans(shortfall, adaptive)),
                num(v == ac ? 0.0 : EpisodeStatistics.ratioHalfWidth95(shortfall, adaptive))));
        }
        b.append("\"pairShortfallBps\":[");
        for (int i = 0; i < shortfall.length; i++)
        {
            b.append(i == 0 ? "" : ",").append(num(shortfall[i]));
        }
        // Which episodes fell short, not only how many: world and mirror alternate as in shortfallBps.
        b.append("],\"episodeCompletion\":[");
        final double[] completion = column(episodeCosts[v], Costs::completion);
        for (int i = 0; i < completion.length; i++)
        {
            b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.9f", completion[i]));
        }
        b.append("],\"episodeTimingBps\":[");
        final double[] timing = column(episodeCosts[v], Costs::timing);
        for (int i = 0; i < timing.length; i++)
        {
            b.append(i == 0 ? "" : ",").append(num(timing[i]));
        }
        b.append("],");
    }

    private static double[] difference(final double[] a, final double[] b)
    {
        final double[] diff = new double[a.length];
        for (int i = 0; i < a.length; i++)
        {
            diff[i] = a[i] - b[i];
        }
        return diff;
    }

    private static double completionRate(final double[] completion)
    {
        int complete = 0;
        for (final double c : completion)
        {
            if (c >= 1.0 - 1e-12)
            {
                complete++;
            }
        }
        return complete / (double)completion.length;
    }

    private static String num(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6f", value) : "null";
    }
}
