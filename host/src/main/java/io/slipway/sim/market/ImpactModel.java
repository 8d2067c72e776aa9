package io.slipway.sim.market;

import io.slipway.domain.Side;

/**
 * Transient own-trade impact on the latent price (propagator model, Bouchaud et al. 2004;
 * square-root law, Donier and Bonart 2015):
 *
 * <pre>
 *   impact(t) = sum over own flow of f(r) G(t - s) ds,  f(r) = c sqrt(r),  G(tau) = (tau + tau0)^(-1/2),
 *   c = Y sigma_d / (2 sqrt(V_d))
 * </pre>
 *
 * with r the signed rate of the host's taker flow (base units per second), sigma_d the daily
 * volatility and V_d the daily volume in base units. A metaorder of Q at a constant rate over T
 * then peaks at 2c sqrt(Q) = Y sigma_d sqrt(Q / V_d) whatever T, and decays to about 41% of the
 * peak at 2T and 27% at 4T.
 *
 * <p>The rate is measured over windows of {@code rateWindowNs}: the quantity q traded in one
 * window adds c sign(q) sqrt(|q| w) (that is c sqrt(r) w). G is approximated by a sum of
 * exponentials fitted once (relative least squares on a log grid), so each update is O(K).
 * Impact is relative: the latent price is multiplied by (1 + impact).
 */
public final class ImpactModel
{
    private final int instruments;
    private final double[] c;
    private final double[] timeScales;
    private final double[] weights;
    private final double[][] state;
    private final long[] stateTimeNs;
    private final long rateWindowNs;
    private final long[] windowStartNs;
    private final double[] windowQuantity;

    /**
     * @param coefficients c per instrument id (index = id; 0 = no impact)
     * @param tau0Seconds  propagator short-time cut-off
     * @param exponentials number of exponentials approximating G (3 to 5)
     * @param horizonSeconds longest lag over which G is fitted
     */
    public ImpactModel(final double[] coefficients, final double tau0Seconds, final int exponentials,
        final double horizonSeconds, final long rateWindowNs, final long startNs)
    {
        if (tau0Seconds <= 0 || exponentials < 1 || horizonSeconds <= tau0Seconds || rateWindowNs <= 0)
        {
            throw new IllegalArgumentException("bad propagator parameters");
        }
        this.instruments = coefficients.length;
        this.c = coefficients.clone();
        this.timeScales = new double[exponentials];
        this.weights = fitPropagator(tau0Seconds, horizonSeconds, timeScales);
        this.state = new double[instruments][exponentials];
        this.stateTimeNs = new long[instruments];
        this.rateWindowNs = rateWindowNs;
        this.windowStartNs = new long[instruments];
        this.windowQuantity = new double[instruments];
        for (int i = 0; i < instruments; i++)
        {
            stateTimeNs[i] = startNs;
            windowStartNs[i] = startNs;
        }
    }

    /** c = Y sigma_d / (2 sqrt(V_d)) in relative price per sqrt(base unit). */
    public static double coefficient(final double y, final double dailyVolatility, final double dailyVolumeBase)
    {
        return y * dailyVolatility / (2.0 * Math.sqrt(dailyVolumeBase));
    }

    /**
     * Weights w_k of G(tau) ~ sum w_k exp(-tau / T_k), T_k geometric from tau0 to the horizon,
     * minimising relative squared error on a log-spaced grid of lags.
     */
    static double[] fitPropagator(final double tau0, final double horizon, final double[] scales)
    {
        final int k = scales.length;
        for (int i = 0; i < k; i++)
        {
            scales[i] = k == 1 ? tau0 : tau0 * Math.pow(horizon / tau0, i / (double)(k - 1));
        }
        final int points = 400;
        final double[][] normal = new double[k][k + 1];
        for (int j = 0; j < points; j++)
        {
            final double tau = j == 0 ? 0 : tau0 * 1e-2 * Math.pow(horizon / (tau0 * 1e-2), j / (double)(points - 1));
            final double g = 1.0 / Math.sqrt(tau + tau0);
            final double[] basis = new double[k];
            for (int i = 0; i < k; i++)
            {
                basis[i] = Math.exp(-tau / scales[i]) / g;
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

    /** A taker fill of the host: buys push the latent price up, sells down. */
    public void onHostTakerFill(final int instrumentId, final Side side, final double quantityBase, final long timeNs)
    {
        roll(instrumentId, timeNs);
        windowQuantity[instrumentId] += side.sign() * quantityBase;
    }

    /** Relative impact at nowNs (e.g. -0.001 = the latent price is 10 bps lower than without the host). */
    public double impact(final int instrumentId, final long nowNs)
    {
        roll(instrumentId, nowNs);
        decayTo(instrumentId, nowNs);
        double total = 0;
        final double[] s = state[instrumentId];
        for (int i = 0; i < s.length; i++)
        {
            total += s[i];
        }
        return total;
    }

    /** Closes every finished rate window before nowNs, adding its contribution at the window's end. */
    private void roll(final int instrumentId, final long nowNs)
    {
        while (nowNs >= windowStartNs[instrumentId] + rateWindowNs)
        {
            final long end = windowStartNs[instrumentId] + rateWindowNs;
            final double q = windowQuantity[instrumentId];
            if (q != 0)
            {
                decayTo(instrumentId, end);
                final double w = rateWindowNs * 1e-9;
                final double kick = c[instrumentId] * Math.signum(q) * Math.sqrt(Math.abs(q) * w);
                final double[] s = state[instrumentId];
                for (int i = 0; i < s.length; i++)
                {
                    s[i] += kick * weights[i];
                }
                windowQuantity[instrumentId] = 0;
                windowStartNs[instrumentId] = end;
            }
            else
            {
                // Skip idle windows in one step.
                final long windows = (nowNs - windowStartNs[instrumentId]) / rateWindowNs;
                windowStartNs[instrumentId] += windows * rateWindowNs;
            }
        }
    }

    private void decayTo(final int instrumentId, final long timeNs)
    {
        final long last = stateTimeNs[instrumentId];
        if (timeNs <= last)
        {
            return;
        }
        final double dt = (timeNs - last) * 1e-9;
        final double[] s = state[instrumentId];
        for (int i = 0; i < s.length; i++)
        {
            s[i] *= Math.exp(-dt / timeScales[i]);
        }
        stateTimeNs[instrumentId] = timeNs;
    }
}
