package io.slipway.cluster;

import io.slipway.domain.Side;
import io.slipway.oms.ExecType;
import io.slipway.oms.OmsLink;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.slipway.cluster.InProcessCluster.BTC;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bridge delivers reports by report sequence: in order, each once, and acknowledges into the log. */
class ClusterOmsBridgeTest
{
    private final OmsLink link = new OmsLink(16);
    // Never connected: what the bridge enqueues for the log is counted by the client's next sequence.
    private final ClusterInputClient client = new ClusterInputClient("/nonexistent", "0=localhost:1", "localhost", 5);
    private final ClusterOmsBridge bridge = new ClusterOmsBridge(link, client, 0);

    @AfterEach
    void close()
    {
        client.close();
    }

    @Test
    void reportsAreDeliveredInSequenceOnceEachWhateverOrderAndCopiesTheyCameIn()
    {
        bridge.onReport(1, report("E-1"));
        bridge.onReport(3, report("E-3")); // ahead of a gap: waits
        bridge.onReport(1, report("E-1")); // a new leader's resend of one already taken
        assertEquals(List.of("E-1"), drain());
        assertEquals(1, bridge.handedSequence());

        bridge.onReport(2, report("E-2"));
        bridge.onReport(3, report("E-3"));
        bridge.onReport(4, report("E-4"));
        assertEquals(List.of("E-2", "E-3", "E-4"), drain());
        assertEquals(4, bridge.handedSequence());
        assertEquals(2, bridge.duplicatesDropped());
    }

    @Test
    void reportsAreAcknowledgedOnlyOnceTheGatewayHoldsThemDurablyAndOncePerDutyCycle()
    {
        bridge.doWork(); // the first duty cycle asks for everything after the resume point
        final long before = client.nextSequence();
        bridge.onReport(1, report("E-1"));
        bridge.onReport(2, report("E-2"));
        assertEquals(List.of("E-1", "E-2"), drain());
        assertEquals(2, bridge.handedSequence());
        assertEquals(0, bridge.deliveredSequence(), "handed over is not yet delivered");
        assertEquals(before, client.nextSequence(), "nothing acknowledged before the gateway holds it");

        link.onReportsDelivered(1);
        bridge.doWork();
        assertEquals(1, bridge.deliveredSequence());
        assertEquals(before + 1, client.nextSequence(), "the first acknowledged");
        link.onReportsDelivered(1);
        bridge.doWork();
        bridge.doWork();
        assertEquals(2, bridge.deliveredSequence());
        assertEquals(before + 2, client.nextSequence(), "one more for the second, nothing when nothing changed");
    }

    @Test
    void aRestartedBridgeResumesAfterTheClusterAcknowledgedSequenceAndAsksForTheRest()
    {
        final OmsLink restartedLink = new OmsLink(16);
        final ClusterOmsBridge restarted = new ClusterOmsBridge(restartedLink, client, 7);
        final long before = client.nextSequence();
        restarted.onReport(7, report("E-7")); // a new leader's resend of an acknowledged one
        restarted.onReport(9, report("E-9")); // sent live while the gap is being filled
        restarted.doWork();
        assertEquals(before + 1, client.nextSequence(), "its first duty cycle asks the leader to send again");
        restarted.onReport(8, report("E-8"));
        restarted.doWork();
        final List<String> execIds = new ArrayList<>();
        restartedLink.drainReports(report -> execIds.add(report.execId()), 16);
        assertEquals(List.of("E-8", "E-9"), execIds);
        assertEquals(9, restarted.handedSequence());
        assertEquals(1, restarted.duplicatesDropped());
    }

    @Test
    void aGapHeldLongerThanTheLimitAsksTheLeaderToSendAgain() throws Exception
    {
        bridge.onReport(2, report("E-2"));
        bridge.doWork();
        assertEquals(0, bridge.resendRequests());
        Thread.sleep(ClusterOmsBridge.GAP_RESEND_NS / 1_000_000 + 20);
        bridge.doWork();
        assertEquals(1, bridge.resendRequests());
        bridge.doWork();
        assertEquals(1, bridge.resendRequests(), "not again before the limit has passed once more");
    }

    private List<String> drain()
    {
        bridge.doWork();
        final List<String> execIds = new ArrayList<>();
        link.drainReports(report -> execIds.add(report.execId()), 64);
        return execIds;
    }

    private static ParentOrderReport report(final String execId)
    {
        return new ParentOrderReport("C-1", "O-1", execId, ExecType.NEW, OrdStatus.NEW, BTC, BTC.symbol(), Side.BUY,
            '1', 1, 0, 0, null, 0, 1, 0.0, 0.0, 0, null);
    }
}
