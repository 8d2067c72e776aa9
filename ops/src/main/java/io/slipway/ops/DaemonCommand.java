package io.slipway.ops;

import io.slipway.ops.daemon.DaemonConfig;
import io.slipway.ops.daemon.SlipwayDaemon;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code slipway daemon --config FILE}: runs the appliance in real time until SIGTERM or SIGINT. */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
        "Run the appliance as a service in real time until SIGTERM.",
        "The simulated world (paced to the wall clock), card and execution core, the FIX",
        "acceptor, the admin socket, and shared-memory counters in the working directory.",
        "The configuration's keys are documented in ops/slipway.yaml; a bad key or value",
        "stops it before anything starts (exit 2, naming file, line and key)."})
public final class DaemonCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, description = "The YAML configuration file.")
    private Path config;

    @Option(names = "--recover", description = {"Require a journal to recover from (venues in a market process only);",
        "without it the daemon recovers whenever its journal exists."})
    private boolean recover;

    @Override
    public Integer call()
    {
        final DaemonConfig settings = DaemonConfig.load(config);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            SlipwayDaemon daemon = SlipwayDaemon.start(settings, err, recover))
        {
            out.printf("slipway daemon: %s, card backend '%s'%n", daemon.worldLabel(), settings.cardBackend());
            out.printf("  FIX acceptor %s on %s:%d for %s%s%n", settings.fixSenderCompId(), settings.fixBindHost(),
                settings.fixPort(), settings.fixTargetCompId(), settings.fixCredentials() == null ? "" :
                " (Username/Password required)");
            out.printf("  working directory %s (counters, audit log, admin socket %s)%n", settings.workingDirectory(),
                settings.adminSocket());
            out.printf("  risk limits: %s%n", settings.risk());
            if (daemon.recoveryNote() != null)
            {
                out.printf("  recovery: %s%n", daemon.recoveryNote());
            }
            out.flush();
            barrier.await();
            out.println("slipway daemon: stopping");
            out.flush();
        }
        return 0;
    }
}
