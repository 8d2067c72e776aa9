package io.slipway.cluster;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * Every member's real egress link to one gateway endpoint, as the tests that run the whole egress
 * path wire it: the member contexts that carry the links, the gateway's subscription, and the
 * dispatch of what arrives there to the venues or the OMS. A member started again gets a new link.
 */
final class EgressLinks implements AutoCloseable
{
    private final File baseDir;
    private final List<ClusterEgressPublisher> links = new ArrayList<>();

    EgressLinks(final File baseDir)
    {
        this.baseDir = baseDir;
    }

    /** Member contexts whose children and reports leave through this member's link, then {@code customise}d. */
    IntFunction<ClusterNodeContext> contexts(final UnaryOperator<ClusterNodeContext> customise)
    {
        return memberId ->
        {
            final ClusterEgressPublisher link = new ClusterEgressPublisher(
                InProcessCluster.aeronDir(baseDir, memberId).getAbsolutePath(), InProcessCluster.GATEWAY_ENDPOINT,
                memberId);
            links.add(link);
            return customise.apply(InProcessCluster.defaultContext().childOrders(link).reports(link));
        };
    }

    /** The gateway's subscription on {@code aeron}; every link made so far is then connected to it. */
    Subscription subscribe(final Aeron aeron)
    {
        final Subscription egress = aeron.addSubscription("aeron:udp?endpoint=" + InProcessCluster.GATEWAY_ENDPOINT,
            ClusterEgressPublisher.STREAM_ID);
        links.forEach(ClusterEgressPublisher::connect);
        return egress;
    }

    /** Children, cancels and status queries go to the venues; anything else is a report for the OMS. */
    static FragmentHandler dispatch(final LoopbackMarketGateway gateway, final ClusterOmsBridge bridge)
    {
        return (buffer, offset, length, header) ->
        {
            if (!gateway.onEgress(buffer, offset, System.nanoTime()))
            {
                bridge.onEgressReport(buffer, offset, length);
            }
        };
    }

    @Override
    public void close()
    {
        links.forEach(ClusterEgressPublisher::close);
    }

    /** The first report of that parent order in that status, cancel rejects aside, or null. */
    static ParentOrderReport find(final List<ParentOrderReport> reports,
        final String clOrdId, final OrdStatus status)
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
}
