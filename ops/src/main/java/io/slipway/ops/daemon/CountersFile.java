package io.slipway.ops.daemon;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's side of the shared-memory counters file (see {@link CountersLayout}): creates it,
 * hands out counters and publishes snapshots. Counters are written by their owning thread with
 * ordered stores; the snapshot by the core agent only.
 */
public final class CountersFile implements AutoCloseable
{
    private final File file;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final UnsafeBuffer snapshot;
    private final CountersManager countersManager;

    public CountersFile(final File file, final long pid, final long startEpochMs)
    {
        this.file = file;
        IoUtil.deleteIfExists(file);
        mapped = IoUtil.mapNewFile(file, CountersLayout.FILE_LENGTH);
        header = new UnsafeBuffer(mapped, 0, CountersLayout.HEADER_LENGTH);
        final UnsafeBuffer metadata = new UnsafeBuffer(mapped, CountersLayout.METADATA_OFFSET,
            CountersLayout.METADATA_LENGTH);
        final UnsafeBuffer values = new UnsafeBuffer(mapped, CountersLayout.VALUES_OFFSET, CountersLayout.VALUES_LENGTH);
        snapshot = new UnsafeBuffer(mapped, CountersLayout.SNAPSHOT_OFFSET,
            CountersLayout.SNAPSHOT_DATA_OFFSET + CountersLayout.SNAPSHOT_CAPACITY);
        countersManager = new CountersManager(metadata, values, StandardCharsets.US_ASCII);
        header.putLong(CountersLayout.PID_OFFSET, pid);
        header.putLong(CountersLayout.START_OFFSET, startEpochMs);
        header.putInt(CountersLayout.METADATA_LENGTH_OFFSET, CountersLayout.METADATA_LENGTH);
        header.putInt(CountersLayout.VALUES_LENGTH_OFFSET, CountersLayout.VALUES_LENGTH);
        header.putInt(CountersLayout.SNAPSHOT_CAPACITY_OFFSET, CountersLayout.SNAPSHOT_CAPACITY);
        header.putInt(CountersLayout.VERSION_OFFSET, CountersLayout.VERSION);
        // Magic last: a reader that sees it sees a complete header.
        header.putIntVolatile(CountersLayout.MAGIC_OFFSET, CountersLayout.MAGIC);
    }

    public AtomicCounter newCounter(final String label, final int typeId)
    {
        return countersManager.newCounter(label, typeId);
    }

    public void heartbeat(final long epochMs)
    {
        header.putLongOrdered(CountersLayout.HEARTBEAT_OFFSET, epochMs);
    }

    /**
     * Publishes a snapshot under the sequence lock: readers that see an odd or changed sequence
     * read again. Text beyond the capacity is refused rather than cut, so a reader never parses half.
     */
    public void publishSnapshot(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > CountersLayout.SNAPSHOT_CAPACITY)
        {
            throw new IllegalStateException("snapshot of " + bytes.length + " bytes exceeds the " +
                CountersLayout.SNAPSHOT_CAPACITY + "-byte area");
        }
        final long sequence = snapshot.getLong(CountersLayout.SNAPSHOT_SEQUENCE_OFFSET);
        snapshot.putLongVolatile(CountersLayout.SNAPSHOT_SEQUENCE_OFFSET, sequence + 1);
        snapshot.putBytes(CountersLayout.SNAPSHOT_DATA_OFFSET, bytes);
        snapshot.putInt(CountersLayout.SNAPSHOT_LENGTH_OFFSET, bytes.length);
        snapshot.putLongVolatile(CountersLayout.SNAPSHOT_SEQUENCE_OFFSET, sequence + 2);
    }

    public File file()
    {
        return file;
    }

    /** Leaves the file in place, so the last state stays readable after the daemon stops. */
    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
