package io.slipway.ops.daemon;

import io.slipway.admin.AdminCommand;
import io.slipway.admin.AdminLink;
import io.slipway.fix.FixGateway;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Runs the FIX gateway and publishes its counters from the gateway's own thread. With
 * cancel-on-disconnect, the loss of the OMS session sends the core a kill of everything (the card's
 * kill switch set, every working child canceled), which an operator lifts with {@code resume all}
 * once the OMS is back; the kill reaches the audit log like any other.
 */
final class FixGatewayAgent implements Agent
{
    static final String USER = "fix-gateway";

    private final FixGateway gateway;
    private final AdminLink adminLink;
    private final boolean cancelOnDisconnect;
    private final AtomicCounter loggedOn;
    private final AtomicCounter ordersAccepted;
    private final AtomicCounter reportsSent;
    private final AtomicCounter rejectedLogons;
    private final AtomicCounter throttled;
    private boolean wasLoggedOn;
    private boolean killPending;
    private long nextCommandId = -1;

    FixGatewayAgent(final FixGateway gateway, final AdminLink adminLink, final boolean cancelOnDisconnect,
        final CountersFile counters)
    {
        this.gateway = gateway;
        this.adminLink = adminLink;
        this.cancelOnDisconnect = cancelOnDisconnect;
        loggedOn = counters.newCounter("fix oms logged on", CountersLayout.TYPE_CORE);
        ordersAccepted = counters.newCounter("fix orders accepted", CountersLayout.TYPE_CORE);
        reportsSent = counters.newCounter("fix execution reports sent", CountersLayout.TYPE_CORE);
        rejectedLogons = counters.newCounter("fix logons refused", CountersLayout.TYPE_CORE);
        throttled = counters.newCounter("fix messages throttled", CountersLayout.TYPE_CORE);
    }

    @Override
    public int doWork()
    {
        int work = gateway.doWork();
        final boolean isLoggedOn = gateway.isOmsLoggedOn();
        if (wasLoggedOn && !isLoggedOn && cancelOnDisconnect)
        {
            killPending = true;
        }
        // Ids below zero: commands from the gateway, never confused with the admin channel's.
        if (killPending && adminLink.offerCommand(new AdminCommand(nextCommandId--, USER, System.nanoTime(),
            AdminCommand.Verb.KILL_ALL, null, null, "kill all (cancel on disconnect: the OMS session ended)")))
        {
            killPending = false;
            work++;
        }
        wasLoggedOn = isLoggedOn;
        loggedOn.setOrdered(isLoggedOn ? 1 : 0);
        ordersAccepted.setOrdered(gateway.ordersAccepted());
        reportsSent.setOrdered(gateway.reportsSent());
        rejectedLogons.setOrdered(gateway.rejectedLogons());
        throttled.setOrdered(gateway.throttledMessages());
        return work;
    }

    @Override
    public void onClose()
    {
        gateway.close();
    }

    @Override
    public String roleName()
    {
        return gateway.roleName();
    }
}
