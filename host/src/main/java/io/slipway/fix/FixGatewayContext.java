package io.slipway.fix;

import io.slipway.oms.OmsLink;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

/**
 * Configuration of a {@link FixGateway}, Aeron style: fluent setters, defaults that suit one OMS
 * link on loopback, and {@link #conclude()} to validate and fill in what was left unset.
 *
 * <p>By default sequence numbers are reset on every logon ({@link #resetSequenceNumbersOnLogon()}
 * is true), nothing is logged and a resend request is answered with a gap fill; the OMS must log
 * on with ResetSeqNumFlag (141=Y) or accept the reset. With it false and a kept
 * {@link #workingDirectory(File)}, the gateway logs every message to an Aeron Archive in that
 * directory: sequence numbers continue across restarts and a resend request replays the original
 * messages with PossDupFlag=Y.
 */
public final class FixGatewayContext
{
    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final int DEFAULT_BIND_PORT = 9880;
    public static final String DEFAULT_ACCEPTOR_COMP_ID = "SLIPWAY";
    public static final String DEFAULT_INITIATOR_COMP_ID = "OMS";
    public static final int DEFAULT_HEARTBEAT_INTERVAL_S = 30;
    public static final int DEFAULT_REPORT_BATCH_LIMIT = 16;
    public static final int DEFAULT_FRAGMENT_LIMIT = 16;
    public static final long DEFAULT_LIBRARY_CONNECT_TIMEOUT_MS = 10_000;
    public static final int DEFAULT_MAX_INBOUND_MESSAGES_PER_SECOND = 1_000;
    /** Far above any order the gateway takes (a NewOrderSingle with every parameter is under 600 bytes). */
    public static final int DEFAULT_MAX_INBOUND_BODY_LENGTH = 4_096;
    /** Artio's receive buffer must hold the longest message whole, with its header and trailer. */
    static final int MIN_MAX_INBOUND_BODY_LENGTH = 256;
    static final int MAX_MAX_INBOUND_BODY_LENGTH = 1 << 20;
    static final int HEADER_AND_TRAILER_ALLOWANCE = 64;

    private String bindHost = DEFAULT_BIND_HOST;
    private int bindPort = DEFAULT_BIND_PORT;
    private String acceptorCompId = DEFAULT_ACCEPTOR_COMP_ID;
    private String initiatorCompId = DEFAULT_INITIATOR_COMP_ID;
    private int heartbeatIntervalS = DEFAULT_HEARTBEAT_INTERVAL_S;
    private boolean resetSequenceNumbersOnLogon = true;
    private int reportBatchLimit = DEFAULT_REPORT_BATCH_LIMIT;
    private int fragmentLimit = DEFAULT_FRAGMENT_LIMIT;
    private long libraryConnectTimeoutMs = DEFAULT_LIBRARY_CONNECT_TIMEOUT_MS;
    private int maxInboundMessagesPerSecond = DEFAULT_MAX_INBOUND_MESSAGES_PER_SECOND;
    private int maxInboundBodyLength = DEFAULT_MAX_INBOUND_BODY_LENGTH;
    private Consumer<String> sessionEventLog = System.err::println;
    private boolean cancelOnDisconnect;
    private FixCredentials credentials;
    private File workingDirectory;
    private boolean deleteWorkingDirectoryOnClose;
    private OmsLink omsLink;
    private File reportDeliveryLogFile;
    private boolean forceReportDeliveryLog;
    private Supplier<IdleStrategy> idleStrategySupplier = () -> new SleepingMillisIdleStrategy(1);
    private GatewayOrderState orderState;
    private boolean concluded;

    /**
     * Validates the settings and creates a unique working directory if none was given (that one
     * is deleted on close). Called by {@link FixGateway}; idempotent.
     *
     * @throws IllegalStateException naming the bad setting.
     */
    public FixGatewayContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (omsLink == null)
        {
            throw new IllegalStateException("omsLink must be set");
        }
        requireText(bindHost, "bindHost");
        requireCompId(acceptorCompId, "acceptorCompId");
        requireCompId(initiatorCompId, "initiatorCompId");
        if (acceptorCompId.equals(initiatorCompId))
        {
            throw new IllegalStateException("acceptorCompId and initiatorCompId must differ, both are " + acceptorCompId);
        }
        if (bindPort < 1 || bindPort > 65535)
        {
            throw new IllegalStateException("bindPort must be 1..65535, was " + bindPort);
        }
        if (heartbeatIntervalS < 1)
        {
            throw new IllegalStateException("heartbeatIntervalS must be positive, was " + heartbeatIntervalS);
        }
        if (reportBatchLimit < 1)
        {
            throw new IllegalStateException("reportBatchLimit must be positive, was " + reportBatchLimit);
        }
        if (fragmentLimit < 1)
        {
            throw new IllegalStateException("fragmentLimit must be positive, was " + fragmentLimit);
        }
        if (libraryConnectTimeoutMs < 1)
        {
            throw new IllegalStateException("libraryConnectTimeoutMs must be positive, was " + libraryConnectTimeoutMs);
        }
        if (maxInboundMessagesPerSecond < 1)
        {
            throw new IllegalStateException(
                "maxInboundMessagesPerSecond must be positive, was " + maxInboundMessagesPerSecond);
        }
        if (maxInboundBodyLength < MIN_MAX_INBOUND_BODY_LENGTH || maxInboundBodyLength > MAX_MAX_INBOUND_BODY_LENGTH)
        {
            throw new IllegalStateException("maxInboundBodyLength must be " + MIN_MAX_INBOUND_BODY_LENGTH + ".." +
                MAX_MAX_INBOUND_BODY_LENGTH + ", was " + maxInboundBodyLength);
        }
        if (sessionEventLog == null)
        {
            throw new IllegalStateException("sessionEventLog must be set");
        }
        if (credentials != null && !credentials.username().chars().allMatch((c) -> c > ' ' && c <= '~'))
        {
            throw new IllegalStateException("credentials username must be printable ASCII without spaces");
        }
        if (reportDeliveryLogFile != null && resetSequenceNumbersOnLogon)
        {
            throw new IllegalStateException("reportDeliveryLog needs persistent sequence numbers: " +
                "a report recorded as sent is recovered by resend, which a reset session cannot do");
        }
        if (idleStrategySupplier == null)
        {
            throw new IllegalStateException("idleStrategySupplier must be set");
        }
        if (orderState == null)
        {
            orderState = new GatewayOrderState();
        }
        if (workingDirectory == null)
        {
            workingDirectory = createUniqueDirectory("slipway-fix-gateway-");
            deleteWorkingDirectoryOnClose = true;
        }
        else if (workingDirectory.exists() && !workingDirectory.isDirectory())
        {
            throw new IllegalStateException("workingDirectory is not a directory: " + workingDirectory);
        }
        concluded = true;
        return this;
    }

    /** Interface the acceptor listens on; default {@value #DEFAULT_BIND_HOST} (loopback only). */
    public FixGatewayContext bindHost(final String bindHost)
    {
        this.bindHost = bindHost;
        return this;
    }

    public String bindHost()
    {
        return bindHost;
    }

    /** TCP port of the acceptor; default {@value #DEFAULT_BIND_PORT}. */
    public FixGatewayContext bindPort(final int bindPort)
    {
        this.bindPort = bindPort;
        return this;
    }

    public int bindPort()
    {
        return bindPort;
    }

    /** Slipway's CompID: the TargetCompID (56) the OMS must use; default {@value #DEFAULT_ACCEPTOR_COMP_ID}. */
    public FixGatewayContext acceptorCompId(final String acceptorCompId)
    {
        this.acceptorCompId = acceptorCompId;
        return this;
    }

    public String acceptorCompId()
    {
        return acceptorCompId;
    }

    /** The only SenderCompID (49) accepted at logon; default {@value #DEFAULT_INITIATOR_COMP_ID}. */
    public FixGatewayContext initiatorCompId(final String initiatorCompId)
    {
        this.initiatorCompId = initiatorCompId;
        return this;
    }

    public String initiatorCompId()
    {
        return initiatorCompId;
    }

    /**
     * Default heartbeat interval, default {@value #DEFAULT_HEARTBEAT_INTERVAL_S} s. An accepted
     * session follows the HeartBtInt (108) the OMS sends in its Logon, as FIX prescribes.
     */
    public FixGatewayContext heartbeatIntervalS(final int heartbeatIntervalS)
    {
        this.heartbeatIntervalS = heartbeatIntervalS;
        return this;
    }

    public int heartbeatIntervalS()
    {
        return heartbeatIntervalS;
    }

    /**
     * Whether both sides start again at sequence number 1 on every logon; default true. False
     * persists sequence numbers and sent messages in the working directory (see the class comment);
     * give a {@link #workingDirectory(File)} to keep them across restarts.
     */
    public FixGatewayContext resetSequenceNumbersOnLogon(final boolean resetSequenceNumbersOnLogon)
    {
        this.resetSequenceNumbersOnLogon = resetSequenceNumbersOnLogon;
        return this;
    }

    public boolean resetSequenceNumbersOnLogon()
    {
        return resetSequenceNumbersOnLogon;
    }

    /** Most reports sent per duty cycle, so a burst of fills cannot starve inbound orders. */
    public FixGatewayContext reportBatchLimit(final int reportBatchLimit)
    {
        this.reportBatchLimit = reportBatchLimit;
        return this;
    }

    public int reportBatchLimit()
    {
        return reportBatchLimit;
    }

    /** Most inbound fragments handled per duty cycle. */
    public FixGatewayContext fragmentLimit(final int fragmentLimit)
    {
        this.fragmentLimit = fragmentLimit;
        return this;
    }

    public int fragmentLimit()
    {
        return fragmentLimit;
    }

    /**
     * Most application messages the OMS session may send in one second, default
     * {@value #DEFAULT_MAX_INBOUND_MESSAGES_PER_SECOND}; beyond it each message is answered with
     * a BusinessMessageReject "throttle exceeded" and nothing reaches the core. Session messages
     * are not counted.
     */
    public FixGatewayContext maxInboundMessagesPerSecond(final int maxInboundMessagesPerSecond)
    {
        this.maxInboundMessagesPerSecond = maxInboundMessagesPerSecond;
        return this;
    }

    public int maxInboundMessagesPerSecond()
    {
        return maxInboundMessagesPerSecond;
    }

    /**
     * Largest BodyLength (9) the gateway takes, default {@value #DEFAULT_MAX_INBOUND_BODY_LENGTH}.
     * A message declaring more is garbled by definition: it is dropped before Artio frames it
     * (see {@link InboundFramingGuard}), logged to {@link #sessionEventLog()}, and the session goes
     * on with the next message. Artio's receive buffer is sized from it.
     */
    public FixGatewayContext maxInboundBodyLength(final int maxInboundBodyLength)
    {
        this.maxInboundBodyLength = maxInboundBodyLength;
        return this;
    }

    public int maxInboundBodyLength()
    {
        return maxInboundBodyLength;
    }

    /** Artio's receive buffer: the longest accepted message plus room for the next one's start. */
    int receiverBufferSize()
    {
        return Math.max(2 * (maxInboundBodyLength + HEADER_AND_TRAILER_ALLOWANCE), 16 * 1024);
    }

    /**
     * Where session-level events that change no order state are written as one line each, for the
     * operator: garbled input dropped. Default {@code System.err::println}. Called from Artio's
     * framer thread.
     */
    public FixGatewayContext sessionEventLog(final Consumer<String> sessionEventLog)
    {
        this.sessionEventLog = sessionEventLog;
        return this;
    }

    public Consumer<String> sessionEventLog()
    {
        return sessionEventLog;
    }

    /**
     * Cancel-on-disconnect: when the OMS session logs out or its connection drops, every parent
     * order it placed that is still working is canceled, through the core like an
     * OrderCancelRequest. Default false: orders keep working while the OMS reconnects, and the
     * reports wait for it.
     */
    public FixGatewayContext cancelOnDisconnect(final boolean cancelOnDisconnect)
    {
        this.cancelOnDisconnect = cancelOnDisconnect;
        return this;
    }

    public boolean cancelOnDisconnect()
    {
        return cancelOnDisconnect;
    }

    /**
     * Username (553) and password hash the Logon must match, besides the CompIDs. Default null:
     * the CompID pair is the only check, which suits a private link only.
     */
    public FixGatewayContext credentials(final FixCredentials credentials)
    {
        this.credentials = credentials;
        return this;
    }

    public FixCredentials credentials()
    {
        return credentials;
    }

    /** How long {@link FixGateway#start()} waits for the library to connect to the engine. */
    public FixGatewayContext libraryConnectTimeoutMs(final long libraryConnectTimeoutMs)
    {
        this.libraryConnectTimeoutMs = libraryConnectTimeoutMs;
        return this;
    }

    public long libraryConnectTimeoutMs()
    {
        return libraryConnectTimeoutMs;
    }

    /**
     * Directory for the embedded media driver ({@code aeron/}) and Artio's files ({@code artio/});
     * one per gateway instance. Default: a new unique temporary directory, deleted on close. A
     * directory given here is kept on close; on start its contents are replaced, except the
     * engine's files and archive when sequence numbers are persisted, which a restart continues from.
     */
    public FixGatewayContext workingDirectory(final File workingDirectory)
    {
        this.workingDirectory = workingDirectory;
        this.deleteWorkingDirectoryOnClose = false;
        return this;
    }

    public File workingDirectory()
    {
        return workingDirectory;
    }

    public boolean deleteWorkingDirectoryOnClose()
    {
        return deleteWorkingDirectoryOnClose;
    }

    /**
     * The gateway's record of which core reports it handed to the session ({@link ReportDeliveryLog});
     * null (default) keeps none. With it, a recovered core lets out again what the gateway never
     * wrote, and the gateway sends each report once: a report it may have sent goes again with
     * PossResend=Y, one it did send is not sent again. Use it with persistent sequence numbers.
     */
    public FixGatewayContext reportDeliveryLog(final File file)
    {
        this.reportDeliveryLogFile = file;
        return this;
    }

    public File reportDeliveryLog()
    {
        return reportDeliveryLogFile;
    }

    /** Force each delivery record to the device (the journal's file sync level 1); default false: page cache. */
    public FixGatewayContext forceReportDeliveryLog(final boolean force)
    {
        this.forceReportDeliveryLog = force;
        return this;
    }

    public boolean forceReportDeliveryLog()
    {
        return forceReportDeliveryLog;
    }

    /**
     * Idle strategy of each background thread of the gateway's FIX stack (Artio's framer and
     * archiver, the embedded media driver and archive), one instance per thread; default a 1 ms
     * sleep, which suits a 2-core box.
     */
    public FixGatewayContext idleStrategySupplier(final Supplier<IdleStrategy> supplier)
    {
        this.idleStrategySupplier = supplier;
        return this;
    }

    public Supplier<IdleStrategy> idleStrategySupplier()
    {
        return idleStrategySupplier;
    }

    /**
     * What the gateway knows of the orders it forwarded (answered ClOrdIDs, working orders, fixed
     * terms). Default: empty. After a restart, pass the one a recovered core's journal replay
     * filled ({@link GatewayOrderState} is the {@link io.slipway.oms.OmsHistory} given to the
     * replay), so duplicate handling, cancel-on-disconnect and the replace checks cover the orders
     * placed before the restart. Owned by the gateway thread once the gateway starts.
     */
    public FixGatewayContext orderState(final GatewayOrderState orderState)
    {
        this.orderState = orderState;
        return this;
    }

    public GatewayOrderState orderState()
    {
        return orderState;
    }

    /** The queues to the execution core; required. */
    public FixGatewayContext omsLink(final OmsLink omsLink)
    {
        this.omsLink = omsLink;
        return this;
    }

    public OmsLink omsLink()
    {
        return omsLink;
    }

    @Override
    public String toString()
    {
        return "FixGatewayContext{" +
            "bindHost=" + bindHost +
            ", bindPort=" + bindPort +
            ", acceptorCompId=" + acceptorCompId +
            ", initiatorCompId=" + initiatorCompId +
            ", heartbeatIntervalS=" + heartbeatIntervalS +
            ", resetSequenceNumbersOnLogon=" + resetSequenceNumbersOnLogon +
            ", maxInboundMessagesPerSecond=" + maxInboundMessagesPerSecond +
            ", maxInboundBodyLength=" + maxInboundBodyLength +
            ", username=" + (credentials == null ? null : credentials.username()) +
            ", workingDirectory=" + workingDirectory +
            '}';
    }

    static File createUniqueDirectory(final String prefix)
    {
        try
        {
            return Files.createTempDirectory(prefix).toFile();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot create a working directory", ex);
        }
    }

    private static void requireText(final String value, final String name)
    {
        if (value == null || value.isBlank())
        {
            throw new IllegalStateException(name + " must be set");
        }
    }

    private static void requireCompId(final String value, final String name)
    {
        requireText(value, name);
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c <= ' ' || c > '~' || c == '=')
            {
                throw new IllegalStateException(name + " must be printable ASCII without spaces or '=', was " + value);
            }
        }
    }
}
