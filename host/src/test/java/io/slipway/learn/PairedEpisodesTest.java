package io.slipway.learn;

import io.slipway.core.CoreContext;
import io.slipway.core.Strategy;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.sim.scenario.Scenario;
import io.slipway.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Running episodes on several threads changes the wall time only: same results, same order. */
class PairedEpisodesTest
{
    private static List<PairedEpisodes.Episode> episodes()
    {
        final Scenario calm = ScenarioLoader.loadNamed("calm");
        final List<PairedEpisodes.Episode> episodes = new ArrayList<>();
        for (final Strategy strategy : new Strategy[] {Strategy.TWAP, Strategy.IMMEDIATE})
        {
            for (long seed = 41; seed <= 42; seed++)
            {
                episodes.add(new PairedEpisodes.Episode(calm, seed, strategy, CoreContext::new, Instruments.BTC_USD,
                    Side.SELL, "3", 5 * 60_000_000_000L));
            }
        }
        return episodes;
    }

    @Test
    void twoThreadsGiveTheSameOutcomesInTheSameOrder()
    {
        final List<PairedEpisodes.Outcome> one = PairedEpisodes.run(episodes(), 1, (d, t, e, o) -> { });
        final List<Integer> reported = new ArrayList<>();
        final List<PairedEpisodes.Outcome> two = PairedEpisodes.run(episodes(), 2, (d, t, e, o) -> reported.add(d));
        assertEquals(List.of(1, 2, 3, 4), reported);
        for (int i = 0; i < one.size(); i++)
        {
            assertEquals(one.get(i).tca(), two.get(i).tca(), "episode " + i);
        }
        assertNotEquals(one.get(0).tca().shortfallBps(), one.get(1).tca().shortfallBps(), "two seeds, two worlds");
    }

    @Test
    void aThreadCountOutOfRangeIsRefused()
    {
        assertEquals("threads must be 1..64, was 0", assertThrows(IllegalArgumentException.class,
            () -> PairedEpisodes.run(List.of(), 0, (d, t, e, o) -> { })).getMessage());
    }
}
