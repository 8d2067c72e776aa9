package io.slipway.app;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.sim.market.SimulatedMarket;
import io.slipway.sim.replay.ReplayMarket;
import io.slipway.sim.scenario.Scenario;
import io.slipway.sim.scenario.ScenarioWorld;

import java.util.ArrayList;
import java.util.List;

/** Builds appliance settings for the worlds an operator can choose: simulated (from a scenario or not) or replayed. */
public final class Worlds
{
    private Worlds()
    {
    }

    /** The simulated market, from a scenario when one is given (null for the base world). */
    public static SimulatedAppliance.Context simulated(final long seed, final Scenario scenario)
    {
        return simulated(seed, scenario, false);
    }

    /**
     * As above; mirror builds the seed's antithetic world (the latent price's Gaussian innovations
     * negated, see {@link SimulatedMarket.Context#mirrorLatentInnovations(boolean)}).
     */
    public static SimulatedAppliance.Context simulated(final long seed, final Scenario scenario, final boolean mirror)
    {
        final SimulatedAppliance.Context context = new SimulatedAppliance.Context().seed(seed);
        if (scenario != null)
        {
            final List<Instrument> instruments = new ArrayList<>();
            for (final String symbol : scenario.market().instruments())
            {
                instruments.add(Instruments.bySymbol(symbol));
            }
            context.instruments(instruments)
                .marketContext(ScenarioWorld.context(scenario, seed).mirrorLatentInnovations(mirror));
        }
        else if (mirror)
        {
            context.marketContext(new SimulatedMarket.Context().seed(seed).instruments(context.instruments())
                .mirrorLatentInnovations(true));
        }
        return context;
    }

    /** The recorded Binance books replayed as three venues for one instrument. */
    public static SimulatedAppliance.Context replay(final long seed, final Instrument instrument)
    {
        final ReplayMarket market = new ReplayMarket(new ReplayMarket.Context().instruments(List.of(instrument)));
        return new SimulatedAppliance.Context().seed(seed).instruments(List.of(instrument)).world(market);
    }
}
