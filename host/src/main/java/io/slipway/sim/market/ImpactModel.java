package io.slipway.sim.market;

import io.slipway.domain.Side;

import java.util.Arrays;

/**
 * Transient own-trade impact on the latent price (propagator model, Bouchaud et al. 2004;
 * square-root law, Donier and Bonart 2015):
 *
 * <pre>
 *   impact(t) = integral over own flow of f(r(s)) G(t - s) ds,  f(r) = c sign(r) sqrt(|r|),
 *   G(tau) = (tau + tau0)^(-1/2),  c = Y sigma_d / (2 sqrt(V_d))
 * </pre>
 *
 * with r the signed rate of the host's executed flow, taking and resting (base units per second), sigma_d the daily
 * volatility and V_d the daily volume in base units. A metaorder of Q at a constant rate over T
 * then peaks at 2c sqrt(Q) = Y sigma_d sqrt(Q / V_d) whatever T, and decays to about 41% of the
 * peak at 2T and 27% at 4T.
 *
 * <p>Fills are discrete, so the rate is an exponential moving average of signed flow with time
 * constant {@code rateTimeConstant} (a block of Q then acts like a metaorder of about that
 * duration; child orders spaced up to a few times it act like a continuous rate, within about
 * 25% of the square-root peak; the default 15 s suits slicing every 1 to 60 s). The flow term is
 * integrated exactly between fills in steps of at most one second. G is approximated by a sum
 * of exponentials fitted once (relative least squares on a log grid), so each step is O(K).
 * Impact is relative: the latent price is multiplied by (1 + impact).
 */
public final class ImpactModel
{
    private static final long MAX_STEP_NS = 1_000_000_000L;
    private static final double RATE_FLOOR = 1e-12;

    private final double[] c;
    private final double[] timeScales;
    private final double[] weights;
    private final double[][] state;
    private final long[] timeNs;
    private final double[] rate;
    private final double rateTimeConstant;
    private final double[] hostFilledBase;
    private final double[] hostImpactCostBase;

    /**
     * @param coefficients      c per instrument id (index = id; 0 = no impact)
     * @param tau0Seconds       propagator short-time cut-off
     * @param exponentials      number of exponentials approximating G (3 to 5)
     * @param horizonSeconds    longest lag over which G is fitted
     * @param rateTimeConstant  seconds over which the flow rate is averaged
     * @param startNs           simulated start time
     */
    public ImpactModel(final double[] coefficients, final double tau0Seconds, final int exponentials,
        final double horizonSeconds, final double rateTimeConstant, final long startNs)
    {
        if (tau0Seconds <= 0 || exponentials < 1 || horizonSeconds <= tau0Seconds || !(rateTimeConstant > 0))
        {
            throw new IllegalArgumentException("bad propagator parameters");
        }
        final int instruments = coefficients.length;
        this.c = coefficients.clone();
        this.timeScales = new double[exponentials];
        this.weights = fitPropagator(tau0Seconds, horizonSeconds, timeScales);
        this.state = new double[instruments][exponentials];
        this.timeNs = new long[instruments];
        this.rate = new double[instruments];
        this.rateTimeConstant = rateTimeConstant;
        this.hostFilledBase = new double[instruments];
        this.hostImpactCostBase = new double[instruments];
        Arrays.fill(timeNs, startNs);
    }

    /** c = Y sigma_d / (2 sqrt(V_d)) in relative price per sqrt(base unit). */
    public static double coefficient(final double y, final double dailyVolatility, final double dailyVolumeBase)
    {
        return y * dailyVolatility / (2.0 * Math.sqrt(dailyVolumeBase));
    }

    /**
     * Weights w_k of G(tau) ~ sum w_k exp(-tau / T_k), T_k geometric from 2 tau0 to the horizon,
     * minimising the relative squared error of both G and its integral (what a metaorder feels)
     * on a log-spaced grid of lags. Five exponentials over a day keep the peak of a constant-rate
     * metaorder within about 2% of the exact kernel's and its decay ratios within about 0.04.
     */
    static double[] fitPropagator(final double tau0, final double horizon, final double[] scales)
    {
        final int k = scales.length;
        final double first = 2 * tau0;
        for (int i = 0; i < k; i++)
        {
            scales[i] = k == 1 ? first : first * Math.pow(horizon / first, i / (double)(k - 1));
        }
        final int points = 300;
        final double[][] normal = new double[k][k + 1];
        final double[] basis = new double[k];
        for (int j = 0; j < points; j++)
        {
            final double tau = tau0 * 1e-2 * Math.pow(horizon / (tau0 * 1e-2), j / (double)(points - 1));
            final double g = 1.0 / Math.sqrt(tau + tau0);
            final double integral = 2 * (Math.sqrt(tau + tau0) - Math.sqrt(tau0));
            for (int row = 0; row < 2; row++)
            {
                for (int i = 0; i < k; i++)
                {
                    basis[i] = row == 0 ? Math.exp(-tau / scales[i]) / g :
                        scales[i] * (1 - Math.exp(-tau / scales[i])) / integral;
                }
                for (int a = 0; a < k; a++)
                {
                    for (int b = 0; b < k; b++)
                    {
                        normal[a][b] += basis[a] * basis[b];
                    }
                    normal[a][k] += basis[a];
                }
            }
        }
        return solve(normal);
    }

    private static double[] solve(final double[][] m)
    {
        final int n = m.length;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
            {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col]))
                {
                    pivot = r;
                }
            }
            final double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < n; r++)
            {
                if (r != col)
                {
                    final double f = m[r][col] / m[col][col];
                    for (int q = col; q <= n; q++)
                    {
                        m[r][q] -= f * m[col][q];
                    }
                }
            }
        }
        final double[] x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }

    /** The fitted approximation of G at lag tau seconds. */
    public double propagator(final double tauSeconds)
    {
        double g = 0;
        for (int i = 0; i < weights.length; i++)
        {
            g += weights[i] * Math.exp(-tauSeconds / timeScales[i]);
        }
        return g;
    }

    public double coefficient(final int instrumentId)
    {
        return c[instrumentId];
    }

    /**
     * A fill of the host's order, taking or resting: buys push the latent price up, sells down. A
     * metaorder's impact comes from the volume it executes however it is executed (the square-root law
     * is measured on metaorders that mix limit and market orders), so a passive fill moves the price too.
     */
    public void onHostFill(final int instrumentId, final Side side, final double quantityBase, final long nowNs)
    {
        // The impact already in the price when this fill happens is what the host's own earlier flow cost it.
        hostImpactCostBase[instrumentId] += side.sign() * quantityBase * impact(instrumentId, nowNs);
        hostFilledBase[instrumentId] += quantityBase;
        rate[instrumentId] += side.sign() * quantityBase / rateTimeConstant;
    }

    /**
     * The host's own impact as a cost of its fills: the quantity-weighted relative impact on the latent
     * price at the moments its fills happened, signed so that a cost is positive (a seller's fills after
     * its own selling are lower). Separates the impact part of a shortfall from the timing part, which
     * a TCA on prices alone cannot; 0 before any host fill.
     */
    public double hostFillImpactCost(final int instrumentId)
    {
        return hostFilledBase[instrumentId] > 0 ? hostImpactCostBase[instrumentId] / hostFilledBase[instrumentId] : 0.0;
    }

    /** Relative impact at nowNs (e.g. -0.001 = the latent price is 10 bps lower than without the host). */
    public double impact(final int instrumentId, final long nowNs)
    {
        advance(instrumentId, nowNs);
        double total = 0;
        final double[] s = state[instrumentId];
        for (int i = 0; i < s.length; i++)
        {
            total += s[i];
        }
        return total;
    }

    /** Current averaged signed flow rate in base units per second. */
    public double flowRate(final int instrumentId)
    {
        return rate[instrumentId];
    }

    private void advance(final int instrumentId, final long nowNs)
    {
        final double[] s = state[instrumentId];
        while (timeNs[instrumentId] < nowNs)
        {
            final double r = rate[instrumentId];
            if (Math.abs(r) < RATE_FLOOR)
            {
                rate[instrumentId] = 0;
                decay(s, (nowNs - timeNs[instrumentId]) * 1e-9);
                timeNs[instrumentId] = nowNs;
                break;
            }
            final long stepNs = Math.min(MAX_STEP_NS, nowNs - timeNs[instrumentId]);
            final double dt = stepNs * 1e-9;
            // Exact integral of c sqrt(r0 exp(-u / tau)) over the step, applied at mid-step.
            final double tau = rateTimeConstant;
            final double kick = c[instrumentId] * Math.signum(r) * Math.sqrt(Math.abs(r)) * 2 * tau *
                (1 - Math.exp(-dt / (2 * tau)));
            for (int i = 0; i < s.length; i++)
            {
                s[i] = s[i] * Math.exp(-dt / timeScales[i]) + kick * weights[i] * Math.exp(-dt / (2 * timeScales[i]));
            }
            rate[instrumentId] = r * Math.exp(-dt / tau);
            timeNs[instrumentId] += stepNs;
        }
    }

    private void decay(final double[] s, final double dt)
    {
        for (int i = 0; i < s.length; i++)
        {
            s[i] *= Math.exp(-dt / timeScales[i]);
        }
    }
}
