package io.slipway.journal;

import io.slipway.app.OmsReportLedger;
import io.slipway.app.RecoverableAppliance;
import io.slipway.app.Worlds;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.oms.StrategyParameter;
import io.slipway.sim.market.SimulatedDealer;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.venue.VenueOrderStatus;
import io.slipway.venue.VenueStatusQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journaled core asks dealers: requests for quote leave through the output gate, quotes and
 * declines are journal inputs, takes go through the card and are reconciled against the dealer's
 * own record. A replay rebuilds the dealers' side bit for bit; a crash after a quote was received
 * neither accepts it twice nor loses the dealer's fill, and dealer fills count in CumQty once.
 */
class DealerQuotesAcrossCrashTest
{
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    @TempDir
    File directory;

    private final OmsReportLedger oms = new OmsReportLedger();

    private RecoverableAppliance appliance(final long seed)
    {
        return new RecoverableAppliance(Worlds.simulated(seed, ScenarioLoader.loadNamed("dealer-rich"))
            .warmUpNs(TimeUnit.SECONDS.toNanos(20)), new JournalContext().directory(directory), oms, record -> { });
    }

    private static void sell(final RecoverableAppliance appliance, final long readyNs)
    {
        appliance.submit(new NewParentOrder("DQ-1", "BTC-USD", '2', "60", 1, NewParentOrder.NO_TIME,
            readyNs + 20 * MINUTE, null, List.of(new StrategyParameter("RfqAllowed", 13, "Y")), "CLIENT"));
    }

    @Test
    void replayRebuildsTheDealersSideBitForBit()
    {
        try (RecoverableAppliance appliance = appliance(11))
        {
            final long readyNs = appliance.warmUp();
            sell(appliance, readyNs);
            appliance.runUntil(readyNs + 8 * MINUTE);

            final JournaledCore live = appliance.core();
            assertTrue(live.core().rfqsSent() > 0, "dealers were asked");
            assertTrue(live.core().quotesTaken() > 0, "a quote was taken");
            assertTrue(live.gate().requestsOut() > 0, "requests reached the dealers' sessions");
            final String liveState = live.core().describeState();
            final long liveDigest = live.gate().digest();
            final long appended = live.writer().messages();
            assertTrue(liveState.contains("\nrfq sequence="), liveState);
            appliance.crash();

            final int[] counts = countTemplates(appliance.journal());
            assertTrue(counts[InputTemplates.DEALER_QUOTE] > 0, "quotes are journaled");
            assertTrue(counts[InputTemplates.DEALER_QUOTE] + counts[InputTemplates.DEALER_DECLINE] <=
                live.core().rfqsSent(), "no answer without a request");

            final JournaledCore replayed = new JournaledCore(appliance.context().coreContext(),
                appliance.tradingVenues(), new RefusingChildOrders(), report ->
                {
                    throw new AssertionError("a replay sent a report: " + report);
                }, record -> { }).rfqs((venueId, rfqId, instrument, side, quantity) ->
                {
                    throw new AssertionError("a replay asked dealer " + venueId + " again for rfq " + rfqId);
                });
            assertEquals(appended, replayed.recover(appliance.journal()));
            replayed.close();
            assertEquals(liveState, replayed.core().describeState());
            assertEquals(liveDigest, replayed.gate().digest());
            assertEquals(live.gate().requestsOut(), replayed.gate().suppressedRequests());
            assertEquals(0, replayed.gate().requestsOut());
        }
    }

    /**
     * The process dies as the gate lets out the take of a quote it had recorded: the dealer never
     * sees it. The replayed core holds the take at the card; reconciliation finds no such order at
     * the dealer and closes it unfilled, so the quote is never accepted, let alone twice, and the
     * parent places that quantity again.
     */
    @Test
    void aQuoteTakenButNeverSentIsNotAcceptedAfterTheCrash()
    {
        try (RecoverableAppliance appliance = appliance(11))
        {
            final long readyNs = appliance.warmUp();
            sell(appliance, readyNs);
            appliance.dieBeforeNextOrderLeavesFor(dealerMask(appliance));
            while (!appliance.hasDied() && appliance.nowNs() < readyNs + 20 * MINUTE && appliance.step())
            {
                // until the first take leaves
            }
            assertTrue(appliance.hasDied(), "a quote was taken");
            final long[] found = openChildAtADealer(appliance);
            final long take = found[0];
            final int dealer = (int)found[1];
            final int takenBefore = (int)appliance.core().core().quotesTaken();
            appliance.crash();
            assertTrue(countTemplates(appliance.journal())[InputTemplates.DEALER_QUOTE] > 0,
                "the quote was journaled before the crash");

            appliance.runUntil(appliance.nowNs() + appliance.settleNs());
            appliance.restart();
            assertEquals(takenBefore, appliance.core().core().quotesTaken(), "the replay took the same quote, unsent");
            final ReconcileResult reconciled = appliance.reconciliations().get(0);
            assertEquals(0, reconciled.anomalies(), reconciled.differences().toString());
            assertTrue(reconciled.differences().contains("child " + take + " is not at venue " + dealer +
                ": closed unfilled"), reconciled.differences().toString());

            appliance.runWhileActive(readyNs + 30 * MINUTE);
            assertEquals(VenueOrderStatus.State.NOT_FOUND, appliance.venueQueries()[dealer].status(take).state(),
                "the take never reached the dealer, before or after the restart");
            audit(appliance);
        }
    }

    /**
     * The process dies with a take on its way to the dealer, which fills it while nobody listens:
     * the fill is lost with the process. Reconciliation asks the dealer, injects the fill once, and
     * CumQty equals what every venue, dealers included, filled.
     */
    @Test
    void aDealerFillLostWithTheProcessIsReconciledAndCountedOnce()
    {
        try (RecoverableAppliance appliance = appliance(11))
        {
            final long readyNs = appliance.warmUp();
            sell(appliance, readyNs);
            while (appliance.core().core().quotesTaken() == 0 && appliance.nowNs() < readyNs + 20 * MINUTE &&
                appliance.step())
            {
                // until the first take leaves
            }
            assertTrue(appliance.core().core().quotesTaken() > 0, "a quote was taken and its take sent");
            final long[] found = openChildAtADealer(appliance);
            final long take = found[0];
            final int dealer = (int)found[1];
            final long droppedBefore = appliance.droppedReports();
            appliance.crash();
            appliance.runUntil(appliance.nowNs() + appliance.settleNs());
            assertTrue(appliance.droppedReports() > droppedBefore, "the dealer's answer reached no one");
            final VenueOrderStatus atDealer = appliance.venueQueries()[dealer].status(take);
            assertEquals(VenueOrderStatus.State.DONE, atDealer.state(), "the dealer filled the take: " + atDealer);
            assertTrue(atDealer.filledQuantity() > 0);

            appliance.restart();
            final ReconcileResult reconciled = appliance.reconciliations().get(0);
            assertEquals(0, reconciled.anomalies(), reconciled.differences().toString());
            assertTrue(reconciled.differences().contains("child " + take + " at venue " + dealer +
                ": 1 missed fill(s)"), reconciled.differences().toString());

            appliance.runWhileActive(readyNs + 30 * MINUTE);
            final long dealerFilled = audit(appliance);
            assertTrue(dealerFilled >= atDealer.filledQuantity(), "the reconciled dealer fill is in CumQty");
        }
    }

    /**
     * The process dies with requests for quote out and unanswered: the dealers' quotes reach no
     * one. The replayed core holds the same open requests, decides them at their deadline without
     * those answers, takes nothing it was not recorded to have been offered, and the order completes.
     */
    @Test
    void quotesThatArriveWhileTheApplianceIsDownAreNeverTaken()
    {
        try (RecoverableAppliance appliance = appliance(12))
        {
            final long readyNs = appliance.warmUp();
            sell(appliance, readyNs);
            while (appliance.core().core().rfqsSent() == 0 && appliance.nowNs() < readyNs + 20 * MINUTE &&
                appliance.step())
            {
                // until the first requests leave
            }
            final String atCrash = appliance.core().core().describeState();
            assertTrue(atCrash.contains("\nrfq 1 "), "a request is open: " + atCrash);
            final long takenBefore = appliance.core().core().quotesTaken();
            final long droppedBefore = appliance.droppedQuotes();
            appliance.crash();
            appliance.runUntil(appliance.nowNs() + appliance.settleNs());
            assertTrue(appliance.droppedQuotes() > droppedBefore, "the dealers' answers reached no one");

            appliance.restart();
            final String replayed = appliance.core().core().describeState();
            assertTrue(replayed.contains("\nrfq 1 "), "the replayed core waits on the same request: " + replayed);
            appliance.runUntil(appliance.nowNs() + TimeUnit.SECONDS.toNanos(2));
            assertEquals(takenBefore, appliance.core().core().quotesTaken(), "no quote taken that was never recorded");
            appliance.runWhileActive(readyNs + 30 * MINUTE);
            audit(appliance);
        }
    }

    /**
     * The parent's end state against the venues: no order reached any venue twice, none is left
     * open, the OMS saw every ExecID once, the fill reports add up to CumQty, and CumQty equals the
     * venues' filled total, dealers included. Returns the dealers' part of it.
     */
    private long audit(final RecoverableAppliance appliance)
    {
        long venueFilled = 0;
        long dealerFilled = 0;
        final VenueStatusQuery[] queries = appliance.venueQueries();
        final int dealers = dealerMask(appliance);
        for (int venueId = 0; venueId < queries.length; venueId++)
        {
            if (queries[venueId] == null)
            {
                continue;
            }
            for (final long id : queries[venueId].hostOrderIds())
            {
                final VenueOrderStatus status = queries[venueId].status(id);
                assertEquals(1, status.received(), "child " + id + " reached venue " + venueId + " once");
                assertTrue(status.state() != VenueOrderStatus.State.OPEN, "child " + id + " left open");
                venueFilled += status.filledQuantity();
                dealerFilled += ((dealers >>> venueId) & 1) != 0 ? status.filledQuantity() : 0;
            }
        }
        final List<ParentOrderReport> reports = oms.byOrderId().values().iterator().next();
        final Set<String> execIds = new HashSet<>();
        for (final ParentOrderReport report : reports)
        {
            assertTrue(execIds.add(report.execId()), "report " + report.execId() + " reached the OMS twice");
        }
        final ParentOrderReport last = reports.get(reports.size() - 1);
        assertEquals(OrdStatus.FILLED, last.ordStatus(), last.toString());
        assertEquals(last.cumQty(), OmsReportLedger.filledByReports(reports), "fill reports add up to CumQty");
        assertEquals(venueFilled, last.cumQty(), "CumQty equals what the venues filled, dealers included");
        assertTrue(dealerFilled > 0, "dealers filled part of the order");
        return dealerFilled;
    }

    private static int dealerMask(final RecoverableAppliance appliance)
    {
        int mask = 0;
        for (final SimulatedDealer dealer : appliance.market().dealers())
        {
            mask |= 1 << dealer.id();
        }
        return mask;
    }

    /** The open child at a dealer venue (a take: IOC, never rests) as {id, venue id}, or fails. */
    private static long[] openChildAtADealer(final RecoverableAppliance appliance)
    {
        final int dealers = dealerMask(appliance);
        final long[] found = {-1, 0};
        appliance.core().core().forEachOpenChild((id, venueId, atCard, quantity, filled) ->
        {
            if (((dealers >>> venueId) & 1) != 0)
            {
                found[0] = id;
                found[1] = venueId;
            }
        });
        assertTrue(found[0] > 0, "an open take at a dealer");
        return found;
    }

    private static int[] countTemplates(final Journal journal)
    {
        final int[] counts = new int[64];
        journal.replay((buffer, offset, length, header) -> counts[InputDecoder.templateId(buffer, offset, length)]++);
        return counts;
    }
}
