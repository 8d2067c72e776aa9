package io.slipway.analytics;

/**
 * Discrete Almgren-Chriss optimal liquidation: sell X over T in N steps of tau = T / N, with
 * linear permanent impact gamma, temporary impact epsilon sgn(n) + eta n / tau, and risk
 * aversion lambda on the variance of the cost.
 *
 * <p>Formulas from R. Almgren and N. Chriss, "Optimal execution of portfolio transactions",
 * Journal of Risk 3 (2000): holdings x_j = X sinh(kappa (T - t_j)) / sinh(kappa T) with
 * kappa = acosh(1 + kappa~^2 tau^2 / 2) / tau, kappa~^2 = lambda sigma^2 / eta~ and
 * eta~ = eta - gamma tau / 2; E and V of the optimal trajectory in closed form (their
 * equations 20 and 21). Units are whatever the caller uses consistently (shares and price, or
 * fractions of the order and basis points). lambda = 0 gives the straight line (TWAP).
 * StrictMath keeps the results bit for bit the same on every JVM, as the core's replay needs.
 */
public final class AlmgrenChriss
{
    private static final double LINEAR_KAPPA_T = 1e-9;
    /** Beyond this kappa T the hyperbolic closed forms overflow; the sums over the trajectory are used. */
    private static final double LARGE_KAPPA_T = 50.0;

    private final double quantity;
    private final double horizon;
    private final int steps;
    private final double sigma;
    private final double epsilon;
    private final double gamma;
    private final double eta;
    private final double lambda;
    private final double tau;
    private final double etaTilde;
    private final double kappa;

    public AlmgrenChriss(final double quantity, final double horizon, final int steps, final double sigma,
        final double epsilon, final double gamma, final double eta, final double lambda)
    {
        if (quantity < 0 || horizon <= 0 || steps < 1 || sigma < 0 || lambda < 0)
        {
            throw new IllegalArgumentException("need quantity >= 0, horizon > 0, steps >= 1, sigma >= 0, lambda >= 0");
        }
        this.quantity = quantity;
        this.horizon = horizon;
        this.steps = steps;
        this.sigma = sigma;
        this.epsilon = epsilon;
        this.gamma = gamma;
        this.eta = eta;
        this.lambda = lambda;
        this.tau = horizon / steps;
        this.etaTilde = eta - gamma * tau / 2.0;
        if (etaTilde <= 0)
        {
            throw new IllegalArgumentException("eta - gamma tau / 2 must be positive");
        }
        final double kappaTilde2 = lambda * sigma * sigma / etaTilde;
        this.kappa = acosh(1.0 + kappaTilde2 * tau * tau / 2.0) / tau;
    }

    public double tau()
    {
        return tau;
    }

    public double etaTilde()
    {
        return etaTilde;
    }

    public double kappa()
    {
        return kappa;
    }

    public int steps()
    {
        return steps;
    }

    /** True when the trajectory is the straight line (kappa T negligible). */
    public boolean isLinear()
    {
        return kappa * horizon < LINEAR_KAPPA_T;
    }

    /** Holdings still to sell at t_j = j tau, j = 0..N. */
    public double holdings(final int j)
    {
        if (j <= 0)
        {
            return quantity;
        }
        if (j >= steps)
        {
            return 0.0;
        }
        final double tj = j * tau;
        if (isLinear())
        {
            return quantity * (horizon - tj) / horizon;
        }
        if (kappa * horizon > LARGE_KAPPA_T)
        {
            // sinh(a) / sinh(b) = exp(a - b) (1 - exp(-2a)) / (1 - exp(-2b)), finite for large b.
            final double a = kappa * (horizon - tj);
            return quantity * StrictMath.exp(-kappa * tj) * -StrictMath.expm1(-2.0 * a) / -StrictMath.expm1(-2.0 * kappa * horizon);
        }
        return quantity * StrictMath.sinh(kappa * (horizon - tj)) / StrictMath.sinh(kappa * horizon);
    }

    /** The whole trajectory x_0..x_N. */
    public double[] trajectory()
    {
        final double[] x = new double[steps + 1];
        for (int j = 0; j <= steps; j++)
        {
            x[j] = holdings(j);
        }
        return x;
    }

    /** Expected cost of the optimal trajectory, closed form (equals {@link #expectedCost(double[])} of it). */
    public double expectedCost()
    {
        if (isLinear() || kappa * horizon > LARGE_KAPPA_T)
        {
            return expectedCost(trajectory());
        }
        final double x2 = quantity * quantity;
        final double sinhKT = StrictMath.sinh(kappa * horizon);
        return gamma * x2 / 2.0 + epsilon * quantity + etaTilde * x2 * StrictMath.tanh(kappa * tau / 2.0) *
            (tau * StrictMath.sinh(2.0 * kappa * horizon) + 2.0 * horizon * StrictMath.sinh(kappa * tau)) /
            (2.0 * tau * tau * sinhKT * sinhKT);
    }

    /** Variance of the cost of the optimal trajectory, closed form. */
    public double variance()
    {
        if (isLinear() || kappa * horizon > LARGE_KAPPA_T)
        {
            return variance(trajectory());
        }
        final double sinhKT = StrictMath.sinh(kappa * horizon);
        return sigma * sigma * quantity * quantity *
            (tau * sinhKT * StrictMath.cosh(kappa * (horizon - tau)) - horizon * StrictMath.sinh(kappa * tau)) /
            (2.0 * sinhKT * sinhKT * StrictMath.sinh(kappa * tau));
    }

    /** E[C] = gamma X^2 / 2 + epsilon sum |n_k| + (eta~ / tau) sum n_k^2 for any trajectory x_0..x_N. */
    public double expectedCost(final double[] x)
    {
        checkTrajectory(x);
        double absSum = 0.0;
        double squareSum = 0.0;
        for (int k = 1; k <= steps; k++)
        {
            final double n = x[k - 1] - x[k];
            absSum += Math.abs(n);
            squareSum += n * n;
        }
        return gamma * quantity * quantity / 2.0 + epsilon * absSum + etaTilde / tau * squareSum;
    }

    /** Var[C] = sigma^2 tau sum_{k=1..N} x_k^2 for any trajectory x_0..x_N. */
    public double variance(final double[] x)
    {
        checkTrajectory(x);
        double sum = 0.0;
        for (int k = 1; k <= steps; k++)
        {
            sum += x[k] * x[k];
        }
        return sigma * sigma * tau * sum;
    }

    /** The straight-line (TWAP) trajectory for the same order. */
    public double[] linearTrajectory()
    {
        final double[] x = new double[steps + 1];
        for (int j = 0; j <= steps; j++)
        {
            x[j] = quantity * (steps - j) / steps;
        }
        return x;
    }

    /** E + lambda V of a trajectory: the objective the optimal one minimises. */
    public double objective(final double[] x)
    {
        return expectedCost(x) + lambda * variance(x);
    }

    private void checkTrajectory(final double[] x)
    {
        if (x.length != steps + 1)
        {
            throw new IllegalArgumentException("trajectory needs " + (steps + 1) + " points, has " + x.length);
        }
    }

    private static double acosh(final double value)
    {
        return StrictMath.log(value + StrictMath.sqrt(value * value - 1.0));
    }
}
