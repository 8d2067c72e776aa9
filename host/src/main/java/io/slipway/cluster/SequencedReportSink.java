package io.slipway.cluster;

import io.slipway.oms.OmsReportSink;
import io.slipway.oms.ParentOrderReport;

/**
 * Where a leader's OMS reports go when the receiver delivers each exactly once across a leader
 * change: every report carries its report sequence, its place among all the reports the core has
 * made (1, 2, 3, ..., the same on every member because the core is deterministic). The receiver
 * delivers them in that order, drops a sequence it has delivered and waits for a missing one,
 * which the next leader sends again (see {@link ClusterOmsBridge}).
 */
public interface SequencedReportSink extends OmsReportSink
{
    void onReport(long reportSequence, ParentOrderReport report);
}
