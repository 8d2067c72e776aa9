package io.slipway.cluster;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.slipway.journal.OperatorScopeInput;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsLink;
import io.slipway.oms.ParentOrderReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

import static io.slipway.cluster.InProcessCluster.BTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator's kill is a cluster input: three members, the loopback market gateway, the OMS side
 * through {@link ClusterOmsBridge} and an operator as its own numbered sender. The operator kills
 * the working parent; the leader then dies. The new leader applied the same kill from the log, so
 * the parent stays held across the failover (no child order from anyone), a kill naming a venue
 * nobody has is refused by name on every member with nothing changed, and the operator's resume
 * through the new leader sets the parent going again.
 */
class ClusterOperatorKillTest
{
    private static final int MARKET_SOURCE = 27;
    private static final int OMS_SOURCE = 28;
    private static final int OPERATOR_SOURCE = 29;
    private static final long HORIZON_NS = TimeUnit.SECONDS.toNanos(40);

    @TempDir
    File dir;

    @Test
    void killedParentStaysHeldAcrossALeaderFailoverUntilResumed() throws Exception
    {
        final OmsLink omsLink = new OmsLink(64);
        final EgressLinks links = new EgressLinks(dir);
        final List<ParentOrderReport> reports = new ArrayList<>();
        final IntFunction<ClusterNodeContext> withEgressLink = links.contexts(UnaryOperator.identity());
        try (InProcessCluster cluster = new InProcessCluster(dir, withEgressLink);
            ClusterInputClient market = cluster.newClient(MARKET_SOURCE);
            ClusterInputClient omsSide = cluster.newClient(OMS_SOURCE);
            ClusterInputClient operator = cluster.newClient(OPERATOR_SOURCE);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(cluster.clientDriver.aeronDirectoryName())))
        {
            final Subscription egress = links.subscribe(aeron);
            final ClusterNode firstLeader = cluster.awaitLeader(15_000);
            assertNotNull(firstLeader, "no leader elected");
            market.connect();
            omsSide.connect();
            operator.connect();
            final LoopbackMarketGateway gateway = new LoopbackMarketGateway(market, BTC);
            final ClusterOmsBridge bridge = new ClusterOmsBridge(omsLink, omsSide);
            final ClusterCoreInputs inputs = new ClusterCoreInputs();
            final FragmentHandler onEgress = EgressLinks.dispatch(gateway, bridge);
            final long[] nextQuoteNs = {0};
            final Runnable pump = () ->
            {
                final long now = System.nanoTime();
                if (now >= nextQuoteNs[0])
                {
                    nextQuoteNs[0] = now + TimeUnit.MILLISECONDS.toNanos(20);
                    gateway.quote(BTC.priceFromDouble(60_000), BTC.priceFromDouble(60_001), BTC.qtyFromDouble(10));
                }
                egress.poll(onEgress, 64);
                bridge.doWork();
                omsLink.onReportsDelivered(omsLink.drainReports(reports::add, 64));
                InProcessCluster.pollQuietly(market);
                InProcessCluster.pollQuietly(omsSide);
                InProcessCluster.pollQuietly(operator);
            };

            runUntil(pump, "the market's first quotes in the log", () -> market.ackedSequence() >= 2, 10);
            final long epochNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
            assertTrue(omsLink.offerCommand(new NewParentOrder("KILL-1", BTC.symbol(), '1', "1.0", 1001,
                NewParentOrder.NO_TIME, epochNs + HORIZON_NS, null)));
            runUntil(pump, "two child orders", () -> gateway.received().size() >= 2, 15);

            // The operator kills the parent, and asks to kill a venue nobody has.
            operator.enqueue(inputs.encodeKill(operator.buffer(), operator.sourceId(), operator.nextSequence(),
                OperatorScopeInput.SCOPE_PARENT, 0, "KILL-1"));
            operator.enqueue(inputs.encodeKill(operator.buffer(), operator.sourceId(), operator.nextSequence(),
                OperatorScopeInput.SCOPE_VENUE, 60, null));
            runUntil(pump, "the operator's kills applied", () -> operator.ackedSequence() >= 2, 10);
            // Children decided before the kill may still be on the egress stream.
            runFor(pump, 500);
            final int childrenAtKill = gateway.received().size();
            assertTrue(childrenAtKill < 20, "the order was still working at the kill");

            final long killedAtNs = System.nanoTime();
            firstLeader.close();
            ClusterNode newLeader = null;
            final long electionDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (newLeader == null && System.nanoTime() < electionDeadline)
            {
                pump.run();
                for (final ClusterNode node : cluster.nodes)
                {
                    if (node != firstLeader && node.isLeader())
                    {
                        newLeader = node;
                    }
                }
                Thread.sleep(1);
            }
            assertNotNull(newLeader, "no new leader after the leader died");
            // Several slices of the order's schedule under the new leader.
            runFor(pump, 3_000);
            assertEquals(childrenAtKill, gateway.received().size(),
                "a child order after the kill: the new leader did not hold the killed parent");
            assertEquals(null, gateway.firstChildAfter(killedAtNs, firstLeader.memberId()));

            ClusterNode follower = null;
            for (final ClusterNode node : cluster.nodes)
            {
                if (node != firstLeader && node != newLeader)
                {
                    follower = node;
                }
            }
            assertNotNull(follower);
            for (final ClusterNode node : new ClusterNode[]{newLeader, follower})
            {
                assertEquals(1, node.service().inputsRejected(), "member " + node.memberId() + " rejections");
                assertEquals("no venue with id 60", node.service().lastRejection());
            }

            // The resume goes through the new leader, and the parent places again.
            operator.enqueue(inputs.encodeResume(operator.buffer(), operator.sourceId(), operator.nextSequence(),
                OperatorScopeInput.SCOPE_PARENT, 0, "KILL-1"));
            runUntil(pump, "a child order after the resume", () -> gateway.received().size() > childrenAtKill, 10);
            final LoopbackMarketGateway.Child resumed = gateway.received().get(childrenAtKill);
            assertEquals(newLeader.memberId(), resumed.memberId(), "the new leader sent it");
            assertEquals(0, gateway.duplicates(), "child order ids sent more than once");

            final ClusterNode leader = newLeader;
            final ClusterNode other = follower;
            runUntil(pump, "the follower's digest to match the leader's",
                () -> other.service().gate().digest() == leader.service().gate().digest(), 5);
            System.out.printf("cluster operator kill: %d children before the kill, none in %d ms across the " +
                "failover, member %d led after; resume sent child %d%n", childrenAtKill,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAtNs), newLeader.memberId(),
                resumed.clientOrderId());
        }
        finally
        {
            links.close();
        }
    }

    private static void runUntil(final Runnable pump, final String what, final BooleanSupplier done,
        final long timeoutS) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        while (!done.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            pump.run();
            Thread.sleep(1);
        }
    }

    private static void runFor(final Runnable pump, final long millis) throws InterruptedException
    {
        final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < until)
        {
            pump.run();
            Thread.sleep(1);
        }
    }
}
