package io.slipway.sim.scenario;

import java.util.List;
import java.util.Optional;

/**
 * A whole simulated world apart from its seed: the exchanges, optional volatility regimes, jumps
 * and cross-venue arbitrage (null for none), depth scaling, dealers and AMM pools (venue ids 4 to
 * 7, so at most four together), scripted events, and the parent order the world is about, if any
 * (null for none).
 */
public record Scenario(String name, String description, MarketSpec market, RegimeSpec regimes, JumpSpec jumps,
    ArbitrageSpec arbitrage, double depthMultiplier, List<DealerSpec> dealers, List<AmmSpec> amms,
    List<EventSpec> events, OrderSpec order)
{
    /** Dealers and AMMs take the card venue ids after the three exchanges, up to 7. */
    public static final int MAX_DEALERS_AND_AMMS = 4;

    public Scenario
    {
        Specs.required("name", name);
        Specs.required("description", description);
        Specs.required("market", market);
        checkDepthMultiplier(depthMultiplier);
        dealers = List.copyOf(dealers);
        amms = List.copyOf(amms);
        events = List.copyOf(events);
        if (dealers.size() + amms.size() > MAX_DEALERS_AND_AMMS)
        {
            throw new IllegalArgumentException("dealers and amms must be at most " + MAX_DEALERS_AND_AMMS +
                " together (venue ids 4 to 7), were " + (dealers.size() + amms.size()));
        }
    }

    /** Same range as the market's own check; kept here so a file fails before a market is built. */
    static void checkDepthMultiplier(final double depthMultiplier)
    {
        if (!(depthMultiplier > 0.0 && depthMultiplier <= 100.0))
        {
            throw new IllegalArgumentException("depthMultiplier must be in (0, 100], was " + depthMultiplier);
        }
    }

    public Optional<OrderSpec> orderSpec()
    {
        return Optional.ofNullable(order);
    }
}
