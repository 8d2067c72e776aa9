package io.slipway.core;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The learned strategy's policy: a table of action values over a small discrete state, in the
 * spirit of Nevmyvaka, Feng and Kearns (2006, private state plus market variables) and of
 * Hendricks and Wilcox (2014, Q-learning adjusting an Almgren-Chriss baseline).
 *
 * <p>State (see {@link #state}): time left (4 buckets), inventory against the static AC
 * trajectory (ahead, on, behind), the mid's move over the last slice signed for the order
 * (adverse, flat, favourable) and the touch imbalance signed for the order (against, for).
 * Action: a multiplier on the adaptive-AC slice ({@link #MULTIPLIERS}) times placement
 * (aggressive, or passive for half the slice then taken).
 *
 * <p>Acting greedily, a state whose actions were never tried falls back to the baseline action
 * (multiplier 1, aggressive), so an untrained corner of the table behaves as adaptive AC and not
 * as whatever an initial value happens to favour. Learning uses one-step Q-learning with a
 * visit-count step size (floored) and epsilon-greedy exploration from a seeded generator;
 * everything is driven by the episode's inputs, so the same seed and worlds give the same table.
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
    /** Multiplier 1, aggressive: the adaptive-AC baseline. */
    public static final int BASELINE_ACTION = 2;
    static final double INVENTORY_BAND = 0.02;
    static final double MIN_STEP = 0.05;

    private final double[] values;
    private final long[] visits;
    private SplittableRandom random;
    private double epsilon;

    /** An empty table: acting greedily it is the baseline everywhere. */
    public QPolicy()
    {
        this(new double[STATES * ACTIONS], new long[STATES * ACTIONS]);
    }

    /** A table as stored in a model file; lengths must be {@link #STATES} x {@link #ACTIONS}. */
    public QPolicy(final double[] values, final long[] visits)
    {
        if (values.length != STATES * ACTIONS || visits.length != STATES * ACTIONS)
        {
            throw new IllegalArgumentException("a policy table has " + STATES * ACTIONS + " entries, was " +
                values.length + " values and " + visits.length + " visit counts");
        }
        for (int i = 0; i < values.length; i++)
        {
            if (!Double.isFinite(values[i]) || visits[i] < 0)
            {
                throw new IllegalArgumentException("policy entry " + i + " is not a finite value with a count >= 0");
            }
        }
        this.values = values.clone();
        this.visits = visits.clone();
    }

    /** Explore with probability epsilon from this seed from now on; 0 acts greedily. */
    public QPolicy explore(final long seed, final double epsilon)
    {
        if (!(epsilon >= 0.0 && epsilon <= 1.0))
        {
            throw new IllegalArgumentException("epsilon must be in [0, 1], was " + epsilon);
        }
        this.random = new SplittableRandom(seed);
        this.epsilon = epsilon;
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

    /** The action to take in this state: exploring while learning, else the best tried action. */
    public int act(final int state)
    {
        if (random != null && random.nextDouble() < epsilon)
        {
            return random.nextInt(ACTIONS);
        }
        return greedy(state);
    }

    /** The best action tried in this state, or the baseline when none was. */
    public int greedy(final int state)
    {
        int best = -1;
        for (int a = 0; a < ACTIONS; a++)
        {
            final int i = state * ACTIONS + a;
            if (visits[i] > 0 && (best < 0 || values[i] > values[state * ACTIONS + best]))
            {
                best = a;
            }
        }
        return best < 0 ? BASELINE_ACTION : best;
    }

    /** Value of the best tried action in a state (0 when none was tried: no estimate, no bias). */
    double bestValue(final int state)
    {
        final int a = greedy(state);
        return visits[state * ACTIONS + a] > 0 ? values[state * ACTIONS + a] : 0.0;
    }

    /**
     * One-step Q-learning update for (state, action) with its reward and the next state, or
     * {@code nextState < 0} when the episode ended. Undiscounted: rewards are costs of one order.
     */
    public void update(final int state, final int action, final double reward, final int nextState)
    {
        if (random == null)
        {
            return;
        }
        final int i = state * ACTIONS + action;
        visits[i]++;
        final double step = Math.max(MIN_STEP, 1.0 / visits[i]);
        final double target = reward + (nextState < 0 ? 0.0 : bestValue(nextState));
        values[i] += step * (target - values[i]);
    }

    public double value(final int state, final int action)
    {
        return values[state * ACTIONS + action];
    }

    public long visits(final int state, final int action)
    {
        return visits[state * ACTIONS + action];
    }

    /** Copies of the table, for storing. */
    public double[] values()
    {
        return values.clone();
    }

    public long[] visitCounts()
    {
        return visits.clone();
    }

    /** A greedy copy of this table (no exploration, no learning). */
    public QPolicy frozen()
    {
        return new QPolicy(values, visits);
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof QPolicy other && Arrays.equals(values, other.values) && Arrays.equals(visits, other.visits);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(values) * 31 + Arrays.hashCode(visits);
    }
}
