package io.slipway.ops.daemon;

import io.slipway.admin.AdminLink;
import io.slipway.app.SimulatedAppliance;
import io.slipway.app.Worlds;
import io.slipway.analytics.ImpactFit;
import io.slipway.core.CoreContext;
import io.slipway.core.VenuePriors;
import io.slipway.learn.FeedbackFile;
import io.slipway.fix.FixGateway;
import io.slipway.fix.GatewayOrderState;
import io.slipway.fix.FixGatewayContext;
import io.slipway.fix.ReportDeliveryLog;
import io.slipway.journal.JournalContext;
import io.slipway.journal.ReconcileResult;
import io.slipway.marketlink.MarketLinkAppliance;
import io.slipway.marketlink.MarketLinkContext;
import io.slipway.oms.OmsLink;
import io.slipway.oms.ParentOrderReport;
import io.slipway.sim.market.SimulatedMarket;
import io.slipway.sim.scenario.Scenario;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.OwnImpactSource;
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
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The appliance as a long-running service: the simulated world, card and execution core on the
 * core agent (paced to the wall clock), the FIX acceptor on its own agent, and the admin channel on
 * a third, each on an {@link AgentRunner} with an explicit idle strategy. Shared memory counters
 * and a hash-chained audit log live in the working directory, with the admin socket and token,
 * the FIX engine's files ({@code fix/}) and a TCA of every finished order ({@code runs/ORDER/}).
 */
public final class SlipwayDaemon implements AutoCloseable
{
    /** The FIX gateway's report delivery log, with a market process (docs/journal.md, "Every report exactly once"). */
    public static final String REPORT_DELIVERY_LOG = "report-delivery.log";

    private final DaemonConfig config;
    private final CountersFile counters;
    private final AuditLog auditLog;
    private final AgentRunner coreRunner;
    private final AgentRunner gatewayRunner;
    private final AgentRunner adminRunner;
    private final ExecutorService tcaWriter;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final String worldLabel;
    private final String recoveryNote;
    private final MarketLinkAppliance linked;
    private final PrintWriter log;
    /** The feedback loop (core.impactFeedback), or null without one; used on the TCA thread. */
    private final DaemonFeedback feedback;
    /** Set once the core agent exists; the feedback loop hands it refitted fits from the TCA thread. */
    private volatile DaemonCoreAgent coreAgent;
    /** Set once the appliance exists; asked on the core's thread only. */
    private OwnImpactSource ownImpact;
    /** Parents that finished while the appliance was being built (reconciliation at a restart): done once it is. */
    private final List<ExecutionRecord> finishedWhileBuilding = new ArrayList<>();

    private SlipwayDaemon(final DaemonConfig config, final PrintWriter log, final boolean requireJournal)
    {
        this.config = config;
        this.log = log;
        // The scenario first: a bad one stops the daemon before it creates anything.
        final Scenario scenario = scenario(config.scenario());
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

        final SimulatedAppliance.Context context = worldContext(config.seed(), scenario)
            .cardBackend(config.cardBackend());
        feedback = config.impactFeedback() == null ? null : new DaemonFeedback(config.impactFeedback(),
            context.marketContext().annualVolatility(), log, this::toCore);
        // With a market process the fit enters the journaled core as an input after recovery (below), so a replay
        // meets every fit its orders were worked at in order; a start-up fit in the context would replay the
        // orders of earlier runs at today's file. In process nothing is replayed and the context carries it.
        context.coreContext(coreContext(config, config.marketProcess() || feedback == null ? null : feedback.fit(),
            config.marketProcess() ? journalPriors(config) : venuePriors(config)));
        final OmsLink omsLink = new OmsLink(1 << 16);
        final GatewayOrderState gatewayOrderState = new GatewayOrderState();
        final AdminLink adminLink = new AdminLink(1024);
        tcaWriter = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "slipway-tca"));
        final DaemonAppliance appliance;
        if (config.marketProcess())
        {
            if (requireJournal && !journalExists(config.journalDirectory()))
            {
                throw new IllegalStateException("--recover: no journal under " + config.journalDirectory());
            }
            // The venues live in the market process: replay, reconcile and resume before anything else starts.
            // The gateway's delivery log says which replayed reports the OMS side durably holds (Artio's
            // persisted session resends those by sequence number); every other one is let out again.
            // The replay also rebuilds what the gateway knew of the orders (answered ClOrdIDs, working orders for
            // cancel-on-disconnect, the terms a replace may not change) from the journal's OMS conversation.
            final LongSupplier epochClock = MarketLinkContext.epochClock();
            final long recoveryStartNs = System.nanoTime();
            linked = new MarketLinkAppliance(context, marketWorld(scenario),
                new JournalContext().directory(config.journalDirectory().toFile()), config.marketLink(),
                report -> offerUntilTaken(omsLink, report), this::onParentDone,
                ReportDeliveryLog.readDelivered(dir.resolve(REPORT_DELIVERY_LOG).toFile()), gatewayOrderState,
                epochClock);
            // The market may die or drop the session later: its loss and return are noted in the daemon's log.
            linked.log(log);
            appliance = DaemonAppliance.of(linked);
            worldLabel = "venues in the market process at " + config.marketOrdersEndpoint() + " (" +
                linked.fingerprint() + "), journal " + config.journalDirectory();
            // How long the journal's archive, the replay, the market's greeting and reconciliation took,
            // and when in the process's life they were done: what a restart after a kill costs.
            recoveryNote = recoveryNote(linked, gatewayOrderState) + String.format(Locale.ROOT,
                "; recovered in %d ms, %d ms after the JVM started",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - recoveryStartNs),
                ManagementFactory.getRuntimeMXBean().getUptime());
        }
        else
        {
            if (requireJournal)
            {
                throw new IllegalStateException("--recover needs the venues in a market process (a market: section): " +
                    "an in-process world dies with the daemon, so there is nothing to reconcile against");
            }
            linked = null;
            worldLabel = (scenario == null ? "base simulated world" : "scenario " + scenario.name()) + ", seed " +
                config.seed() + ", speed " + config.speed() + "x";
            recoveryNote = null;
            // The world's clock starts one warm-up before now, so at speed 1 simulated time is wall time and an
            // OMS's ExpireTime (126) means what it says; scripted events keep their offsets from the start.
            context.marketContext().startTimeNs(System.currentTimeMillis() * 1_000_000L - context.warmUpNs());
            final SimulatedAppliance simulated = new SimulatedAppliance(context,
                report -> offerUntilTaken(omsLink, report), this::onParentDone);
            simulated.warmUp();
            appliance = DaemonAppliance.of(simulated);
        }
        ownImpact = Objects.requireNonNull(appliance.ownImpact(), "own-impact source");
        for (final ExecutionRecord record : finishedWhileBuilding)
        {
            onParentDone(record);
        }
        finishedWhileBuilding.clear();
        final DaemonCoreAgent coreAgent = new DaemonCoreAgent(appliance, omsLink, adminLink, counters, config.risk(),
            config.speed(), worldLabel);
        this.coreAgent = coreAgent;
        if (feedback != null && config.marketProcess())
        {
            catchUpFeedback(appliance);
        }

        final FixGatewayContext fixContext = new FixGatewayContext()
            .bindHost(config.fixBindHost())
            .bindPort(config.fixPort())
            .acceptorCompId(config.fixSenderCompId())
            .initiatorCompId(config.fixTargetCompId())
            .credentials(config.fixCredentials())
            .resetSequenceNumbersOnLogon(!config.persistentSequenceNumbers())
            .cancelOnDisconnect(config.cancelOnDisconnect())
            .workingDirectory(dir.resolve("fix").toFile())
            .orderState(gatewayOrderState)
            .omsLink(omsLink);
        if (config.marketProcess())
        {
            fixContext.reportDeliveryLog(dir.resolve(REPORT_DELIVERY_LOG).toFile());
        }
        final FixGateway gateway = new FixGateway(fixContext).start();
        final FixGatewayAgent gatewayAgent = new FixGatewayAgent(gateway, auditLog, config.cancelOnDisconnect(),
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
        return new SlipwayDaemon(config, log, false);
    }

    /**
     * Starts; with {@code requireJournal} (the {@code --recover} flag) a daemon whose venues live in a
     * market process refuses to start without a journal to recover from. Without it the daemon
     * recovers whenever a journal exists.
     */
    public static SlipwayDaemon start(final DaemonConfig config, final PrintWriter log, final boolean requireJournal)
    {
        return new SlipwayDaemon(config, log, requireJournal);
    }

    /** What the start recovered (inputs replayed, reconciliation), or null for an in-process world. */
    public String recoveryNote()
    {
        return recoveryNote;
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
        if (linked != null)
        {
            linked.close();
        }
        auditLog.close();
        counters.close();
    }

    /** The core's settings; a slice shorter than the default retry interval retries once a slice. */
    static CoreContext coreContext(final DaemonConfig config)
    {
        return coreContext(config, impactFit(config), venuePriors(config));
    }

    private static CoreContext coreContext(final DaemonConfig config, final ImpactFit fit, final VenuePriors priors)
    {
        final CoreContext core = new CoreContext().childOrderType(config.childOrderType()).impactFit(fit)
            .venuePriors(priors).finalReachStepBps(config.finalReachStepBps())
            .finalReachMaxBps(config.finalReachMaxBps());
        final long sliceNs = TimeUnit.MILLISECONDS.toNanos(config.sliceIntervalMs());
        return core.retryIntervalNs(Math.min(core.retryIntervalNs(), sliceNs)).sliceIntervalNs(sliceNs);
    }

    /**
     * The fitted impact coefficient the configuration's feedback file holds (core.impactFeedback), or null without
     * one: the core's fit at start. Each order the daemon finishes refits it and the core takes the new fit for the
     * orders that arrive after (an IMPACT_FIT input); an order keeps the fit it started with, so its New report,
     * schedule and pre-trade never disagree about Y.
     */
    static ImpactFit impactFit(final DaemonConfig config)
    {
        return config.impactFeedback() == null ? null :
            FeedbackFile.readOrPrior(config.impactFeedback()).fit(config.impactFeedback().toString());
    }

    /** The venue and dealer priors the configuration's feedback file holds (core.impactFeedback); EMPTY without one. */
    static VenuePriors venuePriors(final DaemonConfig config)
    {
        return config.impactFeedback() == null ? VenuePriors.EMPTY :
            FeedbackFile.readOrPrior(config.impactFeedback()).venuePriors();
    }

    /**
     * The priors a journaled core starts from: those of the feedback file when its journal began, kept beside the
     * journal ({@value #JOURNAL_PRIORS}) and read back on every restart. The priors are core settings, not journal
     * inputs, so a replay must meet the ones its orders were first worked with; the daemon's own refits after
     * that reach the file but not this journal's core (a new journal starts from them).
     */
    static VenuePriors journalPriors(final DaemonConfig config)
    {
        if (config.impactFeedback() == null)
        {
            return VenuePriors.EMPTY;
        }
        final Path pinned = config.journalDirectory().resolve(JOURNAL_PRIORS);
        if (!journalExists(config.journalDirectory()))
        {
            try
            {
                Files.createDirectories(config.journalDirectory());
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot create journal directory " + config.journalDirectory(), ex);
            }
            FeedbackFile.write(FeedbackFile.readOrPrior(config.impactFeedback()), pinned);
        }
        // A journal begun without a file (or by a build before this one) has no pinned priors: it keeps the defaults.
        return FeedbackFile.readOrPrior(pinned).venuePriors();
    }

    /** The simulated world of a seed and scenario (null: the base world); the market process builds the same. */
    public static SimulatedAppliance.Context worldContext(final long seed, final Scenario scenario)
    {
        final SimulatedAppliance.Context context = Worlds.simulated(seed, scenario);
        if (context.marketContext() == null)
        {
            context.marketContext(new SimulatedMarket.Context().seed(seed).instruments(context.instruments()));
        }
        return context;
    }

    /** The scenario a configuration names, loaded, or null for the base world. */
    public static Scenario scenario(final String nameOrFile)
    {
        return nameOrFile == null ? null : Files.isRegularFile(Path.of(nameOrFile)) ?
            ScenarioLoader.load(Path.of(nameOrFile)) : ScenarioLoader.loadNamed(nameOrFile);
    }

    /** How the market link names a world. */
    public static String marketWorld(final Scenario scenario)
    {
        return scenario == null ? "base simulated world" : "scenario " + scenario.name();
    }

    /** Beside the journal: the feedback file as it was when the journal began, for its venue and dealer priors. */
    static final String JOURNAL_PRIORS = "priors-at-journal-start.yaml";

    private static boolean journalExists(final Path journalDirectory)
    {
        final Path archive = journalDirectory.resolve("archive");
        try (var files = Files.list(archive))
        {
            return files.findAny().isPresent();
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static String recoveryNote(final MarketLinkAppliance linked, final GatewayOrderState gatewayOrderState)
    {
        final ReconcileResult result = linked.reconciliation();
        return String.format(Locale.ROOT, "session %d; replayed %d journaled input(s); the market reported %d " +
            "host order(s) after %.1f ms of settling; %s; FIX gateway state rebuilt from %d OMS command(s) and %d " +
            "report(s): %d working order(s)", linked.session(), linked.replayedInputs(),
            linked.welcomeStatuses(), linked.welcomeSettleNs() / 1e6, result == null ? "nothing to reconcile" :
            "reconciled " + result.childrenChecked() + " open child order(s): " + result.injected() +
            " venue event(s) injected, " + result.unresolved() + " unresolved, " + result.anomalies() + " anomalies",
            gatewayOrderState.commandsReplayed(), gatewayOrderState.reportsReplayed(),
            gatewayOrderState.workingOrderIds().size());
    }

    /**
     * With a market process, after recovery and before the agents start (this thread is the only one on the
     * appliance): the core takes the file's fit if the replay left it at another (the first start, or a refit
     * written just before a crash that the core never journaled), and every order that finished after the latest
     * one folded in and is not folded in itself (a crash between its end and the file's write) is folded in now.
     */
    private void catchUpFeedback(final DaemonAppliance appliance)
    {
        final ImpactFit fit;
        final List<ExecutionRecord> lost;
        synchronized (feedback)
        {
            fit = feedback.fit();
            lost = feedback.lostOrders(appliance.core().finishedRecords());
        }
        if (!fit.equals(appliance.core().impactFit()))
        {
            appliance.operate(nowNs ->
            {
                appliance.operatorInput().setImpactFit(fit, nowNs);
                return null;
            });
        }
        for (final ExecutionRecord record : lost)
        {
            log.println("slipway daemon: feedback: " + record.orderId() + " finished before the restart and was " +
                "not folded in; folding it in now");
            onParentDone(record);
        }
    }

    /** Called on the core's thread when a parent is done (never for a parent a journal replay finishes). */
    private void onParentDone(final ExecutionRecord record)
    {
        if (ownImpact == null)
        {
            // The appliance is still being built (reconciliation finished it): its own-impact figures are there but
            // not yet reachable, so the parent waits until they are, rather than refitting without them.
            finishedWhileBuilding.add(record);
            return;
        }
        // The world is asked now, on the core's thread, after the parent's last fill; NaN when it cannot say.
        final OwnImpactSource source = ownImpact;
        final double ownImpactBps = feedback == null || source == null ? Double.NaN :
            source.ownImpactBps(record.instrument().id(), record.parentSequence());
        // Off the core thread: analysis and file writes take milliseconds the core should not spend.
        final Path runDirectory = config.workingDirectory().resolve("runs").resolve(record.orderId());
        tcaWriter.execute(() ->
        {
            final TcaReport tca;
            try
            {
                tca = TcaCalculator.analyse(record);
                Files.createDirectories(runDirectory);
                Files.writeString(runDirectory.resolve("tca.json"), TcaFormat.json(tca), StandardCharsets.UTF_8);
                Files.writeString(runDirectory.resolve("tca.html"), TcaHtml.render(record, tca), StandardCharsets.UTF_8);
            }
            catch (final IOException | RuntimeException ex)
            {
                failure.compareAndSet(null, ex);
                return;
            }
            if (feedback != null)
            {
                try
                {
                    synchronized (feedback)
                    {
                        feedback.refit(record, tca, ownImpactBps);
                    }
                }
                catch (final RuntimeException ex)
                {
                    // The file could not be written: the fit stays as the file has it, and the daemon says so.
                    log.println("slipway daemon: feedback: " + record.orderId() + " not folded in: " + ex);
                    log.flush();
                    failure.compareAndSet(null, ex);
                }
            }
        });
    }

    /** A refitted fit, from the TCA thread, to the core agent, which applies it as an input. */
    private void toCore(final ImpactFit fit)
    {
        final DaemonCoreAgent agent = coreAgent;
        // Before the agent exists the start-up step (catchUpFeedback, or the context in process) reads the file.
        if (agent != null && !agent.offerImpactFit(fit))
        {
            log.println("slipway daemon: feedback: the core has 64 fits waiting; it takes the next one instead of " +
                fit.describe());
            log.flush();
        }
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
