package io.slipway.marketlink;

import io.aeron.ControlledFragmentAssembler;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.slipway.app.CardEventDispatcher;
import io.slipway.app.CardOrderGateway;
import io.slipway.app.SimulatedAppliance;
import io.slipway.card.Card;
import io.slipway.card.CardBackends;
import io.slipway.card.NicLayout;
import io.slipway.core.ExecutionCore;
import io.slipway.core.ParentOrderListener;
import io.slipway.core.TradingVenue;
import io.slipway.domain.Instrument;
import io.slipway.journal.InputDecoder;
import io.slipway.journal.Journal;
import io.slipway.journal.JournalContext;
import io.slipway.journal.JournalFormatException;
import io.slipway.journal.JournaledCore;
import io.slipway.journal.ReconcileResult;
import io.slipway.journal.VenueReconciler;
import io.slipway.oms.DeliveredReports;
import io.slipway.oms.OmsHistory;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.OmsReportSink;
import io.slipway.sim.market.SimulatedMarket;
import io.slipway.tca.OwnImpactSource;
import io.slipway.venue.OrderEntryEncoder;
import io.slipway.venue.ForwardingVenue;
import io.slipway.venue.Venue;
import io.slipway.venue.VenueOrderStatus;
import io.slipway.venue.VenueStatusQuery;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * The appliance with its venues in another process (the market, {@link MarketServer}): the card
 * and the journaled execution core here, the venues behind the market link. Every core input is
 * journaled before the core acts on it (market data as the card decodes it, venue reports,
 * timers, OMS commands), and outputs wait in the journal's output gate until their input is
 * recorded, so a {@code kill -9} of this process loses nothing that had an effect outside it.
 *
 * <p>Start-up is recovery: replay the journal (nothing the first time), open a new session with
 * the market (HELLO), take the status of every host order the venues hold (sent after the market
 * has let everything of the dead run settle), reconcile the replayed core's open children
 * against it, and resume: the replayed core knows each live parent's next deadline. Child order
 * ids derive from the parent's and the child's sequence numbers, so a replayed decision carries
 * the id the venue already has, and the gate suppresses it anyway.
 *
 * <p>The market may die too, or drop the session. While a session is live the market sends a
 * heartbeat; after {@link MarketLinkContext#silenceTimeoutNs()} without any frame of the session
 * the appliance takes the market for gone: every venue is disconnected at once (orders are held
 * back, not sent, and stay in flight in the core), and it greets the market again with HELLO of
 * a newer session every {@link MarketLinkContext#regreetIntervalNs()} until a WELCOME comes. Then
 * it reconciles every open child against the WELCOME's status frames exactly as after its own
 * restart, through the journaled core, and the execution goes on. Holding orders back while the
 * session is not live is what makes "not at the venue" final: nothing of this run can reach a
 * venue between the status the market took and the live session.
 *
 * <p>The venues' static description (names, rules, channels, order-entry format) comes from the
 * same world configuration the market runs; the market's WELCOME names its world and a mismatch
 * stops the start. Single-threaded: everything runs on the caller's thread.
 */
public final class MarketLinkAppliance implements AutoCloseable
{
    private static final int FRAME_CAPACITY = 64 * 1024;
    private static final int FRAGMENT_LIMIT = 256;
    private static final int OFFER_ATTEMPTS = 100_000;
    /** Byte 8 of the journal header holds the input's time; the cluster service overwrites it the same way. */
    private static final int JOURNAL_TIME_OFFSET = 8;

    private final SimulatedAppliance.Context context;
    private final SimulatedMarket description;
    private final String fingerprint;
    private final MarketLinkContext link;
    private final LongSupplier epochClock;
    private final Journal journal;
    private final Card card;
    private final JournaledCore core;
    private final CardEventDispatcher cardEvents;
    private final Publication orders;
    private final Subscription reports;
    private final FragmentHandler onFragment;
    private final MarketLinkFrame frame = new MarketLinkFrame();
    private final InputDecoder decoder = new InputDecoder();
    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(FRAME_CAPACITY));
    private final UnsafeBuffer report = new UnsafeBuffer(ByteBuffer.allocateDirect(JournaledCore.MAX_MESSAGE_LENGTH));
    private final List<Venue> venues = new ArrayList<>();
    private final OwnImpactTable ownImpact = new OwnImpactTable(OwnImpactTable.DEFAULT_CAPACITY);
    private final long replayedInputs;
    private final ReconcileResult reconciliation;
    private final List<ReconcileResult> returns = new ArrayList<>();
    private long session;
    private long welcomeSettleNs;
    private int welcomeStatuses;
    private boolean live;
    private long lastHeardNs;
    private Handshake greeting;
    private long greetingDeadlineNs;
    private long marketLosses;
    private long greetings;
    private int outageGreetings;
    private long lostAtNs;
    private long lastOutageNs;
    private PrintWriter log;
    private long nowNs;
    private long ingressDrops;
    private long framesOfOtherSessions;
    private long badFrames;
    private long ordersUnsent;
    private long rfqsUnsent;
    private final io.slipway.journal.DealerDeclineInput dealerDecline = new io.slipway.journal.DealerDeclineInput();
    private String lastBadFrame;

    /**
     * Replays the journal, opens the session with the market and reconciles; returns when the
     * appliance runs. Fails (and closes what it opened) when the market does not answer in time or
     * serves another world.
     */
    public MarketLinkAppliance(final SimulatedAppliance.Context context, final String worldLabel,
        final JournalContext journalContext, final MarketLinkContext link, final OmsReportSink omsReports,
        final ParentOrderListener parents, final LongSupplier epochClock)
    {
        this(context, worldLabel, journalContext, link, omsReports, parents, DeliveredReports.ALL, epochClock);
    }

    /**
     * As above, with what the OMS side durably holds (a FIX gateway's report delivery log): a report
     * the replay rebuilds that is not in it is let out again after the replay, before anything new.
     */
    public MarketLinkAppliance(final SimulatedAppliance.Context context, final String worldLabel,
        final JournalContext journalContext, final MarketLinkContext link, final OmsReportSink omsReports,
        final ParentOrderListener parents, final DeliveredReports delivered, final LongSupplier epochClock)
    {
        this(context, worldLabel, journalContext, link, omsReports, parents, delivered, OmsHistory.NONE, epochClock);
    }

    /**
     * As above, with who rebuilds state from the OMS conversation the replay goes through (the FIX
     * gateway's {@link io.slipway.fix.GatewayOrderState}, handed to the gateway that starts after).
     */
    public MarketLinkAppliance(final SimulatedAppliance.Context context, final String worldLabel,
        final JournalContext journalContext, final MarketLinkContext link, final OmsReportSink omsReports,
        final ParentOrderListener parents, final DeliveredReports delivered, final OmsHistory history,
        final LongSupplier epochClock)
    {
        if (delivered == null)
        {
            throw new IllegalArgumentException("delivered is required (DeliveredReports.ALL when the sink is the OMS)");
        }
        if (history == null)
        {
            throw new IllegalArgumentException("history is required (OmsHistory.NONE for none)");
        }
        this.context = context.conclude();
        this.link = link.conclude();
        this.epochClock = epochClock;
        if (context.marketContext() == null)
        {
            throw new IllegalArgumentException("the appliance needs the market's world description (a market context)");
        }
        this.description = new SimulatedMarket(context.marketContext());
        this.fingerprint = MarketLinkContext.fingerprint(worldLabel, context.seed(), description.venues());
        final Venue[] ports = new Venue[NicLayout.MAX_VENUES];
        final OrderEntryEncoder[] encoders = new OrderEntryEncoder[NicLayout.MAX_VENUES];
        final List<TradingVenue> tradingVenues = new ArrayList<>();
        int venueMask = 0;
        for (final Venue venue : description.venues())
        {
            venues.add(venue);
            ports[venue.id()] = new RemoteVenue(venue);
            encoders[venue.id()] = venue.orderEntryEncoder();
            tradingVenues.add(TradingVenue.of(venue, context.instruments()));
            venueMask |= 1 << venue.id();
        }
        this.journal = Journal.launch(journalContext);
        Card openedCard = null;
        JournaledCore journaledCore = null;
        Publication publication = null;
        Subscription subscription = null;
        try
        {
            openedCard = CardBackends.open(context.cardBackend());
            context.riskLimits().withVenueEnableMask(venueMask).applyAndArm(openedCard);
            journaledCore = new JournaledCore(context.coreContext(), tradingVenues,
                new CardOrderGateway(openedCard, encoders), omsReports, parents, delivered);
            journaledCore.omsHistory(history);
            journaledCore.rfqs(new RemoteDealers());
            publication = journal.aeron().addExclusivePublication(link.ordersChannel(),
                MarketLinkContext.ORDERS_STREAM_ID);
            subscription = journal.aeron().addSubscription(link.reportsChannel(), MarketLinkContext.REPORTS_STREAM_ID);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(subscription, publication);
            if (journaledCore != null)
            {
                journaledCore.close();
            }
            CloseHelper.quietCloseAll(openedCard, journal);
            throw ex;
        }
        this.card = openedCard;
        this.core = journaledCore;
        this.orders = publication;
        this.reports = subscription;
        this.cardEvents = new CardEventDispatcher(card, core, ports);
        this.onFragment = new FragmentAssembler(this::onFrame);
        try
        {
            replayedInputs = core.recover(journal);
            // A session id above every earlier run's, so the market can tell a dead run's orders.
            session = epochClock.getAsLong();
            nowNs = session;
            final Handshake handshake = new Handshake(session);
            handshake.run();
            welcomeSettleNs = handshake.settleNs;
            welcomeStatuses = handshake.statuses;
            handshake.figures.copyInto(ownImpact);
            live = true;
            lastHeardNs = nowNs;
            nowNs = Math.max(nowNs, epochClock.getAsLong());
            final VenueStatusQuery[] queries = handshake.queries();
            reconciliation = replayedInputs > 0 ?
                new VenueReconciler().reconcile(core.core(), core, queries, id -> true, nowNs) : null;
            if (reconciliation != null)
            {
                core.markReconciled(reconciliation.injected());
            }
            pump();
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * Moves the appliance to {@code timeNs} (wall time, ns since the epoch): takes what the market
     * sent, lets the card run, fires the core's timer when due. Returns the frames and records moved.
     */
    public int runUntil(final long timeNs)
    {
        advanceTo(timeNs);
        int work;
        if (live)
        {
            work = reports.poll(onFragment, FRAGMENT_LIMIT);
            if (live && nowNs - lastHeardNs > link.silenceTimeoutNs())
            {
                marketLost(String.format(Locale.ROOT, "no frame of session %d for %.1f s", session,
                    (nowNs - lastHeardNs) / 1e9));
            }
        }
        else
        {
            work = greet();
        }
        work += pump();
        return work;
    }

    /** Where the appliance notes the market's losses and returns (null: nowhere). */
    public MarketLinkAppliance log(final PrintWriter log)
    {
        this.log = log;
        return this;
    }

    /** Whether the market session is live (false from a loss until the next WELCOME). */
    public boolean isMarketLive()
    {
        return live;
    }

    /** Times the market was taken for gone while running. */
    public long marketLosses()
    {
        return marketLosses;
    }

    /** HELLOs sent while running (each with a newer session). */
    public long greetings()
    {
        return greetings;
    }

    /** The reconciliation at each return of the market, in order. */
    public List<ReconcileResult> marketReturns()
    {
        return List.copyOf(returns);
    }

    /** From the last loss to its WELCOME, ns (0 before any). */
    public long lastOutageNs()
    {
        return lastOutageNs;
    }

    /** Hands an OMS command to the core now. */
    public void submit(final OmsCommand command)
    {
        advanceTo(epochClock.getAsLong());
        core.onCommand(command, nowNs);
        pump();
    }

    /**
     * Runs an action on the core now, then lets the card move what it produced. Only for actions
     * that change no core state or that are journal inputs: anything else would not be replayed.
     */
    public <T> T operate(final LongFunction<T> action)
    {
        advanceTo(epochClock.getAsLong());
        final T result = action.apply(nowNs);
        pump();
        return result;
    }

    public long nowNs()
    {
        return nowNs;
    }

    public ExecutionCore core()
    {
        return core.core();
    }

    public JournaledCore journaledCore()
    {
        return core;
    }

    public Card card()
    {
        return card;
    }

    public List<Instrument> instruments()
    {
        return context.instruments();
    }

    /** The market's world as configured here (venues, rules, impact model); not running. */
    public SimulatedMarket description()
    {
        return description;
    }

    public List<Venue> venues()
    {
        return List.copyOf(venues);
    }

    public String fingerprint()
    {
        return fingerprint;
    }

    /** The current session: the start's, or the newest greeting's. */
    public long session()
    {
        return session;
    }

    /** Inputs the start replayed from the journal. */
    public long replayedInputs()
    {
        return replayedInputs;
    }

    /** The reconciliation after the replay, or null when there was nothing to replay. */
    public ReconcileResult reconciliation()
    {
        return reconciliation;
    }

    /**
     * Each parent's own impact as the market measures it (OWN_IMPACT frames): information for the
     * feedback loop, never read by the core. The market sends a parent's figure before the report of
     * each fill that changes it, so once the core has applied a parent's last fill its figure is here.
     * Not journaled: a restart of this process gets the figures of the parents the market keeps again
     * in the greeting. Call on the thread that runs this appliance.
     */
    public OwnImpactSource ownImpact()
    {
        return ownImpact;
    }

    /** ORDER_STATUS frames the market sent in its WELCOME. */
    public int welcomeStatuses()
    {
        return welcomeStatuses;
    }

    public long welcomeSettleNs()
    {
        return welcomeSettleNs;
    }

    public long ingressDrops()
    {
        return ingressDrops;
    }

    public long feedAlerts()
    {
        return cardEvents.feedAlerts();
    }

    /** Frames refused as malformed, and the last reason. */
    public long badFrames()
    {
        return badFrames;
    }

    public String lastBadFrame()
    {
        return lastBadFrame;
    }

    /** Frames of another session (a newer run took over, or an old one's leftovers). */
    public long framesOfOtherSessions()
    {
        return framesOfOtherSessions;
    }

    /** Requests for quote the market link did not take (each recorded as a decline). */
    public long rfqsUnsent()
    {
        return rfqsUnsent;
    }

    /** Order messages the market link could not take (market gone) or held back (no live session). */
    public long ordersUnsent()
    {
        return ordersUnsent;
    }

    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(reports, orders);
        core.close();
        CloseHelper.quietCloseAll(card, journal);
    }

    private void advanceTo(final long timeNs)
    {
        if (timeNs > nowNs)
        {
            nowNs = timeNs;
        }
    }

    private void marketLost(final String why)
    {
        live = false;
        marketLosses++;
        lostAtNs = nowNs;
        outageGreetings = 0;
        greeting = null;
        note("the market is gone (" + why + "): every venue disconnected, orders held back; greeting it again");
    }

    /** Not live: HELLO with a newer session until a WELCOME comes, then reconcile and go live. */
    private int greet()
    {
        if (greeting == null || nowNs >= greetingDeadlineNs)
        {
            // Above every earlier session, so the market drops whatever of the old one still arrives.
            session = Math.max(epochClock.getAsLong(), session + 1);
            greeting = new Handshake(session);
            // Never sooner than twice the market's last settling: each HELLO starts its settling again.
            greetingDeadlineNs = nowNs + Math.max(link.regreetIntervalNs(), 2 * welcomeSettleNs);
            greetings++;
            outageGreetings++;
        }
        int work = 0;
        if (!greeting.helloSent)
        {
            greeting.helloSent = orders.offer(out, 0, MarketLinkFrame.encodeHello(out, 0, session, nowNs)) > 0;
            work += greeting.helloSent ? 1 : 0;
        }
        work += reports.controlledPoll(greeting.assembler, FRAGMENT_LIMIT);
        if (greeting.failure != null && !greeting.failureNoted)
        {
            greeting.failureNoted = true;
            // Never trade on a market of another world: stay disconnected and greet again later.
            note("the market's answer to HELLO " + session + " was refused: " + greeting.failure.getMessage());
        }
        else if (greeting.welcomed && greeting.failure == null)
        {
            marketBack();
            work++;
        }
        return work;
    }

    private void marketBack()
    {
        final Handshake welcome = greeting;
        greeting = null;
        welcomeSettleNs = welcome.settleNs;
        welcomeStatuses = welcome.statuses;
        welcome.figures.copyInto(ownImpact);
        // As after this process's own restart: every open child against the venues' status, the
        // differences journaled as venue events, then the mark that lets lost cancels go out again.
        final ReconcileResult result = new VenueReconciler().reconcile(core.core(), core, welcome.queries(), id -> true,
            nowNs);
        core.markReconciled(result.injected());
        returns.add(result);
        live = true;
        lastHeardNs = nowNs;
        lastOutageNs = nowNs - lostAtNs;
        note(String.format(Locale.ROOT, "market back: session %d after %.1f s, %d HELLO(s); the market " +
            "reported %d host order(s) after %.1f ms of settling; reconciled %d open child order(s): %d venue " +
            "event(s) injected, %d unresolved, %d anomalies", session, lastOutageNs / 1e9, outageGreetings,
            welcomeStatuses, welcomeSettleNs / 1e6, result.childrenChecked(), result.injected(), result.unresolved(),
            result.anomalies()));
    }

    private void note(final String text)
    {
        if (log != null)
        {
            log.println("slipway daemon: " + text);
            log.flush();
        }
    }

    private int pump()
    {
        int moved = cardEvents.dispatch(nowNs);
        if (nowNs >= core.nextDeadlineNs())
        {
            core.onTimer(nowNs);
            moved += 1 + cardEvents.dispatch(nowNs);
        }
        return moved;
    }

    private void onFrame(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final int type;
        try
        {
            type = frame.wrap(buffer, offset, length);
        }
        catch (final MarketLinkFormatException ex)
        {
            refuse(ex.getMessage());
            return;
        }
        if (frame.session() != session)
        {
            framesOfOtherSessions++;
            return;
        }
        lastHeardNs = nowNs;
        switch (type)
        {
            case MarketLinkFrame.MARKET_DATA -> onMarketData(buffer);
            case MarketLinkFrame.VENUE_REPORT -> onVenueReport(buffer);
            case MarketLinkFrame.OWN_IMPACT -> ownImpact.put(frame.ownImpactInstrumentId(),
                frame.ownImpactParentSequence(), frame.ownImpactCostBase(), frame.ownImpactFilledBase());
            case MarketLinkFrame.HEARTBEAT ->
            {
            }
            default -> refuse(MarketLinkFrame.name(type) + " after WELCOME: the session is already open");
        }
    }

    private void onMarketData(final DirectBuffer buffer)
    {
        if (!card.offerIngress(frame.channel(), buffer, frame.marketDataOffset(), frame.marketDataLength()))
        {
            cardEvents.dispatch(nowNs);
            if (!card.offerIngress(frame.channel(), buffer, frame.marketDataOffset(), frame.marketDataLength()))
            {
                ingressDrops++;
            }
        }
    }

    private void onVenueReport(final DirectBuffer buffer)
    {
        final int length = frame.reportLength();
        if (length > report.capacity())
        {
            refuse("VENUE_REPORT of " + length + " bytes is longer than any venue report (" + report.capacity() + ")");
            return;
        }
        // The core acts at this appliance's time, as for every input; the venue's time is not ours.
        report.putBytes(0, buffer, frame.reportOffset(), length);
        if (InputDecoder.templateId(report, 0, length) == io.slipway.journal.InputTemplates.DEALER_QUOTE)
        {
            // The quote's price reference came before it as market data: the card takes it in first.
            cardEvents.dispatch(nowNs);
        }
        report.putLong(JOURNAL_TIME_OFFSET, nowNs);
        try
        {
            if (InputDecoder.templateId(report, 0, length) == io.slipway.journal.InputTemplates.DEALER_DECLINE)
            {
                // Through the journaled core's own entry, so the dealer's reason is journaled with the decline.
                final io.slipway.journal.DealerDeclineInput decline = dealerDecline.wrap(report, 0, length);
                core.onQuoteDeclined(decline.venueId(), decline.rfqId(), decline.reason(), nowNs);
                return;
            }
            decoder.apply(report, 0, length, core);
        }
        catch (final JournalFormatException ex)
        {
            refuse("VENUE_REPORT: " + ex.getMessage());
        }
    }

    private void refuse(final String reason)
    {
        badFrames++;
        lastBadFrame = reason;
    }

    /** HELLO, then the venues' order status until WELCOME; refuses a market of another world. */
    private final class Handshake implements ControlledFragmentHandler
    {
        final long helloSession;
        final Long2ObjectHashMap<VenueOrderStatus>[] statusByVenue = newTables();
        final LongArrayList[] idsByVenue = new LongArrayList[NicLayout.MAX_VENUES];
        final ControlledFragmentHandler assembler = new ControlledFragmentAssembler(this);
        /** The figures the greeting re-sends; kept only once the WELCOME is accepted. */
        final OwnImpactTable figures = new OwnImpactTable(OwnImpactTable.DEFAULT_CAPACITY);
        boolean welcomed;
        int statuses;
        int declared;
        long settleNs;
        String marketWorld;
        RuntimeException failure;
        boolean failureNoted;
        boolean helloSent;

        Handshake(final long helloSession)
        {
            this.helloSession = helloSession;
        }

        void run()
        {
            final long deadline = System.nanoTime() + link.handshakeTimeoutNs();
            final int helloLength = MarketLinkFrame.encodeHello(out, 0, helloSession, nowNs);
            while (!welcomed && failure == null)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("the market at " + link.ordersEndpoint() + " did not " +
                        (helloSent ? "answer HELLO" : "connect") + " within " + link.handshakeTimeoutNs() / 1_000_000L +
                        " ms (is 'slipway market' running with the same endpoints?)");
                }
                if (!helloSent)
                {
                    helloSent = orders.offer(out, 0, helloLength) > 0;
                }
                if (reports.controlledPoll(assembler, FRAGMENT_LIMIT) == 0)
                {
                    Thread.onSpinWait();
                    sleep();
                }
            }
            if (failure != null)
            {
                throw failure;
            }
        }

        @Override
        public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            final int type;
            try
            {
                type = frame.wrap(buffer, offset, length);
            }
            catch (final MarketLinkFormatException ex)
            {
                refuse(ex.getMessage());
                return Action.CONTINUE;
            }
            if (frame.session() != helloSession || failure != null || welcomed)
            {
                // Another session's, or a refused market's: nothing of it reaches the core.
                framesOfOtherSessions++;
                return Action.CONTINUE;
            }
            switch (type)
            {
                case MarketLinkFrame.ORDER_STATUS ->
                {
                    final int venue = frame.statusVenue();
                    if (venue <= 0 || venue >= NicLayout.MAX_VENUES)
                    {
                        failure = new MarketLinkFormatException("ORDER_STATUS for venue " + venue +
                            ", which no card port has");
                        return Action.BREAK;
                    }
                    statusByVenue[venue].put(frame.statusClientOrderId(), frame.orderStatus());
                    if (idsByVenue[venue] == null)
                    {
                        idsByVenue[venue] = new LongArrayList();
                    }
                    idsByVenue[venue].addLong(frame.statusClientOrderId());
                    statuses++;
                }
                case MarketLinkFrame.OWN_IMPACT -> figures.put(frame.ownImpactInstrumentId(),
                    frame.ownImpactParentSequence(), frame.ownImpactCostBase(), frame.ownImpactFilledBase());
                case MarketLinkFrame.WELCOME ->
                {
                    marketWorld = frame.welcomeFingerprint();
                    declared = frame.welcomeStatusCount();
                    settleNs = frame.welcomeSettleNs();
                    if (!fingerprint.equals(marketWorld))
                    {
                        failure = new IllegalStateException("the market serves '" + marketWorld +
                            "' but this appliance is configured for '" + fingerprint + "'");
                    }
                    else if (declared != statuses)
                    {
                        failure = new IllegalStateException("the market's WELCOME counts " + declared +
                            " order status frame(s) but " + statuses + " arrived");
                    }
                    welcomed = true;
                    // What follows WELCOME is the live session: it is left for the live poll.
                    return Action.BREAK;
                }
                default ->
                {
                    failure = new MarketLinkFormatException(MarketLinkFrame.name(type) +
                        " before WELCOME: the market must answer HELLO with order status first");
                    return Action.BREAK;
                }
            }
            return Action.CONTINUE;
        }

        VenueStatusQuery[] queries()
        {
            final VenueStatusQuery[] queries = new VenueStatusQuery[NicLayout.MAX_VENUES];
            for (final Venue venue : venues)
            {
                if (venue.statusQuery() == null)
                {
                    continue; // the market cannot be asked about this venue either (dealers, pools)
                }
                final Long2ObjectHashMap<VenueOrderStatus> table = statusByVenue[venue.id()];
                final LongArrayList ids = idsByVenue[venue.id()];
                queries[venue.id()] = new VenueStatusQuery()
                {
                    @Override
                    public VenueOrderStatus status(final long clientOrderId)
                    {
                        final VenueOrderStatus status = table.get(clientOrderId);
                        return status == null ? VenueOrderStatus.notFound() : status;
                    }

                    @Override
                    public long[] hostOrderIds()
                    {
                        return ids == null ? new long[0] : ids.toLongArray();
                    }
                };
            }
            return queries;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Long2ObjectHashMap<VenueOrderStatus>[] newTables()
        {
            final Long2ObjectHashMap<VenueOrderStatus>[] tables = new Long2ObjectHashMap[NicLayout.MAX_VENUES];
            for (int v = 0; v < tables.length; v++)
            {
                tables[v] = new Long2ObjectHashMap<>();
            }
            return tables;
        }

        private void sleep()
        {
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the market", ex);
            }
        }
    }

    /**
     * The dealers reached over the market link: each request for quote travels in an RFQ frame. A
     * market that is gone, stuck or without a live session refuses it, which the journaled core
     * records as a decline.
     */
    private final class RemoteDealers implements io.slipway.core.RfqSink
    {
        @Override
        public boolean requestQuote(final int venueId, final long rfqId, final Instrument instrument,
            final io.slipway.domain.Side side, final long quantity)
        {
            if (!live)
            {
                // No live session: a dealer's answer could not come back on it. Refused, the core
                // records a decline, as for a market that is gone.
                rfqsUnsent++;
                return false;
            }
            final int frameLength = MarketLinkFrame.encodeRfq(out, 0, session, nowNs, venueId, rfqId, instrument.id(),
                side, quantity);
            for (int attempt = 0; attempt < OFFER_ATTEMPTS; attempt++)
            {
                final long result = orders.offer(out, 0, frameLength);
                if (result > 0)
                {
                    return true;
                }
                if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED)
                {
                    break;
                }
                Thread.onSpinWait();
            }
            rfqsUnsent++;
            return false;
        }
    }

    /** A venue reached over the market link: its order-entry bytes travel in ORDER frames. */
    private final class RemoteVenue extends ForwardingVenue
    {
        RemoteVenue(final Venue venue)
        {
            super(venue);
        }

        @Override
        public void onOrderMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            if (!live)
            {
                // No live session: the market's status for the next WELCOME may already be taken, so an
                // order let out now could reach a venue behind it. Held back, it is at no venue, which
                // the reconciliation then finds and the parent places that quantity again.
                ordersUnsent++;
                return;
            }
            final int frameLength = MarketLinkFrame.encodeOrder(out, 0, session, nowNs, venue.id(), buffer, offset,
                length);
            for (int attempt = 0; attempt < OFFER_ATTEMPTS; attempt++)
            {
                final long result = orders.offer(out, 0, frameLength);
                if (result > 0)
                {
                    return;
                }
                if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED)
                {
                    break;
                }
                Thread.onSpinWait();
            }
            // The market is gone or stuck: the order never reached a venue. A restart's reconciliation
            // finds it at no venue and the parent places that quantity again under a new id.
            ordersUnsent++;
        }
    }
}
