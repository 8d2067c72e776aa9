package io.slipway.journal;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.CountersReader;

/**
 * Appends inputs to one recording of the journal. {@link #append} returns once the input is in
 * the recorded publication's log buffer; {@link #awaitRecorded} waits until the archive has
 * written it to the recording file. The core acts on an input after the first; its outputs
 * leave after the second (see {@link OutputGate}).
 */
public final class JournalWriter implements AutoCloseable
{
    private final ExclusivePublication publication;
    private final CountersReader counters;
    private final int recordingCounterId;
    private final long recordingId;
    private final long timeoutNs;
    private final IdleStrategy idle;
    private long appendedPosition;
    private long messages;

    JournalWriter(final ExclusivePublication publication, final CountersReader counters, final int recordingCounterId,
        final long recordingId, final JournalContext context)
    {
        this.publication = publication;
        this.counters = counters;
        this.recordingCounterId = recordingCounterId;
        this.recordingId = recordingId;
        this.timeoutNs = context.recordTimeoutNs();
        this.idle = context.idleStrategy().get();
        this.appendedPosition = publication.position();
    }

    /** Appends one message; returns the stream position after it. Fails rather than let an input go unjournaled. */
    public long append(final DirectBuffer buffer, final int offset, final int length)
    {
        long deadlineNs = 0;
        while (true)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                appendedPosition = result;
                messages++;
                return result;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED ||
                result == Publication.NOT_CONNECTED)
            {
                throw new IllegalStateException("journal recording " + recordingId + " cannot take input: " +
                    Publication.errorString(result));
            }
            // Back-pressure or an admin action: the recorder is behind; wait for it, within bounds.
            final long now = System.nanoTime();
            if (deadlineNs == 0)
            {
                deadlineNs = now + timeoutNs;
            }
            else if (now > deadlineNs)
            {
                throw new IllegalStateException("journal recording " + recordingId + " stayed back-pressured");
            }
            idle.idle();
        }
    }

    /** Waits until the archive has recorded up to the position; fails if the recording stopped or stalls. */
    public void awaitRecorded(final long position)
    {
        if (recordedPosition() >= position)
        {
            return;
        }
        final long deadlineNs = System.nanoTime() + timeoutNs;
        idle.reset();
        while (recordedPosition() < position)
        {
            if (counters.getCounterState(recordingCounterId) != CountersReader.RECORD_ALLOCATED)
            {
                throw new IllegalStateException("journal recording " + recordingId + " stopped before position " +
                    position);
            }
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("journal recording " + recordingId + " did not reach position " +
                    position + " in time");
            }
            idle.idle();
        }
    }

    public long recordedPosition()
    {
        return counters.getCounterValue(recordingCounterId);
    }

    public long appendedPosition()
    {
        return appendedPosition;
    }

    public long recordingId()
    {
        return recordingId;
    }

    /** Messages appended by this writer. */
    public long messages()
    {
        return messages;
    }

    /** Ends this recording. A crashed run never gets here; the archive ends its recording when the publication goes. */
    @Override
    public void close()
    {
        publication.close();
    }
}
