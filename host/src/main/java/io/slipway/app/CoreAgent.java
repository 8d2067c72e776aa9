package io.slipway.app;

import io.slipway.core.CoreInput;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsLink;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;

import java.util.function.Consumer;

/**
 * Runs the execution core in live mode on an Agrona {@code AgentRunner}. Each duty cycle reads
 * the clock once and hands that time to every input it drains (OMS commands, venue reports,
 * card output, due timers), so the core itself still never reads a clock: the same core code
 * runs under the simulator's discrete-event loop.
 */
public final class CoreAgent implements Agent
{
    private final CoreInput core;
    private final OmsLink omsLink;
    private final VenueReportQueue venueReports;
    private final CardEventDispatcher cardEvents;
    private final EpochNanoClock clock;
    private final Consumer<NewParentOrder> onCommand = this::onCommand;
    private final Consumer<VenueReport> onVenueReport = this::onVenueReport;
    private long nowNs;

    public CoreAgent(final CoreInput core, final OmsLink omsLink, final VenueReportQueue venueReports,
        final CardEventDispatcher cardEvents, final EpochNanoClock clock)
    {
        this.core = core;
        this.omsLink = omsLink;
        this.venueReports = venueReports;
        this.cardEvents = cardEvents;
        this.clock = clock;
    }

    @Override
    public int doWork()
    {
        nowNs = clock.nanoTime();
        // Market data first, so commands and timers act on the freshest book; then a final
        // dispatch moves the child orders this cycle produced through the card.
        int work = cardEvents.dispatch(nowNs);
        work += omsLink.drainCommands(onCommand, 16);
        work += venueReports.drain(onVenueReport, 256);
        if (nowNs >= core.nextDeadlineNs())
        {
            core.onTimer(nowNs);
            work++;
        }
        work += cardEvents.dispatch(nowNs);
        return work;
    }

    @Override
    public String roleName()
    {
        return "slipway-core";
    }

    private void onCommand(final NewParentOrder order)
    {
        core.onNewParentOrder(order, nowNs);
    }

    private void onVenueReport(final VenueReport report)
    {
        report.applyTo(core, nowNs);
    }
}
