package io.slipway.analytics;

import java.util.Locale;

/**
 * The square-root impact coefficient Y the appliance prices and schedules with, as the feedback loop
 * has fitted it: the fitted value, the calibrated prior it was shrunk toward, how many finished orders
 * it has seen and the credibility weight Z of those orders, so that Y = Z Y_orders + (1 - Z) Y_prior
 * (Buhlmann-Straub credibility; see {@code io.slipway.learn.ImpactFeedback}). Where it came from is
 * kept for the reader: every estimate made with it says which coefficient it used.
 *
 * @param coefficient the Y in use
 * @param prior       the calibrated prior Y (the field notes' Y = 1), which the core's
 *                    {@code impactBpsPerHour} and the world's calibration stand for
 * @param orders      finished orders in the fit
 * @param credibility   Z in [0, 1): the share of Y that comes from the orders rather than the prior
 * @param standardError Z times the standard error of the orders' own least-squares Y, from their residuals
 *                      (the prior taken as known); NaN with fewer than two orders
 * @param source        where the fit was read from (a file name), for the reader
 */
public record ImpactFit(double coefficient, double prior, long orders, double credibility, double standardError,
    String source)
{
    /** A fitted Y outside this range is a broken fit, not a market: the field notes give 0.5 to 2 as plausible. */
    public static final double MIN_COEFFICIENT = 0.05;
    public static final double MAX_COEFFICIENT = 20.0;

    public ImpactFit
    {
        if (!(coefficient >= MIN_COEFFICIENT && coefficient <= MAX_COEFFICIENT))
        {
            throw new IllegalArgumentException("impact coefficient must be in [" + MIN_COEFFICIENT + ", " +
                MAX_COEFFICIENT + "], was " + coefficient);
        }
        if (!(prior > 0) || !Double.isFinite(prior) || orders < 0 || !(credibility >= 0 && credibility < 1) ||
            !(Double.isNaN(standardError) || standardError >= 0 && standardError < Double.POSITIVE_INFINITY))
        {
            throw new IllegalArgumentException("an impact fit needs a positive prior, orders >= 0, a credibility " +
                "in [0, 1) and a standard error that is finite and not negative, or NaN");
        }
    }

    /** What the fit multiplies a coefficient calibrated at the prior by. */
    public double scale()
    {
        return coefficient / prior;
    }

    /** One line for reports: which coefficient an estimate used. */
    public String describe()
    {
        return String.format(Locale.ROOT, "impact Y %.3f fitted over %d orders (SE %s, credibility %.2f, prior %.2f, %s)",
            coefficient, orders, Double.isNaN(standardError) ? "n/a" : String.format(Locale.ROOT, "%.3f", standardError),
            credibility, prior, source);
    }
}
