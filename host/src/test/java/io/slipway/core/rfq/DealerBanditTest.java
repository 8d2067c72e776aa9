package io.slipway.core.rfq;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dealer bandit on small worlds whose best dealer is known. */
class DealerBanditTest
{
    private static final int[] DEALERS = {4, 5, 6};

    /**
     * Quote improvement in bps of each dealer (mean, noise 2 bps); dealer 4 also leaks: each of its
     * fills is followed by a markout of {@code leak4} bps.
     */
    private static List<Integer> play(final long seed, final int rounds, final double leak4, final DealerBandit bandit)
    {
        final double[] improvement = new double[8];
        improvement[4] = 3.0;
        improvement[5] = 1.0;
        improvement[6] = -1.0;
        final SplittableRandom world = new SplittableRandom(seed ^ 0xABCDL);
        final int[] chosen = new int[3];
        final List<Integer> choices = new ArrayList<>();
        final int context = DealerBandit.context(500_000.0, false);
        for (int round = 0; round < rounds; round++)
        {
            final int n = bandit.choose(context, DEALERS, DEALERS.length, 1, chosen);
            assertEquals(1, n);
            final int dealer = chosen[0];
            choices.add(dealer);
            bandit.update(dealer, context, improvement[dealer] + 2.0 * world.nextGaussian());
            if (dealer == 4 && leak4 != 0.0)
            {
                bandit.update(dealer, context, leak4 + 2.0 * world.nextGaussian());
            }
        }
        return choices;
    }

    private static long countLast(final List<Integer> choices, final int last, final int dealer)
    {
        return choices.subList(choices.size() - last, choices.size()).stream().filter(c -> c == dealer).count();
    }

    @Test
    void learnsTheDealerWithTheBestQuotes()
    {
        final DealerBandit bandit = new DealerBandit(8, 0.0, 1.0, 5.0, 42);
        final List<Integer> choices = play(42, 400, 0.0, bandit);
        final int context = DealerBandit.context(500_000.0, false);
        assertTrue(countLast(choices, 100, 4) >= 80, "dealer 4 chosen " + countLast(choices, 100, 4) + " of 100 " +
            bandit.posteriorMean(4, context) + " " + bandit.observations(4, context) + " " + bandit.posteriorMean(5, context) + " " + bandit.observations(5, context));
        assertTrue(bandit.posteriorMean(4, context) > bandit.posteriorMean(5, context));
        assertTrue(bandit.posteriorMean(5, context) > bandit.posteriorMean(6, context));
    }

    @Test
    void aDealerWhoseFillsLeakLosesItsPreference()
    {
        // Dealer 4 quotes 2 bps better than 5 but its fills mark out 6 bps against us.
        final DealerBandit bandit = new DealerBandit(8, 0.0, 1.0, 5.0, 42);
        final List<Integer> choices = play(42, 400, -6.0, bandit);
        assertTrue(countLast(choices, 100, 5) >= 70, "dealer 5 chosen " + countLast(choices, 100, 5) + " of 100");
    }

    @Test
    void sameSeedSameChoicesOtherSeedOtherChoices()
    {
        final List<Integer> first = play(7, 200, 0.0, new DealerBandit(8, 0.0, 1.0, 5.0, 7));
        assertEquals(first, play(7, 200, 0.0, new DealerBandit(8, 0.0, 1.0, 5.0, 7)));
        assertTrue(!first.equals(play(7, 200, 0.0, new DealerBandit(8, 0.0, 1.0, 5.0, 8))));
    }

    @Test
    void contextsAreLearnedApart()
    {
        final DealerBandit bandit = new DealerBandit(8, 0.0, 1.0, 5.0, 1);
        final int small = DealerBandit.context(100_000.0, false);
        final int largeStressed = DealerBandit.context(10_000_000.0, true);
        assertTrue(small != largeStressed);
        bandit.update(4, small, 10.0);
        assertEquals(0, bandit.observations(4, largeStressed));
        assertEquals(5.0, bandit.posteriorMean(4, small), 1e-12, "prior 0 worth one observation, then 10");
        assertEquals(0.0, bandit.posteriorMean(4, largeStressed), 1e-12);
    }

    @Test
    void badInputIsRefusedAndChangesNothing()
    {
        final DealerBandit bandit = new DealerBandit(8, 0.0, 1.0, 5.0, 1);
        assertThrows(IllegalArgumentException.class, () -> bandit.update(8, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> bandit.update(4, DealerBandit.CONTEXTS, 1.0));
        assertThrows(IllegalArgumentException.class, () -> bandit.update(4, 0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new DealerBandit(8, 0.0, 0.0, 5.0, 1));
        assertEquals(0, bandit.observations(4, 0));
    }

    @Test
    void anArmsOwnPriorMovesOnlyThatArmAndABadOneIsRefusedWithoutChange()
    {
        final DealerBandit plain = new DealerBandit(3, 0.0, 1.0, 5.0, 1);
        final DealerBandit primed = new DealerBandit(3, 0.0, 1.0, 5.0, 1);
        primed.armPrior(1, -12.0, 4.0);
        plain.update(1, 0, 3.0);
        primed.update(1, 0, 3.0);
        assertEquals((4.0 * -12.0 + 3.0) / 5.0, primed.posteriorMean(1, 0), 1e-12);
        assertEquals(5.0 / Math.sqrt(5.0), primed.posteriorSd(1, 0), 1e-12);
        assertEquals(plain.posteriorMean(0, 0), primed.posteriorMean(0, 0), "other arms keep the default");
        assertThrows(IllegalArgumentException.class, () -> primed.armPrior(1, Double.NaN, 4.0));
        assertThrows(IllegalArgumentException.class, () -> primed.armPrior(1, 1.0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> primed.armPrior(1, 1.0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> primed.armPrior(3, 1.0, 2.0));
        assertEquals(-12.0, primed.priorMean(1), "unchanged by the refusals");
        assertEquals(4.0, primed.priorWeight(1));
        primed.defaultPrior(1);
        assertEquals(plain.posteriorMean(1, 0), primed.posteriorMean(1, 0), "back to the default, to the last bit");
    }
}
