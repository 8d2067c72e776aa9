package io.slipway.ops;

import io.slipway.app.FaultDrills;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code slipway drill}: the fault drills on the recoverable appliance, with their counts. */
@Command(
    name = "drill",
    mixinStandardHelpOptions = true,
    description = {
        "Run fault drills: a parent order on a seeded calm world while the appliance crashes and",
        "restarts on its journal, a venue's status service fails, a venue session drops, or a feed",
        "goes stale; then audit against the venues' own ledgers. Prints the counts and every anomaly.",
        "Each drill keeps its journal under --dir/<kind>-<seed> for `slipway journal` and `reconcile`.",
        "--sigkill, --oms-disconnect and --market-kill drill real daemon and market processes instead."})
public final class DrillCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", description = "Seeds per kind (default: ${DEFAULT-VALUE}).")
    private int seeds;

    @Option(names = "--seed", paramLabel = "BASE", defaultValue = "1", description = "First seed (default: ${DEFAULT-VALUE}).")
    private long baseSeed;

    @Option(names = "--kinds", paramLabel = "KIND", split = ",",
        defaultValue = "CRASH,STATUS_UNKNOWN,VENUE_DISCONNECT,STALE_FEED,CANCEL_IN_FLIGHT",
        description = "Drills to run (default: ${DEFAULT-VALUE}).")
    private List<FaultDrills.Kind> kinds;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "slipway-drills",
        description = "Where the drills' journals go (default: ${DEFAULT-VALUE}).")
    private File directory;

    @Option(names = "--sigkill", paramLabel = "N", defaultValue = "0", description = {
        "Instead: N drills of kill -9 of a daemon process whose venues live in a market process",
        "(seeds from --seed), one parent order each over FIX; audited against the market's ledger."})
    private int sigkillDrills;

    @Option(names = "--oms-disconnect", paramLabel = "N", defaultValue = "0", description = {
        "Instead: N drills of the OMS dropping its TCP connection mid-order (daemon, market process and",
        "OMS as with --sigkill), first with cancel-on-disconnect ON (every working parent must end",
        "CANCELED, no child after it), then N with it OFF (the order keeps working); the returning OMS",
        "must get every report once by sequence number, CumQty equal to the market's ledger."})
    private int omsDisconnectDrills;

    @Option(names = "--market-kill", paramLabel = "N", defaultValue = "0", description = {
        "Instead: N drills of kill -9 of the market process (the venues) mid-order, restarted on its",
        "journal while the daemon runs (processes and OMS as with --sigkill): the venues keep every",
        "order and fill, the daemon greets the new market and reconciles, the order goes on."})
    private int marketKillDrills;

    @Option(names = "--kills", paramLabel = "K", defaultValue = "2",
        description = "With --sigkill or --market-kill: kills per parent order (default: ${DEFAULT-VALUE}).")
    private int killsPerOrder;

    @Option(names = "--horizon", defaultValue = "40s", converter = DurationConverter.class,
        description = "With --sigkill or --oms-disconnect: each parent order's horizon (default: ${DEFAULT-VALUE}).")
    private long horizonNs;

    @Option(names = "--qty", defaultValue = "0.5", description = "With --sigkill or --oms-disconnect: BTC per parent order (default: ${DEFAULT-VALUE}).")
    private String quantity;

    @Option(names = "--child-orders", defaultValue = "IOC", description = {"With --sigkill or --market-kill: IOC or LIMIT children",
        "(default: ${DEFAULT-VALUE}; LIMIT rests the unfilled part at the venue)."})
    private io.slipway.domain.OrderType childOrderType;

    @Override
    public Integer call() throws Exception
    {
        if (sigkillDrills < 0 || omsDisconnectDrills < 0 || marketKillDrills < 0)
        {
            throw new IllegalArgumentException("--sigkill, --oms-disconnect and --market-kill take a count of at least 0");
        }
        if (sigkillDrills > 0 || omsDisconnectDrills > 0 || marketKillDrills > 0)
        {
            int failed = 0;
            if (sigkillDrills > 0)
            {
                failed += processDrill("sigkill", sigkillDrills, SigkillDrill.Fault.DAEMON_KILL, false);
            }
            if (omsDisconnectDrills > 0)
            {
                failed += processDrill("oms-disconnect-cod-on", omsDisconnectDrills, SigkillDrill.Fault.OMS_DISCONNECT,
                    true);
                failed += processDrill("oms-disconnect-cod-off", omsDisconnectDrills, SigkillDrill.Fault.OMS_DISCONNECT,
                    false);
            }
            if (marketKillDrills > 0)
            {
                failed += processDrill("market-kill", marketKillDrills, SigkillDrill.Fault.MARKET_KILL, false);
            }
            return failed == 0 ? 0 : 1;
        }
        if (seeds < 1)
        {
            throw new IllegalArgumentException("--seeds must be at least 1, was " + seeds);
        }
        final PrintWriter out = spec.commandLine().getOut();
        final FaultDrills drills = new FaultDrills();
        for (final FaultDrills.Kind kind : kinds)
        {
            for (long seed = baseSeed; seed < baseSeed + seeds; seed++)
            {
                drills.run(kind, seed, directory);
                out.printf("%s seed %d done%n", kind, seed);
                out.flush();
            }
        }
        out.println(drills.summary());
        for (final String anomaly : drills.anomalies())
        {
            out.println("ANOMALY " + anomaly);
        }
        out.flush();
        return drills.anomalies().isEmpty() ? 0 : 1;
    }

    /** One run of daemon, market and OMS processes for {@code count} seeds; returns 1 if it found an anomaly. */
    private int processDrill(final String name, final int count, final SigkillDrill.Fault fault,
        final boolean cancelOnDisconnect) throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final List<Long> seedList = new java.util.ArrayList<>();
        for (long seed = baseSeed; seed < baseSeed + count; seed++)
        {
            seedList.add(seed);
        }
        final long startedMs = System.currentTimeMillis();
        final SigkillDrill.Result result = new SigkillDrill(new SigkillDrill.Settings(
            new File(directory, name).toPath(), seedList, killsPerOrder, quantity, horizonNs, 42, childOrderType,
            fault, cancelOnDisconnect), out).run();
        out.println(result.summary());
        out.printf("%s: %.0f s wall%n", name, (System.currentTimeMillis() - startedMs) / 1e3);
        for (final String anomaly : result.anomalies())
        {
            out.println("ANOMALY " + anomaly);
        }
        out.flush();
        return result.anomalies().isEmpty() ? 0 : 1;
    }
}
