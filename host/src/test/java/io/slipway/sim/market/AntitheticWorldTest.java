package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.SplittableRandomSource;
import io.slipway.sim.scenario.JumpSpec;
import io.slipway.sim.scenario.RegimeSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The antithetic world: the latent price's Gaussian innovations negated, nothing else changed, and
 * without the option the world exactly as before.
 */
class AntitheticWorldTest
{
    private static final Instrument BTC = Instruments.BTC_USD;

    @Test
    void mirrorNegatesEachLogIncrementBitForBit()
    {
        final SplittableRandom reference = new SplittableRandom(11);
        final LatentPrice plain = new LatentPrice(60_000, 0.5, 0, new SplittableRandom(11), null, null, false);
        final LatentPrice mirror = new LatentPrice(60_000, 0.5, 0, new SplittableRandom(11), null, null, true);
        assertFalse(plain.mirrored());
        assertTrue(mirror.mirrored());
        double expectedPlain = 60_000;
        double expectedMirror = 60_000;
        long timeNs = 0;
        double variance = 0;
        for (final long stepNs : new long[]{100_000_000L, 1_000_000_000L, 7_000_000L, 60_000_000_000L, 250_000_000L})
        {
            final double dt = stepNs * 1e-9;
            final double s = plain.sigmaPerSqrtSecond() * Math.sqrt(dt);
            final double z = reference.nextGaussian();
            timeNs += stepNs;
            variance += s * s;
            plain.advanceTo(timeNs);
            mirror.advanceTo(timeNs);
            expectedPlain *= Math.exp(-0.5 * s * s + s * z);
            expectedMirror *= Math.exp(-0.5 * s * s + s * -z);
            assertEquals(Double.doubleToRawLongBits(expectedPlain), Double.doubleToRawLongBits(plain.fundamental()),
                "unmirrored step is the plain GBM's, bit for bit");
            assertEquals(Double.doubleToRawLongBits(expectedMirror), Double.doubleToRawLongBits(mirror.fundamental()),
                "mirrored step uses -Z, bit for bit");
        }
        // The pair's log-returns sum to twice the -sigma^2 t / 2 correction: the noise cancels within the pair.
        assertEquals(-variance, Math.log(plain.fundamental() / 60_000) + Math.log(mirror.fundamental() / 60_000), 1e-12);
        assertTrue(Math.abs(Math.log(plain.fundamental() / 60_000) - Math.log(mirror.fundamental() / 60_000)) > 1e-4,
            "the two paths differ");
    }

    @Test
    void mirrorKeepsRegimesAndJumpTimesAndMirrorsJumpSizes()
    {
        final JumpSpec spec = new JumpSpec(2_000, 5, 80);
        final RegimeSpec regimes = new RegimeSpec(0.5, 1.2, 0.05, 0.05);
        final PriceJumps plainJumps = new PriceJumps(spec, 0, new SplittableRandom(3), false);
        final PriceJumps mirrorJumps = new PriceJumps(spec, 0, new SplittableRandom(3), true);
        final VolatilityRegimes plainRegimes = new VolatilityRegimes(regimes, 0, new SplittableRandom(4));
        final VolatilityRegimes mirrorRegimes = new VolatilityRegimes(regimes, 0, new SplittableRandom(4));
        final LatentPrice plain = new LatentPrice(60_000, 0.5, 0, new SplittableRandom(5), plainRegimes, plainJumps, false);
        final LatentPrice mirror = new LatentPrice(60_000, 0.5, 0, new SplittableRandom(5), mirrorRegimes, mirrorJumps,
            true);
        for (int i = 1; i <= 3_600; i++)
        {
            final long countBefore = plainJumps.count();
            plain.advanceTo(i * 1_000_000_000L);
            mirror.advanceTo(i * 1_000_000_000L);
            assertEquals(plainJumps.count(), mirrorJumps.count(), "same jump arrivals");
            assertEquals(plainJumps.nextJumpNs(), mirrorJumps.nextJumpNs());
            assertEquals(plainRegimes.stress(), mirrorRegimes.stress(), "same regimes");
            if (plainJumps.count() > countBefore)
            {
                // J = mean + sd z against mean - sd z.
                assertEquals(0.0, (plainJumps.lastJumpBps() - 5) + (mirrorJumps.lastJumpBps() - 5), 1e-9);
            }
        }
        assertTrue(plainJumps.count() > 50, "jumps happened: " + plainJumps.count());
        assertTrue(plainRegimes.switches() > 0, "regimes switched");
    }

    @Test
    void worldDrawsTheLatentStreamAloneAndMirrorsOnlyIt()
    {
        for (final boolean mirror : new boolean[]{false, true})
        {
            final SimulatedMarket.Context ctx = new SimulatedMarket.Context().seed(5).instruments(List.of(BTC));
            if (mirror)
            {
                ctx.mirrorLatentInnovations(true);
            }
            final SimulatedMarket market = new SimulatedMarket(ctx);
            final LatentPrice reference = new LatentPrice(market.fundamentalMid(BTC), ctx.annualVolatility(),
                ctx.startTimeNs(), new SplittableRandomSource(5).stream("latent/" + BTC.symbol()), null, null, mirror);
            final EventScheduler scheduler = new EventScheduler(ctx.startTimeNs());
            final WorldProbe probe = new WorldProbe();
            market.start(scheduler, probe, probe);
            final long endNs = ctx.startTimeNs() + 10_000_000_000L;
            while (scheduler.runNext(endNs))
            {
                // Quote ticks, liquidity and takers, in time order.
            }
            final long lastNs = market.latentPrice(BTC).timeNs();
            final long intervalNs = 100_000_000L;
            for (long t = ctx.startTimeNs() + intervalNs; t <= lastNs; t += intervalNs)
            {
                reference.advanceTo(t);
            }
            assertEquals(lastNs, reference.timeNs(), "ticks every 100 ms");
            // Bit for bit: off, the world's latent path is the plain GBM on its own stream; on, that GBM with -Z.
            // Any other draw from the stream, or a sign on by default, breaks it.
            assertEquals(Double.doubleToRawLongBits(reference.fundamental()),
                Double.doubleToRawLongBits(market.fundamentalMid(BTC)), "mirror " + mirror);
            assertEquals(mirror, market.latentPrice(BTC).mirrored());
        }
    }
}
