package io.slipway.analytics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Paired bootstrap interval for the difference CVaR95(x) - CVaR95(y) of two strategies run on the
 * same episodes, and for the ratio CVaR95(x) / CVaR95(y).
 * <p>
 * The resampled things are units, not episodes: each episode names its unit, and a resample draws
 * as many units as there are, with replacement, and keeps every episode of a drawn unit, for both
 * strategies at once. A unit is what is independent: an episode; an antithetic pair, whose world
 * and mirror must stay together because they are strongly negatively correlated; or a seed whose
 * worlds in several scenarios share the latent price's draws. CVaR 95 is taken over the resampled
 * episodes, since it is the tail of single episodes, not of unit averages.
 * <p>
 * The interval is the percentile interval (2.5% and 97.5% of the replicates, linearly
 * interpolated). Its known weakness: CVaR 95 of a few dozen episodes is the mean of one to a few
 * order statistics, and the bootstrap of extreme order statistics is rough: the resampled tail can
 * never be worse than the worst episode seen, so the interval is too narrow on the side of a worse
 * tail. {@code CvarBootstrapTest} measures the coverage on normal samples with a known CVaR.
 * <p>
 * The generator is a {@link SplittableRandom} seeded by the caller: the same inputs and seed give
 * the same interval, bit for bit.
 */
public final class CvarBootstrap
{
    /** Resamples when the caller does not choose: the 2.5% and 97.5% points rest on 50 replicates each. */
    public static final int DEFAULT_RESAMPLES = 2_000;
    public static final int MIN_RESAMPLES = 100;
    public static final int MAX_RESAMPLES = 1_000_000;

    /**
     * The point estimates over all episodes and their 95% percentile intervals; ratio figures are NaN
     * when y's CVaR 95 (point or in any replicate) is not a positive cost, interval figures NaN with
     * fewer than two units.
     */
    public record Interval(double difference, double lower, double upper, double ratio, double ratioLower,
        double ratioUpper, int units, int resamples)
    {
        public boolean contains(final double value)
        {
            return lower <= value && value <= upper;
        }
    }

    private CvarBootstrap()
    {
    }

    /**
     * @param x         strategy's cost per episode (larger is worse).
     * @param y         reference's cost on the same episodes.
     * @param unit      unit of each episode, 0 .. units - 1, every unit holding at least one episode.
     * @param resamples number of bootstrap resamples, {@link #MIN_RESAMPLES} .. {@link #MAX_RESAMPLES}.
     * @param seed      seed of the resampling generator.
     */
    public static Interval difference(final double[] x, final double[] y, final int[] unit, final int resamples,
        final long seed)
    {
        if (x.length != y.length || x.length != unit.length)
        {
            throw new IllegalArgumentException("a paired bootstrap needs one cost of each strategy and one unit per " +
                "episode: " + x.length + ", " + y.length + " and " + unit.length);
        }
        if (x.length == 0)
        {
            throw new IllegalArgumentException("a paired bootstrap needs at least one episode");
        }
        if (resamples < MIN_RESAMPLES || resamples > MAX_RESAMPLES)
        {
            throw new IllegalArgumentException("bootstrap resamples must be " + MIN_RESAMPLES + ".." + MAX_RESAMPLES +
                ", was " + resamples);
        }
        final int[][] members = members(unit);
        final int units = members.length;
        final double cx = EpisodeStatistics.cvar95(x);
        final double cy = EpisodeStatistics.cvar95(y);
        final double ratio = cy > 0 ? cx / cy : Double.NaN;
        if (units < 2)
        {
            return new Interval(cx - cy, Double.NaN, Double.NaN, ratio, Double.NaN, Double.NaN, units, resamples);
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] differences = new double[resamples];
        final double[] ratios = new double[resamples];
        boolean ratioDefined = !Double.isNaN(ratio);
        double[] bx = new double[x.length];
        double[] by = new double[x.length];
        for (int r = 0; r < resamples; r++)
        {
            int n = 0;
            for (int u = 0; u < units; u++)
            {
                final int[] drawn = members[random.nextInt(units)];
                if (n + drawn.length > bx.length)
                {
                    bx = Arrays.copyOf(bx, Math.max(2 * bx.length, n + drawn.length));
                    by = Arrays.copyOf(by, bx.length);
                }
                for (final int episode : drawn)
                {
                    bx[n] = x[episode];
                    by[n] = y[episode];
                    n++;
                }
            }
            final double rx = EpisodeStatistics.cvar95(Arrays.copyOf(bx, n));
            final double ry = EpisodeStatistics.cvar95(Arrays.copyOf(by, n));
            differences[r] = rx - ry;
            ratioDefined &= ry > 0;
            ratios[r] = ratioDefined ? rx / ry : Double.NaN;
        }
        Arrays.sort(differences);
        final double ratioLower;
        final double ratioUpper;
        if (ratioDefined)
        {
            Arrays.sort(ratios);
            ratioLower = quantile(ratios, 0.025);
            ratioUpper = quantile(ratios, 0.975);
        }
        else
        {
            ratioLower = Double.NaN;
            ratioUpper = Double.NaN;
        }
        return new Interval(cx - cy, quantile(differences, 0.025), quantile(differences, 0.975), ratio, ratioLower,
            ratioUpper, units, resamples);
    }

    /** Units of episodes laid out unit by unit, each unit {@code size} adjacent episodes: 0,0,1,1,2,2 for size 2. */
    public static int[] consecutiveUnits(final int episodes, final int size)
    {
        if (size < 1 || episodes % size != 0)
        {
            throw new IllegalArgumentException(episodes + " episodes do not split into units of " + size);
        }
        final int[] unit = new int[episodes];
        for (int i = 0; i < episodes; i++)
        {
            unit[i] = i / size;
        }
        return unit;
    }

    /** Quantile of sorted values, linear between order statistics (type 7). */
    static double quantile(final double[] sorted, final double p)
    {
        final double h = (sorted.length - 1) * p;
        final int lo = (int)Math.floor(h);
        final int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static int[][] members(final int[] unit)
    {
        int units = 0;
        for (final int u : unit)
        {
            if (u < 0)
            {
                throw new IllegalArgumentException("unit numbers must not be negative, was " + u);
            }
            units = Math.max(units, u + 1);
        }
        final int[] count = new int[units];
        for (final int u : unit)
        {
            count[u]++;
        }
        final int[][] members = new int[units][];
        for (int u = 0; u < units; u++)
        {
            if (count[u] == 0)
            {
                throw new IllegalArgumentException("unit " + u + " holds no episode; units must be numbered 0.." +
                    (units - 1) + " without gaps");
            }
            members[u] = new int[count[u]];
            count[u] = 0;
        }
        for (int i = 0; i < unit.length; i++)
        {
            members[unit[i]][count[unit[i]]++] = i;
        }
        return members;
    }
}
