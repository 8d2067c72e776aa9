package io.slipway.ops;

import io.slipway.core.Strategy;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.learn.ModelFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.slipway.sim.scenario.OrderSpec;
import io.slipway.sim.scenario.Scenario;
import io.slipway.sim.scenario.ScenarioLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code slipway demo}: one block order end to end on the embedded simulated market. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Start the appliance in this process on the embedded simulated market (three exchanges",
        "calibrated to recorded Binance books, the reference card), connect a FIX client playing",
        "the OMS, send one parent order, show progress on the simulated clock and finish with a",
        "transaction cost analysis. The same seed gives the same result."})
public final class DemoCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--side", defaultValue = "SELL", description = "BUY or SELL (default ${DEFAULT-VALUE}).")
    private Side side;

    @Option(names = "--qty", defaultValue = "1000", description = "Quantity in base units (default ${DEFAULT-VALUE}).")
    private String quantity;

    @Option(names = "--symbol", defaultValue = "BTC-USD", description = "BTC-USD or ETH-USD (default ${DEFAULT-VALUE}).")
    private String symbol;

    @Option(names = "--strategy", defaultValue = "TWAP", description = "Execution strategy: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private Strategy strategy;

    @Option(names = "--horizon", defaultValue = "4h", converter = DurationConverter.class,
        description = "Time from arrival to ExpireTime on the simulated clock, e.g. 4h, 90m (default 4h).")
    private long horizonNs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated world (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--port", defaultValue = "9880", description = "FIX acceptor port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--out", defaultValue = "slipway-runs", description = "Directory for run output such as tca.json (default ${DEFAULT-VALUE}).")
    private Path outputDirectory;

    @Option(names = "--model", description = "Model file for the LEARNED strategy (written by slipway train).")
    private Path model;

    @Option(names = "--card", defaultValue = "reference", description = {
        "Card backend: reference (the Java model) or verilator (the RTL card under Verilator;",
        "default ${DEFAULT-VALUE})."})
    private String card;

    @Option(names = "--rfq", description = {
        "Send StrategyParameter RfqAllowed=Y: the core may ask the world's dealers for quotes",
        "(the dealer-rich scenario has three)."})
    private boolean rfq;

    @Option(names = "--feedback", paramLabel = "FILE", description = {
        "Close the feedback loop on FILE: the order's pre-trade estimate (TCA 'predicted'), its",
        "New ExecutionReport and its Almgren-Chriss schedule use the fitted impact coefficient Y",
        "in FILE (the prior Y = 1 when FILE does not exist), and the finished order refits FILE.",
        "A file this build refuses stops the demo before it runs. Without it the demo refits",
        "OUT/impact-feedback.yaml and reads nothing from it."})
    private Path feedback;

    @Option(names = "--quiet", description = "Print only the final TCA summary.")
    private boolean quiet;

    @Option(names = "--scenario", description = {
        "A named scenario (calm, volatile, thin, flash-dip, spoofed, dealer-rich, outage, btc-1000-4h)",
        "or a scenario file: its world, and its order unless --side/--qty/--symbol/--strategy/--horizon say otherwise."})
    private String scenario;

    @Option(names = "--world", defaultValue = "SIM", description = {
        "SIM: the simulated market (default). REPLAY: the recorded Binance books as three venues",
        "(about five minutes of data, default horizon 4m; replay cannot show market impact)."})
    private World world;

    /** Which market the demo runs on. */
    enum World
    {
        SIM,
        REPLAY
    }

    @Override
    public Integer call() throws Exception
    {
        final DemoSettings settings = settings();
        return new DemoRun(settings, spec.commandLine().getOut()).run();
    }

    DemoSettings settings()
    {
        final Scenario chosen = scenario == null ? null : loadScenario(scenario);
        if (chosen != null && world == World.REPLAY)
        {
            throw new IllegalArgumentException("--scenario describes a simulated world; it cannot be used with --world replay");
        }
        if (chosen != null && chosen.order() != null)
        {
            adoptScenarioOrder(chosen.order());
        }
        if (world == World.REPLAY && !given("--horizon"))
        {
            horizonNs = TimeUnit.MINUTES.toNanos(4);
        }
        final Instrument instrument = Instruments.bySymbol(symbol);
        if (instrument == null)
        {
            throw new IllegalArgumentException("unknown --symbol '" + symbol + "' (BTC-USD or ETH-USD)");
        }
        final long qty = instrument.parseQty(quantity);
        if (qty <= 0)
        {
            throw new IllegalArgumentException("--qty must be positive, was " + quantity);
        }
        if (horizonNs < TimeUnit.MINUTES.toNanos(1) || horizonNs > TimeUnit.HOURS.toNanos(24))
        {
            throw new IllegalArgumentException("--horizon must be between 1m and 24h");
        }
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException("--port must be 1..65535, was " + port);
        }
        if (chosen != null && !chosen.market().instruments().contains(instrument.symbol()))
        {
            throw new IllegalArgumentException("scenario '" + chosen.name() + "' does not simulate " + instrument.symbol());
        }
        if (strategy == Strategy.LEARNED && model == null)
        {
            throw new IllegalArgumentException("--strategy LEARNED needs --model FILE (written by slipway train)");
        }
        if (!"reference".equals(card) && !"verilator".equals(card))
        {
            throw new IllegalArgumentException("--card must be reference or verilator, was " + card);
        }
        if (feedback != null && world == World.REPLAY)
        {
            throw new IllegalArgumentException("--feedback needs the simulated world: a replay cannot tell the " +
                "order's own impact from the recorded drift");
        }
        // Read and checked before anything runs: a refused file stops the demo and is left as it was.
        final io.slipway.learn.ImpactFeedback held = feedback == null ? null :
            io.slipway.learn.FeedbackFile.readOrPrior(feedback);
        final io.slipway.analytics.ImpactFit fit = held == null ? null : held.fit(feedback.getFileName().toString());
        final io.slipway.core.VenuePriors priors =
            held == null ? io.slipway.core.VenuePriors.EMPTY : held.venuePriors();
        return new DemoSettings(instrument, side, quantity, strategy, horizonNs, seed, port, outputDirectory, quiet,
            chosen, world == World.REPLAY, model == null ? null : ModelFile.read(model), card, rfq, feedback, fit,
            priors);
    }

    private static Scenario loadScenario(final String nameOrFile)
    {
        final Path file = Path.of(nameOrFile);
        return Files.isRegularFile(file) ? ScenarioLoader.load(file) : ScenarioLoader.loadNamed(nameOrFile);
    }

    /** A scenario's order fills in whatever order option the operator did not give. */
    private void adoptScenarioOrder(final OrderSpec order)
    {
        if (!given("--side"))
        {
            side = order.side();
        }
        if (!given("--qty"))
        {
            quantity = order.quantity();
        }
        if (!given("--symbol"))
        {
            symbol = order.instrument();
        }
        if (!given("--strategy"))
        {
            try
            {
                strategy = Strategy.valueOf(order.strategy().toUpperCase(java.util.Locale.ROOT));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("scenario order strategy '" + order.strategy() +
                    "' is not available in this build (available: " + java.util.Arrays.toString(Strategy.values()) + ")");
            }
        }
        if (!given("--horizon"))
        {
            horizonNs = (long)(order.horizonMinutes() * 60e9);
        }
    }

    private boolean given(final String option)
    {
        return spec != null && spec.commandLine().getParseResult() != null &&
            spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
