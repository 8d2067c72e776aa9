package io.slipway.cluster;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.slipway.core.TradingVenue;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsLink;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.oms.StrategyParameter;
import io.slipway.venue.VenueKind;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static io.slipway.cluster.InProcessCluster.BTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clustered core asks a dealer: the leader's requests for quote leave through its egress, the
 * dealer's quotes enter the log as DEALER_QUOTE core inputs, and every member applies them alike.
 * The leader dies right after its take of a quote left; the new leader, which applied the same
 * quote as a follower, does not take it again, and the dealer's fill counts in CumQty once.
 */
class ClusterDealerQuoteTest
{
    private static final int MARKET_SOURCE = 37;
    private static final int OMS_SOURCE = 38;
    private static final long ORDER_QTY = BTC.qtyFromDouble(1.0);
    private static final long HORIZON_NS = TimeUnit.SECONDS.toNanos(6);

    @TempDir
    File dir;

    @Test
    void aQuoteTakenBeforeTheLeaderDiesIsFilledOnceAndNotTakenAgain() throws Exception
    {
        final OmsLink omsLink = new OmsLink(64);
        final EgressLinks links = new EgressLinks(dir);
        final List<ParentOrderReport> reports = new ArrayList<>();
        final IntFunction<ClusterNodeContext> withDealer = links.contexts(context -> context.venues(List.of(
            context.venues().get(0), context.venues().get(1),
            new TradingVenue(LoopbackMarketGateway.DEALER, "DLRA", VenueKind.DEALER, 0.0)
                .rules(BTC, new VenueRules(1, 10, 10, 5.0, 0.0, 0.0)))));
        try (InProcessCluster cluster = new InProcessCluster(dir, withDealer);
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
            // At the mid: no fee and no spread, well inside the lit venues' modelled cost of selling.
            gateway.dealerPrice(BTC.priceFromDouble(60_000.5));
            final ClusterOmsBridge bridge = new ClusterOmsBridge(omsLink, omsSide);
            final FragmentHandler onEgress = EgressLinks.dispatch(gateway, bridge);

            long nextQuoteNs = 0;
            boolean orderSent = false;
            boolean closed = false;
            long firstTake = -1;
            ClusterNode newLeader = null;
            final long testDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < testDeadline && EgressLinks.find(reports, "DQ-1", OrdStatus.FILLED) == null)
            {
                final long now = System.nanoTime();
                if (now >= nextQuoteNs)
                {
                    nextQuoteNs = now + TimeUnit.MILLISECONDS.toNanos(20);
                    gateway.quote(BTC.priceFromDouble(60_000), BTC.priceFromDouble(60_001), BTC.qtyFromDouble(10));
                    if (!orderSent && market.ackedSequence() >= 2)
                    {
                        final long epochNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
                        assertTrue(omsLink.offerCommand(new NewParentOrder("DQ-1", BTC.symbol(), '2', "1.0", 1,
                            NewParentOrder.NO_TIME, epochNs + HORIZON_NS, null,
                            List.of(new StrategyParameter("RfqAllowed", 13, "Y")), "CLIENT")));
                        orderSent = true;
                    }
                }
                egress.poll(onEgress, 64);
                bridge.doWork();
                omsLink.drainReports(reports::add, 64);
                if (!closed)
                {
                    for (final LoopbackMarketGateway.Child child : gateway.received())
                    {
                        if (child.venueId() == LoopbackMarketGateway.DEALER)
                        {
                            // The take left the leader and reached the dealer: the leader dies now.
                            firstTake = child.clientOrderId();
                            firstLeader.close();
                            closed = true;
                            break;
                        }
                    }
                }
                if (closed && newLeader == null)
                {
                    newLeader = cluster.leaderOtherThan(firstLeader);
                }
                InProcessCluster.pollQuietly(market);
                InProcessCluster.pollQuietly(omsSide);
                Thread.sleep(1);
            }

            assertTrue(gateway.rfqsReceived() > 0, "the leader asked the dealer");
            assertTrue(closed, "no quote was taken before the order ended");
            assertNotNull(newLeader, "no new leader");
            final ParentOrderReport filled = EgressLinks.find(reports, "DQ-1", OrdStatus.FILLED);
            assertNotNull(filled, "the order did not fill; reports: " + reports);
            assertEquals(0, gateway.duplicates(), "a take or child id reached the venues twice");
            int takesOfFirst = 0;
            for (final LoopbackMarketGateway.Child child : gateway.received())
            {
                takesOfFirst += child.clientOrderId() == firstTake ? 1 : 0;
            }
            assertEquals(1, takesOfFirst, "the quote taken before the leader died was taken once");
            assertTrue(gateway.dealerFilledQuantity() > 0, "the dealer filled part of the order");
            assertEquals(ORDER_QTY, gateway.filledQuantity(), "the venues and the dealer filled the order quantity");
            assertEquals(gateway.filledQuantity(), filled.cumQty(), "CumQty equals what was filled, the dealer's once");

            final ClusterNode follower = cluster.followerOf(firstLeader, newLeader);
            InProcessCluster.awaitSameDigest(follower, newLeader, market, 5_000);
            assertEquals(newLeader.service().gate().digest(), follower.service().gate().digest(),
                "follower and new leader computed different outputs, requests for quote included, from the same log");
            assertEquals(0, follower.service().gate().requestsSent(), "a follower asked a dealer");
            System.out.printf("cluster dealer quote: %d requests for quote, take %d sent by leader %d which then died; " +
                "member %d leads; dealer filled %s of %s, CumQty %s, 0 duplicates%n", gateway.rfqsReceived(), firstTake,
                firstLeader.memberId(), newLeader.memberId(), BTC.formatQty(gateway.dealerFilledQuantity()),
                BTC.formatQty(ORDER_QTY), BTC.formatQty(filled.cumQty()));
        }
        finally
        {
            links.close();
        }
    }
}
