package io.slipway.core;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The learned strategy's policy, in two light, auditable tables over one small discrete state:
 *
 * <ul>
 *   <li>Schedule: tabular Q-learning of a multiplier on the adaptive-AC slice
 *       ({@link #MULTIPLIERS}), with the order's cost and risk as reward, in the spirit of
 *       Hendricks and Wilcox (2014, Q-learning adjusting an Almgren-Chriss baseline) and
 *       Nevmyvaka, Feng and Kearns (2006, private state plus market variables).</li>
 *   <li>Placement: a contextual bandit choosing aggressive or passive (post first, take the rest)
 *       per slice, from the slice's own execution cost in bps of what it traded. Placement barely
 *       changes the next state, so learning it as a bandit keeps its small fee-and-spread signal
 *       out of the noise that bootstrapped values carry.</li>
 * </ul>
 *
 * <p>State (see {@link #state}): time left (4 buckets), inventory against the static AC
 * trajectory (ahead, on, behind), the mid's move over the last slice signed for the order
 * (adverse, flat, favourable) and the touch imbalance signed for the order (against, for).
 * An action index is multiplier * {@link #PLACEMENTS} + placement (1 = passive).
 *
 * <p>Acting greedily, a choice never tried in a state falls back to the baseline (multiplier 1,
 * aggressive), so an untrained corner of the tables behaves as adaptive AC. Exploration is
 * epsilon-greedy from a seeded generator and every update comes from the episode's inputs, so
 * the same seed and worlds give the same tables.
 */
public final class QPolicy
{
    public static final double[] MULTIPLIERS = {0.5, 1.0, 1.5};
    public static final int PLACEMENTS = 2;
    public static final int ACTIONS = MULTIPLIERS.length * PLACEMENTS;
    public static final int TIME_BUCKETS = 4;
    public static final int INVENTORY_BUCKETS = 3;
    public static final int SIGNAL_BUCKETS = 3;
    public static final int IMBALANCE_BUCKETS = 2;
    public static final int STATES = TIME_BUCKETS * INVENTORY_BUCKETS * SIGNAL_BUCKETS * IMBALANCE_BUCKETS;
    static final int BASELINE_MULTIPLIER = 1;
    /** Multiplier 1, aggressive: the adaptive-AC baseline. */
    public static final int BASELINE_ACTION = BASELINE_MULTIPLIER * PLACEMENTS;
    static final double INVENTORY_BAND = 0.02;
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
            new double[STATES * PLACEMENTS], new long[STATES * PLACEMENTS]);
    }

    /**
     * Tables as stored in a model file: schedule values and visits of {@link #STATES} x multipliers,
     * placement mean costs (bps) and counts of {@link #STATES} x {@link #PLACEMENTS}.
     */
    public QPolicy(final double[] values, final long[] visits, final double[] placementCost,
        final long[] placementVisits)
    {
        check("schedule", values, visits, STATES * MULTIPLIERS.length);
        check("placement", placementCost, placementVisits, STATES * PLACEMENTS);
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
     * @param timeLeft fraction of slices still to release, in [0, 1]
     * @param inventoryGap remaining fraction minus the static AC trajectory's remaining fraction
     * @param signalSigmas the mid's move over the last slice in slice standard deviations, positive when favourable
     * @param imbalance touch imbalance signed for the order, positive when it favours waiting
     */
    public static int state(final double timeLeft, final double inventoryGap, final double signalSigmas,
        final double imbalance)
    {
        final int time = Math.min(TIME_BUCKETS - 1, Math.max(0, (int)((1.0 - timeLeft) * TIME_BUCKETS)));
        final int inventory = inventoryGap < -INVENTORY_BAND ? 0 : inventoryGap > INVENTORY_BAND ? 2 : 1;
        final int signal = signalSigmas < -0.5 ? 0 : signalSigmas > 0.5 ? 2 : 1;
        final int book = imbalance > 0.0 ? 1 : 0;
        return ((time * INVENTORY_BUCKETS + inventory) * SIGNAL_BUCKETS + signal) * IMBALANCE_BUCKETS + book;
    }

    public static double multiplier(final int action)
    {
        return MULTIPLIERS[action / PLACEMENTS];
    }

    public static boolean passive(final int action)
    {
        return action % PLACEMENTS == 1;
    }

    /** The action to take in this state: exploring while learning, else {@link #greedy(int)}. */
    public int act(final int state)
    {
        int multiplier = greedyMultiplier(state);
        int placement = greedyPlacement(state);
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

    /** The best tried choices in this state, the baseline's where none was tried. */
    public int greedy(final int state)
    {
        return greedyMultiplier(state) * PLACEMENTS + greedyPlacement(state);
    }

    private int greedyMultiplier(final int state)
    {
        int best = -1;
        for (int m = 0; m < MULTIPLIERS.length; m++)
        {
            final int i = state * MULTIPLIERS.length + m;
            if (visits[i] > 0 && (best < 0 || values[i] > values[state * MULTIPLIERS.length + best]))
            {
                best = m;
            }
        }
        return best < 0 ? BASELINE_MULTIPLIER : best;
    }

    /** Passive only once both placements were tried here and posting was cheaper on average. */
    private int greedyPlacement(final int state)
    {
        final int aggressive = state * PLACEMENTS;
        final int passive = aggressive + 1;
        return placementVisits[aggressive] > 0 && placementVisits[passive] > 0 &&
            placementCost[passive] < placementCost[aggressive] ? 1 : 0;
    }

    /** Value of the best tried multiplier in a state (0 when none was tried: no estimate, no bias). */
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

    /** The bandit's observation: a slice placed with {@code action}'s placement cost this many bps of what it traded. */
    public void observePlacement(final int state, final int action, final double costBps)
    {
        if (random == null || !Double.isFinite(costBps))
        {
            return;
        }
        final int i = state * PLACEMENTS + action % PLACEMENTS;
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

    public double placementCost(final int state, final int placement)
    {
        return placementCost[state * PLACEMENTS + placement];
    }

    public long placementVisits(final int state, final int placement)
    {
        return placementVisits[state * PLACEMENTS + placement];
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
