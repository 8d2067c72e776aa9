package io.slipway.app;

import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.sim.scenario.Scenario;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.TcaCalculator;
import io.slipway.tca.TcaFormat;
import io.slipway.tca.TcaReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every named scenario runs the whole appliance: its world (regimes, jumps, dislocations,
 * dealers, AMM, scripted events) feeds the card, and a parent order spanning the scenario's
 * events is worked to the end with nothing lost at the card.
 */
class ScenarioLibraryApplianceTest
{
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    static List<String> library()
    {
        return ScenarioLoader.list();
    }

    /** One order on one scenario: the reports, the record and the appliance. */
    record Outcome(List<ParentOrderReport> reports, ExecutionRecord record, SimulatedAppliance appliance)
    {
    }

    static Outcome run(final String name, final long seed, final long horizonNs)
    {
        final Scenario scenario = ScenarioLoader.loadNamed(name);
        final List<ParentOrderReport> reports = new ArrayList<>();
        final ExecutionRecord[] done = new ExecutionRecord[1];
        final SimulatedAppliance appliance = new SimulatedAppliance(Worlds.simulated(seed, scenario), reports::add,
            record -> done[0] = record);
        final long ready = appliance.warmUp();
        appliance.submit(new NewParentOrder("scn-" + name, "BTC-USD", '2', "5", 1001, NewParentOrder.NO_TIME,
            ready + horizonNs, null));
        appliance.runWhileActive(ready + horizonNs + MINUTE);
        return new Outcome(reports, done[0], appliance);
    }

    @ParameterizedTest
    @MethodSource("library")
    void everyScenarioRunsAnOrderThroughTheAppliance(final String name)
    {
        final Outcome outcome = run(name, 17, 50 * MINUTE);
        final ParentOrderReport last = outcome.reports().get(outcome.reports().size() - 1);
        assertTrue(last.ordStatus() == OrdStatus.FILLED || last.ordStatus() == OrdStatus.EXPIRED, last.toString());
        assertNotNull(outcome.record(), name + ": the order reached a final state");
        final TcaReport tca = TcaCalculator.analyse(outcome.record());
        assertTrue(tca.completion() > 0.95, name + ": completion " + tca.completion());
        assertEquals(0, outcome.appliance().ingressDrops(), name + ": no SBE message lost at the card");
        assertEquals(0, tca.childRejectsByCard(), name + ": the card refused a child order");
        assertTrue(Double.isFinite(tca.shortfallBps()));
    }

    @Test
    void sameScenarioAndSeedGiveByteIdenticalResults()
    {
        final String first = TcaFormat.json(TcaCalculator.analyse(run("volatile", 5, 20 * MINUTE).record()));
        final String again = TcaFormat.json(TcaCalculator.analyse(run("volatile", 5, 20 * MINUTE).record()));
        assertEquals(first, again);
    }
}
