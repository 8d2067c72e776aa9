package io.slipway.app;

import io.slipway.oms.DeliveredReports;
import io.slipway.oms.ExecType;
import io.slipway.oms.OmsReportSink;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OMS side of a drill: every report the appliance let out, by ClOrdID, in arrival order. It
 * is also what a recovered core asks about its replayed reports: one this OMS does not hold is
 * let out again.
 */
public final class OmsReportLedger implements OmsReportSink, DeliveredReports
{
    private final Map<String, List<ParentOrderReport>> reports = new LinkedHashMap<>();
    private final List<ParentOrderReport> arrived = new ArrayList<>();
    private final Set<String> execIds = new HashSet<>();

    @Override
    public void onReport(final ParentOrderReport report)
    {
        reports.computeIfAbsent(report.clOrdId(), id -> new ArrayList<>()).add(report);
        arrived.add(report);
        execIds.add(report.execId());
    }

    @Override
    public boolean delivered(final String execId)
    {
        return execIds.contains(execId);
    }

    public Map<String, List<ParentOrderReport>> byClOrdId()
    {
        return reports;
    }

    /**
     * Reports per order, by OrderID, in arrival order: a cancel or replace gives the order a new
     * ClOrdID, so this is the view that follows one order to its end. Reports that name no known
     * order (OrderID NONE) are left out.
     */
    public Map<String, List<ParentOrderReport>> byOrderId()
    {
        final Map<String, List<ParentOrderReport>> byOrder = new LinkedHashMap<>();
        for (final ParentOrderReport report : arrived)
        {
            if (report.orderId() != null && !"NONE".equals(report.orderId()))
            {
                byOrder.computeIfAbsent(report.orderId(), id -> new ArrayList<>()).add(report);
            }
        }
        return byOrder;
    }

    /** Sum of LastQty over the fill reports of one order. */
    public static long filledByReports(final List<ParentOrderReport> reports)
    {
        long total = 0;
        for (final ParentOrderReport report : reports)
        {
            if (report.execType() == ExecType.PARTIAL_FILL || report.execType() == ExecType.FILL)
            {
                total += report.lastQty();
            }
        }
        return total;
    }

    public static boolean isFinal(final OrdStatus status)
    {
        return status == OrdStatus.FILLED || status == OrdStatus.EXPIRED || status == OrdStatus.REJECTED ||
            status == OrdStatus.CANCELED;
    }
}
