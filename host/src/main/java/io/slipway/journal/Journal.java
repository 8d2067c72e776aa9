package io.slipway.journal;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.aeron.archive.status.RecordingPos;
import io.aeron.logbuffer.FragmentHandler;
import io.slipway.archive.EmbeddedArchive;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The core's input journal: an Aeron Archive in the journal directory recording one IPC stream.
 * Each run of the appliance appends through its own {@link JournalWriter} (one recording per
 * run); recovery replays every recording in order. The archive and its driver belong to the
 * journal, not to the run, so a test can drop a run as a crash would and keep what was recorded.
 */
public final class Journal implements AutoCloseable
{
    private static final String CHANNEL_BASE = "aeron:ipc";
    private static final long WAIT_STEP_MS = 1;

    private final JournalContext context;
    private final File aeronDirectory;
    private EmbeddedArchive driver;
    private Aeron aeron;
    private AeronArchive archive;

    private Journal(final JournalContext context)
    {
        this.context = context;
        this.aeronDirectory = new File(context.directory(), "aeron");
    }

    /** Starts the archive on the journal directory (creating it if needed) and connects to it. */
    public static Journal launch(final JournalContext context)
    {
        context.conclude();
        IoUtil.ensureDirectoryExists(context.directory(), "journal directory");
        final Journal journal = new Journal(context);
        try
        {
            journal.driver = launchArchive(journal.aeronDirectory, context);
            journal.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(journal.aeronDirectory.getPath()));
            journal.archive = AeronArchive.connect(EmbeddedArchive.clientContext(journal.aeronDirectory)
                .aeron(journal.aeron)
                .ownsAeronClient(false));
            return journal;
        }
        catch (final RuntimeException ex)
        {
            journal.close();
            throw ex;
        }
    }

    /**
     * A killed appliance leaves its archive's mark file looking alive for the archive's liveness
     * timeout; {@link EmbeddedArchive} knows from its directory lock that the owner is gone and
     * starts at once, and refuses a directory another archive runs on.
     */
    private static EmbeddedArchive launchArchive(final File aeronDirectory, final JournalContext context)
    {
        return EmbeddedArchive.launch(aeronDirectory, new File(context.directory(), "archive"),
            context.termLength(), context.fileSyncLevel(), context.idleStrategy());
    }

    /**
     * The journal's Aeron client, on the driver that runs the archive: other streams of the same
     * process (the market link) share that driver instead of starting a second one.
     */
    public Aeron aeron()
    {
        return aeron;
    }

    public JournalContext context()
    {
        return context;
    }

    /** Every recording of the journal, oldest first; waits for a run that just ended to be closed off. */
    public List<JournalSegment> segments()
    {
        final List<JournalSegment> segments = new ArrayList<>();
        archive.listRecordingsForUri(0, Integer.MAX_VALUE, CHANNEL_BASE, context.streamId(),
            (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition, stopPosition,
            initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, streamId, strippedChannel,
            originalChannel, sourceIdentity) -> segments.add(
            new JournalSegment(recordingId, startPosition, stopPosition, startTimestamp, stopTimestamp)));
        segments.sort(Comparator.comparingLong(JournalSegment::recordingId));
        for (int i = 0; i < segments.size(); i++)
        {
            final JournalSegment segment = segments.get(i);
            if (segment.stopPosition() == AeronArchive.NULL_POSITION)
            {
                segments.set(i, new JournalSegment(segment.recordingId(), segment.startPosition(),
                    awaitStopPosition(segment.recordingId()), segment.startTimestampMs(), segment.stopTimestampMs()));
            }
        }
        return segments;
    }

    /**
     * Replays every recorded input, oldest first, to the handler; returns the number of messages.
     * Every recording must have ended: the journal refuses to replay under a live writer.
     */
    public long replay(final FragmentHandler handler)
    {
        long messages = 0;
        for (final JournalSegment segment : segments())
        {
            messages += replay(segment, handler);
        }
        return messages;
    }

    /** Replays one recording to the handler; returns the number of messages. */
    public long replay(final JournalSegment segment, final FragmentHandler handler)
    {
        if (segment.length() == 0)
        {
            return 0;
        }
        final long[] count = new long[1];
        final FragmentHandler counting = (buffer, offset, length, header) ->
        {
            count[0]++;
            handler.onFragment(buffer, offset, length, header);
        };
        final IdleStrategy idle = context.idleStrategy().get();
        try (Subscription subscription = archive.replay(segment.recordingId(), segment.startPosition(),
            segment.length(), CHANNEL_BASE, context.replayStreamId()))
        {
            final long deadlineMs = System.currentTimeMillis() + context.recordTimeoutNs() / 1_000_000L;
            while (subscription.imageCount() == 0)
            {
                checkDeadline(deadlineMs, "replay of recording " + segment.recordingId() + " did not start");
                idle.idle();
            }
            final io.aeron.Image image = subscription.imageAtIndex(0);
            while (image.position() < segment.stopPosition())
            {
                final int fragments = image.poll(counting, 256);
                if (fragments == 0)
                {
                    if (image.isClosed())
                    {
                        throw new IllegalStateException("replay of recording " + segment.recordingId() +
                            " ended at " + image.position() + " before " + segment.stopPosition());
                    }
                    checkDeadline(deadlineMs, "replay of recording " + segment.recordingId() + " stalled at " +
                        image.position());
                }
                idle.idle(fragments);
            }
        }
        return count[0];
    }

    /** Starts a new recording and returns its writer; the writer appends only once the archive records. */
    public JournalWriter openWriter()
    {
        final ExclusivePublication publication = aeron.addExclusivePublication(
            CHANNEL_BASE + "?term-length=" + context.termLength(), context.streamId());
        try
        {
            // Recording this session only: a writer of an earlier run that was never stopped cannot be
            // picked up twice.
            final String channel = ChannelUri.addSessionId(CHANNEL_BASE, publication.sessionId());
            archive.startRecording(channel, context.streamId(), SourceLocation.LOCAL, true);
            final CountersReader counters = aeron.countersReader();
            final long deadlineMs = System.currentTimeMillis() + context.recordTimeoutNs() / 1_000_000L;
            int counterId;
            while ((counterId = RecordingPos.findCounterIdBySession(counters, publication.sessionId(),
                archive.archiveId())) == CountersReader.NULL_COUNTER_ID)
            {
                checkDeadline(deadlineMs, "the archive did not start recording the journal");
                sleep();
            }
            final long recordingId = RecordingPos.getRecordingId(counters, counterId);
            return new JournalWriter(publication, counters, counterId, recordingId, context);
        }
        catch (final RuntimeException ex)
        {
            publication.close();
            throw ex;
        }
    }

    private long awaitStopPosition(final long recordingId)
    {
        final long deadlineMs = System.currentTimeMillis() + context.recordTimeoutNs() / 1_000_000L;
        long stop;
        // A run that just ended may take the archive a moment to close off.
        while ((stop = archive.getStopPosition(recordingId)) == AeronArchive.NULL_POSITION)
        {
            checkDeadline(deadlineMs, archive.getRecordingPosition(recordingId) != AeronArchive.NULL_POSITION ?
                "recording " + recordingId + " is still being written: another appliance run is appending to it" :
                "recording " + recordingId + " has no stop position");
            sleep();
        }
        return stop;
    }

    private static void checkDeadline(final long deadlineMs, final String what)
    {
        if (System.currentTimeMillis() > deadlineMs)
        {
            throw new IllegalStateException(what);
        }
    }

    private static void sleep()
    {
        sleep(WAIT_STEP_MS);
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the journal", ex);
        }
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(archive, aeron, driver);
        archive = null;
        aeron = null;
        driver = null;
    }
}
