package io.slipway.app;

import io.slipway.oms.ExecType;
import io.slipway.oms.OmsReportSink;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OMS side of a drill: every report the appliance let out, by ClOrdID, in arrival order. */
public final class OmsReportLedger implements OmsReportSink
{
    private final Map<String, List<ParentOrderReport>> reports = new LinkedHashMap<>();

    @Override
    public void onReport(final ParentOrderReport report)
    {
        reports.computeIfAbsent(report.clOrdId(), id -> new ArrayList<>()).add(report);
    }

    public Map<String, List<ParentOrderReport>> byClOrdId()
    {
        return reports;
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
        return status == OrdStatus.FILLED || status == OrdStatus.EXPIRED || status == OrdStatus.REJECTED;
    }
}
