package io.slipway.ops;

import io.slipway.analytics.PreTrade;
import io.slipway.app.SimulatedAppliance;
import io.slipway.app.WorldPreTrade;
import io.slipway.app.Worlds;
import io.slipway.core.Strategy;
import io.slipway.sim.replay.ReplayMarket;
import io.slipway.fix.FixGateway;
import io.slipway.fix.FixGatewayContext;
import io.slipway.fix.OmsExecutionReport;
import io.slipway.fix.OmsFixClient;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsLink;
import io.slipway.oms.ParentOrderReport;
import io.slipway.learn.FeedbackFile;
import io.slipway.learn.ImpactFeedback;
import io.slipway.learn.ModelFileException;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.TcaCalculator;
import io.slipway.tca.PredictedCost;
import io.slipway.tca.TcaFormat;
import io.slipway.tca.TcaHtml;
import io.slipway.tca.TcaReport;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One demo execution: the simulated appliance on this thread (its simulated clock runs as fast
 * as the machine allows), the FIX gateway on its own agent thread, and the OMS on a third,
 * talking to each other over a real FIX session on loopback.
 */
final class DemoRun
{
    private static final long FINAL_REPORT_TIMEOUT_MS = 30_000;
    private static final double PRETRADE_RISK_AVERSION = 0.01;

    private final DemoSettings settings;
    private final PrintWriter out;

    DemoRun(final DemoSettings settings, final PrintWriter out)
    {
        this.settings = settings;
        this.out = out;
    }

    int run() throws Exception
    {
        final long wallStartNs = System.nanoTime();
        final OmsLink omsLink = new OmsLink(1 << 16);
        final AtomicReference<ExecutionRecord> finished = new AtomicReference<>();
        final AtomicReference<Throwable> gatewayFailure = new AtomicReference<>();

        final SimulatedAppliance.Context applianceContext = settings.replay() ?
            Worlds.replay(settings.seed(), settings.instrument()) :
            Worlds.simulated(settings.seed(), settings.scenario());
        if (settings.model() != null)
        {
            applianceContext.coreContext().learnedPolicy(settings.model().policy());
        }
        applianceContext.cardBackend(settings.cardBackend());
        // The feedback loop closed: the core's schedules and its New report use the fitted Y (null: calibrated).
        applianceContext.coreContext().impactFit(settings.impactFit());
        // ... and the RFQ bandit's dealer arms start from the fitted dealer priors (EMPTY: the default prior).
        applianceContext.coreContext().venuePriors(settings.venuePriors());
        final SimulatedAppliance appliance = new SimulatedAppliance(applianceContext,
            report -> offerUntilTaken(omsLink, report, gatewayFailure),
            finished::set);
        final long readyNs = appliance.warmUp();
        final long expireNs = readyNs + settings.horizonNs();
        if (appliance.world() instanceof ReplayMarket replay && expireNs > replay.endTimeNs())
        {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "--horizon must end within the recording: at most %d s after the %d s warm-up",
                (replay.endTimeNs() - readyNs) / 1_000_000_000L, (readyNs - replay.startTimeNs()) / 1_000_000_000L));
        }
        say("Slipway demo: %s %s %s by %s, ending %s (simulated clock), seed %d", settings.side(),
            settings.quantity(), settings.instrument().symbol(), settings.strategy(),
            Instant.ofEpochSecond(0, expireNs), settings.seed());
        say("  world: %s", describeWorld(settings));
        say("  market ready at %s: %s, card backend '%s'", Instant.ofEpochSecond(0, readyNs),
            venueNames(appliance), appliance.card().backendName());
        if (!appliance.marketDisclaimer().isEmpty())
        {
            say("  NOTE: %s", appliance.marketDisclaimer());
        }
        if (!settings.venuePriors().isEmpty())
        {
            // The file may span worlds (eval over the library): a prior for a venue this world lacks waits unused.
            say("  venue priors   %s; dealer arms start from them%s", settings.venuePriors().venues(),
                appliance.core().unusedVenuePriors().isEmpty() ? "" :
                    "; not traded in this world: " + appliance.core().unusedVenuePriors());
        }

        final FixGateway gateway = new FixGateway(new FixGatewayContext().bindPort(settings.port()).omsLink(omsLink));
        gateway.start();
        final AgentRunner gatewayRunner = new AgentRunner(new BackoffIdleStrategy(), gatewayFailure::set, null, gateway);
        AgentRunner.startOnThread(gatewayRunner);
        say("  FIX acceptor SLIPWAY listening on 127.0.0.1:%d", settings.port());

        final OmsSession oms = new OmsSession(settings, expireNs, out);
        try
        {
            oms.start();
            final NewParentOrder order = awaitCommand(omsLink, oms, gatewayFailure);
            final PredictedCost predicted = predictedCost(appliance);
            appliance.submit(order);
            appliance.runWhileActive(expireNs + TimeUnit.HOURS.toNanos(1));
            if (appliance.activeParentOrders() > 0)
            {
                throw new IllegalStateException("the parent order is still working an hour after its ExpireTime");
            }
            // Markouts reach 5 minutes: keep the market running that long past completion, in simulated time.
            appliance.runWhilePostTrade(appliance.nowNs() + ExecutionRecord.POST_TRADE_NS + TimeUnit.MINUTES.toNanos(1));
            final OmsExecutionReport last = oms.awaitFinalReport(FINAL_REPORT_TIMEOUT_MS);
            if (last.ordStatus() == '8')
            {
                say("Order rejected: %s", last.text());
                return 1;
            }
            final ExecutionRecord record = finished.get();
            final TcaReport tca = TcaCalculator.analyse(record, predicted);
            final Path runDirectory = settings.outputDirectory()
                .resolve(record.orderId() + "-seed" + settings.seed());
            Files.createDirectories(runDirectory);
            final Path json = runDirectory.resolve("tca.json");
            Files.writeString(json, TcaFormat.json(tca), StandardCharsets.UTF_8);
            final Path html = runDirectory.resolve("tca.html");
            Files.writeString(html, TcaHtml.render(record, tca), StandardCharsets.UTF_8);

            // The feedback loop: this order's own impact refits the impact coefficient, its TCA the venue priors.
            // A replay cannot tell the order's impact from the recorded drift, so it refits nothing.
            Path feedbackFile = null;
            ImpactFeedback feedback = null;
            double ownImpactBps = Double.NaN;
            if (!settings.replay())
            {
                if (settings.feedbackFile() != null)
                {
                    // Read again rather than reusing the start's fit: another run may have refitted it meanwhile.
                    feedbackFile = settings.feedbackFile();
                    feedback = FeedbackFile.readOrPrior(feedbackFile);
                }
                else
                {
                    feedbackFile = settings.outputDirectory().resolve("impact-feedback.yaml");
                    feedback = feedbackSoFar(feedbackFile);
                }
                ownImpactBps = appliance.market().impactModel().hostFillImpactCost(settings.instrument().id()) * 1e4;
                feedback.observe(tca, ownImpactBps, appliance.market().context().annualVolatility());
                feedback.observeFills(record);
                feedback.lastRefit(String.format(Locale.ROOT, "demo: %s %s %s %s, seed %d, order %s",
                    settings.side(), settings.quantity(), settings.instrument().symbol(), settings.strategy(),
                    settings.seed(), record.orderId()));
                FeedbackFile.write(feedback, feedbackFile);
            }

            out.println();
            out.print(TcaFormat.text(tca));
            say("  OMS view       final %s: CumQty %s AvgPx %s over %d execution reports", statusName(last.ordStatus()),
                last.cumQty(), last.avgPx(), oms.reports());
            say("  market data    %d SBE messages dropped at card ingress, %d feed alerts", appliance.ingressDrops(),
                appliance.feedAlerts());
            say("  written        %s", json.toAbsolutePath());
            if (feedbackFile != null)
            {
                say("  feedback       %s (impact coefficient Y %.3f after %d orders, refit on each order's own " +
                    "impact, %.2f bps here)", feedbackFile.toAbsolutePath(), feedback.impactCoefficient(),
                    feedback.orders(), ownImpactBps);
            }
            say("  wall time      %.1f s (simulated %s)", (System.nanoTime() - wallStartNs) / 1e9,
                hours(record.completedNs() - record.arrivalNs()));
            say("TCA report: %s", html.toAbsolutePath().toUri());
            return 0;
        }
        finally
        {
            oms.close();
            gatewayRunner.close();
        }
    }

    /**
     * The pre-trade estimate on the books the order arrives to, for the strategy's kind of schedule:
     * even (TWAP, VWAP, POV), Almgren-Chriss optimal (IS, adaptive) at the pretrade command's default
     * risk aversion, or walking the book now (immediate, which has no SD).
     */
    /**
     * The fit so far. A file this build cannot read (such as version 1, fitted on the whole price cost) is set aside
     * beside it, with the reason printed, and the fit starts again from the prior rather than failing the run.
     */
    private ImpactFeedback feedbackSoFar(final Path file) throws IOException
    {
        try
        {
            return FeedbackFile.readOrPrior(file);
        }
        catch (final ModelFileException ex)
        {
            final Path aside = file.resolveSibling(file.getFileName() + ".refused");
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            say("  feedback       %s; set aside as %s, impact fit restarted from the prior", ex.getMessage(),
                aside.getFileName());
            return new ImpactFeedback();
        }
    }

    private PredictedCost predictedCost(final SimulatedAppliance appliance)
    {
        final double qty = settings.instrument().qtyToDouble(settings.instrument().parseQty(settings.quantity()));
        final PreTrade pre = WorldPreTrade.analyse(appliance, settings.instrument(), settings.side(), qty,
            settings.impactFit());
        // The basis names the impact coefficient when it is the feedback loop's; without a fit it reads as before.
        final String impact = settings.impactFit() == null ? "" : "; " + settings.impactFit().describe();
        final Strategy strategy = settings.strategy();
        if (strategy == Strategy.IMMEDIATE)
        {
            return new PredictedCost(pre.immediate().totalCostBps(), Double.NaN, "immediate book walk" + impact);
        }
        final PreTrade.HorizonCost cost = pre.horizon(settings.horizonNs() / 1e9, PRETRADE_RISK_AVERSION);
        if (strategy == Strategy.IS || strategy == Strategy.ADAPTIVE_AC)
        {
            return new PredictedCost(cost.expectedBps(), cost.sdBps(), "Almgren-Chriss optimal over the horizon" +
                impact);
        }
        return new PredictedCost(cost.twapExpectedBps(), cost.twapSdBps(), "even schedule over the horizon" + impact);
    }

    private static String venueNames(final SimulatedAppliance appliance)
    {
        final StringBuilder names = new StringBuilder();
        appliance.world().venues().forEach(v -> names.append(names.length() == 0 ? "" : ", ")
            .append(v.name()).append(' ').append(v.kind().name().toLowerCase(Locale.ROOT)));
        return names.toString();
    }

    private static String describeWorld(final DemoSettings settings)
    {
        if (settings.replay())
        {
            return "replay of the recorded Binance spot, USD-M and COIN-M books (2024-08-08)";
        }
        if (settings.scenario() != null)
        {
            return "scenario '" + settings.scenario().name() + "': " + settings.scenario().description().strip();
        }
        return "simulated market, base calibration (three exchanges calibrated to recorded Binance books)";
    }

    private NewParentOrder awaitCommand(final OmsLink omsLink, final OmsSession oms,
        final AtomicReference<Throwable> gatewayFailure) throws InterruptedException
    {
        final NewParentOrder[] received = new NewParentOrder[1];
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (omsLink.drainCommands(command -> received[0] = (NewParentOrder)command, 1) == 0)
        {
            oms.throwIfFailed();
            if (gatewayFailure.get() != null)
            {
                throw new IllegalStateException("FIX gateway failed", gatewayFailure.get());
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("no order arrived from the OMS within 30 s");
            }
            Thread.sleep(1);
        }
        return received[0];
    }

    /** Reports must reach the OMS: wait for the gateway to drain rather than drop one. */
    private static void offerUntilTaken(final OmsLink link, final ParentOrderReport report,
        final AtomicReference<Throwable> gatewayFailure)
    {
        while (!link.offerReport(report))
        {
            if (gatewayFailure.get() != null)
            {
                throw new IllegalStateException("FIX gateway failed with reports pending", gatewayFailure.get());
            }
            Thread.onSpinWait();
        }
    }

    private void say(final String format, final Object... args)
    {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    static String statusName(final char ordStatus)
    {
        return switch (ordStatus)
        {
            case '0' -> "New";
            case '1' -> "PartiallyFilled";
            case '2' -> "Filled";
            case '4' -> "Canceled";
            case '8' -> "Rejected";
            case 'C' -> "Expired";
            default -> String.valueOf(ordStatus);
        };
    }

    private static String hours(final long ns)
    {
        final long s = ns / 1_000_000_000L;
        return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s / 60) % 60, s % 60);
    }
}
