package io.slipway.app;

import io.slipway.card.NicLayout;
import io.slipway.domain.Instruments;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.TcaCalculator;
import io.slipway.tca.TcaFormat;
import io.slipway.tca.TcaHtml;
import io.slipway.tca.TcaReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A parent order through the whole pipeline: venues -> SBE -> card -> core -> card risk gate -> venues. */
class SimulatedApplianceEndToEndTest
{
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    /** What one run produced. */
    record Run(List<ParentOrderReport> reports, ExecutionRecord record, SimulatedAppliance appliance)
    {
    }

    private static Run run(final long seed, final String qty, final long horizonNs)
    {
        final List<ParentOrderReport> reports = new ArrayList<>();
        final ExecutionRecord[] done = new ExecutionRecord[1];
        final SimulatedAppliance appliance = new SimulatedAppliance(
            new SimulatedAppliance.Context().seed(seed).instruments(List.of(Instruments.BTC_USD)),
            reports::add, record -> done[0] = record);
        final long ready = appliance.warmUp();
        appliance.submit(new NewParentOrder("e2e-1", "BTC-USD", '2', qty, 1001, NewParentOrder.NO_TIME,
            ready + horizonNs, null));
        appliance.runWhileActive(ready + horizonNs + MINUTE);
        return new Run(reports, done[0], appliance);
    }

    @Test
    void sellOrderIsWorkedThroughTheCardAndFullyFilled()
    {
        final Run run = run(7, "25", 20 * MINUTE);
        final List<ParentOrderReport> reports = run.reports();
        assertEquals(ExecType.NEW, reports.get(0).execType(), reports.get(0).toString());
        final ParentOrderReport last = reports.get(reports.size() - 1);
        assertEquals(OrdStatus.FILLED, last.ordStatus(), last.toString());
        assertEquals(Instruments.BTC_USD.qtyFromDouble(25), last.cumQty());

        // every report keeps CumQty + LeavesQty = OrderQty until done, and AvgPx inside the fills' range
        long cum = 0;
        for (final ParentOrderReport report : reports.subList(1, reports.size()))
        {
            cum += report.lastQty();
            assertEquals(cum, report.cumQty());
            if (report.ordStatus() == OrdStatus.PARTIALLY_FILLED)
            {
                assertEquals(report.orderQty(), report.cumQty() + report.leavesQty());
            }
            assertNotNull(report.lastMarket());
        }

        final ExecutionRecord record = run.record();
        assertNotNull(record, "the parent order finished");
        final TcaReport tca = TcaCalculator.analyse(record);
        assertEquals(1.0, tca.completion(), 1e-12);
        assertTrue(tca.venues().size() >= 2, "a 25 BTC sell should use more than one venue: " + tca.venues());
        assertTrue(tca.fees() > 0);
        assertTrue(Math.abs(tca.shortfallBps()) < 100, "shortfall " + tca.shortfallBps() + " bps is implausible");
        assertTrue(tca.marketVolume() > tca.filledQty(), "the tape includes the rest of the market");
        assertTrue(tca.childOrders() >= 20, "twenty one-minute slices");

        // the card saw all market data and passed every child order
        final SimulatedAppliance appliance = run.appliance();
        assertEquals(0, appliance.ingressDrops(), "no SBE message may be lost at the card");
        assertEquals(0, appliance.feedAlerts(), "no gaps or decode errors on a clean simulated feed");
        assertEquals(0, tca.childRejectsByCard());
        final long sent = appliance.card().readRegister(NicLayout.COUNTERS_BASE + NicLayout.CNT_ORDERS_SENT);
        assertEquals(tca.childOrders(), sent, "every child order left through the card");
    }

    @Test
    void sameSeedSameResultDifferentSeedDifferentResult()
    {
        final ExecutionRecord firstRecord = run(11, "5", 10 * MINUTE).record();
        final ExecutionRecord againRecord = run(11, "5", 10 * MINUTE).record();
        final String first = TcaFormat.json(TcaCalculator.analyse(firstRecord));
        final String again = TcaFormat.json(TcaCalculator.analyse(againRecord));
        final String other = TcaFormat.json(TcaCalculator.analyse(run(12, "5", 10 * MINUTE).record()));
        assertEquals(first, again);
        assertNotEquals(first, other);
        assertEquals(TcaHtml.render(firstRecord, TcaCalculator.analyse(firstRecord)),
            TcaHtml.render(againRecord, TcaCalculator.analyse(againRecord)), "same seed, same HTML");

        // the core sampled the mid at most once a second while the order worked, and the schedule's targets
        assertTrue(firstRecord.midCount() > 60, "mid path of " + firstRecord.midCount() + " samples");
        for (int i = 1; i < firstRecord.midCount(); i++)
        {
            final long gap = firstRecord.midTimeNs(i) - firstRecord.midTimeNs(i - 1);
            assertTrue(gap >= ExecutionRecord.MID_SAMPLE_INTERVAL_NS || i == firstRecord.midCount() - 1, "gap " + gap);
        }
        assertTrue(firstRecord.targetCount() > 1);
        assertEquals(firstRecord.orderQty(), firstRecord.targetQuantity(firstRecord.targetCount() - 1));
        for (int i = 0; i < firstRecord.fillCount(); i++)
        {
            assertTrue(firstRecord.fillHalfSpread(i) >= 0, "half-spread at fill " + i);
        }
    }

    @Test
    void killSwitchStopsEveryChildAtTheCard()
    {
        final List<ParentOrderReport> reports = new ArrayList<>();
        final ExecutionRecord[] done = new ExecutionRecord[1];
        final SimulatedAppliance appliance = new SimulatedAppliance(
            new SimulatedAppliance.Context().seed(3).instruments(List.of(Instruments.BTC_USD)),
            reports::add, record -> done[0] = record);
        final long ready = appliance.warmUp();
        appliance.card().writeRegister(NicLayout.RISK_BASE + NicLayout.RISK_CONTROL, NicLayout.RISK_CONTROL_KILL);
        appliance.submit(new NewParentOrder("k-1", "BTC-USD", '2', "2", 1001, NewParentOrder.NO_TIME,
            ready + 5 * MINUTE, null));
        appliance.runWhileActive(ready + 6 * MINUTE);

        final ParentOrderReport last = reports.get(reports.size() - 1);
        assertEquals(OrdStatus.EXPIRED, last.ordStatus(), last.toString());
        assertEquals(0, last.cumQty());
        assertTrue(done[0].childOrders() > 0);
        assertEquals(done[0].childOrders(), done[0].childRejectsByCard(), "the card refused every child");
        assertEquals(0, appliance.card().readRegister(NicLayout.COUNTERS_BASE + NicLayout.CNT_ORDERS_SENT));
        assertTrue(appliance.card().readRegister(
            NicLayout.reasonCounterAddress(NicLayout.REASON_KILL_SWITCH)) > 0);
    }
}
