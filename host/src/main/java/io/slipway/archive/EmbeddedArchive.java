package io.slipway.archive;

import io.aeron.CommonContext;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.File;
import java.util.function.Supplier;

/**
 * One way to run an Aeron Archive inside the process: a media driver and an archive sharing one
 * thread each (a 2-core box has no threads to spare), reachable only by in-process clients over
 * IPC, with the archive kept across restarts. The FIX gateway's message log and the core's input
 * journal both start their archive here, so both have the same durability and the same files.
 */
public final class EmbeddedArchive
{
    /** In-process clients only: nothing listens on the network. */
    public static final String LOCAL_CHANNEL = CommonContext.IPC_CHANNEL;
    /** Required by the archive even though nothing is replicated; an ephemeral local port. */
    private static final String REPLICATION_CHANNEL = "aeron:udp?endpoint=localhost:0";

    private EmbeddedArchive()
    {
    }

    /**
     * Launches a driver with an archive.
     *
     * @param aeronDirectory   the driver's directory (deleted on start and shutdown)
     * @param archiveDirectory where recordings live; kept across restarts
     * @param ipcTermLength    IPC term length; the archive's segment is twice it
     * @param fileSyncLevel    0: the page cache only (survives a killed process, not a lost machine);
     *                         1: recorded data is forced to disk; 2: data and metadata
     * @param idleStrategy     idle strategy for the driver's and the archive's one thread each
     */
    public static ArchivingMediaDriver launch(
        final File aeronDirectory,
        final File archiveDirectory,
        final int ipcTermLength,
        final int fileSyncLevel,
        final Supplier<IdleStrategy> idleStrategy)
    {
        if (fileSyncLevel < 0 || fileSyncLevel > 2)
        {
            throw new IllegalArgumentException("fileSyncLevel must be 0, 1 or 2, was " + fileSyncLevel);
        }
        final String aeronDir = aeronDirectory.getAbsolutePath();
        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idleStrategy.get())
            .ipcTermBufferLength(ipcTermLength)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
        return ArchivingMediaDriver.launch(driverContext, new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(archiveDirectory)
            .deleteArchiveOnStart(false)
            .controlChannelEnabled(false)
            .archiveClientContext(new AeronArchive.Context().controlResponseChannel(LOCAL_CHANNEL))
            .localControlChannel(LOCAL_CHANNEL)
            .replicationChannel(REPLICATION_CHANNEL)
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            // Must be a multiple of the recorded term length.
            .segmentFileLength(2 * ipcTermLength)
            .fileSyncLevel(fileSyncLevel)
            .catalogFileSyncLevel(fileSyncLevel)
            .idleStrategySupplier(idleStrategy::get));
    }

    /** The driver alone, for stacks that keep nothing. */
    public static MediaDriver launchDriver(final File aeronDirectory, final int ipcTermLength)
    {
        return launchDriver(aeronDirectory, ipcTermLength, new SleepingMillisIdleStrategy(1));
    }

    /** The driver alone with the given idle strategy for its one thread. */
    public static MediaDriver launchDriver(final File aeronDirectory, final int ipcTermLength,
        final IdleStrategy idleStrategy)
    {
        return MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(aeronDirectory.getAbsolutePath())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idleStrategy)
            .ipcTermBufferLength(ipcTermLength)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    /** An archive client over the local control channel of a driver in this process. */
    public static AeronArchive.Context clientContext(final File aeronDirectory)
    {
        return new AeronArchive.Context()
            .aeronDirectoryName(aeronDirectory.getAbsolutePath())
            .controlRequestChannel(LOCAL_CHANNEL)
            .controlResponseChannel(LOCAL_CHANNEL);
    }
}
