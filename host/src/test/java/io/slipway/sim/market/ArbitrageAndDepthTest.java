package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.sim.scenario.ArbitrageSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArbitrageAndDepthTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long SECOND = 1_000_000_000L;

    private static SimulatedMarket.Context btc(final long seed)
    {
        return new SimulatedMarket.Context().seed(seed).instruments(List.of(BTC));
    }

    /**
     * With 5 bps dislocations and a 20 s lag, SIMA's and SIMB's book mids differ by about
     * sqrt(2) x 5 bps and the difference forgets itself on the lag: autocorrelation e^-1 at 20 s,
     * e^-3 at 60 s (the difference of two independent OU processes is OU with the same lag).
     */
    @Test
    void venueMidsWanderApartAndArePulledTogetherOnTheLagTimeScale()
    {
        final double sdBps = 5;
        final double lagSeconds = 20;
        final SimWorld world = new SimWorld(btc(31).arbitrage(new ArbitrageSpec(sdBps, lagSeconds)));
        final OrderBook a = world.exchange("SIMA").book(BTC);
        final OrderBook b = world.exchange("SIMB").book(BTC);
        final int samples = 4 * 3_600;
        final double[] spread = new double[samples];
        double dislocationSq = 0;
        for (int i = 0; i < samples; i++)
        {
            world.runFor(SECOND);
            final double latent = world.market.latentMid(BTC);
            spread[i] = (SimWorld.bookMid(a, BTC) - SimWorld.bookMid(b, BTC)) / latent * 1e4;
            final double d = world.market.venueMid(2, BTC) / latent - 1;
            dislocationSq += d * d;
            // Each book sits on its own venue price, not on the latent one.
            assertEquals(world.market.venueMid(1, BTC), SimWorld.bookMid(a, BTC), latent * 1.5e-4);
        }
        final double dislocationBps = Math.sqrt(dislocationSq / samples) * 1e4;
        final double spreadSd = sd(spread);
        final double acfLag = autocorrelation(spread, (int)lagSeconds);
        final double acf3Lag = autocorrelation(spread, 3 * (int)lagSeconds);
        System.out.printf("arbitrage: SIMB dislocation SD %.2f bps (5), SIMA-SIMB SD %.2f bps (%.2f), "
            + "acf at lag %.3f (%.3f), at 3 lags %.3f (%.3f)%n", dislocationBps, spreadSd, sdBps * Math.sqrt(2),
            acfLag, Math.exp(-1), acf3Lag, Math.exp(-3));
        assertEquals(sdBps, dislocationBps, 1.0, "venue dislocation SD");
        assertEquals(sdBps * Math.sqrt(2), spreadSd, 1.5, "cross-venue mid spread SD");
        assertEquals(Math.exp(-1), acfLag, 0.12, "spread autocorrelation at the lag");
        assertTrue(acf3Lag < 0.2, "pulled together within a few lags: " + acf3Lag);
        assertTrue(autocorrelation(spread, 1) > 0.9, "but persistent over a second");
    }

    @Test
    void withoutArbitrageEveryVenueQuotesTheLatentPrice()
    {
        final SimWorld world = new SimWorld(btc(32));
        world.runFor(60 * SECOND);
        final double latent = world.market.latentMid(BTC);
        for (final SimulatedExchange venue : world.market.exchanges())
        {
            assertEquals(latent, world.market.venueMid(venue.id(), BTC), 0.0);
            assertEquals(latent, SimWorld.bookMid(venue.book(BTC), BTC), latent * 1.5e-4, venue.name());
        }
    }

    /** Half depth: the resting depth within 10 and 25 bps on every venue halves. */
    @Test
    void depthMultiplierScalesEveryVenuesDepth()
    {
        final double[] full = meanDepth(1.0);
        final double[] thin = meanDepth(0.5);
        for (int v = 0; v < full.length; v++)
        {
            System.out.printf("depth: venue %d within 10 bps full $%.2fM, thin $%.2fM, ratio %.3f%n", v + 1,
                full[v] / 1e6, thin[v] / 1e6, thin[v] / full[v]);
            assertEquals(0.5, thin[v] / full[v], 0.06, "venue " + (v + 1));
        }
    }

    private static double[] meanDepth(final double multiplier)
    {
        final SimWorld world = new SimWorld(btc(33).depthMultiplier(multiplier));
        final double[] sum = new double[3];
        final int samples = 120;
        for (int i = 0; i < samples; i++)
        {
            world.runFor(5 * SECOND);
            for (int v = 0; v < 3; v++)
            {
                final SimulatedExchange venue = world.market.exchanges().get(v);
                sum[v] += world.depthUsd(venue, BTC, Side.BUY, 10) + world.depthUsd(venue, BTC, Side.SELL, 10);
            }
        }
        for (int v = 0; v < 3; v++)
        {
            sum[v] /= samples;
        }
        return sum;
    }

    private static double sd(final double[] x)
    {
        double sum = 0;
        double sumSq = 0;
        for (final double v : x)
        {
            sum += v;
            sumSq += v * v;
        }
        final double mean = sum / x.length;
        return Math.sqrt(sumSq / x.length - mean * mean);
    }

    private static double autocorrelation(final double[] x, final int lag)
    {
        double mean = 0;
        for (final double v : x)
        {
            mean += v;
        }
        mean /= x.length;
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++)
        {
            den += (x[i] - mean) * (x[i] - mean);
            if (i + lag < x.length)
            {
                num += (x[i] - mean) * (x[i + lag] - mean);
            }
        }
        return num / den;
    }
}
