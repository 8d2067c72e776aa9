package io.slipway.fix;

import io.aeron.CommonContext;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.status.RecordingPos;
import io.aeron.driver.MediaDriver;
import io.slipway.archive.EmbeddedArchive;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.status.CountersReader;
import uk.co.real_logic.artio.engine.EngineConfiguration;
import uk.co.real_logic.artio.engine.FixEngine;
import uk.co.real_logic.artio.library.FixLibrary;
import uk.co.real_logic.artio.library.LibraryConfiguration;
import uk.co.real_logic.artio.library.LibraryStreamInfo;

import java.io.File;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Supplier;

/**
 * One self-contained Artio stack: an embedded media driver, a FixEngine and one FixLibrary, all
 * in one working directory so that several stacks (the gateway and a test OMS) share a machine
 * without sharing files. The driver runs one shared thread, which suits a 2-core box.
 *
 * <p>Transient stacks log no messages and need no Aeron Archive: their resend requests are
 * answered with gap fills. A persistent stack also runs an Aeron Archive in the driver and has
 * the engine log every message in and out, and keeps the engine's files and the archive across
 * restarts: sequence numbers continue and a ResendRequest is answered by replaying the original
 * messages with PossDupFlag=Y.
 */
final class EmbeddedArtio implements AutoCloseable
{
    /** Library to engine traffic stays in the process. */
    private static final String LIBRARY_CHANNEL = CommonContext.IPC_CHANNEL;
    /** Enough for any FIX message the link carries; the 64 MiB default only wastes page cache. */
    private static final int IPC_TERM_LENGTH = 8 * 1024 * 1024;

    private final File workingDirectory;
    private final boolean deleteOnClose;
    private final boolean persistent;
    private final Supplier<IdleStrategy> idleStrategy;
    private MediaDriver driver;
    private EmbeddedArchive archivingDriver;
    private FixEngine engine;
    private FixLibrary library;
    /** Aeron session id of the library's publication to the engine: the stream Artio archives outbound messages from. */
    private int outboundSessionId;
    private CountersReader counters;
    private long archiveId;
    /** Looked up again if the recording changes; volatile as a test may read it off the gateway thread. */
    private volatile int outboundRecordingCounterId = CountersReader.NULL_COUNTER_ID;
    private volatile long outboundRecordingId = RecordingPos.NULL_RECORDING_ID;

    private EmbeddedArtio(final File workingDirectory, final boolean deleteOnClose, final boolean persistent,
        final Supplier<IdleStrategy> idleStrategy)
    {
        this.workingDirectory = workingDirectory;
        this.deleteOnClose = deleteOnClose;
        this.persistent = persistent;
        this.idleStrategy = idleStrategy;
    }

    /**
     * Launches driver, engine and library and waits until the library is connected.
     *
     * @param persistent           keep sequence numbers and sent messages in the working directory
     *                             across restarts (Aeron Archive and message logging on).
     * @param engineConfiguration  role-specific engine settings (bind address, authentication);
     *                             directories, channels and logging are set here.
     * @param libraryConfiguration role-specific library settings (handlers); likewise completed here.
     */
    static EmbeddedArtio launch(
        final File workingDirectory,
        final boolean deleteOnClose,
        final boolean persistent,
        final EngineConfiguration engineConfiguration,
        final LibraryConfiguration libraryConfiguration,
        final long connectTimeoutMs)
    {
        return launch(workingDirectory, deleteOnClose, persistent, engineConfiguration, libraryConfiguration,
            connectTimeoutMs, () -> new SleepingMillisIdleStrategy(1));
    }

    /**
     * As above, with the idle strategy of each background thread (Artio's framer and archiver, the
     * media driver, the archive), one instance per thread.
     */
    static EmbeddedArtio launch(
        final File workingDirectory,
        final boolean deleteOnClose,
        final boolean persistent,
        final EngineConfiguration engineConfiguration,
        final LibraryConfiguration libraryConfiguration,
        final long connectTimeoutMs,
        final Supplier<IdleStrategy> idleStrategy)
    {
        final EmbeddedArtio stack = new EmbeddedArtio(workingDirectory, deleteOnClose, persistent, idleStrategy);
        try
        {
            stack.start(engineConfiguration, libraryConfiguration, connectTimeoutMs);
            return stack;
        }
        catch (final RuntimeException ex)
        {
            stack.close();
            throw ex;
        }
    }

    FixLibrary library()
    {
        return library;
    }

    File workingDirectory()
    {
        return workingDirectory;
    }

    private void start(
        final EngineConfiguration engineConfiguration,
        final LibraryConfiguration libraryConfiguration,
        final long connectTimeoutMs)
    {
        final String aeronDir = new File(workingDirectory, "aeron").getAbsolutePath();
        final File artioDir = new File(workingDirectory, "artio");
        IoUtil.ensureDirectoryExists(artioDir, "Artio directory");

        if (persistent)
        {
            archivingDriver = EmbeddedArchive.launch(new File(aeronDir), new File(artioDir, "archive"),
                IPC_TERM_LENGTH, 0, idleStrategy);
            driver = archivingDriver.mediaDriver();
            final AeronArchive.Context archiveClient = EmbeddedArchive.clientContext(new File(aeronDir));
            engineConfiguration.aeronArchiveContext()
                .aeronDirectoryName(aeronDir)
                .controlRequestChannel(archiveClient.controlRequestChannel())
                .controlResponseChannel(archiveClient.controlResponseChannel());
        }
        else
        {
            driver = EmbeddedArchive.launchDriver(new File(aeronDir), IPC_TERM_LENGTH, idleStrategy.get());
        }

        engineConfiguration
            .libraryAeronChannel(LIBRARY_CHANNEL)
            .logFileDir(new File(artioDir, "engine").getAbsolutePath())
            .deleteLogFileDirOnStart(!persistent)
            .logInboundMessages(persistent)
            .logOutboundMessages(persistent)
            .framerIdleStrategy(idleStrategy.get())
            .archiverIdleStrategy(idleStrategy.get());
        engineConfiguration.monitoringFile(new File(artioDir, "engine-counters").getAbsolutePath());
        if (persistent)
        {
            // A killed engine leaves a heartbeat file Artio trusts for 10 s. The archive started above
            // holds this directory's lock (EmbeddedArchive), which no other live stack can hold, so an
            // engine that last ran here is dead: start at once instead of refusing.
            engineConfiguration.errorIfDuplicateEngineDetected(false);
        }
        engineConfiguration.aeronContext().aeronDirectoryName(aeronDir);
        engine = FixEngine.launch(engineConfiguration);

        libraryConfiguration.libraryAeronChannels(List.of(LIBRARY_CHANNEL));
        libraryConfiguration.monitoringFile(new File(artioDir, "library-counters").getAbsolutePath());
        libraryConfiguration.aeronContext().aeronDirectoryName(aeronDir);
        library = FixLibrary.connect(libraryConfiguration);

        final SleepingMillisIdleStrategy idle = new SleepingMillisIdleStrategy(1);
        final long deadlineMs = System.currentTimeMillis() + connectTimeoutMs;
        while (!library.isConnected())
        {
            if (System.currentTimeMillis() > deadlineMs)
            {
                throw new IllegalStateException(
                    "FIX library did not connect to its engine within " + connectTimeoutMs + " ms");
            }
            idle.idle(library.poll(1));
        }
        if (persistent)
        {
            outboundSessionId = libraryOutboundSessionId(library);
            counters = driver.context().countersManager();
            archiveId = archivingDriver.archive().context().archiveId();
        }
    }

    /**
     * Position up to which the archive has recorded the library's outbound stream, the stream
     * whose positions {@code Session.trySend} returns: a message whose position is at or below it
     * is in Artio's message log and can be resent after a crash. -1 when the stack keeps no
     * messages or the recording has not started yet.
     */
    long outboundArchivedPosition()
    {
        if (!persistent || counters == null)
        {
            return -1;
        }
        if (outboundRecordingCounterId == CountersReader.NULL_COUNTER_ID ||
            !RecordingPos.isActive(counters, outboundRecordingCounterId, outboundRecordingId))
        {
            outboundRecordingCounterId = RecordingPos.findCounterIdBySession(counters, outboundSessionId, archiveId);
            if (outboundRecordingCounterId == CountersReader.NULL_COUNTER_ID)
            {
                return -1;
            }
            outboundRecordingId = RecordingPos.getRecordingId(counters, outboundRecordingCounterId);
        }
        return counters.getCounterValue(outboundRecordingCounterId);
    }

    /** Recording id of the library's outbound stream in the archive, or {@link RecordingPos#NULL_RECORDING_ID}. */
    long outboundRecordingId()
    {
        outboundArchivedPosition();
        return outboundRecordingId;
    }

    /**
     * Artio 0.175 exposes the library's publication only through {@code FixLibrary.libraryStreamInfo()},
     * which it marks internal: read once at start. An Artio that drops it fails here, at start, by
     * name, not later with reports never confirmed archived.
     */
    private static int libraryOutboundSessionId(final FixLibrary library)
    {
        try
        {
            final Method method = FixLibrary.class.getDeclaredMethod("libraryStreamInfo");
            method.setAccessible(true);
            return ((LibraryStreamInfo)method.invoke(library)).outboundPublicationSessionId();
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            throw new IllegalStateException("cannot find the FIX library's outbound publication (Artio's " +
                "FixLibrary.libraryStreamInfo()): reports could not be confirmed archived", ex);
        }
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(library, engine, archivingDriver != null ? archivingDriver : driver);
        library = null;
        engine = null;
        driver = null;
        archivingDriver = null;
        if (deleteOnClose)
        {
            IoUtil.delete(workingDirectory, true);
        }
    }
}
