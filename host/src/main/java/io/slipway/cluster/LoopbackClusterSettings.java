package io.slipway.cluster;

import io.slipway.core.CoreContext;
import io.slipway.core.TradingVenue;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.venue.VenueRules;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The settings a three-member cluster on one machine runs with, in tests and in the failover
 * drill: short slices (200 ms) so a drill of a few seconds places dozens of child orders, and
 * the {@link LoopbackMarketGateway}'s two venues. Every member must use the same, which the
 * leader fingerprint checks.
 */
public final class LoopbackClusterSettings
{
    public static final Instrument INSTRUMENT = Instruments.BTC_USD;
    public static final VenueRules RULES = new VenueRules(1, 10, 10, 5.0, 0.0002, 0.0005);
    public static final long SLICE_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(200);
    public static final long RETRY_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private LoopbackClusterSettings()
    {
    }

    /** A member's context with the shared settings; the caller adds where its egress goes. */
    public static ClusterNodeContext nodeContext(final int memberId, final File dir, final int basePort)
    {
        return new ClusterNodeContext()
            .memberId(memberId)
            .dir(dir)
            .basePort(basePort)
            .coreContext(new CoreContext().sliceIntervalNs(SLICE_INTERVAL_NS).retryIntervalNs(RETRY_INTERVAL_NS))
            .venues(List.of(
                new TradingVenue(LoopbackMarketGateway.VENUE_A, "SIMA").rules(INSTRUMENT, RULES),
                new TradingVenue(LoopbackMarketGateway.VENUE_B, "SIMB").rules(INSTRUMENT, RULES)));
    }
}
