package io.slipway.archive;

import io.aeron.CommonContext;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveMarkFile;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * One way to run an Aeron Archive inside the process: a media driver and an archive sharing one
 * thread each (a 2-core box has no threads to spare), reachable only by in-process clients over
 * IPC, with the archive kept across restarts. The FIX gateway's message log and the core's input
 * journal both start their archive here, so both have the same durability and the same files.
 *
 * <p>One archive per directory: the archive holds an exclusive lock on {@value #LOCK_FILE} in its
 * directory for as long as it runs. The operating system drops a process's locks when it dies, so
 * a start that gets the lock knows the archive that last ran there is gone, and removes its mark
 * file at once instead of waiting out the mark file's liveness timeout (10 s) as Aeron would; a
 * start that cannot get it (another process, or this one, runs an archive there) is refused by name.
 */
public final class EmbeddedArchive implements AutoCloseable
{
    /** Held while the archive runs; its presence means nothing, the lock on it everything. */
    public static final String LOCK_FILE = "slipway-archive.lock";
    /** The last dead archive's mark file, kept for its error log. */
    public static final String DEAD_MARK_FILE = ArchiveMarkFile.FILENAME + ".dead";
    /** In-process clients only: nothing listens on the network. */
    public static final String LOCAL_CHANNEL = CommonContext.IPC_CHANNEL;
    /** Required by the archive even though nothing is replicated; an ephemeral local port. */
    private static final String REPLICATION_CHANNEL = "aeron:udp?endpoint=localhost:0";

    private final ArchivingMediaDriver driver;
    private final FileChannel lockChannel;
    private final boolean markFileSetAside;

    private EmbeddedArchive(final ArchivingMediaDriver driver, final FileChannel lockChannel,
        final boolean markFileSetAside)
    {
        this.driver = driver;
        this.lockChannel = lockChannel;
        this.markFileSetAside = markFileSetAside;
    }

    public MediaDriver mediaDriver()
    {
        return driver.mediaDriver();
    }

    public Archive archive()
    {
        return driver.archive();
    }

    /**
     * True if the start found the mark file of the archive that last ran here (closed or killed)
     * and set it aside as {@value #DEAD_MARK_FILE}.
     */
    public boolean markFileSetAside()
    {
        return markFileSetAside;
    }

    /** Closes the archive and its driver, then lets the directory go. */
    @Override
    public void close()
    {
        try
        {
            CloseHelper.close(driver);
        }
        finally
        {
            CloseHelper.close(lockChannel); // closing the channel releases its lock
        }
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
    public static EmbeddedArchive launch(
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
        IoUtil.ensureDirectoryExists(archiveDirectory, "archive directory");
        final FileChannel lockChannel = lockDirectory(archiveDirectory);
        try
        {
            final boolean removed = setAsideMarkFile(archiveDirectory);
            return new EmbeddedArchive(launchLocked(aeronDirectory, archiveDirectory, ipcTermLength, fileSyncLevel,
                idleStrategy), lockChannel, removed);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(lockChannel);
            throw ex;
        }
    }

    /** The directory's lock, or a refusal naming who may hold it. */
    private static FileChannel lockDirectory(final File archiveDirectory)
    {
        final Path lockFile = new File(archiveDirectory, LOCK_FILE).toPath();
        FileChannel channel = null;
        try
        {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (lock == null)
            {
                throw new IllegalStateException("an archive is running on " + archiveDirectory +
                    " in another process (it holds " + lockFile + "); one archive per directory");
            }
            return channel;
        }
        catch (final OverlappingFileLockException ex)
        {
            CloseHelper.quietClose(channel);
            throw new IllegalStateException("an archive is running on " + archiveDirectory +
                " in this process; one archive per directory", ex);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
            throw new UncheckedIOException("cannot lock the archive directory " + archiveDirectory, ex);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(channel);
            throw ex;
        }
    }

    /**
     * With the directory's lock held, a mark file left there belongs to an archive that is gone
     * (a killed one never marked its file closed). Aeron would refuse to start until the mark
     * file's activity timestamp is older than its liveness timeout; the lock already proves what
     * that wait is for. The file is moved aside rather than deleted, so its error log stays readable.
     */
    private static boolean setAsideMarkFile(final File archiveDirectory)
    {
        final Path markFile = new File(archiveDirectory, ArchiveMarkFile.FILENAME).toPath();
        if (!Files.exists(markFile))
        {
            return false;
        }
        try
        {
            Files.move(markFile, markFile.resolveSibling(DEAD_MARK_FILE), StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot set aside the dead archive's mark file " + markFile, ex);
        }
    }

    private static ArchivingMediaDriver launchLocked(
        final File aeronDirectory,
        final File archiveDirectory,
        final int ipcTermLength,
        final int fileSyncLevel,
        final Supplier<IdleStrategy> idleStrategy)
    {
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
