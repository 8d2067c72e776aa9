package io.slipway.fix;

import io.slipway.oms.DeliveredReports;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The FIX gateway's durable record of the core's reports it handed to Artio, by ExecID: an
 * append-only file of 64-byte records. INTENT is written before a report is handed to the
 * session, SENT (with the MsgSeqNum Artio gave it) when {@code trySend} returns, and ARCHIVED
 * (same MsgSeqNum) once Artio's outbound archive has recorded the message: only then can Artio
 * resend it after a crash. After a crash:
 * <ul>
 *   <li>ARCHIVED: Artio's persisted session holds the message; an OMS that missed it asks for it
 *       by sequence number and gets it back with PossDupFlag=Y. The recovered core does not
 *       release it again.</li>
 *   <li>SENT or INTENT only: the process died before Artio's archive had it; it may or may not
 *       have left. The recovered core releases it again and the gateway sends it with
 *       PossResend=Y, so an OMS that has it recognises the ExecID (FIX's rule for PossResend).</li>
 *   <li>absent: the core released it but the gateway never wrote it; the recovered core releases
 *       it again and it goes out as a new message.</li>
 * </ul>
 *
 * <pre>
 *   0  u8  kind (1 INTENT, 2 SENT, 3 ARCHIVED)
 *   1  u8  ExecID length in bytes (1..MAX_EXEC_ID_LENGTH)
 *   4  i32 MsgSeqNum (SENT, ARCHIVED), 0 (INTENT)
 *   8  ExecID, ASCII, zero padded to 64
 * </pre>
 *
 * Writes go to the page cache (a killed process loses nothing the kernel holds), or are forced to
 * the device when {@code forceEachRecord} is set, the journal's file sync level 1. A torn last
 * record (the process died inside the write) is dropped on open: it was never acted on.
 * Single-threaded: the gateway thread owns an open log; other threads read a snapshot
 * ({@link #readDelivered(File)}).
 */
public final class ReportDeliveryLog implements AutoCloseable
{
    public static final int RECORD_LENGTH = 64;
    public static final int MAX_EXEC_ID_LENGTH = RECORD_LENGTH - 8;
    public static final byte INTENT = 1;
    public static final byte SENT = 2;
    public static final byte ARCHIVED = 3;
    /** Value in {@link #status(String)} of a report with only an intent. */
    public static final int INTENT_ONLY = 0;
    /** Value in {@link #status(String)} of a report never seen. */
    public static final int ABSENT = -1;

    private final File file;
    private final FileChannel channel;
    private final boolean forceEachRecord;
    private final ByteBuffer record = ByteBuffer.allocateDirect(RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    /** ExecID to MsgSeqNum once SENT, or {@link #INTENT_ONLY}. */
    private final Map<String, Integer> byExecId;
    /** ExecIDs recorded ARCHIVED. */
    private final Set<String> archived;
    private int highestSentSeqNum;

    private ReportDeliveryLog(final File file, final FileChannel channel, final boolean forceEachRecord,
        final Map<String, Integer> byExecId, final Set<String> archived)
    {
        this.file = file;
        this.channel = channel;
        this.forceEachRecord = forceEachRecord;
        this.byExecId = byExecId;
        this.archived = archived;
        for (final int seqNum : byExecId.values())
        {
            highestSentSeqNum = Math.max(highestSentSeqNum, seqNum);
        }
    }

    /** Opens (creating if absent) the log for appending; a torn last record is cut off. */
    public static ReportDeliveryLog open(final File file, final boolean forceEachRecord)
    {
        try
        {
            final File parent = file.getAbsoluteFile().getParentFile();
            if (parent != null && !parent.isDirectory() && !parent.mkdirs())
            {
                throw new UncheckedIOException(new IOException("cannot create " + parent));
            }
            final FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
            try
            {
                final Map<String, Integer> entries = new HashMap<>();
                final Set<String> archived = new HashSet<>();
                read(file, channel, entries, archived);
                channel.truncate((channel.size() / RECORD_LENGTH) * RECORD_LENGTH);
                channel.position(channel.size());
                return new ReportDeliveryLog(file, channel, forceEachRecord, entries, archived);
            }
            catch (final RuntimeException ex)
            {
                channel.close();
                throw ex;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open the report delivery log " + file, ex);
        }
    }

    /**
     * What a recovered core may treat as delivered: reports recorded ARCHIVED, the ones Artio can
     * resend by sequence number. A missing file means nothing was ever handed over.
     */
    public static DeliveredReports readDelivered(final File file)
    {
        if (!file.exists())
        {
            return execId -> false;
        }
        try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.READ))
        {
            final Set<String> archived = new HashSet<>();
            read(file, channel, new HashMap<>(), archived);
            return archived::contains;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the report delivery log " + file, ex);
        }
    }

    private static void read(final File file, final FileChannel channel, final Map<String, Integer> entries,
        final Set<String> archived) throws IOException
    {
        final ByteBuffer in = ByteBuffer.allocate(RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        final byte[] execId = new byte[MAX_EXEC_ID_LENGTH];
        final long whole = (channel.size() / RECORD_LENGTH) * RECORD_LENGTH;
        for (long at = 0; at < whole; at += RECORD_LENGTH)
        {
            in.clear();
            while (in.hasRemaining())
            {
                if (channel.read(in, at + in.position()) < 0)
                {
                    throw new IOException("short read at " + at);
                }
            }
            final byte kind = in.get(0);
            final int length = in.get(1) & 0xFF;
            final int seqNum = in.getInt(4);
            if ((kind != INTENT && kind != SENT && kind != ARCHIVED) || length == 0 || length > MAX_EXEC_ID_LENGTH ||
                (kind != INTENT) != (seqNum > 0))
            {
                throw new IllegalStateException("report delivery log " + file + " has a bad record at byte " + at +
                    " (kind " + kind + ", ExecID length " + length + ", MsgSeqNum " + seqNum + ")");
            }
            in.position(8);
            in.get(execId, 0, length);
            final String id = new String(execId, 0, length, StandardCharsets.US_ASCII);
            if (kind == INTENT)
            {
                entries.putIfAbsent(id, INTENT_ONLY);
            }
            else
            {
                entries.put(id, seqNum);
                if (kind == ARCHIVED)
                {
                    archived.add(id);
                }
            }
        }
    }

    /** MsgSeqNum the report went out under, {@link #INTENT_ONLY} or {@link #ABSENT}. */
    public int status(final String execId)
    {
        final Integer seqNum = byExecId.get(execId);
        return seqNum == null ? ABSENT : seqNum;
    }

    /** Recorded before the report is handed to the session. */
    public void intent(final String execId)
    {
        append(INTENT, execId, 0);
        byExecId.putIfAbsent(execId, INTENT_ONLY);
    }

    /** Recorded once the session took the report, with the sequence number it went out under. */
    public void sent(final String execId, final int msgSeqNum)
    {
        if (msgSeqNum <= 0)
        {
            throw new IllegalArgumentException("MsgSeqNum must be positive, was " + msgSeqNum + " for " + execId);
        }
        append(SENT, execId, msgSeqNum);
        byExecId.put(execId, msgSeqNum);
        highestSentSeqNum = Math.max(highestSentSeqNum, msgSeqNum);
    }

    /** Recorded once Artio's outbound archive holds the message sent under {@code msgSeqNum}. */
    public void archived(final String execId, final int msgSeqNum)
    {
        if (msgSeqNum <= 0)
        {
            throw new IllegalArgumentException("MsgSeqNum must be positive, was " + msgSeqNum + " for " + execId);
        }
        append(ARCHIVED, execId, msgSeqNum);
        byExecId.put(execId, msgSeqNum);
        archived.add(execId);
        highestSentSeqNum = Math.max(highestSentSeqNum, msgSeqNum);
    }

    /** True once the report is recorded ARCHIVED: Artio can resend it by sequence number. */
    public boolean isArchived(final String execId)
    {
        return archived.contains(execId);
    }

    /** Highest MsgSeqNum recorded SENT; a session that recovered a lower last sent number lost messages. */
    public int highestSentSeqNum()
    {
        return highestSentSeqNum;
    }

    public int size()
    {
        return byExecId.size();
    }

    public File file()
    {
        return file;
    }

    private void append(final byte kind, final String execId, final int msgSeqNum)
    {
        final byte[] id = execId.getBytes(StandardCharsets.US_ASCII);
        if (id.length == 0 || id.length > MAX_EXEC_ID_LENGTH)
        {
            throw new IllegalArgumentException("ExecID '" + execId + "' is not 1.." + MAX_EXEC_ID_LENGTH + " bytes");
        }
        record.clear();
        for (int i = 0; i < RECORD_LENGTH; i++)
        {
            record.put(i, (byte)0);
        }
        record.put(0, kind);
        record.put(1, (byte)id.length);
        record.putInt(4, msgSeqNum);
        for (int i = 0; i < id.length; i++)
        {
            record.put(8 + i, id[i]);
        }
        try
        {
            while (record.hasRemaining())
            {
                channel.write(record);
            }
            if (forceEachRecord)
            {
                channel.force(false);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot append to the report delivery log " + file, ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close the report delivery log " + file, ex);
        }
    }
}
