package io.slipway.fix;

import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.OmsHistory;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.oms.ReplaceParentOrder;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the FIX gateway knows of the orders it forwarded to the core: the ClOrdIDs it answered (a
 * PossResend copy of one is dropped), the orders the OMS has been told are working with their
 * current ClOrdID (what cancel-on-disconnect cancels), the terms a replace may not change
 * ({@link OrderTermsBook}) and the last cancel-on-disconnect number (its ClOrdIDs must stay unique).
 *
 * <p>Live, the gateway feeds it as it forwards commands and sends reports. After a restart it is
 * rebuilt from the journal: it is the {@link OmsHistory} a recovered core's replay is given, which
 * hands over every OMS command the core took and every report it made, in order. That is the same
 * sequence the gateway saw live, minus what never reached the core (session rejects, replaces the
 * gateway refused itself, "busy" answers): those changed no order, so a PossResend copy of one is
 * answered again rather than dropped.
 *
 * <p>Not thread-safe: filled by the recovering thread before the gateway starts, then owned by the
 * gateway thread (the thread start orders the two).
 */
public final class GatewayOrderState implements OmsHistory
{
    static final String CANCEL_ON_DISCONNECT_PREFIX = "COD-";

    /** Working orders by OrderID with their current ClOrdID. Sorted, so cancels go to the core in one order. */
    private final Map<String, String> workingOrders = new TreeMap<>();
    private final Set<String> answeredClOrdIds = new HashSet<>();
    private final OrderTermsBook orderTerms = new OrderTermsBook();
    private long cancelOnDisconnectSequence;
    private long commandsReplayed;
    private long reportsReplayed;

    @Override
    public void onCommand(final OmsCommand command)
    {
        commandsReplayed++;
        if (command instanceof NewParentOrder order)
        {
            onOrderForwarded(order);
        }
        else if (command instanceof CancelParentOrder cancel)
        {
            onAmendForwarded(cancel.origClOrdId(), cancel.clOrdId());
            noteCancelOnDisconnect(cancel.clOrdId());
        }
        else if (command instanceof ReplaceParentOrder replace)
        {
            onAmendForwarded(replace.origClOrdId(), replace.clOrdId());
        }
    }

    @Override
    public void onReport(final ParentOrderReport report)
    {
        reportsReplayed++;
        onReportSent(report);
    }

    /** OMS commands this state was rebuilt from. */
    public long commandsReplayed()
    {
        return commandsReplayed;
    }

    /** Reports this state was rebuilt from. */
    public long reportsReplayed()
    {
        return reportsReplayed;
    }

    /** OrderIDs of the orders the OMS was told are working, sorted. */
    public Set<String> workingOrderIds()
    {
        return Set.copyOf(workingOrders.keySet());
    }

    /** True if a command with this ClOrdID reached the core or was answered by the gateway. */
    public boolean isAnswered(final String clOrdId)
    {
        return answeredClOrdIds.contains(clOrdId);
    }

    /** True if the gateway holds the fixed terms of the order a ClOrdID names (it refuses replaces changing them). */
    public boolean hasTerms(final String clOrdId)
    {
        return orderTerms.terms(clOrdId) != null;
    }

    void onOrderForwarded(final NewParentOrder order)
    {
        answeredClOrdIds.add(order.clOrdId());
        orderTerms.onOrderAccepted(order);
    }

    void onAmendForwarded(final String origClOrdId, final String clOrdId)
    {
        answeredClOrdIds.add(clOrdId);
        orderTerms.onAmendForwarded(origClOrdId, clOrdId);
    }

    void onAnswered(final String clOrdId)
    {
        answeredClOrdIds.add(clOrdId);
    }

    void onReportSent(final ParentOrderReport report)
    {
        trackWorking(report);
        orderTerms.onReportSent(report);
    }

    OrderTermsBook orderTerms()
    {
        return orderTerms;
    }

    Map<String, String> workingOrders()
    {
        return workingOrders;
    }

    /** The next cancel-on-disconnect ClOrdID for an order, never one used before (across restarts too). */
    String nextCancelOnDisconnectClOrdId(final String orderId)
    {
        return CANCEL_ON_DISCONNECT_PREFIX + orderId + "-" + (++cancelOnDisconnectSequence);
    }

    private void noteCancelOnDisconnect(final String clOrdId)
    {
        if (clOrdId == null || !clOrdId.startsWith(CANCEL_ON_DISCONNECT_PREFIX))
        {
            return;
        }
        final int dash = clOrdId.lastIndexOf('-');
        try
        {
            cancelOnDisconnectSequence = Math.max(cancelOnDisconnectSequence, Long.parseLong(clOrdId.substring(dash + 1)));
        }
        catch (final NumberFormatException ignore)
        {
            // An OMS's own ClOrdID that happens to start with the prefix: not one of ours.
        }
    }

    private void trackWorking(final ParentOrderReport report)
    {
        if (report.isCancelReject() || CancelRejectTranslator.NONE.equals(report.orderId()))
        {
            return;
        }
        final OrdStatus status = report.ordStatus();
        if (status == OrdStatus.FILLED || status == OrdStatus.CANCELED || status == OrdStatus.EXPIRED ||
            status == OrdStatus.REJECTED)
        {
            workingOrders.remove(report.orderId());
        }
        else if (report.clOrdId() != null)
        {
            workingOrders.put(report.orderId(), report.clOrdId());
        }
    }
}
