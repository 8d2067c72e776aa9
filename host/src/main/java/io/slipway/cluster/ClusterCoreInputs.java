package io.slipway.cluster;

import io.slipway.analytics.ImpactFit;
import io.slipway.core.CoreInput;
import io.slipway.core.CoreRiskLimit;
import io.slipway.journal.ImpactFitInput;
import io.slipway.journal.KillInput;
import io.slipway.journal.OperatorScopeInput;
import io.slipway.journal.ResumeInput;
import io.slipway.journal.RiskLimitInput;
import io.slipway.journal.VenueRoutingInput;
import io.slipway.journal.BboInput;
import io.slipway.journal.CancelParentOrderInput;
import io.slipway.journal.ParentStatusRequestInput;
import io.slipway.journal.ReplaceParentOrderInput;
import io.slipway.journal.CardVerdictInput;
import io.slipway.journal.InputDecoder;
import io.slipway.journal.InputTemplates;
import io.slipway.journal.NewParentOrderInput;
import io.slipway.journal.TradeInput;
import io.slipway.journal.VenueAcceptedInput;
import io.slipway.journal.VenueDoneInput;
import io.slipway.journal.VenueFillInput;
import io.slipway.journal.VenueRejectedInput;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.ParentStatusRequest;
import io.slipway.oms.ReplaceParentOrder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The one seam between cluster messages and the execution core's inputs.
 *
 * <p>Every input the core acts on travels through the cluster log, so every member applies the
 * same inputs in the same order. A cluster message is a 16-byte envelope followed, for a core
 * input, by one message of the journal's versioned input codec ({@code io.slipway.journal}):
 * the cluster and the journal record inputs in one format, and one decoder drives the core in
 * both. The core's time for an input is the cluster timestamp of its log entry, never the time
 * the sender wrote into the journal message: {@link #apply} puts the cluster time in before
 * decoding.
 *
 * <p>Envelope: {@code int type, int sourceId, long sequence}. {@code sourceId} names the sender
 * (a market gateway, an OMS gateway) and {@code sequence} counts that sender's messages from 1,
 * so a sender can resend what the cluster has not acknowledged after a leader change and the
 * service drops what it has already applied.
 *
 * <p>Holds flyweights, so one instance per thread; the envelope helpers are static.
 */
public final class ClusterCoreInputs
{
    public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    public static final int TYPE_OFFSET = 0;
    public static final int SOURCE_OFFSET = 4;
    public static final int SEQUENCE_OFFSET = 8;
    public static final int HEADER_LENGTH = 16;

    /** A core input: the body is one journal input message. */
    public static final int CORE_INPUT = 1;

    /** Appended by a member that has just become leader; see {@link CoreClusteredService}. */
    public static final int LEADER_FINGERPRINT = 100;

    /** A venue's answer to a leader's status query about one child ({@link ChildStatusCodec}). */
    public static final int CHILD_STATUS = 2;

    /**
     * From the OMS gateway: every OMS report up to a report sequence has been delivered (i64 @16),
     * and whether the gateway asks the leader to send again what follows it (i32 @24, 0 or 1).
     * See "Every report exactly once across a leader change" in docs/cluster.md.
     */
    public static final int REPORTS_DELIVERED = 3;
    static final int DELIVERED_SEQUENCE_OFFSET = HEADER_LENGTH;
    static final int DELIVERED_RESEND_OFFSET = HEADER_LENGTH + 8;
    static final int REPORTS_DELIVERED_LENGTH = HEADER_LENGTH + 12;

    /**
     * A sender (re)starting on a new cluster session claims its source id (envelope only, sequence
     * 0). From this entry on every member takes that source's inputs from the claiming session
     * only, so a sender process that died with messages in flight cannot have them applied after
     * its successor took over; the leader answers {@link #CLAIMED}. See "A restart of the FIX
     * gateway" in docs/cluster.md.
     */
    public static final int SOURCE_CLAIM = 4;

    /** Egress from the leader to a sender: everything up to {@code sequence} is in the log and applied. */
    public static final int ACK = 200;

    /**
     * Egress from the leader to a sender that claimed its source: {@code sequence} is the last of
     * that source's inputs applied (the sender numbers on after it) and i64 @16 the highest OMS
     * report sequence the members hold as delivered (what a restarted OMS gateway resumes from).
     */
    public static final int CLAIMED = 201;
    static final int CLAIMED_REPORTS_OFFSET = HEADER_LENGTH;
    static final int CLAIMED_LENGTH = HEADER_LENGTH + 8;

    /** Card verdict reason the leader uses when the card refused a child under back-pressure. */
    public static final int REASON_BACK_PRESSURE = -1;

    /** Source id of messages the service itself appends (leader fingerprint, back-pressure verdicts). */
    public static final int SERVICE_SOURCE_ID = 0;

    /**
     * Where a journal input message keeps its time: byte 8 of its header, as the journal's
     * {@code InputFlyweight} documents. The cluster overwrites it with the log entry's time.
     */
    static final int JOURNAL_TIME_OFFSET = 8;

    private final NewParentOrderInput newParentOrder = new NewParentOrderInput();
    private final CancelParentOrderInput cancelParentOrder = new CancelParentOrderInput();
    private final ReplaceParentOrderInput replaceParentOrder = new ReplaceParentOrderInput();
    private final ParentStatusRequestInput parentStatusRequest = new ParentStatusRequestInput();
    private final BboInput bbo = new BboInput();
    private final TradeInput trade = new TradeInput();
    private final CardVerdictInput cardVerdict = new CardVerdictInput();
    private final VenueAcceptedInput venueAccepted = new VenueAcceptedInput();
    private final VenueRejectedInput venueRejected = new VenueRejectedInput();
    private final VenueFillInput venueFill = new VenueFillInput();
    private final VenueDoneInput venueDone = new VenueDoneInput();
    private final KillInput kill = new KillInput();
    private final ResumeInput resume = new ResumeInput();
    private final VenueRoutingInput venueRouting = new VenueRoutingInput();
    private final RiskLimitInput riskLimit = new RiskLimitInput();
    private final ImpactFitInput impactFit = new ImpactFitInput();
    private final io.slipway.journal.DealerQuoteInput dealerQuote = new io.slipway.journal.DealerQuoteInput();
    private final io.slipway.journal.DealerDeclineInput dealerDecline = new io.slipway.journal.DealerDeclineInput();
    private final InputDecoder decoder = new InputDecoder();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(256);

    // ------------------------------------------------------------------------------------------
    // Encoding (senders). Each writes at offset 0 and returns the encoded length. The journal
    // message's own time is left 0: the cluster decides the time.
    // ------------------------------------------------------------------------------------------

    public int encodeNewParentOrder(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final NewParentOrder order)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + newParentOrder.encode(buffer, HEADER_LENGTH, order, 0).encodedLength();
    }

    public int encodeCancelParentOrder(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final CancelParentOrder cancel)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + cancelParentOrder.encode(buffer, HEADER_LENGTH, cancel, 0).encodedLength();
    }

    public int encodeReplaceParentOrder(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final ReplaceParentOrder replace)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + replaceParentOrder.encode(buffer, HEADER_LENGTH, replace, 0).encodedLength();
    }

    public int encodeParentStatusRequest(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final ParentStatusRequest request)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + parentStatusRequest.encode(buffer, HEADER_LENGTH, request, 0).encodedLength();
    }

    /** Any OMS command, in the journal template of its kind. */
    public int encodeOmsCommand(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final OmsCommand command)
    {
        if (command instanceof NewParentOrder order)
        {
            return encodeNewParentOrder(buffer, sourceId, sequence, order);
        }
        if (command instanceof CancelParentOrder cancel)
        {
            return encodeCancelParentOrder(buffer, sourceId, sequence, cancel);
        }
        if (command instanceof ReplaceParentOrder replace)
        {
            return encodeReplaceParentOrder(buffer, sourceId, sequence, replace);
        }
        return encodeParentStatusRequest(buffer, sourceId, sequence, (ParentStatusRequest)command);
    }

    public int encodeBbo(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final int instrumentId, final long bidPrice, final long bidQty, final long askPrice,
        final long askQty)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + bbo.encode(buffer, HEADER_LENGTH, venueId, instrumentId, bidPrice, bidQty, askPrice,
            askQty, 0).encodedLength();
    }

    public int encodeTrade(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final int instrumentId, final long price, final long quantity)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + trade.encode(buffer, HEADER_LENGTH, venueId, instrumentId, price, quantity, 0)
            .encodedLength();
    }

    public int encodeCardVerdict(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final long clientOrderId, final boolean sent, final int reason)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + cardVerdict.encode(buffer, HEADER_LENGTH, clientOrderId, sent, reason, 0)
            .encodedLength();
    }

    public int encodeVenueAccepted(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final long clientOrderId)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + venueAccepted.encode(buffer, HEADER_LENGTH, venueId, clientOrderId, 0).encodedLength();
    }

    public int encodeVenueRejected(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final long clientOrderId, final String reason)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + venueRejected.encode(buffer, HEADER_LENGTH, venueId, clientOrderId, reason, 0)
            .encodedLength();
    }

    public int encodeVenueFill(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final long clientOrderId, final long price, final long quantity, final double fee,
        final boolean maker)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + venueFill.encode(buffer, HEADER_LENGTH, venueId, clientOrderId, price, quantity, fee,
            maker, 0).encodedLength();
    }

    /** A dealer's quote for a request the leader sent; {@code validUntilNs} on the cluster's clock (epoch ns). */
    public int encodeDealerQuote(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final long rfqId, final long price, final long quantity, final long validUntilNs)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + dealerQuote.encode(buffer, HEADER_LENGTH, venueId, rfqId, price, quantity, validUntilNs,
            0).encodedLength();
    }

    public int encodeDealerDecline(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final long rfqId, final String reason)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + dealerDecline.encode(buffer, HEADER_LENGTH, venueId, rfqId,
            io.slipway.journal.DealerDeclineInput.DECLINED, reason, 0).encodedLength();
    }

    public int encodeVenueDone(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final long clientOrderId, final long releasedQuantity)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + venueDone.encode(buffer, HEADER_LENGTH, venueId, clientOrderId, releasedQuantity, 0)
            .encodedLength();
    }

    // Operator commands: log entries like any input, so every member (and a new leader) applies an
    // operator's kill at the same point. A member refuses one the core cannot apply (an unknown
    // venue) by name, the same way on every member, and nothing changes.

    /** Kill everything ({@code scope} {@link OperatorScopeInput#SCOPE_ALL}), one venue or one parent order. */
    public int encodeKill(final MutableDirectBuffer buffer, final int sourceId, final long sequence, final int scope,
        final int venueId, final String parentId)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + kill.encode(buffer, HEADER_LENGTH, scope, venueId, parentId, 0).encodedLength();
    }

    /** Resume everything, one venue or one parent order. */
    public int encodeResume(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int scope, final int venueId, final String parentId)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + resume.encode(buffer, HEADER_LENGTH, scope, venueId, parentId, 0).encodedLength();
    }

    public int encodeVenueRouting(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final int venueId, final boolean enabled)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + venueRouting.encode(buffer, HEADER_LENGTH, venueId, enabled, 0).encodedLength();
    }

    public int encodeRiskLimit(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final CoreRiskLimit limit, final double value)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + riskLimit.encode(buffer, HEADER_LENGTH, limit, value, 0).encodedLength();
    }

    /** The feedback loop's refitted impact coefficient: applied by every member like an operator's limit change. */
    public int encodeImpactFit(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final ImpactFit fit)
    {
        header(buffer, CORE_INPUT, sourceId, sequence);
        return HEADER_LENGTH + impactFit.encode(buffer, HEADER_LENGTH, fit, 0).encodedLength();
    }

    public static int encodeLeaderFingerprint(final MutableDirectBuffer buffer, final int memberId,
        final long leadershipTermId, final long fingerprint)
    {
        final int offset = header(buffer, LEADER_FINGERPRINT, SERVICE_SOURCE_ID, 0);
        buffer.putInt(offset, memberId, ORDER);
        buffer.putLong(offset + 4, leadershipTermId, ORDER);
        buffer.putLong(offset + 12, fingerprint, ORDER);
        return offset + 20;
    }

    /**
     * @param deliveredReportSequence the highest report sequence the gateway has delivered, all
     *                                before it delivered too
     * @param resend                  ask the leader to send every report after it again
     */
    public static int encodeReportsDelivered(final MutableDirectBuffer buffer, final int sourceId, final long sequence,
        final long deliveredReportSequence, final boolean resend)
    {
        header(buffer, REPORTS_DELIVERED, sourceId, sequence);
        buffer.putLong(DELIVERED_SEQUENCE_OFFSET, deliveredReportSequence, ORDER);
        buffer.putInt(DELIVERED_RESEND_OFFSET, resend ? 1 : 0, ORDER);
        return REPORTS_DELIVERED_LENGTH;
    }

    /** @throws IllegalArgumentException if truncated or the sequence is negative */
    public static long deliveredReportSequence(final DirectBuffer buffer, final int offset, final int length)
    {
        require(offset + REPORTS_DELIVERED_LENGTH, offset + length, REPORTS_DELIVERED);
        final long delivered = buffer.getLong(offset + DELIVERED_SEQUENCE_OFFSET, ORDER);
        if (delivered < 0)
        {
            throw new IllegalArgumentException("reports delivered: negative report sequence " + delivered);
        }
        return delivered;
    }

    public static boolean resendRequested(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + DELIVERED_RESEND_OFFSET, ORDER) != 0;
    }

    public static int encodeAck(final MutableDirectBuffer buffer, final int sourceId, final long sequence)
    {
        return header(buffer, ACK, sourceId, sequence);
    }

    public static int encodeSourceClaim(final MutableDirectBuffer buffer, final int sourceId)
    {
        return header(buffer, SOURCE_CLAIM, sourceId, 0);
    }

    /**
     * @param lastAppliedSequence       the last input of {@code sourceId} the members applied
     * @param reportsDeliveredSequence  the highest OMS report sequence acknowledged as delivered
     */
    public static int encodeClaimed(final MutableDirectBuffer buffer, final int sourceId,
        final long lastAppliedSequence, final long reportsDeliveredSequence)
    {
        header(buffer, CLAIMED, sourceId, lastAppliedSequence);
        buffer.putLong(CLAIMED_REPORTS_OFFSET, reportsDeliveredSequence, ORDER);
        return CLAIMED_LENGTH;
    }

    /** @throws IllegalArgumentException if truncated */
    public static long claimedReportsDelivered(final DirectBuffer buffer, final int offset, final int length)
    {
        require(offset + CLAIMED_LENGTH, offset + length, CLAIMED);
        return buffer.getLong(offset + CLAIMED_REPORTS_OFFSET, ORDER);
    }

    // ------------------------------------------------------------------------------------------
    // Decoding
    // ------------------------------------------------------------------------------------------

    public static int type(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + TYPE_OFFSET, ORDER);
    }

    public static int sourceId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + SOURCE_OFFSET, ORDER);
    }

    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET, ORDER);
    }

    public static int fingerprintMemberId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + HEADER_LENGTH, ORDER);
    }

    public static long fingerprintTerm(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + HEADER_LENGTH + 4, ORDER);
    }

    public static long fingerprint(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + HEADER_LENGTH + 12, ORDER);
    }

    /**
     * Applies one core input (envelope and journal message) at core time {@code nowNs}.
     *
     * @throws IllegalArgumentException if the message is not a core input, is truncated, is a
     *                                  timer (timers come from the cluster only) or a journal
     *                                  recovery mark; the core is then untouched.
     */
    public void apply(final DirectBuffer buffer, final int offset, final int length, final CoreInput core,
        final long nowNs)
    {
        if (length < HEADER_LENGTH)
        {
            throw new IllegalArgumentException("cluster input shorter than its header: " + length + " bytes");
        }
        final int type = type(buffer, offset);
        if (type != CORE_INPUT)
        {
            throw new IllegalArgumentException("not a core input: message type " + type);
        }
        final int bodyLength = length - HEADER_LENGTH;
        final int template = InputDecoder.templateId(buffer, offset + HEADER_LENGTH, bodyLength);
        if (template == InputTemplates.TIMER || template == InputTemplates.RECOVERY_MARK)
        {
            throw new IllegalArgumentException(InputTemplates.name(template) + " is not accepted from a sender");
        }
        scratch.putBytes(0, buffer, offset + HEADER_LENGTH, bodyLength);
        scratch.putLong(JOURNAL_TIME_OFFSET, nowNs);
        decoder.apply(scratch, 0, bodyLength, core);
    }

    // ------------------------------------------------------------------------------------------

    private static int header(final MutableDirectBuffer buffer, final int type, final int sourceId, final long sequence)
    {
        buffer.putInt(TYPE_OFFSET, type, ORDER);
        buffer.putInt(SOURCE_OFFSET, sourceId, ORDER);
        buffer.putLong(SEQUENCE_OFFSET, sequence, ORDER);
        return HEADER_LENGTH;
    }

    static void require(final int needed, final int end, final int type)
    {
        if (needed > end)
        {
            throw new IllegalArgumentException("truncated cluster input" + (type >= 0 ? " of type " + type : "") +
                ": needs " + needed + " bytes, has " + end);
        }
    }
}
