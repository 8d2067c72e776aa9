package io.slipway.app;

import io.slipway.card.Card;
import io.slipway.card.CardBackends;
import io.slipway.card.NicLayout;
import io.slipway.core.CoreContext;
import io.slipway.core.ExecutionCore;
import io.slipway.core.ParentOrderListener;
import io.slipway.core.TradingVenue;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.OmsReportSink;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.MarketWorld;
import io.slipway.sim.SimEvent;
import io.slipway.sim.market.SimulatedMarket;
import io.slipway.core.RfqSink;
import io.slipway.tca.OwnImpactSource;
import io.slipway.venue.DealerVenue;
import io.slipway.venue.OrderEntryEncoder;
import io.slipway.venue.QuoteListener;
import io.slipway.venue.Venue;
import io.slipway.venue.VenueListener;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole appliance on the simulated clock: the market's venues (simulated or replayed), the card (its
 * receive path and risk gate) and the execution core, composed exactly as in live mode but
 * driven by one discrete-event scheduler. Venue market data enters the card's ingress path as
 * SBE; the card's records feed the core; the core's child orders leave through the card's risk
 * gate onto the venues' ports; venue reports come back to the core. Everything happens on the
 * caller's thread, so a run is a pure function of its seed and its OMS commands.
 */
public final class SimulatedAppliance
{
    private final Context context;
    private final EventScheduler scheduler;
    private final MarketWorld market;
    private final Card card;
    private final ExecutionCore core;
    private final CardEventDispatcher cardEvents;
    private final SimEvent coreWake = this::onCoreWake;
    private long scheduledWakeNs = Long.MAX_VALUE;
    private long ingressDrops;

    public SimulatedAppliance(final Context context, final OmsReportSink reports, final ParentOrderListener parents)
    {
        this.context = context.conclude();
        this.market = context.world() != null ? context.world() : new SimulatedMarket(context.marketContext());
        this.scheduler = new EventScheduler(market.startTimeNs());
        this.card = CardBackends.open(context.cardBackend());

        final Venue[] venuesById = new Venue[NicLayout.MAX_VENUES];
        final OrderEntryEncoder[] encoders = new OrderEntryEncoder[NicLayout.MAX_VENUES];
        final List<TradingVenue> tradingVenues = new ArrayList<>();
        int venueMask = 0;
        for (final Venue venue : market.venues())
        {
            venuesById[venue.id()] = venue;
            encoders[venue.id()] = venue.orderEntryEncoder();
            tradingVenues.add(TradingVenue.of(venue, context.instruments()));
            venueMask |= 1 << venue.id();
        }
        // The card enables exactly the venues this world connects; everything else stays refused.
        context.riskLimits().withVenueEnableMask(venueMask).applyAndArm(card);
        final String disclaimer = market.disclaimer();
        final ParentOrderListener annotated = disclaimer == null || disclaimer.isEmpty() ? parents : record ->
        {
            record.marketNote(disclaimer);
            parents.onParentDone(record);
        };
        // Requests for quote go straight to the dealers' RFQ sessions; the take goes through the card.
        final RfqSink rfqs = (venueId, rfqId, instrument, side, quantity) ->
        {
            if (venuesById[venueId] instanceof DealerVenue dealer)
            {
                dealer.requestQuote(rfqId, instrument, side, quantity);
                return true;
            }
            return false;
        };
        this.core = new ExecutionCore(context.coreContext(), tradingVenues, new CardOrderGateway(card, encoders),
            reports, annotated, rfqs);
        this.cardEvents = new CardEventDispatcher(card, core, venuesById);
        if (market instanceof SimulatedMarket simulated)
        {
            simulated.quoteListener(new CoreQuoteListener());
        }
        market.start(scheduler, this::onMarketData, new CoreVenueListener());
    }

    /** Simulated time now. */
    public long nowNs()
    {
        return scheduler.nowNs();
    }

    /** Runs the world for the context's warm-up so books and tapes are populated; returns the time after. */
    public long warmUp()
    {
        runUntil(market.startTimeNs() + context.warmUpNs());
        return scheduler.nowNs();
    }

    /** Runs the world until the given simulated time; returns the number of events that fired. */
    public int runUntil(final long timeNs)
    {
        int events = 0;
        while (scheduler.runNext(timeNs))
        {
            // each event pumps the card and the core itself
            events++;
        }
        if (scheduler.nowNs() < timeNs)
        {
            scheduler.advanceTo(timeNs);
        }
        return events;
    }

    /** Fires the next scheduled event; false when nothing is scheduled. */
    public boolean step()
    {
        return scheduler.runNext(Long.MAX_VALUE);
    }

    /** Hands an OMS command to the core at the current simulated time. */
    public void submit(final OmsCommand command)
    {
        core.onCommand(command, scheduler.nowNs());
        pump();
    }

    /**
     * Runs an operator action on the core at the current simulated time, then lets the card move
     * what it produced (cancels onto the venues' ports).
     */
    public <T> T operate(final java.util.function.LongFunction<T> action)
    {
        final T result = action.apply(scheduler.nowNs());
        pump();
        return result;
    }

    /**
     * Runs until every finished order's mid path covers its markouts (5 minutes of simulated time
     * past completion) or the limit passes; orders still working are worked meanwhile.
     */
    public void runWhilePostTrade(final long limitNs)
    {
        while ((core.postTradeCount() > 0 || core.activeParentCount() > 0) && scheduler.nowNs() < limitNs &&
            scheduler.runNext(limitNs))
        {
            // keep going
        }
    }

    /** Runs until no parent order is working (or the safety horizon passes). */
    public void runWhileActive(final long limitNs)
    {
        while (core.activeParentCount() > 0 && scheduler.nowNs() < limitNs && scheduler.runNext(limitNs))
        {
            // keep going
        }
    }

    public int activeParentOrders()
    {
        return core.activeParentCount();
    }

    public ExecutionCore core()
    {
        return core;
    }

    public Card card()
    {
        return card;
    }

    /** The simulated market; fails when the appliance runs on another world. */
    public SimulatedMarket market()
    {
        if (!(market instanceof SimulatedMarket))
        {
            throw new IllegalStateException("the appliance runs on " + market.getClass().getSimpleName());
        }
        return (SimulatedMarket)market;
    }

    /**
     * Each parent's own impact as this appliance's world knows it: the simulated market's figure, or
     * {@link OwnImpactSource#NONE} on a world that does not measure it (a replay).
     */
    public OwnImpactSource ownImpact()
    {
        return market instanceof SimulatedMarket simulated ? simulated.ownImpact() : OwnImpactSource.NONE;
    }

    /** The market the appliance runs against. */
    public MarketWorld world()
    {
        return market;
    }

    /** What every result of this run must carry about the market's limits; empty when none. */
    public String marketDisclaimer()
    {
        return market.disclaimer();
    }

    public Context context()
    {
        return context;
    }

    /** SBE messages the card refused at ingress (oversize or ring full after draining). */
    public long ingressDrops()
    {
        return ingressDrops;
    }

    /** Feed-status records the card produced (gaps, decode errors). */
    public long feedAlerts()
    {
        return cardEvents.feedAlerts();
    }

    private void onMarketData(final int channel, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!card.offerIngress(channel, buffer, offset, length))
        {
            cardEvents.dispatch(scheduler.nowNs());
            if (!card.offerIngress(channel, buffer, offset, length))
            {
                // Counted by the card too; the feed's sequence check will flag the hole.
                ingressDrops++;
            }
        }
        pump();
    }

    private void pump()
    {
        final long now = scheduler.nowNs();
        cardEvents.dispatch(now);
        final long deadline = core.nextDeadlineNs();
        if (deadline < scheduledWakeNs)
        {
            scheduledWakeNs = Math.max(deadline, now);
            scheduler.schedule(scheduledWakeNs, coreWake);
        }
    }

    private void onCoreWake(final long nowNs)
    {
        if (nowNs >= scheduledWakeNs)
        {
            scheduledWakeNs = Long.MAX_VALUE;
        }
        if (nowNs >= core.nextDeadlineNs())
        {
            core.onTimer(nowNs);
        }
        pump();
    }

    /** Dealers' answers reach the core at the simulated time they are delivered. */
    private final class CoreQuoteListener implements QuoteListener
    {
        @Override
        public void onQuote(final int venue, final long rfqId, final long price, final long quantity,
            final long validUntilNs)
        {
            // The quote's price reference reached the card's ingress first; let the card take it in.
            cardEvents.dispatch(scheduler.nowNs());
            core.onQuote(venue, rfqId, price, quantity, validUntilNs, scheduler.nowNs());
            pump();
        }

        @Override
        public void onQuoteDeclined(final int venue, final long rfqId, final String reason)
        {
            core.onQuoteDeclined(venue, rfqId, scheduler.nowNs());
            pump();
        }
    }

    /** Venue reports reach the core at the simulated time they are delivered. */
    private final class CoreVenueListener implements VenueListener
    {
        @Override
        public void onAccepted(final int venue, final long clientOrderId)
        {
            core.onVenueAccepted(venue, clientOrderId, scheduler.nowNs());
            pump();
        }

        @Override
        public void onRejected(final int venue, final long clientOrderId, final String reason)
        {
            core.onVenueRejected(venue, clientOrderId, reason, scheduler.nowNs());
            pump();
        }

        @Override
        public void onFill(final int venue, final long clientOrderId, final long price, final long quantity,
            final double fee, final boolean maker)
        {
            core.onVenueFill(venue, clientOrderId, price, quantity, fee, maker, scheduler.nowNs());
            pump();
        }

        @Override
        public void onDone(final int venue, final long clientOrderId, final long releasedQuantity)
        {
            core.onVenueDone(venue, clientOrderId, releasedQuantity, scheduler.nowNs());
            pump();
        }
    }

    /** Settings of a simulated appliance, with validated defaults. */
    public static final class Context
    {
        private long seed = 42;
        private List<Instrument> instruments = Instruments.all();
        private CoreContext coreContext = new CoreContext();
        private CardRiskLimits riskLimits = CardRiskLimits.simulationDefaults();
        private String cardBackend = "reference";
        private long warmUpNs = TimeUnit.SECONDS.toNanos(60);
        private SimulatedMarket.Context marketContext;
        private MarketWorld world;

        public Context seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        public long seed()
        {
            return seed;
        }

        public Context instruments(final List<Instrument> instruments)
        {
            this.instruments = List.copyOf(instruments);
            return this;
        }

        public List<Instrument> instruments()
        {
            return instruments;
        }

        public Context coreContext(final CoreContext coreContext)
        {
            this.coreContext = coreContext;
            return this;
        }

        public CoreContext coreContext()
        {
            return coreContext;
        }

        public Context riskLimits(final CardRiskLimits riskLimits)
        {
            this.riskLimits = riskLimits;
            return this;
        }

        public CardRiskLimits riskLimits()
        {
            return riskLimits;
        }

        /** Card backend; only {@code reference} has the full data path in this build. */
        public Context cardBackend(final String cardBackend)
        {
            this.cardBackend = cardBackend;
            return this;
        }

        public String cardBackend()
        {
            return cardBackend;
        }

        /** How long the world runs before orders are taken, so books and tapes are populated. */
        public Context warmUpNs(final long warmUpNs)
        {
            this.warmUpNs = warmUpNs;
            return this;
        }

        public long warmUpNs()
        {
            return warmUpNs;
        }

        /** Overrides the market settings; by default they are built from the seed and instruments. */
        public Context marketContext(final SimulatedMarket.Context marketContext)
        {
            this.marketContext = marketContext;
            return this;
        }

        public SimulatedMarket.Context marketContext()
        {
            return marketContext;
        }

        /** Runs on the given world (e.g. a replayed market) instead of a simulated market. */
        public Context world(final MarketWorld world)
        {
            this.world = world;
            return this;
        }

        public MarketWorld world()
        {
            return world;
        }

        public Context conclude()
        {
            if (instruments.isEmpty())
            {
                throw new IllegalArgumentException("at least one instrument is required");
            }
            if (warmUpNs < 0)
            {
                throw new IllegalArgumentException("warmUpNs must not be negative");
            }
            if (marketContext == null)
            {
                marketContext = new SimulatedMarket.Context().seed(seed).instruments(instruments);
            }
            marketContext.conclude();
            coreContext.conclude();
            return this;
        }
    }
}
