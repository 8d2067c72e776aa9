package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.SimEvent;
import io.slipway.sim.scenario.EventSpec;
import io.slipway.venue.VenueRules;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Quote stuffing on one venue and instrument: every {@link #BURST_NS} it cancels the orders of
 * its previous burst and adds as many new minimum-size orders, messagesPerSecond order messages
 * (adds plus cancels) in all. The orders rest {@link #MIN_DISTANCE_BPS} to {@link #MAX_DISTANCE_BPS}
 * behind the touch of a random side, out of reach of the exogenous takers, so they inflate the
 * book updates and depth-diff levels but leave the book as it was when the event ends.
 */
public final class QuoteStuffer implements SimEvent, Participant, MarketEvents.SchedulerAware
{
    static final long BURST_NS = 10_000_000L;
    static final double MIN_DISTANCE_BPS = 30;
    static final double MAX_DISTANCE_BPS = 60;

    private final SimulatedExchange venue;
    private final Instrument instrument;
    private final VenueRules rules;
    private final EventSpec.QuoteStuffing spec;
    private final int owner;
    private final SplittableRandom random;
    private final double messagesPerBurst;
    private EventScheduler scheduler;
    private long endNs = Long.MIN_VALUE;
    private double carry;
    private long[] live = new long[16];
    private int liveCount;
    private long nextId = 1;
    private long adds;
    private long cancels;
    private long fills;

    QuoteStuffer(final SimulatedMarket market, final int flowIndex, final EventSpec.QuoteStuffing spec,
        final int owner, final SplittableRandom random)
    {
        this.venue = market.flowVenue(flowIndex);
        final int instrumentId = market.flows().get(flowIndex).instrumentId();
        this.instrument = market.instruments().stream().filter(i -> i.id() == instrumentId).findFirst().orElseThrow();
        this.rules = venue.rules(instrument);
        this.spec = spec;
        this.owner = owner;
        this.random = random;
        this.messagesPerBurst = spec.messagesPerSecond() * (BURST_NS * 1e-9);
        venue.addParticipant(owner, this);
    }

    @Override
    public void scheduler(final EventScheduler scheduler)
    {
        this.scheduler = scheduler;
    }

    @Override
    public void fire(final long nowNs)
    {
        if (endNs == Long.MIN_VALUE)
        {
            endNs = nowNs + MarketEvents.seconds(spec.durationSeconds());
        }
        if (!venue.isAcceptingOrders())
        {
            scheduler.schedule(nowNs + BURST_NS, this);
            return;
        }
        cancelAll(nowNs);
        if (nowNs >= endNs)
        {
            return;
        }
        // Half the messages are this burst's adds, half next burst's cancels.
        carry += messagesPerBurst / 2;
        final int orders = (int)carry;
        carry -= orders;
        final OrderBook book = venue.book(instrument);
        for (int i = 0; i < orders; i++)
        {
            final boolean buy = random.nextBoolean();
            final double distanceBps = MIN_DISTANCE_BPS + random.nextDouble() * (MAX_DISTANCE_BPS - MIN_DISTANCE_BPS);
            final long touch = buy ? book.bestBid() : book.bestAsk();
            if (touch == Long.MIN_VALUE || touch == Long.MAX_VALUE)
            {
                continue;
            }
            add(buy, touch, distanceBps, nowNs);
        }
        scheduler.schedule(nowNs + BURST_NS, this);
    }

    private void add(final boolean buy, final long touch, final double distanceBps, final long nowNs)
    {
        final long tick = rules.tickSize();
        final long raw = instrument.priceFromDouble(instrument.priceToDouble(touch) *
            (buy ? 1 - distanceBps * 1e-4 : 1 + distanceBps * 1e-4));
        final long price = buy ? Math.floorDiv(raw, tick) * tick : -Math.floorDiv(-raw, tick) * tick;
        final long forNotional = instrument.qtyFromDouble(rules.minNotional() / instrument.priceToDouble(price));
        final long lot = rules.lotSize();
        final long quantity = Math.max(rules.minQuantity(), (forNotional + lot - 1) / lot * lot + lot);
        if (price <= 0)
        {
            return;
        }
        final long id = nextId++;
        if (venue.submit(owner, id, instrument.id(), buy ? Side.BUY : Side.SELL, OrderType.LIMIT, price, quantity,
            nowNs) == RejectReason.NONE)
        {
            adds++;
            if (liveCount == live.length)
            {
                live = Arrays.copyOf(live, liveCount * 2);
            }
            live[liveCount++] = id;
        }
    }

    private void cancelAll(final long nowNs)
    {
        for (int i = 0; i < liveCount; i++)
        {
            // A filled order is gone already and answers "unknown order".
            if (venue.cancel(owner, live[i], instrument.id(), nowNs) == RejectReason.NONE)
            {
                cancels++;
            }
        }
        liveCount = 0;
    }

    @Override
    public void onOwnFill(final int instrumentId, final long clientOrderId, final Side side, final long price,
        final long quantity, final boolean maker, final long timeNs)
    {
        fills++;
    }

    @Override
    public void onOwnDone(final int instrumentId, final long clientOrderId, final long releasedQuantity,
        final long timeNs)
    {
    }

    public SimulatedExchange venue()
    {
        return venue;
    }

    public long adds()
    {
        return adds;
    }

    public long cancels()
    {
        return cancels;
    }

    public long fills()
    {
        return fills;
    }

    /** Orders resting now. */
    public int live()
    {
        return liveCount;
    }
}
