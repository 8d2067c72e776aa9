package io.slipway.fix.conformance;

import io.slipway.app.SimulatedAppliance;
import io.slipway.domain.Instruments;
import io.slipway.fix.FixGateway;
import io.slipway.fix.FixGatewayContext;
import io.slipway.oms.OmsLink;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays {@link AcceptanceScript}s over raw TCP against a {@link FixGateway} with acceptor CompID
 * {@value #ACCEPTOR} and initiator {@value #INITIATOR}, backed by the simulated appliance as the
 * core, so application messages are answered by the product itself.
 *
 * <p>The scripts were written for an acceptor that echoes application messages; the gateway
 * answers with its own (an ExecutionReport, a BusinessMessageReject, or a session Reject of a
 * message its dictionary refuses). So an expected message is compared at the session layer:
 * <ul>
 *     <li>an expected session message must arrive as that MsgType, and MsgSeqNum, PossDupFlag,
 *     GapFillFlag, NewSeqNo, RefSeqNum, BeginSeqNo, EndSeqNo and TestReqID must match where the
 *     script gives them;</li>
 *     <li>an expected application message must be answered by a message about the application
 *     (any application MsgType, or a Reject (3)), with matching MsgSeqNum and PossDupFlag;</li>
 *     <li>{@code eDISCONNECT} means the gateway must close the connection; what it sends before
 *     closing is not compared (a Logout, usually).</li>
 * </ul>
 * Heartbeats and TestRequests the gateway sends on its own timer while a script waits for
 * something else are skipped.
 *
 * <p>Every script gets a fresh gateway (new port, new working directory), so sequence numbers
 * never leak from one script into the next.
 */
public final class AcceptanceScriptRunner implements AutoCloseable
{
    public static final String ACCEPTOR = "ISLD";
    public static final String INITIATOR = "TW";
    static final long EXPECT_TIMEOUT_MS = 5_000;
    static final long SCRIPT_TIMEOUT_MS = 60_000;

    private static final Set<String> SESSION_TYPES = Set.of("0", "1", "2", "3", "4", "5", "A");
    /** Fields compared on session messages, when the script gives them. */
    private static final int[] SESSION_FIELDS = {34, 43, 123, 36, 45, 7, 16, 112};
    private static final Pattern MESSAGE = Pattern.compile("(8=FIXT?\\.\\d\\.\\d\u0001)(.*?\u0001)(10=.*|)$", Pattern.DOTALL);
    private static final Pattern TIME = Pattern.compile("<TIME(([+-])(\\d+))?>");
    private static final DateTimeFormatter FIX_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS");

    private final OmsLink link = new OmsLink(1 << 10);
    private final List<Throwable> coreErrors = new CopyOnWriteArrayList<>();
    private final Thread coreThread;
    private volatile boolean running = true;

    public AcceptanceScriptRunner()
    {
        coreThread = new Thread(this::runCore, "acceptance-core");
        coreThread.setDaemon(true);
        coreThread.start();
    }

    /**
     * Runs one script against a fresh gateway.
     *
     * @return null if every step held, else what went wrong and where.
     */
    public String run(final AcceptanceScript script)
    {
        return run(script, false);
    }

    /**
     * @param persistent run the gateway with {@code resetSequenceNumbersOnLogon(false)}, so it logs
     *                   what it sends and answers a ResendRequest by replaying it.
     */
    public String run(final AcceptanceScript script, final boolean persistent)
    {
        final int port = freePort();
        final List<Throwable> gatewayErrors = new CopyOnWriteArrayList<>();
        final FixGateway gateway = new FixGateway(new FixGatewayContext()
            .bindPort(port)
            .acceptorCompId(ACCEPTOR)
            .initiatorCompId(INITIATOR)
            .resetSequenceNumbersOnLogon(!persistent)
            .omsLink(link))
            .start();
        final AgentRunner gatewayRunner = new AgentRunner(
            new SleepingMillisIdleStrategy(1), gatewayErrors::add, null, gateway);
        AgentRunner.startOnThread(gatewayRunner);
        final Map<Integer, RawFixConnection> connections = new HashMap<>();
        final List<String> trace = new ArrayList<>();
        try
        {
            final String failure = play(script, port, connections, trace);
            if (failure != null)
            {
                return failure + "\n  trace:\n    " + String.join("\n    ", trace);
            }
            if (!gatewayErrors.isEmpty())
            {
                return "gateway errors: " + gatewayErrors;
            }
            if (!coreErrors.isEmpty())
            {
                return "core errors: " + coreErrors;
            }
            return null;
        }
        finally
        {
            connections.values().forEach(RawFixConnection::close);
            gatewayRunner.close();
            // Whatever the core still answers belongs to this script's session only.
            link.drainCommands((command) -> { }, Integer.MAX_VALUE);
            link.drainReports((report) -> { }, Integer.MAX_VALUE);
        }
    }

    private String play(
        final AcceptanceScript script,
        final int port,
        final Map<Integer, RawFixConnection> connections,
        final List<String> trace)
    {
        final long deadlineMs = System.currentTimeMillis() + SCRIPT_TIMEOUT_MS;
        for (final AcceptanceScript.Step step : script.steps())
        {
            if (System.currentTimeMillis() > deadlineMs)
            {
                return "script timed out after " + SCRIPT_TIMEOUT_MS + " ms at " + step;
            }
            try
            {
                final String failure = playStep(step, port, connections, trace);
                if (failure != null)
                {
                    return step + ": " + failure;
                }
            }
            catch (final IOException ex)
            {
                return step + ": " + ex;
            }
        }
        return null;
    }

    private String playStep(
        final AcceptanceScript.Step step,
        final int port,
        final Map<Integer, RawFixConnection> connections,
        final List<String> trace) throws IOException
    {
        final int id = step.connection();
        switch (step.kind())
        {
            case CONNECT:
            {
                final RawFixConnection old = connections.put(id, new RawFixConnection("127.0.0.1", port));
                if (old != null)
                {
                    old.close();
                }
                trace.add(id + " connect");
                return null;
            }
            case SEND:
            {
                final RawFixConnection connection = connections.get(id);
                if (connection == null)
                {
                    return "no connection " + id;
                }
                final String message = toWire(step.text());
                trace.add(id + " > " + printable(message));
                connection.send(message);
                return null;
            }
            case EXPECT:
            {
                final RawFixConnection connection = connections.get(id);
                if (connection == null)
                {
                    return "no connection " + id;
                }
                return expect(connection, step.text(), id, trace);
            }
            default:
            {
                final RawFixConnection connection = connections.remove(id);
                if (connection == null)
                {
                    return "no connection " + id;
                }
                try
                {
                    return expectDisconnect(connection, id, trace);
                }
                finally
                {
                    connection.close();
                }
            }
        }
    }

    private static String expect(
        final RawFixConnection connection, final String expectedText, final int id, final List<String> trace)
        throws IOException
    {
        final Map<Integer, String> expected = fields(expectedText);
        final String expectedType = expected.get(35);
        while (true)
        {
            final String received;
            try
            {
                received = connection.read(EXPECT_TIMEOUT_MS);
            }
            catch (final SocketTimeoutException ex)
            {
                return "nothing received within " + EXPECT_TIMEOUT_MS + " ms";
            }
            if (received == RawFixConnection.CLOSED)
            {
                trace.add(id + " closed by gateway");
                return "connection closed by the gateway instead";
            }
            trace.add(id + " < " + printable(received));
            final Map<Integer, String> actual = fields(received);
            final String actualType = actual.get(35);
            if (isTimerMessage(actual) && !actualType.equals(expectedType))
            {
                continue;
            }
            return compare(expected, actual);
        }
    }

    private static String expectDisconnect(final RawFixConnection connection, final int id, final List<String> trace)
        throws IOException
    {
        while (true)
        {
            final String received;
            try
            {
                received = connection.read(EXPECT_TIMEOUT_MS);
            }
            catch (final SocketTimeoutException ex)
            {
                return "the gateway did not close the connection within " + EXPECT_TIMEOUT_MS + " ms";
            }
            if (received == RawFixConnection.CLOSED)
            {
                trace.add(id + " closed by gateway");
                return null;
            }
            trace.add(id + " < " + printable(received));
        }
    }

    /** Null if the actual message satisfies the expected one at the session layer. */
    static String compare(final Map<Integer, String> expected, final Map<Integer, String> actual)
    {
        final String expectedType = expected.get(35);
        final String actualType = actual.get(35);
        if (SESSION_TYPES.contains(expectedType))
        {
            if (!expectedType.equals(actualType))
            {
                return "expected MsgType " + expectedType + " but got " + actualType;
            }
            for (final int tag : SESSION_FIELDS)
            {
                final String mismatch = compareField(tag, expected, actual);
                if (mismatch != null)
                {
                    return mismatch;
                }
            }
            return null;
        }

        if (SESSION_TYPES.contains(actualType) && !actualType.equals("3"))
        {
            return "expected an answer to an application message (" + expectedType + ") but got MsgType " + actualType;
        }
        for (final int tag : new int[]{34, 43})
        {
            final String mismatch = compareField(tag, expected, actual);
            if (mismatch != null)
            {
                return mismatch;
            }
        }
        return null;
    }

    private static String compareField(final int tag, final Map<Integer, String> expected, final Map<Integer, String> actual)
    {
        // Flags default to N when absent, so 43=N and no 43 are the same thing.
        final boolean flag = tag == 43 || tag == 123;
        String want = expected.get(tag);
        String got = actual.get(tag);
        if (flag)
        {
            want = want == null ? "N" : want;
            got = got == null ? "N" : got;
        }
        else if (want == null)
        {
            return null;
        }
        return want.equals(got) ? null : "tag " + tag + ": expected " + want + " but got " + got;
    }

    /** A Heartbeat without TestReqID or a TestRequest: what the gateway's timer sends on its own. */
    private static boolean isTimerMessage(final Map<Integer, String> message)
    {
        final String type = message.get(35);
        return ("0".equals(type) && !message.containsKey(112)) || "1".equals(type);
    }

    /**
     * The bytes of a scripted {@code I} line: {@code <TIME>} (optionally {@code <TIME+n>} or
     * {@code <TIME-n>}, n in units of 1.1 s as the scripts were written for) replaced by the
     * current UTC time, BodyLength and CheckSum filled in unless the script gives them. A line
     * that does not look like a FIX message is sent as it stands.
     */
    static String toWire(final String line)
    {
        final Matcher matcher = MESSAGE.matcher(line);
        String message;
        if (matcher.matches())
        {
            final String beginString = matcher.group(1);
            final String tail = insertTimes(matcher.group(2));
            String checksum = matcher.group(3);
            if ("10=0\u0001".equals(checksum))
            {
                checksum = "10=000\u0001";
            }
            message = beginString + (tail.startsWith("9=") ? "" : "9=" + tail.length() + "\u0001") + tail + checksum;
        }
        else
        {
            message = line;
        }
        if (!message.contains("\u000110="))
        {
            message += "10=" + String.format("%03d", checksum(message)) + "\u0001";
        }
        return message;
    }

    static int checksum(final String message)
    {
        int sum = 0;
        for (final byte b : message.getBytes(StandardCharsets.ISO_8859_1))
        {
            sum += b & 0xFF;
        }
        return sum & 0xFF;
    }

    private static String insertTimes(final String text)
    {
        final Matcher matcher = TIME.matcher(text);
        final StringBuilder out = new StringBuilder();
        while (matcher.find())
        {
            long offsetMs = 0;
            if (matcher.group(1) != null)
            {
                offsetMs = Long.parseLong(matcher.group(3)) * 1100L * ("-".equals(matcher.group(2)) ? -1 : 1);
            }
            matcher.appendReplacement(out, LocalDateTime.now(ZoneOffset.UTC).plusNanos(offsetMs * 1_000_000L)
                .format(FIX_TIME));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Tag to value; the first occurrence wins, unparseable fields are kept out. */
    static Map<Integer, String> fields(final String message)
    {
        final Map<Integer, String> fields = new LinkedHashMap<>();
        for (final String field : message.split("\u0001"))
        {
            final int equals = field.indexOf('=');
            if (equals <= 0)
            {
                continue;
            }
            try
            {
                fields.putIfAbsent(Integer.parseInt(field.substring(0, equals)), field.substring(equals + 1));
            }
            catch (final NumberFormatException ignore)
            {
                // a garbled tag is not a field
            }
        }
        return fields;
    }

    static String printable(final String message)
    {
        return message.replace('\u0001', '|');
    }

    /** The simulated appliance takes every command the gateway hands over and answers with its reports. */
    private void runCore()
    {
        try
        {
            final SimulatedAppliance appliance = new SimulatedAppliance(
                new SimulatedAppliance.Context().seed(11).instruments(List.of(Instruments.BTC_USD)),
                (report) ->
                {
                    while (running && !link.offerReport(report))
                    {
                        Thread.onSpinWait();
                    }
                },
                (record) -> { });
            appliance.warmUp();
            final SleepingMillisIdleStrategy idle = new SleepingMillisIdleStrategy(1);
            while (running)
            {
                idle.idle(link.drainCommands((command) ->
                {
                    appliance.submit(command);
                    appliance.runWhileActive(appliance.nowNs());
                }, 16));
            }
        }
        catch (final Throwable ex)
        {
            coreErrors.add(ex);
        }
    }

    private static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        running = false;
        coreThread.join(5_000);
    }
}
