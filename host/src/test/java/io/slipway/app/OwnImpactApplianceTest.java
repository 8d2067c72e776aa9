package io.slipway.app;

import io.slipway.core.ParentOrderListener;
import io.slipway.domain.Instruments;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.StrategyParameter;
import io.slipway.sim.market.ImpactModel;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.tca.ExecutionRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-process world's own impact per parent ({@link SimulatedAppliance#ownImpact}) on whole
 * appliances: a lone parent's figure is the world's aggregate measure bit for bit, dealer hedges
 * included, and overlapping parents each get their own part.
 */
class OwnImpactApplianceTest
{
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final int BTC = Instruments.BTC_USD.id();

    @Test
    void aLoneParentsFigureIsTheAggregateMeasureWithItsDealersHedges()
    {
        final List<ExecutionRecord> done = new ArrayList<>();
        final double[] atCompletion = new double[1];
        final SimulatedAppliance[] holder = new SimulatedAppliance[1];
        final SimulatedAppliance appliance = new SimulatedAppliance(
            Worlds.simulated(11, ScenarioLoader.loadNamed("dealer-rich")), report -> { }, record ->
            {
                done.add(record);
                atCompletion[0] = holder[0].ownImpact().ownImpactBps(BTC, 1);
            });
        holder[0] = appliance;
        final long ready = appliance.warmUp();
        appliance.submit(new NewParentOrder("oi-1", "BTC-USD", '2', "60", 1, NewParentOrder.NO_TIME,
            ready + 20 * MINUTE, null, List.of(new StrategyParameter("RfqAllowed", 13, "Y")), "CLIENT"));
        appliance.runWhileActive(ready + 30 * MINUTE);
        assertEquals(1, done.size());
        assertTrue(appliance.core().quotesTaken() > 0, "a dealer filled part, so its hedge is in the figure");

        final ImpactModel model = appliance.market().impactModel();
        assertEquals(model.hostFillImpactCost(BTC) * 1e4, appliance.ownImpact().ownImpactBps(BTC, 1),
            "bit for bit the measure eval, train and demo use");
        assertTrue(atCompletion[0] > 0, "selling 60 BTC cost own impact: " + atCompletion[0]);
        assertEquals(1, model.parentsKept(), "every host and hedge fill belonged to parent 1");
        // The impact model sees the parent's lit fills and the dealers' lit hedges, not the dealer fills themselves.
        double litFilled = 0;
        final ExecutionRecord record = done.get(0);
        for (int i = 0; i < record.fillCount(); i++)
        {
            final int venue = record.fillVenue(i);
            if (appliance.market().exchanges().stream().anyMatch(exchange -> exchange.id() == venue))
            {
                litFilled += Instruments.BTC_USD.qtyToDouble(record.fillQuantity(i));
            }
        }
        assertTrue(model.ownFilledBase(BTC, 1) > litFilled + 1e-9, "the dealers' hedges count as the parent's: " +
            model.ownFilledBase(BTC, 1) + " against " + litFilled + " filled by the parent on lit venues");
    }

    @Test
    void overlappingParentsEachGetTheirOwnPart()
    {
        final List<ExecutionRecord> done = new ArrayList<>();
        final SimulatedAppliance appliance = new SimulatedAppliance(
            Worlds.simulated(12, ScenarioLoader.loadNamed("calm")), report -> { }, done::add);
        final long ready = appliance.warmUp();
        appliance.submit(new NewParentOrder("oi-a", "BTC-USD", '2', "20", 1, NewParentOrder.NO_TIME,
            ready + 10 * MINUTE, null));
        appliance.runUntil(ready + 4 * MINUTE);
        appliance.submit(new NewParentOrder("oi-b", "BTC-USD", '1', "8", 1, NewParentOrder.NO_TIME,
            appliance.nowNs() + 10 * MINUTE, null));
        appliance.runWhileActive(ready + 40 * MINUTE);
        assertEquals(2, done.size());

        final ImpactModel model = appliance.market().impactModel();
        final long now = appliance.nowNs();
        assertEquals(model.impact(BTC, now), model.ownImpact(BTC, 1, now) + model.ownImpact(BTC, 2, now),
            Math.abs(model.impact(BTC, now)) * 1e-9, "the parts make the whole");
        final double seller = appliance.ownImpact().ownImpactBps(BTC, 1);
        final double buyer = appliance.ownImpact().ownImpactBps(BTC, 2);
        assertFalse(Double.isNaN(seller) || Double.isNaN(buyer), seller + " " + buyer);
        final double aggregate = model.hostFillImpactCost(BTC) * 1e4;
        assertTrue(seller != aggregate && buyer != aggregate, seller + " " + buyer + " " + aggregate);
        assertTrue(seller > 0, "the seller's own selling cost it: " + seller);
    }
}
