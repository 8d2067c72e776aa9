package io.slipway.ops;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.slipway.app.SimulatedAppliance;
import io.slipway.archive.EmbeddedArchive;
import io.slipway.marketlink.MarketLinkContext;
import io.slipway.marketlink.MarketServer;
import io.slipway.ops.daemon.DaemonConfig;
import io.slipway.ops.daemon.SlipwayDaemon;
import io.slipway.sim.scenario.Scenario;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * {@code slipway market}: the simulated venues as a process of their own, on the wall clock, serving
 * a daemon over the market link (docs/market.md). It outlives any daemon: kill the daemon and the
 * venues go on; a restarted daemon takes over the session and reconciles.
 */
@Command(
    name = "market",
    mixinStandardHelpOptions = true,
    description = {
        "Serve the simulated venues in real time over Aeron (order entry, acks, fills, done, market data,",
        "order status for reconciliation) to a daemon whose configuration has a market: section.",
        "Writes the venues' ledger of host orders to DIR/ledger.tsv until SIGTERM."})
public final class MarketCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", description = "The daemon's YAML configuration: world (scenario, seed) and market endpoints.")
    private Path config;

    @Option(names = "--scenario", description = "Library scenario name or scenario file (without --config; default: the base world).")
    private String scenarioName;

    @Option(names = "--seed", description = "World seed (without --config; default 42).")
    private Long seed;

    @Option(names = "--orders", description = "host:port the market takes orders on (default " +
        MarketLinkContext.DEFAULT_ORDERS_ENDPOINT + ", or the configuration's).")
    private String orders;

    @Option(names = "--reports", description = "host:port of the daemon's market data and reports (default " +
        MarketLinkContext.DEFAULT_REPORTS_ENDPOINT + ", or the configuration's).")
    private String reports;

    @Option(names = "--latency-ms", description = {"One-way order and report latency of every exchange in ms",
        "(default: the world's); drills lengthen it so a kill finds child orders in flight."})
    private Long latencyMs;

    @Option(names = "--dir", defaultValue = "slipway-market",
        description = {"Working directory: media driver, the venues' journal (market.journal, kept across",
            "restarts) and ledger.tsv (default ${DEFAULT-VALUE})."})
    private Path dir;

    @Override
    public Integer call() throws IOException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final MarketLinkContext link = new MarketLinkContext();
        long worldSeed = 42;
        String scenarioText = scenarioName;
        if (config != null)
        {
            if (scenarioName != null || seed != null)
            {
                throw new IllegalArgumentException("--config names the world; do not give --scenario or --seed with it");
            }
            final DaemonConfig settings = DaemonConfig.load(config);
            if (!settings.marketProcess())
            {
                throw new IllegalArgumentException(config + " has no market: section; the daemon would not use a " +
                    "market process");
            }
            worldSeed = settings.seed();
            scenarioText = settings.scenario();
            link.ordersEndpoint(settings.marketOrdersEndpoint()).reportsEndpoint(settings.marketReportsEndpoint());
        }
        else if (seed != null)
        {
            worldSeed = seed;
        }
        if (orders != null)
        {
            link.ordersEndpoint(orders);
        }
        if (reports != null)
        {
            link.reportsEndpoint(reports);
        }
        link.conclude();
        final Scenario scenario = SlipwayDaemon.scenario(scenarioText);
        final SimulatedAppliance.Context world = SlipwayDaemon.worldContext(worldSeed, scenario);
        if (latencyMs != null)
        {
            if (latencyMs < 0 || latencyMs > 10_000)
            {
                throw new IllegalArgumentException("--latency-ms must be 0..10000, was " + latencyMs);
            }
            world.marketContext().latencyRangeNs(latencyMs * 1_000_000L, latencyMs * 1_000_000L + 1);
        }
        final LongSupplier epochClock = MarketLinkContext.epochClock();
        // The world's clock starts one warm-up before now: the venues have books when the first daemon comes.
        world.marketContext().startTimeNs(epochClock.getAsLong() - world.warmUpNs());
        Files.createDirectories(dir);

        final AtomicReference<Throwable> failure = new AtomicReference<>();
        MediaDriver driver = null;
        Aeron aeron = null;
        MarketServer server = null;
        AgentRunner runner = null;
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            driver = EmbeddedArchive.launchDriver(dir.resolve("aeron").toFile(), 64 * 1024);
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            // The venues' journal lives beside the ledger view: a market started again on this --dir keeps its
            // venues' orders and fills.
            server = new MarketServer(world.marketContext(), SlipwayDaemon.marketWorld(scenario), link, aeron,
                dir.resolve("ledger.tsv"), dir, epochClock, out);
            out.printf("slipway market: %s; orders on %s, reports to %s; ledger %s%n", server.fingerprint(),
                link.ordersEndpoint(), link.reportsEndpoint(), dir.resolve("ledger.tsv"));
            out.flush();
            final ShutdownSignalBarrier stop = barrier;
            runner = new AgentRunner(new BackoffIdleStrategy(10, 20, 1_000, 100_000), throwable ->
            {
                failure.compareAndSet(null, throwable);
                out.println("slipway market: error: " + throwable);
                out.flush();
                stop.signal();
            }, null, server);
            AgentRunner.startOnThread(runner);
            barrier.await();
            out.println("slipway market: stopping");
            out.flush();
        }
        finally
        {
            CloseHelper.quietCloseAll(runner, server, aeron, driver);
        }
        return failure.get() == null ? 0 : 1;
    }
}
