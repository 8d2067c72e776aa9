package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.SimEvent;
import io.slipway.sim.scenario.EventSpec;
import io.slipway.venue.VenueRules;

/**
 * A spoofer on one venue and instrument: while the event lasts it keeps one large order,
 * sizeMultiple times the liquidity's normal touch size, distanceBps behind the touch of its side,
 * and cancels it as soon as the touch comes within withdrawBps (re-posting at distanceBps from the
 * new touch), so it shows size it never means to trade. It also re-pegs when the touch runs away
 * to twice the distance. It checks the book every quote interval; fills are counted, since a
 * spoofer that gets filled has misjudged the market.
 */
public final class SpoofingAgent implements SimEvent, Participant, MarketEvents.SchedulerAware
{
    private final SimulatedMarket market;
    private final int flowIndex;
    private final SimulatedExchange venue;
    private final Instrument instrument;
    private final VenueRules rules;
    private final EventSpec.Spoofing spec;
    private final int owner;
    private final long intervalNs;
    private EventScheduler scheduler;
    private long endNs = Long.MIN_VALUE;
    private long nextId = 1;
    private long liveId;
    private long livePrice;
    private long liveQuantity;
    private long posts;
    private long withdrawals;
    private long repegs;
    private long fills;
    private long filledQuantity;
    private double maxWithdrawDistanceBps;

    SpoofingAgent(final SimulatedMarket market, final int flowIndex, final EventSpec.Spoofing spec, final int owner)
    {
        this.market = market;
        this.flowIndex = flowIndex;
        this.venue = market.flowVenue(flowIndex);
        final int instrumentId = market.flows().get(flowIndex).instrumentId();
        this.instrument = market.instruments().stream().filter(i -> i.id() == instrumentId).findFirst().orElseThrow();
        this.rules = venue.rules(instrument);
        this.spec = spec;
        this.owner = owner;
        this.intervalNs = market.quoteIntervalNs();
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
        if (nowNs >= endNs)
        {
            if (liveId != 0 && venue.cancel(owner, liveId, instrument.id(), nowNs) == RejectReason.NONE)
            {
                liveId = 0;
            }
            if (liveId != 0)
            {
                // The venue is down; try again once it is back.
                scheduler.schedule(nowNs + intervalNs, this);
            }
            return;
        }
        if (venue.isAcceptingOrders())
        {
            act(nowNs);
        }
        scheduler.schedule(Math.min(nowNs + intervalNs, endNs), this);
    }

    private void act(final long nowNs)
    {
        final boolean buy = spec.side() == Side.BUY;
        final OrderBook book = venue.book(instrument);
        final long touch = buy ? book.bestBid() : book.bestAsk();
        if (touch == Long.MIN_VALUE || touch == Long.MAX_VALUE)
        {
            return;
        }
        if (liveId != 0)
        {
            final double distanceBps = (buy ? touch - livePrice : livePrice - touch) / (double)livePrice * 1e4;
            final boolean approached = distanceBps <= spec.withdrawBps();
            final boolean ranAway = distanceBps > 2 * spec.distanceBps();
            if (approached || ranAway)
            {
                if (venue.cancel(owner, liveId, instrument.id(), nowNs) == RejectReason.NONE)
                {
                    liveId = 0;
                    if (approached)
                    {
                        withdrawals++;
                        maxWithdrawDistanceBps = Math.max(maxWithdrawDistanceBps, distanceBps);
                    }
                    else
                    {
                        repegs++;
                    }
                }
            }
        }
        if (liveId == 0)
        {
            post(buy, touch, nowNs);
        }
    }

    private void post(final boolean buy, final long touch, final long nowNs)
    {
        final long tick = rules.tickSize();
        final double target = instrument.priceToDouble(touch) * (buy ? 1 - spec.distanceBps() * 1e-4 :
            1 + spec.distanceBps() * 1e-4);
        final long raw = instrument.priceFromDouble(target);
        final long price = buy ? Math.floorDiv(raw, tick) * tick : -Math.floorDiv(-raw, tick) * tick;
        final long quantity = rules.roundDownToLot(instrument.qtyFromDouble(spec.sizeMultiple() * normalTopUsd() /
            instrument.priceToDouble(price)));
        if (price <= 0 || quantity < rules.minQuantity())
        {
            return;
        }
        final long id = nextId++;
        liveId = id;
        livePrice = price;
        liveQuantity = quantity;
        if (venue.submit(owner, id, instrument.id(), spec.side(), OrderType.LIMIT, price, quantity, nowNs) ==
            RejectReason.NONE)
        {
            posts++;
        }
        else
        {
            liveId = 0;
        }
    }

    /** The liquidity's target size at the touch of the spoofed side, in USD. */
    private double normalTopUsd()
    {
        final LiquidityProvider liquidity = market.flows().get(flowIndex).liquidity();
        return liquidity.targetUsd(spec.side() == Side.BUY ? 0 : liquidity.slotsPerSide());
    }

    @Override
    public void onOwnFill(final int instrumentId, final long clientOrderId, final Side side, final long price,
        final long quantity, final boolean maker, final long timeNs)
    {
        fills++;
        filledQuantity += quantity;
    }

    @Override
    public void onOwnDone(final int instrumentId, final long clientOrderId, final long releasedQuantity,
        final long timeNs)
    {
        if (clientOrderId == liveId)
        {
            liveId = 0;
        }
    }

    public int owner()
    {
        return owner;
    }

    public SimulatedExchange venue()
    {
        return venue;
    }

    /** Price of the order resting now, or 0. */
    public long livePrice()
    {
        return liveId == 0 ? 0 : livePrice;
    }

    public long liveQuantity()
    {
        return liveId == 0 ? 0 : liveQuantity;
    }

    public long posts()
    {
        return posts;
    }

    /** Cancels because the touch came within withdrawBps. */
    public long withdrawals()
    {
        return withdrawals;
    }

    /** Cancels because the touch ran more than twice distanceBps away. */
    public long repegs()
    {
        return repegs;
    }

    public long fills()
    {
        return fills;
    }

    public long filledQuantity()
    {
        return filledQuantity;
    }

    /** Largest touch distance at which an order was withdrawn (at most withdrawBps). */
    public double maxWithdrawDistanceBps()
    {
        return maxWithdrawDistanceBps;
    }
}
