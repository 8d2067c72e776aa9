package io.slipway.ops;

import io.slipway.analytics.ImpactFit;
import io.slipway.analytics.PreTrade;
import io.slipway.app.SimulatedAppliance;
import io.slipway.app.WorldPreTrade;
import io.slipway.app.Worlds;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.learn.FeedbackFile;
import io.slipway.sim.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code slipway pretrade SIDE QTY INSTRUMENT}: cost estimates for a parent order on the books of
 * a seeded simulated world after its warm-up.
 */
@Command(
    name = "pretrade",
    mixinStandardHelpOptions = true,
    description = {
        "Estimate what a parent order would cost on a seeded simulated world after its",
        "warm-up: immediate execution walking the consolidated book (square-root law",
        "beyond it), expected cost and SD by horizon (Almgren-Chriss with square-root",
        "calibrated impact, the world's volatility), a recommended horizon for the",
        "risk aversion, and visible liquidity by venue. Costs in bps of notional at the",
        "composite mid, before fees. With --feedback FILE the square-root impact uses the",
        "feedback loop's fitted coefficient Y from that file (shrunk toward the prior",
        "Y = 1 by the number of orders it has seen) instead of the world's, and the",
        "output names the Y it used. --mirror costs it on the seed's antithetic world (the",
        "latent price's Gaussian innovations negated), the second world of an",
        "eval --antithetic pair, whose warm-up moved the price the other way."})
public final class PretradeCommand implements Callable<Integer>
{
    private static final long[] HORIZONS_S = {300, 900, 1800, 3600, 7200, 14_400, 28_800};

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "BUY or SELL.")
    private Side side;

    @Parameters(index = "1", description = "Quantity in base units, e.g. 50.")
    private String quantity;

    @Parameters(index = "2", description = "Instrument, e.g. BTC-USD.")
    private String symbol;

    @Option(names = "--horizon", defaultValue = "4h", converter = DurationConverter.class,
        description = "Horizon to cost in detail (default 4h).")
    private long horizonNs;

    @Option(names = "--risk-aversion", defaultValue = "0.01",
        description = "Almgren-Chriss lambda per bps (lambda V in bps, V in bps^2; default ${DEFAULT-VALUE}).")
    private double riskAversion;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the world (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--scenario", description = "A named scenario or a scenario file for the world (default: the base world).")
    private String scenario;

    @Option(names = "--mirror", description = "Use the seed's antithetic world (as eval --antithetic's second episode).")
    private boolean mirror;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @Option(names = "--live", description = "Cost it on a running daemon's live books instead of a seeded world (--dir finds the daemon).")
    private boolean live;

    @Option(names = "--feedback", paramLabel = "FILE",
        description = "Price impact with the fitted Y in this feedback file (written by demo, eval --feedback, " +
            "train --feedback or the daemon); a missing file is the prior Y = 1, a bad one is refused.")
    private java.nio.file.Path feedback;

    @CommandLine.Mixin
    private DaemonOptions daemon;

    @Override
    public Integer call()
    {
        final Instrument instrument = Instruments.bySymbol(symbol);
        if (instrument == null)
        {
            throw new IllegalArgumentException("unknown instrument '" + symbol + "' (BTC-USD or ETH-USD)");
        }
        final double qty = instrument.qtyToDouble(instrument.parseQty(quantity));
        if (!(qty > 0))
        {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity);
        }
        if (!(riskAversion >= 0))
        {
            throw new IllegalArgumentException("--risk-aversion must not be negative");
        }
        if (horizonNs < 60_000_000_000L)
        {
            throw new IllegalArgumentException("--horizon must be at least 1m");
        }
        if (live)
        {
            if (scenario != null || feedback != null)
            {
                throw new IllegalArgumentException("--live costs on the daemon's own world with its own feedback " +
                    "file (core.impactFeedback); drop --scenario and --feedback");
            }
            if (mirror)
            {
                throw new IllegalArgumentException("--live costs on the daemon's own world; drop --mirror");
            }
            return ChangeCommands.print(spec, daemon.send(String.format(Locale.ROOT, "pretrade %s %s %s %d %s %s",
                side, quantity, instrument.symbol(), horizonNs / 1_000_000_000L, riskAversion, json ? "json" : "text")));
        }
        final Scenario chosen = scenario == null ? null : EvalCommand.loadScenario(scenario);
        if (chosen != null && !chosen.market().instruments().contains(instrument.symbol()))
        {
            throw new IllegalArgumentException("scenario '" + chosen.name() + "' does not simulate " + instrument.symbol());
        }
        // Read before the world is built: a file this build refuses costs nothing and is left as it was.
        final ImpactFit fit = feedback == null ? null :
            FeedbackFile.readOrPrior(feedback).fit(feedback.getFileName().toString());
        final SimulatedAppliance appliance = new SimulatedAppliance(Worlds.simulated(seed, chosen, mirror), report -> { },
            record -> { });
        appliance.warmUp();
        final PreTrade pre = WorldPreTrade.analyse(appliance, instrument, side, qty, fit);
        final PrintWriter out = spec.commandLine().getOut();
        final String world = (chosen == null ? "base world" : "scenario " + chosen.name()) + (mirror ? ", mirrored" : "");
        final String body = json(pre, side, quantity, instrument, seed, scenario, riskAversion, horizonNs);
        // The mirror flag only when set, so an unmirrored estimate prints exactly as before.
        out.print(json ? (mirror ? "{\"mirror\":true," + body.substring(1) : body) :
            text(pre, side, quantity, instrument, "seed " + seed + ", " + world, riskAversion, horizonNs));
        out.flush();
        return 0;
    }

    /** The estimate as text; also what a running daemon answers for its live books. */
    public static String text(final PreTrade pre, final Side side, final String quantity, final Instrument instrument,
        final String worldLabel, final double riskAversion, final long horizonNs)
    {
        final StringBuilder b = new StringBuilder();
        final double notional = pre.quantity() * pre.mid();
        line(b, "Pre-trade: %s %s %s, %s; composite mid %.2f, notional %,.0f", side, quantity,
            instrument.symbol(), worldLabel, pre.mid(), notional);
        if (pre.impactFit() != null)
        {
            line(b, "Impact: %s", pre.impactFit().describe());
        }
        final PreTrade.Immediate now = pre.immediate();
        line(b, "");
        line(b, "Immediate execution (walk the consolidated book)");
        line(b, "  visible fill   %s at avg %.2f: %.2f bps", fmt(now.visibleFilled()), now.averagePrice(),
            now.bookCostBps());
        line(b, "  beyond book    %s at %.2f bps (square-root law past the last visible level)", fmt(now.beyondBook()),
            now.beyondCostBps());
        line(b, "  total          %.2f bps (%,.0f)", now.totalCostBps(), now.totalCostBps() * notional / 1e4);
        line(b, "");
        line(b, "By horizon (bps; AC optimal at lambda %s and TWAP)", riskAversion);
        line(b, "  %-8s %10s %10s %10s %10s", "horizon", "AC E", "AC SD", "TWAP E", "TWAP SD");
        for (final long seconds : HORIZONS_S)
        {
            row(b, pre.horizon(seconds, riskAversion));
        }
        line(b, "  requested:");
        row(b, pre.horizon(horizonNs / 1e9, riskAversion));
        line(b, "");
        line(b, "Recommended horizon at lambda %s: %s (minimises E + lambda V over 1m .. 24h)", riskAversion,
            duration(pre.recommendedHorizonSeconds(riskAversion)));
        line(b, "");
        line(b, "Liquidity on the %s side, base units", side == Side.SELL ? "bid" : "ask");
        line(b, "  %-8s %12s %12s %12s %12s", "venue", "best", "<= 10 bps", "<= 25 bps", "visible");
        for (final PreTrade.VenueLiquidity venue : pre.venues())
        {
            line(b, "  %-8s %12.2f %12s %12s %12s", venue.venue(), venue.bestPrice(), fmt(venue.within10Bps()),
                fmt(venue.within25Bps()), fmt(venue.visible()));
        }
        return b.toString();
    }

    /** The estimate as JSON; seed and scenario are null for a daemon's live books. */
    public static String json(final PreTrade pre, final Side side, final String quantity, final Instrument instrument,
        final Long seed, final String scenario, final double riskAversion, final long horizonNs)
    {
        final PreTrade.Immediate now = pre.immediate();
        final StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT,
            "{\"side\":\"%s\",\"quantity\":%s,\"instrument\":\"%s\",\"seed\":%s,\"scenario\":%s,\"mid\":%.4f,",
            side, fmt(pre.quantity()), instrument.symbol(), seed, scenario == null ? "null" : "\"" + scenario + "\"",
            pre.mid()));
        final ImpactFit fit = pre.impactFit();
        if (fit != null)
        {
            b.append(String.format(Locale.ROOT, "\"impactFit\":{\"coefficient\":%.6f,\"prior\":%.6f,\"orders\":%d," +
                "\"credibility\":%.6f,\"standardError\":%s,\"source\":\"%s\"},", fit.coefficient(), fit.prior(),
                fit.orders(), fit.credibility(), Double.isNaN(fit.standardError()) ? "null" :
                String.format(Locale.ROOT, "%.6f", fit.standardError()),
                fit.source().replace("\\", "\\\\").replace("\"", "\\\"")));
        }
        b.append(String.format(Locale.ROOT,
            "\"immediate\":{\"visibleFilled\":%s,\"averagePrice\":%.4f,\"bookCostBps\":%.4f,\"beyondBook\":%s," +
            "\"beyondCostBps\":%.4f,\"totalCostBps\":%.4f},", fmt(now.visibleFilled()), now.averagePrice(),
            now.bookCostBps(), fmt(now.beyondBook()), now.beyondCostBps(), now.totalCostBps()));
        b.append("\"riskAversion\":").append(riskAversion).append(",\"horizons\":[");
        final long[] all = java.util.Arrays.copyOf(HORIZONS_S, HORIZONS_S.length + 1);
        all[HORIZONS_S.length] = horizonNs / 1_000_000_000L;
        for (int i = 0; i < all.length; i++)
        {
            final PreTrade.HorizonCost cost = pre.horizon(all[i], riskAversion);
            b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                "{\"seconds\":%d,\"expectedBps\":%.4f,\"sdBps\":%.4f,\"twapExpectedBps\":%.4f,\"twapSdBps\":%.4f}",
                all[i], cost.expectedBps(), cost.sdBps(), cost.twapExpectedBps(), cost.twapSdBps()));
        }
        b.append(String.format(Locale.ROOT, "],\"recommendedHorizonSeconds\":%.0f,\"venues\":[",
            pre.recommendedHorizonSeconds(riskAversion)));
        for (int i = 0; i < pre.venues().size(); i++)
        {
            final PreTrade.VenueLiquidity v = pre.venues().get(i);
            b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                "{\"venue\":\"%s\",\"bestPrice\":%s,\"within10Bps\":%s,\"within25Bps\":%s,\"visible\":%s}", v.venue(),
                Double.isNaN(v.bestPrice()) ? "null" : String.format(Locale.ROOT, "%.4f", v.bestPrice()),
                fmt(v.within10Bps()), fmt(v.within25Bps()), fmt(v.visible())));
        }
        b.append("]}\n");
        return b.toString();
    }

    private static void row(final StringBuilder b, final PreTrade.HorizonCost cost)
    {
        line(b, "  %-8s %10.2f %10.2f %10.2f %10.2f", duration(cost.horizonSeconds()), cost.expectedBps(), cost.sdBps(),
            cost.twapExpectedBps(), cost.twapSdBps());
    }

    static String duration(final double seconds)
    {
        final long s = Math.round(seconds);
        if (s >= 3600)
        {
            return s % 3600 == 0 ? (s / 3600) + "h" : String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return s % 60 == 0 ? (s / 60) + "m" : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    private static String fmt(final double quantity)
    {
        return String.format(Locale.ROOT, "%.4f", quantity);
    }

    private static void line(final StringBuilder b, final String format, final Object... args)
    {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
