package io.slipway.app;

import io.slipway.card.Card;
import io.slipway.card.CardBackends;
import io.slipway.card.NicLayout;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.core.ChildOrderSink;
import io.slipway.core.ParentOrderListener;
import io.slipway.core.RfqSink;
import io.slipway.core.TradingVenue;
import io.slipway.journal.Journal;
import io.slipway.journal.JournalContext;
import io.slipway.journal.JournaledCore;
import io.slipway.journal.ReconcileResult;
import io.slipway.journal.VenueReconciler;
import io.slipway.oms.DeliveredReports;
import io.slipway.oms.OmsHistory;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.OmsReportSink;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.SimEvent;
import io.slipway.sim.market.SimulatedDealer;
import io.slipway.sim.market.SimulatedExchange;
import io.slipway.sim.market.SimulatedMarket;
import io.slipway.venue.OrderEntryEncoder;
import io.slipway.venue.DealerVenue;
import io.slipway.venue.ForwardingVenue;
import io.slipway.venue.QuoteListener;
import io.slipway.venue.Venue;
import io.slipway.venue.VenueListener;
import io.slipway.venue.VenueStatusQuery;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The appliance on the simulated clock with its core behind the input journal, built so that the
 * appliance can die and come back while the market goes on: the market, its venues and the
 * journal's archive belong to this object; the card and the journaled core belong to a
 * {@link Run}, which {@link #crash()} drops between two events exactly as a killed process would
 * (its in-flight venue reports and market data are lost, its recording ends where it stood) and
 * {@link #restart()} replaces with a fresh card and core that replay the journal, reconcile with
 * the venues and resume every live parent order.
 *
 * <p>Venue sessions can also drop and come back ({@link #disconnectVenue}, {@link #reconnectVenue}):
 * while a venue is disconnected nothing reaches it and nothing it says reaches the core; on
 * reconnect that venue is reconciled. Reconciling a venue that cannot answer is retried on a
 * timer; its children stay in flight and are never re-sent.
 *
 * <p>Dealers are venues like the others: requests for quote leave through the journaled core's
 * output gate to the dealers' RFQ sessions (a dealer whose session is down refuses the request,
 * which the core records as a decline), quotes and declines come back as journaled inputs, takes
 * go through the card, and a take whose answer died with the process is reconciled against the
 * dealer's own record of it. A quote that arrives while the appliance is down is lost, as a
 * venue report is; the replayed core's request then runs to its deadline unanswered.
 *
 * <p>The in-process simulated appliance ({@link SimulatedAppliance}) stays as it was: the demo
 * does not journal.
 */
public final class RecoverableAppliance implements AutoCloseable
{
    /** How often a reconciliation that left children unresolved is tried again. */
    public static final long RECONCILE_RETRY_NS = 100_000_000L;

    private final SimulatedAppliance.Context context;
    private final EventScheduler scheduler;
    private final SimulatedMarket market;
    private final Journal journal;
    private final OmsReportSink reports;
    private final ParentOrderListener parents;
    private final Supplier<DeliveredReports> delivered;
    private final Supplier<OmsHistory> history;
    private final Venue[] ports = new Venue[NicLayout.MAX_VENUES];
    private final OrderEntryEncoder[] encoders = new OrderEntryEncoder[NicLayout.MAX_VENUES];
    private final VenueStatusQuery[] queries = new VenueStatusQuery[NicLayout.MAX_VENUES];
    private final DealerVenue[] dealers = new DealerVenue[NicLayout.MAX_VENUES];
    private final boolean[] connected = new boolean[NicLayout.MAX_VENUES];
    private final long[] disconnectedAtNs = new long[NicLayout.MAX_VENUES];
    private final List<TradingVenue> tradingVenues = new ArrayList<>();
    private final int venueMask;
    private final long settleNs;
    private final VenueReconciler reconciler = new VenueReconciler();
    private final List<ReconcileResult> reconciliations = new ArrayList<>();
    private Run run;
    private long crashedAtNs = Long.MIN_VALUE;
    private int runs;
    private long droppedReports;
    private long droppedOrderMessages;
    private long droppedQuotes;

    public RecoverableAppliance(final SimulatedAppliance.Context context, final JournalContext journalContext,
        final OmsReportSink reports, final ParentOrderListener parents)
    {
        this(context, journalContext, reports, parents, () -> DeliveredReports.ALL);
    }

    /**
     * @param delivered asked at each start for what the OMS side durably holds (a FIX gateway's
     *                  {@link io.slipway.fix.ReportDeliveryLog}): a replayed report it does not hold is let
     *                  out again, so a report released just before a crash but never written still reaches the OMS.
     */
    public RecoverableAppliance(final SimulatedAppliance.Context context, final JournalContext journalContext,
        final OmsReportSink reports, final ParentOrderListener parents, final Supplier<DeliveredReports> delivered)
    {
        this(context, journalContext, reports, parents, delivered, () -> OmsHistory.NONE);
    }

    /**
     * @param history asked at each start for who rebuilds state from the OMS conversation the replay
     *                goes through (the FIX gateway's {@link io.slipway.fix.GatewayOrderState}, given to the
     *                gateway that starts after): answered ClOrdIDs, working orders, fixed order terms.
     */
    public RecoverableAppliance(final SimulatedAppliance.Context context, final JournalContext journalContext,
        final OmsReportSink reports, final ParentOrderListener parents, final Supplier<DeliveredReports> delivered,
        final Supplier<OmsHistory> history)
    {
        if (delivered == null || history == null)
        {
            throw new IllegalArgumentException("delivered and history are required");
        }
        this.delivered = delivered;
        this.history = history;
        this.context = context.conclude();
        this.reports = reports;
        this.parents = parents;
        this.market = new SimulatedMarket(context.marketContext());
        this.scheduler = new EventScheduler(market.startTimeNs());
        int mask = 0;
        long maxRoundTripNs = 0;
        for (final Venue venue : market.venues())
        {
            final int id = venue.id();
            ports[id] = new Port(venue);
            encoders[id] = venue.orderEntryEncoder();
            queries[id] = venue.statusQuery();
            dealers[id] = venue instanceof DealerVenue dealer ? dealer : null;
            connected[id] = true;
            tradingVenues.add(TradingVenue.of(venue, context.instruments()));
            mask |= 1 << id;
        }
        for (final SimulatedExchange exchange : market.exchanges())
        {
            maxRoundTripNs = Math.max(maxRoundTripNs, exchange.orderLatencyNs() + exchange.reportLatencyNs());
        }
        for (final SimulatedDealer dealer : market.dealers())
        {
            // A take reaches the dealer one latency after it leaves and its answer comes one latency later.
            maxRoundTripNs = Math.max(maxRoundTripNs, 2 * dealer.latencyNs());
        }
        this.venueMask = mask;
        // Anything sent before a crash has reached its venue, and the venue's answer has come and gone.
        this.settleNs = 2 * maxRoundTripNs;
        this.journal = Journal.launch(journalContext);
        try
        {
            market.quoteListener(new QuoteLink());
            market.start(scheduler, this::onMarketData, new Link());
            startRun();
        }
        catch (final RuntimeException ex)
        {
            journal.close();
            throw ex;
        }
    }

    /** Runs the world for the context's warm-up; returns the time after. */
    public long warmUp()
    {
        runUntil(market.startTimeNs() + context.warmUpNs());
        return scheduler.nowNs();
    }

    public void runUntil(final long timeNs)
    {
        while (scheduler.runNext(timeNs))
        {
            // each event pumps the card and the core itself
        }
        if (scheduler.nowNs() < timeNs)
        {
            scheduler.advanceTo(timeNs);
        }
    }

    /** Fires the next scheduled event; false when nothing is scheduled. */
    public boolean step()
    {
        return scheduler.runNext(Long.MAX_VALUE);
    }

    public void runWhileActive(final long limitNs)
    {
        while (run != null && run.core.activeParentCount() > 0 && scheduler.nowNs() < limitNs &&
            scheduler.runNext(limitNs))
        {
            // keep going
        }
    }

    /** Hands an OMS command to the running appliance at the current simulated time. */
    public void submit(final OmsCommand command)
    {
        requireRunning();
        run.core.onCommand(command, scheduler.nowNs());
        run.pump();
    }

    /**
     * Runs an operator command on the running core at the current simulated time (the core's
     * kill, resume, routing and risk-limit calls, each journaled), then lets its outputs out.
     */
    public <T> T operate(final LongFunction<T> command)
    {
        requireRunning();
        final T result = command.apply(scheduler.nowNs());
        run.pump();
        return result;
    }

    /** Kills the running appliance between two events: nothing more is recorded, sent or received. */
    public void crash()
    {
        requireRunning();
        run.alive = false;
        // The process is gone: its publication ends and the archive closes its recording where it stood.
        run.core.close();
        run.card.close();
        run = null;
        crashedAtNs = scheduler.nowNs();
    }

    /**
     * Arms a fault: the process dies as the output gate lets out the next child cancel, after the
     * journal recorded the input that made it and before the cancel reaches the card. The run takes
     * nothing more from then on; {@link #hasDied()} says so and the caller then {@link #crash()}es it.
     */
    public void dieBeforeNextCancelLeaves()
    {
        requireRunning();
        run.dieBeforeCancel = true;
    }

    /**
     * Arms a fault: the process dies as the output gate lets out the next new child order to a
     * venue in {@code venueMask} (bit per venue id), after the journal recorded the input that
     * decided it and before it reaches the card: for a dealer, a quote taken but never sent.
     */
    public void dieBeforeNextOrderLeavesFor(final int venueMask)
    {
        requireRunning();
        if (venueMask == 0)
        {
            throw new IllegalArgumentException("venue mask names no venue");
        }
        run.dieBeforeOrderMask = venueMask;
    }

    /** True once an armed fault has killed the running appliance (it awaits {@link #crash()}). */
    public boolean hasDied()
    {
        return run != null && !run.alive;
    }

    /** Starts a new appliance on the same journal: replay, reconcile with every venue, resume. */
    public void restart()
    {
        if (run != null)
        {
            throw new IllegalStateException("the appliance is running; crash() it first");
        }
        final long downNs = scheduler.nowNs() - crashedAtNs;
        if (downNs < settleNs)
        {
            throw new IllegalStateException("restart " + downNs + " ns after the crash; wait at least " + settleNs +
                " ns so nothing sent before it is still on the wire");
        }
        startRun();
    }

    /** The session to a venue drops: orders to it are lost, its reports are lost. */
    public void disconnectVenue(final int venueId)
    {
        if (venueId <= 0 || venueId >= connected.length || ports[venueId] == null || !connected[venueId])
        {
            throw new IllegalArgumentException("venue " + venueId + " is not a connected venue");
        }
        connected[venueId] = false;
        disconnectedAtNs[venueId] = scheduler.nowNs();
    }

    /** The session to a venue is back: that venue is reconciled. */
    public void reconnectVenue(final int venueId)
    {
        if (venueId <= 0 || venueId >= connected.length || ports[venueId] == null || connected[venueId])
        {
            throw new IllegalArgumentException("venue " + venueId + " is not a disconnected venue");
        }
        final long downNs = scheduler.nowNs() - disconnectedAtNs[venueId];
        if (downNs < settleNs)
        {
            throw new IllegalStateException("reconnect " + downNs + " ns after the drop; wait at least " + settleNs +
                " ns");
        }
        connected[venueId] = true;
        if (run != null)
        {
            run.reconcile(id -> id == venueId);
        }
    }

    public long nowNs()
    {
        return scheduler.nowNs();
    }

    public boolean isRunning()
    {
        return run != null;
    }

    /** The running appliance's journaled core; fails while it is down. */
    public JournaledCore core()
    {
        requireRunning();
        return run.core;
    }

    public SimulatedAppliance.Context context()
    {
        return context;
    }

    /** The running appliance's card (each start opens a new one, from reset); fails while it is down. */
    public Card card()
    {
        requireRunning();
        return run.card;
    }

    /** The venues as the core sees them; a fresh core for a replay is built on these. */
    public List<TradingVenue> tradingVenues()
    {
        return List.copyOf(tradingVenues);
    }

    public SimulatedMarket market()
    {
        return market;
    }

    public Journal journal()
    {
        return journal;
    }

    /** Venue status queries by venue id (null where a venue cannot be asked). */
    public VenueStatusQuery[] venueQueries()
    {
        return queries.clone();
    }

    /** Every reconciliation run so far, in order. */
    public List<ReconcileResult> reconciliations()
    {
        return List.copyOf(reconciliations);
    }

    /** How many times an appliance started on this journal (the first start included). */
    public int runs()
    {
        return runs;
    }

    public long settleNs()
    {
        return settleNs;
    }

    /** Venue reports that reached no one (appliance down or session dropped). */
    public long droppedReports()
    {
        return droppedReports;
    }

    /** Dealers' quotes and declines that reached no one (appliance down or session dropped). */
    public long droppedQuotes()
    {
        return droppedQuotes;
    }

    /** Order messages that left the card but reached no venue (session dropped). */
    public long droppedOrderMessages()
    {
        return droppedOrderMessages;
    }

    @Override
    public void close()
    {
        if (run != null)
        {
            run.alive = false;
            run.core.close();
            run.card.close();
            run = null;
        }
        journal.close();
    }

    private void startRun()
    {
        final Run next = new Run();
        run = next;
        runs++;
        next.start();
    }

    private void requireRunning()
    {
        if (run == null)
        {
            throw new IllegalStateException("the appliance is down");
        }
    }

    private void onMarketData(final int channel, final DirectBuffer buffer, final int offset, final int length)
    {
        final Run current = run;
        if (current != null)
        {
            current.onMarketData(channel, buffer, offset, length);
        }
    }

    /** One life of the appliance process: a card and a journaled core. */
    private final class Run
    {
        final Card card;
        final JournaledCore core;
        final CardEventDispatcher cardEvents;
        final SimEvent wake = this::onWake;
        final SimEvent retryReconcile = now -> reconcile(id -> true);
        boolean alive = true;
        boolean dieBeforeCancel;
        int dieBeforeOrderMask;
        long scheduledWakeNs = Long.MAX_VALUE;

        Run()
        {
            card = CardBackends.open(context.cardBackend());
            context.riskLimits().withVenueEnableMask(venueMask).applyAndArm(card);
            core = new JournaledCore(context.coreContext(), tradingVenues,
                new Mortal(this, new CardOrderGateway(card, encoders)), reports, parents, delivered.get());
            core.omsHistory(history.get());
            core.rfqs(new DealerSessions(this));
            cardEvents = new CardEventDispatcher(card, core, ports);
        }

        void start()
        {
            final long replayed = core.recover(journal);
            if (replayed > 0)
            {
                reconcile(id -> true);
            }
            pump();
        }

        void reconcile(final java.util.function.IntPredicate venues)
        {
            if (!alive)
            {
                return;
            }
            final ReconcileResult result = reconciler.reconcile(core.core(), core, queries,
                id -> venues.test(id) && connected[id], scheduler.nowNs());
            reconciliations.add(result);
            core.markReconciled(result.injected());
            if (result.unresolved() > 0)
            {
                scheduler.schedule(scheduler.nowNs() + RECONCILE_RETRY_NS, retryReconcile);
            }
            pump();
        }

        void onMarketData(final int channel, final DirectBuffer buffer, final int offset, final int length)
        {
            if (!card.offerIngress(channel, buffer, offset, length))
            {
                cardEvents.dispatch(scheduler.nowNs());
                card.offerIngress(channel, buffer, offset, length);
            }
            pump();
        }

        void pump()
        {
            if (!alive)
            {
                return;
            }
            final long now = scheduler.nowNs();
            cardEvents.dispatch(now);
            final long deadline = core.nextDeadlineNs();
            if (deadline < scheduledWakeNs)
            {
                scheduledWakeNs = Math.max(deadline, now);
                scheduler.schedule(scheduledWakeNs, wake);
            }
        }

        void onWake(final long nowNs)
        {
            if (!alive)
            {
                return;
            }
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
    }

    /** Dealers' answers reach the running appliance, if any, over a connected session. */
    private final class QuoteLink implements QuoteListener
    {
        @Override
        public void onQuote(final int venue, final long rfqId, final long price, final long quantity,
            final long validUntilNs)
        {
            final Run current = run;
            if (current == null || !current.alive || !connected[venue])
            {
                droppedQuotes++;
                return;
            }
            // The quote's price reference reached the card's ingress first: the card takes it in before the core acts.
            current.cardEvents.dispatch(scheduler.nowNs());
            current.core.onQuote(venue, rfqId, price, quantity, validUntilNs, scheduler.nowNs());
            current.pump();
        }

        @Override
        public void onQuoteDeclined(final int venue, final long rfqId, final String reason)
        {
            final Run current = run;
            if (current == null || !current.alive || !connected[venue])
            {
                droppedQuotes++;
                return;
            }
            current.core.onQuoteDeclined(venue, rfqId, reason, scheduler.nowNs());
            current.pump();
        }
    }

    /** The dealers' RFQ sessions as a run's gate reaches them: a dead run asks no one; a dropped session refuses. */
    private final class DealerSessions implements RfqSink
    {
        private final Run owner;

        DealerSessions(final Run owner)
        {
            this.owner = owner;
        }

        @Override
        public boolean requestQuote(final int venueId, final long rfqId, final io.slipway.domain.Instrument instrument,
            final Side side, final long quantity)
        {
            if (!owner.alive)
            {
                return true; // a dead process sends nothing and records nothing more
            }
            final DealerVenue dealer = venueId > 0 && venueId < dealers.length ? dealers[venueId] : null;
            if (dealer == null || !connected[venueId])
            {
                return false;
            }
            dealer.requestQuote(rfqId, instrument, side, quantity);
            return true;
        }
    }

    /** Venue reports reach the running appliance, if any, over a connected session. */
    private final class Link implements VenueListener
    {
        private Run reachable(final int venue)
        {
            final Run current = run;
            if (current == null || !current.alive || !connected[venue])
            {
                droppedReports++;
                return null;
            }
            return current;
        }

        @Override
        public void onAccepted(final int venue, final long clientOrderId)
        {
            final Run current = reachable(venue);
            if (current != null)
            {
                current.core.onVenueAccepted(venue, clientOrderId, scheduler.nowNs());
                current.pump();
            }
        }

        @Override
        public void onRejected(final int venue, final long clientOrderId, final String reason)
        {
            final Run current = reachable(venue);
            if (current != null)
            {
                current.core.onVenueRejected(venue, clientOrderId, reason, scheduler.nowNs());
                current.pump();
            }
        }

        @Override
        public void onFill(final int venue, final long clientOrderId, final long price, final long quantity,
            final double fee, final boolean maker)
        {
            final Run current = reachable(venue);
            if (current != null)
            {
                current.core.onVenueFill(venue, clientOrderId, price, quantity, fee, maker, scheduler.nowNs());
                current.pump();
            }
        }

        @Override
        public void onDone(final int venue, final long clientOrderId, final long releasedQuantity)
        {
            final Run current = reachable(venue);
            if (current != null)
            {
                current.core.onVenueDone(venue, clientOrderId, releasedQuantity, scheduler.nowNs());
                current.pump();
            }
        }
    }

    /**
     * The card as a run's gate reaches it: nothing passes once the run has died, and an armed
     * {@link #dieBeforeNextCancelLeaves()} kills the run as its next cancel is let out.
     */
    private static final class Mortal implements ChildOrderSink
    {
        private final Run run;
        private final ChildOrderSink card;

        Mortal(final Run run, final ChildOrderSink card)
        {
            this.run = run;
            this.card = card;
        }

        @Override
        public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument,
            final Side side, final OrderType type, final long price, final long quantity)
        {
            if (((run.dieBeforeOrderMask >>> venueId) & 1) != 0)
            {
                run.dieBeforeOrderMask = 0;
                run.alive = false;
            }
            // A dead process sends nothing; what it owed is for reconciliation to find.
            return !run.alive || card.sendNew(venueId, clientOrderId, instrument, side, type, price, quantity);
        }

        @Override
        public boolean sendCancel(final int venueId, final long clientOrderId, final Instrument instrument,
            final Side side)
        {
            if (run.dieBeforeCancel)
            {
                run.dieBeforeCancel = false;
                run.alive = false;
            }
            return !run.alive || card.sendCancel(venueId, clientOrderId, instrument, side);
        }

        @Override
        public void reportFill(final long clientOrderId, final Instrument instrument, final Side side,
            final long quantity)
        {
            if (run.alive)
            {
                card.reportFill(clientOrderId, instrument, side, quantity);
            }
        }

        @Override
        public void reportRelease(final long clientOrderId, final Instrument instrument, final Side side,
            final long quantity)
        {
            if (run.alive)
            {
                card.reportRelease(clientOrderId, instrument, side, quantity);
            }
        }

        @Override
        public void restorePosition(final Instrument instrument, final long position)
        {
            if (run.alive)
            {
                card.restorePosition(instrument, position);
            }
        }

        @Override
        public void restoreOpen(final Instrument instrument, final Side side, final long openQuantity)
        {
            if (run.alive)
            {
                card.restoreOpen(instrument, side, openQuantity);
            }
        }
    }

    /** A venue as the card's port reaches it: order bytes pass only over a connected session. */
    private final class Port extends ForwardingVenue
    {
        Port(final Venue venue)
        {
            super(venue);
        }

        @Override
        public void onOrderMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            if (connected[venue.id()])
            {
                venue.onOrderMessage(buffer, offset, length);
            }
            else
            {
                droppedOrderMessages++;
            }
        }
    }
}
