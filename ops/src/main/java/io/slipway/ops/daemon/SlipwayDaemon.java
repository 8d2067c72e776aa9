package io.slipway.ops.daemon;

import io.slipway.admin.AdminLink;
import io.slipway.app.SimulatedAppliance;
import io.slipway.app.Worlds;
import io.slipway.core.CoreContext;
import io.slipway.fix.FixGateway;
import io.slipway.fix.FixGatewayContext;
import io.slipway.oms.OmsLink;
import io.slipway.oms.ParentOrderReport;
import io.slipway.sim.market.SimulatedMarket;
import io.slipway.sim.scenario.Scenario;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.TcaCalculator;
import io.slipway.tca.TcaFormat;
import io.slipway.tca.TcaHtml;
import io.slipway.tca.TcaReport;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The appliance as a long-running service: the simulated world, card and execution core on the
 * core agent (paced to the wall clock), the FIX acceptor on its own agent, and the admin channel on
 * a third, each on an {@link AgentRunner} with an explicit idle strategy. Shared memory counters
 * and a hash-chained audit log live in the working directory, with the admin socket and token,
 * the FIX engine's files ({@code fix/}) and a TCA of every finished order ({@code runs/ORDER/}).
 */
public final class SlipwayDaemon implements AutoCloseable
{
    private final DaemonConfig config;
    private final CountersFile counters;
    private final AuditLog auditLog;
    private final AgentRunner coreRunner;
    private final AgentRunner gatewayRunner;
    private final AgentRunner adminRunner;
    private final ExecutorService tcaWriter;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final String worldLabel;

    private SlipwayDaemon(final DaemonConfig config, final PrintWriter log)
    {
        this.config = config;
        // The scenario first: a bad one stops the daemon before it creates anything.
        final Scenario scenario = config.scenario() == null ? null :
            Files.isRegularFile(Path.of(config.scenario())) ? ScenarioLoader.load(Path.of(config.scenario())) :
            ScenarioLoader.loadNamed(config.scenario());
        final Path dir = config.workingDirectory();
        createPrivateDirectory(dir);
        counters = new CountersFile(dir.resolve(CountersLayout.FILE_NAME).toFile(), ProcessHandle.current().pid(),
            System.currentTimeMillis());
        auditLog = new AuditLog(dir.resolve(AuditLog.FILE_NAME));
        final AtomicCounter errors = counters.newCounter("agent errors", CountersLayout.TYPE_CORE);
        final ErrorHandler errorHandler = (throwable) ->
        {
            failure.compareAndSet(null, throwable);
            log.println("slipway daemon: agent error: " + throwable);
            log.flush();
        };

        worldLabel = (scenario == null ? "base simulated world" : "scenario " + scenario.name()) + ", seed " +
            config.seed() + ", speed " + config.speed() + "x";
        final SimulatedAppliance.Context context = Worlds.simulated(config.seed(), scenario)
            .cardBackend(config.cardBackend())
            .coreContext(new CoreContext().childOrderType(config.childOrderType()));
        if (context.marketContext() == null)
        {
            context.marketContext(new SimulatedMarket.Context().seed(config.seed()).instruments(context.instruments()));
        }
        // The world's clock starts one warm-up before now, so at speed 1 simulated time is wall time and an
        // OMS's ExpireTime (126) means what it says; scripted events keep their offsets from the start.
        context.marketContext().startTimeNs(System.currentTimeMillis() * 1_000_000L - context.warmUpNs());
        final OmsLink omsLink = new OmsLink(1 << 16);
        final AdminLink adminLink = new AdminLink(1024);
        tcaWriter = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "slipway-tca"));
        final SimulatedAppliance appliance = new SimulatedAppliance(context,
            report -> offerUntilTaken(omsLink, report), this::onParentDone);
        appliance.warmUp();
        final DaemonCoreAgent coreAgent = new DaemonCoreAgent(appliance, omsLink, adminLink, counters, config.risk(),
            config.speed(), worldLabel);

        final FixGatewayContext fixContext = new FixGatewayContext()
            .bindHost(config.fixBindHost())
            .bindPort(config.fixPort())
            .acceptorCompId(config.fixSenderCompId())
            .initiatorCompId(config.fixTargetCompId())
            .credentials(config.fixCredentials())
            .resetSequenceNumbersOnLogon(!config.persistentSequenceNumbers())
            .workingDirectory(dir.resolve("fix").toFile())
            .omsLink(omsLink);
        final FixGateway gateway = new FixGateway(fixContext).start();
        final FixGatewayAgent gatewayAgent = new FixGatewayAgent(gateway, adminLink, config.cancelOnDisconnect(),
            counters);
        final AdminAgent adminAgent = new AdminAgent(config.adminSocket(), dir.resolve(AdminProtocol.TOKEN_FILE),
            adminLink, auditLog, counters);

        // Two cores: the core and the gateway back off to short parks when idle rather than spin; the
        // admin channel is human-paced and sleeps a millisecond between polls.
        coreRunner = new AgentRunner(new BackoffIdleStrategy(10, 20, 1_000, 100_000), errorHandler, errors, coreAgent);
        gatewayRunner = new AgentRunner(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000), errorHandler, errors,
            gatewayAgent);
        adminRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), errorHandler, errors, adminAgent);
        AgentRunner.startOnThread(coreRunner);
        AgentRunner.startOnThread(gatewayRunner);
        AgentRunner.startOnThread(adminRunner);
    }

    /** Starts everything; returns once the FIX acceptor listens and the admin socket is open. */
    public static SlipwayDaemon start(final DaemonConfig config, final PrintWriter log)
    {
        return new SlipwayDaemon(config, log);
    }

    public DaemonConfig config()
    {
        return config;
    }

    public String worldLabel()
    {
        return worldLabel;
    }

    /** The first error an agent raised, or null. */
    public Throwable failure()
    {
        return failure.get();
    }

    /** Stops the agents (FIX first, so no new order arrives, the core last), then flushes TCA files. */
    @Override
    public void close()
    {
        gatewayRunner.close();
        adminRunner.close();
        coreRunner.close();
        tcaWriter.shutdown();
        try
        {
            tcaWriter.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        auditLog.close();
        counters.close();
    }

    private void onParentDone(final ExecutionRecord record)
    {
        // Off the core thread: analysis and file writes take milliseconds the core should not spend.
        final Path runDirectory = config.workingDirectory().resolve("runs").resolve(record.orderId());
        tcaWriter.execute(() ->
        {
            try
            {
                final TcaReport tca = TcaCalculator.analyse(record);
                Files.createDirectories(runDirectory);
                Files.writeString(runDirectory.resolve("tca.json"), TcaFormat.json(tca), StandardCharsets.UTF_8);
                Files.writeString(runDirectory.resolve("tca.html"), TcaHtml.render(record, tca), StandardCharsets.UTF_8);
            }
            catch (final IOException | RuntimeException ex)
            {
                failure.compareAndSet(null, ex);
            }
        });
    }

    private static void offerUntilTaken(final OmsLink link, final ParentOrderReport report)
    {
        // Reports must reach the OMS: with no OMS logged on they wait in the link (65,536 of them).
        while (!link.offerReport(report))
        {
            Thread.onSpinWait();
        }
    }

    private static void createPrivateDirectory(final Path dir)
    {
        try
        {
            if (!Files.isDirectory(dir))
            {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create working directory " + dir, ex);
        }
    }
}
