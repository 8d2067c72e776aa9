package io.slipway.ops;

import io.slipway.core.Strategy;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    @Option(names = "--quiet", description = "Print only the final TCA summary.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception
    {
        final DemoSettings settings = settings();
        return new DemoRun(settings, spec.commandLine().getOut()).run();
    }

    DemoSettings settings()
    {
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
        return new DemoSettings(instrument, side, quantity, strategy, horizonNs, seed, port, outputDirectory, quiet);
    }
}
