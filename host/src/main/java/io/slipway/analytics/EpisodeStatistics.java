package io.slipway.analytics;

import java.util.Arrays;

/**
 * Summary statistics for evaluation episodes: mean, sample standard deviation, CVaR 95 (mean of
 * the worst 5% of outcomes, at least one, where larger is worse) and the Student-t 95% confidence
 * interval of a mean, for paired differences between strategies run on the same seeds.
 */
public final class EpisodeStatistics
{
    private EpisodeStatistics()
    {
    }

    public static double mean(final double[] values)
    {
        double sum = 0.0;
        for (final double value : values)
        {
            sum += value;
        }
        return sum / values.length;
    }

    /** Sample SD (n - 1); zero for a single value. */
    public static double sd(final double[] values)
    {
        if (values.length < 2)
        {
            return 0.0;
        }
        final double mean = mean(values);
        double sum = 0.0;
        for (final double value : values)
        {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }

    /** Mean of the worst ceil(5%) outcomes, worst meaning largest (a cost). */
    public static double cvar95(final double[] costs)
    {
        final double[] sorted = costs.clone();
        Arrays.sort(sorted);
        final int tail = (int)Math.max(1, Math.ceil(0.05 * sorted.length));
        double sum = 0.0;
        for (int i = sorted.length - tail; i < sorted.length; i++)
        {
            sum += sorted[i];
        }
        return sum / tail;
    }

    /** Half-width of the 95% confidence interval of the mean (Student t, n - 1 degrees of freedom). */
    public static double halfWidth95(final double[] values)
    {
        if (values.length < 2)
        {
            return Double.NaN;
        }
        return tQuantile975(values.length - 1) * sd(values) / Math.sqrt(values.length);
    }

    /**
     * Element-wise means of an antithetic pair's two episodes, (world[i] + mirror[i]) / 2: the samples
     * that statistics over antithetic pairs use, one per pair.
     */
    public static double[] pairMeans(final double[] world, final double[] mirror)
    {
        if (world.length != mirror.length)
        {
            throw new IllegalArgumentException("pairs need as many mirrored episodes as episodes: " + world.length +
                " and " + mirror.length);
        }
        final double[] means = new double[world.length];
        for (int i = 0; i < world.length; i++)
        {
            means[i] = 0.5 * (world[i] + mirror[i]);
        }
        return means;
    }

    /** Pearson correlation of paired values; NaN when either has no spread or there are fewer than two. */
    public static double correlation(final double[] x, final double[] y)
    {
        if (x.length != y.length)
        {
            throw new IllegalArgumentException("correlation needs paired values: " + x.length + " and " + y.length);
        }
        if (x.length < 2)
        {
            return Double.NaN;
        }
        final double mx = mean(x);
        final double my = mean(y);
        double sxy = 0.0;
        double sxx = 0.0;
        double syy = 0.0;
        for (int i = 0; i < x.length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }

    /** mean(x) / mean(y) over paired samples; NaN when mean(y) is zero. */
    public static double ratioOfMeans(final double[] x, final double[] y)
    {
        final double my = mean(y);
        return my != 0.0 ? mean(x) / my : Double.NaN;
    }

    /**
     * Half-width of the 95% interval of mean(x) / mean(y) by the delta method on paired samples:
     * with R the ratio and d_i = x_i - R y_i, SE(R) = sd(d) / (sqrt(n) |mean(y)|), and Student t with
     * n - 1 degrees of freedom. Sound while mean(y) is several of its own standard errors from zero;
     * NaN for fewer than two pairs or mean(y) zero.
     */
    public static double ratioHalfWidth95(final double[] x, final double[] y)
    {
        if (x.length != y.length)
        {
            throw new IllegalArgumentException("a ratio of means needs paired values: " + x.length + " and " + y.length);
        }
        final double ratio = ratioOfMeans(x, y);
        if (x.length < 2 || Double.isNaN(ratio))
        {
            return Double.NaN;
        }
        final double[] residual = new double[x.length];
        for (int i = 0; i < x.length; i++)
        {
            residual[i] = x[i] - ratio * y[i];
        }
        return tQuantile975(x.length - 1) * sd(residual) / (Math.sqrt(x.length) * Math.abs(mean(y)));
    }

    /**
     * Two-sided 95% Student t quantile: exact for 1 and 2 degrees of freedom, else the
     * Cornish-Fisher expansion around z = 1.959964 (Abramowitz and Stegun 26.7.5), within 0.004
     * from 3 degrees of freedom on.
     */
    public static double tQuantile975(final int degreesOfFreedom)
    {
        if (degreesOfFreedom < 1)
        {
            throw new IllegalArgumentException("degrees of freedom must be positive");
        }
        if (degreesOfFreedom == 1)
        {
            return 12.706205;
        }
        if (degreesOfFreedom == 2)
        {
            return 4.302653;
        }
        final double z = 1.959964;
        final double n = degreesOfFreedom;
        final double z3 = z * z * z;
        final double z5 = z3 * z * z;
        final double z7 = z5 * z * z;
        final double z9 = z7 * z * z;
        return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) +
            (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n) +
            (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92_160 * n * n * n * n);
    }
}
