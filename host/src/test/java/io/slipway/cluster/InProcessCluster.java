package io.slipway.cluster;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.slipway.core.ChildOrderSink;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.oms.ParentOrderReport;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Three cluster members in this JVM on loopback, each with its own media driver, archive and
 * directory, plus a media driver for the senders. Every member's egress goes to the same
 * {@link Venues} and OMS queue, tagged with the member that sent it, as if each host had its
 * own link to the card and the venues.
 */
final class InProcessCluster implements AutoCloseable
{
    static final Instrument BTC = LoopbackClusterSettings.INSTRUMENT;

    /** What left a member through its gate towards the card and venues. */
    record SentChild(int memberId, long clientOrderId, int venueId, long price, long quantity, long atNanoTime)
    {
    }

    /** A child cancel that left a member through its gate. */
    record SentCancel(int memberId, long clientOrderId, int venueId)
    {
    }

    /** The hosts' links to card and venues: what the members send, in order, for a gateway to take. */
    static final class Venues
    {
        final Queue<SentChild> sent = new ConcurrentLinkedQueue<>();
        final Queue<SentCancel> cancels = new ConcurrentLinkedQueue<>();

        ChildOrderSink linkOf(final int memberId)
        {
            return new ChildOrderSink()
            {
                public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument,
                    final Side side, final OrderType type, final long price, final long quantity)
                {
                    final SentChild child = new SentChild(memberId, clientOrderId, venueId, price, quantity,
                        System.nanoTime());
                    sent.add(child);
                    return true;
                }

                public boolean sendCancel(final int venueId, final long clientOrderId, final Instrument instrument,
                    final Side side)
                {
                    cancels.add(new SentCancel(memberId, clientOrderId, venueId));
                    return true;
                }

                public void reportFill(final long clientOrderId, final Instrument instrument, final Side side,
                    final long quantity)
                {
                }

                public void reportRelease(final long clientOrderId, final Instrument instrument, final Side side,
                    final long quantity)
                {
                }
            };
        }
    }

    /** Distinct per JVM so parallel builds on one machine do not collide; below the ephemeral range. */
    static final int BASE_PORT = 20_000 + (int)(ProcessHandle.current().pid() % 120) * 100;
    static final String GATEWAY_ENDPOINT = ClusterNodeContext.DEFAULT_HOST + ":" + (BASE_PORT + 90);

    final int basePort;
    final File baseDir;
    final Venues venues = new Venues();
    final Queue<ParentOrderReport> omsReports = new ConcurrentLinkedQueue<>();
    final ClusterNode[] nodes;
    final MediaDriver clientDriver;

    InProcessCluster(final File baseDir, final IntFunction<ClusterNodeContext> customise)
    {
        this.baseDir = baseDir;
        this.basePort = BASE_PORT;
        nodes = new ClusterNode[ClusterNodeContext.DEFAULT_MEMBER_COUNT];
        final List<ClusterNode> started = new ArrayList<>();
        try
        {
            for (int m = 0; m < nodes.length; m++)
            {
                started.add(launchMember(m, customise));
            }
            clientDriver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(new File(baseDir, "client-aeron").getAbsolutePath())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new SleepingMillisIdleStrategy(1))
                .termBufferSparseFile(true)
                .publicationTermBufferLength(64 * 1024)
                .ipcTermBufferLength(64 * 1024)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
        }
        catch (final RuntimeException ex)
        {
            started.forEach(CloseHelper::quietClose);
            throw ex;
        }
    }

    /** The shared loopback settings; member id, directory and port are set by the constructor. */
    static ClusterNodeContext defaultContext()
    {
        return LoopbackClusterSettings.nodeContext(0, null, ClusterNodeContext.DEFAULT_BASE_PORT);
    }

    /** Starts member {@code m} in its directory; what it had recorded there (log, archive) is kept. */
    ClusterNode launchMember(final int memberId, final IntFunction<ClusterNodeContext> customise)
    {
        final ClusterNodeContext context = customise.apply(memberId)
            .memberId(memberId)
            .basePort(basePort)
            .dir(new File(baseDir, "node-" + memberId));
        if (context.childOrders() == null)
        {
            context.childOrders(venues.linkOf(memberId)).reports(omsReports::add);
        }
        nodes[memberId] = ClusterNode.launch(context);
        return nodes[memberId];
    }

    /** The media driver directory member {@code m} will use. */
    static File aeronDir(final File baseDir, final int memberId)
    {
        return new File(new File(baseDir, "node-" + memberId), "aeron");
    }

    ClusterInputClient newClient(final int sourceId)
    {
        return new ClusterInputClient(clientDriver.aeronDirectoryName(),
            ClusterNodeContext.ingressEndpoints(ClusterNodeContext.DEFAULT_HOST, basePort, nodes.length),
            ClusterNodeContext.DEFAULT_HOST, sourceId);
    }

    /** The member whose gate is open, waiting up to {@code timeoutMs}; null if none. */
    ClusterNode awaitLeader(final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline)
        {
            for (final ClusterNode node : nodes)
            {
                if (node.isLeader())
                {
                    return node;
                }
            }
            Thread.sleep(5);
        }
        return null;
    }

    /** The member other than {@code old} whose gate is open; null while there is none. */
    ClusterNode leaderOtherThan(final ClusterNode old)
    {
        for (final ClusterNode node : nodes)
        {
            if (node != old && node.isLeader())
            {
                return node;
            }
        }
        return null;
    }

    /** The third member: neither {@code old} nor {@code leader}. */
    ClusterNode followerOf(final ClusterNode old, final ClusterNode leader)
    {
        for (final ClusterNode node : nodes)
        {
            if (node != old && node != leader)
            {
                return node;
            }
        }
        throw new IllegalStateException("no follower");
    }

    /**
     * Waits up to {@code timeoutMs} for {@code member} to reach {@code leader}'s output digest, polling
     * {@code market} meanwhile so its inputs keep being acknowledged; the caller asserts the result.
     */
    static void awaitSameDigest(final ClusterNode member, final ClusterNode leader, final ClusterInputClient market,
        final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (member.service().gate().digest() != leader.service().gate().digest() && System.nanoTime() < deadline)
        {
            pollQuietly(market);
            Thread.sleep(5);
        }
    }

    /** One poll of {@code client}; with no leader for a moment it keeps what is unacknowledged and tries again. */
    static void pollQuietly(final ClusterInputClient client)
    {
        try
        {
            client.poll();
        }
        catch (final RuntimeException ex)
        {
            // No leader for a moment: nothing is lost, the next poll tries again.
        }
    }

    @Override
    public void close()
    {
        for (final ClusterNode node : nodes)
        {
            CloseHelper.quietClose(node);
        }
        CloseHelper.quietClose(clientDriver);
    }
}
