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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    private volatile long reportsLostByFixLog;
    /** Written by the gateway thread only; volatile so tests and operator views may read it. */
    private volatile long cancelsOnDisconnect;
    private long cancelOnDisconnectSequence;
    /**
     * Working orders by OrderID with their current ClOrdID, as the reports sent to the OMS show
     * them: what cancel-on-disconnect cancels. Sorted, so the cancels go to the core in one order.
     */
    private final Map<String, String> workingOrders = new TreeMap<>();
    /** ClOrdIDs handed to the core or rejected here; a "busy" order is not in it, so its resend is taken. */
    private final Set<String> answeredClOrdIds = new HashSet<>();
    /** Fixed terms of the orders placed through this gateway, to refuse a replace that would change them. */
    private final OrderTermsBook orderTerms = new OrderTermsBook();
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
                context.libraryConnectTimeoutMs());
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
     * Reports the delivery log records as sent under a MsgSeqNum above the last one the session
     * recovered from its own log at logon: Artio lost them (the process died before its archive
     * recorded them). Counted and reported, not recovered: see docs/journal.md.
     */
    public long reportsLostByFixLog()
    {
        return reportsLostByFixLog;
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
            reportsLostByFixLog = deliveryLog.highestSentSeqNum() - session.lastSentMsgSeqNum();
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
            if (delivery > 0)
            {
                // Sent before a crash and held by the session's log: a missed copy comes by resend.
                trackWorking(report);
                pendingReport = null;
                reportsAlreadySent++;
                continue;
            }
            // An intent this gateway wrote itself before a back-pressured try is not a crash's doubt.
            final boolean possResend = delivery == ReportDeliveryLog.INTENT_ONLY && !pendingIntentWritten;
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
            if (session.trySend(encoder) < 0)
            {
                break; // back-pressured: keep the report, retry next duty cycle (its intent stands)
            }
            if (deliveryLog != null)
            {
                deliveryLog.sent(report.execId(), session.lastSentMsgSeqNum());
            }
            if (possResend)
            {
                reportsResentPossResend++;
            }
            if (statusAnswer)
            {
                pendingStatusReqIds.pollFirst();
            }
            trackWorking(report);
            orderTerms.onReportSent(report);
            pendingReport = null;
            pendingIntentWritten = false;
            reportsSent++;
            sent++;
        }
        return sent;
    }

    private Action onNewOrderSingle(final Session session, final DirectBuffer buffer, final int offset, final int length)
    {
        final boolean valid = orderTranslator.translate(buffer, offset, length);
        final String clOrdId = orderTranslator.clOrdIdOrNull();
        // A PossResend copy of an order already answered is dropped, as FIX asks: handed to the
        // core again it would come back as a "duplicate ClOrdID" reject of a working order.
        if (orderTranslator.isPossResend() && clOrdId != null && answeredClOrdIds.contains(clOrdId))
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
                answeredClOrdIds.add(clOrdId);
            }
            return Action.CONTINUE;
        }

        if (omsLink.offerCommand(orderTranslator.order()))
        {
            answeredClOrdIds.add(clOrdId);
            orderTerms.onOrderAccepted(orderTranslator.order());
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

    private void trackWorking(final ParentOrderReport report)
    {
        if (report.isCancelReject() || "NONE".equals(report.orderId()))
        {
            return;
        }
        final OrdStatus status = report.ordStatus();
        if (status == OrdStatus.FILLED || status == OrdStatus.CANCELED || status == OrdStatus.EXPIRED ||
            status == OrdStatus.REJECTED)
        {
            workingOrders.remove(report.orderId());
        }
        else if (report.clOrdId() != null)
        {
            workingOrders.put(report.orderId(), report.clOrdId());
        }
    }

    /**
     * Cancel-on-disconnect: one cancel per working order, through the core like the OMS's own.
     * Orders whose reports the OMS has not yet been sent are not known here and keep working:
     * the core's reports, not the gateway's guesses, say what is working.
     */
    private void cancelWorkingOrders()
    {
        for (final Map.Entry<String, String> order : workingOrders.entrySet())
        {
            final CancelParentOrder cancel = new CancelParentOrder(
                "COD-" + order.getKey() + "-" + (++cancelOnDisconnectSequence), order.getValue(), order.getKey());
            if (omsLink.offerCommand(cancel))
            {
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
        if (amends && requestTranslator.isPossResend() && clOrdId != null && answeredClOrdIds.contains(clOrdId))
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
                answeredClOrdIds.add(clOrdId);
                orderTerms.onAmendForwarded(amendOrigClOrdId(requestTranslator.command()), clOrdId);
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
        answeredClOrdIds.add(replace.clOrdId());
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
