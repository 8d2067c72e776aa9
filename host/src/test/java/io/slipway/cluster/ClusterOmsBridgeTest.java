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
    private final ClusterOmsBridge bridge = new ClusterOmsBridge(link, client);

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
        assertEquals(1, bridge.deliveredSequence());

        bridge.onReport(2, report("E-2"));
        bridge.onReport(3, report("E-3"));
        bridge.onReport(4, report("E-4"));
        assertEquals(List.of("E-2", "E-3", "E-4"), drain());
        assertEquals(4, bridge.deliveredSequence());
        assertEquals(2, bridge.duplicatesDropped());
    }

    @Test
    void deliveredReportsAreAcknowledgedIntoTheLogOncePerDutyCycle()
    {
        final long before = client.nextSequence();
        bridge.onReport(1, report("E-1"));
        bridge.onReport(2, report("E-2"));
        drain();
        assertEquals(before + 1, client.nextSequence(), "one cumulative acknowledgement for both");
        bridge.doWork();
        assertEquals(before + 1, client.nextSequence(), "nothing new delivered, nothing acknowledged");
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
