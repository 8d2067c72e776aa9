package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.venue.VenueRules;

import java.util.SplittableRandom;

/**
 * The resting liquidity of one instrument on one venue: a set of quote slots per side, each
 * holding at most one order at a distance from the latent mid drawn inside one of the
 * calibrated depth buckets, so the time-averaged book matches the recorded depth profile.
 *
 * <p>Every quote interval the provider re-prices slots that fell outside their bucket (the
 * latent price moved), the touch slots whenever the touch moved, and a random share of the
 * rest. Each slot has a capacity, the quantity it is willing to show: fills consume it and it
 * recovers towards its target as 1 - exp(-dt / resilience) (Obizhaeva and Wang 2013 style
 * resilience), so a large taker empties the book and it refills over seconds, not instantly.
 *
 * <p>{@link #scaleDepth(double)} scales the targets for a thinner or deeper market;
 * {@link #pull(double, long, long)} is a liquidity flush: every quote is pulled and re-placed at a
 * fraction of its target, which then ramps back linearly. While the venue is down the provider
 * does nothing.
 */
public final class LiquidityProvider implements Participant
{
    /** Slots per depth bucket and side; the first slot of bucket 0 quotes the touch. */
    static final int[] SLOTS_PER_BUCKET = {2, 1, 2, 2, 3, 3};

    private final SimulatedExchange venue;
    private final Instrument instrument;
    private final VenueRules rules;
    private final int owner;
    private final SplittableRandom random;
    private final double resilienceSeconds;
    private final double refreshProbability;
    private final int spreadTicks;
    private final int slotsPerSide;
    // Per slot (index side * slotsPerSide + k): bucket bounds, target and state.
    private final double[] loBps;
    private final double[] hiBps;
    private final double[] targetUsd;
    private final double[] capacity;
    private final long[] orderId;
    private final long[] price;
    private final long[] remaining;
    private final boolean[] replace;
    private long nextId = 1;
    private long lastQuoteNs = Long.MIN_VALUE;
    private double pullDepth = 1.0;
    private long pullStartNs;
    private long pullEndNs = Long.MIN_VALUE;
    private boolean replaceAll;

    public LiquidityProvider(
        final SimulatedExchange venue,
        final Instrument instrument,
        final MarketProfile profile,
        final int owner,
        final SplittableRandom random,
        final double resilienceSeconds,
        final double refreshProbability)
    {
        this.venue = venue;
        this.instrument = instrument;
        this.rules = venue.rules(instrument);
        this.owner = owner;
        this.random = random;
        this.resilienceSeconds = resilienceSeconds;
        this.refreshProbability = refreshProbability;
        final double tick = instrument.priceToDouble(rules.tickSize());
        this.spreadTicks = (int)Math.max(1, Math.round(profile.spreadMedianBps() * 1e-4 * profile.lastMid() / tick));
        int slots = 0;
        for (final int n : SLOTS_PER_BUCKET)
        {
            slots += n;
        }
        this.slotsPerSide = slots;
        loBps = new double[2 * slots];
        hiBps = new double[2 * slots];
        targetUsd = new double[2 * slots];
        capacity = new double[2 * slots];
        orderId = new long[2 * slots];
        price = new long[2 * slots];
        remaining = new long[2 * slots];
        replace = new boolean[2 * slots];
        for (int side = 0; side < 2; side++)
        {
            int k = side * slots;
            for (int b = 0; b < SLOTS_PER_BUCKET.length; b++)
            {
                final double usd = side == 0 ? profile.bidDepthUsd(b) : profile.askDepthUsd(b);
                for (int j = 0; j < SLOTS_PER_BUCKET[b]; j++)
                {
                    loBps[k] = MarketProfile.DEPTH_BUCKET_EDGES_BPS[b];
                    hiBps[k] = MarketProfile.DEPTH_BUCKET_EDGES_BPS[b + 1];
                    targetUsd[k] = usd / SLOTS_PER_BUCKET[b];
                    capacity[k] = targetUsd[k];
                    k++;
                }
            }
        }
    }

    public int owner()
    {
        return owner;
    }

    public int instrumentId()
    {
        return instrument.id();
    }

    /** Multiplies every slot's target depth (0.5 = half the calibrated depth). */
    public void scaleDepth(final double multiplier)
    {
        if (!(multiplier > 0))
        {
            throw new IllegalArgumentException("depth multiplier must be positive, was " + multiplier);
        }
        for (int s = 0; s < targetUsd.length; s++)
        {
            targetUsd[s] *= multiplier;
            capacity[s] *= multiplier;
        }
    }

    /**
     * A liquidity flush: cuts every slot's capacity to depthRemaining of its target and has all
     * quotes re-placed at the next {@link #quote}; the target then ramps back linearly to full over
     * reboundNs, and capacity follows it at the resilience rate.
     */
    public void pull(final double depthRemaining, final long nowNs, final long reboundNs)
    {
        if (!(depthRemaining >= 0 && depthRemaining <= 1) || reboundNs < 0)
        {
            throw new IllegalArgumentException("depthRemaining must be in [0, 1] and reboundNs non-negative");
        }
        pullDepth = depthRemaining;
        pullStartNs = nowNs;
        pullEndNs = nowNs + reboundNs;
        for (int s = 0; s < capacity.length; s++)
        {
            capacity[s] = Math.min(capacity[s], targetUsd[s] * depthRemaining);
        }
        replaceAll = true;
    }

    /** Fraction of the target depth wanted now: below 1 while rebounding from a pull. */
    double depthScale(final long nowNs)
    {
        if (nowNs >= pullEndNs)
        {
            return 1.0;
        }
        return pullDepth + (1 - pullDepth) * (double)(nowNs - pullStartNs) / (pullEndNs - pullStartNs);
    }

    /** Re-quotes around the latent mid (USD); called every quote interval. */
    public void quote(final double mid, final long nowNs)
    {
        if (!venue.isAcceptingOrders())
        {
            return;
        }
        final double scale = depthScale(nowNs);
        final double dt = lastQuoteNs == Long.MIN_VALUE ? 0 : (nowNs - lastQuoteNs) * 1e-9;
        lastQuoteNs = nowNs;
        final double recovery = 1 - Math.exp(-dt / resilienceSeconds);
        final long tick = rules.tickSize();
        final long touchBid = Math.floorDiv(instrument.priceFromDouble(mid) - spreadTicks * tick / 2, tick) * tick;
        final long touchAsk = touchBid + spreadTicks * tick;

        // First pass: decide and cancel, so new quotes never meet our own stale ones.
        for (int s = 0; s < 2 * slotsPerSide; s++)
        {
            capacity[s] += (targetUsd[s] * scale - capacity[s]) * recovery;
            final boolean bid = s < slotsPerSide;
            final boolean touch = s % slotsPerSide == 0;
            boolean stale;
            if (orderId[s] == 0)
            {
                stale = true;
            }
            else if (touch)
            {
                stale = price[s] != (bid ? touchBid : touchAsk);
            }
            else
            {
                final double distanceBps = (bid ? mid - instrument.priceToDouble(price[s]) :
                    instrument.priceToDouble(price[s]) - mid) / mid * 1e4;
                stale = (bid ? price[s] >= touchBid : price[s] <= touchAsk) ||
                    distanceBps < loBps[s] || distanceBps > hiBps[s];
            }
            stale |= remaining[s] < 0.5 * quantityFor(capacity[s], mid) || random.nextDouble() < refreshProbability ||
                replaceAll;
            replace[s] = stale;
            if (stale && orderId[s] != 0)
            {
                venue.cancel(owner, orderId[s], instrument.id(), nowNs);
            }
        }
        replaceAll = false;
        for (int s = 0; s < 2 * slotsPerSide; s++)
        {
            if (!replace[s])
            {
                continue;
            }
            final boolean bid = s < slotsPerSide;
            final long p;
            if (s % slotsPerSide == 0)
            {
                p = bid ? touchBid : touchAsk;
            }
            else
            {
                final double distance = loBps[s] + random.nextDouble() * (hiBps[s] - loBps[s]);
                final double target = bid ? mid * (1 - distance * 1e-4) : mid * (1 + distance * 1e-4);
                final long raw = instrument.priceFromDouble(target);
                final long onTick = bid ? Math.floorDiv(raw, tick) * tick : -Math.floorDiv(-raw, tick) * tick;
                p = bid ? Math.min(onTick, touchBid - tick) : Math.max(onTick, touchAsk + tick);
            }
            // Shown size varies around capacity so the book is not a static ladder.
            final long quantity = quantityFor(capacity[s] * (0.5 + random.nextDouble()), mid);
            if (quantity <= 0 || p <= 0)
            {
                continue;
            }
            final long id = (nextId++ << 8) | s;
            orderId[s] = id;
            price[s] = p;
            remaining[s] = quantity;
            final RejectReason reason = venue.submit(owner, id, instrument.id(), bid ? Side.BUY : Side.SELL,
                OrderType.LIMIT, p, quantity, nowNs);
            if (reason != RejectReason.NONE)
            {
                orderId[s] = 0;
                remaining[s] = 0;
            }
        }
    }

    private long quantityFor(final double usd, final double mid)
    {
        final long quantity = rules.roundDownToLot(instrument.qtyFromDouble(usd / mid));
        if (quantity < rules.minQuantity())
        {
            return 0;
        }
        return quantity;
    }

    /** Capacity of a slot in USD (for tests and diagnostics). */
    double capacityUsd(final int slot)
    {
        return capacity[slot];
    }

    double targetUsd(final int slot)
    {
        return targetUsd[slot];
    }

    int slotsPerSide()
    {
        return slotsPerSide;
    }

    @Override
    public void onOwnFill(final int instrumentId, final long clientOrderId, final Side side, final long fillPrice,
        final long quantity, final boolean maker, final long timeNs)
    {
        final int s = (int)(clientOrderId & 0xFF);
        capacity[s] = Math.max(0, capacity[s] - instrument.notional(fillPrice, quantity));
        if (orderId[s] == clientOrderId)
        {
            remaining[s] -= quantity;
        }
    }

    @Override
    public void onOwnDone(final int instrumentId, final long clientOrderId, final long releasedQuantity,
        final long timeNs)
    {
        final int s = (int)(clientOrderId & 0xFF);
        if (orderId[s] == clientOrderId)
        {
            orderId[s] = 0;
            remaining[s] = 0;
        }
    }
}
