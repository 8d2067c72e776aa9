package io.slipway.fix;

import io.aeron.logbuffer.ControlledFragmentHandler.Action;
import io.slipway.fix.codecs.FixDictionaryImpl;
import io.slipway.fix.codecs.builder.BusinessMessageRejectEncoder;
import io.slipway.fix.codecs.builder.ExecutionReportEncoder;
import io.slipway.fix.codecs.builder.HeaderEncoder;
import io.slipway.fix.codecs.builder.OrderCancelRejectEncoder;
import io.slipway.fix.codecs.builder.RejectEncoder;
import io.slipway.fix.codecs.decoder.HeaderDecoder;
import io.slipway.fix.codecs.decoder.NewOrderSingleDecoder;
import io.slipway.fix.codecs.decoder.OrderCancelReplaceRequestDecoder;
import io.slipway.fix.codecs.decoder.OrderCancelRequestDecoder;
import io.slipway.fix.codecs.decoder.OrderStatusRequestDecoder;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.CancelReject;
import io.slipway.oms.ExecType;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.OmsLink;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.oms.ReplaceParentOrder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import uk.co.real_logic.artio.builder.Encoder;
import uk.co.real_logic.artio.engine.EngineConfiguration;
import uk.co.real_logic.artio.library.LibraryConfiguration;
import uk.co.real_logic.artio.library.OnMessageInfo;
import uk.co.real_logic.artio.library.SessionAcquiredInfo;
import uk.co.real_logic.artio.library.SessionHandler;
import uk.co.real_logic.artio.messages.DisconnectReason;
import uk.co.real_logic.artio.messages.InitialAcceptedSessionOwner;
import uk.co.real_logic.artio.session.Session;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;
import uk.co.real_logic.artio.validation.MessageValidationStrategy;
import uk.co.real_logic.artio.validation.SessionPersistenceStrategy;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The FIX 4.4 acceptor the client's OMS connects to. It turns NewOrderSingle,
 * OrderCancelRequest, OrderCancelReplaceRequest and OrderStatusRequest into
 * {@link io.slipway.oms.OmsCommand}s on the {@link OmsLink} and sends every
 * {@link ParentOrderReport} the core produces back as an ExecutionReport or OrderCancelReject.
 * Other application messages get a BusinessMessageReject naming the MsgType.
 *
 * <p>The gateway runs an embedded media driver, an Artio FixEngine bound to the configured
 * address, and one FixLibrary polled from {@link #doWork()}: run it on an
 * {@link org.agrona.concurrent.AgentRunner} or in a caller's duty cycle. Only the configured
 * initiator CompID may log on, only to the configured acceptor CompID, and with the configured
 * Username/Password when {@link FixGatewayContext#credentials(FixCredentials)} is set. Application
 * messages beyond {@link FixGatewayContext#maxInboundMessagesPerSecond()} are refused with a
 * BusinessMessageReject before they reach the core.
 *
 * <p>Never drops a report: with no OMS logged on, reports wait in the {@link OmsLink} (the core
 * sees back-pressure); when Artio back-pressures a send, the report is kept and retried on the
 * next duty cycle. Never blocks on the core: if the {@link OmsLink} is full, the order is
 * answered with a BusinessMessageReject and the OMS may resend it.
 */
public final class FixGateway implements Agent, AutoCloseable
{
    /** BusinessRejectReason (380) values. */
    static final int UNSUPPORTED_MESSAGE_TYPE = 3;
    static final int APPLICATION_NOT_AVAILABLE = 4;
    static final int OTHER = 0;
    static final String BUSY_TEXT = "appliance busy";
    static final String THROTTLE_TEXT = "throttle exceeded";
    private static final long ONE_SECOND_NS = 1_000_000_000L;
    private static final long DISCONNECT_ON_CLOSE_NS = 2 * ONE_SECOND_NS;

    private final FixGatewayContext context;
    private final OmsLink omsLink;
    private final AtomicInteger rejectedLogons = new AtomicInteger();
    private final AtomicLong garbledInputDropped = new AtomicLong();
    private final AtomicLong garbledConnectionsClosed = new AtomicLong();
    private final NewOrderSingleTranslator orderTranslator = new NewOrderSingleTranslator();
    private final ExecutionReportTranslator reportTranslator = new ExecutionReportTranslator();
    private final OrderRequestTranslator requestTranslator = new OrderRequestTranslator();
    private final CancelRejectTranslator cancelRejectTranslator = new CancelRejectTranslator();
    private final RejectEncoder sessionReject = new RejectEncoder();
    private final BusinessMessageRejectEncoder businessReject = new BusinessMessageRejectEncoder();
    private final HeaderDecoder headerDecoder = new HeaderDecoder();
    private final SessionMessageTagCheck tagCheck = new SessionMessageTagCheck();
    private final MutableAsciiBuffer asciiBuffer = new MutableAsciiBuffer();
    private final Consumer<ParentOrderReport> reportTaker = (report) -> pendingReport = report;
    private final OmsSessionHandler sessionHandler = new OmsSessionHandler();

    private EmbeddedArtio artio;
    private LogonAuthenticator authenticator;
    private Session session;
    private long throttleWindowStartNs;
    private int throttleWindowCount;
    private ParentOrderReport pendingReport;
    private long ordersAccepted;
    private long reportsSent;
    private long throttledMessages;
    private long possResendsDropped;
    private ReportDeliveryLog deliveryLog;
    private boolean pendingIntentWritten;
    /** Set while closing: the connection dropped on close is the gateway's doing, not the OMS's. */
    private boolean closing;
    private long reportsResentPossResend;
    private long reportsAlreadySent;
    private volatile long sequenceNumbersLostByFixLog;
    /** Reports handed to Artio whose message its archive has not yet recorded, oldest first. */
    private final ArrayDeque<AwaitingArchive> awaitingArchive = new ArrayDeque<>();
    private volatile long reportsArchived;
    private volatile long archiveWaitMaxNs;
    private volatile long archiveWaitTotalNs;
    /** Written by the gateway thread only; volatile so tests and operator views may read it. */
    private volatile long cancelsOnDisconnect;
    /**
     * ClOrdIDs handed to the core or rejected here (a "busy" order is not in it, so its resend is
     * taken), working orders as the reports sent show them (what cancel-on-disconnect cancels),
     * and the fixed terms of each order (to refuse a replace that would change them). Rebuilt
     * from the journal after a restart (see {@link FixGatewayContext#orderState(GatewayOrderState)}).
     */
    private final GatewayOrderState orderState;
    private final OrderTermsBook orderTerms;
    /**
     * OrdStatusReqID (790) of each status request handed to the core, oldest first ("" for none):
     * the core answers every status request with exactly one Order Status report, in order.
     */
    private final ArrayDeque<String> pendingStatusReqIds = new ArrayDeque<>();
    private long gatewayRejectSequence;

    public FixGateway(final FixGatewayContext context)
    {
        this.context = context.conclude();
        this.omsLink = context.omsLink();
        this.orderState = context.orderState();
        this.orderTerms = orderState.orderTerms();
    }

    /**
     * A report handed to Artio at an outbound stream position, waiting for the archive to pass it;
     * or ({@code handedToArtio} false) one found already archived, which waits only for the reports
     * ahead of it, so the OMS link learns of delivered reports in the order it gave them.
     */
    private record AwaitingArchive(String execId, int msgSeqNum, long position, long handedNs, boolean handedToArtio)
    {
    }

    /**
     * Launches the media driver, engine and library; returns once the acceptor is listening.
     *
     * @throws IllegalStateException if already started or the library cannot connect.
     */
    public FixGateway start()
    {
        if (artio != null)
        {
            throw new IllegalStateException("already started");
        }

        if (context.reportDeliveryLog() != null)
        {
            // Before the engine starts: a damaged log stops the gateway before it accepts anyone.
            deliveryLog = ReportDeliveryLog.open(context.reportDeliveryLog(), context.forceReportDeliveryLog());
        }
        final MessageValidationStrategy compIds = MessageValidationStrategy.targetCompId(context.acceptorCompId())
            .and(MessageValidationStrategy.senderCompId(List.of(context.initiatorCompId())));
        authenticator = new LogonAuthenticator(compIds, context.credentials(), rejectedLogons);

        final EngineConfiguration engineConfiguration = new EngineConfiguration()
            .bindTo(context.bindHost(), context.bindPort())
            .acceptorfixDictionary(FixDictionaryImpl.class)
            .initialAcceptedSessionOwner(InitialAcceptedSessionOwner.SOLE_LIBRARY)
            .authenticationStrategy(authenticator)
            .sessionPersistenceStrategy(context.resetSequenceNumbersOnLogon() ?
                SessionPersistenceStrategy.alwaysTransient() : SessionPersistenceStrategy.alwaysPersistent())
            .defaultHeartbeatIntervalInS(context.heartbeatIntervalS())
            .receiverBufferSize(context.receiverBufferSize())
            .channelSupplierFactory((configuration) -> new GuardedTcpChannelSupplier(
                configuration, context.maxInboundBodyLength(), new InboundFramingGuard.Listener()
                {
                    public void onGarbledInputDropped(final String reason)
                    {
                        FixGateway.this.onGarbledInputDropped(reason);
                    }

                    public void onConnectionClosed(final String reason)
                    {
                        FixGateway.this.onGarbledFirstMessage(reason);
                    }
                }));
        engineConfiguration.messageValidationStrategy(compIds);

        final LibraryConfiguration libraryConfiguration = new LibraryConfiguration()
            .sessionAcquireHandler(this::onSessionAcquired);
        libraryConfiguration.messageValidationStrategy(compIds);
        libraryConfiguration.defaultHeartbeatIntervalInS(context.heartbeatIntervalS());

        try
        {
            artio = EmbeddedArtio.launch(
                context.workingDirectory(),
                context.deleteWorkingDirectoryOnClose(),
                !context.resetSequenceNumbersOnLogon(),
                engineConfiguration,
                libraryConfiguration,
                context.libraryConnectTimeoutMs(),
                context.idleStrategySupplier());
        }
        catch (final RuntimeException ex)
        {
            if (deliveryLog != null)
            {
                deliveryLog.close();
                deliveryLog = null;
            }
            throw ex;
        }
        return this;
    }

    @Override
    public int doWork()
    {
        int workCount = artio.library().poll(context.fragmentLimit());
        workCount += sendReports();
        workCount += confirmArchived();
        return workCount;
    }

    @Override
    public String roleName()
    {
        return "slipway-fix-gateway";
    }

    @Override
    public void onClose()
    {
        close();
    }

    /** Stops accepting, closes library, engine and driver, and deletes a generated working directory. */
    @Override
    public void close()
    {
        final EmbeddedArtio artio = this.artio;
        disconnectBeforeClose(artio);
        this.artio = null;
        session = null;
        if (artio != null)
        {
            artio.close();
        }
        if (authenticator != null)
        {
            authenticator.close();
            authenticator = null;
        }
        if (deliveryLog != null)
        {
            deliveryLog.close();
            deliveryLog = null;
        }
    }

    /**
     * Drops a live OMS connection before the engine closes: Artio's engine waits on a library's
     * sessions at close (up to its reply timeout), long enough on a loaded machine for its agents to
     * be interrupted mid-close. The OMS sees the connection end, as it would if the process died.
     */
    private void disconnectBeforeClose(final EmbeddedArtio artio)
    {
        final Session live = this.session;
        if (artio == null || live == null || !live.isConnected())
        {
            return;
        }
        closing = true;
        live.requestDisconnect();
        final long deadlineNs = System.nanoTime() + DISCONNECT_ON_CLOSE_NS;
        while (this.session == live && System.nanoTime() < deadlineNs)
        {
            if (artio.library().poll(context.fragmentLimit()) == 0)
            {
                Thread.yield();
            }
        }
    }

    public FixGatewayContext context()
    {
        return context;
    }

    /** True while the OMS session is logged on; read from the gateway thread. */
    public boolean isOmsLoggedOn()
    {
        final Session session = this.session;
        return session != null && session.isActive();
    }

    /** Logons refused for their CompIDs or credentials; safe to read from any thread. */
    public int rejectedLogons()
    {
        return rejectedLogons.get();
    }

    /**
     * Garbled inbound messages (BodyLength above {@link FixGatewayContext#maxInboundBodyLength()},
     * MsgType not third) and runs of bytes that start no message, dropped before Artio framed
     * them; safe to read from any thread.
     */
    public long garbledInputDropped()
    {
        return garbledInputDropped.get();
    }

    /**
     * Inbound connections closed because their first message was garbled (so not a valid Logon),
     * at once instead of after Artio's no-logon timeout; safe to read from any thread.
     */
    public long garbledConnectionsClosed()
    {
        return garbledConnectionsClosed.get();
    }

    /** Orders handed to the core so far; read from the gateway thread. */
    public long ordersAccepted()
    {
        return ordersAccepted;
    }

    /** ExecutionReports sent so far; read from the gateway thread. */
    public long reportsSent()
    {
        return reportsSent;
    }

    /** Cancels sent to the core because the OMS session went away; safe to read from any thread. */
    public long cancelsOnDisconnect()
    {
        return cancelsOnDisconnect;
    }

    /** PossResend (97=Y) orders dropped because their ClOrdID was already answered; read from the gateway thread. */
    public long possResendsDropped()
    {
        return possResendsDropped;
    }

    /** Reports sent again with PossResend=Y because a crash left it unknown whether they had left. */
    public long reportsResentPossResend()
    {
        return reportsResentPossResend;
    }

    /** Reports the core let out again that the delivery log shows as sent: not sent twice. */
    public long reportsAlreadySent()
    {
        return reportsAlreadySent;
    }

    /**
     * MsgSeqNums the delivery log records as sent above the last one Artio's session recovered at
     * logon: Artio's archive lost those messages (the process died before recording them). The
     * gateway moves the session's sent number past them, so the OMS never sees a number twice, and
     * the reports sent under them go again with PossResend=Y (they are not recorded ARCHIVED).
     * Safe to read from any thread.
     */
    public long sequenceNumbersLostByFixLog()
    {
        return sequenceNumbersLostByFixLog;
    }

    /** Reports whose message Artio's outbound archive has recorded (ARCHIVED in the delivery log); any thread. */
    public long reportsArchived()
    {
        return reportsArchived;
    }

    /** Reports handed to Artio and not yet confirmed archived; read from the gateway thread. */
    public int reportsAwaitingArchive()
    {
        return awaitingArchive.size();
    }

    /**
     * Longest time, in ns, a report waited between {@code trySend} and the gateway seeing the
     * archive's recorded position pass it (measured on the gateway thread, so it includes the
     * gateway's own duty cycle); safe to read from any thread.
     */
    public long archiveWaitMaxNs()
    {
        return archiveWaitMaxNs;
    }

    /** Sum of those waits, in ns: divided by {@link #reportsArchived()}, the mean; safe to read from any thread. */
    public long archiveWaitTotalNs()
    {
        return archiveWaitTotalNs;
    }

    /** What the gateway knows of the orders; owned by the gateway thread. */
    GatewayOrderState orderState()
    {
        return orderState;
    }

    /** Artio's archived position of the library's outbound stream (see {@link EmbeddedArtio}), for tests. */
    long outboundArchivedPosition()
    {
        return artio.outboundArchivedPosition();
    }

    /** Recording id of the library's outbound stream, for tests. */
    long outboundRecordingId()
    {
        return artio.outboundRecordingId();
    }

    /** Application messages refused by the inbound throttle; read from the gateway thread. */
    public long throttledMessages()
    {
        return throttledMessages;
    }

    /** On Artio's framer thread: the guard has dropped garbled input; the session carries on. */
    private void onGarbledInputDropped(final String reason)
    {
        garbledInputDropped.incrementAndGet();
        context.sessionEventLog().accept(
            "FIX gateway: dropped garbled inbound input (" + reason + "); the session continues with the next message");
    }

    /** On Artio's framer thread: a connection opened with garbled input, so the guard closed it. */
    private void onGarbledFirstMessage(final String reason)
    {
        garbledConnectionsClosed.incrementAndGet();
        context.sessionEventLog().accept("FIX gateway: closed an inbound connection: " + reason);
    }

    private SessionHandler onSessionAcquired(final Session session, final SessionAcquiredInfo info)
    {
        // One OMS CompID pair means at most one live session: a new logon replaces a dead one.
        this.session = session;
        if (deliveryLog != null && deliveryLog.highestSentSeqNum() > session.lastSentMsgSeqNum())
        {
            // Artio's archive lost the last messages (a kill before it recorded them), but they may
            // have reached the OMS: reusing their numbers would make the OMS see a number too low and
            // end the session. Skip past them; an OMS that lacks one asks, and gets a gap fill, and
            // each report among them goes again with PossResend=Y.
            sequenceNumbersLostByFixLog += deliveryLog.highestSentSeqNum() - session.lastSentMsgSeqNum();
            session.lastSentMsgSeqNum(deliveryLog.highestSentSeqNum());
        }
        throttleWindowCount = 0;
        return sessionHandler;
    }

    private int sendReports()
    {
        final Session session = this.session;
        if (session == null || !session.isActive())
        {
            return 0;
        }

        int sent = 0;
        while (sent < context.reportBatchLimit())
        {
            if (pendingReport == null && omsLink.drainReports(reportTaker, 1) == 0)
            {
                break;
            }
            final ParentOrderReport report = pendingReport;
            final boolean statusAnswer = report.execType() == ExecType.ORDER_STATUS && !pendingStatusReqIds.isEmpty();
            final String ordStatusReqId = statusAnswer ? pendingStatusReqIds.peekFirst() : null;
            final int delivery = deliveryLog == null ? ReportDeliveryLog.ABSENT : deliveryLog.status(report.execId());
            if (deliveryLog != null && deliveryLog.isArchived(report.execId()))
            {
                // Sent before a crash and held by Artio's archive: a missed copy comes by resend.
                orderState.onReportSent(report);
                pendingReport = null;
                reportsAlreadySent++;
                if (awaitingArchive.isEmpty())
                {
                    omsLink.onReportsDelivered(1);
                }
                else
                {
                    awaitingArchive.addLast(new AwaitingArchive(report.execId(), 0, Long.MIN_VALUE, 0, false));
                }
                continue;
            }
            // Handed over before a crash (an intent, or sent without the archive's confirmation): it
            // may be at the OMS. An intent this gateway wrote itself before a back-pressured try is
            // not a crash's doubt.
            final boolean possResend = delivery > 0 ||
                (delivery == ReportDeliveryLog.INTENT_ONLY && !pendingIntentWritten);
            if (deliveryLog != null && delivery == ReportDeliveryLog.ABSENT)
            {
                deliveryLog.intent(report.execId());
                pendingIntentWritten = true;
            }
            final Encoder encoder;
            final HeaderEncoder header;
            if (report.isCancelReject())
            {
                final OrderCancelRejectEncoder reject = cancelRejectTranslator.encode(report);
                header = reject.header();
                encoder = reject;
            }
            else
            {
                final ExecutionReportEncoder executionReport = reportTranslator.encode(
                    report, ordStatusReqId == null || ordStatusReqId.isEmpty() ? null : ordStatusReqId);
                header = executionReport.header();
                encoder = executionReport;
            }
            if (possResend)
            {
                // The same ExecID may already be at the OMS under another MsgSeqNum: FIX's PossResend.
                header.possResend(true);
            }
            final long position = session.trySend(encoder);
            if (position < 0)
            {
                break; // back-pressured: keep the report, retry next duty cycle (its intent stands)
            }
            if (deliveryLog != null)
            {
                final int msgSeqNum = session.lastSentMsgSeqNum();
                deliveryLog.sent(report.execId(), msgSeqNum);
                awaitingArchive.addLast(new AwaitingArchive(report.execId(), msgSeqNum, position, System.nanoTime(), true));
            }
            else
            {
                // No delivery log: nothing more durable to wait for than Artio having taken it.
                omsLink.onReportsDelivered(1);
            }
            if (possResend)
            {
                reportsResentPossResend++;
            }
            if (statusAnswer)
            {
                pendingStatusReqIds.pollFirst();
            }
            orderState.onReportSent(report);
            pendingReport = null;
            pendingIntentWritten = false;
            reportsSent++;
            sent++;
        }
        return sent;
    }

    /**
     * Records ARCHIVED for each report whose message Artio's archive has now recorded: from then on
     * Artio can resend it after a crash, so a recovered core need not let it out again. The OMS link
     * learns that these reports are delivered (the cluster's bridge acknowledges them upstream then).
     */
    private int confirmArchived()
    {
        if (awaitingArchive.isEmpty())
        {
            return 0;
        }
        final long archivedPosition = artio.outboundArchivedPosition();
        int confirmed = 0;
        AwaitingArchive head;
        while ((head = awaitingArchive.peekFirst()) != null && head.position() <= archivedPosition)
        {
            awaitingArchive.pollFirst();
            confirmed++;
            if (!head.handedToArtio())
            {
                continue;
            }
            deliveryLog.archived(head.execId(), head.msgSeqNum());
            final long waitedNs = System.nanoTime() - head.handedNs();
            archiveWaitTotalNs += waitedNs;
            if (waitedNs > archiveWaitMaxNs)
            {
                archiveWaitMaxNs = waitedNs;
            }
            reportsArchived++;
        }
        if (confirmed > 0)
        {
            omsLink.onReportsDelivered(confirmed);
        }
        return confirmed;
    }

    private Action onNewOrderSingle(final Session session, final DirectBuffer buffer, final int offset, final int length)
    {
        final boolean valid = orderTranslator.translate(buffer, offset, length);
        final String clOrdId = orderTranslator.clOrdIdOrNull();
        // A PossResend copy of an order already answered is dropped, as FIX asks: handed to the
        // core again it would come back as a "duplicate ClOrdID" reject of a working order.
        if (orderTranslator.isPossResend() && clOrdId != null && orderState.isAnswered(clOrdId))
        {
            possResendsDropped++;
            return Action.CONTINUE;
        }

        if (!valid)
        {
            sessionReject.reset();
            sessionReject
                .refSeqNum(orderTranslator.msgSeqNum())
                .refTagID(orderTranslator.rejectTagId())
                .refMsgType(NewOrderSingleDecoder.MESSAGE_TYPE_AS_STRING)
                .sessionRejectReason(orderTranslator.rejectReason())
                .text(orderTranslator.rejectText());
            if (session.trySend(sessionReject) < 0)
            {
                return Action.ABORT;
            }
            if (clOrdId != null)
            {
                orderState.onAnswered(clOrdId);
            }
            return Action.CONTINUE;
        }

        if (omsLink.offerCommand(orderTranslator.order()))
        {
            orderState.onOrderForwarded(orderTranslator.order());
            ordersAccepted++;
            return Action.CONTINUE;
        }

        return sendBusinessReject(
            session,
            orderTranslator.msgSeqNum(),
            NewOrderSingleDecoder.MESSAGE_TYPE_AS_STRING,
            orderTranslator.order().clOrdId(),
            APPLICATION_NOT_AVAILABLE,
            BUSY_TEXT);
    }

    /**
     * Cancel-on-disconnect: one cancel per working order, through the core like the OMS's own.
     * Orders whose reports the OMS has not yet been sent are not known here and keep working:
     * the core's reports, not the gateway's guesses, say what is working.
     */
    private void cancelWorkingOrders()
    {
        final Map<String, String> workingOrders = orderState.workingOrders();
        for (final Map.Entry<String, String> order : workingOrders.entrySet())
        {
            final CancelParentOrder cancel = new CancelParentOrder(
                orderState.nextCancelOnDisconnectClOrdId(order.getKey()), order.getValue(), order.getKey());
            if (omsLink.offerCommand(cancel))
            {
                orderState.onAnswered(cancel.clOrdId());
                cancelsOnDisconnect++;
            }
        }
        workingOrders.clear();
    }

    /**
     * OrderCancelRequest, OrderCancelReplaceRequest or OrderStatusRequest: a FIX-level problem is
     * a session Reject; a business one (unknown order, too late, duplicate ClOrdID) is the core's
     * OrderCancelReject, so nothing is decided here that the core's state should decide. The one
     * exception: a replace that would change what a replace may not (strategy, its parameters,
     * start) is refused here, from terms fixed when the order was placed.
     */
    private Action onOrderRequest(final Session session, final DirectBuffer buffer, final int offset,
        final int length, final long messageType)
    {
        final String refMsgType;
        final boolean valid;
        if (messageType == OrderCancelRequestDecoder.MESSAGE_TYPE)
        {
            refMsgType = OrderCancelRequestDecoder.MESSAGE_TYPE_AS_STRING;
            valid = requestTranslator.translateCancel(buffer, offset, length);
        }
        else if (messageType == OrderCancelReplaceRequestDecoder.MESSAGE_TYPE)
        {
            refMsgType = OrderCancelReplaceRequestDecoder.MESSAGE_TYPE_AS_STRING;
            valid = requestTranslator.translateReplace(buffer, offset, length);
        }
        else
        {
            refMsgType = OrderStatusRequestDecoder.MESSAGE_TYPE_AS_STRING;
            valid = requestTranslator.translateStatus(buffer, offset, length);
        }
        final String clOrdId = requestTranslator.clOrdIdOrNull();
        final boolean amends = messageType != OrderStatusRequestDecoder.MESSAGE_TYPE;
        // As for orders: a PossResend copy of a cancel or replace already answered is dropped.
        if (amends && requestTranslator.isPossResend() && clOrdId != null && orderState.isAnswered(clOrdId))
        {
            possResendsDropped++;
            return Action.CONTINUE;
        }
        if (!valid)
        {
            sessionReject.reset();
            sessionReject
                .refSeqNum(requestTranslator.msgSeqNum())
                .refTagID(requestTranslator.rejectTagId())
                .refMsgType(refMsgType)
                .sessionRejectReason(requestTranslator.rejectReason())
                .text(requestTranslator.rejectText());
            return session.trySend(sessionReject) < 0 ? Action.ABORT : Action.CONTINUE;
        }
        if (messageType == OrderCancelReplaceRequestDecoder.MESSAGE_TYPE)
        {
            final Action refused = refuseReplaceOfFixedTerms(session, (ReplaceParentOrder)requestTranslator.command());
            if (refused != null)
            {
                return refused;
            }
        }
        if (omsLink.offerCommand(requestTranslator.command()))
        {
            if (amends)
            {
                orderState.onAmendForwarded(amendOrigClOrdId(requestTranslator.command()), clOrdId);
            }
            else
            {
                final String reqId = requestTranslator.ordStatusReqId();
                pendingStatusReqIds.addLast(reqId == null ? "" : reqId);
            }
            return Action.CONTINUE;
        }
        return sendBusinessReject(session, requestTranslator.msgSeqNum(), refMsgType, clOrdId,
            APPLICATION_NOT_AVAILABLE, BUSY_TEXT);
    }

    /**
     * A replace may change OrderQty, Price and ExpireTime only; one that would change the
     * strategy, its parameters or the start is answered here with an OrderCancelReject and never
     * reaches the core. Returns null when the replace may go on.
     */
    private Action refuseReplaceOfFixedTerms(final Session session, final ReplaceParentOrder replace)
    {
        final OrderTermsBook.Terms terms = orderTerms.terms(replace.origClOrdId());
        if (terms == null)
        {
            return null;
        }
        final String problem = OrderTermsBook.replaceProblem(terms, requestTranslator.requestedStrategy(),
            requestTranslator.requestedEffectiveTimeNs(), requestTranslator.requestedParameters());
        if (problem == null)
        {
            return null;
        }
        final ParentOrderReport reject = new ParentOrderReport(replace.clOrdId(), terms.orderId(),
            "GW-CXR-" + (gatewayRejectSequence + 1), null, terms.ordStatus(), null, replace.symbol(), null,
            replace.side(), 0, 0, 0, null, 0, 0, 0.0, 0.0, System.currentTimeMillis() * 1_000_000L, problem,
            replace.origClOrdId(), new CancelReject(CancelReject.TO_REPLACE, CancelReject.OTHER));
        if (session.trySend(cancelRejectTranslator.encode(reject)) < 0)
        {
            return Action.ABORT;
        }
        gatewayRejectSequence++;
        orderState.onAnswered(replace.clOrdId());
        return Action.CONTINUE;
    }

    private static String amendOrigClOrdId(final OmsCommand command)
    {
        return command instanceof ReplaceParentOrder replace ? replace.origClOrdId() :
            ((CancelParentOrder)command).origClOrdId();
    }

    /** Replaces refused by the gateway because they would change the strategy, its parameters or the start. */
    public long replacesRefused()
    {
        return gatewayRejectSequence;
    }

    private Action onUnsupportedMessage(final Session session, final DirectBuffer buffer, final int offset, final int length)
    {
        asciiBuffer.wrap(buffer);
        headerDecoder.reset();
        headerDecoder.decode(asciiBuffer, offset, length);
        final String msgType = headerDecoder.msgTypeAsString();
        return sendBusinessReject(
            session,
            headerDecoder.msgSeqNum(),
            msgType,
            null,
            UNSUPPORTED_MESSAGE_TYPE,
            "MsgType " + msgType + " is not supported by this gateway");
    }

    /** PossDupFlag=Y with an OrigSendingTime after its SendingTime. */
    private boolean isResendFromTheFuture(final DirectBuffer buffer, final int offset, final int length)
    {
        asciiBuffer.wrap(buffer);
        headerDecoder.reset();
        headerDecoder.decode(asciiBuffer, offset, length);
        if (!headerDecoder.hasPossDupFlag() || !headerDecoder.possDupFlag() || !headerDecoder.hasOrigSendingTime())
        {
            return false;
        }
        final long sendingTimeNs = UtcTimestamps.parseNanos(headerDecoder.sendingTime(), headerDecoder.sendingTimeLength());
        final long origSendingTimeNs =
            UtcTimestamps.parseNanos(headerDecoder.origSendingTime(), headerDecoder.origSendingTimeLength());
        return sendingTimeNs != UtcTimestamps.INVALID && origSendingTimeNs != UtcTimestamps.INVALID &&
            origSendingTimeNs > sendingTimeNs;
    }

    /** Artio has already answered the Heartbeat or TestRequest; a stray tag still earns a Reject. */
    private Action checkSessionMessageTags(
        final Session session, final DirectBuffer buffer, final int offset, final int length, final long messageType)
    {
        final int badTag = tagCheck.check(messageType, buffer, offset, length);
        if (badTag == SessionMessageTagCheck.NO_BAD_TAG)
        {
            return Action.CONTINUE;
        }
        asciiBuffer.wrap(buffer);
        headerDecoder.reset();
        headerDecoder.decode(asciiBuffer, offset, length);
        final int reason = tagCheck.rejectReason();
        sessionReject.reset();
        sessionReject
            .refSeqNum(headerDecoder.msgSeqNum())
            .refTagID(badTag)
            .refMsgType(messageType == '0' ? "0" : "1")
            .sessionRejectReason(reason)
            .text(NewOrderSingleTranslator.reasonText(reason) + ": tag " + badTag);
        return session.trySend(sessionReject) < 0 ? Action.ABORT : Action.CONTINUE;
    }

    /**
     * Counts application messages in one-second windows of the engine's receive time; past the
     * configured maximum the rest of the window is refused, so a flood cannot reach the core.
     */
    private boolean isThrottled(final long timestampInNs)
    {
        if (timestampInNs - throttleWindowStartNs >= ONE_SECOND_NS || timestampInNs < throttleWindowStartNs)
        {
            throttleWindowStartNs = timestampInNs;
            throttleWindowCount = 0;
        }
        return ++throttleWindowCount > context.maxInboundMessagesPerSecond();
    }

    private Action onThrottled(final Session session, final DirectBuffer buffer, final int offset, final int length)
    {
        asciiBuffer.wrap(buffer);
        headerDecoder.reset();
        headerDecoder.decode(asciiBuffer, offset, length);
        final Action action = sendBusinessReject(
            session,
            headerDecoder.msgSeqNum(),
            headerDecoder.msgTypeAsString(),
            null,
            OTHER,
            THROTTLE_TEXT);
        if (action == Action.CONTINUE)
        {
            throttledMessages++;
        }
        return action;
    }

    /** ABORT makes Artio hand the message over again, so a back-pressured reject is not lost. */
    private Action sendBusinessReject(
        final Session session,
        final int refSeqNum,
        final String refMsgType,
        final String refId,
        final int reason,
        final String text)
    {
        businessReject.reset();
        businessReject
            .refSeqNum(refSeqNum)
            .refMsgType(refMsgType)
            .businessRejectReason(reason)
            .text(text);
        if (refId != null)
        {
            businessReject.businessRejectRefID(refId);
        }
        return session.trySend(businessReject) < 0 ? Action.ABORT : Action.CONTINUE;
    }

    private static boolean isSessionMessage(final long messageType)
    {
        // Heartbeat, TestRequest, ResendRequest, Reject, SequenceReset, Logout, Logon: Artio's session layer owns them.
        return messageType == '0' || messageType == '1' || messageType == '2' || messageType == '3' ||
            messageType == '4' || messageType == '5' || messageType == 'A';
    }

    private final class OmsSessionHandler implements SessionHandler
    {
        @Override
        public Action onMessage(
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final int libraryId,
            final Session session,
            final int sequenceIndex,
            final long messageType,
            final long timestampInNs,
            final long position,
            final OnMessageInfo messageInfo)
        {
            if (!messageInfo.isValid())
            {
                // Artio's session layer has already rejected it (bad MsgType, PossDup without a
                // valid OrigSendingTime...): answering again would double the reject.
                if (isResendFromTheFuture(buffer, offset, length))
                {
                    // A resend claiming to be older than it is: the sender's clock or store is
                    // broken, and FIX ends the session after the Reject.
                    session.startLogout();
                }
                return Action.CONTINUE;
            }
            if (messageType == '0' || messageType == '1')
            {
                return checkSessionMessageTags(session, buffer, offset, length, messageType);
            }
            if (isSessionMessage(messageType))
            {
                return Action.CONTINUE;
            }
            final Action action;
            if (isThrottled(timestampInNs))
            {
                action = onThrottled(session, buffer, offset, length);
            }
            else if (messageType == NewOrderSingleDecoder.MESSAGE_TYPE)
            {
                action = onNewOrderSingle(session, buffer, offset, length);
            }
            else if (messageType == OrderCancelRequestDecoder.MESSAGE_TYPE ||
                messageType == OrderCancelReplaceRequestDecoder.MESSAGE_TYPE ||
                messageType == OrderStatusRequestDecoder.MESSAGE_TYPE)
            {
                action = onOrderRequest(session, buffer, offset, length, messageType);
            }
            else
            {
                action = onUnsupportedMessage(session, buffer, offset, length);
            }
            if (action == Action.ABORT)
            {
                throttleWindowCount--; // Artio hands it over again: count it once
            }
            return action;
        }

        @Override
        public void onTimeout(final int libraryId, final Session session)
        {
        }

        @Override
        public void onSlowStatus(final int libraryId, final Session session, final boolean hasBecomeSlow)
        {
        }

        @Override
        public Action onDisconnect(final int libraryId, final Session session, final DisconnectReason reason)
        {
            if (FixGateway.this.session == session)
            {
                FixGateway.this.session = null;
                if (context.cancelOnDisconnect() && !closing)
                {
                    cancelWorkingOrders();
                }
            }
            return Action.CONTINUE;
        }

        @Override
        public void onSessionStart(final Session session)
        {
        }
    }
}
