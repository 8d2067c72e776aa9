package io.slipway.sim.market;

import io.slipway.sim.scenario.JumpSpec;
import io.slipway.sim.scenario.RegimeSpec;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatentPriceRegimesTest
{
    private static final long STEP_NS = 1_000_000_000L;

    @Test
    void realisedVolatilityMatchesEachRegimeAndTimeSharesMatchTheMeans()
    {
        final RegimeSpec spec = new RegimeSpec(0.4, 1.2, 6.0, 2.0);
        final VolatilityRegimes regimes = new VolatilityRegimes(spec, 0, new SplittableRandom(5));
        final LatentPrice price = new LatentPrice(60_000, 0.5, 0, new SplittableRandom(6), regimes, null);
        final int steps = 2_000 * 3_600;
        final double[] sumSq = new double[2];
        final long[] count = new long[2];
        double last = Math.log(price.fundamental());
        for (int i = 1; i <= steps; i++)
        {
            final boolean stressBefore = regimes.stress();
            final long switchesBefore = regimes.switches();
            price.advanceTo(i * STEP_NS);
            final double now = Math.log(price.fundamental());
            if (regimes.switches() == switchesBefore)
            {
                final int k = stressBefore ? 1 : 0;
                sumSq[k] += (now - last) * (now - last);
                count[k]++;
            }
            last = now;
        }
        final double calm = Math.sqrt(sumSq[0] / count[0] * LatentPrice.SECONDS_PER_YEAR);
        final double stress = Math.sqrt(sumSq[1] / count[1] * LatentPrice.SECONDS_PER_YEAR);
        System.out.printf("regimes: calm %.4f (0.4), stress %.4f (1.2), stress share %.3f (0.25), %d switches%n",
            calm, stress, count[1] / (double)(count[0] + count[1]), regimes.switches());
        assertEquals(0.4, calm, 0.01, "calm realised volatility");
        assertEquals(1.2, stress, 0.03, "stress realised volatility");
        // 2,000 h with 8 h cycles: about 250 cycles, so the share is known to a few percent.
        assertEquals(0.25, count[1] / (double)(count[0] + count[1]), 0.05, "share of time in stress");
        assertEquals(2 * 2_000 / 8.0, regimes.switches(), 60, "switches");
    }

    @Test
    void stepVarianceIsIntegratedAcrossASwitch()
    {
        final VolatilityRegimes regimes = new VolatilityRegimes(new RegimeSpec(0.3, 0.9, 1.0, 1.0), 0,
            new SplittableRandom(2));
        final boolean first = regimes.stress();
        final long switchAt = regimes.nextSwitchNs();
        final long end = switchAt + 1_000_000_000L;
        final double variance = regimes.integratedVariance(0, Math.min(end, regimes.nextSwitchNs() + 1_000_000_000L));
        final double firstVar = (first ? 0.81 : 0.09) / LatentPrice.SECONDS_PER_YEAR;
        final double secondVar = (first ? 0.09 : 0.81) / LatentPrice.SECONDS_PER_YEAR;
        final double expected = firstVar * switchAt * 1e-9 + secondVar * 1.0;
        assertEquals(expected, variance, expected * 1e-9);
        assertNotEquals(first, regimes.stress());
    }

    @Test
    void jumpCountAndSizesFollowTheSpec()
    {
        final JumpSpec spec = new JumpSpec(48, -20, 50);
        final PriceJumps jumps = new PriceJumps(spec, 0, new SplittableRandom(8));
        final LatentPrice price = new LatentPrice(60_000, 0.0, 0, new SplittableRandom(9), null, jumps);
        final int days = 200;
        double sum = 0;
        double sumSq = 0;
        long seen = 0;
        double last = price.fundamental();
        for (int i = 1; i <= days * 86_400 / 10; i++)
        {
            price.advanceTo(i * 10 * STEP_NS);
            final double now = price.fundamental();
            if (now != last)
            {
                final double bps = (now / last - 1) * 1e4;
                sum += bps;
                sumSq += bps * bps;
                seen++;
            }
            last = now;
        }
        final double mean = sum / seen;
        final double sd = Math.sqrt(sumSq / seen - mean * mean);
        System.out.printf("jumps: %d (expected %d), mean %.2f bps (-20), sd %.2f bps (50)%n", jumps.count(),
            48 * days, mean, sd);
        // Poisson count: 9,600 expected, SD about 98.
        assertEquals(48.0 * days, jumps.count(), 4 * Math.sqrt(48.0 * days));
        assertTrue(seen >= jumps.count() - 60 && seen <= jumps.count(),
            "jumps rarely share a 10 s step (about 27 pairs)");
        assertEquals(-20, mean, 2.0, "mean jump");
        assertEquals(50, sd, 2.5, "jump SD");
    }

    @Test
    void withoutRegimesAndJumpsThePathIsThePlainDiffusion()
    {
        final LatentPrice plain = new LatentPrice(100, 0.6, 0, new SplittableRandom(4));
        final LatentPrice none = new LatentPrice(100, 0.6, 0, new SplittableRandom(4), null, null);
        for (int i = 1; i < 10_000; i++)
        {
            plain.advanceTo(i * 100_000_000L);
            none.advanceTo(i * 100_000_000L);
        }
        assertEquals(plain.fundamental(), none.fundamental(), 0.0);
    }

    @Test
    void sameSeedSameRegimeAndJumpPath()
    {
        final double a = path(3);
        assertEquals(a, path(3), 0.0);
        assertNotEquals(a, path(4));
    }

    private static double path(final long seed)
    {
        final LatentPrice price = new LatentPrice(100, 0.5, 0, new SplittableRandom(seed),
            new VolatilityRegimes(new RegimeSpec(0.4, 1.0, 1.0, 0.5), 0, new SplittableRandom(seed + 100)),
            new PriceJumps(new JumpSpec(100, 0, 30), 0, new SplittableRandom(seed + 200)));
        for (int i = 1; i < 100_000; i++)
        {
            price.advanceTo(i * 100_000_000L);
        }
        return price.fundamental();
    }
}
