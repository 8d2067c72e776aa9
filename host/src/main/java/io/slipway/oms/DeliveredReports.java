package io.slipway.oms;

/**
 * What the OMS side already holds of the core's reports, asked when a recovered core replays its
 * journal. A replayed report is normally suppressed, since the run that recorded its input let it
 * out; one that never reached a durable place on the way to the OMS (released by the core, not
 * yet written by the FIX gateway when the process died) is let out again instead. A report is
 * named by its ExecID, which the core derives from the parent and the parent's report sequence,
 * so a replay regenerates the same ExecID for the same report.
 */
@FunctionalInterface
public interface DeliveredReports
{
    /** Every replayed report counts as delivered: the behaviour when the OMS sink is synchronous. */
    DeliveredReports ALL = execId -> true;

    /** True when the report with this ExecID is durably on its way to the OMS or already there. */
    boolean delivered(String execId);
}
