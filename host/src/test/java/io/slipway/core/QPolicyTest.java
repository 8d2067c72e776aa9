package io.slipway.core;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QPolicyTest
{
    @Test
    void statesCoverTheTableAndAnUntriedStateActsAsTheBaseline()
    {
        assertEquals(0, QPolicy.state(1.0, -1.0, -5.0));
        assertEquals(QPolicy.STATES - 1, QPolicy.state(0.0, 1.0, 5.0));
        assertEquals(0, QPolicy.context(1.0, -1.0, 0.0, Double.NaN));
        assertEquals(QPolicy.CONTEXTS - 1, QPolicy.context(0.0, 1.0, 5.0, 0.9));
        final QPolicy empty = new QPolicy();
        for (int s = 0; s < QPolicy.STATES; s++)
        {
            for (int c = 0; c < QPolicy.CONTEXTS; c++)
            {
                assertEquals(QPolicy.BASELINE_ACTION, empty.greedy(s, c));
            }
        }
        assertEquals(1.0, QPolicy.multiplier(QPolicy.BASELINE_ACTION));
        assertEquals(false, QPolicy.passive(QPolicy.BASELINE_ACTION));
        assertEquals(0.0, QPolicy.passiveWindowShare(QPolicy.BASELINE_ACTION));
    }

    @Test
    void aChoiceTriedTooFewTimesDoesNotReplaceTheBaseline()
    {
        final QPolicy policy = new QPolicy().explore(1, 0.0);
        final int passiveLong = QPolicy.BASELINE_ACTION + 2;
        policy.observePlacement(3, QPolicy.BASELINE_ACTION, 5.0);
        for (int i = 0; i < QPolicy.MIN_VISITS - 1; i++)
        {
            policy.observePlacement(3, passiveLong, 1.0);
        }
        assertEquals(0, policy.frozen().greedyPlacement(3), "four lucky tries are not evidence");
        policy.observePlacement(3, passiveLong, 1.0);
        assertEquals(2, policy.frozen().greedyPlacement(3));
        assertEquals(0, policy.frozen().greedyPlacement(4), "another context is untouched");
        policy.observePlacement(3, passiveLong, 40.0);
        assertEquals(0, policy.frozen().greedyPlacement(3), "its mean is now 7.5 bps against the baseline's 5");
    }

    @Test
    void aTableOfTheWrongSizeOrWithANonFiniteValueIsRefused()
    {
        final int m = QPolicy.STATES * QPolicy.MULTIPLIERS.length;
        final int p = QPolicy.CONTEXTS * QPolicy.PLACEMENTS;
        assertThrows(IllegalArgumentException.class,
            () -> new QPolicy(new double[3], new long[3], new double[p], new long[p]));
        final double[] values = new double[m];
        values[7] = Double.NaN;
        assertThrows(IllegalArgumentException.class,
            () -> new QPolicy(values, new long[m], new double[p], new long[p]));
    }

    /**
     * A tiny world with known costs: ten steps, each must sell a tenth; taking costs 5 bps, posting
     * costs 2 bps when the signal is favourable and 8 when adverse (picked off); what a 0.5
     * multiplier defers is settled at the end at 10 bps. The learner must find the cheap
     * actions and beat a policy acting at random, and the same seed must give the same table.
     */
    @Test
    void learnerBeatsRandomOnATinyWorldAndRepeatsFromItsSeed()
    {
        final QPolicy learner = new QPolicy().explore(7, 0.3);
        final SplittableRandom world = new SplittableRandom(99);
        for (int episode = 0; episode < 400; episode++)
        {
            learner.epsilon(Math.max(0.02, 0.3 * (1 - episode / 300.0)));
            tinyEpisode(learner, world, true);
        }
        final QPolicy greedy = learner.frozen();
        final SplittableRandom evalWorld = new SplittableRandom(12345);
        final SplittableRandom randomWorld = new SplittableRandom(12345);
        final SplittableRandom randomActions = new SplittableRandom(5);
        double learnedCost = 0;
        double randomCost = 0;
        for (int episode = 0; episode < 200; episode++)
        {
            learnedCost += tinyEpisode(greedy, evalWorld, false);
            randomCost += tinyEpisode(new RandomActor(randomActions), randomWorld);
        }
        assertTrue(learnedCost < 0.8 * randomCost, "learned " + learnedCost / 200 + " bps vs random " + randomCost / 200);
        // Always taking at multiplier 1 (the baseline) costs 5 bps a step, 50 an episode.
        assertTrue(learnedCost / 200 < 45.0, "learned " + learnedCost / 200 + " bps vs the baseline's 50");

        final QPolicy again = new QPolicy().explore(7, 0.3);
        final SplittableRandom sameWorld = new SplittableRandom(99);
        for (int episode = 0; episode < 400; episode++)
        {
            again.epsilon(Math.max(0.02, 0.3 * (1 - episode / 300.0)));
            tinyEpisode(again, sameWorld, true);
        }
        assertEquals(learner.frozen(), again.frozen());
        final QPolicy other = new QPolicy().explore(8, 0.3);
        final SplittableRandom otherWorld = new SplittableRandom(99);
        for (int episode = 0; episode < 400; episode++)
        {
            tinyEpisode(other, otherWorld, true);
        }
        assertNotEquals(learner.frozen(), other.frozen());
    }

    private static final class RandomActor
    {
        final SplittableRandom random;

        RandomActor(final SplittableRandom random)
        {
            this.random = random;
        }
    }

    private static double tinyEpisode(final RandomActor actor, final SplittableRandom world)
    {
        return run(null, actor, world, false);
    }

    private static double tinyEpisode(final QPolicy policy, final SplittableRandom world, final boolean learn)
    {
        return run(policy, null, world, learn);
    }

    private static double run(final QPolicy policy, final RandomActor actor, final SplittableRandom world,
        final boolean learn)
    {
        double deferred = 0;
        double total = 0;
        int previousState = -1;
        int previousContext = -1;
        int previousAction = 0;
        double previousCost = 0;
        double previousUnitCost = 0;
        for (int step = 0; step < 10; step++)
        {
            final boolean favourable = world.nextBoolean();
            final int state = QPolicy.state(1.0 - step / 10.0, deferred, favourable ? 1.0 : -1.0);
            final int context = QPolicy.context(1.0 - step / 10.0, favourable ? 1.0 : -1.0, 0.0, Double.NaN);
            if (learn && previousState >= 0)
            {
                policy.update(previousState, previousAction, -previousCost, state);
                policy.observePlacement(previousContext, previousAction, previousUnitCost);
            }
            final int action = actor != null ? actor.random.nextInt(QPolicy.ACTIONS) :
                learn ? policy.act(state, context) : policy.greedy(state, context);
            final double share = 0.1 * QPolicy.multiplier(action);
            final double unitCost = QPolicy.passive(action) ? (favourable ? 2.0 : 8.0) : 5.0;
            deferred += 0.1 - share;
            final double cost = share * 10 * unitCost;
            total += cost;
            previousState = state;
            previousContext = context;
            previousAction = action;
            previousCost = cost;
            previousUnitCost = unitCost;
        }
        // What is left (or overdone) is settled at the end at 10 bps (a refund of nothing when ahead).
        final double endCost = Math.max(0, deferred) * 10 * 10.0;
        total += endCost;
        if (learn)
        {
            policy.update(previousState, previousAction, -(previousCost + endCost), -1);
            policy.observePlacement(previousContext, previousAction, previousUnitCost);
        }
        return total;
    }
}
