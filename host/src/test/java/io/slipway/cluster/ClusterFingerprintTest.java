package io.slipway.cluster;

import io.slipway.core.CoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A member whose build or configuration differs from the cluster's stops before it can follow or lead. */
class ClusterFingerprintTest
{
    @TempDir
    File dir;

    @Test
    void memberWithDifferentConfigurationStopsWithAClearError() throws Exception
    {
        // Member 0 is appointed first leader so the cluster's fingerprint is the majority's.
        try (InProcessCluster cluster = new InProcessCluster(dir, m ->
        {
            final ClusterNodeContext context = InProcessCluster.defaultContext().appointedLeaderId(0);
            if (m == 2)
            {
                context.coreContext(new CoreContext()
                    .sliceIntervalNs(TimeUnit.MILLISECONDS.toNanos(300))
                    .retryIntervalNs(TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return context;
        }))
        {
            final ClusterNode odd = cluster.nodes[2];
            assertTrue(odd.awaitStopped(20, TimeUnit.SECONDS), "the member with a different configuration kept running");
            assertNotNull(odd.fatal());
            assertTrue(odd.fatal().contains("member 2 runs build/configuration fingerprint " +
                BuildFingerprint.hex(odd.service().fingerprint())), odd.fatal());
            assertTrue(odd.fatal().contains("the cluster's is " +
                BuildFingerprint.hex(cluster.nodes[0].service().fingerprint())), odd.fatal());
            assertEquals(0, odd.service().gate().childOrdersSent());

            assertSame(cluster.nodes[0], cluster.awaitLeader(10_000));
            assertNull(cluster.nodes[0].fatal());
            assertNull(cluster.nodes[1].fatal());
            assertEquals(cluster.nodes[0].service().fingerprint(), cluster.nodes[1].service().fingerprint());
        }
    }

    @Test
    void fingerprintCoversBuildAndConfiguration()
    {
        final String build = BuildFingerprint.buildIdOfRunningCode();
        assertEquals(64, build.length());
        assertEquals(build, BuildFingerprint.buildIdOfRunningCode());
        assertEquals(BuildFingerprint.of(build, "a"), BuildFingerprint.of(build, "a"));
        assertNotEquals(BuildFingerprint.of(build, "a"), BuildFingerprint.of(build, "b"));
        assertNotEquals(BuildFingerprint.of(build, "a"), BuildFingerprint.of(build + "0", "a"));

        final ClusterNodeContext one = InProcessCluster.defaultContext().memberId(0).dir(dir)
            .childOrders(new InProcessCluster.Venues().linkOf(0)).reports(r -> { }).conclude();
        final ClusterNodeContext two = InProcessCluster.defaultContext().memberId(1).dir(dir)
            .childOrders(new InProcessCluster.Venues().linkOf(1)).reports(r -> { }).conclude();
        assertEquals(one.sharedConfiguration(), two.sharedConfiguration(), "member id and directory are not shared");
        two.leaderHeartbeatTimeoutNs(TimeUnit.SECONDS.toNanos(1));
        assertNotEquals(one.sharedConfiguration(), two.sharedConfiguration(), "timeouts are shared configuration");
    }
}
