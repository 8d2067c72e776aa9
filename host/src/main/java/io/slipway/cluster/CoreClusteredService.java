package io.slipway.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.slipway.core.ExecutionCore;
import io.slipway.journal.ReconcileResult;
import io.slipway.journal.VenueReconciler;
import io.slipway.venue.VenueOrderStatus;
import io.slipway.venue.VenueStatusQuery;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2LongHashMap.KeyIterator;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The execution core as an Aeron Cluster service.
 *
 * <p>Every node runs one: inputs arrive as log entries sequenced by the consensus module, and
 * the core's time for each is the entry's cluster timestamp (nanoseconds since the epoch, from
 * the leader's {@code NanosecondClusterClock}), so all nodes make the same decisions. The core's
 * next deadline is one cluster timer, re-armed after every input. Outputs pass an
 * {@link EgressGate} that opens only on the leader, and only once that leader's own
 * {@link ClusterCoreInputs#LEADER_FINGERPRINT} entry has come back through the log in its
 * leadership term: by then the new leader has applied everything committed before it, and its
 * build and configuration have been checked against the cluster's.
 *
 * <p>Fingerprint rule: the first fingerprint in the log establishes the cluster's. A node whose
 * own fingerprint differs stops (its fatal handler is told why, the node closes) as soon as it
 * applies that entry, whether it is following or was just elected, so it never opens its gate.
 *
 * <p>State is rebuilt by replaying the log from the start; the service takes no snapshot of
 * the core (the core has no serialised form yet). A snapshot, if one were ever taken by an
 * operator, is refused at start with an error rather than silently losing the state before it.
 */
public final class CoreClusteredService implements ClusteredService
{
    private static final long TIMER_ID = 1;
    private static final long FINGERPRINT_RETRY_NS = TimeUnit.MILLISECONDS.toNanos(100);
    /** A status query not answered within this much cluster time is asked again. */
    private static final long STATUS_RETRY_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final int CHILD_STAMPS_BEFORE_PRUNE = 4_096;

    private final ClusterNodeContext context;
    private final long fingerprint;
    private final EgressGate gate;
    private final ExecutionCore core;
    private final Long2LongHashMap lastSequenceBySource = new Long2LongHashMap(0);
    /** Source id to the cluster session that last claimed it; replicated state (session ids are in the log). */
    private final Long2LongHashMap claimedBy = new Long2LongHashMap(Long.MIN_VALUE);
    private final ExpandableArrayBuffer sendBuffer = new ExpandableArrayBuffer(128);
    private final ClusterCoreInputs inputs = new ClusterCoreInputs();
    private final Consumer<String> fatalHandler;
    private final ChildStatusLink statusLink;
    private final ClusterNodeContext.HaltHook haltHook;
    private final VenueReconciler reconciler = new VenueReconciler();
    /** Leader-local, drives queries only: open child id to its venue, until the venue's answer is applied. */
    private final Long2LongHashMap unresolvedChildren = new Long2LongHashMap(-1);
    private long statusQueriedAtNs;
    private boolean statusQueried;
    private volatile boolean halted;
    private volatile long statusQueriesSent;
    private volatile long statusAnswersApplied;
    private volatile long childrenNotAtVenue;
    private volatile long venueEventsAdopted;
    private volatile long notFoundWithinWindow;
    private volatile List<String> withheldReports = List.of();
    private final long receiveWindowNs;
    private Cluster cluster;
    private volatile Cluster.Role role = Cluster.Role.FOLLOWER;
    private long leadershipTermId = -1;
    private long establishedFingerprint;
    private boolean hasEstablishedFingerprint;
    private int termLeaderMemberId = -1;
    private long confirmedTermId = -1;
    private long fingerprintOfferedAtNs = Long.MIN_VALUE;
    private long scheduledDeadlineNs = Long.MAX_VALUE;
    private volatile long inputsApplied;
    private volatile long sourceClaims;
    private volatile long inputsRejected;
    private volatile String lastRejection;
    private volatile String fatal;

    public CoreClusteredService(final ClusterNodeContext context)
    {
        this.context = context.conclude();
        this.fingerprint = BuildFingerprint.of(context.buildId(), context.sharedConfiguration());
        this.gate = new EgressGate(context.childOrders(), context.reports(), context.parentListener(),
            context.childReceiveWindowNs(), context.reportRetention());
        this.receiveWindowNs = context.childReceiveWindowNs();
        // Requests for quote leave through the gate like children (leader only); dealers' answers come back
        // through the log as DEALER_QUOTE and DEALER_DECLINE core inputs.
        this.core = new ExecutionCore(context.coreContext(), context.venues(), gate, gate, gate, gate);
        gate.restoreCardWith(core::restoreCardExposure);
        this.fatalHandler = context.fatalHandler();
        this.statusLink = context.statusLink();
        this.haltHook = context.haltHook();
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        if (snapshotImage != null)
        {
            throw new IllegalStateException("member " + cluster.memberId() + ": the execution core recovers by " +
                "replaying the cluster log from the start and has no snapshot format; remove the snapshot " +
                "from the recording log (ClusterTool) or start from an empty cluster directory");
        }
        this.cluster = cluster;
        this.role = cluster.role();
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    @Override
    public void onSessionMessage(final ClientSession session, final long timestamp, final DirectBuffer buffer,
        final int offset, final int length, final Header header)
    {
        if (fatal != null || halted)
        {
            return;
        }
        if (length < ClusterCoreInputs.HEADER_LENGTH)
        {
            reject("message of " + length + " bytes is shorter than the input header");
            return;
        }
        final int type = ClusterCoreInputs.type(buffer, offset);
        if (type == ClusterCoreInputs.LEADER_FINGERPRINT)
        {
            if (session == null && length >= ClusterCoreInputs.HEADER_LENGTH + 20)
            {
                onLeaderFingerprint(ClusterCoreInputs.fingerprintMemberId(buffer, offset),
                    ClusterCoreInputs.fingerprintTerm(buffer, offset), ClusterCoreInputs.fingerprint(buffer, offset));
                if (fatal == null)
                {
                    afterInput(timestamp); // outputs kept until now may include back-pressure refusals
                }
            }
            else
            {
                reject("a leader fingerprint may only come from the service itself");
            }
            return;
        }
        if (type == ClusterCoreInputs.SOURCE_CLAIM)
        {
            onSourceClaim(session, ClusterCoreInputs.sourceId(buffer, offset));
            return;
        }
        if (type != ClusterCoreInputs.CORE_INPUT && type != ClusterCoreInputs.CHILD_STATUS &&
            type != ClusterCoreInputs.REPORTS_DELIVERED)
        {
            reject("unknown input type " + type);
            return;
        }

        gate.entryTime(timestamp);
        if (session == null)
        {
            if (type != ClusterCoreInputs.CORE_INPUT)
            {
                reject(type == ClusterCoreInputs.CHILD_STATUS ? "a child status answer must come from a venue's sender" :
                    "reports delivered must come from the OMS gateway's sender");
                return;
            }
            applyInput(buffer, offset, length, timestamp);
        }
        else
        {
            final int sourceId = ClusterCoreInputs.sourceId(buffer, offset);
            final long sequence = ClusterCoreInputs.sequence(buffer, offset);
            if (sourceId == ClusterCoreInputs.SERVICE_SOURCE_ID)
            {
                reject("source id " + sourceId + " is reserved for the service");
                return;
            }
            final long owner = claimedBy.get(sourceId);
            if (owner != Long.MIN_VALUE && owner != session.id())
            {
                // From a sender that has since been replaced (its process died with this in flight):
                // its successor numbers on from what was applied and sends what it still needs.
                reject("input " + sequence + " of source " + sourceId + " came on cluster session " + session.id() +
                    " but session " + owner + " has claimed the source");
                return;
            }
            final long lastApplied = lastSequenceBySource.get(sourceId);
            if (sequence <= lastApplied)
            {
                // A resend after a leader change of something already applied: acknowledge, do not apply.
                ack(session, sourceId, lastApplied);
                return;
            }
            lastSequenceBySource.put(sourceId, sequence);
            if (type == ClusterCoreInputs.CHILD_STATUS)
            {
                applyChildStatus(buffer, offset, length, timestamp);
            }
            else if (type == ClusterCoreInputs.REPORTS_DELIVERED)
            {
                applyReportsDelivered(buffer, offset, length);
            }
            else
            {
                final boolean probe = probeStart();
                final long reportsBefore = gate.reportsMade();
                applyInput(buffer, offset, length, timestamp);
                if (probeHalts(probe, reportsBefore, timestamp))
                {
                    return; // died before anything of this entry, its acknowledgement included, left
                }
            }
            ack(session, sourceId, sequence);
        }
        afterInput(timestamp);
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        if (fatal != null || halted)
        {
            return;
        }
        gate.entryTime(timestamp);
        final boolean probe = probeStart();
        final long reportsBefore = gate.reportsMade();
        scheduledDeadlineNs = Long.MAX_VALUE;
        core.onTimer(timestamp);
        if (probeHalts(probe, reportsBefore, timestamp))
        {
            return;
        }
        afterInput(timestamp);
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        // Nothing written: see the class comment. onStart refuses to load a snapshot.
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        // Aeron allows no log appends from here (it is not driven by the log); the announcement
        // is made from onNewLeadershipTermEvent and, as a fallback, after the next input.
        role = newRole;
        updateGate();
    }

    @Override
    public void onNewLeadershipTermEvent(final long leadershipTermId, final long logPosition, final long timestamp,
        final long termBaseLogPosition, final int leaderMemberId, final int logSessionId, final TimeUnit timeUnit,
        final int appVersion)
    {
        this.leadershipTermId = leadershipTermId;
        this.termLeaderMemberId = leaderMemberId;
        if (timeUnit != TimeUnit.NANOSECONDS && fatal == null)
        {
            fatal("the execution core needs cluster time in nanoseconds, the log is in " + timeUnit +
                " (configure a NanosecondClusterClock on the consensus module)");
            return;
        }
        // Outputs kept in an earlier term (also those of a term replayed at restart) are never sent.
        gate.state(false, false);
        updateGate();
        if (leaderMemberId == cluster.memberId())
        {
            offerFingerprint(timestamp);
        }
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        gate.state(false, false);
    }

    // ------------------------------------------------------------------------------------------

    /** A drill: keep this entry's outputs back to see whether it places a child or makes a report. */
    private boolean probeStart()
    {
        final boolean probe = haltHook != null && gate.isOpen();
        if (probe)
        {
            gate.state(false, true);
        }
        return probe;
    }

    private boolean probeHalts(final boolean probe, final long reportsBefore, final long timestamp)
    {
        if (!probe)
        {
            return false;
        }
        final int children = gate.pendingChildren();
        final int reports = (int)(gate.reportsMade() - reportsBefore);
        if ((children > 0 || reports > 0) && haltHook.haltAt(cluster.memberId(), timestamp, children, reports))
        {
            // Nothing of this entry leaves and nothing more is applied: to the other members, the
            // venues and the OMS this member died between the commit and the apply of the entry.
            halted = true;
            withheldReports = List.copyOf(gate.unsentReportExecIds());
            gate.state(false, false);
            return true;
        }
        updateGate();
        return false;
    }

    private void onLeaderFingerprint(final int memberId, final long termId, final long leaderFingerprint)
    {
        if (!hasEstablishedFingerprint)
        {
            hasEstablishedFingerprint = true;
            establishedFingerprint = leaderFingerprint;
        }
        if (fingerprint != establishedFingerprint)
        {
            fatal("member " + cluster.memberId() + " runs build/configuration fingerprint " +
                BuildFingerprint.hex(fingerprint) + " but the cluster's is " + BuildFingerprint.hex(establishedFingerprint) +
                " (build " + context.buildId() + "); it must not follow or lead: run the same build and " +
                "configuration as the other members");
            return;
        }
        if (leaderFingerprint != establishedFingerprint)
        {
            // That leader stops itself when it applies this entry; nothing here changes state.
            reject("member " + memberId + " announced fingerprint " + BuildFingerprint.hex(leaderFingerprint) +
                ", not the cluster's " + BuildFingerprint.hex(establishedFingerprint));
            return;
        }
        if (memberId == cluster.memberId() && termId == leadershipTermId)
        {
            confirmedTermId = termId;
            // This leader cannot know which reports its predecessor sent: every one the gateway has
            // not acknowledged goes again, first, when the gate opens; the gateway drops those it has.
            gate.resendUnacknowledged(0);
            updateGate();
            if (gate.isOpen())
            {
                startReconciliation();
            }
        }
    }

    /**
     * Open only on the leader of the current term whose own fingerprint entry for this term has
     * been applied: everything committed before it has been applied too.
     */
    private void updateGate()
    {
        final boolean termLeader = fatal == null && termLeaderMemberId == cluster.memberId();
        gate.state(termLeader && role == Cluster.Role.LEADER && confirmedTermId == leadershipTermId, termLeader);
    }

    private void offerFingerprint(final long clusterTimeNs)
    {
        fingerprintOfferedAtNs = clusterTimeNs;
        final int length = ClusterCoreInputs.encodeLeaderFingerprint(sendBuffer, cluster.memberId(),
            leadershipTermId, fingerprint);
        cluster.offer(sendBuffer, 0, length);
    }

    private void applyInput(final DirectBuffer buffer, final int offset, final int length, final long timestamp)
    {
        try
        {
            inputs.apply(buffer, offset, length, core, timestamp);
            inputsApplied++;
        }
        catch (final IllegalArgumentException ex)
        {
            reject(ex.getMessage());
        }
    }

    /**
     * The new leader cannot know what its predecessor sent: it may have died between the commit
     * and the apply of the entry that placed a child, so that child never left. Every open child
     * is asked about at its venue by its deterministic id; the answers come back through the log.
     */
    private void startReconciliation()
    {
        unresolvedChildren.clear();
        core.forEachOpenChild((id, venueId, atCard, quantity, filled) -> unresolvedChildren.put(id, venueId));
        statusQueried = false;
    }

    private void queryUnresolved(final long clusterTimeNs)
    {
        if (statusLink == null || unresolvedChildren.isEmpty() || !gate.isOpen() ||
            (statusQueried && clusterTimeNs - statusQueriedAtNs < STATUS_RETRY_NS))
        {
            return;
        }
        if (statusQueried)
        {
            // A retry: children closed meanwhile by ordinary venue reports need no answer.
            final Long2LongHashMap stillOpen = new Long2LongHashMap(-1);
            core.forEachOpenChild((id, venueId, atCard, quantity, filled) ->
            {
                if (unresolvedChildren.containsKey(id))
                {
                    stillOpen.put(id, venueId);
                }
            });
            unresolvedChildren.clear();
            unresolvedChildren.putAll(stillOpen);
        }
        statusQueried = true;
        statusQueriedAtNs = clusterTimeNs;
        final KeyIterator ids = unresolvedChildren.keySet().iterator();
        while (ids.hasNext())
        {
            final long id = ids.nextValue();
            if (statusLink.queryStatus((int)unresolvedChildren.get(id), id))
            {
                statusQueriesSent++;
            }
        }
    }

    /**
     * Reconciles one child against its venue's answer, on every member at the same point of the
     * log, with the daemon's {@link VenueReconciler}: found, its missed acceptance, fills and end
     * are adopted; not found, it is closed unfilled and the core places that quantity again under
     * a new id when its schedule next allows (nothing can still be on its way from the dead
     * leader: the question was asked after an election, well over one order latency later).
     */
    private void applyChildStatus(final DirectBuffer buffer, final int offset, final int length, final long timestamp)
    {
        final VenueOrderStatus status;
        try
        {
            status = ChildStatusCodec.decode(buffer, offset, length);
        }
        catch (final IllegalArgumentException ex)
        {
            reject(ex.getMessage());
            return;
        }
        final int venueId = ChildStatusCodec.venueId(buffer, offset);
        final long childId = ChildStatusCodec.childId(buffer, offset);
        if (venueId < 0 || venueId > 255)
        {
            reject("child status: venue id " + venueId + " out of range");
            return;
        }
        final VenueStatusQuery[] queries = new VenueStatusQuery[venueId + 1];
        queries[venueId] = new VenueStatusQuery()
        {
            public VenueOrderStatus status(final long clientOrderId)
            {
                return clientOrderId == childId ? status : VenueOrderStatus.unavailable();
            }

            public long[] hostOrderIds()
            {
                return new long[]{childId};
            }
        };
        if (status.state() == VenueOrderStatus.State.NOT_FOUND)
        {
            final long sentAtNs = gate.childSentAtNs(childId);
            final long answeredAtNs = ChildStatusCodec.answeredAtNs(buffer, offset);
            if (sentAtNs != Long.MIN_VALUE && answeredAtNs - sentAtNs <= receiveWindowNs)
            {
                // The child may still be on its way and the venue would still take it: not final.
                // The leader asks again; by then the window has passed or the child has arrived.
                notFoundWithinWindow++;
                statusAnswersApplied++;
                inputsApplied++;
                return;
            }
        }
        final ReconcileResult result = reconciler.reconcile(core, core, queries, v -> v == venueId, timestamp);
        statusAnswersApplied++;
        venueEventsAdopted += result.injected();
        if (status.state() == VenueOrderStatus.State.NOT_FOUND && result.injected() > 0)
        {
            childrenNotAtVenue++;
        }
        unresolvedChildren.remove(childId);
        inputsApplied++;
    }

    /** Child stamps are needed only while a child is open; forgotten in bulk, at the same point everywhere. */
    private void pruneChildStamps()
    {
        if (gate.childStampCount() >= CHILD_STAMPS_BEFORE_PRUNE)
        {
            final LongHashSet open = new LongHashSet();
            core.forEachOpenChild((id, venueId, atCard, quantity, filled) -> open.add(id));
            gate.retainChildStamps(open::contains);
        }
    }

    /**
     * The OMS gateway's acknowledgement, on every member at the same point: reports up to it are
     * forgotten. With a resend request (the gateway holds a gap) the open leader sends again
     * everything after it.
     */
    /**
     * A sender on a new session takes over its source: from here on only this session's inputs of
     * the source are applied. The leader tells it where the source's numbering stands and how far
     * the OMS reports are acknowledged, so a restarted sender neither reuses a number nor starts
     * its reports from scratch. Changes no core state.
     */
    private void onSourceClaim(final ClientSession session, final int sourceId)
    {
        if (session == null || sourceId == ClusterCoreInputs.SERVICE_SOURCE_ID || sourceId < 0)
        {
            reject("a source claim must come from a sender's session and name a positive source id, was " + sourceId);
            return;
        }
        claimedBy.put(sourceId, session.id());
        sourceClaims++;
        final int length = ClusterCoreInputs.encodeClaimed(sendBuffer, sourceId, lastSequenceBySource.get(sourceId),
            gate.acknowledgedReportSequence());
        session.offer(sendBuffer, 0, length);
    }

    private void applyReportsDelivered(final DirectBuffer buffer, final int offset, final int length)
    {
        final long delivered;
        try
        {
            delivered = ClusterCoreInputs.deliveredReportSequence(buffer, offset, length);
        }
        catch (final IllegalArgumentException ex)
        {
            reject(ex.getMessage());
            return;
        }
        if (delivered > gate.reportsMade())
        {
            reject("reports delivered up to " + delivered + " but the core has made " + gate.reportsMade());
            return;
        }
        if (ClusterCoreInputs.resendRequested(buffer, offset))
        {
            gate.resendUnacknowledged(delivered);
        }
        else
        {
            gate.acknowledgeReports(delivered);
        }
    }

    private void afterInput(final long clusterTimeNs)
    {
        pruneChildStamps();
        queryUnresolved(clusterTimeNs);
        if (termLeaderMemberId == cluster.memberId() && confirmedTermId != leadershipTermId &&
            clusterTimeNs - fingerprintOfferedAtNs >= FINGERPRINT_RETRY_NS)
        {
            // The announcement from the term's start did not come back (lost in the election): repeat it.
            offerFingerprint(clusterTimeNs);
        }
        final LongArrayList refused = gate.refusedByCard();
        for (int i = 0, n = refused.size(); i < n; i++)
        {
            // Only the leader's gate sends, so only the leader has refusals; its entry reaches every node.
            final int length = inputs.encodeCardVerdict(sendBuffer, ClusterCoreInputs.SERVICE_SOURCE_ID, 0,
                refused.getLong(i), false, ClusterCoreInputs.REASON_BACK_PRESSURE);
            while (cluster.offer(sendBuffer, 0, length) < 0)
            {
                cluster.idleStrategy().idle();
            }
        }
        refused.clear();

        final long deadlineNs = core.nextDeadlineNs();
        if (deadlineNs != scheduledDeadlineNs)
        {
            if (deadlineNs == Long.MAX_VALUE)
            {
                cluster.cancelTimer(TIMER_ID);
            }
            else
            {
                while (!cluster.scheduleTimer(TIMER_ID, deadlineNs))
                {
                    cluster.idleStrategy().idle();
                }
            }
            scheduledDeadlineNs = deadlineNs;
        }
    }

    private void ack(final ClientSession session, final int sourceId, final long sequence)
    {
        // Cumulative: a lost ack is covered by the next one; a sender resends only what no ack covers.
        final int length = ClusterCoreInputs.encodeAck(sendBuffer, sourceId, sequence);
        session.offer(sendBuffer, 0, length);
    }

    private void reject(final String reason)
    {
        inputsRejected++;
        lastRejection = reason;
    }

    private void fatal(final String reason)
    {
        fatal = reason;
        gate.state(false, false);
        if (fatalHandler != null)
        {
            fatalHandler.accept(reason);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Read by other threads (tests, the node's status); plain snapshots.
    // ------------------------------------------------------------------------------------------

    public EgressGate gate()
    {
        return gate;
    }

    public Cluster.Role role()
    {
        return role;
    }

    public long fingerprint()
    {
        return fingerprint;
    }

    public long inputsApplied()
    {
        return inputsApplied;
    }

    /** Sources claimed by a sender's new session (a sender's start or reconnection). */
    public long sourceClaims()
    {
        return sourceClaims;
    }

    public long inputsRejected()
    {
        return inputsRejected;
    }

    public String lastRejection()
    {
        return lastRejection;
    }

    /** A drill's halt hook stopped this member (it applies nothing more). */
    public boolean halted()
    {
        return halted;
    }

    /** Status queries this member sent as leader about children open when it took over. */
    public long statusQueriesSent()
    {
        return statusQueriesSent;
    }

    /** Venue answers about children applied to the core (on every member). */
    public long statusAnswersApplied()
    {
        return statusAnswersApplied;
    }

    /** Children a venue said it never received, closed unfilled so the core places them again. */
    public long childrenNotAtVenue()
    {
        return childrenNotAtVenue;
    }

    /**
     * "Not found" answers given within the child's receive window, so not final: the child could
     * still arrive and be taken; the leader asked again.
     */
    public long notFoundWithinWindow()
    {
        return notFoundWithinWindow;
    }

    /** ExecIDs of the reports a drill's halt kept from leaving this member (empty unless halted). */
    public List<String> withheldReports()
    {
        return withheldReports;
    }

    /** Venue events (acceptance, fills, end) the answers added to the core. */
    public long venueEventsAdopted()
    {
        return venueEventsAdopted;
    }

    /** Why this node stopped, or null. */
    public String fatal()
    {
        return fatal;
    }
}
