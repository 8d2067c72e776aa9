package io.slipway.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.slipway.cluster.InProcessCluster.BTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sender started again under the same source id while its predecessor's session is still open
 * (a process killed without a goodbye; the cluster has not timed its session out yet): the new
 * sender numbers on after what the cluster applied, and from its claim on the old session's
 * inputs are refused by name on every member, so nothing the dead process had in flight is
 * applied after its successor took over.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterSourceClaimTest
{
    private static final int SOURCE = 61;

    @TempDir
    File dir;

    @Test
    void aRestartedSenderNumbersOnAndItsPredecessorsInputsAreRefused() throws Exception
    {
        try (InProcessCluster cluster = new InProcessCluster(dir, memberId -> InProcessCluster.defaultContext());
            ClusterInputClient first = cluster.newClient(SOURCE);
            ClusterInputClient second = cluster.newClient(SOURCE))
        {
            final ClusterNode leader = cluster.awaitLeader(15_000);
            assertNotNull(leader, "no leader elected");
            first.connect();
            assertEquals(1, first.nextSequence(), "a source never seen starts at 1");
            final LoopbackMarketGateway firstSender = new LoopbackMarketGateway(first, BTC);
            firstSender.quote(BTC.priceFromDouble(60_000), BTC.priceFromDouble(60_001), BTC.qtyFromDouble(1));
            awaitWhile("the first sender's two inputs applied", () -> first.ackedSequence() < 2, first);
            final long appliedBefore = leader.service().inputsApplied();

            second.connect();
            assertEquals(1, second.claims());
            assertEquals(2, second.ackedSequence(), "the claim's answer: two inputs of the source applied");
            assertEquals(3, second.nextSequence(), "the successor numbers on after them");

            // The predecessor's session is still open: what it sends now is refused, on every member.
            final long rejectedBefore = leader.service().inputsRejected();
            firstSender.quote(BTC.priceFromDouble(60_002), BTC.priceFromDouble(60_003), BTC.qtyFromDouble(1));
            awaitWhile("the predecessor's inputs refused", () -> leader.service().inputsRejected() < rejectedBefore + 2,
                first);
            assertTrue(leader.service().lastRejection().contains("has claimed the source"),
                "refused by name: " + leader.service().lastRejection());
            assertEquals(appliedBefore, leader.service().inputsApplied(), "nothing of the predecessor applied");
            assertEquals(2, first.ackedSequence(), "the predecessor's refused inputs are not acknowledged");

            final LoopbackMarketGateway secondSender = new LoopbackMarketGateway(second, BTC);
            secondSender.quote(BTC.priceFromDouble(60_000), BTC.priceFromDouble(60_001), BTC.qtyFromDouble(1));
            awaitWhile("the successor's inputs applied", () -> second.ackedSequence() < 4, second);
            assertEquals(appliedBefore + 2, leader.service().inputsApplied(), "the successor's inputs applied");

            for (final ClusterNode member : cluster.nodes)
            {
                if (member != leader)
                {
                    awaitWhile("member " + member.memberId() + " to apply the same", () ->
                        member.service().inputsApplied() < appliedBefore + 2, second);
                    assertEquals(leader.service().inputsRejected(), member.service().inputsRejected(),
                        "member " + member.memberId() + " refused the same inputs");
                    assertEquals(leader.service().sourceClaims(), member.service().sourceClaims());
                }
            }
        }
    }

    private static void awaitWhile(final String what, final BooleanSupplier waiting, final ClusterInputClient client)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (waiting.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            InProcessCluster.pollQuietly(client);
            Thread.sleep(2);
        }
    }
}
