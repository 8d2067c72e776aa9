package io.slipway.ops.daemon;

import org.agrona.concurrent.status.CountersReader;

/**
 * Layout of the daemon's shared-memory file ({@value #FILE_NAME} in its working directory), in the
 * spirit of Aeron's CnC file: a header, an Agrona counters metadata and values pair that the daemon
 * updates as it works, and a snapshot area the daemon rewrites periodically under a sequence lock
 * (orders, card registers, venues, risk limits, latency histograms as JSON). Readers map the file
 * read-only, so a view never waits on, or disturbs, the core thread.
 *
 * <pre>
 *   0  int  magic 'SLPC'          4  int  version
 *   8  long pid of the daemon     16 long start time, epoch ms
 *  24  long heartbeat, epoch ms (written every duty cycle of the core agent)
 *  32  int  metadata length       36 int values length        40 int snapshot capacity
 * 128  counters metadata, then counters values, then the snapshot:
 *       0 long sequence (odd while being written)   8 int length   16 UTF-8 JSON
 * </pre>
 */
public final class CountersLayout
{
    public static final String FILE_NAME = "slipway.cnc";
    public static final int MAGIC = 0x43504C53;
    public static final int VERSION = 1;
    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 4;
    public static final int PID_OFFSET = 8;
    public static final int START_OFFSET = 16;
    public static final int HEARTBEAT_OFFSET = 24;
    public static final int METADATA_LENGTH_OFFSET = 32;
    public static final int VALUES_LENGTH_OFFSET = 36;
    public static final int SNAPSHOT_CAPACITY_OFFSET = 40;
    public static final int HEADER_LENGTH = 128;
    public static final int MAX_COUNTERS = 128;
    public static final int METADATA_LENGTH = MAX_COUNTERS * CountersReader.METADATA_LENGTH;
    public static final int VALUES_LENGTH = MAX_COUNTERS * CountersReader.COUNTER_LENGTH;
    public static final int SNAPSHOT_CAPACITY = 1 << 20;
    public static final int SNAPSHOT_SEQUENCE_OFFSET = 0;
    public static final int SNAPSHOT_LENGTH_OFFSET = 8;
    public static final int SNAPSHOT_DATA_OFFSET = 16;
    public static final int METADATA_OFFSET = HEADER_LENGTH;
    public static final int VALUES_OFFSET = METADATA_OFFSET + METADATA_LENGTH;
    public static final int SNAPSHOT_OFFSET = VALUES_OFFSET + VALUES_LENGTH;
    public static final int FILE_LENGTH = SNAPSHOT_OFFSET + SNAPSHOT_DATA_OFFSET + SNAPSHOT_CAPACITY;

    /** Counter type ids: which group a counter belongs to, for views that show one group. */
    public static final int TYPE_CORE = 1;
    public static final int TYPE_CARD = 2;
    public static final int TYPE_CARD_REJECT = 3;
    public static final int TYPE_OPERATOR = 4;
    public static final int TYPE_LATENCY = 5;

    private CountersLayout()
    {
    }
}
