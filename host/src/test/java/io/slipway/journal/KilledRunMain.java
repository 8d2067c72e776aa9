package io.slipway.journal;

import io.slipway.app.RecoverableAppliance;
import io.slipway.app.Worlds;
import io.slipway.core.Strategy;
import io.slipway.oms.NewParentOrder;
import io.slipway.sim.scenario.ScenarioLoader;

import java.io.File;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * The appliance process that {@link SigkillRecoveryTest} kills: a journaled run that prints every
 * OMS report the moment the appliance lets it out, then works a long order until it is killed.
 */
public final class KilledRunMain
{
    private KilledRunMain()
    {
    }

    public static void main(final String[] args)
    {
        final File directory = new File(args[0]);
        final long seed = Long.parseLong(args[1]);
        final PrintStream out = System.out;
        final RecoverableAppliance appliance = new RecoverableAppliance(
            Worlds.simulated(seed, ScenarioLoader.loadNamed("calm")).warmUpNs(TimeUnit.SECONDS.toNanos(20)),
            new JournalContext().directory(directory),
            report ->
            {
                out.println("REPORT " + report.execId() + " " + report.cumQty());
                out.flush();
            },
            record -> { });
        final long readyNs = appliance.warmUp();
        final long expireNs = readyNs + TimeUnit.HOURS.toNanos(4);
        appliance.submit(new NewParentOrder("KILLED-" + seed, "BTC-USD", '2', "200", Strategy.TWAP.fixCode(),
            NewParentOrder.NO_TIME, expireNs, null));
        appliance.runWhileActive(expireNs + TimeUnit.HOURS.toNanos(1));
        out.println("FINISHED");
        out.flush();
        appliance.close();
    }
}
