package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.SplittableRandomSource;

import java.util.function.DoubleSupplier;

/**
 * The rest of the market on one venue for one instrument: a {@link LiquidityProvider} keeping
 * the book shaped like the calibrated depth profile around the latent price, and
 * {@link PoissonTakers} trading against it at the calibrated rate. Both quote or trade around
 * the venue's price: the latent price shared by every venue, times 1 + the venue's dislocation
 * when the world has one.
 *
 * <p>Owner ids on the venue: liquidity {@code 16 + instrument id}, takers {@code 32 + instrument
 * id}; the host is {@link SimulatedExchange#HOST_OWNER}. Random streams are named
 * {@code <venue>/<symbol>/liquidity} and {@code <venue>/<symbol>/takers}.
 */
public final class ExogenousFlow
{
    public static final int LIQUIDITY_OWNER_BASE = 16;
    public static final int TAKER_OWNER_BASE = 32;

    private final LiquidityProvider liquidity;
    private final PoissonTakers takers;

    public ExogenousFlow(
        final SimulatedExchange venue,
        final Instrument instrument,
        final MarketProfile profile,
        final SplittableRandomSource randomness,
        final DoubleSupplier latentMid,
        final double resilienceSeconds,
        final double refreshProbability,
        final double takerRateMultiplier,
        final double takerLimitBps)
    {
        final String prefix = venue.name() + "/" + instrument.symbol();
        liquidity = new LiquidityProvider(venue, instrument, profile, LIQUIDITY_OWNER_BASE + instrument.id(),
            randomness.stream(prefix + "/liquidity"), resilienceSeconds, refreshProbability);
        takers = new PoissonTakers(venue, instrument, profile, TAKER_OWNER_BASE + instrument.id(),
            randomness.stream(prefix + "/takers"), latentMid, takerRateMultiplier, takerLimitBps);
        venue.addParticipant(liquidity.owner(), liquidity);
        venue.addParticipant(takers.owner(), takers);
    }

    public int instrumentId()
    {
        return liquidity.instrumentId();
    }

    /** Every quote interval: liquidity re-quotes around the latent mid. */
    public void quote(final double latentMid, final long nowNs)
    {
        liquidity.quote(latentMid, nowNs);
    }

    /** Starts the taker arrivals. */
    public void start(final EventScheduler scheduler)
    {
        takers.start(scheduler);
    }

    public LiquidityProvider liquidity()
    {
        return liquidity;
    }

    public PoissonTakers takers()
    {
        return takers;
    }
}
