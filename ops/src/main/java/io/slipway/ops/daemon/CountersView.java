package io.slipway.ops.daemon;

import io.slipway.tca.JsonReader;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of a daemon's counters file, for the CLI: maps it, reads counters and the
 * latest snapshot, and never writes. Works while the daemon's core is busy or stuck, and after it
 * stopped (the heartbeat then shows how long ago it was alive).
 */
public final class CountersView implements AutoCloseable
{
    private static final int SNAPSHOT_READ_ATTEMPTS = 1_000;

    /** One counter as read. */
    public record Counter(int id, int typeId, String label, long value)
    {
    }

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final UnsafeBuffer snapshot;
    private final CountersReader reader;

    public CountersView(final File file)
    {
        if (!file.isFile())
        {
            throw new IllegalArgumentException("no daemon counters at " + file + " (is the daemon running with " +
                "this working directory? pass --dir)");
        }
        if (file.length() < CountersLayout.FILE_LENGTH)
        {
            throw new IllegalArgumentException(file + " is not a Slipway counters file (too short)");
        }
        mapped = IoUtil.mapExistingFile(file, java.nio.channels.FileChannel.MapMode.READ_ONLY, "slipway counters");
        header = new UnsafeBuffer(mapped, 0, CountersLayout.HEADER_LENGTH);
        if (header.getIntVolatile(CountersLayout.MAGIC_OFFSET) != CountersLayout.MAGIC ||
            header.getInt(CountersLayout.VERSION_OFFSET) != CountersLayout.VERSION)
        {
            IoUtil.unmap(mapped);
            throw new IllegalArgumentException(file + " is not a version " + CountersLayout.VERSION +
                " Slipway counters file");
        }
        reader = new CountersReader(
            new UnsafeBuffer(mapped, CountersLayout.METADATA_OFFSET, CountersLayout.METADATA_LENGTH),
            new UnsafeBuffer(mapped, CountersLayout.VALUES_OFFSET, CountersLayout.VALUES_LENGTH),
            StandardCharsets.US_ASCII);
        snapshot = new UnsafeBuffer(mapped, CountersLayout.SNAPSHOT_OFFSET,
            CountersLayout.SNAPSHOT_DATA_OFFSET + CountersLayout.SNAPSHOT_CAPACITY);
    }

    public long pid()
    {
        return header.getLong(CountersLayout.PID_OFFSET);
    }

    public long startEpochMs()
    {
        return header.getLong(CountersLayout.START_OFFSET);
    }

    public long heartbeatEpochMs()
    {
        return header.getLongVolatile(CountersLayout.HEARTBEAT_OFFSET);
    }

    public List<Counter> counters()
    {
        final List<Counter> counters = new ArrayList<>();
        reader.forEach((counterId, typeId, keyBuffer, label) ->
            counters.add(new Counter(counterId, typeId, label, reader.getCounterValue(counterId))));
        return counters;
    }

    /** The value of the counter with this label, or throws when the daemon has no such counter. */
    public long counter(final String label)
    {
        for (final Counter counter : counters())
        {
            if (counter.label().equals(label))
            {
                return counter.value();
            }
        }
        throw new IllegalArgumentException("no counter '" + label + "'");
    }

    /** The latest snapshot's JSON text; empty object when none was published yet. */
    public String snapshotJson()
    {
        for (int attempt = 0; attempt < SNAPSHOT_READ_ATTEMPTS; attempt++)
        {
            final long before = snapshot.getLongVolatile(CountersLayout.SNAPSHOT_SEQUENCE_OFFSET);
            if (before == 0)
            {
                return "{}";
            }
            if ((before & 1) == 1)
            {
                Thread.onSpinWait();
                continue;
            }
            final int length = snapshot.getInt(CountersLayout.SNAPSHOT_LENGTH_OFFSET);
            if (length < 0 || length > CountersLayout.SNAPSHOT_CAPACITY)
            {
                continue;
            }
            final byte[] bytes = new byte[length];
            snapshot.getBytes(CountersLayout.SNAPSHOT_DATA_OFFSET, bytes);
            java.lang.invoke.VarHandle.acquireFence();
            if (snapshot.getLongVolatile(CountersLayout.SNAPSHOT_SEQUENCE_OFFSET) == before)
            {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("the snapshot kept changing while being read; try again");
    }

    /** The latest snapshot, parsed. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> snapshot()
    {
        return (Map<String, Object>)JsonReader.parse(snapshotJson());
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
