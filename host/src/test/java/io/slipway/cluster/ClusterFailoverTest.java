package io.slipway.cluster;

import io.slipway.cluster.InProcessCluster.SentChild;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static io.slipway.cluster.InProcessCluster.BTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leader loss in the middle of an execution, with every piece real: three members (consensus,
 * archive, media driver, the execution core as the clustered service), a market gateway feeding
 * quotes and venue reports through the cluster client, and the venues answering what reached
 * them. The leader is stopped without notice mid-order; the others elect a new leader and the
 * order completes.
 */
class ClusterFailoverTest
{
    private static final int MARKET_SOURCE = 7;
    private static final long ORDER_QTY = BTC.qtyFromDouble(1.0);
    private static final long HORIZON_NS = TimeUnit.SECONDS.toNanos(6);

    @TempDir
    File dir;

    @Test
    void executionContinuesOnNewLeaderWithoutDuplicateOrLostFill() throws Exception
    {
        try (InProcessCluster cluster = new InProcessCluster(dir, m -> InProcessCluster.defaultContext());
            ClusterInputClient market = cluster.newClient(MARKET_SOURCE))
        {
            final ClusterNode firstLeader = cluster.awaitLeader(15_000);
            assertNotNull(firstLeader, "no leader elected");
            market.connect();

            final LoopbackMarketGateway gateway = new LoopbackMarketGateway(market, BTC);
            long nextQuoteNs = 0;
            boolean orderSent = false;
            long killedAtNs = 0;
            int childrenBeforeKill = 0;
            ClusterNode newLeader = null;
            final long testDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);

            while (System.nanoTime() < testDeadline)
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
                        gateway.send(new NewParentOrder("FAILOVER-1", BTC.symbol(), '1', "1.0", 1001,
                            NewParentOrder.NO_TIME, epochNs + HORIZON_NS, null));
                        orderSent = true;
                    }
                }
                SentChild child;
                while ((child = cluster.venues.sent.poll()) != null)
                {
                    gateway.onChildOrder(child.memberId(), child.clientOrderId(), child.venueId(), child.price(),
                        child.quantity(), child.atNanoTime());
                }
                if (killedAtNs == 0 && gateway.received().size() >= 8)
                {
                    childrenBeforeKill = gateway.received().size();
                    killedAtNs = System.nanoTime();
                    firstLeader.close();
                }
                if (isFilled(cluster))
                {
                    break;
                }
                try
                {
                    market.poll();
                }
                catch (final RuntimeException ex)
                {
                    // No leader for a moment: the client keeps what is unacknowledged and tries again.
                }
                Thread.sleep(1);
            }

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
            final long firstChildAfterKillNs = firstAfterKill.atNanoTime();
            final double failoverMs = (firstChildAfterKillNs - killedAtNs) / 1e6;
            System.out.printf("cluster failover: leader %d stopped after %d child orders; member %d leads, known to " +
                "the gateway %.0f ms and first child order from it %.0f ms after the stop; %d inputs resent%n",
                firstLeader.memberId(), childrenBeforeKill, newLeader.memberId(),
                (market.lastLeaderChangeNanoTime() - killedAtNs) / 1e6, failoverMs, market.resent());

            // The order completed: every child reached a venue once, every fill reached the OMS's total.
            assertTrue(isFilled(cluster), "parent order did not complete: " + lastReport(cluster));
            long sentQuantity = 0;
            for (final LoopbackMarketGateway.Child sent : gateway.received())
            {
                sentQuantity += sent.quantity();
            }
            assertEquals(0, gateway.duplicates(), "child order ids sent more than once");
            assertEquals(ORDER_QTY, sentQuantity);
            assertEquals(ORDER_QTY, gateway.filledQuantity());
            final ParentOrderReport last = lastReport(cluster);
            assertEquals(ORDER_QTY, last.cumQty(), "OMS CumQty equals what the venues filled");
            assertEquals(OrdStatus.FILLED, last.ordStatus());

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
                    assertTrue(sent.atNanoTime() <= firstChildAfterKillNs, "the stopped leader sent after failover");
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
                market.poll();
                Thread.sleep(5);
            }
            assertEquals(newLeader.service().gate().digest(), follower.service().gate().digest(),
                "follower and leader computed different outputs from the same log");
            assertNotEquals(0, newLeader.service().inputsApplied());
            assertEquals(0, leader.service().inputsRejected(), () -> leader.service().lastRejection());
            assertTrue(failoverMs <= 5_000, "failover took " + failoverMs + " ms");
        }
    }

    private static boolean isFilled(final InProcessCluster cluster)
    {
        final ParentOrderReport last = lastReport(cluster);
        return last != null && last.execType() == ExecType.FILL;
    }

    private static ParentOrderReport lastReport(final InProcessCluster cluster)
    {
        ParentOrderReport last = null;
        for (final ParentOrderReport report : cluster.omsReports)
        {
            last = report;
        }
        return last;
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
