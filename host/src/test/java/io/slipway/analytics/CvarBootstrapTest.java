package io.slipway.analytics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CvarBootstrapTest
{
    /** CVaR 95 of N(0, 1): phi(z 0.95) / 0.05. */
    private static final double NORMAL_CVAR95 = 2.062713;

    @Test
    void coversTheTrueDifferenceOfKnownNormalTails()
    {
        // Measured with 400 samples of each size and 400 resamples each (nominal 95%):
        //   100 episodes (CVaR = mean of the worst 5): difference 368 (92.0%), ratio 370 (92.5%)
        //    16 episodes (CVaR = the worst one):      difference 257 (64.3%), ratio 277 (69.3%)
        // The sample CVaR of few episodes is the mean of one to a few order statistics, biased low, and the
        // percentile bootstrap cannot resample a tail worse than the worst episode seen. The bounds catch a
        // broken resampler (pairs split, no resampling, wrong quantiles), not chance: the figures are fixed
        // by the seeds.
        final int[] hundred = coverage(100);
        System.out.printf("CVaR bootstrap coverage, 100 episodes: %d and %d of 400%n", hundred[0], hundred[1]);
        assertTrue(hundred[0] >= 340 && hundred[0] <= 390, "difference covered " + hundred[0] + " of 400");
        assertTrue(hundred[1] >= 340 && hundred[1] <= 390, "ratio covered " + hundred[1] + " of 400");
        final int[] sixteen = coverage(16);
        System.out.printf("CVaR bootstrap coverage, 16 episodes: %d and %d of 400%n", sixteen[0], sixteen[1]);
        // Far below nominal, as documented: an interval on one worst episode is a rough indication only.
        assertTrue(sixteen[0] >= 220 && sixteen[0] <= 300, "difference covered " + sixteen[0] + " of 400");
        assertTrue(sixteen[1] >= 220 && sixteen[1] <= 320, "ratio covered " + sixteen[1] + " of 400");
    }

    @Test
    void coverageWithEightSeedsOfFourteenCorrelatedEpisodes()
    {
        // The pooled library's shape: 8 seeds, each 7 scenarios sharing the seed's latent draws (correlation
        // 0.9 here) and each scenario a world and its mirror (the negated draws). Marginally every episode is
        // still normal, so the true difference is the same 0.4887. Measured: 339 of 400 (84.8%) for the
        // difference, 356 (89.0%) for the ratio: 8 units is a small sample for the bootstrap.
        final double truth = (Math.sqrt(1.2 * 1.2 + 0.3 * 0.3) - 1.0) * NORMAL_CVAR95;
        final double trueRatio = (10.0 + Math.sqrt(1.53) * NORMAL_CVAR95) / (10.0 + NORMAL_CVAR95);
        final int seeds = 8;
        final int scenarios = 7;
        final int n = seeds * scenarios * 2;
        final int[] unit = new int[n];
        final int[] covered = new int[2];
        final SplittableRandom world = new SplittableRandom(13);
        for (int s = 0; s < 400; s++)
        {
            final double[] x = new double[n];
            final double[] y = new double[n];
            int k = 0;
            for (int seed = 0; seed < seeds; seed++)
            {
                final double shared = gaussian(world);
                for (int scenario = 0; scenario < scenarios; scenario++)
                {
                    final double z = Math.sqrt(0.9) * shared + Math.sqrt(0.1) * gaussian(world);
                    final double w = gaussian(world);
                    for (final double sign : new double[]{1.0, -1.0})
                    {
                        x[k] = sign * (1.2 * z + 0.3 * w) + 10.0;
                        y[k] = sign * z + 10.0;
                        unit[k] = seed;
                        k++;
                    }
                }
            }
            final CvarBootstrap.Interval interval = CvarBootstrap.difference(x, y, unit, 400, s);
            covered[0] += interval.contains(truth) ? 1 : 0;
            covered[1] += interval.ratioLower() <= trueRatio && trueRatio <= interval.ratioUpper() ? 1 : 0;
        }
        System.out.printf("CVaR bootstrap coverage, 8 seeds x 7 scenarios x 2 worlds: %d and %d of 400%n", covered[0],
            covered[1]);
        assertTrue(covered[0] >= 300 && covered[0] <= 390, "difference covered " + covered[0] + " of 400");
        assertTrue(covered[1] >= 300 && covered[1] <= 390, "ratio covered " + covered[1] + " of 400");
    }

    /**
     * Of 400 samples of n episodes, how many intervals hold the true difference and ratio: x = 1.2 z1 +
     * 0.3 z2 + 10 and y = z1 + 10 on the same episodes, correlated like two strategies in one world, so
     * CVaR95(x) - CVaR95(y) = (sqrt(1.53) - 1) x 2.0627 = 0.4887.
     */
    private static int[] coverage(final int n)
    {
        final double truth = (Math.sqrt(1.2 * 1.2 + 0.3 * 0.3) - 1.0) * NORMAL_CVAR95;
        final double trueRatio = (10.0 + Math.sqrt(1.53) * NORMAL_CVAR95) / (10.0 + NORMAL_CVAR95);
        final int[] covered = new int[2];
        final SplittableRandom world = new SplittableRandom(11);
        for (int s = 0; s < 400; s++)
        {
            final double[] x = new double[n];
            final double[] y = new double[n];
            for (int i = 0; i < n; i++)
            {
                final double z1 = gaussian(world);
                final double z2 = gaussian(world);
                x[i] = 1.2 * z1 + 0.3 * z2 + 10.0;
                y[i] = z1 + 10.0;
            }
            final CvarBootstrap.Interval interval = CvarBootstrap.difference(x, y,
                CvarBootstrap.consecutiveUnits(n, 1), 400, s);
            covered[0] += interval.contains(truth) ? 1 : 0;
            covered[1] += interval.ratioLower() <= trueRatio && trueRatio <= interval.ratioUpper() ? 1 : 0;
        }
        return covered;
    }

    @Test
    void identicalStrategiesGiveZeroAndExchangeableOnesAnIntervalAroundZero()
    {
        final SplittableRandom world = new SplittableRandom(3);
        final double[] x = new double[100];
        final double[] y = new double[100];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = gaussian(world);
            y[i] = gaussian(world);
        }
        final int[] units = CvarBootstrap.consecutiveUnits(100, 1);
        final CvarBootstrap.Interval same = CvarBootstrap.difference(x, x.clone(), units, 2_000, 1);
        assertEquals(0.0, same.difference(), 0.0);
        assertEquals(0.0, same.lower(), 0.0);
        assertEquals(0.0, same.upper(), 0.0);

        // Two independent draws of the same distribution: the interval holds zero, and each arm of it
        // around the point estimate is within a factor 1.5 of the other.
        final CvarBootstrap.Interval exchangeable = CvarBootstrap.difference(x, y, units, 2_000, 1);
        assertTrue(exchangeable.contains(0.0), exchangeable.toString());
        final double below = exchangeable.difference() - exchangeable.lower();
        final double above = exchangeable.upper() - exchangeable.difference();
        assertTrue(below > 0 && above > 0 && below / above < 1.5 && above / below < 1.5, exchangeable.toString());
    }

    @Test
    void theSameSeedGivesTheSameIntervalBitForBit()
    {
        final SplittableRandom world = new SplittableRandom(5);
        final double[] x = new double[60];
        final double[] y = new double[60];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = gaussian(world);
            y[i] = 0.8 * x[i] + 0.5 * gaussian(world);
        }
        final int[] units = CvarBootstrap.consecutiveUnits(60, 2);
        final CvarBootstrap.Interval first = CvarBootstrap.difference(x, y, units, 1_000, 7_300_000L);
        final CvarBootstrap.Interval again = CvarBootstrap.difference(x, y, units, 1_000, 7_300_000L);
        assertEquals(first, again);
        final CvarBootstrap.Interval other = CvarBootstrap.difference(x, y, units, 1_000, 7_300_001L);
        assertEquals(first.difference(), other.difference(), 0.0, "the point estimate does not resample");
        assertNotEquals(first.lower(), other.lower(), "another seed resamples differently");
        assertEquals(30, first.units());
    }

    @Test
    void antitheticPairsStayTogether()
    {
        // The strategy's world is the reference's mirror and the other way round. Any resample of whole
        // pairs holds the same episodes for both, so every replicate's difference is exactly zero; a
        // resample of single episodes would pick worlds without their mirrors and spread the interval.
        final int pairs = 20;
        final double[] x = new double[2 * pairs];
        final double[] y = new double[2 * pairs];
        final SplittableRandom world = new SplittableRandom(9);
        for (int i = 0; i < pairs; i++)
        {
            final double drift = 40.0 * gaussian(world);
            x[2 * i] = 5.0 + drift;
            x[2 * i + 1] = 5.0 - drift;
            y[2 * i] = 5.0 - drift;
            y[2 * i + 1] = 5.0 + drift;
        }
        final CvarBootstrap.Interval together = CvarBootstrap.difference(x, y,
            CvarBootstrap.consecutiveUnits(2 * pairs, 2), 2_000, 1);
        assertEquals(0.0, together.lower(), 0.0);
        assertEquals(0.0, together.upper(), 0.0);
        assertEquals(pairs, together.units());

        final CvarBootstrap.Interval split = CvarBootstrap.difference(x, y,
            CvarBootstrap.consecutiveUnits(2 * pairs, 1), 2_000, 1);
        assertTrue(split.upper() - split.lower() > 10.0, "episodes resampled alone: " + split);

        // Units need not be adjacent: a seed's episodes spread over scenarios (pooled) resample together.
        final int[] interleaved = new int[2 * pairs];
        final double[] xi = new double[2 * pairs];
        final double[] yi = new double[2 * pairs];
        for (int i = 0; i < pairs; i++)
        {
            interleaved[i] = i;
            interleaved[pairs + i] = i;
            xi[i] = x[2 * i];
            xi[pairs + i] = x[2 * i + 1];
            yi[i] = y[2 * i];
            yi[pairs + i] = y[2 * i + 1];
        }
        final CvarBootstrap.Interval pooled = CvarBootstrap.difference(xi, yi, interleaved, 2_000, 1);
        assertEquals(0.0, pooled.lower(), 0.0);
        assertEquals(0.0, pooled.upper(), 0.0);
    }

    @Test
    void ratioIsUndefinedWhenTheReferenceTailIsNotACost()
    {
        final double[] x = {1, 2, 3, 4};
        final double[] y = {-4, -3, -2, -1};
        final CvarBootstrap.Interval interval = CvarBootstrap.difference(x, y, CvarBootstrap.consecutiveUnits(4, 1),
            100, 1);
        assertEquals(5.0, interval.difference(), 0.0);
        assertTrue(Double.isNaN(interval.ratio()) && Double.isNaN(interval.ratioLower()));
        final CvarBootstrap.Interval one = CvarBootstrap.difference(x, x, CvarBootstrap.consecutiveUnits(4, 4), 100, 1);
        assertTrue(Double.isNaN(one.lower()), "one unit has no interval");
    }

    @Test
    void badInputIsRefusedByName()
    {
        final double[] x = {1, 2, 3, 4};
        final int[] units = {0, 0, 1, 1};
        assertEquals("a paired bootstrap needs one cost of each strategy and one unit per episode: 4, 3 and 4",
            assertThrows(IllegalArgumentException.class,
                () -> CvarBootstrap.difference(x, new double[3], units, 100, 1)).getMessage());
        assertEquals("bootstrap resamples must be 100..1000000, was 99", assertThrows(IllegalArgumentException.class,
            () -> CvarBootstrap.difference(x, x, units, 99, 1)).getMessage());
        assertEquals("unit 1 holds no episode; units must be numbered 0..2 without gaps",
            assertThrows(IllegalArgumentException.class,
                () -> CvarBootstrap.difference(x, x, new int[]{0, 0, 2, 2}, 100, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CvarBootstrap.difference(x, x, new int[]{0, -1, 1, 1}, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> CvarBootstrap.consecutiveUnits(5, 2));
    }

    private static double gaussian(final SplittableRandom random)
    {
        // Box-Muller on the seeded generator with StrictMath, so the samples are the same on every JVM.
        final double u = 1.0 - random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * Math.PI * random.nextDouble());
    }
}
