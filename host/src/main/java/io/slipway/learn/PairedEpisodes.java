package io.slipway.learn;

import io.slipway.app.StrategyEpisode;
import io.slipway.core.CoreContext;
import io.slipway.core.Strategy;
import io.slipway.domain.Instrument;
import io.slipway.domain.Side;
import io.slipway.sim.scenario.Scenario;
import io.slipway.tca.TcaReport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs independent evaluation episodes, on one thread or several. Every episode builds its own
 * world, card and core from its seed and shares nothing mutable with the others (a frozen policy
 * is only read), so running them in parallel changes the wall time and nothing else: results
 * come back in the order the episodes were given, the same as on one thread.
 */
public final class PairedEpisodes
{
    /**
     * One episode to run: a strategy working one order on one scenario and world seed; mirror runs the
     * seed's antithetic world (the latent price's Gaussian innovations negated).
     */
    public record Episode(Scenario scenario, long seed, boolean mirror, Strategy strategy,
        Supplier<CoreContext> coreContext, Instrument instrument, Side side, String quantity, long horizonNs)
    {
        public Episode(final Scenario scenario, final long seed, final Strategy strategy,
            final Supplier<CoreContext> coreContext, final Instrument instrument, final Side side, final String quantity,
            final long horizonNs)
        {
            this(scenario, seed, false, strategy, coreContext, instrument, side, quantity, horizonNs);
        }
    }

    /**
     * An episode's TCA, the order's own impact in bps of its fills (NaN off the simulated market) and the
     * wall time it took (a measurement, not part of the result's identity).
     */
    public record Outcome(TcaReport tca, double ownImpactBps, long wallNs)
    {
    }

    /** Told as episodes finish, in completion order, on the caller's thread. */
    @FunctionalInterface
    public interface Progress
    {
        void onDone(int done, int total, Episode episode, Outcome outcome);
    }

    private PairedEpisodes()
    {
    }

    public static List<Outcome> run(final List<Episode> episodes, final int threads, final Progress progress)
    {
        if (threads < 1 || threads > 64)
        {
            throw new IllegalArgumentException("threads must be 1..64, was " + threads);
        }
        final List<Outcome> outcomes = new ArrayList<>(episodes.size());
        if (threads == 1)
        {
            for (int i = 0; i < episodes.size(); i++)
            {
                final Outcome outcome = runOne(episodes.get(i));
                outcomes.add(outcome);
                progress.onDone(i + 1, episodes.size(), episodes.get(i), outcome);
            }
            return outcomes;
        }
        final ExecutorService pool = Executors.newFixedThreadPool(threads, r ->
        {
            final Thread thread = new Thread(r, "slipway-episode");
            thread.setDaemon(true);
            return thread;
        });
        try
        {
            final List<Future<Outcome>> futures = new ArrayList<>(episodes.size());
            for (final Episode episode : episodes)
            {
                futures.add(pool.submit(() -> runOne(episode)));
            }
            for (int i = 0; i < futures.size(); i++)
            {
                final Outcome outcome = futures.get(i).get();
                outcomes.add(outcome);
                progress.onDone(i + 1, episodes.size(), episodes.get(i), outcome);
            }
            return outcomes;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", ex);
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            throw new IllegalStateException("episode failed", cause);
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    private static Outcome runOne(final Episode e)
    {
        final long startNs = System.nanoTime();
        final StrategyEpisode.Result result = StrategyEpisode.measure(e.scenario(), e.seed(), e.mirror(), e.strategy(),
            e.coreContext().get(), e.instrument(), e.side(), e.quantity(), e.horizonNs());
        return new Outcome(result.tca(), result.ownImpactBps(), System.nanoTime() - startNs);
    }
}
