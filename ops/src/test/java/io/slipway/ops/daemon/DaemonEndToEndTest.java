package io.slipway.ops.daemon;

import io.slipway.fix.OmsExecutionReport;
import io.slipway.fix.OmsFixClient;
import io.slipway.oms.NewParentOrder;
import io.slipway.ops.SlipwayCli;
import io.slipway.tca.JsonReader;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole daemon in this process (world, card, core, FIX acceptor, admin socket, counters, audit log)
 * with an OMS over real FIX, operated through the admin socket and the CLI. The venues are two
 * simulated seconds away and children are resting LIMIT orders, so a kill always finds children
 * working; the world runs at 20x so a TWAP slice (60 s) comes every 3 s of wall time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonEndToEndTest
{
    private static final long WAIT_MS = 30_000;

    @TempDir
    static Path dir;

    private static Path work;
    private static SlipwayDaemon daemon;
    private static OmsFixClient oms;
    private static AgentRunner omsRunner;
    private static final List<OmsExecutionReport> REPORTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startDaemonAndOms() throws Exception
    {
        final Path scenario = dir.resolve("slow-venues.yaml");
        Files.writeString(scenario, """
            name: slow-venues
            description: Venues two seconds away so child orders are still working when an operator kills.
            market:
              latencyMs: { min: 2000, max: 2000 }
            """);
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        work = dir.resolve("work");
        final String config = """
            workingDirectory: %s
            fix:
              port: %d
              cancelOnDisconnect: false
            world:
              scenario: %s
              seed: 7
              speed: 20
            core:
              childOrderType: LIMIT
            """.formatted(work, port, scenario);
        daemon = SlipwayDaemon.start(DaemonConfig.parse("test.yaml", config), new PrintWriter(System.err, true));

        oms = new OmsFixClient(REPORTS::add);
        oms.connect("127.0.0.1", port);
        omsRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, oms);
        AgentRunner.startOnThread(omsRunner);
    }

    @AfterAll
    static void stop()
    {
        if (omsRunner != null)
        {
            omsRunner.close();
        }
        if (daemon != null)
        {
            daemon.close();
        }
    }

    @Test
    @Order(1)
    void killStopsPlacingSetsTheCardKillBitAndCancelsEveryWorkingChild() throws Exception
    {
        final long simulatedNowNs;
        try (CountersView view = view())
        {
            simulatedNowNs = view.counter("simulated time ms") * 1_000_000L;
        }
        assertTrue(oms.sendNewOrder(new NewParentOrder("ORD-1", "BTC-USD", '1', "20", 1001, NewParentOrder.NO_TIME,
            simulatedNowNs + TimeUnit.HOURS.toNanos(1), null)));
        await("children working at the venues", () -> counter("children working") > 0);

        final AdminClient.Answer answer = AdminClient.send(work, null, "tester", "kill all");
        assertTrue(answer.accepted(), answer.text());
        assertTrue(answer.text().contains("card kill switch set"), answer.text());
        assertTrue(answer.text().matches("(?s).*killed everything: card kill switch set, [1-9][0-9]* cancel\\(s\\) sent.*"),
            answer.text());
        try (CountersView view = view())
        {
            assertEquals(1, view.counter("card kill switch"));
            assertEquals(1, view.counter("kills"));
            assertTrue(view.counter("kill latency last ns") > 0);
            assertTrue(view.counter("cancels sent") > 0);
            final Map<?, ?> kill = (Map<?, ?>)((Map<?, ?>)view.snapshot().get("latency")).get("killNs");
            assertEquals(1.0, kill.get("count"), "the kill's latency is in the histogram");
        }
        final long sentAtKill = counter("children sent");

        // Every working child is taken off the market: the venues report each one done.
        await("every child done at its venue", () -> counter("children working") == 0);
        // Two TWAP slices' worth of wall time: an unkilled order would have placed again.
        Thread.sleep(6_500);
        assertEquals(sentAtKill, counter("children sent"), "no child after the kill");
        assertEquals(0, counter("children working"));
        assertEquals("KILLED", order("ORD-1").get("state"));

        final AdminClient.Answer resumed = AdminClient.send(work, null, "tester", "resume all");
        assertTrue(resumed.accepted(), resumed.text());
        assertEquals(0, counter("card kill switch"));
        await("placing again after resume", () -> counter("children sent") > sentAtKill);
    }

    @Test
    @Order(2)
    void killOfOneVenueAndOfOneOrder() throws Exception
    {
        AdminClient.Answer answer = AdminClient.send(work, null, "tester", "kill venue SIMA");
        assertTrue(answer.accepted(), answer.text());
        assertTrue(answer.text().startsWith("killed venue SIMA"), answer.text());
        await("SIMA killed in the snapshot", () -> "killed".equals(venue("SIMA").get("routing")));
        assertEquals(false, venue("SIMA").get("cardEnabled"), "nothing new leaves the card for SIMA");
        assertEquals(true, venue("SIMB").get("cardEnabled"));
        assertEquals(0, counter("card kill switch"), "a venue kill leaves the others trading");

        answer = AdminClient.send(work, null, "tester", "resume venue SIMA");
        assertTrue(answer.accepted(), answer.text());
        await("SIMA enabled again", () -> Boolean.TRUE.equals(venue("SIMA").get("cardEnabled")));

        answer = AdminClient.send(work, null, "tester", "kill order ORD-1");
        assertTrue(answer.accepted(), answer.text());
        await("ORD-1 paused", () -> "PAUSED".equals(order("ORD-1").get("state")));
        assertFalse(AdminClient.send(work, null, "tester", "kill order NOPE").accepted());
        answer = AdminClient.send(work, null, "tester", "resume order SLP-1");
        assertTrue(answer.accepted(), answer.text());
        await("ORD-1 working", () -> "WORKING".equals(order("ORD-1").get("state")));
    }

    @Test
    @Order(3)
    void riskLimitsOutOfRangeAreRefusedWithTheReasonAndChangeNothing() throws Exception
    {
        AdminClient.Answer answer = AdminClient.send(work, null, "tester", "risk set collarBps 20000");
        assertFalse(answer.accepted());
        assertTrue(answer.text().contains("collarBps must be 1 .. 10000"), answer.text());
        answer = AdminClient.send(work, null, "tester", "risk set maxLeverage 3");
        assertFalse(answer.accepted());
        assertTrue(answer.text().contains("unknown risk limit 'maxLeverage'"), answer.text());
        assertEquals(100, register("COLLAR_BPS"));

        answer = AdminClient.send(work, null, "tester", "risk set collarBps 50");
        assertTrue(answer.accepted(), answer.text());
        assertEquals("collarBps 100 -> 50\n", answer.text());
        await("collar register written", () -> register("COLLAR_BPS") == 50);
        answer = AdminClient.send(work, null, "tester", "risk set maxOrderQty 2.5");
        assertTrue(answer.accepted(), answer.text());
        await("max quantity register written", () -> register("MAX_QTY_LO") == 2_500_000);

        // The core's own limits: checked before the core sees them, then an operator input to the core.
        answer = AdminClient.send(work, null, "tester", "risk set reducingFactor 1.5");
        assertFalse(answer.accepted());
        assertTrue(answer.text().contains("reducingFactor must be in (0, 1), was 1.5"), answer.text());
        answer = AdminClient.send(work, null, "tester", "risk set reducingFactor 0.25");
        assertTrue(answer.accepted(), answer.text());
        assertTrue(answer.text().startsWith("reducingFactor ") && answer.text().contains("-> 0.25 (core"), answer.text());
        await("core limit in the snapshot", () -> 0.25 == coreRisk("reducingFactor"));

        answer = AdminClient.send(work, null, "tester", "venues disable SIMB");
        assertTrue(answer.accepted(), answer.text());
        await("SIMB disabled", () -> "disabled".equals(venue("SIMB").get("routing")));
        assertEquals(false, venue("SIMB").get("cardEnabled"));
        assertTrue(AdminClient.send(work, null, "tester", "venues enable SIMB").accepted());
        assertFalse(AdminClient.send(work, null, "tester", "venues disable NYSE").accepted());
    }

    @Test
    @Order(4)
    void aWrongTokenIsRefusedAndAudited() throws Exception
    {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX))
        {
            channel.connect(UnixDomainSocketAddress.of(work.resolve("admin.sock")));
            channel.write(ByteBuffer.wrap((AdminProtocol.HELLO + "\ntoken 00\nuser mallory\ncommand kill all\n")
                .getBytes(StandardCharsets.UTF_8)));
            final ByteBuffer in = ByteBuffer.allocate(1024);
            while (channel.read(in) >= 0)
            {
                // read to the end
            }
            final String answer = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("REFUSED\nauthentication failed"), answer);
        }
        assertEquals(0, counter("card kill switch"), "the refused kill changed nothing");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(work.resolve(AdminProtocol.TOKEN_FILE))));
    }

    @Test
    @Order(5)
    void cliViewsAndChangesAgainstTheRunningDaemon()
    {
        String out = cli(0, "status");
        assertTrue(out.contains("(alive)"), out);
        assertTrue(out.contains("parents accepted"), out);
        out = cli(0, "orders");
        assertTrue(out.contains("SLP-1") && out.contains("ORD-1"), out);
        out = cli(0, "order", "SLP-1", "--json");
        assertEquals("ORD-1", ((Map<?, ?>)JsonReader.parse(out)).get("clOrdId"));
        out = cli(0, "card", "registers");
        assertTrue(out.contains("COLLAR_BPS") && out.contains("0x57504c53"), out);
        out = cli(0, "card", "counters");
        assertTrue(out.contains("card orders sent"), out);
        out = cli(0, "latency");
        assertTrue(out.contains("killNs"), out);
        out = cli(0, "venues");
        assertTrue(out.contains("SIMA") && out.contains("SIMC"), out);
        out = cli(0, "risk", "show");
        assertTrue(out.contains("collarBps") && out.contains("50"), out);
        for (final String view : List.of("status", "orders", "latency", "venues"))
        {
            JsonReader.parse(cli(0, view, "--json"));
        }
        out = cli(0, "kill", "--order", "SLP-1");
        assertTrue(out.startsWith("killed order SLP-1"), out);
        out = cli(0, "resume", "--order", "SLP-1");
        assertTrue(out.startsWith("resumed order SLP-1"), out);
        assertTrue(cli(1, "risk", "set", "throttleBurst", "0").isEmpty());
        out = cli(0, "pretrade", "SELL", "5", "BTC-USD", "--live");
        assertTrue(out.contains("live books of the daemon"), out);
        out = cli(0, "audit", "verify");
        assertTrue(out.contains("chain intact"), out);
    }

    @Test
    @Order(6)
    void everyChangeAcceptedOrRefusedIsInTheAuditLog() throws Exception
    {
        final List<String> all = Files.readAllLines(work.resolve(AuditLog.FILE_NAME));
        // The gateway records the OMS's logons and session ends in the same chain; the rest are operators'.
        assertTrue(all.stream().anyMatch(line -> line.contains("\tfix-gateway\tfix session\tthe OMS logged on\t")),
            String.join("\n", all));
        final List<String> lines = all.stream().filter(line -> !line.contains("\tfix-gateway\tfix session\t")).toList();
        final AuditLog.Verification verification = AuditLog.verify(work.resolve(AuditLog.FILE_NAME));
        assertTrue(verification.intact(), verification.message());
        // kill, resume, kill venue, resume venue, kill order, refused kill order, resume order, 2 refused risk,
        // 2 risk, refused and accepted core risk limit, disable, enable, refused disable, refused token, CLI kill
        // and resume order, refused throttle
        assertEquals(20, lines.size(), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.contains("risk set reducingFactor 1.5\tREFUSED: reducingFactor")));
        assertTrue(lines.get(0).contains("\tkill all\tOK: killed everything"), lines.get(0));
        assertTrue(lines.stream().anyMatch(line -> line.contains("(as mallory)\tkill all\tREFUSED: authentication failed")));
        assertTrue(lines.stream().anyMatch(line -> line.contains("risk set collarBps 20000\tREFUSED: collarBps must be")));
    }

    private static String cli(final int expectedCode, final String... args)
    {
        final String[] withDir = java.util.Arrays.copyOf(args, args.length + 2);
        withDir[args.length] = "--dir";
        withDir[args.length + 1] = work.toString();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = SlipwayCli.execute(withDir, new PrintWriter(out), new PrintWriter(err));
        assertEquals(expectedCode, code, String.join(" ", args) + ": " + out + err);
        return out.toString();
    }

    private static CountersView view()
    {
        return new CountersView(work.resolve(CountersLayout.FILE_NAME).toFile());
    }

    private static long counter(final String label)
    {
        try (CountersView view = view())
        {
            return view.counter(label);
        }
    }

    private static Map<?, ?> order(final String clOrdId)
    {
        try (CountersView view = view())
        {
            for (final Object order : (List<?>)view.snapshot().get("orders"))
            {
                if (clOrdId.equals(((Map<?, ?>)order).get("clOrdId")))
                {
                    return (Map<?, ?>)order;
                }
            }
        }
        throw new AssertionError("no order " + clOrdId);
    }

    private static double coreRisk(final String name)
    {
        try (CountersView view = view())
        {
            return ((Number)((Map<?, ?>)view.snapshot().get("coreRisk")).get(name)).doubleValue();
        }
    }

    private static Map<?, ?> venue(final String name)
    {
        try (CountersView view = view())
        {
            for (final Object venue : (List<?>)view.snapshot().get("venues"))
            {
                if (name.equals(((Map<?, ?>)venue).get("name")))
                {
                    return (Map<?, ?>)venue;
                }
            }
        }
        throw new AssertionError("no venue " + name);
    }

    private static long register(final String name)
    {
        try (CountersView view = view())
        {
            for (final Object register : (List<?>)view.snapshot().get("registers"))
            {
                if (name.equals(((Map<?, ?>)register).get("name")))
                {
                    return ((Double)((Map<?, ?>)register).get("value")).longValue();
                }
            }
        }
        throw new AssertionError("no register " + name);
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        DaemonWait.until(daemon, what, condition, WAIT_MS);
    }
}
