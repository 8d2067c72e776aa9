package io.slipway.fix;

import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.oms.StrategyParameter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * What the gateway knows of each working order it handed to the core, under every ClOrdID the
 * order has had: the terms a replace may not change (TargetStrategy 847, the StrategyParameters
 * group, EffectiveTime 168) and the OrderID and OrdStatus of the last report sent, for the
 * OrderCancelReject the gateway sends itself when a replace tries to change them.
 *
 * <p>Why here and not in the core: the core's replace command carries only what a replace may
 * change, and the journal and cluster codecs carry that command as it is. A replace refused here
 * never reaches the core, so it changes no state anywhere. An order placed before this gateway
 * started (a restart with a recovered core) is not known here; its replaces go to the core, which
 * ignores the fields a replace may not change. Entries go when the order reaches a final state.
 *
 * <p>Not thread-safe: the gateway thread owns it.
 */
final class OrderTermsBook
{
    /** The fixed terms of one order and what the OMS last heard of it. */
    static final class Terms
    {
        private final int strategy;
        private final long effectiveTimeNs;
        private final List<StrategyParameter> parameters;
        private final List<String> clOrdIds = new ArrayList<>(2);
        private String orderId = CancelRejectTranslator.NONE;
        private OrdStatus ordStatus = OrdStatus.NEW;

        private Terms(final NewParentOrder order)
        {
            this.strategy = order.targetStrategy();
            this.effectiveTimeNs = order.effectiveTimeNs();
            this.parameters = order.strategyParameters() == null ? List.of() : List.copyOf(order.strategyParameters());
        }

        String orderId()
        {
            return orderId;
        }

        OrdStatus ordStatus()
        {
            return ordStatus;
        }
    }

    private final Map<String, Terms> byClOrdId = new HashMap<>();

    void onOrderAccepted(final NewParentOrder order)
    {
        if (!byClOrdId.containsKey(order.clOrdId())) // a duplicate ClOrdID is the core's to reject
        {
            link(new Terms(order), order.clOrdId());
        }
    }

    /** A cancel or replace went to the core: its ClOrdID may name the order in later reports and requests. */
    void onAmendForwarded(final String origClOrdId, final String clOrdId)
    {
        final Terms terms = byClOrdId.get(origClOrdId);
        if (terms != null && clOrdId != null && !byClOrdId.containsKey(clOrdId))
        {
            link(terms, clOrdId);
        }
    }

    /** The order's terms, or null if the gateway did not see it placed or it is finished. */
    Terms terms(final String clOrdId)
    {
        return clOrdId == null ? null : byClOrdId.get(clOrdId);
    }

    /**
     * Which field of a replace would change what a replace may not, with the reason for the
     * OrderCancelReject; null if none. An absent field keeps the order's value.
     */
    static String replaceProblem(
        final Terms terms, final int strategy, final long effectiveTimeNs, final List<StrategyParameter> parameters)
    {
        if (strategy != NewParentOrder.NO_STRATEGY && strategy != terms.strategy)
        {
            return "TargetStrategy (847) cannot change on a replace: order runs " + terms.strategy +
                ", request says " + strategy + "; cancel and place a new order";
        }
        if (effectiveTimeNs != NewParentOrder.NO_TIME && effectiveTimeNs != terms.effectiveTimeNs)
        {
            return "EffectiveTime (168) cannot change on a replace: the order has started";
        }
        if (parameters != null && !new HashSet<>(parameters).equals(new HashSet<>(terms.parameters)))
        {
            return "StrategyParameters (957) cannot change on a replace: resend them unchanged or leave the group out";
        }
        return null;
    }

    /** Keeps OrderID and OrdStatus as the OMS sees them; forgets an order once it is finished. */
    void onReportSent(final ParentOrderReport report)
    {
        Terms terms = terms(report.clOrdId());
        if (terms == null)
        {
            terms = terms(report.origClOrdId());
        }
        final boolean knownOrderId = report.orderId() != null && !CancelRejectTranslator.NONE.equals(report.orderId());
        // A report about another order under a ClOrdID this one uses (a rejected duplicate) is not this order's.
        if (terms == null || !CancelRejectTranslator.NONE.equals(terms.orderId) && !terms.orderId.equals(report.orderId()))
        {
            return;
        }
        if (knownOrderId)
        {
            terms.orderId = report.orderId();
        }
        if (report.ordStatus() != null)
        {
            terms.ordStatus = report.ordStatus();
        }
        if (!report.isCancelReject() && isFinal(report.ordStatus()))
        {
            for (final String clOrdId : terms.clOrdIds)
            {
                byClOrdId.remove(clOrdId);
            }
        }
    }

    /** ClOrdIDs known, for tests and views. */
    int size()
    {
        return byClOrdId.size();
    }

    private void link(final Terms terms, final String clOrdId)
    {
        terms.clOrdIds.add(clOrdId);
        byClOrdId.put(clOrdId, terms);
    }

    private static boolean isFinal(final OrdStatus status)
    {
        return status == OrdStatus.FILLED || status == OrdStatus.CANCELED || status == OrdStatus.EXPIRED ||
            status == OrdStatus.REJECTED;
    }
}
