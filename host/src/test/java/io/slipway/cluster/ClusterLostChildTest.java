package io.slipway.cluster;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsLink;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import static io.slipway.cluster.InProcessCluster.BTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leader dies between the commit and the apply of a slice timer, the entry that places the
 * next child order: it never sends that child, and the new leader applies the entry while still
 * a follower, so it does not send it either. The new leader asks the venues about every child
 * its core holds as open; the venue has never seen this one, the answer goes through the log,
 * and every member closes the child unfilled so the order places that quantity again under a
 * new id. Checked: the window was hit (a child the venues never received), it was resolved
 * within a bounded time, no child id reached a venue twice, the order filled with CumQty equal
 * to the venues' total, the follower computed what the new leader sent.
 */
class ClusterLostChildTest
{
    private static final int MARKET_SOURCE = 27;
    private static final int OMS_SOURCE = 28;
    private static final long ORDER_QTY = BTC.qtyFromDouble(1.0);
    private static final long HORIZON_NS = TimeUnit.SECONDS.toNanos(6);
    private static final long RESOLVE_BOUND_MS = 5_000;

    @TempDir
    File dir;

    @Test
    void childLostBetweenCommitAndApplyIsResolvedWithTheVenueAndTheOrderFills() throws Exception
    {
        final OmsLink omsLink = new OmsLink(64);
        final EgressLinks links = new EgressLinks(dir);
        final List<ParentOrderReport> reports = new ArrayList<>();
        final AtomicBoolean armed = new AtomicBoolean();
        final AtomicLong haltedAtNs = new AtomicLong();
        // Only a slice timer that places a child: the entry whose loss this test is about.
        final ClusterNodeContext.HaltHook hook = (memberId, timestampNs, children, reportsMade) ->
            children > 0 && armed.compareAndSet(true, false) && haltedAtNs.compareAndSet(0, System.nanoTime());
        final IntFunction<ClusterNodeContext> withEgressLink = links.contexts(context -> context.haltHook(hook));
        try (InProcessCluster cluster = new InProcessCluster(dir, withEgressLink);
            ClusterInputClient market = cluster.newClient(MARKET_SOURCE);
            ClusterInputClient omsSide = cluster.newClient(OMS_SOURCE);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(cluster.clientDriver.aeronDirectoryName())))
        {
            final Subscription egress = links.subscribe(aeron);
            final ClusterNode firstLeader = cluster.awaitLeader(15_000);
            assertNotNull(firstLeader, "no leader elected");
            market.connect();
            omsSide.connect();
            final LoopbackMarketGateway gateway = new LoopbackMarketGateway(market, BTC);
            final ClusterOmsBridge bridge = new ClusterOmsBridge(omsLink, omsSide);
            final FragmentHandler onEgress = EgressLinks.dispatch(gateway, bridge);

            long nextQuoteNs = 0;
            boolean orderSent = false;
            boolean closed = false;
            long resolvedAtNs = 0;
            ClusterNode newLeader = null;
            final long testDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < testDeadline && EgressLinks.find(reports, "LOST-1", OrdStatus.FILLED) == null)
            {
                final long now = System.nanoTime();
                if (now >= nextQuoteNs)
                {
                    nextQuoteNs = now + TimeUnit.MILLISECONDS.toNanos(20);
                    gateway.quote(BTC.priceFromDouble(60_000), BTC.priceFromDouble(60_001), BTC.qtyFromDouble(10));
                    if (!orderSent && market.ackedSequence() >= 2)
                    {
                        final long epochNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
                        assertTrue(omsLink.offerCommand(new NewParentOrder("LOST-1", BTC.symbol(), '1', "1.0", 1001,
                            NewParentOrder.NO_TIME, epochNs + HORIZON_NS, null)));
                        orderSent = true;
                    }
                }
                egress.poll(onEgress, 64);
                bridge.doWork();
                omsLink.onReportsDelivered(omsLink.drainReports(reports::add, 64));
                if (!armed.get() && haltedAtNs.get() == 0 && gateway.received().size() >= 4)
                {
                    armed.set(true);
                }
                if (!closed && firstLeader.service().halted())
                {
                    // The process is gone: no goodbye to the other members.
                    firstLeader.close();
                    closed = true;
                }
                if (closed && newLeader == null)
                {
                    newLeader = cluster.leaderOtherThan(firstLeader);
                }
                if (resolvedAtNs == 0 && newLeader != null && newLeader.service().childrenNotAtVenue() > 0)
                {
                    resolvedAtNs = System.nanoTime();
                }
                InProcessCluster.pollQuietly(market);
                InProcessCluster.pollQuietly(omsSide);
                Thread.sleep(1);
            }

            assertTrue(closed, "the halt hook never fired on the leader");
            assertNotNull(newLeader, "no new leader");
            final long deathNs = haltedAtNs.get();
            // The window was hit: the entry's child is in the cores but never reached a venue.
            assertTrue(gateway.statusNotFound() >= 1, "no child was lost: the new leader's queries all found theirs (" +
                gateway.statusQueries() + " queries)");
            assertTrue(resolvedAtNs > 0, "the lost child was never resolved");
            final double resolvedMs = (resolvedAtNs - deathNs) / 1e6;
            assertTrue(resolvedMs <= RESOLVE_BOUND_MS, "resolved " + resolvedMs + " ms after the leader died");
            final LoopbackMarketGateway.Child firstAfter = gateway.firstChildAfter(deathNs, firstLeader.memberId());
            assertNotNull(firstAfter, "no child order after the leader died");
            assertTrue(!gateway.hasReceived(0) || firstAfter.clientOrderId() != 0);

            final ParentOrderReport filled = EgressLinks.find(reports, "LOST-1", OrdStatus.FILLED);
            assertNotNull(filled, "the order did not fill; reports: " + reports);
            assertEquals(0, gateway.duplicates(), "child order ids sent more than once");
            assertEquals(ORDER_QTY, gateway.filledQuantity(), "the venues filled the order quantity");
            assertEquals(gateway.filledQuantity(), filled.cumQty(), "CumQty equals what the venues filled");
            long sentQuantity = 0;
            for (final LoopbackMarketGateway.Child sent : gateway.received())
            {
                sentQuantity += sent.quantity();
                if (sent.memberId() == firstLeader.memberId())
                {
                    assertTrue(sent.atNanoTime() <= deathNs, "the halted leader sent after it died");
                }
            }
            assertEquals(ORDER_QTY, sentQuantity, "the lost child's quantity was placed again exactly once");

            final ClusterNode follower = cluster.followerOf(firstLeader, newLeader);
            InProcessCluster.awaitSameDigest(follower, newLeader, market, 5_000);
            assertEquals(newLeader.service().gate().digest(), follower.service().gate().digest(),
                "follower and new leader computed different outputs from the same log");
            assertEquals(newLeader.service().childrenNotAtVenue(), follower.service().childrenNotAtVenue(),
                "the members reconciled differently");
            assertEquals(0, follower.service().statusQueriesSent(), "a follower asked the venues");
            System.out.printf("cluster lost child: leader %d halted before a slice timer after %d children; " +
                "member %d leads; %d status queries, %d child(ren) not at the venue, resolved %.0f ms and next " +
                "child order %.0f ms after the leader died; %d children, 0 duplicates, CumQty %s%n",
                firstLeader.memberId(), gateway.receivedFrom(firstLeader.memberId()), newLeader.memberId(),
                newLeader.service().statusQueriesSent(), newLeader.service().childrenNotAtVenue(), resolvedMs,
                (firstAfter.atNanoTime() - deathNs) / 1e6, gateway.received().size(), BTC.formatQty(filled.cumQty()));
        }
        finally
        {
            links.close();
        }
    }
}
