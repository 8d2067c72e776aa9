package io.slipway.app;

import io.slipway.core.VenuePriors;
import io.slipway.learn.ImpactFeedback;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.StrategyParameter;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.tca.ExecutionRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feedback loop's dealer priors, closed on the whole appliance: an order on the dealer-rich world refits the
 * dealers' priors from its fills, and the same order again on the same world and seed starts its RFQ bandit from
 * them. Dealers whose fills beat the modelled lit cost are asked more from the start, and the dealer with no fills
 * behind it (no prior, the default arm) less.
 */
class DealerPriorsLoopTest
{
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private static SimulatedAppliance sell(final long seed, final VenuePriors priors, final ExecutionRecord[] done)
    {
        final SimulatedAppliance.Context context = Worlds.simulated(seed, ScenarioLoader.loadNamed("dealer-rich"));
        context.coreContext().venuePriors(priors);
        final SimulatedAppliance appliance = new SimulatedAppliance(context, report -> { }, record -> done[0] = record);
        final long ready = appliance.warmUp();
        appliance.submit(new NewParentOrder("dp-" + seed, "BTC-USD", '2', "60", 1, NewParentOrder.NO_TIME,
            ready + 20 * MINUTE, null, List.of(new StrategyParameter("RfqAllowed", 13, "Y")), "CLIENT"));
        appliance.runWhileActive(ready + 30 * MINUTE);
        return appliance;
    }

    @Test
    void theNextOrderAsksTheDealersWhoseFillsBeatTheLitCostMore()
    {
        final ExecutionRecord[] first = new ExecutionRecord[1];
        final SimulatedAppliance plain = sell(11, VenuePriors.EMPTY, first);
        final ImpactFeedback feedback = new ImpactFeedback();
        feedback.observeFills(first[0]);
        final VenuePriors priors = feedback.venuePriors();
        final List<String> fitted = new ArrayList<>();
        final List<String> unfitted = new ArrayList<>();
        for (int v = 0; v < 8; v++)
        {
            final String name = first[0].venueName(v);
            if (name != null && "DEALER".equals(first[0].venueKind(v)))
            {
                (priors.prior(name) == null ? unfitted : fitted).add(name);
            }
        }
        assertTrue(!fitted.isEmpty() && !unfitted.isEmpty(), "fitted " + fitted + ", unfitted " + unfitted);

        final ExecutionRecord[] again = new ExecutionRecord[1];
        final SimulatedAppliance primed = sell(11, priors, again);
        assertEquals(List.of(), primed.core().unusedVenuePriors(), "every fitted venue is traded here");
        assertEquals(plain.core().rfqsSent(), primed.core().rfqsSent(), "one request a slice either way");
        final String detail = "priors " + priors + "; asks without " + asks(first[0]) + ", with " + asks(again[0]);
        assertTrue(rfqs(again[0], fitted) > rfqs(first[0], fitted), detail);
        assertTrue(rfqs(again[0], unfitted) < rfqs(first[0], unfitted), detail);
    }

    private static String asks(final ExecutionRecord record)
    {
        final StringBuilder b = new StringBuilder();
        for (int v = 0; v < 8; v++)
        {
            if ("DEALER".equals(record.venueKind(v)))
            {
                b.append(record.venueName(v)).append('=').append(record.rfqs(v)).append(' ');
            }
        }
        return b.toString().trim();
    }

    private static int rfqs(final ExecutionRecord record, final List<String> venues)
    {
        int asks = 0;
        for (int v = 0; v < 8; v++)
        {
            asks += venues.contains(record.venueName(v)) ? record.rfqs(v) : 0;
        }
        return asks;
    }
}
