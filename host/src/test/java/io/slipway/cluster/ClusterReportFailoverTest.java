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
import org.junit.jupiter.api.io.TempDir;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;

import java.io.File;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import static io.slipway.cluster.InProcessCluster.BTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leader dies with an OMS report in hand: a hook stops it on the first entry after four
 * children that makes a report (a venue fill of a child, so a partial fill of the parent), keeps
 * that entry's outputs back and applies nothing more; the test then closes it without notice. The
 * entry was committed, so the other members apply it as followers, their gates closed: before
 * report sequences, nobody sent that report and the OMS only saw the next one, whose CumQty
 * included it.
 *
 * <p>QuickFIX/J, an independent FIX engine, is the OMS, through the real FIX gateway (Artio) in
 * front of the cluster. Checked: the withheld report reached the OMS after the failover, every
 * report the core made reached it exactly once by ExecID (none missing, no copy), the order filled
 * with CumQty equal to what the venues filled, the new leader sent reports again and the bridge
 * dropped those it had, and the follower made the same reports as the new leader.
 */
class ClusterReportFailoverTest
{
    private static final int MARKET_SOURCE = 47;
    private static final int OMS_SOURCE = 48;
    private static final long ORDER_QTY = BTC.qtyFromDouble(1.0);
    private static final long HORIZON_NS = TimeUnit.SECONDS.toNanos(6);
    private static final long RESENT_BOUND_MS = 5_000;
    private static final DateTimeFormatter FIX_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @TempDir
    File dir;

    /** One ExecutionReport as QuickFIX/J received it. */
    record Received(String execId, char ordStatus, String cumQty, boolean possDup, long atNanoTime)
    {
    }

    @Test
    void reportOfTheLastEntryOfADeadLeaderReachesTheOmsExactlyOnce() throws Exception
    {
        final OmsLink omsLink = new OmsLink(64);
        final EgressLinks links = new EgressLinks(dir);
        final List<Throwable> gatewayErrors = new CopyOnWriteArrayList<>();
        final AtomicBoolean armed = new AtomicBoolean();
        final AtomicLong haltedAtNs = new AtomicLong();
        // An entry that makes a report and places no child: a venue fill, the report the OMS would miss.
        final ClusterNodeContext.HaltHook hook = (memberId, timestampNs, children, reportsMade) ->
            reportsMade > 0 && children == 0 && armed.compareAndSet(true, false) &&
            haltedAtNs.compareAndSet(0, System.nanoTime());
        final IntFunction<ClusterNodeContext> withEgressLink = links.contexts(context -> context.haltHook(hook));
        final int fixPort = freePort();
        final QuickFixJOms oms = new QuickFixJOms();
        SocketInitiator initiator = null;
        try (InProcessCluster cluster = new InProcessCluster(dir, withEgressLink);
            ClusterInputClient market = cluster.newClient(MARKET_SOURCE);
            ClusterInputClient omsSide = cluster.newClient(OMS_SOURCE);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(cluster.clientDriver.aeronDirectoryName()));
            AgentRunner fixGateway = new AgentRunner(new SleepingMillisIdleStrategy(1), gatewayErrors::add, null,
                new FixGateway(new FixGatewayContext().bindPort(fixPort).heartbeatIntervalS(5).omsLink(omsLink)).start()))
        {
            final Subscription egress = links.subscribe(aeron);
            AgentRunner.startOnThread(fixGateway);
            final ClusterNode firstLeader = cluster.awaitLeader(15_000);
            assertNotNull(firstLeader, "no leader elected");
            market.connect();
            omsSide.connect();
            final LoopbackMarketGateway gateway = new LoopbackMarketGateway(market, BTC);
            final ClusterOmsBridge bridge = new ClusterOmsBridge(omsLink, omsSide);
            final FragmentHandler onEgress = EgressLinks.dispatch(gateway, bridge);

            initiator = oms.start(fixPort);
            final long logonDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!oms.loggedOn.get() && System.nanoTime() < logonDeadline)
            {
                bridge.doWork();
                Thread.sleep(5);
            }
            assertTrue(oms.loggedOn.get(), "QuickFIX/J did not log on to the FIX gateway");

            long nextQuoteNs = 0;
            boolean orderSent = false;
            boolean closed = false;
            ClusterNode newLeader = null;
            final long testDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (System.nanoTime() < testDeadline && !oms.filled())
            {
                final long now = System.nanoTime();
                if (now >= nextQuoteNs)
                {
                    nextQuoteNs = now + TimeUnit.MILLISECONDS.toNanos(20);
                    gateway.quote(BTC.priceFromDouble(60_000), BTC.priceFromDouble(60_001), BTC.qtyFromDouble(10));
                    if (!orderSent && market.ackedSequence() >= 2)
                    {
                        oms.sendTwap("REPORT-1", "1.0", Instant.now().plusNanos(HORIZON_NS));
                        orderSent = true;
                    }
                }
                egress.poll(onEgress, 64);
                bridge.doWork();
                if (!armed.get() && haltedAtNs.get() == 0 && gateway.received().size() >= 4)
                {
                    armed.set(true);
                }
                if (!closed && firstLeader.service().halted())
                {
                    firstLeader.close(); // the process is gone: no goodbye to the other members
                    closed = true;
                }
                if (closed && newLeader == null)
                {
                    newLeader = cluster.leaderOtherThan(firstLeader);
                }
                InProcessCluster.pollQuietly(market);
                InProcessCluster.pollQuietly(omsSide);
                Thread.sleep(1);
            }
            // Reports after the fill (none expected) would still be counted: let the pipeline drain briefly.
            final long drainUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < drainUntil)
            {
                egress.poll(onEgress, 64);
                bridge.doWork();
                InProcessCluster.pollQuietly(omsSide);
                Thread.sleep(1);
            }

            assertTrue(closed, "the halt hook never fired on the leader");
            assertNotNull(newLeader, "no new leader");
            assertTrue(oms.filled(), "the order did not fill at the OMS: " + oms.received);
            final List<String> withheld = firstLeader.service().withheldReports();
            assertFalse(withheld.isEmpty(), "the halted entry made no report the leader kept back");

            final Map<String, Integer> byExecId = new HashMap<>();
            for (final Received report : oms.received)
            {
                byExecId.merge(report.execId(), 1, Integer::sum);
                assertFalse(report.possDup(), "a copy reached the OMS: " + report);
            }
            byExecId.forEach((execId, times) -> assertEquals(1, times, "ExecID " + execId + " reached the OMS " +
                times + " times"));
            final long made = newLeader.service().gate().reportsMade();
            assertEquals(made, oms.received.size(), "every report the core made reached the OMS, none twice " +
                "(made " + made + ", received " + oms.received.size() + ")");
            long resentAtNs = 0;
            for (final String execId : withheld)
            {
                final Received report = find(oms.received, execId);
                assertNotNull(report, "the report " + execId + " the dead leader never sent did not reach the OMS");
                resentAtNs = Math.max(resentAtNs, report.atNanoTime());
            }
            final double resentMs = (resentAtNs - haltedAtNs.get()) / 1e6;
            assertTrue(resentMs <= RESENT_BOUND_MS, "the withheld report arrived " + resentMs + " ms after the death");
            assertTrue(newLeader.service().gate().reportsResent() >= withheld.size(), "the new leader sent again");

            final Received last = oms.received.get(oms.received.size() - 1);
            assertEquals('2', last.ordStatus(), "the last report is Filled");
            assertEquals(0, gateway.duplicates(), "child order ids sent more than once");
            assertEquals(ORDER_QTY, gateway.filledQuantity(), "the venues filled the order quantity");
            assertEquals(BTC.parseQty(last.cumQty()), gateway.filledQuantity(), "CumQty equals what the venues filled");

            final ClusterNode follower = cluster.followerOf(firstLeader, newLeader);
            InProcessCluster.awaitSameDigest(follower, newLeader, market, 5_000);
            assertEquals(newLeader.service().gate().digest(), follower.service().gate().digest(),
                "follower and new leader computed different outputs from the same log");
            assertEquals(made, follower.service().gate().reportsMade(), "the follower made the same reports");
            assertTrue(gatewayErrors.isEmpty(), "FIX gateway errors: " + gatewayErrors);
            System.out.printf("cluster report failover: leader %d halted on an entry making %s after %d children; " +
                "member %d leads; withheld report(s) at the OMS %.0f ms after the leader died; %d reports made, %d " +
                "received by QuickFIX/J, each ExecID once; %d sent again by the new leader, %d copies dropped by the " +
                "bridge; CumQty %s%n", firstLeader.memberId(), withheld, gateway.receivedFrom(firstLeader.memberId()),
                newLeader.memberId(), resentMs, made, oms.received.size(), newLeader.service().gate().reportsResent(),
                bridge.duplicatesDropped(), last.cumQty());
        }
        finally
        {
            if (initiator != null)
            {
                initiator.stop(true);
            }
            links.close();
        }
    }

    /** QuickFIX/J as the OMS: sends one TWAP order and keeps every ExecutionReport with the time it came. */
    static final class QuickFixJOms implements Application
    {
        final AtomicBoolean loggedOn = new AtomicBoolean();
        final List<Received> received = new CopyOnWriteArrayList<>();
        private final SessionID sessionId = new SessionID("FIX.4.4", FixGatewayContext.DEFAULT_INITIATOR_COMP_ID,
            FixGatewayContext.DEFAULT_ACCEPTOR_COMP_ID);

        SocketInitiator start(final int port) throws Exception
        {
            final SessionSettings settings = QuickFixOms.initiatorSettings(sessionId, port, true, 1);
            final SocketInitiator initiator = new SocketInitiator(this, new MemoryStoreFactory(), settings,
                new DefaultMessageFactory());
            initiator.start();
            return initiator;
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
                received.add(new Received(message.getString(17), message.getChar(39), message.getString(14), possDup,
                    System.nanoTime()));
            }
        }
    }

    private static Received find(final List<Received> received, final String execId)
    {
        for (final Received report : received)
        {
            if (report.execId().equals(execId))
            {
                return report;
            }
        }
        return null;
    }

    private static int freePort() throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
