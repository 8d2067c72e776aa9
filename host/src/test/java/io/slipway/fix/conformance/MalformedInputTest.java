package io.slipway.fix.conformance;

import io.slipway.fix.FixGateway;
import io.slipway.fix.FixGatewayContext;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsLink;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Input that has broken FIX parsers before, as permanent tests: the gateway must neither crash
 * nor hang, garbled messages are ignored and the session goes on with the next valid one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class MalformedInputTest
{
    private static final long WAIT_MS = 5_000;

    private final OmsLink link = new OmsLink(16);
    private final List<Throwable> gatewayErrors = new CopyOnWriteArrayList<>();
    private final List<RawFixConnection> connections = new ArrayList<>();
    private final List<String> sessionEvents = new CopyOnWriteArrayList<>();
    private FixGateway gateway;
    private AgentRunner gatewayRunner;
    private int port;

    @BeforeEach
    void start() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        gateway = new FixGateway(new FixGatewayContext()
            .bindPort(port)
            .acceptorCompId(AcceptanceScriptRunner.ACCEPTOR)
            .initiatorCompId(AcceptanceScriptRunner.INITIATOR)
            .sessionEventLog(sessionEvents::add)
            .omsLink(link))
            .start();
        gatewayRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), gatewayErrors::add, null, gateway);
        AgentRunner.startOnThread(gatewayRunner);
    }

    @AfterEach
    void stop()
    {
        connections.forEach(RawFixConnection::close);
        gatewayRunner.close();
        assertTrue(gatewayErrors.isEmpty(), () -> "gateway errors: " + gatewayErrors);
    }

    @Test
    void oversizedBodyLengthIsIgnoredAndTheSessionAnswersTheNextMessage() throws Exception
    {
        // A message claiming 99999999 bytes would swallow everything after it; it is garbled by
        // definition (above maxInboundBodyLength), so it is dropped and the TestRequest behind
        // it, in the same write, is answered at once. The heartbeat interval is long, so only a
        // working session can answer within the wait.
        final RawFixConnection oms = logOn();
        oms.send(raw("8=FIX.4.4|9=99999999|35=D|34=2|49=TW|52=20261121-10:00:00.000|56=ISLD|11=BIG|10=000|") +
            wire("35=1|34=2|49=TW|52=<TIME>|56=ISLD|112=AFTER-BIG|"));
        final Map<Integer, String> heartbeat = next(oms);
        assertEquals("0", heartbeat.get(35));
        assertEquals("AFTER-BIG", heartbeat.get(112), "the message after the oversized one is answered");
        assertEquals(1, gateway.garbledInputDropped());
        assertTrue(sessionEvents.stream().anyMatch((line) -> line.contains("BodyLength 99999999 exceeds the maximum 4096")),
            () -> "logged with its reason: " + sessionEvents);

        // Sent in pieces, with the valid order long after: the garbled bytes never reach the framer.
        oms.send(raw("8=FIX.4.4|9=1234"));
        pause();
        oms.send(raw("5678|35=D|34=3|49=TW|52=20261121-10:00:00.000|56=ISLD|11=BIG-2|55=BTC-USD|"));
        pause();
        oms.send(wire("35=D|34=3|49=TW|52=<TIME>|56=ISLD|11=AFTER-BIG|55=BTC-USD|54=1|60=<TIME>|38=1|40=1|"));
        assertEquals("AFTER-BIG", awaitCommand().clOrdId(), "only the valid order reaches the core");
        assertEquals(2, gateway.garbledInputDropped());

        oms.send(wire("35=1|34=4|49=TW|52=<TIME>|56=ISLD|112=COUNTED|"));
        final Map<Integer, String> counted = next(oms);
        assertEquals("COUNTED", counted.get(112), "inbound numbering counted only the valid messages");

        // Within the limit but longer than the message, the next message in a later write: the
        // first is dropped when the second starts inside its claimed body, the second answered.
        oms.send(raw("8=FIX.4.4|9=2000|35=D|34=5|49=TW|52=20261121-10:00:00.000|56=ISLD|11=LONG|10=000|"));
        pause();
        oms.send(wire("35=1|34=5|49=TW|52=<TIME>|56=ISLD|112=AFTER-LONG|"));
        assertEquals("AFTER-LONG", next(oms).get(112));
        assertEquals(3, gateway.garbledInputDropped());
        assertTrue(drainCommands().isEmpty(), "nothing of the garbled messages reaches the core");
    }

    @Test
    void garbledMessageIsIgnoredAndTheNextValidOneIsProcessed() throws Exception
    {
        final RawFixConnection oms = logOn();
        // A wrong CheckSum, then a BodyLength five bytes short: both must be dropped without a reply.
        final String order = "35=D|34=2|49=TW|52=<TIME>|56=ISLD|11=GARBLED|55=BTC-USD|54=1|60=<TIME>|38=1|40=1|";
        final String wrongChecksum = wire(order);
        oms.send(wrongChecksum.substring(0, wrongChecksum.lastIndexOf("10=")) + "10=000\u0001");
        pause();
        final String shortLength = wire(order.replace("GARBLED", "GARBLED-2"));
        final int lengthStart = shortLength.indexOf("\u00019=") + 3;
        final int lengthEnd = shortLength.indexOf('\u0001', lengthStart);
        final int bodyLength = Integer.parseInt(shortLength.substring(lengthStart, lengthEnd));
        oms.send(shortLength.substring(0, lengthStart) + (bodyLength - 5) + shortLength.substring(lengthEnd));
        pause();
        oms.send(wire("35=D|34=2|49=TW|52=<TIME>|56=ISLD|11=VALID|55=BTC-USD|54=1|60=<TIME>|38=1|40=1|"));

        final NewParentOrder command = awaitCommand();
        assertEquals("VALID", command.clOrdId(), "the valid message is processed, the garbled ones are not");
        pause();
        assertTrue(drainCommands().isEmpty());

        oms.send(wire("35=1|34=3|49=TW|52=<TIME>|56=ISLD|112=NEXT|"));
        final Map<Integer, String> heartbeat = next(oms);
        assertEquals("NEXT", heartbeat.get(112), "inbound numbering counted only the valid message");
        assertEquals("2", heartbeat.get(34));
    }

    @Test
    void garbageJoinedToAValidMessageDoesNotStopTheSession() throws Exception
    {
        final RawFixConnection oms = logOn();
        // First three fields out of order, then a valid TestRequest in the same write: the garbage
        // is dropped, the TestRequest is answered (Artio alone dropped both, 2t).
        oms.send(raw("35=0|8=FIX.4.4|9=29|34=2|49=TW|52=20261121-10:00:00.000|56=ISLD|10=121|") +
            wire("35=1|34=2|49=TW|52=<TIME>|56=ISLD|112=JOINED|"));
        assertEquals("JOINED", next(oms).get(112));

        // MsgType fourth, then a valid TestRequest in the same write: Artio alone read the first as
        // a Reject (35=3, from 34=3) and counted it.
        oms.send(wire("34=3|35=0|49=TW|52=<TIME>|56=ISLD|") + wire("35=1|34=3|49=TW|52=<TIME>|56=ISLD|112=PING|"));
        final Map<Integer, String> heartbeat = next(oms);
        assertEquals("PING", heartbeat.get(112));
        assertEquals("3", heartbeat.get(34), "only the valid messages were counted");
        assertEquals(3, gateway.garbledInputDropped());
    }

    private RawFixConnection logOn() throws IOException
    {
        final RawFixConnection oms = connect();
        oms.send(wire("35=A|34=1|49=TW|52=<TIME>|56=ISLD|98=0|108=30|"));
        assertEquals("A", next(oms).get(35));
        return oms;
    }

    private RawFixConnection connect() throws IOException
    {
        final RawFixConnection connection = new RawFixConnection("127.0.0.1", port);
        connections.add(connection);
        return connection;
    }

    private static Map<Integer, String> next(final RawFixConnection connection) throws IOException
    {
        while (true)
        {
            final String received = connection.read(WAIT_MS);
            if (received == RawFixConnection.CLOSED)
            {
                fail("the gateway closed the connection");
            }
            final Map<Integer, String> fields = AcceptanceScriptRunner.fields(received);
            if ("0".equals(fields.get(35)) && !fields.containsKey(112))
            {
                continue; // a timer heartbeat
            }
            return fields;
        }
    }

    private NewParentOrder awaitCommand()
    {
        final long deadlineMs = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadlineMs)
        {
            final List<NewParentOrder> commands = drainCommands();
            if (!commands.isEmpty())
            {
                assertEquals(1, commands.size(), "exactly one command");
                return commands.get(0);
            }
            sleep(1);
        }
        fail("no command reached the core");
        return null;
    }

    private List<NewParentOrder> drainCommands()
    {
        final List<NewParentOrder> commands = new ArrayList<>();
        link.drainCommands((command) -> commands.add((NewParentOrder)command), Integer.MAX_VALUE);
        return commands;
    }

    private static String wire(final String fields)
    {
        return AcceptanceScriptRunner.toWire("8=FIX.4.4\u0001" + fields.replace('|', '\u0001'));
    }

    private static String raw(final String text)
    {
        return text.replace('|', '\u0001');
    }

    private static void pause()
    {
        sleep(100);
    }

    private static void sleep(final long ms)
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
}
