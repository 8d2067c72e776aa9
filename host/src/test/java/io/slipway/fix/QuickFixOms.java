package io.slipway.fix;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsLink;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** QuickFIX/J, an independent FIX engine, as the OMS: an initiator that queues what it receives. */
public final class QuickFixOms implements Application
{
    final AtomicBoolean loggedOn = new AtomicBoolean();
    final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final SessionID sessionId;
    private final SocketInitiator initiator;
    private final String username;
    private final String password;

    QuickFixOms(final int port, final String senderCompId, final String targetCompId)
    {
        this(port, senderCompId, targetCompId, null, null);
    }

    /** With Username (553) and Password (554) on every Logon, where not null. */
    QuickFixOms(
        final int port, final String senderCompId, final String targetCompId, final String username, final String password)
    {
        this(port, senderCompId, targetCompId, username, password, true, 30);
    }

    /** {@code resetOnLogon} false: sequence numbers kept across reconnects, as against a persistent gateway. */
    QuickFixOms(
        final int port, final String senderCompId, final String targetCompId, final String username, final String password,
        final boolean resetOnLogon, final long reconnectIntervalSeconds)
    {
        this.username = username;
        this.password = password;
        sessionId = new SessionID("FIX.4.4", senderCompId, targetCompId);
        final SessionSettings settings = initiatorSettings(sessionId, port, resetOnLogon, reconnectIntervalSeconds);
        try
        {
            initiator = new SocketInitiator(this, new MemoryStoreFactory(), settings, new DefaultMessageFactory());
            initiator.start();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * A QuickFIX/J initiator's settings for one session to the gateway on loopback: FIX 4.4 with
     * its data dictionary, a 5 s heartbeat, always in session; {@code resetOnLogon} false keeps
     * sequence numbers across reconnects (an OMS that expects resends).
     */
    public static SessionSettings initiatorSettings(
        final SessionID sessionId, final int port, final boolean resetOnLogon, final long reconnectIntervalSeconds)
    {
        final SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "initiator");
        settings.setString(sessionId, "SocketConnectHost", "127.0.0.1");
        settings.setLong(sessionId, "SocketConnectPort", port);
        settings.setLong(sessionId, "HeartBtInt", 5);
        settings.setString(sessionId, "StartTime", "00:00:00");
        settings.setString(sessionId, "EndTime", "00:00:00");
        settings.setString(sessionId, "ResetOnLogon", resetOnLogon ? "Y" : "N");
        settings.setString(sessionId, "ResetOnDisconnect", "N");
        settings.setString(sessionId, "ResetOnLogout", "N");
        settings.setLong(sessionId, "ReconnectInterval", reconnectIntervalSeconds);
        settings.setString(sessionId, "UseDataDictionary", "Y");
        settings.setString(sessionId, "DataDictionary", "FIX44.xml");
        return settings;
    }

    void send(final Message message) throws Exception
    {
        assertTrue(quickfix.Session.sendToTarget(message, sessionId), "QuickFIX/J accepted the message");
    }

    /** Next message of the given type; heartbeats and test requests in between are skipped. */
    Message await(final String msgType) throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FixTestSupport.WAIT_MS);
        while (true)
        {
            final long leftNs = deadlineNs - System.nanoTime();
            final Message message = received.poll(Math.max(0, leftNs), TimeUnit.NANOSECONDS);
            if (message == null)
            {
                fail("no 35=" + msgType + " within " + FixTestSupport.WAIT_MS + " ms");
            }
            final String type = message.getHeader().getString(MsgType.FIELD);
            if (type.equals(msgType))
            {
                return message;
            }
            if (!type.equals("0") && !type.equals("1"))
            {
                fail("expected 35=" + msgType + " but got " + message);
            }
        }
    }

    void close()
    {
        initiator.stop(true);
    }

    /** Drops the connection without a Logout, as a crashed OMS would; it reconnects after its interval. */
    void disconnect() throws Exception
    {
        quickfix.Session.lookupSession(sessionId).disconnect("the OMS went away", false);
        FixTestSupport.await("the OMS to see the connection drop", () -> !loggedOn.get());
    }

    @Override
    public void onCreate(final SessionID sessionId)
    {
    }

    @Override
    public void onLogon(final SessionID sessionId)
    {
        loggedOn.set(true);
    }

    @Override
    public void onLogout(final SessionID sessionId)
    {
        loggedOn.set(false);
    }

    @Override
    public void toAdmin(final Message message, final SessionID sessionId)
    {
        try
        {
            if (message.getHeader().getString(MsgType.FIELD).equals("A"))
            {
                if (username != null)
                {
                    message.setString(553, username);
                }
                if (password != null)
                {
                    message.setString(554, password);
                }
            }
        }
        catch (final FieldNotFound ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void fromAdmin(final Message message, final SessionID sessionId) throws FieldNotFound
    {
        final String type = message.getHeader().getString(MsgType.FIELD);
        if (type.equals("3"))
        {
            received.add(message);
        }
    }

    @Override
    public void toApp(final Message message, final SessionID sessionId)
    {
    }

    @Override
    public void fromApp(final Message message, final SessionID sessionId)
    {
        received.add(message);
    }
}
