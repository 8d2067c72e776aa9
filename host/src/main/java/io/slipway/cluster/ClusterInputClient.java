package io.slipway.cluster;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * A sender of core inputs into the cluster (a market gateway, an OMS gateway): numbers its
 * messages, keeps each until the leader acknowledges it as applied, and after a leader change
 * resends everything not acknowledged. The service drops what it has already applied, so each
 * input takes effect exactly once however many leaders the sender sees.
 *
 * <p>Single-threaded: call {@link #poll()} from the thread that encodes and {@link #enqueue}s.
 */
public final class ClusterInputClient implements AutoCloseable, EgressListener
{
    private final int sourceId;
    private final AeronCluster.Context clusterContext;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final UnsafeBuffer sendView = new UnsafeBuffer(0, 0);
    private final List<byte[]> unacked = new ArrayList<>();
    private AeronCluster cluster;
    private long nextSequence = 1;
    private long ackedSequence;
    private int nextToSend;
    private long leaderChanges;
    private long lastLeaderChangeNanoTime;
    private long resent;

    /**
     * @param aeronDirectoryName a running media driver's directory
     * @param ingressEndpoints   every member's client ingress, {@code 0=host:port,1=host:port,...}
     * @param host               this sender's address, for the egress the leader answers on
     * @param sourceId           this sender's identity in the log, positive and unique among senders
     */
    public ClusterInputClient(final String aeronDirectoryName, final String ingressEndpoints, final String host,
        final int sourceId)
    {
        if (sourceId <= ClusterCoreInputs.SERVICE_SOURCE_ID)
        {
            throw new IllegalArgumentException("sourceId must be positive (0 is the service's), was " + sourceId);
        }
        this.sourceId = sourceId;
        this.clusterContext = new AeronCluster.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .ingressChannel("aeron:udp?term-length=" + ClusterNodeContext.TERM_LENGTH)
            .ingressEndpoints(ingressEndpoints)
            .egressChannel("aeron:udp?endpoint=" + host + ":0")
            .egressListener(this);
    }

    /** Connects to the current leader; blocks up to the client's message timeout. */
    public ClusterInputClient connect()
    {
        cluster = AeronCluster.connect(clusterContext.clone());
        return this;
    }

    public int sourceId()
    {
        return sourceId;
    }

    /** Scratch buffer to encode the next message into (with {@link #nextSequence()}). */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    public long nextSequence()
    {
        return nextSequence;
    }

    /** Takes the first {@code length} bytes of {@link #buffer()} as the message numbered {@link #nextSequence()}. */
    public long enqueue(final int length)
    {
        final long sequence = ClusterCoreInputs.sequence(buffer, 0);
        if (sequence != nextSequence || ClusterCoreInputs.sourceId(buffer, 0) != sourceId)
        {
            throw new IllegalArgumentException("message must carry source " + sourceId + " and sequence " +
                nextSequence + ", carries " + ClusterCoreInputs.sourceId(buffer, 0) + " and " + sequence);
        }
        final byte[] copy = new byte[length];
        buffer.getBytes(0, copy);
        unacked.add(copy);
        return nextSequence++;
    }

    /** Reads acknowledgements and leader changes, and sends what is due. Returns work done. */
    public int poll()
    {
        if (cluster.isClosed())
        {
            // The cluster closed this session (e.g. it timed out during a long election): open a new
            // one and resend everything not acknowledged; the service drops what it already applied.
            cluster = AeronCluster.connect(clusterContext.clone());
            resent += nextToSend;
            nextToSend = 0;
        }
        int work = cluster.pollEgress();
        while (nextToSend < unacked.size())
        {
            final byte[] message = unacked.get(nextToSend);
            sendView.wrap(message);
            if (cluster.offer(sendView, 0, message.length) < 0)
            {
                break;
            }
            nextToSend++;
            work++;
        }
        return work;
    }

    /** Messages enqueued and not yet acknowledged as applied by the cluster. */
    public int unackedCount()
    {
        return unacked.size();
    }

    public long ackedSequence()
    {
        return ackedSequence;
    }

    public long leaderChanges()
    {
        return leaderChanges;
    }

    /** {@link System#nanoTime()} when the last new-leader event arrived, or 0. */
    public long lastLeaderChangeNanoTime()
    {
        return lastLeaderChangeNanoTime;
    }

    public long resent()
    {
        return resent;
    }

    public AeronCluster cluster()
    {
        return cluster;
    }

    @Override
    public void onMessage(final long clusterSessionId, final long timestamp, final DirectBuffer message,
        final int offset, final int length, final Header header)
    {
        if (length >= ClusterCoreInputs.HEADER_LENGTH &&
            ClusterCoreInputs.type(message, offset) == ClusterCoreInputs.ACK &&
            ClusterCoreInputs.sourceId(message, offset) == sourceId)
        {
            final long sequence = ClusterCoreInputs.sequence(message, offset);
            int acked = 0;
            while (ackedSequence < sequence && acked < unacked.size())
            {
                ackedSequence++;
                acked++;
            }
            if (acked > 0)
            {
                unacked.subList(0, acked).clear();
                nextToSend = Math.max(0, nextToSend - acked);
            }
        }
    }

    @Override
    public void onNewLeader(final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
        final String ingressEndpoints)
    {
        // Whatever the old leader had not acknowledged may not be in the log: send it again.
        leaderChanges++;
        lastLeaderChangeNanoTime = System.nanoTime();
        resent += nextToSend;
        nextToSend = 0;
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(cluster);
    }
}
