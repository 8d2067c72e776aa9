package io.slipway.cluster;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.CancelReject;
import io.slipway.oms.ExecType;
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
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

import static io.slipway.cluster.InProcessCluster.BTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OMS cancels through the cluster, with the real pieces: three members, each sending its gated
 * egress over Aeron UDP; the market gateway; and the OMS side of {@link ClusterOmsBridge} fed the
 * way the FIX gateway feeds it, through an {@link OmsLink}. The leader is stopped mid-order, and
 * the OMS then cancels the order through the new leader while one of its children rests at a
 * venue, and cancels an order nobody knows: the child cancel crosses the egress stream, the
 * order ends Canceled with CumQty equal to what the venues filled, and the unknown one is refused
 * with an OrderCancelReject that crosses the egress stream intact.
 */
class ClusterOmsCommandsTest
{
    private static final int MARKET_SOURCE = 17;
    private static final int OMS_SOURCE = 18;
    private static final long ORDER_QTY = BTC.qtyFromDouble(1.0);
    private static final long HORIZON_NS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    File dir;

    @Test
    void cancelAfterLeaderFailoverEndsCanceledAtTheVenueFillsAndUnknownCancelIsRejected() throws Exception
    {
        final OmsLink omsLink = new OmsLink(64);
        final EgressLinks links = new EgressLinks(dir);
        final List<ParentOrderReport> reports = new ArrayList<>();
        final IntFunction<ClusterNodeContext> withEgressLink = links.contexts(UnaryOperator.identity());
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
            boolean restAsked = false;
            boolean cancelsSent = false;
            long killedAtNs = 0;
            final long testDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < testDeadline && (find(reports, "CXL-1-C", OrdStatus.CANCELED) == null ||
                findReject(reports, "NOPE-C") == null))
            {
                final long now = System.nanoTime();
                if (now >= nextQuoteNs)
                {
                    nextQuoteNs = now + TimeUnit.MILLISECONDS.toNanos(20);
                    gateway.quote(BTC.priceFromDouble(60_000), BTC.priceFromDouble(60_001), BTC.qtyFromDouble(10));
                    if (!orderSent && market.ackedSequence() >= 2)
                    {
                        final long epochNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
                        assertTrue(omsLink.offerCommand(new NewParentOrder("CXL-1", BTC.symbol(), '1', "1.0", 1001,
                            NewParentOrder.NO_TIME, epochNs + HORIZON_NS, null)));
                        orderSent = true;
                    }
                }
                egress.poll(onEgress, 64);
                bridge.doWork();
                omsLink.onReportsDelivered(omsLink.drainReports(reports::add, 64));
                if (killedAtNs == 0 && gateway.received().size() >= 4)
                {
                    killedAtNs = System.nanoTime();
                    firstLeader.close();
                }
                // Once the new leader has sent a child, the next one rests at its venue; cancel while it
                // does, so the cancel reaches the venue through the egress stream.
                if (!restAsked && killedAtNs != 0 && gateway.firstChildAfter(killedAtNs, firstLeader.memberId()) != null)
                {
                    gateway.restNext(1);
                    restAsked = true;
                }
                if (!cancelsSent && restAsked && gateway.restingCount() == 1)
                {
                    assertTrue(omsLink.offerCommand(new CancelParentOrder("CXL-1-C", "CXL-1", null)));
                    assertTrue(omsLink.offerCommand(new CancelParentOrder("NOPE-C", "NOPE", null)));
                    cancelsSent = true;
                }
                InProcessCluster.pollQuietly(market);
                InProcessCluster.pollQuietly(omsSide);
                Thread.sleep(1);
            }

            assertTrue(cancelsSent, "the cancels were never sent: no child rested after the leader change");
            assertEquals(0, gateway.restingCount(), "a resting child was not canceled");
            assertTrue(gateway.canceledQuantity() > 0, "no resting quantity released by a child cancel");
            final ParentOrderReport canceled = find(reports, "CXL-1-C", OrdStatus.CANCELED);
            assertNotNull(canceled, "the order did not end Canceled; reports: " + reports);
            assertEquals(ExecType.CANCELED, canceled.execType());
            assertEquals("CXL-1", canceled.origClOrdId());
            assertEquals(gateway.filledQuantity(), canceled.cumQty(), "CumQty equals what the venues filled");
            assertTrue(canceled.cumQty() > 0 && canceled.cumQty() < ORDER_QTY,
                "the cancel did not land mid-order: CumQty " + canceled.cumQty());
            assertEquals(0, canceled.leavesQty());
            assertEquals(0, gateway.duplicates(), "child order ids sent more than once");
            assertEquals(0, gateway.cancelsOfUnknown(), "a child cancel named a child the venues never saw");
            assertEquals(2 + 1, bridge.commandsForwarded(), "new order and both cancels went into the cluster");

            final ParentOrderReport reject = findReject(reports, "NOPE-C");
            assertNotNull(reject, "no OrderCancelReject for the unknown order; reports: " + reports);
            assertNull(reject.execType());
            assertEquals("NOPE", reject.origClOrdId());
            assertEquals(CancelReject.TO_CANCEL, reject.cancelReject().responseTo());
            assertEquals(CancelReject.UNKNOWN_ORDER, reject.cancelReject().reason());

            // Nothing more after Canceled: no child order after the cancel was decided.
            final int childrenAtCancel = gateway.received().size();
            final long quietUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < quietUntil)
            {
                gateway.quote(BTC.priceFromDouble(60_000), BTC.priceFromDouble(60_001), BTC.qtyFromDouble(10));
                egress.poll(onEgress, 64);
                InProcessCluster.pollQuietly(market);
                Thread.sleep(20);
            }
            assertEquals(childrenAtCancel, gateway.received().size(), "a child order after the parent was canceled");

            // The surviving members computed the same outputs, cancels and the reject included.
            ClusterNode newLeader = null;
            ClusterNode follower = null;
            for (final ClusterNode node : cluster.nodes)
            {
                if (node != firstLeader)
                {
                    if (node.isLeader())
                    {
                        newLeader = node;
                    }
                    else
                    {
                        follower = node;
                    }
                }
            }
            assertNotNull(newLeader, "no new leader");
            assertNotNull(follower, "no follower");
            InProcessCluster.awaitSameDigest(follower, newLeader, market, 5_000);
            assertEquals(newLeader.service().gate().digest(), follower.service().gate().digest(),
                "follower and leader computed different outputs from the same log");
            assertEquals(0, follower.service().gate().cancelsSent(), "a follower sent a child cancel");
            assertEquals(0, newLeader.service().gate().cancelsRefused(), "the leader's link refused a cancel");
            assertTrue(newLeader.service().gate().cancelsSent() >= 1, "the new leader sent no child cancel");
            assertTrue(follower.service().gate().cancelsHeld() >= 1, "the follower did not compute the cancel");
            System.out.printf("cluster cancel: CumQty %s of %s at Canceled, %d children, %d child cancels sent " +
                "(%d too late at the venues), %s released%n", BTC.formatQty(canceled.cumQty()),
                BTC.formatQty(ORDER_QTY), gateway.received().size(), newLeader.service().gate().cancelsSent(),
                gateway.cancelsTooLate(), BTC.formatQty(gateway.canceledQuantity()));
        }
        finally
        {
            links.close();
        }
    }

    private static ParentOrderReport find(final List<ParentOrderReport> reports, final String clOrdId,
        final OrdStatus status)
    {
        for (final ParentOrderReport report : reports)
        {
            if (!report.isCancelReject() && report.clOrdId().equals(clOrdId) && report.ordStatus() == status)
            {
                return report;
            }
        }
        return null;
    }

    private static ParentOrderReport findReject(final List<ParentOrderReport> reports, final String clOrdId)
    {
        for (final ParentOrderReport report : reports)
        {
            if (report.isCancelReject() && report.clOrdId().equals(clOrdId))
            {
                return report;
            }
        }
        return null;
    }
}
