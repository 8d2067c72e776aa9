package io.slipway.ops.daemon;

import io.slipway.analytics.PreTrade;
import io.slipway.app.SimulatedAppliance;
import io.slipway.app.WorldPreTrade;
import io.slipway.card.Card;
import io.slipway.core.CoreInput;
import io.slipway.core.ExecutionCore;
import io.slipway.domain.Instrument;
import io.slipway.domain.Side;
import io.slipway.journal.JournaledCore;
import io.slipway.marketlink.MarketLinkAppliance;
import io.slipway.oms.OmsCommand;
import io.slipway.tca.OwnImpactSource;

import java.util.List;
import java.util.function.LongFunction;

/**
 * What the daemon's core agent drives: either the whole simulated world in this process (venues
 * die with it, nothing to recover) or the card and a journaled core with the venues in a market
 * process (recovers on start). Only the core agent's thread calls it.
 */
interface DaemonAppliance
{
    /** The appliance's time now. */
    long nowNs();

    /** Moves the appliance to {@code timeNs}; returns how much work that was (events, frames, records). */
    int runUntil(long timeNs);

    void submit(OmsCommand command);

    /** Runs an operator action on the core at the current time, then lets the card move what it produced. */
    <T> T operate(LongFunction<T> action);

    ExecutionCore core();

    Card card();

    List<Instrument> instruments();

    long ingressDrops();

    long feedAlerts();

    PreTrade pretrade(Instrument instrument, Side side, double quantity);

    /**
     * Where operator commands (kill, resume, venue routing, core risk limits) enter the core: the
     * core itself in process, the journaled core with a market process, which checks a command,
     * records it and only then applies it, so a replay after a restart meets it in order.
     */
    CoreInput operatorInput();

    /**
     * Each parent's own impact as the world measures it, for the feedback loop's refit (never read by
     * the core): the in-process world's impact model, or the figures the market process sends.
     */
    OwnImpactSource ownImpact();

    /**
     * The journaled core with a market process, where the card's limits changed by an operator are
     * recorded and read back after a restart; null in process, where nothing outlives the process.
     */
    default JournaledCore journal()
    {
        return null;
    }

    /** The in-process world; the pre-trade prices impact with the fit the core works new orders at. */
    static DaemonAppliance of(final SimulatedAppliance appliance)
    {
        return new DaemonAppliance()
        {
            public long nowNs()
            {
                return appliance.nowNs();
            }

            public int runUntil(final long timeNs)
            {
                return appliance.runUntil(timeNs);
            }

            public void submit(final OmsCommand command)
            {
                appliance.submit(command);
            }

            public <T> T operate(final LongFunction<T> action)
            {
                return appliance.operate(action);
            }

            public ExecutionCore core()
            {
                return appliance.core();
            }

            public Card card()
            {
                return appliance.card();
            }

            public List<Instrument> instruments()
            {
                return appliance.context().instruments();
            }

            public long ingressDrops()
            {
                return appliance.ingressDrops();
            }

            public long feedAlerts()
            {
                return appliance.feedAlerts();
            }

            public PreTrade pretrade(final Instrument instrument, final Side side, final double quantity)
            {
                // The fit the core works new orders at, which the feedback loop may have refitted since start.
                return WorldPreTrade.analyse(appliance, instrument, side, quantity, appliance.core().impactFit());
            }

            public CoreInput operatorInput()
            {
                return appliance.core();
            }

            public OwnImpactSource ownImpact()
            {
                return appliance.ownImpact();
            }
        };
    }

    /** The venues in a market process; the pre-trade prices impact with the fit the core works new orders at. */
    static DaemonAppliance of(final MarketLinkAppliance appliance)
    {
        return new DaemonAppliance()
        {
            public long nowNs()
            {
                return appliance.nowNs();
            }

            public int runUntil(final long timeNs)
            {
                return appliance.runUntil(timeNs);
            }

            public void submit(final OmsCommand command)
            {
                appliance.submit(command);
            }

            public <T> T operate(final LongFunction<T> action)
            {
                return appliance.operate(action);
            }

            public ExecutionCore core()
            {
                return appliance.core();
            }

            public Card card()
            {
                return appliance.card();
            }

            public List<Instrument> instruments()
            {
                return appliance.instruments();
            }

            public long ingressDrops()
            {
                return appliance.ingressDrops();
            }

            public long feedAlerts()
            {
                return appliance.feedAlerts();
            }

            public PreTrade pretrade(final Instrument instrument, final Side side, final double quantity)
            {
                return WorldPreTrade.analyse(appliance.core(), appliance.venues(), appliance.description(), instrument,
                    side, quantity, appliance.core().impactFit());
            }

            public CoreInput operatorInput()
            {
                return appliance.journaledCore();
            }

            public OwnImpactSource ownImpact()
            {
                return appliance.ownImpact();
            }

            @Override
            public JournaledCore journal()
            {
                return appliance.journaledCore();
            }
        };
    }
}
