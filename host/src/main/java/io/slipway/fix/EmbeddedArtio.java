package io.slipway.fix;

import io.aeron.CommonContext;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import io.slipway.archive.EmbeddedArchive;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import uk.co.real_logic.artio.engine.EngineConfiguration;
import uk.co.real_logic.artio.engine.FixEngine;
import uk.co.real_logic.artio.library.FixLibrary;
import uk.co.real_logic.artio.library.LibraryConfiguration;

import java.io.File;
import java.util.List;

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
    private MediaDriver driver;
    private ArchivingMediaDriver archivingDriver;
    private FixEngine engine;
    private FixLibrary library;

    private EmbeddedArtio(final File workingDirectory, final boolean deleteOnClose, final boolean persistent)
    {
        this.workingDirectory = workingDirectory;
        this.deleteOnClose = deleteOnClose;
        this.persistent = persistent;
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
        final EmbeddedArtio stack = new EmbeddedArtio(workingDirectory, deleteOnClose, persistent);
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
                IPC_TERM_LENGTH, 0, () -> new SleepingMillisIdleStrategy(1));
            driver = archivingDriver.mediaDriver();
            final AeronArchive.Context archiveClient = EmbeddedArchive.clientContext(new File(aeronDir));
            engineConfiguration.aeronArchiveContext()
                .aeronDirectoryName(aeronDir)
                .controlRequestChannel(archiveClient.controlRequestChannel())
                .controlResponseChannel(archiveClient.controlResponseChannel());
        }
        else
        {
            driver = EmbeddedArchive.launchDriver(new File(aeronDir), IPC_TERM_LENGTH);
        }

        engineConfiguration
            .libraryAeronChannel(LIBRARY_CHANNEL)
            .logFileDir(new File(artioDir, "engine").getAbsolutePath())
            .deleteLogFileDirOnStart(!persistent)
            .logInboundMessages(persistent)
            .logOutboundMessages(persistent)
            .framerIdleStrategy(new SleepingMillisIdleStrategy(1));
        engineConfiguration.monitoringFile(new File(artioDir, "engine-counters").getAbsolutePath());
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
