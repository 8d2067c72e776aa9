package io.slipway.learn;

import io.slipway.core.CoreContext;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.sim.scenario.Scenario;
import io.slipway.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training through the whole simulated appliance: small, but real, and reproducible from its seed. */
class TrainerTest
{
    private static final Trainer.EpisodeOrder SMALL =
        new Trainer.EpisodeOrder(Side.SELL, "5", Instruments.BTC_USD, 10 * 60_000_000_000L);

    private static String train(final long seed, final List<Double> shortfalls)
    {
        final List<Scenario> calm = List.of(ScenarioLoader.loadNamed("calm"));
        final PolicyModel model = Trainer.train(calm, SMALL, 3, seed, new CoreContext(), "test", "2026-11-21",
            (done, total, scenario, worldSeed, bps) -> shortfalls.add(bps));
        return ModelFile.toYaml(model);
    }

    @Test
    void sameSeedSameModelBytes()
    {
        final List<Double> first = new ArrayList<>();
        final List<Double> again = new ArrayList<>();
        final String a = train(77, first);
        final String b = train(77, again);
        assertEquals(a, b);
        assertEquals(first, again);
        assertEquals(3, first.size());
        final PolicyModel model = ModelFile.parse("trained", a);
        assertEquals(77, model.seedBase());
        assertEquals(List.of("calm"), model.scenarios());
        long updates = 0;
        for (int s = 0; s < io.slipway.core.QPolicy.STATES; s++)
        {
            for (int m = 0; m < io.slipway.core.QPolicy.MULTIPLIERS.length; m++)
            {
                updates += model.policy().visits(s, m);
            }
        }
        assertTrue(updates >= 3 * 5, "each episode updates the table once a slice: " + updates);
        assertNotEquals(a, train(78, new ArrayList<>()), "another seed explores and sees other worlds");
    }
}
