package io.slipway.journal;

import io.slipway.analytics.ImpactFit;
import io.slipway.core.ChildOrderSink;
import io.slipway.core.CoreContext;
import io.slipway.core.CoreInput;
import io.slipway.core.CoreRiskLimit;
import io.slipway.core.ExecutionCore;
import io.slipway.core.ParentOrderListener;
import io.slipway.core.RfqSink;
import io.slipway.core.TradingVenue;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.DeliveredReports;
import io.slipway.oms.OmsHistory;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.ParentStatusRequest;
import io.slipway.oms.ReplaceParentOrder;
import io.slipway.oms.OmsReportSink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * The execution core behind its journal. Every input is encoded, appended to the journal, and
 * only then decoded from those same bytes into the core, so the live run and a later replay go
 * through one code path. The core's outputs pass an {@link OutputGate}: they leave once the
 * input that caused them is recorded.
 *
 * <p>Start with {@link #recover(Journal)}: it replays whatever the journal holds (nothing, the
 * first time) into the core with outputs suppressed, sets the card (which starts from reset) to the
 * position and open children the replay rebuilt, then opens this run's recording. Inputs before
 * that are refused. Single-threaded, like the core.
 */
public final class JournaledCore implements CoreInput
{
    /** Longest input: an OMS order with its texts, or a venue reject reason. */
    public static final int MAX_MESSAGE_LENGTH = 4096;

    private final ExecutionCore core;
    private final OutputGate gate;
    private final InputDecoder decoder = new InputDecoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_MESSAGE_LENGTH));
    private final NewParentOrderInput newParentOrder = new NewParentOrderInput();
    private final BookLevelInput bookLevel = new BookLevelInput();
    private final BboInput bbo = new BboInput();
    private final TradeInput trade = new TradeInput();
    private final TimerInput timer = new TimerInput();
    private final CardVerdictInput cardVerdict = new CardVerdictInput();
    private final VenueAcceptedInput venueAccepted = new VenueAcceptedInput();
    private final VenueRejectedInput venueRejected = new VenueRejectedInput();
    private final VenueFillInput venueFill = new VenueFillInput();
    private final VenueDoneInput venueDone = new VenueDoneInput();
    private final RecoveryMarkInput recoveryMark = new RecoveryMarkInput();
    private final CancelParentOrderInput cancelParentOrder = new CancelParentOrderInput();
    private final ReplaceParentOrderInput replaceParentOrder = new ReplaceParentOrderInput();
    private final ParentStatusRequestInput parentStatusRequest = new ParentStatusRequestInput();
    private final KillInput kill = new KillInput();
    private final ResumeInput resume = new ResumeInput();
    private final VenueRoutingInput venueRouting = new VenueRoutingInput();
    private final RiskLimitInput riskLimit = new RiskLimitInput();
    private final CardLimitInput cardLimit = new CardLimitInput();
    private final DealerQuoteInput dealerQuote = new DealerQuoteInput();
    private final DealerDeclineInput dealerDecline = new DealerDeclineInput();
    private final ImpactFitInput impactFit = new ImpactFitInput();
    private final long[] refusedRequest = new long[2];
    private OmsHistory history = OmsHistory.NONE;
    private JournalWriter writer;
    private long replayedInputs;
    private long lastInputNs = Long.MIN_VALUE;

    public JournaledCore(final CoreContext context, final List<TradingVenue> venues, final ChildOrderSink childOrders,
        final OmsReportSink reports, final ParentOrderListener parents)
    {
        this(context, venues, childOrders, reports, parents, DeliveredReports.ALL);
    }

    /**
     * @param delivered what the OMS side already holds: a replayed report it does not is let out
     *                  again after recovery (see {@link OutputGate}).
     */
    public JournaledCore(final CoreContext context, final List<TradingVenue> venues, final ChildOrderSink childOrders,
        final OmsReportSink reports, final ParentOrderListener parents, final DeliveredReports delivered)
    {
        this.gate = new OutputGate(childOrders, reports, parents, delivered);
        // The core always asks through the gate, whatever the wiring: whether a request reached a
        // dealer is itself an input (a quote, a decline, or a decline the gate made when the session
        // refused it), so a replay, with or without dealer sessions, rebuilds the same core.
        this.core = new ExecutionCore(context, venues, gate, gate, gate, gate);
    }

    /**
     * Where requests for quote go once their input is recorded: the dealers' RFQ sessions. Set
     * before {@link #recover(Journal)}; default {@link RfqSink#NONE}, which refuses each request, so
     * the core records a decline for it and carries on without that dealer.
     */
    public JournaledCore rfqs(final RfqSink rfqs)
    {
        if (rfqs == null)
        {
            throw new IllegalArgumentException("rfqs is required (RfqSink.NONE for none)");
        }
        if (writer != null || replayedInputs > 0)
        {
            throw new IllegalStateException("the dealer link is given before the replay");
        }
        gate.rfqs(rfqs);
        return this;
    }

    /**
     * Who is told the OMS conversation a replay goes through: each OMS command replayed and each
     * report the core makes for it, in order (the FIX gateway rebuilds its order state from them).
     * Set before {@link #recover(Journal)}; default {@link OmsHistory#NONE}.
     */
    public JournaledCore omsHistory(final OmsHistory history)
    {
        if (history == null)
        {
            throw new IllegalArgumentException("history is required (OmsHistory.NONE for none)");
        }
        if (writer != null || replayedInputs > 0)
        {
            throw new IllegalStateException("the OMS history is given before the replay");
        }
        this.history = history;
        gate.history(history);
        return this;
    }

    /**
     * Rebuilds the core from the journal with outputs suppressed, then starts this run's recording
     * with a mark saying how many inputs were replayed. Returns that number.
     */
    public long recover(final Journal journal)
    {
        final long replayed = replay(journal);
        writer = journal.openWriter();
        if (replayed > 0)
        {
            // The card starts from reset: set it to the position and open children the replay rebuilt before the
            // mark or anything after it can place a child, so its position limit holds against them.
            core.restoreCardExposure();
            mark(RecoveryMarkInput.REPLAYED, 0);
        }
        return replayed;
    }

    /**
     * Rebuilds the core from the journal with outputs suppressed and records nothing: for tools that
     * inspect a journal. A core rebuilt this way takes no input.
     */
    public long replay(final Journal journal)
    {
        if (writer != null || replayedInputs > 0)
        {
            throw new IllegalStateException("a core replays its journal once, before it records");
        }
        gate.replaying(true);
        try
        {
            replayedInputs = journal.replay((buf, offset, length, header) ->
            {
                if (history != OmsHistory.NONE)
                {
                    tellHistory(buf, offset, length);
                }
                decoder.apply(buf, offset, length, core);
                lastInputNs = InputDecoder.timeNs(buf, offset);
            });
        }
        finally
        {
            gate.replaying(false);
        }
        return replayedInputs;
    }

    /** Hands an OMS command to the history before the core takes it, so its reports follow it. */
    private void tellHistory(final DirectBuffer buf, final int offset, final int length)
    {
        switch (InputDecoder.templateId(buf, offset, length))
        {
            case InputTemplates.NEW_PARENT_ORDER:
                history.onCommand(newParentOrder.wrap(buf, offset, length).order());
                break;
            case InputTemplates.CANCEL_PARENT_ORDER:
                history.onCommand(cancelParentOrder.wrap(buf, offset, length).cancel());
                break;
            case InputTemplates.REPLACE_PARENT_ORDER:
                history.onCommand(replaceParentOrder.wrap(buf, offset, length).replace());
                break;
            default:
                break;
        }
    }

    /** Records that the venues were reconciled and how many venue events that injected. */
    public void markReconciled(final long injected)
    {
        mark(RecoveryMarkInput.RECONCILED, injected);
    }

    private void mark(final int phase, final long injected)
    {
        recoveryMark.encode(buffer, 0, phase, replayedInputs, injected, Math.max(0, lastInputNs));
        journalAndApply(recoveryMark.encodedLength(), lastInputNs);
    }

    @Override
    public void onNewParentOrder(final NewParentOrder order, final long nowNs)
    {
        newParentOrder.encode(buffer, 0, order, nowNs);
        journalAndApply(newParentOrder.encodedLength(), nowNs);
    }

    @Override
    public void onCancelParentOrder(final CancelParentOrder cancel, final long nowNs)
    {
        cancelParentOrder.encode(buffer, 0, cancel, nowNs);
        journalAndApply(cancelParentOrder.encodedLength(), nowNs);
    }

    @Override
    public void onReplaceParentOrder(final ReplaceParentOrder replace, final long nowNs)
    {
        replaceParentOrder.encode(buffer, 0, replace, nowNs);
        journalAndApply(replaceParentOrder.encodedLength(), nowNs);
    }

    @Override
    public void onParentStatusRequest(final ParentStatusRequest request, final long nowNs)
    {
        // Answering changes the core's report sequences, so the request is journaled like any input.
        parentStatusRequest.encode(buffer, 0, request, nowNs);
        journalAndApply(parentStatusRequest.encodedLength(), nowNs);
    }

    @Override
    public void onBookLevel(final int venueId, final int instrumentId, final boolean bid, final long price,
        final long quantity, final long nowNs)
    {
        bookLevel.encode(buffer, 0, venueId, instrumentId, bid, price, quantity, nowNs);
        journalAndApply(BookLevelInput.LENGTH, nowNs);
    }

    @Override
    public void onBbo(final int venueId, final int instrumentId, final long bidPrice, final long bidQty,
        final long askPrice, final long askQty, final long nowNs)
    {
        bbo.encode(buffer, 0, venueId, instrumentId, bidPrice, bidQty, askPrice, askQty, nowNs);
        journalAndApply(BboInput.LENGTH, nowNs);
    }

    @Override
    public void onTrade(final int venueId, final int instrumentId, final long price, final long quantity,
        final long nowNs)
    {
        trade.encode(buffer, 0, venueId, instrumentId, price, quantity, nowNs);
        journalAndApply(TradeInput.LENGTH, nowNs);
    }

    @Override
    public void onTimer(final long nowNs)
    {
        timer.encode(buffer, 0, nowNs);
        journalAndApply(TimerInput.LENGTH, nowNs);
    }

    @Override
    public void onCardVerdict(final long clientOrderId, final boolean sent, final int reason, final long nowNs)
    {
        cardVerdict.encode(buffer, 0, clientOrderId, sent, reason, nowNs);
        journalAndApply(CardVerdictInput.LENGTH, nowNs);
    }

    @Override
    public void onVenueAccepted(final int venueId, final long clientOrderId, final long nowNs)
    {
        venueAccepted.encode(buffer, 0, venueId, clientOrderId, nowNs);
        journalAndApply(VenueAcceptedInput.LENGTH, nowNs);
    }

    @Override
    public void onVenueRejected(final int venueId, final long clientOrderId, final String reason, final long nowNs)
    {
        venueRejected.encode(buffer, 0, venueId, clientOrderId, reason, nowNs);
        journalAndApply(venueRejected.encodedLength(), nowNs);
    }

    @Override
    public void onVenueFill(final int venueId, final long clientOrderId, final long price, final long quantity,
        final double fee, final boolean maker, final long nowNs)
    {
        venueFill.encode(buffer, 0, venueId, clientOrderId, price, quantity, fee, maker, nowNs);
        journalAndApply(VenueFillInput.LENGTH, nowNs);
    }

    @Override
    public void onVenueDone(final int venueId, final long clientOrderId, final long releasedQuantity,
        final long nowNs)
    {
        venueDone.encode(buffer, 0, venueId, clientOrderId, releasedQuantity, nowNs);
        journalAndApply(VenueDoneInput.LENGTH, nowNs);
    }

    @Override
    public void onQuote(final int venueId, final long rfqId, final long price, final long quantity,
        final long validUntilNs, final long nowNs)
    {
        dealerQuote.encode(buffer, 0, venueId, rfqId, price, quantity, validUntilNs, nowNs);
        journalAndApply(DealerQuoteInput.LENGTH, nowNs);
    }

    @Override
    public void onQuoteDeclined(final int venueId, final long rfqId, final long nowNs)
    {
        onQuoteDeclined(venueId, rfqId, null, nowNs);
    }

    /** A dealer's decline with its reason, kept in the journal for the dump (the core does not read it). */
    public void onQuoteDeclined(final int venueId, final long rfqId, final String reason, final long nowNs)
    {
        dealerDecline.encode(buffer, 0, venueId, rfqId, DealerDeclineInput.DECLINED, reason, nowNs);
        journalAndApply(dealerDecline.encodedLength(), nowNs);
    }

    // Operator commands. Each is checked against the core before it is recorded, so the journal
    // never holds an input the core refuses: a replay meets only inputs that apply.

    @Override
    public int killAll(final long nowNs)
    {
        kill.encode(buffer, 0, OperatorScopeInput.SCOPE_ALL, 0, null, nowNs);
        journalAndApply(kill.encodedLength(), nowNs);
        return decoder.lastAdminResult();
    }

    @Override
    public void resumeAll(final long nowNs)
    {
        resume.encode(buffer, 0, OperatorScopeInput.SCOPE_ALL, 0, null, nowNs);
        journalAndApply(resume.encodedLength(), nowNs);
    }

    @Override
    public int killVenue(final int venueId, final long nowNs)
    {
        requireVenue(venueId);
        kill.encode(buffer, 0, OperatorScopeInput.SCOPE_VENUE, venueId, null, nowNs);
        journalAndApply(kill.encodedLength(), nowNs);
        return decoder.lastAdminResult();
    }

    @Override
    public void resumeVenue(final int venueId, final long nowNs)
    {
        requireVenue(venueId);
        resume.encode(buffer, 0, OperatorScopeInput.SCOPE_VENUE, venueId, null, nowNs);
        journalAndApply(resume.encodedLength(), nowNs);
    }

    @Override
    public int killParent(final String id, final long nowNs)
    {
        if (!core.hasWorkingParent(id))
        {
            return -1;
        }
        kill.encode(buffer, 0, OperatorScopeInput.SCOPE_PARENT, 0, id, nowNs);
        journalAndApply(kill.encodedLength(), nowNs);
        return decoder.lastAdminResult();
    }

    @Override
    public boolean resumeParent(final String id, final long nowNs)
    {
        if (!core.hasWorkingParent(id))
        {
            return false;
        }
        resume.encode(buffer, 0, OperatorScopeInput.SCOPE_PARENT, 0, id, nowNs);
        journalAndApply(resume.encodedLength(), nowNs);
        return decoder.lastAdminResult() > 0;
    }

    @Override
    public void enableVenue(final int venueId, final boolean enabled, final long nowNs)
    {
        requireVenue(venueId);
        venueRouting.encode(buffer, 0, venueId, enabled, nowNs);
        journalAndApply(venueRouting.encodedLength(), nowNs);
    }

    @Override
    public void setRiskLimit(final CoreRiskLimit limit, final double value, final long nowNs)
    {
        if (limit == null)
        {
            throw new IllegalArgumentException("risk limit is required");
        }
        limit.check(value);
        riskLimit.encode(buffer, 0, limit, value, nowNs);
        journalAndApply(riskLimit.encodedLength(), nowNs);
    }

    @Override
    public void setImpactFit(final ImpactFit fit, final long nowNs)
    {
        if (fit == null)
        {
            throw new IllegalArgumentException("an impact fit is required");
        }
        impactFit.encode(buffer, 0, fit, nowNs);
        journalAndApply(impactFit.encodedLength(), nowNs);
    }

    /**
     * Journals a change of one of the card's hard limits, already checked by the caller against its
     * range, so a recovery re-applies it ({@link #cardLimits()}); the caller writes the registers.
     */
    public void setCardLimit(final String key, final String value, final long nowNs)
    {
        cardLimit.encode(buffer, 0, key, value, nowNs);
        journalAndApply(cardLimit.encodedLength(), nowNs);
    }

    /** The card limits journaled so far, replayed ones included: key to the operator's decimal, last value wins. */
    public Map<String, String> cardLimits()
    {
        return decoder.cardLimits();
    }

    private void requireVenue(final int venueId)
    {
        if (!core.hasVenue(venueId))
        {
            throw new IllegalArgumentException("no venue with id " + venueId);
        }
    }

    @Override
    public long nextDeadlineNs()
    {
        return core.nextDeadlineNs();
    }

    @Override
    public int activeParentCount()
    {
        return core.activeParentCount();
    }

    private void journalAndApply(final int length, final long nowNs)
    {
        if (writer == null)
        {
            throw new IllegalStateException("the journaled core takes input only after recover()");
        }
        final long position = writer.append(buffer, 0, length);
        lastInputNs = nowNs;
        decoder.apply(buffer, 0, length, core);
        gate.release(writer, position);
        long refusedId;
        while ((refusedId = gate.pollRefused()) != -1)
        {
            onCardVerdict(refusedId, false, CardVerdictInput.RING_FULL, nowNs);
        }
        while (gate.pollRefusedRequest(refusedRequest))
        {
            dealerDecline.encode(buffer, 0, (int)refusedRequest[0], refusedRequest[1], DealerDeclineInput.NOT_SENT,
                "the dealer's session did not take the request", nowNs);
            journalAndApply(dealerDecline.encodedLength(), nowNs);
        }
    }

    /** The core, for queries (state, books, children); its inputs must come through this class. */
    public ExecutionCore core()
    {
        return core;
    }

    public OutputGate gate()
    {
        return gate;
    }

    /** Inputs replayed by the last recovery. */
    public long replayedInputs()
    {
        return replayedInputs;
    }

    /** This run's writer; null before recovery. */
    public JournalWriter writer()
    {
        return writer;
    }

    /** Ends this run's recording cleanly. A crash simply never calls it. */
    public void close()
    {
        if (writer != null)
        {
            writer.close();
            writer = null;
        }
    }
}
