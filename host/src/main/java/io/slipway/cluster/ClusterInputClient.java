package io.slipway.cluster;

import io.aeron.Aeron;
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
import java.util.concurrent.TimeUnit;

/**
 * A sender of core inputs into the cluster (a market gateway, an OMS gateway): numbers its
 * messages, keeps each until the leader acknowledges it as applied, and after a leader change
 * resends everything not acknowledged. The service drops what it has already applied, so each
 * input takes effect exactly once however many leaders the sender sees.
 *
 * <p>A restarted sender takes over its source id: every new cluster session starts with a
 * {@link ClusterCoreInputs#SOURCE_CLAIM}, and nothing else is sent until the leader answers
 * ({@link ClusterCoreInputs#CLAIMED}). The answer says which of the source's inputs were applied:
 * a sender that starts afresh numbers on after them (a restarted process would otherwise reuse
 * numbers the service drops as already applied), and one that only reconnected forgets those it
 * sees applied. From the claim on, the members take the source's inputs from this session only,
 * so what a dead predecessor still had in flight cannot be applied after its successor took over.
 *
 * <p>Single-threaded: call {@link #poll()} from the thread that encodes and {@link #enqueue}s.
 */
public final class ClusterInputClient implements AutoCloseable, EgressListener
{
    /** An unanswered claim is made again after this long. */
    static final long CLAIM_RETRY_NS = TimeUnit.MILLISECONDS.toNanos(250);

    private final int sourceId;
    private final AeronCluster.Context clusterContext;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final UnsafeBuffer sendView = new UnsafeBuffer(0, 0);
    private final ExpandableArrayBuffer claimBuffer = new ExpandableArrayBuffer(ClusterCoreInputs.HEADER_LENGTH);
    private final List<byte[]> unacked = new ArrayList<>();
    private AeronCluster cluster;
    private long nextSequence = 1;
    private long ackedSequence;
    private int nextToSend;
    private long leaderChanges;
    private long lastLeaderChangeNanoTime;
    private long resent;
    /** The current session's claim has been answered: inputs may be sent on it. */
    private boolean claimed;
    /** Some session of this sender has been answered: its numbering is the source's. */
    private boolean claimedOnce;
    private long claimOfferedAtNs;
    private long claims;
    private long claimedReportsDelivered;

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

    /**
     * A sender on an Aeron client the caller owns (shared with the rest of its process); closing
     * this sender leaves that client open.
     *
     * @param aeron            a connected Aeron client
     * @param ingressEndpoints every member's client ingress, {@code 0=host:port,1=host:port,...}
     * @param host             this sender's address, for the egress the leader answers on
     * @param sourceId         this sender's identity in the log, positive and unique among senders
     */
    public ClusterInputClient(final Aeron aeron, final String ingressEndpoints, final String host, final int sourceId)
    {
        this(aeron.context().aeronDirectoryName(), ingressEndpoints, host, sourceId);
        clusterContext.aeron(aeron).ownsAeronClient(false);
    }

    /**
     * Connects to the current leader and claims this sender's source; blocks up to the client's
     * message timeout for each. Afterwards {@link #nextSequence()} follows the last input of this
     * source the cluster applied.
     *
     * @throws IllegalStateException if no leader answers the claim in time (the session is closed).
     */
    public ClusterInputClient connect()
    {
        cluster = AeronCluster.connect(clusterContext.clone());
        claimed = false;
        offerClaim();
        final long timeoutNs = clusterContext.messageTimeoutNs();
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (!claimed)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                CloseHelper.quietClose(cluster);
                throw new IllegalStateException("source " + sourceId + ": no answer to its claim within " +
                    timeoutNs / 1_000_000 + " ms");
            }
            if (cluster.pollEgress() == 0)
            {
                Thread.onSpinWait();
            }
            retryClaim();
        }
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
            claimed = false;
            offerClaim();
        }
        int work = cluster.pollEgress();
        if (!claimed)
        {
            retryClaim();
            return work;
        }
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

    /** True once the current session's claim of the source has been answered. */
    public boolean isClaimed()
    {
        return claimed;
    }

    /** Claims answered (one per session: the first connection and each reconnection). */
    public long claims()
    {
        return claims;
    }

    /**
     * Highest OMS report sequence the cluster held as delivered when it answered this sender's
     * last claim: where a restarted OMS gateway resumes (see {@link ClusterOmsBridge}).
     */
    public long claimedReportsDelivered()
    {
        return claimedReportsDelivered;
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
        if (length < ClusterCoreInputs.HEADER_LENGTH || ClusterCoreInputs.sourceId(message, offset) != sourceId)
        {
            return;
        }
        final int type = ClusterCoreInputs.type(message, offset);
        if (type == ClusterCoreInputs.ACK && claimed)
        {
            acknowledge(ClusterCoreInputs.sequence(message, offset));
        }
        else if (type == ClusterCoreInputs.CLAIMED && !claimed)
        {
            onClaimed(ClusterCoreInputs.sequence(message, offset),
                ClusterCoreInputs.claimedReportsDelivered(message, offset, length));
        }
    }

    private void acknowledge(final long sequence)
    {
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

    private void onClaimed(final long lastApplied, final long reportsDelivered)
    {
        if (claimedOnce)
        {
            // The same sender on a new session: what the cluster applied is acknowledged, the rest goes again.
            acknowledge(lastApplied);
        }
        else
        {
            // A sender starting afresh: nothing it holds was sent under its numbers yet. Numbered on
            // after the last applied input of this source, none of them is mistaken for a resend.
            ackedSequence = lastApplied;
            long sequence = lastApplied;
            for (final byte[] queued : unacked)
            {
                sendView.wrap(queued);
                sendView.putLong(ClusterCoreInputs.SEQUENCE_OFFSET, ++sequence, ClusterCoreInputs.ORDER);
            }
            nextSequence = sequence + 1;
        }
        claimedReportsDelivered = reportsDelivered;
        nextToSend = 0;
        claimed = true;
        claimedOnce = true;
        claims++;
    }

    private void offerClaim()
    {
        claimOfferedAtNs = System.nanoTime();
        final int length = ClusterCoreInputs.encodeSourceClaim(claimBuffer, sourceId);
        cluster.offer(claimBuffer, 0, length);
    }

    /** A claim lost with a leader change (or refused by back-pressure) is made again after a while. */
    private void retryClaim()
    {
        if (!claimed && System.nanoTime() - claimOfferedAtNs >= CLAIM_RETRY_NS)
        {
            offerClaim();
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
        if (!claimed)
        {
            offerClaim();
        }
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(cluster);
    }
}
