package io.slipway.journal;

/**
 * One recording of the journal: the inputs of one run of the appliance, from its start (or its
 * recovery) until it stopped. Positions are byte positions in the recorded stream.
 */
public record JournalSegment(long recordingId, long startPosition, long stopPosition, long startTimestampMs,
    long stopTimestampMs)
{
    /** Bytes recorded. */
    public long length()
    {
        return stopPosition - startPosition;
    }
}
