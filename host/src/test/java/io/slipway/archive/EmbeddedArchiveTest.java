package io.slipway.archive;

import io.aeron.archive.ArchiveMarkFile;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One archive per directory, and a restart after a dead archive that does not wait out its mark file. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class EmbeddedArchiveTest
{
    private static final int TERM_LENGTH = 64 * 1024;

    @TempDir
    File directory;

    private EmbeddedArchive launch(final String aeron)
    {
        return EmbeddedArchive.launch(new File(directory, aeron), new File(directory, "archive"), TERM_LENGTH, 0,
            () -> new SleepingMillisIdleStrategy(1));
    }

    @Test
    void aSecondArchiveOnTheSameDirectoryIsRefusedByName()
    {
        try (EmbeddedArchive first = launch("aeron-1"))
        {
            final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> launch("aeron-2"));
            assertEquals("an archive is running on " + new File(directory, "archive") +
                " in this process; one archive per directory", refused.getMessage());
            assertTrue(first.archive() != null);
        }
        try (EmbeddedArchive again = launch("aeron-2"))
        {
            assertTrue(again.markFileSetAside(), "the first archive's mark file, closed, set aside");
        }
    }

    @Test
    void aDeadArchivesMarkFileIsRemovedAtOnce() throws Exception
    {
        final File markFile = new File(new File(directory, "archive"), ArchiveMarkFile.FILENAME);
        final byte[] live;
        try (EmbeddedArchive running = launch("aeron"))
        {
            // What a kill -9 leaves: the mark file as it is while the archive runs, activity timestamp fresh.
            live = Files.readAllBytes(markFile.toPath());
        }
        Files.write(markFile.toPath(), live);
        // Aeron alone refuses such a mark file ("active mark file") until its 10 s liveness timeout has passed.
        try (EmbeddedArchive restarted = launch("aeron"))
        {
            assertTrue(restarted.markFileSetAside(), "the dead archive's mark file was set aside");
            assertTrue(new File(new File(directory, "archive"), EmbeddedArchive.DEAD_MARK_FILE).isFile(),
                "kept for its error log");
        }
    }
}
