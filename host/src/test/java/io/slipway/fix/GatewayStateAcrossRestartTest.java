package io.slipway.fix;

import io.slipway.app.RecoverableAppliance;
import io.slipway.app.Worlds;
import io.slipway.journal.JournalContext;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.OmsHistory;
import io.slipway.oms.OmsLink;
import io.slipway.oms.ParentOrderReport;
import io.slipway.sim.scenario.ScenarioLoader;
import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.MsgType;

import java.io.File;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The FIX gateway's order state survives a restart of the appliance mid-order: rebuilt from the
 * journal's OMS conversation as the core replays it, not from anything the dead gateway kept. After
 * the restart, with the same working order placed before it:
 * <ul>
 *   <li>a PossResend copy of its NewOrderSingle is dropped by the gateway, and a plain duplicate of
 *       its ClOrdID is rejected (by the core: 150=8 "duplicate ClOrdID");</li>
 *   <li>a replace that changes its TargetStrategy is refused by the gateway with OrderCancelReject
 *       CxlRejReason 99, as before a restart, and never reaches the core;</li>
 *   <li>the OMS dropping its connection cancels it (cancel-on-disconnect), with a ClOrdID unused
 *       before the restart.</li>
 * </ul>
 * Without the rebuilt state the copy would reach the core, the replace would be worked as a change of
 * quantity, and cancel-on-disconnect would miss the order until a new report about it happened to go out.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class GatewayStateAcrossRestartTest
{
    private static final DateTimeFormatter FIX_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @TempDir
    File directory;

    private final List<Throwable> gatewayErrors = new CopyOnWriteArrayList<>();

    /** One run of the appliance process's gateway side. */
    private static final class GatewayProcess
    {
        final OmsLink link = new OmsLink(1 << 12);
        final GatewayOrderState state;
        FixGateway gateway;
        AgentRunner runner;

        GatewayProcess(final GatewayOrderState state)
        {
            this.state = state;
        }

        void start(final int port, final File fixDirectory, final File deliveryLog, final List<Throwable> errors)
        {
            gateway = new FixGateway(new FixGatewayContext()
                .bindPort(port)
                .resetSequenceNumbersOnLogon(false)
                .cancelOnDisconnect(true)
                .workingDirectory(fixDirectory)
                .reportDeliveryLog(deliveryLog)
                .orderState(state)
                .omsLink(link))
                .start();
            runner = FixTestSupport.run(gateway, errors);
        }

        void kill()
        {
            runner.close(AgentRunner.RETRY_CLOSE_TIMEOUT_MS, thread -> { });
        }
    }

    @Test
    void duplicateCancelOnDisconnectAndReplaceChecksCoverAnOrderPlacedBeforeTheRestart() throws Exception
    {
        final File fixDirectory = new File(directory, "fix");
        final File deliveryLog = new File(directory, "fix-delivery.log");
        final int port = FixTestSupport.freePort();
        final AtomicReference<GatewayProcess> process = new AtomicReference<>(new GatewayProcess(new GatewayOrderState()));
        process.get().start(port, fixDirectory, deliveryLog, gatewayErrors);
        final QuickFixOms oms = new QuickFixOms(port, "OMS", "SLIPWAY", null, null, false, 1);
        try (RecoverableAppliance appliance = new RecoverableAppliance(
            Worlds.simulated(3, ScenarioLoader.loadNamed("calm")).warmUpNs(TimeUnit.SECONDS.toNanos(20)),
            new JournalContext().directory(new File(directory, "journal")),
            report -> offer(process.get().link, report), record -> { },
            () -> ReportDeliveryLog.readDelivered(deliveryLog),
            () -> (OmsHistory)process.get().state))
        {
            FixTestSupport.await("QuickFIX/J logon", oms.loggedOn::get);
            final long readyNs = appliance.warmUp();
            final long expireNs = readyNs + TimeUnit.HOURS.toNanos(1);
            oms.send(order("A-1", appliance.nowNs(), expireNs, false));
            final Message accepted = pumpUntil(appliance, process.get(), oms,
                m -> isExecutionReport(m, "0") && "A-1".equals(field(m, 11)));
            final String orderId = field(accepted, 37);
            for (int i = 0; i < 200; i++)
            {
                appliance.step();
            }
            assertEquals(1, appliance.core().activeParentCount(), "the order works across the restart");

            // The appliance process dies and comes back: a fresh gateway, its state only what the replay rebuilds.
            process.get().kill();
            appliance.crash();
            appliance.runUntil(appliance.nowNs() + appliance.settleNs());
            final GatewayOrderState rebuilt = new GatewayOrderState();
            process.set(new GatewayProcess(rebuilt));
            appliance.restart();
            assertTrue(rebuilt.commandsReplayed() >= 1 && rebuilt.reportsReplayed() >= 1,
                "rebuilt from the journal: " + rebuilt.commandsReplayed() + " command(s), " +
                rebuilt.reportsReplayed() + " report(s)");
            assertEquals(java.util.Set.of(orderId), rebuilt.workingOrderIds(), "the pre-restart order is working");
            assertTrue(rebuilt.isAnswered("A-1"), "its ClOrdID is answered");
            assertTrue(rebuilt.hasTerms("A-1"), "its fixed terms are known");
            process.get().start(port, fixDirectory, deliveryLog, gatewayErrors);
            final FixGateway gateway = process.get().gateway;
            FixTestSupport.await("QuickFIX/J logon after the restart", oms.loggedOn::get);

            // A PossResend copy of the order is dropped; a plain duplicate ClOrdID is the core's reject.
            oms.send(order("A-1", appliance.nowNs(), expireNs, true));
            oms.send(order("A-1", appliance.nowNs(), expireNs, false));
            final Message duplicate = pumpUntil(appliance, process.get(), oms,
                m -> isExecutionReport(m, "8") && "A-1".equals(field(m, 11)));
            assertTrue(field(duplicate, 58).contains("duplicate ClOrdID"), field(duplicate, 58));
            assertEquals(1, gateway.possResendsDropped(), "the PossResend copy never reached the core");

            // A replace changing the strategy: OrderCancelReject 99 from the gateway, nothing at the core.
            oms.send(replace("A-2", "A-1", appliance.nowNs(), 1));
            final Message refused = pumpUntil(appliance, process.get(), oms,
                m -> "9".equals(header(m, MsgType.FIELD)) && "A-2".equals(field(m, 11)));
            assertEquals("99", field(refused, 102));
            assertEquals("2", field(refused, 434));
            assertTrue(field(refused, 58).startsWith("TargetStrategy (847) cannot change on a replace"), field(refused, 58));
            assertEquals(orderId, field(refused, 37));
            assertEquals(1, gateway.replacesRefused());

            // The OMS goes away: the pre-restart order is canceled through the core.
            oms.disconnect();
            pumpUntil(appliance, process.get(), null, () -> gateway.cancelsOnDisconnect() == 1 &&
                appliance.core().activeParentCount() == 0);
            FixTestSupport.await("QuickFIX/J logon after the disconnect", oms.loggedOn::get);
            final Message canceled = pumpUntil(appliance, process.get(), oms,
                m -> isExecutionReport(m, "4") && orderId.equals(field(m, 37)));
            assertEquals(GatewayOrderState.CANCEL_ON_DISCONNECT_PREFIX + orderId + "-1", field(canceled, 11));
            assertEquals("A-1", field(canceled, 41));
            assertTrue(gatewayErrors.isEmpty(), () -> "gateway errors: " + gatewayErrors);
        }
        finally
        {
            oms.close();
            process.get().kill();
        }
    }

    private static void offer(final OmsLink link, final ParentOrderReport report)
    {
        while (!link.offerReport(report))
        {
            FixTestSupport.sleepMs(1);
        }
    }

    /** Runs the appliance a little at a time, passing the gateway's commands to it, until a message arrives. */
    private static Message pumpUntil(final RecoverableAppliance appliance, final GatewayProcess process,
        final QuickFixOms oms, final Predicate<Message> wanted) throws Exception
    {
        final Message[] found = new Message[1];
        pumpUntil(appliance, process, oms, () ->
        {
            Message message;
            while ((message = oms.received.poll()) != null)
            {
                if (wanted.test(message))
                {
                    found[0] = message;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static void pumpUntil(final RecoverableAppliance appliance, final GatewayProcess process,
        final QuickFixOms oms, final java.util.function.BooleanSupplier done)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FixTestSupport.WAIT_MS);
        while (!done.getAsBoolean())
        {
            if (System.nanoTime() > deadlineNs)
            {
                fail("not reached within " + FixTestSupport.WAIT_MS + " ms");
            }
            process.link.drainCommands((OmsCommand command) -> appliance.submit(command), 16);
            // A few events per pass: the order's hour of simulated time must outlast the test.
            for (int i = 0; i < 4; i++)
            {
                appliance.step();
            }
            FixTestSupport.sleepMs(1);
        }
    }

    private static boolean isExecutionReport(final Message message, final String execType)
    {
        return "8".equals(header(message, MsgType.FIELD)) && execType.equals(field(message, 150));
    }

    private static String header(final Message message, final int tag)
    {
        try
        {
            return message.getHeader().isSetField(tag) ? message.getHeader().getString(tag) : null;
        }
        catch (final quickfix.FieldNotFound ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static String field(final Message message, final int tag)
    {
        try
        {
            return message.isSetField(tag) ? message.getString(tag) : null;
        }
        catch (final quickfix.FieldNotFound ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static Message order(final String clOrdId, final long nowNs, final long expireNs, final boolean possResend)
    {
        final Message order = new Message();
        order.getHeader().setString(35, "D");
        if (possResend)
        {
            order.getHeader().setBoolean(97, true);
        }
        order.setString(11, clOrdId);
        order.setString(55, "BTC-USD");
        order.setString(54, "1");
        order.setString(38, "4");
        order.setString(40, "1");
        order.setString(60, FIX_TIME.format(Instant.ofEpochSecond(0, nowNs)));
        order.setInt(847, 1001);
        order.setString(126, FIX_TIME.format(Instant.ofEpochSecond(0, expireNs)));
        return order;
    }

    private static Message replace(final String clOrdId, final String origClOrdId, final long nowNs, final int strategy)
    {
        final Message replace = new Message();
        replace.getHeader().setString(35, "G");
        replace.setString(11, clOrdId);
        replace.setString(41, origClOrdId);
        replace.setString(55, "BTC-USD");
        replace.setString(54, "1");
        replace.setString(38, "4");
        replace.setString(40, "1");
        replace.setString(60, FIX_TIME.format(Instant.ofEpochSecond(0, nowNs)));
        replace.setInt(847, strategy);
        return replace;
    }
}
