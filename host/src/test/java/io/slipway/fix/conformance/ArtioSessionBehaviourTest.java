package io.slipway.fix.conformance;

import io.slipway.fix.FixGateway;
import io.slipway.fix.FixGatewayContext;
import io.slipway.oms.OmsLink;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins what Artio 0.175's session layer actually does in the acceptance scripts Slipway excludes
 * as Artio behaviour (see conformance-exclusions.md): each test asserts today's answer, so an
 * Artio upgrade that changes it fails here and the exclusion can be looked at again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class ArtioSessionBehaviourTest
{
    private static final long FIRST_ANSWER_MS = 5_000;
    private static final long QUIET_MS = 700;

    private final OmsLink link = new OmsLink(16);
    private final List<Throwable> gatewayErrors = new CopyOnWriteArrayList<>();
    private AgentRunner gatewayRunner;
    private RawFixConnection oms;
    private int port;

    @BeforeEach
    void start() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        final FixGateway gateway = new FixGateway(new FixGatewayContext()
            .bindPort(port)
            .acceptorCompId(AcceptanceScriptRunner.ACCEPTOR)
            .initiatorCompId(AcceptanceScriptRunner.INITIATOR)
            .sessionEventLog((line) -> { })
            .omsLink(link))
            .start();
        gatewayRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), gatewayErrors::add, null, gateway);
        AgentRunner.startOnThread(gatewayRunner);
        oms = new RawFixConnection("127.0.0.1", port);
        oms.send(wire("35=A|34=1|49=TW|52=<TIME>|56=ISLD|98=0|108=30|"));
        assertEquals("A", received().get(0).get(35));
    }

    @AfterEach
    void stop()
    {
        oms.close();
        gatewayRunner.close();
        assertTrue(gatewayErrors.isEmpty(), () -> "gateway errors: " + gatewayErrors);
    }

    /** 14g: body fields before the header. */
    @Test
    void headerAfterBodyIsRejectedAsACompIdProblemWithoutRefSeqNumAndLoggedOut() throws IOException
    {
        oms.send(wire("35=D|11=id|21=3|40=1|54=1|55=MSFT|60=<TIME>|34=2|49=TW|52=<TIME>|56=ISLD|"));
        final List<Map<Integer, String>> answers = received();
        assertEquals("3", answers.get(0).get(35));
        assertEquals("9", answers.get(0).get(373), "CompID problem, not 14 (tag out of order)");
        assertEquals("49", answers.get(0).get(371));
        assertEquals(String.valueOf(Integer.MIN_VALUE), answers.get(0).get(45), "RefSeqNum is Artio's MISSING_INT");
        assertEquals("5", answers.get(1).get(35), "and the session is logged out");
    }

    /** 2g: a PossDupFlag=Y resend without OrigSendingTime, below the expected MsgSeqNum. */
    @Test
    void possDupWithoutOrigSendingTimeAdvancesTheExpectedMsgSeqNum() throws IOException
    {
        oms.send(wire("35=1|34=2|49=TW|52=<TIME>|56=ISLD|112=A|"));
        oms.send(wire("35=1|34=3|49=TW|52=<TIME>|56=ISLD|112=B|"));
        assertEquals(2, received().size());
        oms.send(wire("35=D|34=2|43=Y|49=TW|52=<TIME>|56=ISLD|11=ID|21=3|38=1|40=1|54=1|55=BTC-USD|60=<TIME>|"));
        final Map<Integer, String> reject = received().get(0);
        assertEquals("3", reject.get(35));
        assertEquals("122", reject.get(371));
        assertEquals("2", reject.get(45));

        oms.send(wire("35=1|34=4|49=TW|52=<TIME>|56=ISLD|112=HELLO|"));
        final Map<Integer, String> logout = received().get(0);
        assertEquals("5", logout.get(35), "FIX expects a Heartbeat here");
        assertEquals("MsgSeqNum too low, expecting 5 but received 4", logout.get(58));
    }

    /** RejectResentMessage: a TestRequest beyond a gap. */
    @Test
    void testRequestBeyondAGapIsDroppedAndTheGapAskedFor() throws IOException
    {
        oms.send(wire("35=1|34=3|49=TW|52=<TIME>|56=ISLD|112=HELLO1|"));
        final List<Map<Integer, String>> answers = received();
        assertEquals(1, answers.size(), () -> "only the ResendRequest: " + answers);
        assertEquals("2", answers.get(0).get(35));
        assertEquals("2", answers.get(0).get(7));
        assertEquals("0", answers.get(0).get(16));

        oms.send(wire("35=4|34=2|43=Y|122=<TIME>|49=TW|52=<TIME>|56=ISLD|123=Y|36=4|"));
        oms.send(wire("35=1|34=4|49=TW|52=<TIME>|56=ISLD|112=HELLO2|"));
        final List<Map<Integer, String>> after = received();
        assertEquals(1, after.size(), () -> "HELLO1 is never answered: " + after);
        assertEquals("HELLO2", after.get(0).get(112));
    }

    /** 10_MsgSeqNumGreater: a GapFill with a too-high MsgSeqNum, then a TestRequest at its NewSeqNo. */
    @Test
    void gapFillBeyondAGapIsTakenSoTheNextTestRequestIsAnswered() throws IOException
    {
        oms.send(wire("35=4|34=10|49=TW|52=<TIME>|56=ISLD|36=20|123=Y|"));
        oms.send(wire("35=1|34=20|49=TW|52=<TIME>|56=ISLD|112=HELLO|"));
        final List<Map<Integer, String>> answers = received();
        assertEquals("2", answers.get(0).get(35), "asks for the gap");
        assertEquals("2", answers.get(0).get(7));
        assertEquals("0", answers.get(1).get(35), "and answers the TestRequest at once");
        assertEquals("HELLO", answers.get(1).get(112));
    }

    /**
     * Every message the gateway sends, the first within {@link #FIRST_ANSWER_MS}, then until it
     * has been quiet for {@link #QUIET_MS}; timer heartbeats left out.
     */
    private List<Map<Integer, String>> received() throws IOException
    {
        final List<Map<Integer, String>> messages = new ArrayList<>();
        while (true)
        {
            final String message;
            try
            {
                message = oms.read(messages.isEmpty() ? FIRST_ANSWER_MS : QUIET_MS);
            }
            catch (final SocketTimeoutException ex)
            {
                return messages;
            }
            if (message == RawFixConnection.CLOSED)
            {
                return messages;
            }
            final Map<Integer, String> fields = AcceptanceScriptRunner.fields(message);
            if (!"0".equals(fields.get(35)) || fields.containsKey(112))
            {
                messages.add(fields);
            }
        }
    }

    private static String wire(final String fields)
    {
        return AcceptanceScriptRunner.toWire("8=FIX.4.4\u0001" + fields.replace('|', '\u0001'));
    }
}
