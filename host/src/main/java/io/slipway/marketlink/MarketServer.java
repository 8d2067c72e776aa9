package io.slipway.marketlink;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.slipway.journal.VenueAcceptedInput;
import io.slipway.journal.VenueDoneInput;
import io.slipway.journal.VenueFillInput;
import io.slipway.journal.VenueRejectedInput;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.market.HostOrderLedger;
import io.slipway.sim.market.SimulatedExchange;
import io.slipway.sim.market.SimulatedMarket;
import io.slipway.venue.Venue;
import io.slipway.venue.VenueListener;
import io.slipway.venue.VenueOrderStatus;
import io.slipway.venue.VenueStatusQuery;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The simulated venues as a process of their own, in real time: the market's event scheduler
 * follows the wall clock, order-entry bytes from the appliance go to their venue, and the venues'
 * market data and reports go back, all over the {@link MarketLinkFrame} streams. The venues
 * outlive any appliance: when one dies its reports are dropped (the venues' ledgers keep them) and
 * a new appliance run takes over with HELLO.
 *
 * <p>The session rule, which makes "not at the venue" a safe answer: on HELLO from a newer session
 * the market stops taking orders of the older one, waits {@link #settleNs} (every order handed to
 * a venue before HELLO has arrived there, and its answer has been made), then sends the status of
 * every host order each venue holds (ORDER_STATUS frames) and WELCOME. Only then do market data and
 * venue reports flow to the new session, so nothing the status told is reported again and nothing
 * after it is missed. Orders of an older session that arrive after HELLO are refused unseen.
 *
 * <p>The ledger file lists, per venue, every host order with how many times its id arrived, its
 * quantity, fills and state: the venues' truth, for drills to audit against.
 *
 * <p>With a journal directory the venues outlive this process too: every ledger change is appended
 * to a {@link MarketJournal} as it happens, and a market started on an existing journal rebuilds
 * the ledgers from it, rests the open LIMIT and post-only orders again (one that the book has
 * since crossed, or an IOC caught mid-way, is canceled by the restart and reported so), and keeps
 * the newest session it took, so a dead appliance run's orders stay refused. While a session is
 * live the market sends a HEARTBEAT every {@link MarketLinkContext#HEARTBEAT_INTERVAL_NS}; an
 * appliance that hears nothing greets the market again.
 */
public final class MarketServer implements Agent, AutoCloseable
{
    /** How often the ledger file is rewritten while it changes. */
    public static final long LEDGER_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int FRAME_CAPACITY = 64 * 1024;
    private static final int OFFER_ATTEMPTS = 10_000;

    private final SimulatedMarket market;
    private final EventScheduler scheduler;
    private final Venue[] venues = new Venue[io.slipway.card.NicLayout.MAX_VENUES];
    private final VenueStatusQuery[] ledgers = new VenueStatusQuery[io.slipway.card.NicLayout.MAX_VENUES];
    private final MarketJournal journal;
    private final String fingerprint;
    private final long settleNs;
    private final LongSupplier epochClock;
    private final Path ledgerFile;
    private final PrintWriter log;
    private final Publication reports;
    private final Subscription orders;
    private final FragmentHandler onFragment;
    private final MarketLinkFrame frame = new MarketLinkFrame();
    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(FRAME_CAPACITY));
    /** Own-impact figures are encoded apart: the impact model tells them from inside the venues' matching. */
    private final UnsafeBuffer ownImpactOut = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private final VenueAcceptedInput accepted = new VenueAcceptedInput();
    private final VenueRejectedInput rejected = new VenueRejectedInput();
    private final VenueFillInput fill = new VenueFillInput();
    private final VenueDoneInput done = new VenueDoneInput();
    private final io.slipway.journal.DealerQuoteInput quote = new io.slipway.journal.DealerQuoteInput();
    private final io.slipway.journal.DealerDeclineInput decline = new io.slipway.journal.DealerDeclineInput();

    private long session = Long.MIN_VALUE;
    private boolean live;
    private boolean greetingFailed;
    private final io.slipway.sim.market.ImpactModel.OwnImpactListener greetingFigures = this::greetingFigure;
    private long welcomeAtNs = Long.MAX_VALUE;
    private long sessions;
    private long ordersTaken;
    private long rfqsTaken;
    private long staleOrdersRefused;
    private long badFrames;
    private long framesDropped;
    private long reportsLost;
    private long ownImpactSent;
    private final org.agrona.collections.LongHashSet parentsBeforeRestart = new org.agrona.collections.LongHashSet();
    private boolean ledgerDirty = true;
    private long nextLedgerNs;
    private long nextHeartbeatNs;
    private int starts = 1;
    private int restoredResting;
    private int restoredEnded;

    /**
     * @param marketContext the world (its start time should lie one warm-up before now)
     * @param worldLabel    what world this is (with the seed and the venues it makes the fingerprint sent in
     *                      WELCOME, so a mismatched appliance refuses it)
     * @param link          the two endpoints
     * @param aeron         a client of a media driver in this process
     * @param ledgerFile    where the venues' ledger is written
     * @param epochClock    wall clock in ns since the epoch
     */
    public MarketServer(final SimulatedMarket.Context marketContext, final String worldLabel,
        final MarketLinkContext link, final Aeron aeron, final Path ledgerFile, final LongSupplier epochClock,
        final PrintWriter log)
    {
        this(marketContext, worldLabel, link, aeron, ledgerFile, null, epochClock, log);
    }

    /**
     * As above, with the venues' journal in {@code journalDirectory} (null: the venues live in
     * memory only and a restart forgets them).
     */
    public MarketServer(final SimulatedMarket.Context marketContext, final String worldLabel,
        final MarketLinkContext link, final Aeron aeron, final Path ledgerFile, final Path journalDirectory,
        final LongSupplier epochClock, final PrintWriter log)
    {
        link.conclude();
        this.market = new SimulatedMarket(marketContext);
        this.scheduler = new EventScheduler(market.startTimeNs());
        this.fingerprint = MarketLinkContext.fingerprint(worldLabel, marketContext.seed(), market.venues());
        this.epochClock = epochClock;
        this.ledgerFile = ledgerFile;
        this.log = log;
        long maxRoundTripNs = 0;
        for (final SimulatedExchange exchange : market.exchanges())
        {
            maxRoundTripNs = Math.max(maxRoundTripNs, exchange.orderLatencyNs() + exchange.reportLatencyNs());
        }
        for (final io.slipway.sim.market.SimulatedDealer dealer : market.dealers())
        {
            maxRoundTripNs = Math.max(maxRoundTripNs, 2 * dealer.latencyNs());
        }
        // As RecoverableAppliance.settleNs: twice the slowest round trip, so an order handed over
        // before HELLO has reached its venue and been answered before the status is taken.
        this.settleNs = 2 * maxRoundTripNs;
        final HostOrderLedger[] hostLedgers = new HostOrderLedger[ledgers.length];
        for (final Venue venue : market.venues())
        {
            venues[venue.id()] = venue;
            ledgers[venue.id()] = venue.statusQuery();
            if (venue.statusQuery() instanceof HostOrderLedger ledger)
            {
                hostLedgers[venue.id()] = ledger;
            }
        }
        if (journalDirectory != null)
        {
            this.journal = MarketJournal.open(journalDirectory, hostLedgers);
            final MarketJournal.Loaded loaded = journal.loaded();
            // The newest session survives: a dead appliance run's order is refused after a restart too.
            session = loaded.lastSession();
            sessions = loaded.sessions();
            starts = loaded.starts() + 1;
            for (int v = 1; v < hostLedgers.length; v++)
            {
                if (hostLedgers[v] != null)
                {
                    hostLedgers[v].recorder(journal.recorderFor(v));
                }
            }
            journal.start(epochClock.getAsLong());
            // This world's impact model starts anew: it cannot tell the own impact of a parent that
            // filled before the restart, so such a parent's figure is sent as unknown from now on.
            for (int v = 1; v < hostLedgers.length; v++)
            {
                if (hostLedgers[v] != null)
                {
                    for (final long id : hostLedgers[v].hostOrderIds())
                    {
                        parentsBeforeRestart.add(io.slipway.domain.ChildOrderIds.parentSequence(id));
                    }
                }
            }
            if (loaded.records() > 0)
            {
                note(String.format(Locale.ROOT, "rebuilt the venues from %s: %d record(s), start %d, newest session " +
                    "%d%s", journal.file(), loaded.records(), starts, session,
                    loaded.tornTail() ? "; a torn last line (the kill came mid-write) was cut off" : ""));
            }
        }
        else
        {
            this.journal = null;
        }
        this.reports = aeron.addExclusivePublication(link.reportsChannel(), MarketLinkContext.REPORTS_STREAM_ID);
        this.orders = aeron.addSubscription(link.ordersChannel(), MarketLinkContext.ORDERS_STREAM_ID);
        this.onFragment = new FragmentAssembler(this::onFrame);
        // Each change of a parent's own impact goes out at once, so before the report of the fill that made it.
        market.impactModel().ownImpactListener(this::onOwnImpact);
        market.quoteListener(new Quotes());
        market.start(scheduler, this::onMarketData, new Reports());
    }

    /** Runs the world to now at once (the warm-up before the first appliance arrives). */
    @Override
    public void onStart()
    {
        final long nowNs = epochClock.getAsLong();
        runTo(nowNs);
        // The books exist now: the orders the venues held open when the last process died rest again.
        for (final SimulatedExchange exchange : market.exchanges())
        {
            final int open = exchange.statusQuery().openOrders().size();
            final int resting = exchange.restoreHostOrders(nowNs);
            restoredResting += resting;
            restoredEnded += open - resting;
        }
        if (restoredResting + restoredEnded > 0)
        {
            note("open host orders from before the restart: " + restoredResting + " rest again, " + restoredEnded +
                " canceled by the restart");
        }
        writeLedger();
    }

    @Override
    public int doWork()
    {
        int work = orders.poll(onFragment, 64);
        final long nowNs = epochClock.getAsLong();
        // The new session's subscription may take a moment to connect; nothing is sent to it before.
        if (!live && nowNs >= welcomeAtNs && reports.isConnected())
        {
            welcome(nowNs);
            work++;
        }
        work += runTo(nowNs);
        if (live && nowNs >= nextHeartbeatNs)
        {
            // Dropped under back pressure like market data: only a long silence ends the session.
            reports.offer(out, 0, MarketLinkFrame.encodeHeartbeat(out, 0, session, nowNs));
            nextHeartbeatNs = nowNs + MarketLinkContext.HEARTBEAT_INTERVAL_NS;
            work++;
        }
        if (ledgerDirty && nowNs >= nextLedgerNs)
        {
            writeLedger();
            nextLedgerNs = nowNs + LEDGER_INTERVAL_NS;
        }
        return work;
    }

    @Override
    public void onClose()
    {
        writeLedger();
    }

    @Override
    public String roleName()
    {
        return "slipway-market";
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(orders, reports, journal);
    }

    public SimulatedMarket market()
    {
        return market;
    }

    public long settleNs()
    {
        return settleNs;
    }

    public String fingerprint()
    {
        return fingerprint;
    }

    public long nowNs()
    {
        return scheduler.nowNs();
    }

    /** Whether a session is live: WELCOME sent, market data and reports flowing to it. */
    public boolean isLive()
    {
        return live;
    }

    /** The newest session taken (kept across restarts with a journal). */
    public long session()
    {
        return session;
    }

    private int runTo(final long nowNs)
    {
        int events = 0;
        while (scheduler.runNext(nowNs))
        {
            events++;
        }
        if (scheduler.nowNs() < nowNs)
        {
            scheduler.advanceTo(nowNs);
        }
        return events;
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
            badFrames++;
            note("refused a frame: " + ex.getMessage());
            return;
        }
        final long nowNs = epochClock.getAsLong();
        runTo(nowNs);
        switch (type)
        {
            case MarketLinkFrame.HELLO -> onHello(frame.session(), nowNs);
            case MarketLinkFrame.ORDER -> onOrder(buffer);
            case MarketLinkFrame.RFQ -> onRfq();
            default ->
            {
                badFrames++;
                note("refused a " + MarketLinkFrame.name(type) + " frame: the market takes only HELLO, ORDER and RFQ");
            }
        }
    }

    private void onHello(final long newSession, final long nowNs)
    {
        if (newSession <= session)
        {
            badFrames++;
            note("refused HELLO of session " + newSession + ": session " + session + " is newer");
            return;
        }
        if (journal != null)
        {
            journal.hello(newSession);
        }
        session = newSession;
        live = false;
        sessions++;
        welcomeAtNs = nowNs + settleNs;
        ledgerDirty = true;
        note(String.format(Locale.ROOT, "session %d: orders of older sessions refused from now; status and " +
            "WELCOME in %.1f ms", newSession, settleNs / 1e6));
    }

    private void onOrder(final DirectBuffer buffer)
    {
        if (frame.session() != session || !live)
        {
            // A dead run's order still on the wire: the new run has been told this venue does not hold it.
            staleOrdersRefused++;
            ledgerDirty = true;
            return;
        }
        final int venueId = frame.orderVenue();
        final Venue venue = venueId < venues.length ? venues[venueId] : null;
        if (venue == null)
        {
            badFrames++;
            note("refused ORDER for venue " + venueId + ": the market has no such venue");
            return;
        }
        ordersTaken++;
        ledgerDirty = true;
        venue.onOrderMessage(buffer, frame.orderOffset(), frame.orderLength());
    }

    private void onRfq()
    {
        if (frame.session() != session || !live)
        {
            // A dead run's request: its replayed core waits out the request's deadline unanswered.
            staleOrdersRefused++;
            return;
        }
        final int venueId = frame.rfqVenue();
        final Venue venue = venueId < venues.length ? venues[venueId] : null;
        if (!(venue instanceof io.slipway.venue.DealerVenue dealer))
        {
            badFrames++;
            note("refused RFQ for venue " + venueId + ": the market has no dealer with that id");
            return;
        }
        final io.slipway.domain.Instrument instrument;
        try
        {
            instrument = io.slipway.domain.Instruments.byId(frame.rfqInstrumentId());
        }
        catch (final IllegalArgumentException ex)
        {
            badFrames++;
            note("refused RFQ for venue " + venueId + ": " + ex.getMessage());
            return;
        }
        rfqsTaken++;
        dealer.requestQuote(frame.rfqId(), instrument, frame.rfqSide(), frame.rfqQuantity());
    }

    /** Requests for quote handed to the dealers. */
    public long rfqsTaken()
    {
        return rfqsTaken;
    }

    private void welcome(final long nowNs)
    {
        int count = 0;
        for (int v = 1; v < ledgers.length; v++)
        {
            final VenueStatusQuery ledger = ledgers[v];
            if (ledger == null)
            {
                continue;
            }
            for (final long id : ledger.hostOrderIds())
            {
                final VenueOrderStatus status = ledger.status(id);
                if (!offerReliably(MarketLinkFrame.encodeOrderStatus(out, 0, session, nowNs, v, id, status)))
                {
                    abandonWelcome();
                    return;
                }
                count++;
            }
        }
        // The figures of every parent the market keeps, so a restarted appliance has them again.
        greetingFailed = false;
        market.impactModel().forEachParent(greetingFigures);
        if (greetingFailed)
        {
            abandonWelcome();
            return;
        }
        if (!offerReliably(MarketLinkFrame.encodeWelcome(out, 0, session, nowNs, count, settleNs, fingerprint)))
        {
            abandonWelcome();
            return;
        }
        live = true;
        ledgerDirty = true;
        welcomeAtNs = Long.MAX_VALUE;
        note("session " + session + " welcomed with the status of " + count + " host order(s)");
    }

    private void greetingFigure(final int instrumentId, final long parentSequence, final double costBase,
        final double filledBase, final long timeNs)
    {
        if (!greetingFailed &&
            !offerReliably(ownImpactOut, encodeOwnImpact(instrumentId, parentSequence, costBase, filledBase)))
        {
            greetingFailed = true;
        }
    }

    /** The session's subscription went away mid-WELCOME: the appliance times out and starts a new session. */
    private void abandonWelcome()
    {
        welcomeAtNs = Long.MAX_VALUE;
        note("session " + session + " lost its connection during WELCOME; waiting for a new HELLO");
    }

    private void onMarketData(final int channel, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!live)
        {
            return;
        }
        final int frameLength = MarketLinkFrame.encodeMarketData(out, 0, session, scheduler.nowNs(), channel, buffer,
            offset, length);
        // Market data may be dropped under back pressure: the next update replaces it.
        if (reports.offer(out, 0, frameLength) < 0)
        {
            framesDropped++;
        }
    }

    /**
     * A parent's own impact changed (its fill, or a dealer's hedge of it): the live session gets the
     * new figure before the fill's report, which leaves the venue one report latency later. Without a
     * live session it is not sent: the next greeting carries the current figures.
     */
    private void onOwnImpact(final int instrumentId, final long parentSequence, final double costBase,
        final double filledBase, final long timeNs)
    {
        if (!live)
        {
            return;
        }
        final int length = encodeOwnImpact(instrumentId, parentSequence, costBase, filledBase);
        if (offerReliably(ownImpactOut, length))
        {
            ownImpactSent++;
        }
        else
        {
            // As for a lost report: a new session's greeting sends the figures again.
            reportsLost++;
            live = false;
            note("an own-impact figure could not reach session " + session + "; session ended");
        }
    }

    /** A parent that filled before this process's restart is sent with nothing filled: the appliance answers NaN. */
    private int encodeOwnImpact(final int instrumentId, final long parentSequence, final double costBase,
        final double filledBase)
    {
        final boolean known = !parentsBeforeRestart.contains(parentSequence);
        return MarketLinkFrame.encodeOwnImpact(ownImpactOut, 0, session, scheduler.nowNs(), instrumentId,
            parentSequence, known ? costBase : 0.0, known ? filledBase : 0.0);
    }

    /** OWN_IMPACT frames sent to live sessions (greetings not counted). */
    public long ownImpactSent()
    {
        return ownImpactSent;
    }

    private void sendReport(final int reportLength)
    {
        ledgerDirty = true;
        if (!live)
        {
            // Nobody listens: the venue's ledger has it for the next session's status.
            return;
        }
        final int frameLength = MarketLinkFrame.encodeVenueReport(out, 0, session, scheduler.nowNs(), reportLength);
        if (!offerReliably(frameLength))
        {
            reportsLost++;
            // A report the live session did not get would be a lost fill: end the session, so the next
            // HELLO reconciles from the ledger instead.
            live = false;
            note("a venue report could not reach session " + session + " (" + reports.isConnected() +
                " connected); session ended");
        }
    }

    private boolean offerReliably(final int length)
    {
        return offerReliably(out, length);
    }

    private boolean offerReliably(final UnsafeBuffer frameBuffer, final int length)
    {
        for (int attempt = 0; attempt < OFFER_ATTEMPTS; attempt++)
        {
            final long result = reports.offer(frameBuffer, 0, length);
            if (result > 0)
            {
                return true;
            }
            if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED)
            {
                return false;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private void note(final String text)
    {
        if (log != null)
        {
            log.println("slipway market: " + text);
            log.flush();
        }
    }

    /**
     * The ledger file: a comment line with the market's counters, then one line per host order,
     * tab-separated: venue id, venue name, client order id, times received, quantity, filled
     * quantity, fills, released quantity, state. Written to a temporary file and renamed, so a
     * reader never sees half of it.
     */
    private void writeLedger()
    {
        if (ledgerFile == null)
        {
            return;
        }
        final StringBuilder b = new StringBuilder(4096);
        b.append(String.format(Locale.ROOT, "# sessions %d ordersTaken %d staleOrdersRefused %d badFrames %d " +
            "marketDataDropped %d reportsLost %d session %d live %b starts %d restoredResting %d restoredEnded %d%n",
            sessions, ordersTaken, staleOrdersRefused, badFrames, framesDropped, reportsLost, session, live, starts,
            restoredResting, restoredEnded));
        for (int v = 1; v < ledgers.length; v++)
        {
            if (ledgers[v] == null)
            {
                continue;
            }
            for (final long id : ledgers[v].hostOrderIds())
            {
                final VenueOrderStatus status = ledgers[v].status(id);
                b.append(v).append('\t').append(venues[v].name()).append('\t').append(id).append('\t')
                    .append(status.received()).append('\t').append(status.quantity()).append('\t')
                    .append(status.filledQuantity()).append('\t').append(status.fills().size()).append('\t')
                    .append(status.releasedQuantity()).append('\t').append(status.state()).append('\n');
            }
        }
        try
        {
            final Path temporary = ledgerFile.resolveSibling(ledgerFile.getFileName() + ".tmp");
            Files.writeString(temporary, b, StandardCharsets.UTF_8);
            Files.move(temporary, ledgerFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the ledger " + ledgerFile, ex);
        }
        ledgerDirty = false;
        if (journal != null)
        {
            journal.force();
        }
    }

    /** Dealers' answers, each as a journal message behind the frame header, like venue reports. */
    private final class Quotes implements io.slipway.venue.QuoteListener
    {
        @Override
        public void onQuote(final int venue, final long rfqId, final long price, final long quantity,
            final long validUntilNs)
        {
            sendReport(quote.encode(out, MarketLinkFrame.HEADER_LENGTH, venue, rfqId, price, quantity, validUntilNs,
                scheduler.nowNs()).encodedLength());
        }

        @Override
        public void onQuoteDeclined(final int venue, final long rfqId, final String reason)
        {
            sendReport(decline.encode(out, MarketLinkFrame.HEADER_LENGTH, venue, rfqId,
                io.slipway.journal.DealerDeclineInput.DECLINED, reason, scheduler.nowNs()).encodedLength());
        }
    }

    /** Venue reports, each as a journal message behind the frame header. */
    private final class Reports implements VenueListener
    {
        @Override
        public void onAccepted(final int venue, final long clientOrderId)
        {
            sendReport(accepted.encode(out, MarketLinkFrame.HEADER_LENGTH, venue, clientOrderId, scheduler.nowNs())
                .encodedLength());
        }

        @Override
        public void onRejected(final int venue, final long clientOrderId, final String reason)
        {
            sendReport(rejected.encode(out, MarketLinkFrame.HEADER_LENGTH, venue, clientOrderId, reason,
                scheduler.nowNs()).encodedLength());
        }

        @Override
        public void onFill(final int venue, final long clientOrderId, final long price, final long quantity,
            final double fee, final boolean maker)
        {
            sendReport(fill.encode(out, MarketLinkFrame.HEADER_LENGTH, venue, clientOrderId, price, quantity, fee,
                maker, scheduler.nowNs()).encodedLength());
        }

        @Override
        public void onDone(final int venue, final long clientOrderId, final long releasedQuantity)
        {
            sendReport(done.encode(out, MarketLinkFrame.HEADER_LENGTH, venue, clientOrderId, releasedQuantity,
                scheduler.nowNs()).encodedLength());
        }
    }
}
