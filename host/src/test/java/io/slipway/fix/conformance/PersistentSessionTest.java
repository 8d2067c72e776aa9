package io.slipway.fix.conformance;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.fix.FixGateway;
import io.slipway.fix.FixGatewayContext;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsLink;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import org.agrona.IoUtil;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * With {@code resetSequenceNumbersOnLogon(false)} and a kept working directory, a second gateway
 * on the same directory continues both sequence numbers, and a ResendRequest from the OMS is
 * answered by replaying the original ExecutionReport with PossDupFlag=Y, not by a gap fill.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class PersistentSessionTest
{
    private static final long WAIT_MS = 10_000;
    private static final Instrument BTC = Instruments.BTC_USD;

    private final OmsLink link = new OmsLink(16);
    private final List<Throwable> gatewayErrors = new CopyOnWriteArrayList<>();
    private final List<RawFixConnection> connections = new ArrayList<>();
    private File directory;
    private AgentRunner gatewayRunner;

    @AfterEach
    void stop()
    {
        connections.forEach(RawFixConnection::close);
        if (gatewayRunner != null)
        {
            gatewayRunner.close();
        }
        if (directory != null)
        {
            IoUtil.delete(directory, true);
        }
        assertTrue(gatewayErrors.isEmpty(), () -> "gateway errors: " + gatewayErrors);
    }

    @Test
    void sequenceNumbersSurviveARestartAndResendReplaysTheOriginalReport() throws Exception
    {
        directory = Files.createTempDirectory("slipway-fix-persist-").toFile();
        final int port = freePort();

        startGateway(port);
        RawFixConnection oms = connect(port);
        oms.send(wire("35=A|34=1|49=TW|52=<TIME>|56=ISLD|98=0|108=30|"));
        assertFields(oms, "A", 1);
        oms.send(wire("35=D|34=2|49=TW|52=<TIME>|56=ISLD|11=P-1|55=BTC-USD|54=1|60=<TIME>|38=1|40=1|"));
        final NewParentOrder order = awaitCommand();
        assertEquals("P-1", order.clOrdId());
        offer(new ParentOrderReport("P-1", "SLP-1", "SLP-1-1", ExecType.NEW, OrdStatus.NEW, BTC, BTC.symbol(),
            Side.BUY, '1', BTC.parseQty("1"), 0, 0, null, 0, BTC.parseQty("1"), 0.0, 0.0, 1_000_000_000L, null));
        final Map<Integer, String> original = assertFields(oms, "8", 2);
        assertEquals("SLP-1-1", original.get(17));
        oms.send(wire("35=5|34=3|49=TW|52=<TIME>|56=ISLD|"));
        assertFields(oms, "5", 3);
        oms.close();
        stopGateway();

        startGateway(port);
        oms = connect(port);
        // Both sides carry on: the gateway expects 4 from the OMS and answers with its own 4.
        oms.send(wire("35=A|34=4|49=TW|52=<TIME>|56=ISLD|98=0|108=30|"));
        assertFields(oms, "A", 4);
        oms.send(wire("35=2|34=5|49=TW|52=<TIME>|56=ISLD|7=2|16=0|"));

        final Map<Integer, String> replayed = assertFields(oms, "8", 2);
        assertEquals("Y", replayed.get(43), "a replayed report is a possible duplicate");
        assertNotNull(replayed.get(122), "OrigSendingTime on a replay");
        assertEquals(original.get(52), replayed.get(122), "OrigSendingTime is the original SendingTime");
        assertEquals("SLP-1-1", replayed.get(17), "the same ExecID");
        assertEquals("P-1", replayed.get(11));

        // The session messages after it (Logout 3, Logon 4) are not replayed but gap-filled.
        final Map<Integer, String> gapFill = assertFields(oms, "4", 3);
        assertEquals("Y", gapFill.get(123));
        assertEquals("5", gapFill.get(36));

        oms.send(wire("35=1|34=6|49=TW|52=<TIME>|56=ISLD|112=AFTER-RESEND|"));
        final Map<Integer, String> heartbeat = assertFields(oms, "0", 5);
        assertEquals("AFTER-RESEND", heartbeat.get(112));
        assertFalse(oms.isClosedByPeer());
    }

    private void startGateway(final int port)
    {
        final FixGateway gateway = new FixGateway(new FixGatewayContext()
            .bindPort(port)
            .acceptorCompId(AcceptanceScriptRunner.ACCEPTOR)
            .initiatorCompId(AcceptanceScriptRunner.INITIATOR)
            .resetSequenceNumbersOnLogon(false)
            .workingDirectory(directory)
            .omsLink(link))
            .start();
        gatewayRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), gatewayErrors::add, null, gateway);
        AgentRunner.startOnThread(gatewayRunner);
    }

    private void stopGateway()
    {
        gatewayRunner.close();
        gatewayRunner = null;
        assertTrue(directory.isDirectory(), "a given working directory is kept");
    }

    private RawFixConnection connect(final int port) throws IOException
    {
        final RawFixConnection connection = new RawFixConnection("127.0.0.1", port);
        connections.add(connection);
        return connection;
    }

    private static String wire(final String fields)
    {
        return AcceptanceScriptRunner.toWire("8=FIX.4.4\u0001" + fields.replace('|', '\u0001'));
    }

    /** Next message that is not a timer Heartbeat; checks MsgType and MsgSeqNum. */
    private static Map<Integer, String> assertFields(
        final RawFixConnection connection, final String msgType, final int msgSeqNum) throws IOException
    {
        while (true)
        {
            final String received = connection.read(WAIT_MS);
            if (received == RawFixConnection.CLOSED)
            {
                fail("connection closed while waiting for 35=" + msgType);
            }
            final Map<Integer, String> fields = AcceptanceScriptRunner.fields(received);
            if ("0".equals(fields.get(35)) && !fields.containsKey(112) && !"0".equals(msgType))
            {
                continue;
            }
            assertEquals(msgType, fields.get(35), () -> AcceptanceScriptRunner.printable(received));
            assertEquals(String.valueOf(msgSeqNum), fields.get(34), () -> AcceptanceScriptRunner.printable(received));
            return fields;
        }
    }

    private NewParentOrder awaitCommand()
    {
        final List<NewParentOrder> received = new ArrayList<>();
        final long deadlineMs = System.currentTimeMillis() + WAIT_MS;
        while (link.drainCommands((command) -> received.add((NewParentOrder)command), 1) == 0)
        {
            if (System.currentTimeMillis() > deadlineMs)
            {
                fail("no command reached the core");
            }
            sleepMs(1);
        }
        return received.get(0);
    }

    private void offer(final ParentOrderReport report)
    {
        while (!link.offerReport(report))
        {
            sleepMs(1);
        }
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
