package io.slipway.sim.calibration;

/**
 * One calibration figure held to a tolerance: passes when low <= measured <= high.
 *
 * @param name      what is compared, e.g. "SIMA depth within 5 bps (mean of sides), USD"
 * @param measured  the simulated figure
 * @param target    the recorded or theoretical figure it is held to
 * @param low       lowest accepted value
 * @param high      highest accepted value
 * @param rule      the tolerance in words, e.g. "recorded +/-25%"
 */
public record CalibrationCheck(String name, double measured, double target, double low, double high, String rule)
{
    public boolean passed()
    {
        return measured >= low && measured <= high;
    }

    /** Held relative to a target: target (1 -/+ fraction). */
    public static CalibrationCheck relative(final String name, final double measured, final double target,
        final double fraction)
    {
        return new CalibrationCheck(name, measured, target, target * (1 - fraction), target * (1 + fraction),
            "target +/-" + Math.round(fraction * 100) + "%");
    }

    /** Held inside a band [low, high] around a target. */
    public static CalibrationCheck band(final String name, final double measured, final double target,
        final double low, final double high)
    {
        return new CalibrationCheck(name, measured, target, low, high, String.format(java.util.Locale.ROOT, "in [%.2f, %.2f]", low, high));
    }
}
