package io.slipway.learn;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImpactFeedbackTest
{
    /**
     * A world whose impact is known (Y = 0.6, square-root law) with timing noise of 15 bps per
     * order: the fit starts at the prior Y = 1 and moves towards 0.6 as orders finish.
     */
    @Test
    void coefficientMovesTowardTheWorldsTruth()
    {
        final double trueY = 0.6;
        final double sigmaDailyBps = 260;
        final SplittableRandom world = new SplittableRandom(4);
        final ImpactFeedback feedback = new ImpactFeedback();
        assertEquals(ImpactFeedback.PRIOR_Y, feedback.impactCoefficient(), 1e-12);
        double errorAfter10 = 0;
        for (int order = 1; order <= 200; order++)
        {
            final double participation = 0.02 + 0.2 * world.nextDouble();
            final double days = (1 + 3 * world.nextDouble()) / 24.0;
            final double impact = trueY * sigmaDailyBps * Math.sqrt(participation * days);
            feedback.observe(impact + 15 * world.nextGaussian(), participation, days, sigmaDailyBps);
            if (order == 10)
            {
                errorAfter10 = Math.abs(feedback.impactCoefficient() - trueY);
            }
        }
        final double errorAfter200 = Math.abs(feedback.impactCoefficient() - trueY);
        assertTrue(errorAfter10 < Math.abs(ImpactFeedback.PRIOR_Y - trueY), "moved from the prior: " + errorAfter10);
        assertTrue(errorAfter200 < 0.1, "Y = " + feedback.impactCoefficient());
        assertEquals(200, feedback.orders());
    }

    @Test
    void persistsAsAVersionedFileAndRefusesABadOne()
    {
        final ImpactFeedback feedback = new ImpactFeedback();
        feedback.observe(12.0, 0.1, 0.1, 260);
        feedback.venuePrior("SIMA", 3.5, 10);
        feedback.venuePrior("SIMB", 1.5, 30);
        final String yaml = FeedbackFile.toYaml(feedback);
        final ImpactFeedback read = FeedbackFile.parse("f.yaml", yaml);
        assertEquals(feedback.impactCoefficient(), read.impactCoefficient(), 1e-12);
        assertEquals(1.5, read.venueCostBps("SIMB"), 1e-12);
        assertEquals(yaml, FeedbackFile.toYaml(read));
        final String version = assertThrows(ModelFileException.class,
            () -> FeedbackFile.parse("f.yaml", yaml.replace("version: 1", "version: 3"))).getMessage();
        assertTrue(version.contains("feedback version 3 is not supported"), version);
        final String missing = assertThrows(ModelFileException.class,
            () -> FeedbackFile.parse("f.yaml", yaml.replaceAll("(?m)^sumXy:.*\\n", ""))).getMessage();
        assertEquals("f.yaml: missing field 'sumXy'", missing);
    }
}
