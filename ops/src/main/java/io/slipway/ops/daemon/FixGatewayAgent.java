package io.slipway.ops.daemon;

import io.slipway.fix.FixGateway;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;

import java.time.Instant;

/**
 * Runs the FIX gateway and publishes its counters from the gateway's own thread. Every logon and
 * every end of the OMS session goes to the audit log. With cancel-on-disconnect the gateway itself
 * cancels, through the core and its journal, each parent order the OMS was told is working (FIX's
 * cancel-on-disconnect: the orders end CANCELED, their reports wait for the next logon); without it
 * the orders keep working and the OMS gets what it missed by sequence number when it logs on again.
 * Cancel-on-disconnect is not a kill: the card's kill switch is untouched and the next order from
 * the returning OMS is worked at once.
 */
final class FixGatewayAgent implements Agent
{
    static final String USER = "fix-gateway";

    private final FixGateway gateway;
    private final AuditLog auditLog;
    private final boolean cancelOnDisconnect;
    private final AtomicCounter loggedOn;
    private final AtomicCounter ordersAccepted;
    private final AtomicCounter reportsSent;
    private final AtomicCounter rejectedLogons;
    private final AtomicCounter throttled;
    private final AtomicCounter disconnects;
    private final AtomicCounter cancelsOnDisconnect;
    private final AtomicCounter reportsArchived;
    private final AtomicCounter reportsAwaitingArchive;
    private final AtomicCounter archiveWaitMaxUs;
    private final AtomicCounter sequenceNumbersLost;
    private boolean wasLoggedOn;
    private long cancelsSeen;

    FixGatewayAgent(final FixGateway gateway, final AuditLog auditLog, final boolean cancelOnDisconnect,
        final CountersFile counters)
    {
        this.gateway = gateway;
        this.auditLog = auditLog;
        this.cancelOnDisconnect = cancelOnDisconnect;
        loggedOn = counters.newCounter("fix oms logged on", CountersLayout.TYPE_CORE);
        ordersAccepted = counters.newCounter("fix orders accepted", CountersLayout.TYPE_CORE);
        reportsSent = counters.newCounter("fix execution reports sent", CountersLayout.TYPE_CORE);
        rejectedLogons = counters.newCounter("fix logons refused", CountersLayout.TYPE_CORE);
        throttled = counters.newCounter("fix messages throttled", CountersLayout.TYPE_CORE);
        disconnects = counters.newCounter("fix oms disconnects", CountersLayout.TYPE_CORE);
        cancelsOnDisconnect = counters.newCounter("fix cancels on disconnect", CountersLayout.TYPE_CORE);
        // With a report delivery log: a report counts as delivered once Artio's archive has recorded it.
        reportsArchived = counters.newCounter("fix reports archived", CountersLayout.TYPE_CORE);
        reportsAwaitingArchive = counters.newCounter("fix reports awaiting archive", CountersLayout.TYPE_CORE);
        archiveWaitMaxUs = counters.newCounter("fix archive wait max us", CountersLayout.TYPE_CORE);
        sequenceNumbersLost = counters.newCounter("fix sequence numbers lost by artio", CountersLayout.TYPE_CORE);
    }

    @Override
    public int doWork()
    {
        int work = gateway.doWork();
        final boolean isLoggedOn = gateway.isOmsLoggedOn();
        if (isLoggedOn && !wasLoggedOn)
        {
            auditLog.append(Instant.now(), USER, "fix session", "the OMS logged on");
        }
        else if (wasLoggedOn && !isLoggedOn)
        {
            // The gateway sent its cancels while it handled the disconnect, within the doWork above.
            final long cancels = gateway.cancelsOnDisconnect() - cancelsSeen;
            cancelsSeen = gateway.cancelsOnDisconnect();
            disconnects.incrementOrdered();
            auditLog.append(Instant.now(), USER, "fix session", "the OMS session ended; " + (cancelOnDisconnect ?
                "cancel on disconnect: " + cancels + " working parent order(s) canceled through the core" :
                "cancel on disconnect off: orders keep working, reports wait for the next logon"));
        }
        wasLoggedOn = isLoggedOn;
        cancelsOnDisconnect.setOrdered(gateway.cancelsOnDisconnect());
        loggedOn.setOrdered(isLoggedOn ? 1 : 0);
        ordersAccepted.setOrdered(gateway.ordersAccepted());
        reportsSent.setOrdered(gateway.reportsSent());
        rejectedLogons.setOrdered(gateway.rejectedLogons());
        throttled.setOrdered(gateway.throttledMessages());
        reportsArchived.setOrdered(gateway.reportsArchived());
        reportsAwaitingArchive.setOrdered(gateway.reportsAwaitingArchive());
        archiveWaitMaxUs.setOrdered(gateway.archiveWaitMaxNs() / 1_000);
        sequenceNumbersLost.setOrdered(gateway.sequenceNumbersLostByFixLog());
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
