package io.slipway.cluster;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.slipway.fix.FixGateway;
import io.slipway.fix.FixGatewayContext;
import io.slipway.fix.OmsExecutionReport;
import io.slipway.fix.OmsFixClient;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsLink;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.concurrent.TimeUnit;

import static io.slipway.cluster.InProcessCluster.BTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leader loss in the middle of an execution, with every piece real: three members (consensus,
 * archive, media driver, the execution core as the clustered service), each sending its gated
 * egress over Aeron UDP; a market gateway feeding quotes and venue reports through a cluster
 * client; and an OMS on FIX whose session ends at a FIX gateway in front of its own cluster
 * client. The leader is stopped without notice mid-order; the others elect a new leader, the
 * order completes, and the OMS's session stays logged on throughout.
 */
class ClusterFailoverTest
{
    private static final int MARKET_SOURCE = 7;
    private static final int OMS_SOURCE = 8;
    private static final long ORDER_QTY = BTC.qtyFromDouble(1.0);
    private static final long HORIZON_NS = TimeUnit.SECONDS.toNanos(6);

    @TempDir
    File dir;

    private final OmsLink omsLink = new OmsLink(64);
    private final List<Throwable> gatewayErrors = new CopyOnWriteArrayList<>();

    @Test
    void executionContinuesOnNewLeaderWithoutDuplicateOrLostFillAndTheOmsSessionStaysUp() throws Exception
    {
        final EgressLinks links = new EgressLinks(dir);
        final List<OmsExecutionReport> fixReports = new ArrayList<>();
        final int fixPort = freePort();
        final IntFunction<ClusterNodeContext> withEgressLink = links.contexts(UnaryOperator.identity());
        try (InProcessCluster cluster = new InProcessCluster(dir, withEgressLink);
            ClusterInputClient market = cluster.newClient(MARKET_SOURCE);
            ClusterInputClient omsSide = cluster.newClient(OMS_SOURCE);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(cluster.clientDriver.aeronDirectoryName()));
            AgentRunner fixGateway = new AgentRunner(new SleepingMillisIdleStrategy(1), gatewayErrors::add, null,
                new FixGateway(new FixGatewayContext().bindPort(fixPort).omsLink(omsLink)).start());
            OmsFixClient oms = new OmsFixClient(fixReports::add))
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

            oms.connect("127.0.0.1", fixPort);
            assertTrue(oms.isLoggedOn(), "OMS did not log on to the FIX gateway");

            long nextQuoteNs = 0;
            boolean orderSent = false;
            boolean stayedLoggedOn = true;
            long killedAtNs = 0;
            int childrenBeforeKill = 0;
            final long testDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < testDeadline && !isFilled(fixReports))
            {
                final long now = System.nanoTime();
                if (now >= nextQuoteNs)
                {
                    // Quotes first, so the order has a two-sided market on arrival.
                    nextQuoteNs = now + TimeUnit.MILLISECONDS.toNanos(20);
                    gateway.quote(BTC.priceFromDouble(60_000), BTC.priceFromDouble(60_001), BTC.qtyFromDouble(10));
                    if (!orderSent && market.ackedSequence() >= 2)
                    {
                        final long epochNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
                        assertTrue(oms.sendNewOrder(new NewParentOrder("FAILOVER-1", BTC.symbol(), '1', "1.0", 1001,
                            NewParentOrder.NO_TIME, epochNs + HORIZON_NS, null)));
                        orderSent = true;
                    }
                }
                egress.poll(onEgress, 64);
                bridge.doWork();
                oms.poll();
                if (killedAtNs == 0 && gateway.received().size() >= 8)
                {
                    childrenBeforeKill = gateway.received().size();
                    killedAtNs = System.nanoTime();
                    firstLeader.close();
                }
                stayedLoggedOn &= oms.isLoggedOn();
                InProcessCluster.pollQuietly(market);
                InProcessCluster.pollQuietly(omsSide);
                Thread.sleep(1);
            }

            ClusterNode newLeader = null;
            for (final ClusterNode node : cluster.nodes)
            {
                if (node != firstLeader && node.isLeader())
                {
                    newLeader = node;
                }
            }
            assertNotNull(newLeader, "no new leader after the first was stopped");
            final ClusterNode leader = newLeader;
            assertTrue(killedAtNs > 0, "the leader was never stopped: too few child orders");
            final LoopbackMarketGateway.Child firstAfterKill = gateway.firstChildAfter(killedAtNs,
                firstLeader.memberId());
            assertNotNull(firstAfterKill, "no child order after the leader was stopped");
            final double failoverMs = (firstAfterKill.atNanoTime() - killedAtNs) / 1e6;
            System.out.printf("cluster failover: leader %d stopped after %d child orders; member %d leads, known to " +
                "the gateway %.0f ms and first child order from it %.0f ms after the stop; %d inputs resent%n",
                firstLeader.memberId(), childrenBeforeKill, newLeader.memberId(),
                (market.lastLeaderChangeNanoTime() - killedAtNs) / 1e6, failoverMs, market.resent());

            // The order completed; every child reached a venue once; the OMS heard every fill over FIX.
            assertTrue(isFilled(fixReports), "parent order did not complete: " + last(fixReports));
            assertTrue(stayedLoggedOn, "the OMS's FIX session dropped during failover");
            assertEquals(List.of(), gatewayErrors);
            long sentQuantity = 0;
            for (final LoopbackMarketGateway.Child sent : gateway.received())
            {
                sentQuantity += sent.quantity();
            }
            assertEquals(0, gateway.duplicates(), "child order ids sent more than once");
            assertEquals(ORDER_QTY, sentQuantity);
            assertEquals(ORDER_QTY, gateway.filledQuantity());
            assertEquals(ORDER_QTY, BTC.parseQty(last(fixReports).cumQty()), "OMS CumQty equals what the venues filled");
            assertEquals(1, bridge.commandsForwarded());

            // Only leaders sent: the stopped one before, the new one after; the follower held everything.
            for (final ClusterNode node : cluster.nodes)
            {
                if (node != firstLeader && node != newLeader)
                {
                    assertEquals(0, node.service().gate().childOrdersSent(), "a follower sent a child order");
                    assertTrue(node.service().gate().childOrdersHeld() > 0, "the follower computed nothing");
                }
            }
            for (final LoopbackMarketGateway.Child sent : gateway.received())
            {
                if (sent.memberId() == firstLeader.memberId())
                {
                    assertTrue(sent.atNanoTime() <= firstAfterKill.atNanoTime(), "the stopped leader sent after failover");
                }
                else
                {
                    assertEquals(newLeader.memberId(), sent.memberId(), "a child came from a non-leader");
                }
            }

            // The surviving follower computed exactly what the new leader sent.
            final ClusterNode follower = otherThan(cluster, firstLeader, newLeader);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (follower.service().gate().digest() != newLeader.service().gate().digest() &&
                System.nanoTime() < deadline)
            {
                InProcessCluster.pollQuietly(market);
                Thread.sleep(5);
            }
            assertEquals(newLeader.service().gate().digest(), follower.service().gate().digest(),
                "follower and leader computed different outputs from the same log");
            assertNotEquals(0, newLeader.service().inputsApplied());
            assertEquals(0, leader.service().inputsRejected(), () -> leader.service().lastRejection());
            assertTrue(failoverMs <= 5_000, "failover took " + failoverMs + " ms");

            // The stopped member comes back: it replays its own log from the start, catches up from
            // the leader as a follower, and computes the same outputs without sending any.
            final long restartNs = System.nanoTime();
            final ClusterNode restarted = cluster.launchMember(firstLeader.memberId(), withEgressLink);
            InProcessCluster.awaitSameDigest(restarted, newLeader, market, 20_000);
            assertEquals(newLeader.service().gate().digest(), restarted.service().gate().digest(),
                "the restarted member did not rebuild the leader's state from the log");
            System.out.printf("cluster rejoin: member %d restarted and rebuilt the leader's state from %d inputs in " +
                "%.0f ms%n", restarted.memberId(), restarted.service().inputsApplied(),
                (System.nanoTime() - restartNs) / 1e6);
            assertEquals(0, restarted.service().gate().childOrdersSent(), "the restarted member sent as a follower");
            assertTrue(newLeader.isLeader(), "the restarted member took the lead");
        }
        finally
        {
            links.close();
        }
    }

    private static boolean isFilled(final List<OmsExecutionReport> reports)
    {
        final OmsExecutionReport last = last(reports);
        return last != null && last.ordStatus() == '2';
    }

    private static OmsExecutionReport last(final List<OmsExecutionReport> reports)
    {
        return reports.isEmpty() ? null : reports.get(reports.size() - 1);
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static ClusterNode otherThan(final InProcessCluster cluster, final ClusterNode a, final ClusterNode b)
    {
        for (final ClusterNode node : cluster.nodes)
        {
            if (node != a && node != b)
            {
                return node;
            }
        }
        throw new IllegalStateException("three members expected");
    }
}
