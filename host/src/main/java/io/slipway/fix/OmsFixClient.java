package io.slipway.fix;

import io.aeron.logbuffer.ControlledFragmentHandler.Action;
import io.slipway.fix.codecs.FixDictionaryImpl;
import io.slipway.fix.codecs.builder.NewOrderSingleEncoder;
import io.slipway.fix.codecs.decoder.BusinessMessageRejectDecoder;
import io.slipway.fix.codecs.decoder.ExecutionReportDecoder;
import io.slipway.fix.codecs.decoder.RejectDecoder;
import io.slipway.oms.NewParentOrder;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import uk.co.real_logic.artio.Reply;
import uk.co.real_logic.artio.engine.EngineConfiguration;
import uk.co.real_logic.artio.fields.DecimalFloat;
import uk.co.real_logic.artio.fields.EpochFractionFormat;
import uk.co.real_logic.artio.fields.UtcTimestampEncoder;
import uk.co.real_logic.artio.library.LibraryConfiguration;
import uk.co.real_logic.artio.library.OnMessageInfo;
import uk.co.real_logic.artio.library.SessionAcquiredInfo;
import uk.co.real_logic.artio.library.SessionConfiguration;
import uk.co.real_logic.artio.library.SessionHandler;
import uk.co.real_logic.artio.messages.DisconnectReason;
import uk.co.real_logic.artio.session.Session;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * A FIX 4.4 initiator that plays the client's OMS, for the product demo and for tests: it logs
 * on to a {@link FixGateway}, sends NewOrderSingle and hands every ExecutionReport to a
 * {@link Listener} as an {@link OmsExecutionReport}. It runs its own embedded media driver,
 * engine and library in its own directory, so it can share a machine with the gateway.
 *
 * <p>Single-threaded: {@link #connect(String, int)}, {@link #sendNewOrder} and {@link #poll()}
 * must be called from one thread; listener callbacks happen inside {@link #poll()}.
 */
public final class OmsFixClient implements Agent, AutoCloseable
{
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
    private static final int FRAGMENT_LIMIT = 16;

    /** What the OMS hears back. Called on the polling thread. */
    public interface Listener
    {
        void onExecutionReport(OmsExecutionReport report);

        /**
         * The same report with its header's PossDupFlag (43, a resend by sequence number) and
         * PossResend (97, the sender may have sent it before): an OMS that must count each ExecID
         * once listens here. By default the flags are dropped.
         */
        default void onExecutionReport(final OmsExecutionReport report, final boolean possDup,
            final boolean possResend)
        {
            onExecutionReport(report);
        }

        /**
         * A session Reject (35=3) or BusinessMessageReject (35=j) of something this client sent.
         *
         * @param msgType "3" or "j"
         * @param refTagId RefTagID (371) of a session reject, else 0
         * @param refId    BusinessRejectRefID (379), usually the ClOrdID, or null
         */
        default void onReject(final String msgType, final int refTagId, final String refId, final String text)
        {
        }
    }

    private final String senderCompId;
    private final String targetCompId;
    private final File workingDirectory;
    private final boolean deleteWorkingDirectoryOnClose;
    private final Listener listener;

    private final NewOrderSingleEncoder newOrder = new NewOrderSingleEncoder();
    private final UtcTimestampEncoder transactTime = new UtcTimestampEncoder(EpochFractionFormat.MILLISECONDS);
    private final UtcTimestampEncoder effectiveTime = new UtcTimestampEncoder(EpochFractionFormat.MILLISECONDS);
    private final UtcTimestampEncoder expireTime = new UtcTimestampEncoder(EpochFractionFormat.MILLISECONDS);
    private final DecimalFloat decimal = new DecimalFloat();
    private final ExecutionReportDecoder executionReport = new ExecutionReportDecoder();
    private final RejectDecoder sessionReject = new RejectDecoder();
    private final BusinessMessageRejectDecoder businessReject = new BusinessMessageRejectDecoder();
    private final MutableAsciiBuffer asciiBuffer = new MutableAsciiBuffer();
    private final ClientSessionHandler sessionHandler = new ClientSessionHandler();

    private EmbeddedArtio artio;
    private Session session;
    private boolean persistentSequenceNumbers;

    /** Logs on as OMS to SLIPWAY, from a new temporary directory removed on close. */
    public OmsFixClient(final Listener listener)
    {
        this(FixGatewayContext.DEFAULT_INITIATOR_COMP_ID, FixGatewayContext.DEFAULT_ACCEPTOR_COMP_ID, null, listener);
    }

    /**
     * @param workingDirectory for the driver and engine files; null for a new temporary
     *                         directory that is removed on close.
     */
    public OmsFixClient(
        final String senderCompId,
        final String targetCompId,
        final File workingDirectory,
        final Listener listener)
    {
        if (senderCompId == null || targetCompId == null || listener == null)
        {
            throw new IllegalArgumentException("senderCompId, targetCompId and listener are required");
        }
        this.senderCompId = senderCompId;
        this.targetCompId = targetCompId;
        this.listener = listener;
        this.deleteWorkingDirectoryOnClose = workingDirectory == null;
        this.workingDirectory = workingDirectory != null ?
            workingDirectory : FixGatewayContext.createUniqueDirectory("slipway-oms-client-");
    }

    /** Connects and logs on, waiting at most {@value #DEFAULT_CONNECT_TIMEOUT_MS} ms. */
    public void connect(final String host, final int port)
    {
        connect(host, port, DEFAULT_CONNECT_TIMEOUT_MS);
    }

    /**
     * Starts the embedded stack if needed, connects and logs on (with ResetSeqNumFlag unless
     * sequence numbers are persistent), polling on the calling thread until logged on.
     *
     * @throws IllegalStateException if the logon does not complete within timeoutMs.
     */
    public void connect(final String host, final int port, final long timeoutMs)
    {
        if (artio == null)
        {
            artio = EmbeddedArtio.launch(
                workingDirectory,
                deleteWorkingDirectoryOnClose,
                persistentSequenceNumbers,
                new EngineConfiguration(),
                new LibraryConfiguration().sessionAcquireHandler(this::onSessionAcquired),
                timeoutMs);
        }

        final Reply<Session> reply = artio.library().initiate(SessionConfiguration.builder()
            .address(host, port)
            .senderCompId(senderCompId)
            .targetCompId(targetCompId)
            .fixDictionary(FixDictionaryImpl.class)
            .resetSeqNum(!persistentSequenceNumbers)
            .sequenceNumbersPersistent(persistentSequenceNumbers)
            .timeoutInMs(timeoutMs)
            .build());

        final SleepingMillisIdleStrategy idle = new SleepingMillisIdleStrategy(1);
        final long deadlineMs = System.currentTimeMillis() + timeoutMs;
        while (reply.isExecuting())
        {
            idle.idle(poll());
        }
        if (!reply.hasCompleted())
        {
            throw new IllegalStateException("logon to " + host + ":" + port + " failed: " + reply.state() +
                (reply.error() != null ? " " + reply.error().getMessage() : ""));
        }

        session = reply.resultIfPresent();
        while (!session.isActive())
        {
            if (System.currentTimeMillis() > deadlineMs)
            {
                throw new IllegalStateException("logon to " + host + ":" + port + " not completed in " + timeoutMs + " ms");
            }
            idle.idle(poll());
        }
    }

    /**
     * Keeps sequence numbers and the message log across logons and in the working directory
     * (no ResetSeqNumFlag): a reconnect after the acceptor died asks for the gap and gets it
     * resent with PossDupFlag. Set before the first {@link #connect}.
     */
    public OmsFixClient persistentSequenceNumbers(final boolean persistent)
    {
        if (artio != null)
        {
            throw new IllegalStateException("set persistentSequenceNumbers before the first connect");
        }
        this.persistentSequenceNumbers = persistent;
        return this;
    }

    public boolean persistentSequenceNumbers()
    {
        return persistentSequenceNumbers;
    }

    /** Where the driver's and engine's files live. */
    public File workingDirectory()
    {
        return workingDirectory;
    }

    public boolean isLoggedOn()
    {
        return session != null && session.isActive();
    }

    /**
     * Drops the TCP connection without a Logout, as a crashed OMS or a cut cable would; sequence
     * numbers are kept, so a later {@link #connect} asks for whatever was sent meanwhile. Returns
     * false if there was no session to drop.
     */
    public boolean dropConnection()
    {
        final Session session = this.session;
        if (session == null || !session.isActive())
        {
            return false;
        }
        session.requestDisconnect();
        final SleepingMillisIdleStrategy idle = new SleepingMillisIdleStrategy(1);
        final long deadlineMs = System.currentTimeMillis() + 1_000;
        while (session.isActive() && System.currentTimeMillis() < deadlineMs)
        {
            idle.idle(poll());
        }
        this.session = null;
        return true;
    }

    /** Sends the order's fields as a NewOrderSingle; see {@link #sendNewOrder(String, String, char, String, int, long, long, String)}. */
    public boolean sendNewOrder(final NewParentOrder order)
    {
        return sendNewOrder(
            order.clOrdId(),
            order.symbol(),
            order.side(),
            order.quantity(),
            order.targetStrategy(),
            order.effectiveTimeNs(),
            order.expireTimeNs(),
            order.limitPrice(),
            order.strategyParameters());
    }

    /**
     * Sends a NewOrderSingle: a limit order (OrdType 2) when limitPrice is given, else market
     * (OrdType 1), with TransactTime now. Times go out with millisecond precision, as FIX 4.4
     * defines UTCTimestamp.
     *
     * @param targetStrategy  TargetStrategy (847), or {@link NewParentOrder#NO_STRATEGY} to leave it out
     * @param effectiveTimeNs EffectiveTime (168), or {@link NewParentOrder#NO_TIME} to leave it out
     * @param expireTimeNs    ExpireTime (126), or {@link NewParentOrder#NO_TIME} to leave it out
     * @param limitPrice      Price (44) as decimal text, or null
     * @return false if back-pressured; nothing was sent and the caller should poll and retry.
     * @throws IllegalStateException if not logged on.
     */
    public boolean sendNewOrder(
        final String clOrdId,
        final String symbol,
        final char side,
        final String quantity,
        final int targetStrategy,
        final long effectiveTimeNs,
        final long expireTimeNs,
        final String limitPrice)
    {
        return sendNewOrder(clOrdId, symbol, side, quantity, targetStrategy, effectiveTimeNs, expireTimeNs, limitPrice,
            java.util.List.of());
    }

    /** As above, with the StrategyParameters repeating group (957: 958 name, 959 type, 960 value). */
    public boolean sendNewOrder(
        final String clOrdId,
        final String symbol,
        final char side,
        final String quantity,
        final int targetStrategy,
        final long effectiveTimeNs,
        final long expireTimeNs,
        final String limitPrice,
        final java.util.List<io.slipway.oms.StrategyParameter> parameters)
    {
        if (!isLoggedOn())
        {
            throw new IllegalStateException("not logged on");
        }

        final NewOrderSingleEncoder order = this.newOrder;
        order.reset();
        order.clOrdID(clOrdId);
        order.symbol(symbol);
        order.side(side);
        int length = transactTime.encodeFrom(System.currentTimeMillis(), TimeUnit.MILLISECONDS);
        order.transactTimeAsCopy(transactTime.buffer(), 0, length);
        order.orderQty(decimal.fromString(quantity));
        if (limitPrice != null)
        {
            order.ordType('2');
            order.price(decimal.fromString(limitPrice));
        }
        else
        {
            order.ordType('1');
        }
        if (targetStrategy != NewParentOrder.NO_STRATEGY)
        {
            order.targetStrategy(targetStrategy);
        }
        if (effectiveTimeNs != NewParentOrder.NO_TIME)
        {
            length = effectiveTime.encodeFrom(effectiveTimeNs, TimeUnit.NANOSECONDS);
            order.effectiveTimeAsCopy(effectiveTime.buffer(), 0, length);
        }
        if (expireTimeNs != NewParentOrder.NO_TIME)
        {
            length = expireTime.encodeFrom(expireTimeNs, TimeUnit.NANOSECONDS);
            order.expireTimeAsCopy(expireTime.buffer(), 0, length);
        }
        if (!parameters.isEmpty())
        {
            NewOrderSingleEncoder.StrategyParametersGroupEncoder group = order.strategyParametersGroup(parameters.size());
            for (final io.slipway.oms.StrategyParameter parameter : parameters)
            {
                group.strategyParameterName(parameter.name());
                if (parameter.type() != io.slipway.oms.StrategyParameter.NO_TYPE)
                {
                    group.strategyParameterType(parameter.type());
                }
                group.strategyParameterValue(parameter.value());
                group = group.next();
            }
        }
        return session.trySend(order) >= 0;
    }

    /** Polls the library: receives reports, heartbeats and logon traffic. */
    public int poll()
    {
        return artio == null ? 0 : artio.library().poll(FRAGMENT_LIMIT);
    }

    @Override
    public int doWork()
    {
        return poll();
    }

    @Override
    public String roleName()
    {
        return "slipway-oms-fix-client";
    }

    @Override
    public void onClose()
    {
        close();
    }

    /** Logs out if logged on, then releases library, engine, driver and a temporary directory. */
    @Override
    public void close()
    {
        final EmbeddedArtio artio = this.artio;
        this.artio = null;
        if (artio != null)
        {
            if (isLoggedOn())
            {
                // A polite logout so the gateway sees a clean end of session, bounded in time.
                session.logoutAndDisconnect();
                final SleepingMillisIdleStrategy idle = new SleepingMillisIdleStrategy(1);
                final long deadlineMs = System.currentTimeMillis() + 1_000;
                while (session.isActive() && System.currentTimeMillis() < deadlineMs)
                {
                    idle.idle(artio.library().poll(FRAGMENT_LIMIT));
                }
            }
            session = null;
            artio.close();
        }
        else if (deleteWorkingDirectoryOnClose)
        {
            IoUtil.delete(workingDirectory, true);
        }
    }

    private SessionHandler onSessionAcquired(final Session session, final SessionAcquiredInfo info)
    {
        return sessionHandler;
    }

    private void onExecutionReport(final DirectBuffer buffer, final int offset, final int length)
    {
        final ExecutionReportDecoder er = this.executionReport;
        asciiBuffer.wrap(buffer);
        er.reset();
        er.decode(asciiBuffer, offset, length);

        final long transactTimeNs = er.hasTransactTime() ?
            UtcTimestamps.parseNanos(er.transactTime(), er.transactTimeLength()) : OmsExecutionReport.NO_TIME;
        final boolean possDup = er.header().hasPossDupFlag() && er.header().possDupFlag();
        final boolean possResend = er.header().hasPossResend() && er.header().possResend();
        listener.onExecutionReport(new OmsExecutionReport(
            er.hasClOrdID() ? er.clOrdIDAsString() : null,
            er.orderIDAsString(),
            er.execIDAsString(),
            er.execType(),
            er.ordStatus(),
            er.symbolAsString(),
            er.side(),
            er.hasLastQty() ? NewOrderSingleTranslator.decimalText(er.lastQty()) : null,
            er.hasLastPx() ? NewOrderSingleTranslator.decimalText(er.lastPx()) : null,
            er.hasLastMkt() ? er.lastMktAsString() : null,
            NewOrderSingleTranslator.decimalText(er.cumQty()),
            NewOrderSingleTranslator.decimalText(er.leavesQty()),
            NewOrderSingleTranslator.decimalText(er.avgPx()),
            transactTimeNs == UtcTimestamps.INVALID ? OmsExecutionReport.NO_TIME : transactTimeNs,
            er.hasText() ? er.textAsString() : null,
            er.hasCommission() ? NewOrderSingleTranslator.decimalText(er.commission()) : null), possDup, possResend);
    }

    private void onSessionReject(final DirectBuffer buffer, final int offset, final int length)
    {
        asciiBuffer.wrap(buffer);
        sessionReject.reset();
        sessionReject.decode(asciiBuffer, offset, length);
        listener.onReject(
            "3",
            sessionReject.hasRefTagID() ? sessionReject.refTagID() : 0,
            null,
            sessionReject.hasText() ? sessionReject.textAsString() : null);
    }

    private void onBusinessReject(final DirectBuffer buffer, final int offset, final int length)
    {
        asciiBuffer.wrap(buffer);
        businessReject.reset();
        businessReject.decode(asciiBuffer, offset, length);
        listener.onReject(
            "j",
            0,
            businessReject.hasBusinessRejectRefID() ? businessReject.businessRejectRefIDAsString() : null,
            businessReject.hasText() ? businessReject.textAsString() : null);
    }

    private final class ClientSessionHandler implements SessionHandler
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
            if (messageType == ExecutionReportDecoder.MESSAGE_TYPE)
            {
                onExecutionReport(buffer, offset, length);
            }
            else if (messageType == RejectDecoder.MESSAGE_TYPE)
            {
                onSessionReject(buffer, offset, length);
            }
            else if (messageType == BusinessMessageRejectDecoder.MESSAGE_TYPE)
            {
                onBusinessReject(buffer, offset, length);
            }
            return Action.CONTINUE;
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
            return Action.CONTINUE;
        }

        @Override
        public void onSessionStart(final Session session)
        {
        }
    }
}
