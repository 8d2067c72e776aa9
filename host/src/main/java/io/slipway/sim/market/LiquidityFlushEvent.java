package io.slipway.sim.market;

import io.slipway.sim.SimEvent;
import io.slipway.sim.scenario.EventSpec;

import java.util.List;

/**
 * A liquidity flush: the liquidity providers of the venue (or of every venue) for the instrument
 * (or every instrument) pull to depthRemaining of their target depth and re-quote at once, and
 * the latent price gaps by moveBps; both come back linearly over reboundSeconds (the depth then
 * refills at the providers' resilience rate).
 */
public final class LiquidityFlushEvent implements SimEvent
{
    private final SimulatedMarket market;
    private final EventSpec.LiquidityFlush spec;
    private final List<Integer> flowIndices;
    private long firedAtNs = -1;

    LiquidityFlushEvent(final SimulatedMarket market, final EventSpec.LiquidityFlush spec)
    {
        this.market = market;
        this.spec = spec;
        this.flowIndices = MarketEvents.flowsOf(market, spec.venue(), spec.instrument());
    }

    @Override
    public void fire(final long nowNs)
    {
        firedAtNs = nowNs;
        final long reboundNs = MarketEvents.seconds(spec.reboundSeconds());
        for (int k = 0; k < market.instruments().size(); k++)
        {
            final int instrumentId = market.instruments().get(k).id();
            if (spec.instrument() == null || market.instruments().get(k).symbol().equals(spec.instrument()))
            {
                market.priceMoves(instrumentId).add(nowNs, spec.moveBps() * 1e-4, reboundNs);
            }
        }
        for (final int flowIndex : flowIndices)
        {
            final ExogenousFlow flow = market.flows().get(flowIndex);
            flow.liquidity().pull(spec.depthRemaining(), nowNs, reboundNs);
            flow.quote(market.venueMid(flowIndex), nowNs);
        }
    }

    public EventSpec.LiquidityFlush spec()
    {
        return spec;
    }

    /** When it fired, or -1 before. */
    public long firedAtNs()
    {
        return firedAtNs;
    }
}
