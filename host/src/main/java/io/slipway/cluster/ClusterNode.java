package io.slipway.cluster;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.NanosecondClusterClock;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpLock;

import java.io.File;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One member of the execution-core cluster: a media driver, an archive and a consensus module
 * (one {@link ClusteredMediaDriver}) plus the container running {@link CoreClusteredService}.
 * Several can run in one JVM (tests) as long as each has its own directory and member id.
 *
 * <p>All agents share one thread per component and back off to sleeping when idle: the
 * appliance's latency-critical path is the card and the core's decisions, not the consensus
 * round trip, and a colocated host gives each member its own cores.
 */
public final class ClusterNode implements AutoCloseable
{
    private final ClusterNodeContext context;
    private final CoreClusteredService service;
    private final ClusteredMediaDriver clusteredMediaDriver;
    private final ClusteredServiceContainer container;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile String fatal;
    private volatile boolean closed;

    private ClusterNode(final ClusterNodeContext context)
    {
        this.context = context;
        final Consumer<String> userFatalHandler = context.fatalHandler();
        context.fatalHandler(reason ->
        {
            fatal = reason;
            if (userFatalHandler != null)
            {
                userFatalHandler.accept(reason);
            }
            // Closing joins the service thread we are on: do it from another thread.
            final Thread closer = new Thread(this::close, "cluster-node-" + context.memberId() + "-stop");
            closer.setDaemon(true);
            closer.start();
        });
        context.conclude();
        this.service = new CoreClusteredService(context);

        final int id = context.memberId();
        final File dir = context.dir();
        final String aeronDir = new File(dir, "aeron").getAbsolutePath();
        final String host = context.host();
        final ErrorHandler errors = error -> reportError(id, error);
        final Supplier<IdleStrategy> idle = () -> new BackoffIdleStrategy(10, 20,
            TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MICROSECONDS.toNanos(200));

        final MediaDriver.Context driver = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idle.get())
            .termBufferSparseFile(true)
            .publicationTermBufferLength(64 * 1024)
            .ipcTermBufferLength(64 * 1024)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .errorHandler(errors);

        final String localControl = "aeron:ipc?term-length=64k";
        final Archive.Context archive = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(new File(dir, "archive"))
            .controlChannel("aeron:udp?endpoint=" + context.endpoint(id, 4))
            .localControlChannel(localControl)
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .archiveClientContext(new AeronArchive.Context()
                .controlResponseChannel("aeron:udp?endpoint=" + host + ":0"))
            .recordingEventsEnabled(false)
            .segmentFileLength(1024 * 1024)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(idle)
            .deleteArchiveOnStart(false)
            .errorHandler(errors);

        final AeronArchive.Context archiveClient = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(localControl)
            .controlResponseChannel(localControl)
            .aeronDirectoryName(aeronDir);

        final File clusterDir = new File(dir, "cluster");
        final ConsensusModule.Context consensus = new ConsensusModule.Context()
            .clusterMemberId(id)
            .clusterMembers(context.clusterMembers())
            .appointedLeaderId(context.appointedLeaderId())
            .clusterDir(clusterDir)
            .ingressChannel("aeron:udp?term-length=" + ClusterNodeContext.TERM_LENGTH)
            .logChannel("aeron:udp?term-length=" + ClusterNodeContext.TERM_LENGTH +
                "|control-mode=manual|control=" + context.endpoint(id, 5))
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .archiveContext(archiveClient.clone())
            .clusterClock(new NanosecondClusterClock())
            .leaderHeartbeatIntervalNs(context.leaderHeartbeatIntervalNs())
            .leaderHeartbeatTimeoutNs(context.leaderHeartbeatTimeoutNs())
            .electionTimeoutNs(context.electionTimeoutNs())
            .electionStatusIntervalNs(context.electionStatusIntervalNs())
            .startupCanvassTimeoutNs(context.startupCanvassTimeoutNs())
            .sessionTimeoutNs(context.sessionTimeoutNs())
            .idleStrategySupplier(idle)
            .errorHandler(errors);

        final ClusteredServiceContainer.Context serviceContext = new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir)
            .archiveContext(archiveClient.clone())
            .clusterDir(clusterDir)
            .clusteredService(service)
            .idleStrategySupplier(idle)
            .errorHandler(errors);

        ClusteredMediaDriver launchedDriver = null;
        try
        {
            launchedDriver = ClusteredMediaDriver.launch(driver, archive, consensus);
            this.clusteredMediaDriver = launchedDriver;
            this.container = ClusteredServiceContainer.launch(serviceContext);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(launchedDriver);
            throw ex;
        }
    }

    /** Starts a member with the given (not yet concluded) context. */
    public static ClusterNode launch(final ClusterNodeContext context)
    {
        return new ClusterNode(context);
    }

    public CoreClusteredService service()
    {
        return service;
    }

    public int memberId()
    {
        return context.memberId();
    }

    public boolean isLeader()
    {
        return !closed && service.gate().isOpen();
    }

    /** Why the node stopped itself (fingerprint mismatch), or null. */
    public String fatal()
    {
        return fatal;
    }

    public boolean isClosed()
    {
        return closed;
    }

    /** Waits until the node has closed (after a fatal error or {@link #close()}). */
    public boolean awaitStopped(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return stopped.await(timeout, unit);
    }

    /** Stops this member without telling the others: to them it is as if the host died. */
    @Override
    public synchronized void close()
    {
        if (!closed)
        {
            closed = true;
            CloseHelper.closeAll(container, clusteredMediaDriver);
            stopped.countDown();
        }
    }

    private void reportError(final int memberId, final Throwable error)
    {
        if (!closed)
        {
            if (error instanceof io.aeron.cluster.client.ClusterEvent)
            {
                // Warnings such as a leader heartbeat timeout: expected during failover, one line each.
                System.err.println("cluster member " + memberId + ": " + error.getMessage());
            }
            else
            {
                System.err.println("cluster member " + memberId + ": " + error);
                error.printStackTrace();
            }
        }
    }
}
