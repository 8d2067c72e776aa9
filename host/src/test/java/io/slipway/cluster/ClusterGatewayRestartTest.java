package io.slipway.cluster;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.slipway.fix.FixGateway;
import io.slipway.fix.FixGatewayContext;
import io.slipway.fix.QuickFixOms;
import io.slipway.oms.OmsLink;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SocketInitiator;

import java.io.File;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static io.slipway.cluster.InProcessCluster.BTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FIX gateway in front of the cluster dies mid-execution and starts again on its directories
 * (Artio's working directory with its archive, and its report delivery log), while the cluster
 * keeps executing. QuickFIX/J is the OMS, with sequence numbers kept across reconnects.
 *
 * <p>The gateway is killed while it holds reports it has taken from the cluster but not given to
 * the OMS (the OMS is logged out for a moment, so they wait on the gateway's link), and the
 * cluster goes on making reports while no gateway listens. The process is gone as a kill leaves
 * it: the FIX stack stops, what was on its link is lost, and its cluster client says no goodbye.
 * Before this change the restarted gateway numbered its cluster inputs from 1 again (all dropped
 * as already applied), started its report sequence at 0, and the cluster had already forgotten
 * the reports acknowledged at hand-over: the OMS never got the rest of the order.
 *
 * <p>Checked: the restarted gateway resumed after the report sequence the log held as delivered
 * (not 0), its first inputs were applied, every ExecID the core made reached QuickFIX/J, none
 * twice unless flagged as a possible copy, the reports that waited on the dead gateway's link and
 * those made while it was down among them, the order filled with CumQty equal to what the venues
 * filled and to the sum of the distinct fills, no child id twice, and the follower made the same
 * outputs as the leader.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterGatewayRestartTest
{
    private static final int MARKET_SOURCE = 57;
    private static final int OMS_SOURCE = 58;
    private static final long ORDER_QTY = BTC.qtyFromDouble(1.0);
    private static final long HORIZON_NS = TimeUnit.SECONDS.toNanos(14);
    private static final int STATUS_REQUESTS_BEFORE_KILL = 24;
    private static final DateTimeFormatter FIX_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @TempDir
    File dir;

    private final List<Throwable> gatewayErrors = new CopyOnWriteArrayList<>();

    /** One ExecutionReport as QuickFIX/J received it. */
    record Received(String execId, String execType, char ordStatus, BigDecimal lastQty, BigDecimal cumQty,
        boolean possDup, boolean possResend, String ordStatusReqId)
    {
    }

    /** The gateway process in front of the cluster: FIX stack, OMS link, bridge and cluster client. */
    private final class GatewayProcess
    {
        final OmsLink link = new OmsLink(64);
        final FixGateway fix;
        final AgentRunner runner;
        final Aeron aeron;
        final ClusterInputClient client;
        final ClusterOmsBridge bridge;
        boolean dead;

        GatewayProcess(final InProcessCluster cluster, final int port, final File fixDir, final File deliveryLog)
        {
            fix = new FixGateway(new FixGatewayContext()
                .bindPort(port)
                .heartbeatIntervalS(5)
                .resetSequenceNumbersOnLogon(false)
                .workingDirectory(fixDir)
                .reportDeliveryLog(deliveryLog)
                .omsLink(link))
                .start();
            runner = new AgentRunner(new SleepingMillisIdleStrategy(1), gatewayErrors::add, null, fix);
            AgentRunner.startOnThread(runner);
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(cluster.clientDriver.aeronDirectoryName()));
            client = connect(new ClusterInputClient(aeron,
                ClusterNodeContext.ingressEndpoints(ClusterNodeContext.DEFAULT_HOST, cluster.basePort, cluster.nodes.length),
                ClusterNodeContext.DEFAULT_HOST, OMS_SOURCE));
            bridge = new ClusterOmsBridge(link, client);
        }

        void doWork()
        {
            if (!dead)
            {
                bridge.doWork();
                InProcessCluster.pollQuietly(client);
            }
        }

        /** Gone as a kill leaves it: the FIX stack stops, the link's reports are lost, no goodbye to the cluster. */
        void kill()
        {
            dead = true;
            runner.close(AgentRunner.RETRY_CLOSE_TIMEOUT_MS, thread -> { });
            aeron.close();
        }
    }

    @Test
    void aRestartedGatewayLosesNoReportAndSendsNoneTwice() throws Exception
    {
        final EgressLinks links = new EgressLinks(dir);
        final int fixPort = freePort();
        final File fixDir = new File(dir, "gateway-fix");
        final File deliveryLog = new File(dir, "gateway-delivery.log");
        final PersistentOms oms = new PersistentOms();
        final GatewayProcess[] process = new GatewayProcess[1];
        try (InProcessCluster cluster = new InProcessCluster(dir, links.contexts(context -> context));
            ClusterInputClient market = cluster.newClient(MARKET_SOURCE);
            Aeron venuesAeron = Aeron.connect(
                new Aeron.Context().aeronDirectoryName(cluster.clientDriver.aeronDirectoryName())))
        {
            try
            {
                run(cluster, market, venuesAeron, links, fixPort, fixDir, deliveryLog, oms, process);
            }
            finally
            {
                // Before the client media driver closes: an Aeron client left open would stop the JVM.
                oms.stop();
                if (process[0] != null && !process[0].dead)
                {
                    process[0].kill();
                }
            }
        }
        finally
        {
            links.close();
        }
    }

    private void run(final InProcessCluster cluster, final ClusterInputClient market, final Aeron venuesAeron,
        final EgressLinks links, final int fixPort, final File fixDir, final File deliveryLog, final PersistentOms oms,
        final GatewayProcess[] process) throws Exception
    {
        final long[] reportsLostWhileDown = {0};
        final Subscription egress = links.subscribe(venuesAeron);
        final ClusterNode leader = cluster.awaitLeader(15_000);
        assertNotNull(leader, "no leader elected");
        connect(market);
        final LoopbackMarketGateway venues = new LoopbackMarketGateway(market, BTC);
        process[0] = new GatewayProcess(cluster, fixPort, fixDir, deliveryLog);
        assertEquals(0, process[0].bridge.resumedAfter(), "a first start resumes from the beginning");
        // The venues outlive the gateway; a report for the OMS reaches only a live gateway.
        final FragmentHandler onEgress = (buffer, offset, length, header) ->
        {
            if (!venues.onEgress(buffer, offset, System.nanoTime()))
            {
                if (process[0].dead)
                {
                    reportsLostWhileDown[0]++;
                }
                else
                {
                    process[0].bridge.onEgressReport(buffer, offset, length);
                }
            }
        };
        final Runnable duty = () ->
        {
            egress.poll(onEgress, 64);
            process[0].doWork();
            InProcessCluster.pollQuietly(market);
        };

        oms.start(fixPort);
        awaitWhile("QuickFIX/J logon", () -> !oms.loggedOn.get(), 15_000, duty);

        // Phase 1: the order works, reports reach the OMS.
        long nextQuoteNs = 0;
        boolean orderSent = false;
        final long phaseDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (oms.received.size() < 4 && System.nanoTime() < phaseDeadline)
        {
            nextQuoteNs = quote(venues, nextQuoteNs);
            if (!orderSent && market.ackedSequence() >= 2)
            {
                oms.sendTwap("GWR-1", "1.0", Instant.now().plusNanos(HORIZON_NS));
                orderSent = true;
            }
            duty.run();
            Thread.sleep(1);
        }
        assertTrue(oms.received.size() >= 4, "reports reached the OMS before the kill: " + oms.received);
        // Status requests (cluster inputs like any OMS command) put the gateway's input numbering
        // well past what a restarted gateway sends before its first command after the restart.
        for (int i = 0; i < STATUS_REQUESTS_BEFORE_KILL; i++)
        {
            oms.sendStatus("GWR-1", "BEFORE-" + i);
        }
        awaitWhile("the answers to the status requests", () -> oms.statusAnswers() < STATUS_REQUESTS_BEFORE_KILL,
            20_000, duty);

        // Phase 2: the OMS logs out; reports wait on the gateway's link, taken from the cluster but not delivered.
        oms.logout();
        awaitWhile("QuickFIX/J logout", oms.loggedOn::get, 10_000, duty);
        final long[] quoteAt = {nextQuoteNs};
        final long handedAtLogout = process[0].bridge.handedSequence();
        awaitWhile("reports waiting on the gateway's link", () ->
            process[0].bridge.handedSequence() < handedAtLogout + 2, 20_000, () ->
            {
                quoteAt[0] = quote(venues, quoteAt[0]);
                duty.run();
            });
        final long acknowledgedAtKill = process[0].bridge.deliveredSequence();
        final long waitingAtKill = process[0].bridge.handedSequence() - process[0].link.reportsDelivered();
        final long childrenAtKill = venues.received().size();

        // Phase 3: the gateway dies; the cluster goes on making reports with nobody to take them.
        process[0].kill();
        final long downUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
        while (System.nanoTime() < downUntil)
        {
            quoteAt[0] = quote(venues, quoteAt[0]);
            duty.run();
            Thread.sleep(1);
        }
        final long lostWhileDown = reportsLostWhileDown[0];

        // Phase 4: the gateway starts again on the same directories; the OMS logs on again.
        final long restartNs = System.nanoTime();
        process[0] = new GatewayProcess(cluster, fixPort, fixDir, deliveryLog);
        final GatewayProcess restarted = process[0];
        final long restartedMs = (System.nanoTime() - restartNs) / 1_000_000;
        oms.logon();
        awaitWhile("QuickFIX/J logon after the restart", () -> !oms.loggedOn.get(), 20_000, duty);
        // The first command after the restart: numbered after the dead gateway's inputs, it is applied.
        oms.sendStatus("GWR-1", "AFTER-RESTART");
        final long finishDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((!oms.filled() || oms.answer("AFTER-RESTART") == null) && System.nanoTime() < finishDeadline)
        {
            quoteAt[0] = quote(venues, quoteAt[0]);
            duty.run();
            Thread.sleep(1);
        }
        // Anything still in flight would be counted: let the pipeline drain briefly.
        final long drainUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (System.nanoTime() < drainUntil)
        {
            duty.run();
            Thread.sleep(1);
        }

        assertTrue(oms.filled(), "the order did not fill at the OMS after the gateway restart: " + oms.received);
        assertNotNull(oms.answer("AFTER-RESTART"), "the status request sent after the restart was answered");
        assertTrue(waitingAtKill >= 2, "reports were waiting on the gateway's link at the kill");
        assertTrue(lostWhileDown >= 1, "the cluster made reports while the gateway was down");
        assertTrue(acknowledgedAtKill > 0, "reports were acknowledged before the kill");
        // What the dead gateway acknowledged last may not have reached the log: never more than that.
        assertTrue(restarted.bridge.resumedAfter() > 0 && restarted.bridge.resumedAfter() <= acknowledgedAtKill,
            "the restarted gateway resumed after what the log held as delivered (" +
            restarted.bridge.resumedAfter() + ", the dead one had delivered " + acknowledgedAtKill + ")");
        assertEquals(1, restarted.client.claims(), "the restarted gateway claimed its source once");
        assertTrue(restarted.client.ackedSequence() > 0 && restarted.client.unackedCount() == 0,
            "the restarted gateway's inputs were applied (acked " + restarted.client.ackedSequence() + ")");

        final ClusterNode current = cluster.awaitLeader(5_000);
        assertNotNull(current, "a leader");
        final long made = current.service().gate().reportsMade();
        final Map<String, List<Received>> byExecId = oms.byExecId();
        assertEquals(made, byExecId.size(), "every report the core made reached the OMS (made " + made +
            ", distinct ExecIDs received " + byExecId.size() + ")");
        int copies = 0;
        for (final Map.Entry<String, List<Received>> entry : byExecId.entrySet())
        {
            for (int i = 1; i < entry.getValue().size(); i++)
            {
                final Received copy = entry.getValue().get(i);
                assertTrue(copy.possDup() || copy.possResend(), entry.getKey() + " reached the OMS " +
                    entry.getValue().size() + " times, a copy without PossDupFlag or PossResend: " + copy);
                copies++;
            }
        }

        Received last = null;
        BigDecimal fills = BigDecimal.ZERO;
        for (final List<Received> received : byExecId.values())
        {
            final Received first = received.get(0);
            if ("F".equals(first.execType()))
            {
                fills = fills.add(first.lastQty());
            }
            if (first.ordStatus() == '2')
            {
                last = first;
            }
        }
        assertNotNull(last, "a Filled report");
        assertEquals(0, venues.duplicates(), "child order ids sent more than once");
        assertEquals(ORDER_QTY, venues.filledQuantity(), "the venues filled the order quantity");
        assertEquals(BTC.parseQty(last.cumQty().toPlainString()), venues.filledQuantity(),
            "CumQty equals what the venues filled");
        assertEquals(0, fills.compareTo(last.cumQty()), "distinct fills " + fills + " add up to CumQty " +
            last.cumQty());
        assertEquals(0, current.service().gate().reportsNotRetained(), "no report dropped from retention");

        final ClusterNode follower = followerOf(cluster, current);
        InProcessCluster.awaitSameDigest(follower, current, market, 5_000);
        assertEquals(current.service().gate().digest(), follower.service().gate().digest(),
            "follower and leader computed different outputs from the same log");
        assertTrue(gatewayErrors.isEmpty(), "FIX gateway errors: " + gatewayErrors);
        System.out.printf("cluster gateway restart: killed after %d children with %d report(s) acknowledged " +
            "and %d waiting on its link; %d report(s) made while it was down; restarted in %d ms, resumed after " +
            "report %d; %d reports made, %d distinct ExecIDs at QuickFIX/J, %d flagged copies; %d sent again by " +
            "the cluster, %d copies dropped by the bridge, %d skipped by the delivery log as already archived; " +
            "CumQty %s%n", childrenAtKill, acknowledgedAtKill, waitingAtKill, lostWhileDown, restartedMs,
            restarted.bridge.resumedAfter(), made, byExecId.size(), copies, current.service().gate().reportsResent(),
            restarted.bridge.duplicatesDropped(), restarted.fix.reportsAlreadySent(), last.cumQty());
    }

    /** A loaded build machine can miss the client's 5 s connect timeout once: try again for a while. */
    private static ClusterInputClient connect(final ClusterInputClient client)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true)
        {
            try
            {
                return client.connect();
            }
            catch (final RuntimeException ex)
            {
                if (System.nanoTime() > deadline)
                {
                    throw ex;
                }
            }
        }
    }

    private static long quote(final LoopbackMarketGateway venues, final long nextQuoteNs)
    {
        final long now = System.nanoTime();
        if (now < nextQuoteNs)
        {
            return nextQuoteNs;
        }
        venues.quote(BTC.priceFromDouble(60_000), BTC.priceFromDouble(60_001), BTC.qtyFromDouble(10));
        return now + TimeUnit.MILLISECONDS.toNanos(20);
    }

    private static void awaitWhile(final String what, final BooleanSupplier waiting, final long timeoutMs,
        final Runnable duty) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (waiting.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            duty.run();
            Thread.sleep(1);
        }
    }

    private static ClusterNode followerOf(final InProcessCluster cluster, final ClusterNode leader)
    {
        for (final ClusterNode node : cluster.nodes)
        {
            if (node != leader)
            {
                return node;
            }
        }
        throw new IllegalStateException("no follower");
    }

    /**
     * QuickFIX/J as an OMS that outlives the gateway: sequence numbers kept across reconnects,
     * reconnecting every second while enabled; every ExecutionReport kept with its flags.
     */
    static final class PersistentOms implements Application
    {
        final AtomicBoolean loggedOn = new AtomicBoolean();
        final List<Received> received = new CopyOnWriteArrayList<>();
        private final SessionID sessionId = new SessionID("FIX.4.4", FixGatewayContext.DEFAULT_INITIATOR_COMP_ID,
            FixGatewayContext.DEFAULT_ACCEPTOR_COMP_ID);

        private SocketInitiator initiator;

        void start(final int port) throws Exception
        {
            initiator = new SocketInitiator(this, new MemoryStoreFactory(),
                QuickFixOms.initiatorSettings(sessionId, port, false, 1), new DefaultMessageFactory());
            initiator.start();
        }

        void stop()
        {
            if (initiator != null)
            {
                initiator.stop(true);
            }
        }

        void sendTwap(final String clOrdId, final String quantity, final Instant expireTime)
        {
            final Message order = new Message();
            order.getHeader().setString(35, "D");
            order.setString(11, clOrdId);
            order.setString(55, BTC.symbol());
            order.setChar(54, '1');
            order.setString(60, FIX_TIME.format(Instant.now()));
            order.setString(38, quantity);
            order.setChar(40, '1');
            order.setInt(847, 1001);
            order.setString(126, FIX_TIME.format(expireTime));
            try
            {
                assertTrue(Session.sendToTarget(order, sessionId), "QuickFIX/J took the order");
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }

        void sendStatus(final String clOrdId, final String ordStatusReqId)
        {
            final Message status = new Message();
            status.getHeader().setString(35, "H");
            status.setString(11, clOrdId);
            status.setString(55, BTC.symbol());
            status.setChar(54, '1');
            status.setString(790, ordStatusReqId);
            try
            {
                assertTrue(Session.sendToTarget(status, sessionId), "QuickFIX/J took the status request");
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }

        int statusAnswers()
        {
            int answers = 0;
            for (final Received report : received)
            {
                if ("I".equals(report.execType()))
                {
                    answers++;
                }
            }
            return answers;
        }

        Received answer(final String ordStatusReqId)
        {
            for (final Received report : received)
            {
                if (ordStatusReqId.equals(report.ordStatusReqId()))
                {
                    return report;
                }
            }
            return null;
        }

        /** Logs out and stays out (QuickFIX/J does not reconnect a session logged out by its application). */
        void logout()
        {
            Session.lookupSession(sessionId).logout("stepping away");
        }

        /** Lets QuickFIX/J reconnect and log on again. */
        void logon()
        {
            Session.lookupSession(sessionId).logon();
        }

        boolean filled()
        {
            for (final Received report : received)
            {
                if (report.ordStatus() == '2')
                {
                    return true;
                }
            }
            return false;
        }

        Map<String, List<Received>> byExecId()
        {
            final Map<String, List<Received>> byId = new LinkedHashMap<>();
            for (final Received report : received)
            {
                byId.computeIfAbsent(report.execId(), id -> new ArrayList<>()).add(report);
            }
            return byId;
        }

        @Override
        public void onCreate(final SessionID id)
        {
        }

        @Override
        public void onLogon(final SessionID id)
        {
            loggedOn.set(true);
        }

        @Override
        public void onLogout(final SessionID id)
        {
            loggedOn.set(false);
        }

        @Override
        public void toAdmin(final Message message, final SessionID id)
        {
        }

        @Override
        public void fromAdmin(final Message message, final SessionID id)
        {
        }

        @Override
        public void toApp(final Message message, final SessionID id)
        {
        }

        @Override
        public void fromApp(final Message message, final SessionID id) throws FieldNotFound
        {
            if (message.getHeader().getString(35).equals("8"))
            {
                final boolean possDup = message.getHeader().isSetField(43) && message.getHeader().getBoolean(43);
                final boolean possResend = message.getHeader().isSetField(97) && message.getHeader().getBoolean(97);
                received.add(new Received(message.getString(17), message.getString(150), message.getChar(39),
                    message.isSetField(32) ? new BigDecimal(message.getString(32)) : BigDecimal.ZERO,
                    new BigDecimal(message.getString(14)), possDup, possResend,
                    message.isSetField(790) ? message.getString(790) : null));
            }
        }
    }

    private static int freePort() throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
