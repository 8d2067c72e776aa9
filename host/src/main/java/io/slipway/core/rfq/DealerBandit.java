package io.slipway.core.rfq;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which dealers to ask for a quote: Thompson sampling (Russo et al. 2018) over dealer x context,
 * the context being the request's size bucket and the volatility regime. Each arm keeps a
 * Gaussian posterior on its mean reward in bps: prior mean {@code priorMeanBps} worth
 * {@code priorWeight} observations (an arm may be given its own, {@link #armPrior}), noise SD
 * {@code noiseSdBps}. A request samples every candidate's posterior once and asks the best
 * {@code k}; what the dealer did then updates its arm: the quote's improvement on the modelled lit
 * cost, a decline or last-look refusal as a fixed penalty, and after a fill its markout (a dealer
 * whose hedging leaks shows adverse markouts and loses its preference). The generator is seeded, so the same seed and the same
 * outcomes choose the same dealers.
 */
public final class DealerBandit
{
    public static final int SIZE_BUCKETS = 4;
    public static final int REGIMES = 2;
    public static final int CONTEXTS = SIZE_BUCKETS * REGIMES;
    /** Upper edges of the size buckets in USD notional. */
    private static final double[] SIZE_EDGES_USD = {250_000.0, 1_000_000.0, 5_000_000.0};

    private final int arms;
    private final double priorMeanBps;
    private final double priorWeight;
    private final double[] armPriorMean;
    private final double[] armPriorWeight;
    private final double noiseSdBps;
    private final double[] sums;
    private final int[] counts;
    private final double[] sampled;
    private final SplittableRandom random;

    /**
     * @param arms         arm ids are 0..arms-1 (the core uses card venue ids)
     * @param priorMeanBps prior mean reward in bps
     * @param priorWeight  how many observations the prior is worth, > 0
     * @param noiseSdBps   SD of one reward, > 0
     * @param seed         seed of the sampling stream
     */
    public DealerBandit(final int arms, final double priorMeanBps, final double priorWeight, final double noiseSdBps,
        final long seed)
    {
        if (arms <= 0 || !(priorWeight > 0.0) || !(noiseSdBps > 0.0) || !Double.isFinite(priorMeanBps))
        {
            throw new IllegalArgumentException("arms, priorWeight and noiseSdBps must be positive, prior mean finite");
        }
        this.arms = arms;
        this.priorMeanBps = priorMeanBps;
        this.priorWeight = priorWeight;
        this.noiseSdBps = noiseSdBps;
        this.sums = new double[arms * CONTEXTS];
        this.counts = new int[arms * CONTEXTS];
        this.sampled = new double[arms];
        this.armPriorMean = new double[arms];
        this.armPriorWeight = new double[arms];
        Arrays.fill(armPriorMean, priorMeanBps);
        Arrays.fill(armPriorWeight, priorWeight);
        this.random = new SplittableRandom(seed);
    }

    /** Context of a request: size bucket by USD notional, crossed with a calm (0) or stressed (1) regime. */
    public static int context(final double notionalUsd, final boolean stressed)
    {
        int bucket = 0;
        while (bucket < SIZE_EDGES_USD.length && notionalUsd >= SIZE_EDGES_USD[bucket])
        {
            bucket++;
        }
        return bucket * REGIMES + (stressed ? 1 : 0);
    }

    /**
     * Chooses up to {@code k} of the candidate arms, best sample first, into {@code chosen}; returns
     * how many. Ties keep the candidates' order, so the choice is a function of the seed and history.
     */
    public int choose(final int context, final int[] candidates, final int candidateCount, final int k,
        final int[] chosen)
    {
        requireContext(context);
        if (k <= 0 || candidateCount <= 0)
        {
            return 0;
        }
        for (int i = 0; i < candidateCount; i++)
        {
            final int arm = candidates[i];
            requireArm(arm);
            sampled[arm] = posteriorMean(arm, context) + posteriorSd(arm, context) * random.nextGaussian();
        }
        final int n = Math.min(k, candidateCount);
        final boolean[] taken = new boolean[candidateCount];
        for (int c = 0; c < n; c++)
        {
            int best = -1;
            for (int i = 0; i < candidateCount; i++)
            {
                if (!taken[i] && (best < 0 || sampled[candidates[i]] > sampled[candidates[best]]))
                {
                    best = i;
                }
            }
            taken[best] = true;
            chosen[c] = candidates[best];
        }
        return n;
    }

    /**
     * Sets one arm's prior (every context): mean reward {@code meanBps} worth {@code weight} observations, in place
     * of the bandit's default. The core's RFQ desk sets it from the feedback loop's dealer prior before each
     * request, because the reward it implies depends on that request's lit cost. Refused without change unless the
     * mean is finite and the weight at least the default's, so a fitted prior can only add evidence.
     */
    public void armPrior(final int arm, final double meanBps, final double weight)
    {
        requireArm(arm);
        if (!Double.isFinite(meanBps) || !(weight >= priorWeight) || !Double.isFinite(weight))
        {
            throw new IllegalArgumentException("an arm's prior needs a finite mean and a finite weight of at least " +
                priorWeight + ", was " + meanBps + " and " + weight);
        }
        armPriorMean[arm] = meanBps;
        armPriorWeight[arm] = weight;
    }

    /** The arm's prior back to the bandit's default. */
    public void defaultPrior(final int arm)
    {
        requireArm(arm);
        armPriorMean[arm] = priorMeanBps;
        armPriorWeight[arm] = priorWeight;
    }

    public double priorMean(final int arm)
    {
        requireArm(arm);
        return armPriorMean[arm];
    }

    public double priorWeight(final int arm)
    {
        requireArm(arm);
        return armPriorWeight[arm];
    }

    public double defaultPriorMean()
    {
        return priorMeanBps;
    }

    public double defaultPriorWeight()
    {
        return priorWeight;
    }

    /** One observed reward in bps for an arm in a context. */
    public void update(final int arm, final int context, final double rewardBps)
    {
        requireArm(arm);
        requireContext(context);
        if (!Double.isFinite(rewardBps))
        {
            throw new IllegalArgumentException("reward must be finite, was " + rewardBps);
        }
        sums[arm * CONTEXTS + context] += rewardBps;
        counts[arm * CONTEXTS + context]++;
    }

    public double posteriorMean(final int arm, final int context)
    {
        final int i = arm * CONTEXTS + context;
        return (armPriorWeight[arm] * armPriorMean[arm] + sums[i]) / (armPriorWeight[arm] + counts[i]);
    }

    public double posteriorSd(final int arm, final int context)
    {
        return noiseSdBps / Math.sqrt(armPriorWeight[arm] + counts[arm * CONTEXTS + context]);
    }

    public int observations(final int arm, final int context)
    {
        return counts[arm * CONTEXTS + context];
    }

    /** Posterior means of every arm and context, for reports and tests. */
    public double[] means()
    {
        final double[] means = new double[arms * CONTEXTS];
        for (int a = 0; a < arms; a++)
        {
            for (int c = 0; c < CONTEXTS; c++)
            {
                means[a * CONTEXTS + c] = posteriorMean(a, c);
            }
        }
        return means;
    }

    @Override
    public String toString()
    {
        return "DealerBandit{counts=" + Arrays.toString(counts) + "}";
    }

    private void requireArm(final int arm)
    {
        if (arm < 0 || arm >= arms)
        {
            throw new IllegalArgumentException("arm must be 0.." + (arms - 1) + ", was " + arm);
        }
    }

    private static void requireContext(final int context)
    {
        if (context < 0 || context >= CONTEXTS)
        {
            throw new IllegalArgumentException("context must be 0.." + (CONTEXTS - 1) + ", was " + context);
        }
    }
}
