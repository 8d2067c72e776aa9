package io.slipway.ops;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.slipway.cluster.ClusterEgressPublisher;
import io.slipway.cluster.ClusterInputClient;
import io.slipway.cluster.ClusterNodeContext;
import io.slipway.cluster.ClusterOmsBridge;
import io.slipway.cluster.LoopbackClusterSettings;
import io.slipway.cluster.LoopbackMarketGateway;
import io.slipway.domain.Instrument;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsLink;
import io.slipway.oms.ParentOrderReport;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;


/**
 * {@code slipway cluster-drill}: leader loss in the cluster, with three member processes on
 * loopback. Starts three {@code cluster-node} JVMs, plays the market and venues (a
 * {@link LoopbackMarketGateway}) and the OMS, sends one TWAP parent order, kills the leader's
 * process with SIGKILL in the middle of it, and checks that a new leader finishes the order:
 * no child order id twice at the venues, the OMS's CumQty equal to what the venues filled.
 * Prints the time from the kill to the first child order of the new leader.
 */
@Command(
    name = "cluster-drill",
    mixinStandardHelpOptions = true,
    description = {
        "Failover drill: three cluster-node processes, one TWAP order, kill -9 of the leader mid-order;",
        "checks for duplicate child orders and lost fills and prints the failover time."})
public final class ClusterDrillCommand implements Callable<Integer>
{
    private static final int MARKET_SOURCE = 7;
    private static final int OMS_SOURCE = 8;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", description = "Working directory (default: a new temporary one).")
    private File dir;

    @Option(names = "--base-port", defaultValue = "" + ClusterNodeContext.DEFAULT_BASE_PORT,
        description = "First port of the cluster (default ${DEFAULT-VALUE}); the gateway listens on base + 90.")
    private int basePort;

    @Option(names = "--qty", defaultValue = "1.0", description = "Parent order quantity in BTC (default ${DEFAULT-VALUE}).")
    private String quantity;

    @Option(names = "--horizon", defaultValue = "8s", converter = DurationConverter.class,
        description = "Parent order horizon (default ${DEFAULT-VALUE}).")
    private long horizonNs;

    @Option(names = "--kill-after", defaultValue = "10",
        description = "Kill the leader after this many child orders (default ${DEFAULT-VALUE}).")
    private int killAfter;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (killAfter < 1)
        {
            throw new IllegalArgumentException("--kill-after must be at least 1, was " + killAfter);
        }
        final Instrument instrument = LoopbackClusterSettings.INSTRUMENT;
        final long orderQty;
        try
        {
            orderQty = instrument.parseQty(quantity);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("--qty: " + ex.getMessage());
        }
        if (orderQty <= 0)
        {
            throw new IllegalArgumentException("--qty must be positive, was " + quantity);
        }
        final File work = dir != null ? dir : Files.createTempDirectory("slipway-cluster-drill").toFile();
        final String gatewayEndpoint = ClusterNodeContext.DEFAULT_HOST + ":" + (basePort + 90);
        final List<Process> members = new ArrayList<>();
        MediaDriver driver = null;
        Aeron aeron = null;
        ClusterInputClient market = null;
        ClusterInputClient omsSide = null;
        try
        {
            driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(new File(work, "gateway-aeron").getAbsolutePath())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new SleepingMillisIdleStrategy(1))
                .termBufferSparseFile(true)
                .publicationTermBufferLength(64 * 1024)
                .ipcTermBufferLength(64 * 1024)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            final Subscription egress = aeron.addSubscription("aeron:udp?endpoint=" + gatewayEndpoint,
                ClusterEgressPublisher.STREAM_ID);
            for (int m = 0; m < ClusterNodeContext.DEFAULT_MEMBER_COUNT; m++)
            {
                members.add(startMember(m, new File(work, "node-" + m), gatewayEndpoint));
            }
            out.println("cluster-drill: three members starting under " + work);
            out.flush();

            market = connect(driver.aeronDirectoryName(), MARKET_SOURCE);
            omsSide = connect(driver.aeronDirectoryName(), OMS_SOURCE);
            final LoopbackMarketGateway gateway = new LoopbackMarketGateway(market, instrument);
            // The OMS side as a FIX gateway in front of the cluster has it: reports by report sequence,
            // each delivered once, acknowledged into the log; the drill audits what comes out.
            final OmsLink omsLink = new OmsLink(256);
            final ClusterOmsBridge bridge = new ClusterOmsBridge(omsLink, omsSide);
            final ReportAudit oms = new ReportAudit();
            final FragmentHandler onEgress = (buffer, offset, length, header) ->
            {
                if (!gateway.onEgress(buffer, offset, System.nanoTime()) &&
                    ClusterEgressPublisher.type(buffer, offset) == ClusterEgressPublisher.OMS_REPORT)
                {
                    bridge.onEgressReport(buffer, offset, length);
                }
            };

            final long deadline = System.nanoTime() + horizonNs + TimeUnit.SECONDS.toNanos(30);
            long nextQuoteNs = 0;
            boolean orderSent = false;
            long killedAtNs = 0;
            int killedMember = -1;
            while (System.nanoTime() < deadline && oms.lastExecType != ExecType.FILL)
            {
                final long nowNs = System.nanoTime();
                if (nowNs >= nextQuoteNs)
                {
                    nextQuoteNs = nowNs + TimeUnit.MILLISECONDS.toNanos(20);
                    gateway.quote(instrument.priceFromDouble(60_000), instrument.priceFromDouble(60_001),
                        instrument.qtyFromDouble(10));
                    if (!orderSent && market.ackedSequence() >= 2)
                    {
                        omsLink.offerCommand(new NewParentOrder("DRILL-1", instrument.symbol(), '1', quantity, 1001,
                            NewParentOrder.NO_TIME, TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) + horizonNs,
                            null));
                        orderSent = true;
                    }
                }
                egress.poll(onEgress, 64);
                bridge.doWork();
                final long killedAt = killedAtNs;
                // The drill's OMS holds a report once it drains it: that is its delivery, acknowledged upstream.
                omsLink.onReportsDelivered(omsLink.drainReports(report -> oms.onReport(report, killedAt), 64));
                if (killedAtNs == 0 && gateway.received().size() >= killAfter)
                {
                    killedMember = gateway.received().get(gateway.received().size() - 1).memberId();
                    killedAtNs = System.nanoTime();
                    members.get(killedMember).destroyForcibly(); // SIGKILL: no goodbye to the others
                    out.println("cluster-drill: killed leader (member " + killedMember + ", pid " +
                        members.get(killedMember).pid() + ") after " + gateway.received().size() + " child orders");
                    out.flush();
                }
                pollQuietly(market);
                pollQuietly(omsSide);
                Thread.sleep(1);
            }

            final LoopbackMarketGateway.Child first = killedAtNs == 0 ? null :
                gateway.firstChildAfter(killedAtNs, killedMember);
            final boolean filled = oms.lastExecType == ExecType.FILL;
            out.printf("cluster-drill: order %s; child orders at the venues %d, duplicate ids %d, refused after their " +
                "receive window %d; filled at venues %s, OMS CumQty %s; inputs resent after leader change %d; child " +
                "status queries %d (%d not at the venue)%n",
                filled ? "FILLED" : "NOT FILLED", gateway.received().size(), gateway.duplicates(),
                gateway.refusedLate().size(), instrument.formatQty(gateway.filledQuantity()),
                instrument.formatQty(oms.lastCumQty), market.resent() + omsSide.resent(), gateway.statusQueries(),
                gateway.statusNotFound());
            out.printf("cluster-drill: OMS reports %d, distinct ExecIDs %d, duplicate ExecIDs %d; fills reported %s of " +
                "CumQty %s (a missing fill report would show here); report copies dropped by the gateway %d, resend " +
                "requests %d; first report after the kill %s%n", oms.reports, oms.execIds.size(), oms.duplicates,
                instrument.formatQty(oms.lastQtyTotal), instrument.formatQty(oms.lastCumQty), bridge.duplicatesDropped(),
                bridge.resendRequests(), oms.firstAfterKillNs == 0 ? "none" :
                String.format("%.0f ms", (oms.firstAfterKillNs - killedAtNs) / 1e6));
            if (first != null)
            {
                out.printf("cluster-drill: member %d leads; new leader known to the gateway %.0f ms and its first " +
                    "child order %.0f ms after the kill%n", first.memberId(),
                    (market.lastLeaderChangeNanoTime() - killedAtNs) / 1e6, (first.atNanoTime() - killedAtNs) / 1e6);
            }
            else
            {
                out.println("cluster-drill: no child order after the kill");
            }
            out.flush();
            final boolean passed = filled && first != null && gateway.duplicates() == 0 &&
                gateway.filledQuantity() == orderQty && oms.lastCumQty == orderQty && oms.duplicates == 0 &&
                oms.lastQtyTotal == oms.lastCumQty;
            out.println("cluster-drill: " + (passed ? "PASS" : "FAIL") + " (member logs under " + work + ")");
            out.flush();
            return passed ? 0 : 1;
        }
        finally
        {
            CloseHelper.quietCloseAll(market, omsSide);
            for (final Process member : members)
            {
                member.destroy();
            }
            for (final Process member : members)
            {
                member.waitFor(10, TimeUnit.SECONDS);
            }
            CloseHelper.quietCloseAll(aeron, driver);
        }
    }

    /** What the OMS side received: every ExecID once, and fills that add up to the last CumQty. */
    private static final class ReportAudit
    {
        final Set<String> execIds = new HashSet<>();
        int reports;
        int duplicates;
        long lastQtyTotal;
        long lastCumQty;
        ExecType lastExecType;
        long firstAfterKillNs;

        void onReport(final ParentOrderReport report, final long killedAtNs)
        {
            reports++;
            if (!execIds.add(report.execId()))
            {
                duplicates++;
            }
            if (killedAtNs != 0 && firstAfterKillNs == 0)
            {
                firstAfterKillNs = System.nanoTime();
            }
            // The drill sends no cancels; an OrderCancelReject would carry no ExecType to track.
            if (!report.isCancelReject())
            {
                lastQtyTotal += report.lastQty();
                lastCumQty = report.cumQty();
                lastExecType = report.execType();
            }
        }
    }

    private static void pollQuietly(final ClusterInputClient client)
    {
        try
        {
            client.poll();
        }
        catch (final RuntimeException ex)
        {
            // No leader for a moment: unacknowledged inputs are kept and resent.
        }
    }

    private Process startMember(final int memberId, final File memberDir, final String gatewayEndpoint)
        throws IOException
    {
        memberDir.mkdirs();
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SlipwayCli.class.getName());
        command.add("cluster-node");
        command.add("--id");
        command.add(Integer.toString(memberId));
        command.add("--dir");
        command.add(memberDir.getAbsolutePath());
        command.add("--base-port");
        command.add(Integer.toString(basePort));
        command.add("--gateway");
        command.add(gatewayEndpoint);
        final File log = new File(memberDir.getParentFile(), "node-" + memberId + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private ClusterInputClient connect(final String aeronDirectoryName, final int sourceId) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        RuntimeException last = null;
        while (System.nanoTime() < deadline)
        {
            final ClusterInputClient client = new ClusterInputClient(aeronDirectoryName,
                ClusterNodeContext.ingressEndpoints(ClusterNodeContext.DEFAULT_HOST, basePort,
                    ClusterNodeContext.DEFAULT_MEMBER_COUNT),
                ClusterNodeContext.DEFAULT_HOST, sourceId);
            try
            {
                return client.connect();
            }
            catch (final RuntimeException ex)
            {
                last = ex;
                client.close();
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("no cluster leader answered within 60 s", last);
    }
}
