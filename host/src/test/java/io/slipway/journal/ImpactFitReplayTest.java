package io.slipway.journal;

import io.slipway.analytics.ImpactFit;
import io.slipway.app.RecoverableAppliance;
import io.slipway.app.Worlds;
import io.slipway.core.Strategy;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.ParentOrderReport;
import io.slipway.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feedback loop's refit enters the core as the journal input IMPACT_FIT: parents arriving after it are worked at
 * it (their schedule and New report), a parent already working keeps the fit it started with, and a replay of the
 * journal meets the input in order and rebuilds the same state and outputs.
 */
class ImpactFitReplayTest
{
    private static final ImpactFit REFIT = new ImpactFit(4.0, 1.0, 7, 7 / 12.0, 0.25, "refit.yaml");

    @TempDir
    File directory;

    @Test
    void aNewFitReachesParentsArrivingAfterItAndAReplayMeetsItInOrder()
    {
        final List<ParentOrderReport> reports = new ArrayList<>();
        try (RecoverableAppliance appliance = new RecoverableAppliance(
            Worlds.simulated(41, ScenarioLoader.loadNamed("calm")).warmUpNs(TimeUnit.SECONDS.toNanos(20)),
            new JournalContext().directory(directory), reports::add, record -> { }))
        {
            final long readyNs = appliance.warmUp();
            final long expireNs = readyNs + TimeUnit.MINUTES.toNanos(20);
            final JournaledCore live = appliance.core();
            assertNull(live.core().impactFit(), "no feedback file: the calibrated impact");
            appliance.submit(new NewParentOrder("BEFORE", "BTC-USD", '2', "6", Strategy.IS.fixCode(),
                NewParentOrder.NO_TIME, expireNs, null));
            appliance.runUntil(readyNs + TimeUnit.MINUTES.toNanos(1));

            final long inputs = live.writer().messages();
            appliance.operate(nowNs ->
            {
                live.setImpactFit(REFIT, nowNs);
                return null;
            });
            assertEquals(inputs + 1, live.writer().messages(), "the fit is one journal input");
            assertEquals(REFIT, live.core().impactFit());
            assertThrows(IllegalArgumentException.class, () -> appliance.operate(nowNs ->
            {
                live.setImpactFit(null, nowNs);
                return null;
            }));
            assertEquals(inputs + 1, live.writer().messages(), "a refused fit is not journaled");

            appliance.submit(new NewParentOrder("AFTER", "BTC-USD", '2', "6", Strategy.IS.fixCode(),
                NewParentOrder.NO_TIME, expireNs, null));
            appliance.runUntil(readyNs + TimeUnit.MINUTES.toNanos(3));

            final String before = newReport(reports, "BEFORE").text();
            final String after = newReport(reports, "AFTER").text();
            assertTrue(!before.contains("schedule solved at"), before);
            assertTrue(after.endsWith("; schedule solved at " + REFIT.describe()), after);
            final String liveState = live.core().describeState();
            assertTrue(liveState.matches("(?s).* BEFORE client=[^\\n]* impactY=calibrated .*"), liveState);
            assertTrue(liveState.matches("(?s).* AFTER client=[^\\n]* impactY=4.0 .*"), liveState);
            final long liveDigest = live.gate().digest();
            appliance.crash();

            final JournaledCore replayed = new JournaledCore(appliance.context().coreContext(),
                appliance.tradingVenues(), new RefusingChildOrders(), report ->
                {
                    throw new AssertionError("a replay sent a report: " + report);
                }, record -> { });
            replayed.replay(appliance.journal());
            assertEquals(liveState, replayed.core().describeState(), "the replay worked each parent at its own fit");
            assertEquals(liveDigest, replayed.gate().digest(), "and made the same outputs in the same order");
            assertEquals(REFIT, replayed.core().impactFit());
        }
    }

    private static ParentOrderReport newReport(final List<ParentOrderReport> reports, final String clOrdId)
    {
        for (final ParentOrderReport report : reports)
        {
            if (report.clOrdId().equals(clOrdId) && report.execType() == ExecType.NEW)
            {
                return report;
            }
        }
        throw new AssertionError("no New report for " + clOrdId);
    }
}
