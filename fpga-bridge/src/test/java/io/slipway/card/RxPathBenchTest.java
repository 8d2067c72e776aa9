package io.slipway.card;

import io.slipway.card.tools.RxPathBench;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receive-path figures {@code card bench} reports come from the RTL and meet the design targets:
 * at most 12 cycles from the last beat to the first record for every template on both paths, and a
 * sustained rate that keeps up with most of a beat per cycle.
 */
final class RxPathBenchTest
{
    @Test
    void latencyWithinTargetOnEveryTemplateAndPath()
    {
        SimulatedCardLibrary.require();
        final RxPathBench bench = RxPathBench.measure();
        System.out.println(bench.toJson());
        for (int t = 0; t < 4; t++)
        {
            assertTrue(bench.lookasideLatency[t] > 0 && bench.lookasideLatency[t] <= 12,
                RxPathBench.TEMPLATES[t] + " lookaside " + bench.lookasideLatency[t]);
            assertTrue(bench.wireLatency[t] > 0 && bench.wireLatency[t] <= 12,
                RxPathBench.TEMPLATES[t] + " wire " + bench.wireLatency[t]);
        }
        assertTrue(bench.wireBeatsPerCycle > 0.6 && bench.wireBeatsPerCycle <= 1.0, "wire rate " + bench.wireBeatsPerCycle);
        assertTrue(bench.lookasideBeatsPerCycle > 0.6 && bench.lookasideBeatsPerCycle <= 1.0,
            "lookaside rate " + bench.lookasideBeatsPerCycle);
    }
}
