package io.slipway.journal;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Settings of the core's input journal, with validated defaults. */
public final class JournalContext
{
    /** Stream of the core's inputs; the IPC channel carries nothing else on it. */
    public static final int DEFAULT_STREAM_ID = 7001;
    /** Stream replays arrive on. */
    public static final int DEFAULT_REPLAY_STREAM_ID = 7002;
    /** A term holds many inputs; the archive segment is twice it. */
    public static final int DEFAULT_TERM_LENGTH = 16 * 1024 * 1024;

    private File directory;
    private int streamId = DEFAULT_STREAM_ID;
    private int replayStreamId = DEFAULT_REPLAY_STREAM_ID;
    private int termLength = DEFAULT_TERM_LENGTH;
    private int fileSyncLevel;
    private long recordTimeoutNs = TimeUnit.SECONDS.toNanos(10);
    private Supplier<IdleStrategy> idleStrategy =
        () -> new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(200));

    /** Directory holding the archive (kept) and the driver's files (recreated); required. */
    public JournalContext directory(final File directory)
    {
        this.directory = directory;
        return this;
    }

    public File directory()
    {
        return directory;
    }

    public JournalContext streamId(final int streamId)
    {
        this.streamId = streamId;
        return this;
    }

    public int streamId()
    {
        return streamId;
    }

    public JournalContext replayStreamId(final int replayStreamId)
    {
        this.replayStreamId = replayStreamId;
        return this;
    }

    public int replayStreamId()
    {
        return replayStreamId;
    }

    public JournalContext termLength(final int termLength)
    {
        this.termLength = termLength;
        return this;
    }

    public int termLength()
    {
        return termLength;
    }

    /**
     * 0 (default): recorded inputs reach the page cache, which outlives a killed process but not a
     * lost machine; 1: recorded data is forced to disk before it counts as recorded; 2: metadata too.
     */
    public JournalContext fileSyncLevel(final int fileSyncLevel)
    {
        this.fileSyncLevel = fileSyncLevel;
        return this;
    }

    public int fileSyncLevel()
    {
        return fileSyncLevel;
    }

    /** How long an output may wait for its input to be recorded before the journal is declared broken. */
    public JournalContext recordTimeoutNs(final long recordTimeoutNs)
    {
        this.recordTimeoutNs = recordTimeoutNs;
        return this;
    }

    public long recordTimeoutNs()
    {
        return recordTimeoutNs;
    }

    /** Idle strategy of the driver's and the archive's threads. */
    public JournalContext idleStrategy(final Supplier<IdleStrategy> idleStrategy)
    {
        this.idleStrategy = idleStrategy;
        return this;
    }

    public Supplier<IdleStrategy> idleStrategy()
    {
        return idleStrategy;
    }

    public JournalContext conclude()
    {
        if (directory == null)
        {
            throw new IllegalArgumentException("journal directory is required");
        }
        if (directory.exists() && !directory.isDirectory())
        {
            throw new IllegalArgumentException("journal directory is not a directory: " + directory);
        }
        if (streamId == replayStreamId)
        {
            throw new IllegalArgumentException("streamId and replayStreamId must differ, both " + streamId);
        }
        if (termLength < 64 * 1024 || Integer.bitCount(termLength) != 1)
        {
            throw new IllegalArgumentException("termLength must be a power of two of at least 64 KiB, was " +
                termLength);
        }
        if (fileSyncLevel < 0 || fileSyncLevel > 2)
        {
            throw new IllegalArgumentException("fileSyncLevel must be 0, 1 or 2, was " + fileSyncLevel);
        }
        if (recordTimeoutNs <= 0)
        {
            throw new IllegalArgumentException("recordTimeoutNs must be positive");
        }
        if (idleStrategy == null)
        {
            throw new IllegalArgumentException("idleStrategy is required");
        }
        return this;
    }
}
