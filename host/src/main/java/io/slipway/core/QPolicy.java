package io.slipway.core;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The learned strategy's policy, in two light, auditable tables, each over the few variables
 * that matter to its own choice:
 *
 * <ul>
 *   <li>Schedule: tabular Q-learning of a multiplier on the TWAP slice ({@link #MULTIPLIERS}),
 *       with the order's cost and risk as reward, in the spirit of Hendricks and Wilcox (2014,
 *       Q-learning adjusting a baseline schedule) and Nevmyvaka, Feng and Kearns (2006, private
 *       state plus market variables). Its state ({@link #state}) is time left (4 buckets),
 *       inventory against the TWAP line (ahead, on, behind) and the mid's move over the last
 *       slice signed for the order (adverse, flat, favourable).</li>
 *   <li>Placement: a contextual bandit choosing per slice how it is worked
 *       ({@link #PLACEMENTS}: take at once, rest half the slice at the touches, or rest most
 *       of the slice with a low fill-probability floor), from the slice's own all-in cost in bps
 *       of what it traded. Its context ({@link #context}) is the touch imbalance signed for the
 *       order, whether the spread is wide, the share of the last passive slice that filled
 *       passively (none tried, under half, at least half) and whether the order is in its last
 *       quarter. Placement barely changes the next state, so a bandit keeps its
 *       fee-and-spread signal out of the noise bootstrapped values carry.</li>
 * </ul>
 *
 * <p>An action index is multiplier * {@link #PLACEMENTS} + placement. Acting greedily, a choice
 * departs from the baseline (multiplier 1, take at once, which is TWAP) only where it was tried
 * at least {@link #MIN_VISITS} times and looks better than the baseline's own estimate there, so
 * an untrained or barely trained corner of the tables behaves as TWAP rather than as whatever a
 * lucky sample said. Exploration is epsilon-greedy from a seeded generator and every update comes
 * from the episode's inputs, so the same seed and worlds give the same tables.
 */
public final class QPolicy
{
    public static final double[] MULTIPLIERS = {0.5, 1.0, 1.5};
    /** Placements: 0 takes at once; 1 and 2 rest part of the slice at the touches first. */
    public static final int PLACEMENTS = 3;
    /** Share of the slice interval a placement rests before what is left is taken. */
    static final double[] PASSIVE_WINDOW_SHARE = {0.0, 0.5, 0.9};
    /** Lowest estimated fill probability a placement posts a lot for. */
    static final double[] MIN_FILL_PROBABILITY = {1.0, 0.25, 0.05};
    public static final int ACTIONS = MULTIPLIERS.length * PLACEMENTS;
    public static final int TIME_BUCKETS = 4;
    public static final int INVENTORY_BUCKETS = 3;
    public static final int SIGNAL_BUCKETS = 3;
    public static final int STATES = TIME_BUCKETS * INVENTORY_BUCKETS * SIGNAL_BUCKETS;
    public static final int IMBALANCE_BUCKETS = 2;
    public static final int SPREAD_BUCKETS = 2;
    public static final int FILL_RATE_BUCKETS = 3;
    public static final int PHASE_BUCKETS = 2;
    public static final int CONTEXTS = IMBALANCE_BUCKETS * SPREAD_BUCKETS * FILL_RATE_BUCKETS * PHASE_BUCKETS;
    static final int BASELINE_MULTIPLIER = 1;
    static final int BASELINE_PLACEMENT = 0;
    /** Multiplier 1, take at once: the TWAP baseline. */
    public static final int BASELINE_ACTION = BASELINE_MULTIPLIER * PLACEMENTS + BASELINE_PLACEMENT;
    /** Tries before a choice may replace the baseline's when acting greedily. */
    public static final int MIN_VISITS = 5;
    static final double INVENTORY_BAND = 0.02;
    static final double WIDE_HALF_SPREAD_BPS = 1.0;
    static final double MIN_STEP = 0.02;

    private final double[] values;
    private final long[] visits;
    private final double[] placementCost;
    private final long[] placementVisits;
    private SplittableRandom random;
    private double epsilon;

    /** Empty tables: acting greedily they are the baseline everywhere. */
    public QPolicy()
    {
        this(new double[STATES * MULTIPLIERS.length], new long[STATES * MULTIPLIERS.length],
            new double[CONTEXTS * PLACEMENTS], new long[CONTEXTS * PLACEMENTS]);
    }

    /**
     * Tables as stored in a model file: schedule values and visits of {@link #STATES} x multipliers,
     * placement mean costs (bps) and counts of {@link #CONTEXTS} x {@link #PLACEMENTS}.
     */
    public QPolicy(final double[] values, final long[] visits, final double[] placementCost,
        final long[] placementVisits)
    {
        check("schedule", values, visits, STATES * MULTIPLIERS.length);
        check("placement", placementCost, placementVisits, CONTEXTS * PLACEMENTS);
        this.values = values.clone();
        this.visits = visits.clone();
        this.placementCost = placementCost.clone();
        this.placementVisits = placementVisits.clone();
    }

    private static void check(final String name, final double[] values, final long[] counts, final int size)
    {
        if (values.length != size || counts.length != size)
        {
            throw new IllegalArgumentException("the " + name + " table has " + size + " entries, was " +
                values.length + " values and " + counts.length + " counts");
        }
        for (int i = 0; i < size; i++)
        {
            if (!Double.isFinite(values[i]) || counts[i] < 0)
            {
                throw new IllegalArgumentException(name + " entry " + i + " is not a finite value with a count >= 0");
            }
        }
    }

    /** Explore with probability epsilon from this seed from now on, and learn. */
    public QPolicy explore(final long seed, final double epsilon)
    {
        this.random = new SplittableRandom(seed);
        epsilon(epsilon);
        return this;
    }

    /** Changes the exploration rate, keeping the generator's sequence. */
    public void epsilon(final double epsilon)
    {
        if (!(epsilon >= 0.0 && epsilon <= 1.0))
        {
            throw new IllegalArgumentException("epsilon must be in [0, 1], was " + epsilon);
        }
        this.epsilon = epsilon;
    }

    public boolean isLearning()
    {
        return random != null;
    }

    /**
     * The schedule's state.
     *
     * @param timeLeft fraction of slices still to release, in [0, 1]
     * @param inventoryGap remaining fraction minus the TWAP line's remaining fraction
     * @param signalSigmas the mid's move over the last slice in slice standard deviations, positive when favourable
     */
    public static int state(final double timeLeft, final double inventoryGap, final double signalSigmas)
    {
        final int time = timeBucket(timeLeft);
        final int inventory = inventoryGap < -INVENTORY_BAND ? 0 : inventoryGap > INVENTORY_BAND ? 2 : 1;
        final int signal = signalSigmas < -0.5 ? 0 : signalSigmas > 0.5 ? 2 : 1;
        return (time * INVENTORY_BUCKETS + inventory) * SIGNAL_BUCKETS + signal;
    }

    /**
     * The placement bandit's context.
     *
     * @param timeLeft fraction of slices still to release, in [0, 1]
     * @param imbalance touch imbalance signed for the order, positive when our side's touch is the lighter
     *                  (takers are more likely to reach our resting orders)
     * @param halfSpreadBps composite half-spread in bps
     * @param passiveFillRate share of the last passive slice filled passively, NaN when none was posted yet
     */
    public static int context(final double timeLeft, final double imbalance, final double halfSpreadBps,
        final double passiveFillRate)
    {
        final int book = imbalance > 0.0 ? 1 : 0;
        final int spread = halfSpreadBps > WIDE_HALF_SPREAD_BPS ? 1 : 0;
        final int fills = Double.isNaN(passiveFillRate) ? 0 : passiveFillRate < 0.5 ? 1 : 2;
        final int phase = timeBucket(timeLeft) == TIME_BUCKETS - 1 ? 1 : 0;
        return ((book * SPREAD_BUCKETS + spread) * FILL_RATE_BUCKETS + fills) * PHASE_BUCKETS + phase;
    }

    private static int timeBucket(final double timeLeft)
    {
        return Math.min(TIME_BUCKETS - 1, Math.max(0, (int)((1.0 - timeLeft) * TIME_BUCKETS)));
    }

    public static double multiplier(final int action)
    {
        return MULTIPLIERS[action / PLACEMENTS];
    }

    public static int placement(final int action)
    {
        return action % PLACEMENTS;
    }

    public static boolean passive(final int action)
    {
        return placement(action) != 0;
    }

    /** Share of the slice interval the action's placement rests at the touches before taking. */
    public static double passiveWindowShare(final int action)
    {
        return PASSIVE_WINDOW_SHARE[placement(action)];
    }

    /** Lowest estimated fill probability the action's placement posts a lot for. */
    public static double minFillProbability(final int action)
    {
        return MIN_FILL_PROBABILITY[placement(action)];
    }

    /** The action to take: exploring while learning, else {@link #greedy(int, int)}. */
    public int act(final int state, final int context)
    {
        int multiplier = greedyMultiplier(state);
        int placement = greedyPlacement(context);
        if (random != null)
        {
            if (random.nextDouble() < epsilon)
            {
                multiplier = random.nextInt(MULTIPLIERS.length);
            }
            if (random.nextDouble() < epsilon)
            {
                placement = random.nextInt(PLACEMENTS);
            }
        }
        return multiplier * PLACEMENTS + placement;
    }

    /** The best sufficiently tried choices for this state and context, the baseline's elsewhere. */
    public int greedy(final int state, final int context)
    {
        return greedyMultiplier(state) * PLACEMENTS + greedyPlacement(context);
    }

    public int greedyMultiplier(final int state)
    {
        final int base = state * MULTIPLIERS.length;
        int best = BASELINE_MULTIPLIER;
        for (int m = 0; m < MULTIPLIERS.length; m++)
        {
            if (m != BASELINE_MULTIPLIER && visits[base + m] >= MIN_VISITS && visits[base + BASELINE_MULTIPLIER] > 0 &&
                values[base + m] > values[base + best])
            {
                best = m;
            }
        }
        return best;
    }

    public int greedyPlacement(final int context)
    {
        final int base = context * PLACEMENTS;
        int best = BASELINE_PLACEMENT;
        for (int p = 0; p < PLACEMENTS; p++)
        {
            if (p != BASELINE_PLACEMENT && placementVisits[base + p] >= MIN_VISITS &&
                placementVisits[base + BASELINE_PLACEMENT] > 0 && placementCost[base + p] < placementCost[base + best])
            {
                best = p;
            }
        }
        return best;
    }

    /** Value of the greedy multiplier in a state (0 when it was never tried: no estimate, no bias). */
    double bestValue(final int state)
    {
        final int i = state * MULTIPLIERS.length + greedyMultiplier(state);
        return visits[i] > 0 ? values[i] : 0.0;
    }

    /**
     * One-step Q-learning of the schedule for (state, action's multiplier) with its reward and the
     * next state, or {@code nextState < 0} when the order ended. Undiscounted: the rewards of one
     * order add up to its cost.
     */
    public void update(final int state, final int action, final double reward, final int nextState)
    {
        if (random == null)
        {
            return;
        }
        final int i = state * MULTIPLIERS.length + action / PLACEMENTS;
        visits[i]++;
        final double step = Math.max(MIN_STEP, 1.0 / visits[i]);
        final double target = reward + (nextState < 0 ? 0.0 : bestValue(nextState));
        values[i] += step * (target - values[i]);
    }

    /** The bandit's observation: in this context, {@code action}'s placement cost this many bps of what it traded. */
    public void observePlacement(final int context, final int action, final double costBps)
    {
        if (random == null || !Double.isFinite(costBps))
        {
            return;
        }
        final int i = context * PLACEMENTS + placement(action);
        placementVisits[i]++;
        placementCost[i] += (costBps - placementCost[i]) / placementVisits[i];
    }

    public double value(final int state, final int multiplier)
    {
        return values[state * MULTIPLIERS.length + multiplier];
    }

    public long visits(final int state, final int multiplier)
    {
        return visits[state * MULTIPLIERS.length + multiplier];
    }

    public double placementCost(final int context, final int placement)
    {
        return placementCost[context * PLACEMENTS + placement];
    }

    public long placementVisits(final int context, final int placement)
    {
        return placementVisits[context * PLACEMENTS + placement];
    }

    /** Copies of the tables, for storing. */
    public double[] values()
    {
        return values.clone();
    }

    public long[] visitCounts()
    {
        return visits.clone();
    }

    public double[] placementCosts()
    {
        return placementCost.clone();
    }

    public long[] placementCounts()
    {
        return placementVisits.clone();
    }

    /** A greedy copy (no exploration, no learning). */
    public QPolicy frozen()
    {
        return new QPolicy(values, visits, placementCost, placementVisits);
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof QPolicy other && Arrays.equals(values, other.values) && Arrays.equals(visits, other.visits) &&
            Arrays.equals(placementCost, other.placementCost) && Arrays.equals(placementVisits, other.placementVisits);
    }

    @Override
    public int hashCode()
    {
        return (Arrays.hashCode(values) * 31 + Arrays.hashCode(visits)) * 31 + Arrays.hashCode(placementCost);
    }
}
