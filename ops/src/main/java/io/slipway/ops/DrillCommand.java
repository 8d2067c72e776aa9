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
        "Each drill keeps its journal under --dir/<kind>-<seed> for `slipway journal` and `reconcile`."})
public final class DrillCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", description = "Seeds per kind (default: ${DEFAULT-VALUE}).")
    private int seeds;

    @Option(names = "--seed", paramLabel = "BASE", defaultValue = "1", description = "First seed (default: ${DEFAULT-VALUE}).")
    private long baseSeed;

    @Option(names = "--kinds", paramLabel = "KIND", split = ",",
        defaultValue = "CRASH,STATUS_UNKNOWN,VENUE_DISCONNECT,STALE_FEED",
        description = "Drills to run (default: ${DEFAULT-VALUE}).")
    private List<FaultDrills.Kind> kinds;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "slipway-drills",
        description = "Where the drills' journals go (default: ${DEFAULT-VALUE}).")
    private File directory;

    @Override
    public Integer call()
    {
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
}
