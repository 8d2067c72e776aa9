package io.slipway.journal;

import io.slipway.core.CoreInput;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.ParentStatusRequest;
import io.slipway.oms.ReplaceParentOrder;
import io.slipway.oms.StrategyParameter;
import org.agrona.DirectBuffer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one journal message and hands it to a core. Live inputs and replayed inputs both pass
 * through here, so a replayed core is driven by exactly the code that drove the live one.
 */
public final class InputDecoder
{
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
    /** Card limits by key, last value wins: the core has no card state, so the decoder keeps it for recovery. */
    private final Map<String, String> cardLimits = new LinkedHashMap<>();
    private int lastAdminResult;

    /** Template id of the message at offset, or refuses a fragment too short to say. */
    public static int templateId(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < InputFlyweight.HEADER_LENGTH)
        {
            throw new JournalFormatException("message of " + length + " bytes is shorter than the header");
        }
        return buffer.getShort(offset + InputFlyweight.TEMPLATE_OFFSET) & 0xFFFF;
    }

    /** Time the message carries. */
    public static long timeNs(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + InputFlyweight.TIME_OFFSET);
    }

    /** Applies the message to the core; returns its template id. Recovery marks change nothing. */
    public int apply(final DirectBuffer buffer, final int offset, final int length, final CoreInput core)
    {
        final int template = templateId(buffer, offset, length);
        switch (template)
        {
            case InputTemplates.NEW_PARENT_ORDER:
            {
                final NewParentOrderInput m = newParentOrder.wrap(buffer, offset, length);
                core.onNewParentOrder(m.order(), m.timeNs());
                break;
            }
            case InputTemplates.CANCEL_PARENT_ORDER:
            {
                final CancelParentOrderInput m = cancelParentOrder.wrap(buffer, offset, length);
                core.onCancelParentOrder(m.cancel(), m.timeNs());
                break;
            }
            case InputTemplates.REPLACE_PARENT_ORDER:
            {
                final ReplaceParentOrderInput m = replaceParentOrder.wrap(buffer, offset, length);
                core.onReplaceParentOrder(m.replace(), m.timeNs());
                break;
            }
            case InputTemplates.PARENT_STATUS_REQUEST:
            {
                final ParentStatusRequestInput m = parentStatusRequest.wrap(buffer, offset, length);
                core.onParentStatusRequest(m.request(), m.timeNs());
                break;
            }
            case InputTemplates.BOOK_LEVEL:
            {
                final BookLevelInput m = bookLevel.wrap(buffer, offset, length);
                core.onBookLevel(m.venueId(), m.instrumentId(), m.bid(), m.price(), m.quantity(), m.timeNs());
                break;
            }
            case InputTemplates.BBO:
            {
                final BboInput m = bbo.wrap(buffer, offset, length);
                core.onBbo(m.venueId(), m.instrumentId(), m.bidPrice(), m.bidQty(), m.askPrice(), m.askQty(),
                    m.timeNs());
                break;
            }
            case InputTemplates.TRADE:
            {
                final TradeInput m = trade.wrap(buffer, offset, length);
                core.onTrade(m.venueId(), m.instrumentId(), m.price(), m.quantity(), m.timeNs());
                break;
            }
            case InputTemplates.TIMER:
                core.onTimer(timer.wrap(buffer, offset, length).timeNs());
                break;
            case InputTemplates.CARD_VERDICT:
            {
                final CardVerdictInput m = cardVerdict.wrap(buffer, offset, length);
                core.onCardVerdict(m.clientOrderId(), m.sent(), m.reason(), m.timeNs());
                break;
            }
            case InputTemplates.VENUE_ACCEPTED:
            {
                final VenueAcceptedInput m = venueAccepted.wrap(buffer, offset, length);
                core.onVenueAccepted(m.venueId(), m.clientOrderId(), m.timeNs());
                break;
            }
            case InputTemplates.VENUE_REJECTED:
            {
                final VenueRejectedInput m = venueRejected.wrap(buffer, offset, length);
                core.onVenueRejected(m.venueId(), m.clientOrderId(), m.reason(), m.timeNs());
                break;
            }
            case InputTemplates.VENUE_FILL:
            {
                final VenueFillInput m = venueFill.wrap(buffer, offset, length);
                core.onVenueFill(m.venueId(), m.clientOrderId(), m.price(), m.quantity(), m.fee(), m.maker(),
                    m.timeNs());
                break;
            }
            case InputTemplates.VENUE_DONE:
            {
                final VenueDoneInput m = venueDone.wrap(buffer, offset, length);
                core.onVenueDone(m.venueId(), m.clientOrderId(), m.releasedQuantity(), m.timeNs());
                break;
            }
            case InputTemplates.RECOVERY_MARK:
            {
                final RecoveryMarkInput m = recoveryMark.wrap(buffer, offset, length);
                if (m.phase() == RecoveryMarkInput.RECONCILED)
                {
                    core.onReconciled(m.timeNs());
                }
                break;
            }
            case InputTemplates.KILL:
            {
                final KillInput m = kill.wrap(buffer, offset, length);
                switch (m.scope())
                {
                    case OperatorScopeInput.SCOPE_ALL:
                        lastAdminResult = core.killAll(m.timeNs());
                        break;
                    case OperatorScopeInput.SCOPE_VENUE:
                        lastAdminResult = core.killVenue(m.venueId(), m.timeNs());
                        break;
                    default:
                        lastAdminResult = core.killParent(m.parentId(), m.timeNs());
                        break;
                }
                break;
            }
            case InputTemplates.RESUME:
            {
                final ResumeInput m = resume.wrap(buffer, offset, length);
                switch (m.scope())
                {
                    case OperatorScopeInput.SCOPE_ALL:
                        core.resumeAll(m.timeNs());
                        lastAdminResult = 1;
                        break;
                    case OperatorScopeInput.SCOPE_VENUE:
                        core.resumeVenue(m.venueId(), m.timeNs());
                        lastAdminResult = 1;
                        break;
                    default:
                        lastAdminResult = core.resumeParent(m.parentId(), m.timeNs()) ? 1 : -1;
                        break;
                }
                break;
            }
            case InputTemplates.VENUE_ROUTING:
            {
                final VenueRoutingInput m = venueRouting.wrap(buffer, offset, length);
                core.enableVenue(m.venueId(), m.enabled(), m.timeNs());
                lastAdminResult = 1;
                break;
            }
            case InputTemplates.RISK_LIMIT:
            {
                final RiskLimitInput m = riskLimit.wrap(buffer, offset, length);
                core.setRiskLimit(m.limit(), m.value(), m.timeNs());
                lastAdminResult = 1;
                break;
            }
            case InputTemplates.CARD_LIMIT:
            {
                final CardLimitInput m = cardLimit.wrap(buffer, offset, length);
                cardLimits.remove(m.key()); // re-insert so the order is the order of the last changes
                cardLimits.put(m.key(), m.value());
                lastAdminResult = 1;
                break;
            }
            case InputTemplates.DEALER_QUOTE:
            {
                final DealerQuoteInput m = dealerQuote.wrap(buffer, offset, length);
                core.onQuote(m.venueId(), m.rfqId(), m.price(), m.quantity(), m.validUntilNs(), m.timeNs());
                break;
            }
            case InputTemplates.DEALER_DECLINE:
            {
                final DealerDeclineInput m = dealerDecline.wrap(buffer, offset, length);
                core.onQuoteDeclined(m.venueId(), m.rfqId(), m.timeNs());
                break;
            }
            case InputTemplates.IMPACT_FIT:
            {
                final ImpactFitInput m = impactFit.wrap(buffer, offset, length);
                core.setImpactFit(m.fit(), m.timeNs());
                lastAdminResult = 1;
                break;
            }
            default:
                throw new JournalFormatException("unknown input template " + template);
        }
        return template;
    }

    /** Card limits the applied inputs changed, key to the decimal the operator gave; a copy. */
    public Map<String, String> cardLimits()
    {
        return new LinkedHashMap<>(cardLimits);
    }

    /**
     * What the last operator input returned: cancels sent by a kill (-1: no working parent with
     * that id), 1 for a resume, routing or limit change done, -1 for a resume of no working parent.
     */
    public int lastAdminResult()
    {
        return lastAdminResult;
    }

    /** One line of text for the message, for `slipway journal dump`. */
    public String describe(final DirectBuffer buffer, final int offset, final int length)
    {
        final int template = templateId(buffer, offset, length);
        final StringBuilder out = new StringBuilder(96);
        out.append(timeNs(buffer, offset)).append(' ').append(InputTemplates.name(template));
        switch (template)
        {
            case InputTemplates.NEW_PARENT_ORDER:
            {
                final NewParentOrder o = newParentOrder.wrap(buffer, offset, length).order();
                out.append(" clOrdId=").append(o.clOrdId()).append(" symbol=").append(o.symbol())
                    .append(" side=").append(o.side()).append(" qty=").append(o.quantity())
                    .append(" strategy=").append(o.targetStrategy()).append(" expireNs=").append(o.expireTimeNs());
                if (o.limitPrice() != null)
                {
                    out.append(" price=").append(o.limitPrice());
                }
                out.append(" client=").append(o.clientId());
                for (int i = 0, n = o.strategyParameters().size(); i < n; i++)
                {
                    final StrategyParameter p = o.strategyParameters().get(i);
                    out.append(' ').append(p.name()).append('(').append(p.type()).append(")=").append(p.value());
                }
                break;
            }
            case InputTemplates.CANCEL_PARENT_ORDER:
            {
                final CancelParentOrder c = cancelParentOrder.wrap(buffer, offset, length).cancel();
                out.append(" clOrdId=").append(c.clOrdId()).append(" origClOrdId=").append(c.origClOrdId())
                    .append(" orderId=").append(c.orderId());
                break;
            }
            case InputTemplates.REPLACE_PARENT_ORDER:
            {
                final ReplaceParentOrder r = replaceParentOrder.wrap(buffer, offset, length).replace();
                out.append(" clOrdId=").append(r.clOrdId()).append(" origClOrdId=").append(r.origClOrdId())
                    .append(" orderId=").append(r.orderId()).append(" symbol=").append(r.symbol())
                    .append(" side=").append(r.side()).append(" qty=").append(r.quantity())
                    .append(" expireNs=").append(r.expireTimeNs()).append(" price=").append(r.limitPrice());
                break;
            }
            case InputTemplates.PARENT_STATUS_REQUEST:
            {
                final ParentStatusRequest r = parentStatusRequest.wrap(buffer, offset, length).request();
                out.append(" clOrdId=").append(r.clOrdId()).append(" orderId=").append(r.orderId())
                    .append(" symbol=").append(r.symbol()).append(" side=").append(r.side());
                break;
            }
            case InputTemplates.BOOK_LEVEL:
            {
                final BookLevelInput m = bookLevel.wrap(buffer, offset, length);
                out.append(" venue=").append(m.venueId()).append(" instrument=").append(m.instrumentId())
                    .append(m.bid() ? " bid " : " ask ").append(m.price()).append('x').append(m.quantity());
                break;
            }
            case InputTemplates.BBO:
            {
                final BboInput m = bbo.wrap(buffer, offset, length);
                out.append(" venue=").append(m.venueId()).append(" instrument=").append(m.instrumentId())
                    .append(' ').append(m.bidPrice()).append('x').append(m.bidQty()).append(" / ")
                    .append(m.askPrice()).append('x').append(m.askQty());
                break;
            }
            case InputTemplates.TRADE:
            {
                final TradeInput m = trade.wrap(buffer, offset, length);
                out.append(" venue=").append(m.venueId()).append(" instrument=").append(m.instrumentId())
                    .append(' ').append(m.price()).append('x').append(m.quantity());
                break;
            }
            case InputTemplates.TIMER:
                timer.wrap(buffer, offset, length);
                break;
            case InputTemplates.CARD_VERDICT:
            {
                final CardVerdictInput m = cardVerdict.wrap(buffer, offset, length);
                out.append(" child=").append(m.clientOrderId()).append(m.sent() ? " sent" : " refused")
                    .append(" reason=").append(m.reason());
                break;
            }
            case InputTemplates.VENUE_ACCEPTED:
            {
                final VenueAcceptedInput m = venueAccepted.wrap(buffer, offset, length);
                out.append(" venue=").append(m.venueId()).append(" child=").append(m.clientOrderId());
                break;
            }
            case InputTemplates.VENUE_REJECTED:
            {
                final VenueRejectedInput m = venueRejected.wrap(buffer, offset, length);
                out.append(" venue=").append(m.venueId()).append(" child=").append(m.clientOrderId())
                    .append(" reason=").append(m.reason());
                break;
            }
            case InputTemplates.VENUE_FILL:
            {
                final VenueFillInput m = venueFill.wrap(buffer, offset, length);
                out.append(" venue=").append(m.venueId()).append(" child=").append(m.clientOrderId())
                    .append(' ').append(m.quantity()).append('@').append(m.price()).append(" fee=").append(m.fee())
                    .append(m.maker() ? " maker" : " taker");
                break;
            }
            case InputTemplates.VENUE_DONE:
            {
                final VenueDoneInput m = venueDone.wrap(buffer, offset, length);
                out.append(" venue=").append(m.venueId()).append(" child=").append(m.clientOrderId())
                    .append(" released=").append(m.releasedQuantity());
                break;
            }
            case InputTemplates.KILL:
            case InputTemplates.RESUME:
            {
                final OperatorScopeInput m = template == InputTemplates.KILL ? kill.wrap(buffer, offset, length) :
                    resume.wrap(buffer, offset, length);
                out.append(' ').append(OperatorScopeInput.scopeName(m.scope()));
                if (m.scope() == OperatorScopeInput.SCOPE_VENUE)
                {
                    out.append(" venue=").append(m.venueId());
                }
                else if (m.scope() == OperatorScopeInput.SCOPE_PARENT)
                {
                    out.append(" order=").append(m.parentId());
                }
                break;
            }
            case InputTemplates.VENUE_ROUTING:
            {
                final VenueRoutingInput m = venueRouting.wrap(buffer, offset, length);
                out.append(" venue=").append(m.venueId()).append(m.enabled() ? " enabled" : " disabled");
                break;
            }
            case InputTemplates.RISK_LIMIT:
            {
                final RiskLimitInput m = riskLimit.wrap(buffer, offset, length);
                out.append(' ').append(m.limit().camelName()).append('=').append(m.value());
                break;
            }
            case InputTemplates.CARD_LIMIT:
            {
                final CardLimitInput m = cardLimit.wrap(buffer, offset, length);
                out.append(" card ").append(m.key()).append('=').append(m.value());
                break;
            }
            case InputTemplates.DEALER_QUOTE:
            {
                final DealerQuoteInput m = dealerQuote.wrap(buffer, offset, length);
                out.append(" venue=").append(m.venueId()).append(" rfq=").append(m.rfqId()).append(' ')
                    .append(m.quantity()).append('@').append(m.price()).append(" validUntilNs=")
                    .append(m.validUntilNs());
                break;
            }
            case InputTemplates.DEALER_DECLINE:
            {
                final DealerDeclineInput m = dealerDecline.wrap(buffer, offset, length);
                out.append(" venue=").append(m.venueId()).append(" rfq=").append(m.rfqId())
                    .append(m.origin() == DealerDeclineInput.NOT_SENT ? " not sent" : " declined");
                if (m.reason() != null)
                {
                    out.append(" reason=").append(m.reason());
                }
                break;
            }
            case InputTemplates.IMPACT_FIT:
            {
                out.append(' ').append(impactFit.wrap(buffer, offset, length).fit().describe());
                break;
            }
            case InputTemplates.RECOVERY_MARK:
            {
                final RecoveryMarkInput m = recoveryMark.wrap(buffer, offset, length);
                out.append(m.phase() == RecoveryMarkInput.REPLAYED ? " replayed=" : " reconciled, replayed=")
                    .append(m.replayed()).append(" injected=").append(m.injected());
                break;
            }
            default:
                throw new JournalFormatException("unknown input template " + template);
        }
        return out.toString();
    }
}
