package io.slipway.learn;

import io.slipway.analytics.ImpactFit;
import io.slipway.analytics.PreTrade;
import io.slipway.app.SimulatedAppliance;
import io.slipway.app.WorldPreTrade;
import io.slipway.app.Worlds;
import io.slipway.core.CoreContext;
import io.slipway.core.Strategy;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.sim.scenario.Scenario;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.TcaCalculator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feedback loop closed through the whole simulated appliance: a world whose true impact coefficient is
 * twice the prior, orders worked one after another, each order's own impact refitting Y, and the next
 * order's pre-trade estimate and core reading the fit. The estimate of the order's own impact cost made
 * with the fit must come closer to what the order then realises than the prior's estimate on the same
 * books. Cutting the loop anywhere (no refit, or a pre-trade that ignores the fit) fails it.
 */
class ImpactFeedbackLoopTest
{
    private static final double TRUE_Y = 2.0;
    private static final int ORDERS = 6;
    private static final long HORIZON_NS = TimeUnit.MINUTES.toNanos(20);
    private static final String QUANTITY = "20";
    private static final Instrument BTC = Instruments.BTC_USD;

    /** One order's figures: the estimates of its own impact cost before it started and what it realised. */
    record Step(double fittedY, double priorEstimateBps, double fittedEstimateBps, double realisedBps, String newText)
    {
    }

    static Scenario twiceThePrior()
    {
        return ScenarioLoader.parse("impact-2x.yaml", "name: impact-2x\n" +
            "description: calm with an impact coefficient twice the prior\n" +
            "market:\n  annualVolatility: 0.40\n  impactY: " + TRUE_Y + "\n" +
            "arbitrage:\n  dislocationBps: 0.5\n  lagSeconds: 0.5\n");
    }

    /** Works one TWAP order with the fit so far read by the core and the pre-trade, then refits from it. */
    static Step order(final Scenario scenario, final long seed, final ImpactFeedback feedback)
    {
        final ImpactFit fit = feedback.fit("loop");
        final ImpactFit prior = new ImpactFeedback().fit("prior");
        final SimulatedAppliance.Context context = Worlds.simulated(seed, scenario)
            .coreContext(new CoreContext().impactFit(fit));
        final ExecutionRecord[] finished = new ExecutionRecord[1];
        final String[] newText = new String[1];
        final SimulatedAppliance appliance = new SimulatedAppliance(context,
            report ->
            {
                if (report.execType() == ExecType.NEW)
                {
                    newText[0] = report.text();
                }
            },
            record -> finished[0] = record);
        final long readyNs = appliance.warmUp();
        final double quantity = BTC.qtyToDouble(BTC.parseQty(QUANTITY));
        final double horizonSeconds = HORIZON_NS / 1e9;
        final PreTrade withFit = WorldPreTrade.analyse(appliance, BTC, Side.SELL, quantity, fit);
        final PreTrade withPrior = WorldPreTrade.analyse(appliance, BTC, Side.SELL, quantity, prior);
        // The loop is only closed if the estimate really is made with the fit: its impact scales with Y exactly.
        assertEquals(fit.coefficient() / prior.coefficient(),
            withFit.accumulatedImpactBps(horizonSeconds) / withPrior.accumulatedImpactBps(horizonSeconds), 1e-9,
            "the pre-trade prices impact with the fitted Y");
        appliance.submit(new NewParentOrder("LOOP-" + seed, BTC.symbol(), '2', QUANTITY, Strategy.TWAP.fixCode(),
            NewParentOrder.NO_TIME, readyNs + HORIZON_NS, null));
        appliance.runWhileActive(readyNs + HORIZON_NS + TimeUnit.HOURS.toNanos(1));
        assertNotNull(finished[0], "the order finished");
        final double realisedBps = appliance.market().impactModel().hostFillImpactCost(BTC.id()) * 1e4;
        feedback.observe(TcaCalculator.analyse(finished[0]), realisedBps, scenario.market().annualVolatility());
        feedback.observeFills(finished[0]);
        return new Step(fit.coefficient(), withPrior.accumulatedImpactBps(horizonSeconds),
            withFit.accumulatedImpactBps(horizonSeconds), realisedBps, newText[0]);
    }

    @Test
    void afterAFewOrdersTheFittedEstimateIsCloserToWhatTheNextOrderRealises()
    {
        final Scenario scenario = twiceThePrior();
        final ImpactFeedback feedback = new ImpactFeedback();
        final List<Step> steps = new ArrayList<>();
        for (int i = 0; i <= ORDERS; i++)
        {
            steps.add(order(scenario, 9_100 + i, feedback));
        }
        for (final Step step : steps)
        {
            System.out.printf(Locale.ROOT, "Y %.3f: own impact estimate prior %.3f bps, fitted %.3f bps, " +
                "realised %.3f bps%n", step.fittedY(), step.priorEstimateBps(), step.fittedEstimateBps(),
                step.realisedBps());
        }
        System.out.println("New report: " + steps.get(ORDERS).newText());
        final Step first = steps.get(0);
        assertEquals(ImpactFeedback.PRIOR_Y, first.fittedY(), 0.0, "the first order starts from the prior");
        assertTrue(first.realisedBps() > 1.3 * first.priorEstimateBps(),
            "the world's impact is well above what the prior expects: " + first);

        final Step next = steps.get(ORDERS);
        assertTrue(next.fittedY() > 1.25, "after " + ORDERS + " orders Y moved toward the world's: " + next.fittedY());
        for (int i = 1; i < steps.size(); i++)
        {
            assertTrue(steps.get(i).fittedY() > steps.get(i - 1).fittedY(), "each order moves Y up");
        }
        final double fittedError = Math.abs(next.fittedEstimateBps() - next.realisedBps());
        final double priorError = Math.abs(next.priorEstimateBps() - next.realisedBps());
        assertTrue(fittedError < 0.6 * priorError, "the fitted estimate (" + next.fittedEstimateBps() + ") is " +
            "closer to the realised " + next.realisedBps() + " than the prior's " + next.priorEstimateBps());
        assertTrue(next.newText().contains(String.format(Locale.ROOT, "impact Y %.3f fitted over %d orders",
            next.fittedY(), ORDERS)), "the OMS is told which Y the order is worked with: " + next.newText());
        assertEquals(ORDERS + 1, feedback.orders());
    }
}
