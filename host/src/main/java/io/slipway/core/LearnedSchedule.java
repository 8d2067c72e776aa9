package io.slipway.core;

/**
 * The learned strategy (FIX TargetStrategy 1005): TWAP as the baseline, with a {@link QPolicy}
 * choosing at every slice a multiplier on the baseline's slice and how the slice is placed (taken
 * at once, or rested at the touches for part of the slice first). TWAP is the baseline because
 * its expected cost is the lowest of the fixed schedules (adaptive AC front-loads, paying more
 * expected impact for the risk it is told to shed), so the policy starts there and learns where
 * to deviate. Learning on top of a baseline follows Hendricks and Wilcox (2014);
 * the state mixes private variables (time, inventory) with market ones (last move, touch
 * imbalance, spread, how well posting filled) as in Nevmyvaka, Feng and Kearns (2006).
 *
 * <p>The placement bandit sees each slice's all-in execution cost in bps of what the slice traded,
 * against the composite mid at its release, fees included. Reward of a slice's multiplier, in bps
 * of the parent at arrival: minus the cost of the fills it produced against that mid, fees
 * included, minus the Almgren-Chriss risk charge lambda sigma^2 tau x^2 for the share x still
 * held over the slice; at the end, anything unfilled is charged {@link #UNFILLED_PENALTY_BPS}.
 * Summed over an order this is the realised execution cost plus the mean-variance risk term, so
 * a policy that saves by waiting pays for the risk it carries. Permanent impact carried into
 * later slices is not charged to the slice that caused it (a known limit of this reward).
 *
 * <p>Under the policy, a liquidity rule (on when {@code liquidityFloor} is above 0): each slice is scaled
 * by the lit depth on the side it trades against relative to the order's reference depth, nothing at or
 * below the floor, in full at the reference, the rest owed to later slices and caught up at most
 * {@link #CATCH_UP_SLICES} TWAP slices at a time. The Q reward measures fills against the mid at release,
 * which keeps drift out of it but also hides the rebound that waiting in a pulled book is paid by, so
 * this is a rule (Obizhaeva and Wang: cost goes as 1 / depth), not something the tables could learn.
 *
 * <p>While the policy is learning (training episodes) it explores and updates its tables on the
 * core's thread from the order's own inputs, so training is deterministic from its seed.
 */
public final class LearnedSchedule extends SlicedSchedule
{
    static final double UNFILLED_PENALTY_BPS = 100.0;
    /**
     * Slices after which the last passive slice's fill rate is forgotten. Without it, one poorly
     * filled passive slice sends the bandit to a context where taking wins, taking never refreshes
     * the rate, and the order never posts again.
     */
    static final int FILL_RATE_MEMORY_SLICES = 5;
    /**
     * Largest slice, in TWAP slices, while the liquidity rule is on: what was held back while depth was
     * thin is caught up at most this fast, and held back only while the rest still fits at this rate.
     */
    static final int CATCH_UP_SLICES = 3;
    /** Depth observations at least this share of the reference refresh it, so a thin spell never becomes the norm. */
    static final double DEPTH_REFERENCE_UPDATE_SHARE = 0.8;
    static final double DEPTH_REFERENCE_WEIGHT = 0.1;

    private final QPolicy policy;
    private final boolean sell;
    private final double sigmaBpsPerSlice;
    private final double riskChargePerSlice;
    private final double liquidityFloor;

    private double arrivalMid = Double.NaN;
    private double releaseMid = Double.NaN;
    private double stateMid = Double.NaN;
    private double imbalance;
    private double halfSpreadBps;
    private double depth = Double.NaN;
    private double depthReference = Double.NaN;
    private double liquidityShare = 1.0;
    private double passiveFillRate = Double.NaN;
    private int slicesSincePassive;
    private int state = -1;
    private int context = -1;
    private int action = QPolicy.BASELINE_ACTION;
    private double sliceCostBps;
    private double sliceExecutionBpsQty;
    private long sliceFilled;
    private long sliceMakerFilled;
    private long sliceOwed;
    private long target;

    public LearnedSchedule(final long startNs, final long endNs, final long preferredIntervalNs, final long quantity,
        final AcModel model, final QPolicy policy, final boolean sell)
    {
        this(startNs, endNs, preferredIntervalNs, quantity, model, policy, sell, 0.0);
    }

    /**
     * @param liquidityFloor share of the reference depth at or below which nothing is traded (see
     *                       {@link CoreContext#liquidityFloor(double)}); 0 turns the liquidity rule off
     */
    public LearnedSchedule(final long startNs, final long endNs, final long preferredIntervalNs, final long quantity,
        final AcModel model, final QPolicy policy, final boolean sell, final double liquidityFloor)
    {
        super(startNs, endNs, preferredIntervalNs, quantity);
        if (policy == null)
        {
            throw new IllegalArgumentException("the learned strategy needs a model; none is loaded");
        }
        if (!(liquidityFloor >= 0.0 && liquidityFloor < 1.0))
        {
            throw new IllegalArgumentException("liquidityFloor must be in [0, 1), was " + liquidityFloor);
        }
        this.liquidityFloor = liquidityFloor;
        this.policy = policy;
        this.sell = sell;
        final double tau = clock.intervalNs / 1e9;
        this.sigmaBpsPerSlice = model.sigmaBpsPerSqrtSecond() * StrictMath.sqrt(tau);
        this.riskChargePerSlice = model.riskAversionPerBps() * sigmaBpsPerSlice * sigmaBpsPerSlice;
    }

    /** The TWAP line: Q (k + 1) / n after slice k, in integers so the last is exactly Q. */
    private long baselineTarget(final int slice)
    {
        final long k1 = Math.min(slice, clock.slices - 1) + 1L;
        return (quantity / clock.slices) * k1 + (quantity % clock.slices) * k1 / clock.slices;
    }

    @Override
    public long targetAfterSlice(final int slice)
    {
        return target;
    }

    @Override
    public void onMarketState(final double mid, final double halfSpreadBps, final double imbalance, final long nowNs)
    {
        if (Double.isFinite(mid) && mid > 0)
        {
            if (Double.isNaN(arrivalMid))
            {
                arrivalMid = mid;
            }
            stateMid = mid;
        }
        this.imbalance = Double.isFinite(imbalance) ? imbalance : 0.0;
        this.halfSpreadBps = Double.isFinite(halfSpreadBps) ? halfSpreadBps : 0.0;
    }

    @Override
    public void onDepth(final double depthBase, final long nowNs)
    {
        depth = depthBase;
    }

    /**
     * Share of the slice the lit depth supports: 0 at or below the floor's share of the reference depth,
     * 1 at the reference, linear between. Trading in proportion to the liquidity there is keeps the
     * order out of a book that has been pulled (a liquidity flush is when selling costs most and the
     * price is least informative); the reference is the depth first seen, then a slow average of
     * observations that are not thin.
     */
    private double liquidityShare()
    {
        if (liquidityFloor == 0.0 || !(depth >= 0.0))
        {
            return 1.0;
        }
        if (!(depthReference > 0.0))
        {
            depthReference = depth > 0.0 ? depth : Double.NaN;
            return 1.0;
        }
        final double ratio = depth / depthReference;
        if (ratio >= DEPTH_REFERENCE_UPDATE_SHARE)
        {
            depthReference += DEPTH_REFERENCE_WEIGHT * (depth - depthReference);
        }
        return Math.max(0.0, Math.min(1.0, (ratio - liquidityFloor) / (1.0 - liquidityFloor)));
    }

    @Override
    public void onSliceReleased(final int slice, final long done, final long nowNs)
    {
        final int k = Math.min(slice, clock.slices - 1);
        final double remaining = 1.0 - done / (double)quantity;
        final double timeLeft = (clock.slices - k) / (double)clock.slices;
        final double twapRemaining = 1.0 - k / (double)clock.slices;
        final double move = Double.isNaN(releaseMid) || Double.isNaN(stateMid) ? 0.0 :
            (stateMid - releaseMid) / releaseMid * 1e4 * (sell ? 1.0 : -1.0);
        if (state >= 0 && QPolicy.passive(action) && sliceOwed > 0)
        {
            passiveFillRate = Math.min(1.0, sliceMakerFilled / (double)sliceOwed);
            slicesSincePassive = 0;
        }
        else if (++slicesSincePassive > FILL_RATE_MEMORY_SLICES)
        {
            passiveFillRate = Double.NaN;
        }
        final int next = QPolicy.state(timeLeft, remaining - twapRemaining, move / sigmaBpsPerSlice);
        if (state >= 0)
        {
            endSlice(next, 0.0);
        }
        state = next;
        context = QPolicy.context(timeLeft, sell ? imbalance : -imbalance, halfSpreadBps, passiveFillRate);
        action = policy.act(state, context);
        releaseMid = stateMid;
        liquidityShare = liquidityShare();

        if (k == clock.slices - 1)
        {
            target = quantity;
        }
        else if (liquidityFloor == 0.0)
        {
            final long slicePart = Math.max(0, baselineTarget(k) - done);
            target = Math.min(quantity, done + Math.round(QPolicy.multiplier(action) * slicePart));
        }
        else
        {
            final long most = CATCH_UP_SLICES * Math.max(1, quantity / clock.slices);
            final long slicePart = Math.min(most, Math.max(0, baselineTarget(k) - done));
            final long wanted = Math.min(quantity, done + Math.round(QPolicy.multiplier(action) * liquidityShare * slicePart));
            // Hold back only what the slices left can still catch up at the catch-up rate.
            target = Math.max(wanted, Math.min(quantity, quantity - most * (clock.slices - 1 - k)));
        }
        final double held = 1.0 - target / (double)quantity;
        sliceCostBps = riskChargePerSlice * held * held;
        sliceExecutionBpsQty = 0.0;
        sliceFilled = 0;
        sliceMakerFilled = 0;
        sliceOwed = Math.max(0, target - done);
    }

    @Override
    public long passiveWindowNs(final int slice)
    {
        return (long)(clock.intervalNs * QPolicy.passiveWindowShare(action));
    }

    @Override
    public double minFillProbability()
    {
        return QPolicy.minFillProbability(action);
    }

    @Override
    public void onFill(final double price, final long quantity, final double feeBps, final boolean maker,
        final long nowNs)
    {
        if (Double.isNaN(releaseMid) || Double.isNaN(arrivalMid))
        {
            return;
        }
        final double adverse = (sell ? releaseMid - price : price - releaseMid) / arrivalMid * 1e4;
        sliceCostBps += (adverse + feeBps) * quantity / (double)this.quantity;
        sliceExecutionBpsQty += (adverse + feeBps) * quantity;
        sliceFilled += quantity;
        sliceMakerFilled += maker ? quantity : 0;
    }

    @Override
    public void onParentDone(final long filled, final long nowNs)
    {
        if (state >= 0)
        {
            endSlice(-1, UNFILLED_PENALTY_BPS * (1.0 - filled / (double)quantity));
            state = -1;
        }
    }

    private void endSlice(final int nextState, final double penaltyBps)
    {
        policy.update(state, action, -(sliceCostBps + penaltyBps), nextState);
        if (sliceFilled > 0)
        {
            policy.observePlacement(context, action, sliceExecutionBpsQty / sliceFilled);
        }
    }

    /** Share of the slice the lit depth supported at the last slice released; 1 with the rule off. */
    public double lastLiquidityShare()
    {
        return liquidityShare;
    }

    /** The action chosen for the last slice released (see {@link QPolicy}). */
    public int lastAction()
    {
        return action;
    }
}
