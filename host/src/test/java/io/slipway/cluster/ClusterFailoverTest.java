package io.slipway.cluster;

import io.slipway.cluster.InProcessCluster.SentChild;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

            // Quotes first, so the order has a two-sided market on arrival.
            final long bid = BTC.priceFromDouble(60_000);
            final long ask = BTC.priceFromDouble(60_001);
            final long[] filledAtVenues = new long[1];
            final Set<Long> answered = new HashSet<>();
            long nextQuoteNs = 0;
            boolean orderSent = false;
            long killedAtNs = 0;
            long firstChildAfterKillNs = 0;
            int childrenBeforeKill = 0;
            ClusterNode newLeader = null;
            final long testDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);

            while (System.nanoTime() < testDeadline)
            {
                final long now = System.nanoTime();
                if (now >= nextQuoteNs)
                {
                    nextQuoteNs = now + TimeUnit.MILLISECONDS.toNanos(20);
                    market.enqueue(ClusterCoreInputs.encodeBbo(market.buffer(), MARKET_SOURCE, market.nextSequence(),
                        1, BTC.id(), bid, BTC.qtyFromDouble(10), ask, BTC.qtyFromDouble(10)));
                    market.enqueue(ClusterCoreInputs.encodeBbo(market.buffer(), MARKET_SOURCE, market.nextSequence(),
                        2, BTC.id(), bid - 100, BTC.qtyFromDouble(10), ask + 100, BTC.qtyFromDouble(10)));
                    if (!orderSent && market.ackedSequence() >= 2)
                    {
                        final long epochNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
                        market.enqueue(ClusterCoreInputs.encodeNewParentOrder(market.buffer(), MARKET_SOURCE,
                            market.nextSequence(), new NewParentOrder("FAILOVER-1", BTC.symbol(), '1', "1.0", 1001,
                            NewParentOrder.NO_TIME, epochNs + HORIZON_NS, null)));
                        orderSent = true;
                    }
                }

                // The venues fill every child in full at its limit; reports go back into the log.
                SentChild child;
                while ((child = cluster.venues.toAnswer.poll()) != null)
                {
                    if (!answered.add(child.clientOrderId()))
                    {
                        continue; // a duplicate is counted below from venues.sent; a venue would reject it
                    }
                    filledAtVenues[0] += child.quantity();
                    market.enqueue(ClusterCoreInputs.encodeCardVerdict(market.buffer(), MARKET_SOURCE,
                        market.nextSequence(), child.clientOrderId(), true, 0));
                    market.enqueue(ClusterCoreInputs.encodeVenueAccepted(market.buffer(), MARKET_SOURCE,
                        market.nextSequence(), child.venueId(), child.clientOrderId()));
                    market.enqueue(ClusterCoreInputs.encodeVenueFill(market.buffer(), MARKET_SOURCE,
                        market.nextSequence(), child.venueId(), child.clientOrderId(), child.price(), child.quantity(),
                        0.0, false));
                }

                if (killedAtNs == 0 && cluster.venues.sent.size() >= 8)
                {
                    childrenBeforeKill = cluster.venues.sent.size();
                    killedAtNs = System.nanoTime();
                    firstLeader.close();
                }
                if (killedAtNs != 0 && firstChildAfterKillNs == 0)
                {
                    for (final SentChild sent : cluster.venues.sent)
                    {
                        if (sent.memberId() != firstLeader.memberId() && sent.atNanoTime() > killedAtNs)
                        {
                            firstChildAfterKillNs = sent.atNanoTime();
                            break;
                        }
                    }
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
            assertTrue(firstChildAfterKillNs > 0, "no child order after the leader was stopped");
            final double failoverMs = (firstChildAfterKillNs - killedAtNs) / 1e6;
            System.out.printf("cluster failover: leader %d stopped after %d child orders; member %d leads; " +
                "first child order from it %.0f ms after the stop; %d inputs resent by the market gateway%n",
                firstLeader.memberId(), childrenBeforeKill, newLeader.memberId(), failoverMs, market.resent());

            // The order completed: every child reached a venue once, every fill reached the OMS's total.
            assertTrue(isFilled(cluster), "parent order did not complete: " + lastReport(cluster));
            final Map<Long, Integer> timesSent = new HashMap<>();
            long sentQuantity = 0;
            for (final SentChild sent : cluster.venues.sent)
            {
                timesSent.merge(sent.clientOrderId(), 1, Integer::sum);
                sentQuantity += sent.quantity();
            }
            final List<Long> duplicates = new ArrayList<>();
            timesSent.forEach((id, n) ->
            {
                if (n > 1)
                {
                    duplicates.add(id);
                }
            });
            assertEquals(List.of(), duplicates, "child order ids sent more than once");
            assertEquals(ORDER_QTY, sentQuantity);
            assertEquals(ORDER_QTY, filledAtVenues[0]);
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
            for (final SentChild sent : cluster.venues.sent)
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
