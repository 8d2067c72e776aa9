package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.SimEvent;
import io.slipway.venue.VenueRules;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Aggressive order flow on one instrument of one venue: orders arrive as a Poisson process at
 * the rate that gives the recorded notional per hour, with sizes drawn from the recorded size
 * distribution, buys
 * and sells equally likely. Each is an IOC limited a few bps through the latent mid, so takers
 * do not chase a book that a large order has emptied and prices keep following the latent mid.
 */
public final class PoissonTakers implements Participant, SimEvent
{
    private final SimulatedExchange venue;
    private final Instrument instrument;
    private final VenueRules rules;
    private final MarketProfile profile;
    private final int owner;
    private final SplittableRandom random;
    private final DoubleSupplier latentMid;
    private final double meanIntervalNs;
    private final double limitBps;
    private EventScheduler scheduler;
    private long nextId = 1;
    private long orders;
    private long filledQuantity;

    public PoissonTakers(
        final SimulatedExchange venue,
        final Instrument instrument,
        final MarketProfile profile,
        final int owner,
        final SplittableRandom random,
        final DoubleSupplier latentMid,
        final double rateMultiplier,
        final double limitBps)
    {
        this.venue = venue;
        this.instrument = instrument;
        this.rules = venue.rules(instrument);
        this.profile = profile;
        this.owner = owner;
        this.random = random;
        this.latentMid = latentMid;
        // The arrival rate reproduces the recorded notional per hour with the sampled sizes; the
        // recorded order count differs from it by the interpolation error of the size quantiles.
        final double ordersPerSecond = profile.notionalUsdPerHour() / 3600.0 /
            (profile.meanSampledTakerSize() * profile.lastMid());
        this.meanIntervalNs = 1e9 / (ordersPerSecond * rateMultiplier);
        this.limitBps = limitBps;
    }

    public int owner()
    {
        return owner;
    }

    public void start(final EventScheduler scheduler)
    {
        this.scheduler = scheduler;
        scheduleNext();
    }

    private void scheduleNext()
    {
        // Exponential inter-arrival time; 1 - u keeps the log argument in (0, 1].
        final long delay = (long)(-Math.log(1 - random.nextDouble()) * meanIntervalNs);
        scheduler.scheduleAfter(Math.max(1, delay), this);
    }

    @Override
    public void fire(final long nowNs)
    {
        final double mid = latentMid.getAsDouble();
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final double sizeBase = profile.sampleTakerSize(random.nextDouble());
        final long minForNotional = instrument.qtyFromDouble(rules.minNotional() / mid);
        long quantity = Math.max(rules.roundDownToLot(instrument.qtyFromDouble(sizeBase)), rules.minQuantity());
        if (quantity < minForNotional)
        {
            quantity = rules.roundDownToLot(minForNotional) + rules.lotSize();
        }
        final long tick = rules.tickSize();
        final long limit = side == Side.BUY ?
            Math.floorDiv(instrument.priceFromDouble(mid * (1 + limitBps * 1e-4)), tick) * tick :
            -Math.floorDiv(-instrument.priceFromDouble(mid * (1 - limitBps * 1e-4)), tick) * tick;
        orders++;
        venue.submit(owner, nextId++, instrument.id(), side, OrderType.IOC, limit, quantity, nowNs);
        scheduleNext();
    }

    public long orders()
    {
        return orders;
    }

    public long filledQuantity()
    {
        return filledQuantity;
    }

    @Override
    public void onOwnFill(final int instrumentId, final long clientOrderId, final Side side, final long price,
        final long quantity, final boolean maker, final long timeNs)
    {
        filledQuantity += quantity;
    }

    @Override
    public void onOwnDone(final int instrumentId, final long clientOrderId, final long releasedQuantity,
        final long timeNs)
    {
    }
}
