package io.slipway.ops;

import io.slipway.cluster.BuildFingerprint;
import io.slipway.cluster.ClusterEgressPublisher;
import io.slipway.cluster.ClusterNode;
import io.slipway.cluster.ClusterNodeContext;
import io.slipway.cluster.LoopbackClusterSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code slipway cluster-node --id N --dir D}: one member of the three-member execution-core
 * cluster on this machine. Runs until stopped; exits 3 if its build or configuration differs
 * from the cluster's.
 */
@Command(
    name = "cluster-node",
    mixinStandardHelpOptions = true,
    description = {
        "Run one member of the execution-core cluster (Aeron Cluster, three members on loopback).",
        "The leader sends child orders and OMS reports to the gateway; followers compute and hold them."})
public final class ClusterNodeCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--id", required = true, description = "Member id, 0..2.")
    private int id;

    @Option(names = "--dir", required = true, description = "The member's working directory (log, archive, driver).")
    private File dir;

    @Option(names = "--base-port", defaultValue = "" + ClusterNodeContext.DEFAULT_BASE_PORT,
        description = "First port of the cluster; member m uses base + 10 m .. base + 10 m + 5 (default ${DEFAULT-VALUE}).")
    private int basePort;

    @Option(names = "--gateway", defaultValue = "localhost:" + (ClusterNodeContext.DEFAULT_BASE_PORT + 90),
        description = "host:port where the card/venue and OMS gateway listens (default ${DEFAULT-VALUE}).")
    private String gateway;

    @Override
    public Integer call() throws InterruptedException
    {
        if (id < 0 || id >= ClusterNodeContext.DEFAULT_MEMBER_COUNT)
        {
            throw new IllegalArgumentException("--id must be 0.." + (ClusterNodeContext.DEFAULT_MEMBER_COUNT - 1) +
                ", was " + id);
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final ClusterEgressPublisher egress =
            new ClusterEgressPublisher(new File(dir, "aeron").getAbsolutePath(), gateway, id);
        final ClusterNodeContext context = LoopbackClusterSettings.nodeContext(id, dir, basePort)
            .childOrders(egress)
            .reports(egress);
        final ClusterNode node = ClusterNode.launch(context);
        egress.connect();
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "cluster-node-shutdown"));
        out.println("cluster member " + id + " running: members " + context.clusterMembers() + "; fingerprint " +
            BuildFingerprint.hex(node.service().fingerprint()) + "; egress to " + gateway);
        out.flush();
        while (!node.awaitStopped(1, TimeUnit.SECONDS))
        {
            // Runs until killed, stopped, or stopped by itself.
        }
        if (node.fatal() != null)
        {
            err.println("cluster-node: " + node.fatal());
            err.flush();
            return 3;
        }
        return 0;
    }
}
