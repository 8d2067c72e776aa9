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
 *
 * <p><b>Own impact per parent.</b> Each host fill names the parent order it belongs to (the high
 * bits of the child's client order id, {@link io.slipway.domain.ChildOrderIds}; a dealer's hedge
 * names the parent whose take built the dealer's position). Each parent k keeps its own rate r_k
 * (the same moving average as the aggregate rate r, of its own flow only) and its own propagator
 * state s_k. Each step's kick is computed from the aggregate rate, as before, and split among the
 * parents in proportion r_k / r, the Aumann-Shapley attribution of f(r) to the flows that make r.
 * The split is linear, so the parents' states sum to the aggregate impact (to rounding), and a
 * parent alone in its instrument has r_k = r bit for bit, so its state, and its cost, are exactly
 * the aggregate's. Where opposite-side parents nearly cancel, the shares grow large with opposite
 * signs (f has infinite slope at 0): their sum stays the aggregate, but each one's figure then says
 * more about the other's flow than about its own. A parent's own impact cost is the
 * quantity-weighted impact of its own state at its own fills, signed as {@link #hostFillImpactCost}.
 *
 * <p>Parents are kept in a bounded table (default {@value #DEFAULT_PARENT_CAPACITY}); a new parent
 * evicts the one that filled least recently, which then answers NaN. A parent that fills again
 * after its eviction starts over (its figure then covers only its flow since). Every kept parent's
 * state decays with the aggregate at each step, with the same factors, which is what keeps a lone
 * parent's figure identical to the aggregate's.
 */
public final class ImpactModel
{
    private static final long MAX_STEP_NS = 1_000_000_000L;
    private static final double RATE_FLOOR = 1e-12;
    /** Parents kept in the own-impact table unless told otherwise. */
    public static final int DEFAULT_PARENT_CAPACITY = 256;
    /** Parent sequences are below this (ChildOrderIds leaves 63 - 24 bits for them). */
    private static final long PARENT_LIMIT = 1L << 40;
    private static final int INSTRUMENT_BITS = ParentSlots.INSTRUMENT_BITS;
    private static final int FREE = ParentSlots.FREE;

    /** Told each time a parent's own-impact figure changes (a fill of the parent or of a hedge of it). */
    @FunctionalInterface
    public interface OwnImpactListener
    {
        /**
         * @param costBase   cumulative own-impact cost: sum of signed quantity x relative own impact at each fill
         * @param filledBase cumulative filled base quantity counted in the cost
         */
        void onOwnImpact(int instrumentId, long parentSequence, double costBase, double filledBase, long timeNs);
    }

    private final double[] c;
    private final double[] timeScales;
    private final double[] weights;
    private final double[][] state;
    private final long[] timeNs;
    private final double[] rate;
    private final double rateTimeConstant;
    private final double[] hostFilledBase;
    private final double[] hostImpactCostBase;
    private final double[] stateDecay;
    private final double[] kickDecay;
    private final ParentSlots slots;
    private final double[] slotRate;
    private final double[][] slotState;
    private final double[] slotCost;
    private final double[] slotFilled;
    private OwnImpactListener ownImpactListener;

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
        this(coefficients, tau0Seconds, exponentials, horizonSeconds, rateTimeConstant, startNs,
            DEFAULT_PARENT_CAPACITY);
    }

    /**
     * As above, keeping the own impact of at most {@code parentCapacity} parents.
     */
    public ImpactModel(final double[] coefficients, final double tau0Seconds, final int exponentials,
        final double horizonSeconds, final double rateTimeConstant, final long startNs, final int parentCapacity)
    {
        if (parentCapacity < 1)
        {
            throw new IllegalArgumentException("parent capacity must be at least 1, was " + parentCapacity);
        }
        if (coefficients.length > 1 << INSTRUMENT_BITS)
        {
            throw new IllegalArgumentException("at most " + (1 << INSTRUMENT_BITS) + " instrument ids, had " +
                coefficients.length);
        }
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
        this.stateDecay = new double[exponentials];
        this.kickDecay = new double[exponentials];
        this.slots = new ParentSlots(parentCapacity);
        this.slotRate = new double[parentCapacity];
        this.slotState = new double[parentCapacity][exponentials];
        this.slotCost = new double[parentCapacity];
        this.slotFilled = new double[parentCapacity];
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
        onHostFill(instrumentId, 0, side, quantityBase, nowNs);
    }

    /**
     * As {@link #onHostFill(int, Side, double, long)}, attributed to a parent order: the parent's own
     * rate and cost take the fill as the aggregate does (0 for flow of no known parent).
     *
     * @param parentSequence the parent's sequence ({@link io.slipway.domain.ChildOrderIds#parentSequence})
     */
    public void onHostFill(final int instrumentId, final long parentSequence, final Side side,
        final double quantityBase, final long nowNs)
    {
        if (parentSequence < 0 || parentSequence >= PARENT_LIMIT)
        {
            throw new IllegalArgumentException("parent sequence out of range: " + parentSequence);
        }
        if (instrumentId < 0 || instrumentId >= c.length)
        {
            throw new IllegalArgumentException("no instrument id " + instrumentId + " in this model");
        }
        // The impact already in the price when this fill happens is what the host's own earlier flow cost it.
        final double signedQuantity = side.sign() * quantityBase;
        hostImpactCostBase[instrumentId] += signedQuantity * impact(instrumentId, nowNs);
        hostFilledBase[instrumentId] += quantityBase;
        rate[instrumentId] += signedQuantity / rateTimeConstant;

        final int slot = slotFor(instrumentId, parentSequence);
        // Same expressions as the aggregate's, so a lone parent's figures are the aggregate's bit for bit.
        slotCost[slot] += signedQuantity * sum(slotState[slot]);
        slotFilled[slot] += quantityBase;
        slotRate[slot] += signedQuantity / rateTimeConstant;
        slots.touch(slot);
        if (ownImpactListener != null)
        {
            ownImpactListener.onOwnImpact(instrumentId, parentSequence, slotCost[slot], slotFilled[slot], nowNs);
        }
    }

    /** Who is told of each change of a parent's own-impact figure (null for nobody). */
    public void ownImpactListener(final OwnImpactListener listener)
    {
        this.ownImpactListener = listener;
    }

    /**
     * The parent's own impact as a cost of its fills, as {@link #hostFillImpactCost} for the aggregate:
     * relative, positive when it cost. NaN when the parent is not in the table (never filled here, or
     * evicted).
     */
    public double ownImpactCost(final int instrumentId, final long parentSequence)
    {
        final int slot = slotOf(instrumentId, parentSequence);
        return slot == FREE || !(slotFilled[slot] > 0) ? Double.NaN : slotCost[slot] / slotFilled[slot];
    }

    /** The cumulative numerator of {@link #ownImpactCost}: signed quantity x own impact, summed; NaN if unknown. */
    public double ownImpactCostBase(final int instrumentId, final long parentSequence)
    {
        final int slot = slotOf(instrumentId, parentSequence);
        return slot == FREE ? Double.NaN : slotCost[slot];
    }

    /** The cumulative denominator of {@link #ownImpactCost}: base quantity filled (hedges included); NaN if unknown. */
    public double ownFilledBase(final int instrumentId, final long parentSequence)
    {
        final int slot = slotOf(instrumentId, parentSequence);
        return slot == FREE ? Double.NaN : slotFilled[slot];
    }

    /** The part of {@link #impact} that the parent's flow put into the price at nowNs; NaN if unknown. */
    public double ownImpact(final int instrumentId, final long parentSequence, final long nowNs)
    {
        final int slot = slotOf(instrumentId, parentSequence);
        if (slot == FREE)
        {
            return Double.NaN;
        }
        advance(instrumentId, nowNs);
        return sum(slotState[slot]);
    }

    /** Parents in the own-impact table now. */
    public int parentsKept()
    {
        return slots.used();
    }

    /** Tells the listener every kept parent's figure, least recently filled first (e.g. to a new session). */
    public void forEachParent(final OwnImpactListener listener)
    {
        final int[] order = slots.oldestFirst();
        for (final int slot : order)
        {
            listener.onOwnImpact(slots.instrument(slot), slots.parent(slot), slotCost[slot], slotFilled[slot],
                timeNs[slots.instrument(slot)]);
        }
    }

    private int slotOf(final int instrumentId, final long parentSequence)
    {
        if (instrumentId < 0 || instrumentId >= c.length || parentSequence < 0 || parentSequence >= PARENT_LIMIT)
        {
            return FREE;
        }
        return slots.find(instrumentId, parentSequence);
    }

    /** The parent's slot, taking a free one or the least recently filled parent's for a new parent. */
    private int slotFor(final int instrumentId, final long parentSequence)
    {
        final int existing = slots.find(instrumentId, parentSequence);
        if (existing != FREE)
        {
            return existing;
        }
        final int slot = slots.take(instrumentId, parentSequence);
        slotRate[slot] = 0;
        Arrays.fill(slotState[slot], 0);
        slotCost[slot] = 0;
        slotFilled[slot] = 0;
        // The caller has brought the instrument to the fill's time: the new parent's state starts there, at zero.
        return slot;
    }

    private static double sum(final double[] s)
    {
        double total = 0;
        for (int i = 0; i < s.length; i++)
        {
            total += s[i];
        }
        return total;
    }

    /**
     * The host's own impact as a cost of its fills: the quantity-weighted relative impact on the latent
     * price at the moments its fills happened, signed so that a cost is positive (a seller's fills after
     * its own selling are lower). Separates the impact part of a shortfall from the timing part, which
     * a TCA on prices alone cannot; 0 before any host fill. A dealer's hedge fills count here as the
     * host's (the hedge is the host's block passed on to the lit market, and its own earlier flow set
     * the price the hedge trades at), in the cost and in the quantity alike; so do they in the parent
     * they are attributed to ({@link #ownImpactCost}).
     */
    public double hostFillImpactCost(final int instrumentId)
    {
        return hostFilledBase[instrumentId] > 0 ? hostImpactCostBase[instrumentId] / hostFilledBase[instrumentId] : 0.0;
    }

    /** Relative impact at nowNs (e.g. -0.001 = the latent price is 10 bps lower than without the host). */
    public double impact(final int instrumentId, final long nowNs)
    {
        advance(instrumentId, nowNs);
        return sum(state[instrumentId]);
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
                // The net flow has died out: no parent adds to the price any more, every state decays.
                rate[instrumentId] = 0;
                final double dt = (nowNs - timeNs[instrumentId]) * 1e-9;
                for (int i = 0; i < s.length; i++)
                {
                    stateDecay[i] = Math.exp(-dt / timeScales[i]);
                    s[i] *= stateDecay[i];
                }
                for (int slot = 0; slot < slots.used(); slot++)
                {
                    if (slots.instrument(slot) == instrumentId)
                    {
                        slotRate[slot] = 0;
                        final double[] own = slotState[slot];
                        for (int i = 0; i < own.length; i++)
                        {
                            own[i] *= stateDecay[i];
                        }
                    }
                }
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
                stateDecay[i] = Math.exp(-dt / timeScales[i]);
                kickDecay[i] = Math.exp(-dt / (2 * timeScales[i]));
                s[i] = s[i] * stateDecay[i] + kick * weights[i] * kickDecay[i];
            }
            final double rateDecay = Math.exp(-dt / tau);
            rate[instrumentId] = r * rateDecay;
            for (int slot = 0; slot < slots.used(); slot++)
            {
                if (slots.instrument(slot) == instrumentId)
                {
                    // The parent's share of the step's kick: r_k / r (exactly 1 for a parent alone).
                    final double ownKick = kick * (slotRate[slot] / r);
                    final double[] own = slotState[slot];
                    for (int i = 0; i < own.length; i++)
                    {
                        own[i] = own[i] * stateDecay[i] + ownKick * weights[i] * kickDecay[i];
                    }
                    slotRate[slot] *= rateDecay;
                }
            }
            timeNs[instrumentId] += stepNs;
        }
    }
}
