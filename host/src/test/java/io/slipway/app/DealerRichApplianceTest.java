package io.slipway.app;

import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.oms.StrategyParameter;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.tca.DealerBreakdown;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.Markout;
import io.slipway.tca.TcaCalculator;
import io.slipway.tca.TcaFormat;
import io.slipway.tca.TcaReport;
import io.slipway.tca.VenueBreakdown;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole appliance on the "dealer-rich" scenario with RFQ allowed: dealers are asked for
 * partial sizes, some quotes are taken through the card, and the TCA shows the dealer fills in
 * its venue breakdown, a dealer breakdown, and markouts observed five minutes past completion.
 */
class DealerRichApplianceTest
{
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    record Outcome(List<ParentOrderReport> reports, ExecutionRecord record, ExecutionRecord postTrade,
        SimulatedAppliance appliance)
    {
    }

    static Outcome run(final boolean rfqAllowed, final long seed)
    {
        final List<ParentOrderReport> reports = new ArrayList<>();
        final ExecutionRecord[] done = new ExecutionRecord[2];
        final SimulatedAppliance appliance = new SimulatedAppliance(
            Worlds.simulated(seed, ScenarioLoader.loadNamed("dealer-rich")), reports::add,
            new io.slipway.core.ParentOrderListener()
            {
                public void onParentDone(final ExecutionRecord record)
                {
                    done[0] = record;
                }

                public void onPostTradeDone(final ExecutionRecord record)
                {
                    done[1] = record;
                }
            });
        final long ready = appliance.warmUp();
        appliance.submit(new NewParentOrder("dr-1", "BTC-USD", '2', "60", 1, NewParentOrder.NO_TIME,
            ready + 20 * MINUTE, null, List.of(new StrategyParameter("RfqAllowed", 13, rfqAllowed ? "Y" : "N")),
            "CLIENT"));
        appliance.runWhileActive(ready + 30 * MINUTE);
        appliance.runWhilePostTrade(appliance.nowNs() + 7 * MINUTE);
        return new Outcome(reports, done[0], done[1], appliance);
    }

    @Test
    void dealersFillPartOfTheOrderAndTheTcaBreaksThemDown()
    {
        final Outcome outcome = run(true, 11);
        final ParentOrderReport last = outcome.reports().get(outcome.reports().size() - 1);
        assertEquals(OrdStatus.FILLED, last.ordStatus(), last.toString());
        assertNotNull(outcome.postTrade(), "post-trade observation ended");
        assertTrue(outcome.appliance().core().rfqsSent() > 0);
        assertTrue(outcome.appliance().core().quotesTaken() > 0, "some quote beat the lit venues");

        final TcaReport tca = TcaCalculator.analyse(outcome.record());
        final VenueBreakdown dealerFills = tca.venues().stream().filter(v -> "DEALER".equals(v.kind())).findFirst()
            .orElseThrow(() -> new AssertionError("no dealer fill in " + TcaFormat.text(tca)));
        assertTrue(dealerFills.quantity() > 0);
        assertFalse(tca.dealers().isEmpty());
        int rfqs = 0;
        int taken = 0;
        for (final DealerBreakdown d : tca.dealers())
        {
            rfqs += d.rfqs();
            taken += d.accepted();
            assertEquals(d.rfqs(), d.quotes() + d.declines(), d.dealer() + ": every request answered or counted silent");
        }
        assertEquals(outcome.appliance().core().rfqsSent(), rfqs);
        assertTrue(taken > 0);
        // Every markout horizon is observed for every fill: the mid path runs 5 minutes past completion.
        for (final Markout m : tca.markouts())
        {
            assertEquals(1.0, m.coveredShare(), 1e-9, m.label());
        }
        assertTrue(outcome.record().midTimeNs(outcome.record().midCount() - 1) >=
            outcome.record().completedNs() + TimeUnit.MINUTES.toNanos(5));
        final String text = TcaFormat.text(tca);
        assertTrue(text.contains("dealers (RFQ)"), text);
        assertTrue(text.contains("DLR-"), text);
        assertEquals(0, tca.childRejectsByCard(), "the card took every dealer child: the quote is its reference");
        // The JSON round-trips with the dealer breakdown.
        assertEquals(TcaFormat.json(tca), TcaFormat.json(TcaFormat.parse(TcaFormat.json(tca))));
    }

    @Test
    void noDealerIsAskedWhenTheClientDoesNotAllowIt()
    {
        final Outcome outcome = run(false, 11);
        assertEquals(0, outcome.appliance().core().rfqsSent());
        final TcaReport tca = TcaCalculator.analyse(outcome.record());
        assertTrue(tca.venues().stream().noneMatch(v -> "DEALER".equals(v.kind())));
        assertTrue(tca.dealers().isEmpty());
    }
}
