package io.slipway.journal;

import io.slipway.app.RecoverableAppliance;
import io.slipway.app.Worlds;
import io.slipway.core.CoreRiskLimit;
import io.slipway.core.Strategy;
import io.slipway.domain.ChildOrderIds;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.ParentOrderReport;
import io.slipway.oms.ParentStatusRequest;
import io.slipway.oms.ReplaceParentOrder;
import io.slipway.oms.StrategyParameter;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.venue.VenueStatusQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live run's journal replayed into a fresh core gives the same state, text for text, and the
 * same outputs in the same order (the output digest), with nothing sent while replaying.
 */
class JournalReplayTest
{
    @TempDir
    File directory;

    @ParameterizedTest
    @CsvSource({"11,TWAP", "12,IS", "13,ADAPTIVE_AC", "14,VWAP"})
    void replayRebuildsTheLiveStateBitForBit(final long seed, final Strategy strategy)
    {
        final JournalContext journalContext = new JournalContext().directory(directory);
        try (RecoverableAppliance appliance = new RecoverableAppliance(
            Worlds.simulated(seed, ScenarioLoader.loadNamed("calm")).warmUpNs(TimeUnit.SECONDS.toNanos(20)), journalContext,
            report -> { }, record -> { }))
        {
            final long readyNs = appliance.warmUp();
            final long expireNs = readyNs + TimeUnit.MINUTES.toNanos(10);
            appliance.submit(new NewParentOrder("REPLAY-" + seed, "BTC-USD", '2', "6", strategy.fixCode(),
                NewParentOrder.NO_TIME, expireNs, null));
            appliance.runUntil(readyNs + TimeUnit.MINUTES.toNanos(4));

            final JournaledCore live = appliance.core();
            final String liveState = live.core().describeState();
            final long liveDigest = live.gate().digest();
            final long liveChildren = live.gate().childOrdersOut();
            final long appended = live.writer().messages();
            assertTrue(liveChildren > 0, "the order must have sent children by then");
            assertEquals(1, live.core().activeParentCount());
            appliance.crash();

            final JournaledCore replayed = new JournaledCore(appliance.context().coreContext(),
                appliance.tradingVenues(), new RefusingChildOrders(), report ->
                {
                    throw new AssertionError("a replay sent a report: " + report);
                }, record ->
                {
                    throw new AssertionError("a replay finished an order");
                });
            final long inputs = replayed.recover(appliance.journal());
            replayed.close();

            assertEquals(appended, inputs);
            assertEquals(liveState, replayed.core().describeState());
            assertEquals(liveDigest, replayed.gate().digest());
            assertEquals(liveChildren, replayed.gate().suppressedChildOrders());
            assertEquals(0, replayed.gate().childOrdersOut());
        }
    }

    /**
     * OMS commands mid-execution: orders with strategy parameters and clients, status requests
     * (known and unknown order), a replace, a refused replace and a cancel sent while a child is
     * out. The replay must rebuild the same state and make the same outputs, cancels included,
     * while sending nothing.
     */
    @Test
    void replayRebuildsStateAfterCancelReplaceAndStatus()
    {
        final List<ParentOrderReport> liveReports = new ArrayList<>();
        final JournalContext journalContext = new JournalContext().directory(directory);
        try (RecoverableAppliance appliance = new RecoverableAppliance(
            Worlds.simulated(21, ScenarioLoader.loadNamed("calm")).warmUpNs(TimeUnit.SECONDS.toNanos(20)), journalContext,
            liveReports::add, record -> { }))
        {
            final long readyNs = appliance.warmUp();
            final long expireNs = readyNs + TimeUnit.MINUTES.toNanos(10);
            appliance.submit(new NewParentOrder("A", "BTC-USD", '1', "6", Strategy.IS.fixCode(),
                NewParentOrder.NO_TIME, expireNs, null, List.of(new StrategyParameter("Urgency", 14, "HIGH"),
                new StrategyParameter("MaxParticipation", 11, "0.9")), "DESK-1"));
            appliance.submit(new NewParentOrder("B", "BTC-USD", '2', "4", Strategy.TWAP.fixCode(),
                NewParentOrder.NO_TIME, expireNs, null, List.of(), "DESK-2"));
            appliance.submit(new NewParentOrder("C", "BTC-USD", '2', "3", Strategy.VWAP.fixCode(),
                NewParentOrder.NO_TIME, expireNs, null, List.of(new StrategyParameter("MinSlice", 7, "0.01")),
                "DESK-2"));
            appliance.runUntil(readyNs + TimeUnit.MINUTES.toNanos(1));

            appliance.submit(new ParentStatusRequest("A", null, "BTC-USD", '1'));
            appliance.submit(new ParentStatusRequest("NOPE", null, "BTC-USD", '1'));
            appliance.submit(new ReplaceParentOrder("B-2", "B", null, "BTC-USD", '2', "5", NewParentOrder.NO_TIME,
                null));
            appliance.submit(new ReplaceParentOrder("C-2", "C", null, "BTC-USD", '1', "3", NewParentOrder.NO_TIME,
                null));
            appliance.runUntil(readyNs + TimeUnit.MINUTES.toNanos(2));

            // Cancel A while one of the children is out, so the core has a child to cancel.
            final JournaledCore live = appliance.core();
            int steps = 0;
            while (live.core().openChildCount() == 0 && steps++ < 100_000 && appliance.step())
            {
                // next event
            }
            assertTrue(live.core().openChildCount() > 0, "a child must be out to cancel");
            appliance.submit(new CancelParentOrder("A-X", "A", null));
            appliance.submit(new CancelParentOrder("B-X", "B-2", null));
            appliance.runUntil(appliance.nowNs() + TimeUnit.SECONDS.toNanos(30));

            final String liveState = live.core().describeState();
            final long liveDigest = live.gate().digest();
            final long appended = live.writer().messages();
            assertTrue(has(liveReports, ExecType.ORDER_STATUS, "A"), "status of A answered");
            assertTrue(has(liveReports, ExecType.ORDER_STATUS, "NOPE"), "status of an unknown order answered");
            assertTrue(has(liveReports, ExecType.REPLACED, "B-2"), "B replaced");
            assertTrue(liveReports.stream().anyMatch(r -> r.cancelReject() != null && "C-2".equals(r.clOrdId())),
                "a replace that changes the side is refused");
            assertTrue(has(liveReports, ExecType.CANCELED, "A-X") || has(liveReports, ExecType.PENDING_CANCEL, "A-X"),
                "A cancel accepted");
            assertTrue(liveState.contains(" C client=DESK-2 "), "C still works: " + liveState);
            final long liveCancels = live.gate().cancelsOut() + live.gate().cancelsAwaitingRetry();
            assertTrue(live.gate().cancelsOut() > 0, "a cancel went to the card for the child that was out");
            appliance.crash();

            final JournaledCore replayed = new JournaledCore(appliance.context().coreContext(),
                appliance.tradingVenues(), new RefusingChildOrders(), report ->
                {
                    throw new AssertionError("a replay sent a report: " + report);
                }, record ->
                {
                    throw new AssertionError("a replay finished an order");
                });
            final long inputs = replayed.recover(appliance.journal());
            replayed.close();

            assertEquals(appended, inputs);
            assertEquals(liveState, replayed.core().describeState());
            assertEquals(liveDigest, replayed.gate().digest());
            assertEquals(liveCancels, replayed.gate().suppressedCancels());
            assertEquals(liveReports.size(), replayed.gate().suppressedReports());
            assertEquals(0, replayed.gate().cancelsOut());
            assertNotEquals(0, liveReports.size());
        }
    }

    /**
     * Operator commands mid-run are journal inputs: a kill of one parent, a venue killed and
     * resumed, routing disabled, a risk limit changed. The replay rebuilds the same operator state
     * (the killed parent still held) and outputs, a refused command leaves no trace in the journal,
     * and after a crash and restart the killed parent places nothing more while the other goes on.
     */
    @Test
    void replayReproducesAnOperatorKillMidRun()
    {
        final JournalContext journalContext = new JournalContext().directory(directory);
        try (RecoverableAppliance appliance = new RecoverableAppliance(
            Worlds.simulated(23, ScenarioLoader.loadNamed("calm")).warmUpNs(TimeUnit.SECONDS.toNanos(20)), journalContext,
            report -> { }, record -> { }))
        {
            final long readyNs = appliance.warmUp();
            final long expireNs = readyNs + TimeUnit.MINUTES.toNanos(10);
            appliance.submit(new NewParentOrder("KA", "BTC-USD", '1', "6", Strategy.TWAP.fixCode(),
                NewParentOrder.NO_TIME, expireNs, null));
            appliance.submit(new NewParentOrder("KB", "BTC-USD", '2', "4", Strategy.TWAP.fixCode(),
                NewParentOrder.NO_TIME, expireNs, null));
            appliance.runUntil(readyNs + TimeUnit.MINUTES.toNanos(1));

            final JournaledCore live = appliance.core();
            final int venue = appliance.tradingVenues().get(0).id();
            final long before = live.writer().messages();
            assertThrows(IllegalArgumentException.class, () -> appliance.operate(nowNs -> live.killVenue(60, nowNs)));
            assertThrows(IllegalArgumentException.class,
                () -> appliance.operate(nowNs -> { live.setRiskLimit(CoreRiskLimit.REDUCING_FACTOR, 2.0, nowNs); return null; }));
            final int unknown = appliance.operate(nowNs -> live.killParent("NO-SUCH-ORDER", nowNs));
            assertEquals(-1, unknown, "a kill of no working order is answered -1");
            assertEquals(before, live.writer().messages(), "refused commands are not journaled");

            appliance.operate(nowNs -> live.killParent("KA", nowNs));
            appliance.operate(nowNs -> live.killVenue(venue, nowNs));
            appliance.operate(nowNs ->
            {
                live.setRiskLimit(CoreRiskLimit.SCHEDULE_AHEAD_TOLERANCE, 0.2, nowNs);
                live.resumeVenue(venue, nowNs);
                live.enableVenue(venue, false, nowNs);
                return null;
            });
            // Five commands, each one input, plus whatever the card answered to the cancels they caused.
            assertTrue(live.writer().messages() >= before + 5, "each operator command is a journal input");
            // A child the card let out just before the kill is still on its way to the venue.
            appliance.runUntil(appliance.nowNs() + appliance.settleNs());
            final long killedChildren = childrenAtVenues(appliance, 1);
            appliance.runUntil(readyNs + TimeUnit.MINUTES.toNanos(2));
            assertEquals(killedChildren, childrenAtVenues(appliance, 1), "a killed parent places nothing");

            final String liveState = live.core().describeState();
            final long liveDigest = live.gate().digest();
            assertTrue(liveState.contains(" KA client=") && liveState.contains("operatorHeld=true"), liveState);
            assertTrue(liveState.contains("disabledVenues=" + (1 << venue)), liveState);
            assertEquals(0.2, live.core().riskLimit(CoreRiskLimit.SCHEDULE_AHEAD_TOLERANCE));
            appliance.crash();

            final JournaledCore replayed = new JournaledCore(appliance.context().coreContext(),
                appliance.tradingVenues(), new RefusingChildOrders(), report -> { }, record -> { });
            replayed.replay(appliance.journal());
            assertEquals(liveState, replayed.core().describeState(), "the replay rebuilds the operator's state");
            assertEquals(liveDigest, replayed.gate().digest());

            appliance.runUntil(appliance.nowNs() + appliance.settleNs());
            appliance.restart();
            final long otherBefore = childrenAtVenues(appliance, 2);
            appliance.runWhileActive(expireNs + TimeUnit.MINUTES.toNanos(1));
            assertEquals(killedChildren, childrenAtVenues(appliance, 1), "still held after the restart");
            assertTrue(childrenAtVenues(appliance, 2) > otherBefore, "the other order went on");
            assertEquals(0.2, appliance.core().core().riskLimit(CoreRiskLimit.SCHEDULE_AHEAD_TOLERANCE));
        }
    }

    /**
     * A card limit changed by the operator is a journal input: after a crash the replayed core and
     * the restarted appliance both hold the last value, not the configured one, and a malformed
     * change is refused before it is recorded.
     */
    @Test
    void cardLimitChangeSurvivesACrash()
    {
        final JournalContext journalContext = new JournalContext().directory(directory);
        try (RecoverableAppliance appliance = new RecoverableAppliance(
            Worlds.simulated(29, ScenarioLoader.loadNamed("calm")).warmUpNs(TimeUnit.SECONDS.toNanos(20)), journalContext,
            report -> { }, record -> { }))
        {
            appliance.warmUp();
            final JournaledCore live = appliance.core();
            assertTrue(live.cardLimits().isEmpty(), "nothing changed yet");
            final long before = live.writer().messages();
            assertThrows(JournalFormatException.class,
                () -> appliance.operate(nowNs -> { live.setCardLimit("collarBps", "-5", nowNs); return null; }));
            assertThrows(JournalFormatException.class,
                () -> appliance.operate(nowNs -> { live.setCardLimit("collar bps", "5", nowNs); return null; }));
            assertEquals(before, live.writer().messages(), "a refused card limit is not journaled");

            appliance.operate(nowNs ->
            {
                live.setCardLimit("collarBps", "40", nowNs);
                live.setCardLimit("maxOrderQty", "2.5", nowNs);
                live.setCardLimit("collarBps", "50", nowNs);
                return null;
            });
            assertEquals(before + 3, live.writer().messages());
            assertEquals(java.util.Map.of("collarBps", "50", "maxOrderQty", "2.5"), live.cardLimits());
            appliance.crash();

            final JournaledCore replayed = new JournaledCore(appliance.context().coreContext(),
                appliance.tradingVenues(), new RefusingChildOrders(), report -> { }, record -> { });
            replayed.replay(appliance.journal());
            assertEquals(java.util.Map.of("collarBps", "50", "maxOrderQty", "2.5"), replayed.cardLimits(),
                "the replay rebuilds the card limits, last value wins");

            appliance.runUntil(appliance.nowNs() + appliance.settleNs());
            appliance.restart();
            assertEquals(java.util.Map.of("collarBps", "50", "maxOrderQty", "2.5"), appliance.core().cardLimits(),
                "the restarted appliance holds them");
        }
    }

    private static long childrenAtVenues(final RecoverableAppliance appliance, final long parentSequence)
    {
        long count = 0;
        for (final VenueStatusQuery query : appliance.venueQueries())
        {
            if (query != null)
            {
                for (final long id : query.hostOrderIds())
                {
                    count += ChildOrderIds.parentSequence(id) == parentSequence ? 1 : 0;
                }
            }
        }
        return count;
    }

    private static boolean has(final List<ParentOrderReport> reports, final ExecType type, final String clOrdId)
    {
        for (final ParentOrderReport report : reports)
        {
            if (report.execType() == type && clOrdId.equals(report.clOrdId()))
            {
                return true;
            }
        }
        return false;
    }
}
