package io.slipway.cluster;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsLink;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static io.slipway.cluster.InProcessCluster.BTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child the leader sent is still on its way to the venue when the leader dies, and stays on its
 * way past the election: the new leader's status query finds it "not found". Before receive
 * windows the new leader took that as final and placed the quantity again under a new id, so the
 * first copy arriving later made two orders at the venue. Now the child carries the time of the
 * entry that placed it and a receive window (2.5 s here, longer than the election so the race is
 * really open): a "not found" inside the window is not final, and the venue refuses the child if
 * it arrives after the window.
 *
 * <p>Two arrivals of the held child: inside the window, just after the first "not found" (it is
 * taken and filled, and the new leader adopts it instead of placing it again); after the window,
 * once the new leader has settled it as not at the venue (it is refused by name and never rests
 * or fills). Either way: no duplicate, the venues filled exactly the order quantity, CumQty equals
 * it, and the surviving follower computed what the new leader sent.
 */
class ClusterChildInFlightTest
{
    private static final int MARKET_SOURCE = 37;
    private static final int OMS_SOURCE = 38;
    private static final long ORDER_QTY = BTC.qtyFromDouble(1.0);
    private static final long HORIZON_NS = TimeUnit.SECONDS.toNanos(6);
    private static final long RECEIVE_WINDOW_NS = TimeUnit.MILLISECONDS.toNanos(2_500);

    enum Arrival
    {
        INSIDE_THE_WINDOW,
        AFTER_THE_WINDOW
    }

    @TempDir
    File dir;

    @ParameterizedTest
    @EnumSource(Arrival.class)
    void childStillOnItsWayAfterTheElectionIsNeverPlacedTwice(final Arrival arrival) throws Exception
    {
        final OmsLink omsLink = new OmsLink(64);
        final EgressLinks links = new EgressLinks(dir);
        final List<ParentOrderReport> reports = new ArrayList<>();
        final IntFunction<ClusterNodeContext> withEgressLink =
            links.contexts(context -> context.childReceiveWindowNs(RECEIVE_WINDOW_NS));
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
            boolean holding = false;
            long deathNs = 0;
            long releasedAtNs = 0;
            ClusterNode newLeader = null;
            final long testDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (System.nanoTime() < testDeadline && EgressLinks.find(reports, "INFLIGHT-1", OrdStatus.FILLED) == null)
            {
                final long now = System.nanoTime();
                if (now >= nextQuoteNs)
                {
                    nextQuoteNs = now + TimeUnit.MILLISECONDS.toNanos(20);
                    gateway.quote(BTC.priceFromDouble(60_000), BTC.priceFromDouble(60_001), BTC.qtyFromDouble(10));
                    if (!orderSent && market.ackedSequence() >= 2)
                    {
                        final long epochNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
                        assertTrue(omsLink.offerCommand(new NewParentOrder("INFLIGHT-1", BTC.symbol(), '1', "1.0", 1001,
                            NewParentOrder.NO_TIME, epochNs + HORIZON_NS, null)));
                        orderSent = true;
                    }
                }
                egress.poll(onEgress, 64);
                bridge.doWork();
                omsLink.onReportsDelivered(omsLink.drainReports(reports::add, 64));
                if (!holding && gateway.received().size() >= 4)
                {
                    gateway.holdNext(1);
                    holding = true;
                }
                if (deathNs == 0 && !gateway.held().isEmpty())
                {
                    // The child has left the leader and is on the wire; the leader's process goes now.
                    firstLeader.close();
                    deathNs = System.nanoTime();
                }
                if (deathNs != 0 && newLeader == null)
                {
                    newLeader = cluster.leaderOtherThan(firstLeader);
                }
                if (releasedAtNs == 0 && newLeader != null && arrivalDue(arrival, gateway, newLeader.service()))
                {
                    gateway.releaseHeld();
                    releasedAtNs = System.nanoTime();
                }
                InProcessCluster.pollQuietly(market);
                InProcessCluster.pollQuietly(omsSide);
                Thread.sleep(1);
            }

            assertTrue(deathNs > 0, "no child was held on its way");
            assertNotNull(newLeader, "no new leader");
            assertTrue(releasedAtNs > 0, "the held child was never let arrive");
            final LoopbackMarketGateway.Child inFlight = gateway.held().isEmpty() ? null : gateway.held().get(0);
            assertEquals(null, inFlight, "every held child arrived");
            final ParentOrderReport filled = EgressLinks.find(reports, "INFLIGHT-1", OrdStatus.FILLED);
            assertNotNull(filled, "the order did not fill; reports: " + reports);

            final long heldId = heldChildId(gateway, firstLeader.memberId(), deathNs);
            if (arrival == Arrival.INSIDE_THE_WINDOW)
            {
                assertTrue(newLeader.service().notFoundWithinWindow() >= 1, "the election outlasted the window: " +
                    "no 'not found' came inside it, so this run did not test the race");
                assertTrue(gateway.hasReceived(heldId), "the held child arrived in time and was taken");
                assertTrue(gateway.refusedLate().isEmpty(), "nothing arrived late");
                assertEquals(0, newLeader.service().childrenNotAtVenue(), "the new leader did not give up the child");
            }
            else
            {
                assertEquals(1, gateway.refusedLate().size(), "the held child was refused on its late arrival");
                assertEquals(heldId, gateway.refusedLate().get(0).clientOrderId());
                assertFalse(gateway.hasReceived(heldId), "the late child never rested or filled");
                assertTrue(newLeader.service().childrenNotAtVenue() >= 1, "the new leader settled it as not at the venue");
            }
            assertEquals(0, gateway.duplicates(), "child order ids taken more than once");
            assertEquals(ORDER_QTY, gateway.filledQuantity(), "the venues filled exactly the order quantity");
            long takenQuantity = 0;
            for (final LoopbackMarketGateway.Child child : gateway.received())
            {
                takenQuantity += child.quantity();
            }
            assertEquals(ORDER_QTY, takenQuantity, "the venues took the order quantity once: no second order");
            assertEquals(gateway.filledQuantity(), filled.cumQty(), "CumQty equals what the venues filled");

            final ClusterNode follower = cluster.followerOf(firstLeader, newLeader);
            InProcessCluster.awaitSameDigest(follower, newLeader, market, 5_000);
            assertEquals(newLeader.service().gate().digest(), follower.service().gate().digest(),
                "follower and new leader computed different outputs from the same log");
            final LoopbackMarketGateway.Child firstAfter = gateway.firstChildAfter(deathNs, firstLeader.memberId());
            System.out.printf("cluster child in flight (%s): leader %d died with child %d on its way; member %d " +
                "leads; %d 'not found' inside the %d ms window, %d settled as not at the venue, %d refused late; " +
                "held child let arrive %.0f ms and next child order from the new leader %s after the leader died; " +
                "%d children, 0 duplicates, CumQty %s%n", arrival, firstLeader.memberId(), heldId, newLeader.memberId(),
                newLeader.service().notFoundWithinWindow(), TimeUnit.NANOSECONDS.toMillis(RECEIVE_WINDOW_NS),
                newLeader.service().childrenNotAtVenue(), gateway.refusedLate().size(), (releasedAtNs - deathNs) / 1e6,
                firstAfter == null ? "none" : String.format("%.0f ms", (firstAfter.atNanoTime() - deathNs) / 1e6),
                gateway.received().size(), BTC.formatQty(filled.cumQty()));
        }
        finally
        {
            links.close();
        }
    }

    /**
     * When the drill lets the held child arrive: right after the venue first answered "not found"
     * (the moment a leader that took it as final would place the quantity again), or once the new
     * leader has settled the child as not at the venue.
     */
    private static boolean arrivalDue(final Arrival arrival, final LoopbackMarketGateway gateway,
        final CoreClusteredService leader)
    {
        return arrival == Arrival.INSIDE_THE_WINDOW ? gateway.statusNotFound() > 0 : leader.childrenNotAtVenue() > 0;
    }

    /** The held child: the first leader's last child, sent before it died, whether it was taken or refused. */
    private static long heldChildId(final LoopbackMarketGateway gateway, final int memberId, final long deathNs)
    {
        if (!gateway.refusedLate().isEmpty())
        {
            return gateway.refusedLate().get(0).clientOrderId();
        }
        for (final LoopbackMarketGateway.Child child : gateway.received())
        {
            if (child.memberId() == memberId && child.atNanoTime() > deathNs)
            {
                return child.clientOrderId();
            }
        }
        throw new AssertionError("the held child is neither taken after the leader died nor refused");
    }
}
