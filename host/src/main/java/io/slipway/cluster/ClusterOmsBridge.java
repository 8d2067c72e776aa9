package io.slipway.cluster;

import io.slipway.oms.OmsCommand;
import io.slipway.oms.OmsLink;
import io.slipway.oms.ParentOrderReport;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Puts the FIX gateway in front of the cluster: the gateway's {@link OmsLink} is drained into
 * the cluster as numbered inputs (every command kind, each in its journal template) through this
 * gateway's own {@link ClusterInputClient}, and the leader's reports (from the egress stream,
 * {@link ClusterEgressPublisher}) go back onto the link. The OMS's FIX session ends at the
 * gateway, not at a member, so a leader change does not drop it: the client follows the new
 * leader and resends what was not acknowledged.
 *
 * <p>Every report exactly once: each report carries its report sequence (its place among all the
 * reports the core made, the same on every member). The bridge hands them to the link in that
 * order: a sequence it has taken is dropped (a new leader sends again every report not
 * acknowledged, since it cannot know which its predecessor sent), a later one waits until the
 * missing ones come. It acknowledges into the log ({@link ClusterCoreInputs#REPORTS_DELIVERED})
 * only what the FIX gateway holds durably ({@link OmsLink#reportsDelivered()}: recorded ARCHIVED
 * in its report delivery log, so Artio can resend it to the OMS after a crash), so the members
 * forget a report only once a restart of the gateway cannot lose it. A gap held longer than
 * {@link #GAP_RESEND_NS} makes it ask the leader to send again what follows its last delivered
 * report. The log therefore holds, durably and on every member, how far the OMS side has got.
 *
 * <p>A restarted gateway resumes from there: its client's claim of the source
 * ({@link ClusterInputClient#claimedReportsDelivered()}) says up to which report sequence the log
 * holds reports as delivered, and the bridge's first duty cycle asks the leader to send every
 * report after it again. Those the previous run handed over are recognised by the gateway's
 * delivery log by ExecID: skipped when ARCHIVED, sent with PossResend=Y when only handed to Artio,
 * as after a crash of the single-process appliance.
 *
 * <p>Single-threaded, on the thread that polls the client and the egress subscription.
 */
public final class ClusterOmsBridge
{
    /** How long a gap in the report sequence may wait before the leader is asked to send again. */
    public static final long GAP_RESEND_NS = TimeUnit.MILLISECONDS.toNanos(200);

    private final OmsLink link;
    private final ClusterInputClient client;
    private final ClusterCoreInputs inputs = new ClusterCoreInputs();
    private final ArrayDeque<ParentOrderReport> reportsWaiting = new ArrayDeque<>();
    private final Long2ObjectHashMap<ParentOrderReport> outOfOrder = new Long2ObjectHashMap<>();
    /** Report sequence this run resumed after: the cluster held everything up to it as delivered. */
    private final long resumedAfter;
    /** The link's count of delivered reports when this bridge took it over. */
    private final long linkDeliveredBase;
    /** Highest report sequence taken in order (queued for, or already on, the link). */
    private long takenSequence;
    /** Highest report sequence handed to the link. */
    private long handedSequence;
    /** Highest report sequence the gateway holds durably; every one before it too. */
    private long deliveredSequence;
    private long acknowledgedSequence;
    private boolean resumeRequested;
    private long gapSinceNs;
    private long lastResendRequestNs;
    private long commandsForwarded;
    private long reportsForwarded;
    private long duplicatesDropped;
    private long resendRequests;

    /**
     * @param client connected (its source claimed): where its claim found the reports acknowledged
     *               is where this bridge resumes
     */
    public ClusterOmsBridge(final OmsLink link, final ClusterInputClient client)
    {
        this(link, client, claimedReportsDelivered(client));
    }

    /** Resumes after {@code resumedAfter}, the highest report sequence the cluster holds as delivered. */
    ClusterOmsBridge(final OmsLink link, final ClusterInputClient client, final long resumedAfter)
    {
        if (resumedAfter < 0)
        {
            throw new IllegalArgumentException("report sequence to resume after must not be negative, was " +
                resumedAfter);
        }
        this.link = link;
        this.client = client;
        this.resumedAfter = resumedAfter;
        this.linkDeliveredBase = link.reportsDelivered();
        takenSequence = resumedAfter;
        handedSequence = resumedAfter;
        deliveredSequence = resumedAfter;
        acknowledgedSequence = resumedAfter;
    }

    private static long claimedReportsDelivered(final ClusterInputClient client)
    {
        if (!client.isClaimed())
        {
            throw new IllegalStateException("source " + client.sourceId() + ": connect the client (claim its " +
                "source) before the bridge, which resumes from the claim's answer");
        }
        return client.claimedReportsDelivered();
    }

    /** Moves OMS commands into the cluster and waiting reports to the gateway. Returns work done. */
    public int doWork()
    {
        int work = link.drainCommands(this::forward, 16);
        final long nowNs = System.nanoTime();
        if (!resumeRequested)
        {
            // Whatever the cluster sent while no gateway listened (or before this one started) is
            // after the acknowledged sequence: have it all again; the delivery log knows what is at the OMS.
            resumeRequested = true;
            acknowledge(true, nowNs);
            work++;
        }
        ParentOrderReport report;
        while ((report = reportsWaiting.peek()) != null && link.offerReport(report))
        {
            reportsWaiting.poll();
            reportsForwarded++;
            handedSequence++;
            work++;
        }
        deliveredSequence = Math.min(handedSequence, resumedAfter + link.reportsDelivered() - linkDeliveredBase);
        if (deliveredSequence > acknowledgedSequence)
        {
            // Cumulative, at most one per duty cycle: under load one entry covers many reports.
            acknowledge(false, nowNs);
            work++;
        }
        if (!outOfOrder.isEmpty() && nowNs - gapSinceNs >= GAP_RESEND_NS && nowNs - lastResendRequestNs >= GAP_RESEND_NS &&
            reportsWaiting.isEmpty())
        {
            acknowledge(true, nowNs);
            resendRequests++;
            work++;
        }
        return work;
    }

    /** A report message from the egress stream ({@link ClusterEgressPublisher#OMS_REPORT}). */
    public void onEgressReport(final DirectBuffer buffer, final int offset, final int length)
    {
        onReport(ClusterEgressPublisher.reportSequence(buffer, offset),
            ClusterEgressPublisher.report(buffer, offset, length));
    }

    /** A report a leader sent; never dropped unless delivered before, it waits while the gateway's link is full. */
    public void onReport(final long reportSequence, final ParentOrderReport report)
    {
        if (reportSequence <= takenSequence || outOfOrder.containsKey(reportSequence))
        {
            duplicatesDropped++;
            return;
        }
        if (reportSequence != takenSequence + 1)
        {
            if (outOfOrder.isEmpty())
            {
                gapSinceNs = System.nanoTime();
            }
            outOfOrder.put(reportSequence, report);
            return;
        }
        take(report);
        ParentOrderReport next;
        while ((next = outOfOrder.remove(takenSequence + 1)) != null)
        {
            take(next);
        }
        if (!outOfOrder.isEmpty())
        {
            gapSinceNs = System.nanoTime();
        }
    }

    private void take(final ParentOrderReport report)
    {
        reportsWaiting.add(report);
        takenSequence++;
    }

    private void acknowledge(final boolean resend, final long nowNs)
    {
        client.enqueue(ClusterCoreInputs.encodeReportsDelivered(client.buffer(), client.sourceId(),
            client.nextSequence(), deliveredSequence, resend));
        acknowledgedSequence = deliveredSequence;
        if (resend)
        {
            lastResendRequestNs = nowNs;
        }
    }

    /** OMS commands of every kind (new orders, cancels, replaces, status requests) put into the cluster. */
    public long commandsForwarded()
    {
        return commandsForwarded;
    }

    public long reportsForwarded()
    {
        return reportsForwarded;
    }

    /** Highest report sequence handed to the FIX gateway; every one before it was handed over too. */
    public long handedSequence()
    {
        return handedSequence;
    }

    /**
     * Highest report sequence the FIX gateway holds durably (what the bridge acknowledges into the
     * log); every one before it too.
     */
    public long deliveredSequence()
    {
        return deliveredSequence;
    }

    /** The report sequence this bridge resumed after (0 on a cluster whose reports were never acknowledged). */
    public long resumedAfter()
    {
        return resumedAfter;
    }

    /** Reports received again (a new leader's resend) and dropped because they were already taken. */
    public long duplicatesDropped()
    {
        return duplicatesDropped;
    }

    /** Times a gap in the report sequence made the bridge ask the leader to send again. */
    public long resendRequests()
    {
        return resendRequests;
    }

    private void forward(final OmsCommand command)
    {
        client.enqueue(inputs.encodeOmsCommand(client.buffer(), client.sourceId(), client.nextSequence(), command));
        commandsForwarded++;
    }
}
