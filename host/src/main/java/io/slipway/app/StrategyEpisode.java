package io.slipway.app;

import io.slipway.core.CoreContext;
import io.slipway.core.Strategy;
import io.slipway.domain.Instrument;
import io.slipway.domain.Side;
import io.slipway.oms.NewParentOrder;
import io.slipway.sim.scenario.Scenario;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.TcaCalculator;
import io.slipway.tca.TcaReport;

import java.util.concurrent.TimeUnit;

/**
 * One parent order worked by one strategy through the simulated appliance on one seeded world,
 * without FIX: warm up, submit, run until the order is done, analyse. Two episodes with the same
 * seed and scenario see the same world until the orders start to differ, which is what makes
 * paired comparisons between strategies tight.
 */
public final class StrategyEpisode
{
    private StrategyEpisode()
    {
    }

    /**
     * An episode's TCA and, on a simulated market, the part of its price cost that was the order's own
     * impact (see {@link io.slipway.sim.market.ImpactModel#hostFillImpactCost}), in bps; NaN on other worlds;
     * and the order's record, whose fills the feedback loop's venue and dealer priors read.
     */
    public record Result(TcaReport tca, double ownImpactBps, ExecutionRecord record)
    {
    }

    public static TcaReport run(final Scenario scenario, final long seed, final Strategy strategy,
        final CoreContext coreContext, final Instrument instrument, final Side side, final String quantity,
        final long horizonNs)
    {
        return measure(scenario, seed, strategy, coreContext, instrument, side, quantity, horizonNs).tca();
    }

    public static Result measure(final Scenario scenario, final long seed, final Strategy strategy,
        final CoreContext coreContext, final Instrument instrument, final Side side, final String quantity,
        final long horizonNs)
    {
        return measure(scenario, seed, false, strategy, coreContext, instrument, side, quantity, horizonNs);
    }

    /** As above, on the seed's antithetic world when mirror is set (the latent price's innovations negated). */
    public static Result measure(final Scenario scenario, final long seed, final boolean mirror, final Strategy strategy,
        final CoreContext coreContext, final Instrument instrument, final Side side, final String quantity,
        final long horizonNs)
    {
        final SimulatedAppliance.Context context = Worlds.simulated(seed, scenario, mirror).coreContext(coreContext);
        final ExecutionRecord[] finished = new ExecutionRecord[1];
        final SimulatedAppliance appliance = new SimulatedAppliance(context, report -> { }, record -> finished[0] = record);
        final long readyNs = appliance.warmUp();
        final long expireNs = readyNs + horizonNs;
        appliance.submit(new NewParentOrder("EVAL-" + seed, instrument.symbol(), side == Side.SELL ? '2' : '1',
            quantity, strategy.fixCode(), NewParentOrder.NO_TIME, expireNs, null));
        appliance.runWhileActive(expireNs + TimeUnit.HOURS.toNanos(1));
        if (finished[0] == null)
        {
            throw new IllegalStateException(strategy + " on seed " + seed + " did not finish");
        }
        final double ownImpactBps = appliance.world() instanceof io.slipway.sim.market.SimulatedMarket market ?
            market.impactModel().hostFillImpactCost(instrument.id()) * 1e4 : Double.NaN;
        return new Result(TcaCalculator.analyse(finished[0]), ownImpactBps, finished[0]);
    }
}
