package io.slipway.sim.market;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LatentPriceTest
{
    private static final long STEP_NS = 100_000_000L;

    @Test
    void logReturnsHaveTheConfiguredVolatility()
    {
        final LatentPrice price = new LatentPrice(60_000, 0.5, 0, new SplittableRandom(1));
        final int steps = 4 * 36_000;
        double sum = 0;
        double sumSq = 0;
        double last = Math.log(price.fundamental());
        for (int i = 1; i <= steps; i++)
        {
            price.advanceTo(i * STEP_NS);
            final double now = Math.log(price.fundamental());
            sum += now - last;
            sumSq += (now - last) * (now - last);
            last = now;
        }
        final double variance = sumSq / steps - (sum / steps) * (sum / steps);
        final double annualised = Math.sqrt(variance / (STEP_NS * 1e-9) * LatentPrice.SECONDS_PER_YEAR);
        assertEquals(0.5, annualised, 0.01);
    }

    @Test
    void sameSeedSamePathAndNoMoveWithoutTime()
    {
        final LatentPrice a = new LatentPrice(100, 0.8, 0, new SplittableRandom(9));
        final LatentPrice b = new LatentPrice(100, 0.8, 0, new SplittableRandom(9));
        final LatentPrice c = new LatentPrice(100, 0.8, 0, new SplittableRandom(10));
        for (int i = 1; i < 1_000; i++)
        {
            a.advanceTo(i * STEP_NS);
            b.advanceTo(i * STEP_NS);
            c.advanceTo(i * STEP_NS);
        }
        assertEquals(a.fundamental(), b.fundamental());
        assertNotEquals(a.fundamental(), c.fundamental());
        final double before = a.fundamental();
        a.advanceTo(a.timeNs());
        assertEquals(before, a.fundamental());
    }

    @Test
    void zeroVolatilityIsFlat()
    {
        final LatentPrice price = new LatentPrice(2_500, 0, 0, new SplittableRandom(3));
        price.advanceTo(3_600_000_000_000L);
        assertEquals(2_500, price.fundamental(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new LatentPrice(0, 0.5, 0, new SplittableRandom(3)));
    }
}
