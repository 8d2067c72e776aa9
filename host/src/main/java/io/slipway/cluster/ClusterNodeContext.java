package io.slipway.cluster;

import io.slipway.core.ChildOrderSink;
import io.slipway.core.CoreContext;
import io.slipway.core.ParentOrderListener;
import io.slipway.core.TradingVenue;
import io.slipway.oms.OmsReportSink;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Configuration of one node of the execution-core cluster, Aeron style: fluent setters, defaults
 * for three nodes on loopback, {@link #conclude()} to validate.
 *
 * <p>Ports: member {@code m} uses {@code basePort + 10 m + k} with k = 0 client ingress,
 * 1 consensus, 2 log, 3 catch-up, 4 archive control, 5 log control. Everything a node writes
 * (media driver, archive, cluster log and mark files) lives under {@code dir}.
 *
 * <p>Timeouts are tuned for a colocation LAN (sub-millisecond round trips, dedicated hosts):
 * the leader heartbeats every {@link #DEFAULT_LEADER_HEARTBEAT_INTERVAL_NS}; followers call an
 * election after {@link #DEFAULT_LEADER_HEARTBEAT_TIMEOUT_NS} without one; an election round waits
 * {@link #DEFAULT_ELECTION_TIMEOUT_NS} for votes. The heartbeat timeout dominates the failover
 * time: it is ten intervals, so a few lost heartbeats or a GC pause of a few hundred ms does not
 * depose a healthy leader, while leader loss is noticed in half a second.
 */
public final class ClusterNodeContext
{
    public static final int PORTS_PER_MEMBER = 10;
    public static final int DEFAULT_BASE_PORT = 20_100;
    public static final int DEFAULT_MEMBER_COUNT = 3;
    public static final String DEFAULT_HOST = "localhost";
    public static final long DEFAULT_LEADER_HEARTBEAT_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(50);
    public static final long DEFAULT_LEADER_HEARTBEAT_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(500);
    public static final long DEFAULT_ELECTION_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(200);
    public static final long DEFAULT_ELECTION_STATUS_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(20);
    public static final long DEFAULT_STARTUP_CANVASS_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    public static final long DEFAULT_SESSION_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    public static final String TERM_LENGTH = "64k";
    /**
     * How long after the entry that placed it a venue may still take a child: as long as the
     * leader heartbeat timeout, so by the time an election has ended (which takes at least that),
     * a "not found" is final and a failover waits for nothing more (docs/cluster.md).
     */
    public static final long DEFAULT_CHILD_RECEIVE_WINDOW_NS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Reports kept for a new leader to send again until the OMS gateway acknowledges them. */
    public static final int DEFAULT_REPORT_RETENTION = 100_000;

    private int memberId = -1;
    private int memberCount = DEFAULT_MEMBER_COUNT;
    private String host = DEFAULT_HOST;
    private int basePort = DEFAULT_BASE_PORT;
    private File dir;
    private long leaderHeartbeatIntervalNs = DEFAULT_LEADER_HEARTBEAT_INTERVAL_NS;
    private long leaderHeartbeatTimeoutNs = DEFAULT_LEADER_HEARTBEAT_TIMEOUT_NS;
    private long electionTimeoutNs = DEFAULT_ELECTION_TIMEOUT_NS;
    private long electionStatusIntervalNs = DEFAULT_ELECTION_STATUS_INTERVAL_NS;
    private long startupCanvassTimeoutNs = DEFAULT_STARTUP_CANVASS_TIMEOUT_NS;
    private long sessionTimeoutNs = DEFAULT_SESSION_TIMEOUT_NS;
    private int appointedLeaderId = -1;
    private long childReceiveWindowNs = DEFAULT_CHILD_RECEIVE_WINDOW_NS;
    private int reportRetention = DEFAULT_REPORT_RETENTION;
    private CoreContext coreContext;
    private List<TradingVenue> venues;
    private ChildOrderSink childOrders;
    private OmsReportSink reports;
    private ParentOrderListener parentListener = record -> { };
    private String buildId;
    private Consumer<String> fatalHandler;
    private ChildStatusLink statusLink;
    private HaltHook haltHook;
    private boolean concluded;

    /**
     * Validates the settings and fills in the build id from the running code if none was set.
     *
     * @throws IllegalStateException naming the bad setting.
     */
    public ClusterNodeContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (memberCount < 1 || memberCount > 7)
        {
            throw new IllegalStateException("memberCount must be 1..7, was " + memberCount);
        }
        if (memberId < 0 || memberId >= memberCount)
        {
            throw new IllegalStateException("memberId must be 0.." + (memberCount - 1) + ", was " + memberId);
        }
        if (basePort < 1024 || basePort + PORTS_PER_MEMBER * memberCount > 65_535)
        {
            throw new IllegalStateException("basePort " + basePort + " leaves no room for " + memberCount + " members");
        }
        if (dir == null)
        {
            throw new IllegalStateException("dir (the node's working directory) is required");
        }
        if (leaderHeartbeatIntervalNs <= 0 || leaderHeartbeatTimeoutNs < 3 * leaderHeartbeatIntervalNs)
        {
            throw new IllegalStateException("leaderHeartbeatTimeoutNs must be at least 3 heartbeat intervals, was " +
                leaderHeartbeatTimeoutNs + " ns for an interval of " + leaderHeartbeatIntervalNs + " ns");
        }
        if (electionTimeoutNs <= electionStatusIntervalNs || electionStatusIntervalNs <= 0)
        {
            throw new IllegalStateException("electionTimeoutNs must exceed electionStatusIntervalNs (> 0)");
        }
        if (childReceiveWindowNs <= 0)
        {
            throw new IllegalStateException("childReceiveWindowNs must be positive, was " + childReceiveWindowNs);
        }
        if (reportRetention < 1)
        {
            throw new IllegalStateException("reportRetention must be at least 1, was " + reportRetention);
        }
        if (appointedLeaderId >= memberCount)
        {
            throw new IllegalStateException("appointedLeaderId must be -1 or a member id, was " + appointedLeaderId);
        }
        if (coreContext == null || venues == null || venues.isEmpty())
        {
            throw new IllegalStateException("coreContext and venues are required");
        }
        if (childOrders == null || reports == null)
        {
            throw new IllegalStateException("childOrders and reports (where the leader's egress goes) are required");
        }
        coreContext.conclude();
        if (statusLink == null && childOrders instanceof ChildStatusLink)
        {
            statusLink = (ChildStatusLink)childOrders;
        }
        if (buildId == null)
        {
            buildId = BuildFingerprint.buildIdOfRunningCode();
        }
        concluded = true;
        return this;
    }

    /** Aeron Cluster's member list: {@code id,ingress,consensus,log,catchup,archive|...}. */
    public String clusterMembers()
    {
        final StringBuilder members = new StringBuilder();
        for (int m = 0; m < memberCount; m++)
        {
            if (m > 0)
            {
                members.append('|');
            }
            members.append(m)
                .append(',').append(endpoint(m, 0))
                .append(',').append(endpoint(m, 1))
                .append(',').append(endpoint(m, 2))
                .append(',').append(endpoint(m, 3))
                .append(',').append(endpoint(m, 4));
        }
        return members.toString();
    }

    /** What a cluster client needs to find every member's ingress: {@code 0=host:port,1=...}. */
    public static String ingressEndpoints(final String host, final int basePort, final int memberCount)
    {
        final StringBuilder endpoints = new StringBuilder();
        for (int m = 0; m < memberCount; m++)
        {
            if (m > 0)
            {
                endpoints.append(',');
            }
            endpoints.append(m).append('=').append(host).append(':').append(basePort + PORTS_PER_MEMBER * m);
        }
        return endpoints.toString();
    }

    String endpoint(final int member, final int offset)
    {
        return host + ":" + (basePort + PORTS_PER_MEMBER * member + offset);
    }

    /** The settings every member must share, as canonical text; hashed into the fingerprint. */
    String sharedConfiguration()
    {
        final StringBuilder text = new StringBuilder(512)
            .append("members=").append(clusterMembers())
            .append(";heartbeatInterval=").append(leaderHeartbeatIntervalNs)
            .append(";heartbeatTimeout=").append(leaderHeartbeatTimeoutNs)
            .append(";electionTimeout=").append(electionTimeoutNs)
            .append(";childReceiveWindow=").append(childReceiveWindowNs)
            .append(";core=").append(coreContext.sliceIntervalNs())
            .append(',').append(coreContext.retryIntervalNs())
            .append(',').append(coreContext.maxHorizonNs())
            .append(',').append(coreContext.maxChildQuantity())
            .append(',').append(Double.doubleToLongBits(coreContext.riskAversion()))
            .append(',').append(Double.doubleToLongBits(coreContext.annualVolatility()))
            .append(',').append(Double.doubleToLongBits(coreContext.effectiveImpactBpsPerHour()))
            .append(',').append(Double.doubleToLongBits(coreContext.participationRate()))
            .append(',').append(coreContext.participationIntervalNs());
        for (final TradingVenue venue : venues)
        {
            text.append(";venue=").append(venue.id()).append(':').append(venue.name());
            for (final io.slipway.domain.Instrument instrument : io.slipway.domain.Instruments.all())
            {
                text.append(':').append(venue.rules(instrument));
            }
        }
        return text.toString();
    }

    public ClusterNodeContext memberId(final int value)
    {
        memberId = value;
        return this;
    }

    public int memberId()
    {
        return memberId;
    }

    public ClusterNodeContext memberCount(final int value)
    {
        memberCount = value;
        return this;
    }

    public int memberCount()
    {
        return memberCount;
    }

    public ClusterNodeContext host(final String value)
    {
        host = value;
        return this;
    }

    public String host()
    {
        return host;
    }

    public ClusterNodeContext basePort(final int value)
    {
        basePort = value;
        return this;
    }

    public int basePort()
    {
        return basePort;
    }

    public ClusterNodeContext dir(final File value)
    {
        dir = value;
        return this;
    }

    public File dir()
    {
        return dir;
    }

    public ClusterNodeContext leaderHeartbeatIntervalNs(final long value)
    {
        leaderHeartbeatIntervalNs = value;
        return this;
    }

    public long leaderHeartbeatIntervalNs()
    {
        return leaderHeartbeatIntervalNs;
    }

    public ClusterNodeContext leaderHeartbeatTimeoutNs(final long value)
    {
        leaderHeartbeatTimeoutNs = value;
        return this;
    }

    public long leaderHeartbeatTimeoutNs()
    {
        return leaderHeartbeatTimeoutNs;
    }

    public ClusterNodeContext electionTimeoutNs(final long value)
    {
        electionTimeoutNs = value;
        return this;
    }

    public long electionTimeoutNs()
    {
        return electionTimeoutNs;
    }

    public ClusterNodeContext electionStatusIntervalNs(final long value)
    {
        electionStatusIntervalNs = value;
        return this;
    }

    public long electionStatusIntervalNs()
    {
        return electionStatusIntervalNs;
    }

    public ClusterNodeContext startupCanvassTimeoutNs(final long value)
    {
        startupCanvassTimeoutNs = value;
        return this;
    }

    public long startupCanvassTimeoutNs()
    {
        return startupCanvassTimeoutNs;
    }

    public ClusterNodeContext sessionTimeoutNs(final long value)
    {
        sessionTimeoutNs = value;
        return this;
    }

    public long sessionTimeoutNs()
    {
        return sessionTimeoutNs;
    }

    /** Appoints the first leader (no election at startup); -1, the default, elects one. */
    public ClusterNodeContext appointedLeaderId(final int value)
    {
        appointedLeaderId = value;
        return this;
    }

    public int appointedLeaderId()
    {
        return appointedLeaderId;
    }

    /**
     * How long after the entry that placed it a venue may still take a child (the order carries
     * it, on a {@link TimedChildOrderSink}); a venue's "not found" for a child is final only when
     * answered later than this after the child's entry.
     */
    public ClusterNodeContext childReceiveWindowNs(final long value)
    {
        childReceiveWindowNs = value;
        return this;
    }

    public long childReceiveWindowNs()
    {
        return childReceiveWindowNs;
    }

    /** Most OMS reports a member keeps, unacknowledged by the gateway, for a new leader to send again. */
    public ClusterNodeContext reportRetention(final int value)
    {
        reportRetention = value;
        return this;
    }

    public int reportRetention()
    {
        return reportRetention;
    }

    public ClusterNodeContext coreContext(final CoreContext value)
    {
        coreContext = value;
        return this;
    }

    public CoreContext coreContext()
    {
        return coreContext;
    }

    public ClusterNodeContext venues(final List<TradingVenue> value)
    {
        venues = value;
        return this;
    }

    public List<TradingVenue> venues()
    {
        return venues;
    }

    /** Where the leader's child orders go (the card's order ring). */
    public ClusterNodeContext childOrders(final ChildOrderSink value)
    {
        childOrders = value;
        return this;
    }

    public ChildOrderSink childOrders()
    {
        return childOrders;
    }

    /** Where the leader's reports to the OMS go. */
    public ClusterNodeContext reports(final OmsReportSink value)
    {
        reports = value;
        return this;
    }

    public OmsReportSink reports()
    {
        return reports;
    }

    public ClusterNodeContext parentListener(final ParentOrderListener value)
    {
        parentListener = value;
        return this;
    }

    public ParentOrderListener parentListener()
    {
        return parentListener;
    }

    /** Identity of the code this node runs; defaults to {@link BuildFingerprint#buildIdOfRunningCode()}. */
    public ClusterNodeContext buildId(final String value)
    {
        buildId = value;
        return this;
    }

    public String buildId()
    {
        return buildId;
    }

    /** Told, on the service thread, why this node must stop (fingerprint mismatch); the node then closes. */
    public ClusterNodeContext fatalHandler(final Consumer<String> value)
    {
        fatalHandler = value;
        return this;
    }

    public Consumer<String> fatalHandler()
    {
        return fatalHandler;
    }

    /**
     * Where a new leader asks the venues about its open children; defaults to the child order
     * link when that can ask. Without one a child lost in a leader change is not resolved until
     * a venue report names it (see docs/cluster.md).
     */
    public ClusterNodeContext statusLink(final ChildStatusLink value)
    {
        statusLink = value;
        return this;
    }

    public ChildStatusLink statusLink()
    {
        return statusLink;
    }

    /**
     * Failure drills only: asked on the open leader about every entry (a timer or a sender's core
     * input) that places a child order or makes an OMS report; when it answers true nothing of
     * that entry leaves the member and it applies nothing more, as if the process died between
     * the commit and the apply of that entry, or applied it and died before its egress left (the
     * core's own state of a dead member does not matter). Null in production.
     */
    public ClusterNodeContext haltHook(final HaltHook value)
    {
        haltHook = value;
        return this;
    }

    public HaltHook haltHook()
    {
        return haltHook;
    }

    /** See {@link #haltHook(HaltHook)}. */
    @FunctionalInterface
    public interface HaltHook
    {
        /**
         * @param memberId       the leader asking
         * @param timestampNs    the entry's cluster time
         * @param childrenPlaced new child orders the entry placed
         * @param reportsMade    OMS reports the entry made
         * @return true to stop this member as if before it applied the entry
         */
        boolean haltAt(int memberId, long timestampNs, int childrenPlaced, int reportsMade);
    }
}
