package io.slipway.fix;

import io.slipway.app.SimulatedAppliance;
import io.slipway.domain.Instruments;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.OmsLink;
import io.slipway.tca.ExecutionRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import quickfix.Group;
import quickfix.Message;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OrderCancelRequest, OrderCancelReplaceRequest and OrderStatusRequest from QuickFIX/J as the OMS,
 * through the Artio gateway, into the whole simulated appliance, with every report checked
 * against FIX's invariants and against the fills the core recorded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class OmsCommandsOverFixTest
{
    private static final DateTimeFormatter FIX_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private ApplianceOverFix fix;
    private SimulatedAppliance appliance;
    private OmsLink link;
    private QuickFixOms oms;

    @BeforeEach
    void start()
    {
        fix = new ApplianceOverFix(11);
        appliance = fix.appliance;
        link = fix.link;
        oms = fix.oms;
    }

    @AfterEach
    void stop()
    {
        fix.close();
    }

    private String now()
    {
        return FIX_TIME.format(Instant.ofEpochSecond(0, appliance.nowNs()));
    }

    private Message order(final String clOrdId, final String qty, final long expireNs)
    {
        final Message order = new Message();
        order.getHeader().setString(35, "D");
        order.setString(11, clOrdId);
        order.setString(55, "BTC-USD");
        order.setString(54, "2");
        order.setString(38, qty);
        order.setString(40, "1");
        order.setString(60, now());
        order.setInt(847, 1001);
        order.setString(126, FIX_TIME.format(Instant.ofEpochSecond(0, expireNs)));
        return order;
    }

    private Message cancel(final String clOrdId, final String origClOrdId)
    {
        final Message cancel = new Message();
        cancel.getHeader().setString(35, "F");
        cancel.setString(41, origClOrdId);
        cancel.setString(11, clOrdId);
        cancel.setString(55, "BTC-USD");
        cancel.setString(54, "2");
        cancel.setString(60, now());
        return cancel;
    }

    private Message replace(final String clOrdId, final String origClOrdId, final String qty, final Long expireNs)
    {
        final Message replace = new Message();
        replace.getHeader().setString(35, "G");
        replace.setString(41, origClOrdId);
        replace.setString(11, clOrdId);
        replace.setString(55, "BTC-USD");
        replace.setString(54, "2");
        replace.setString(60, now());
        replace.setString(38, qty);
        replace.setString(40, "1");
        if (expireNs != null)
        {
            replace.setString(126, FIX_TIME.format(Instant.ofEpochSecond(0, expireNs)));
        }
        return replace;
    }

    private Message status(final String clOrdId)
    {
        final Message status = new Message();
        status.getHeader().setString(35, "H");
        status.setString(11, clOrdId);
        status.setString(55, "BTC-USD");
        status.setString(54, "2");
        return status;
    }

    /** The OMS sends; the appliance takes the command at its current simulated time. */
    private void send(final Message message) throws Exception
    {
        oms.send(message);
        final List<OmsCommand> commands = new ArrayList<>();
        FixTestSupport.await("a command on the OMS link", () -> link.drainCommands(commands::add, 1) > 0);
        appliance.submit(commands.get(0));
    }

    /** Reads execution reports until one has this ExecType, checking FIX's invariants on each. */
    private final class Reports
    {
        final BigDecimal orderQty;
        BigDecimal cum = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        int fills;

        Reports(final String orderQty)
        {
            this.orderQty = new BigDecimal(orderQty);
        }

        BigDecimal currentQty;

        Message until(final String execType, final BigDecimal orderQty) throws Exception
        {
            currentQty = orderQty;
            while (true)
            {
                final Message report = oms.await("8");
                account(report);
                if (execType.equals(report.getString(150)))
                {
                    return report;
                }
            }
        }

        /** The next OrderCancelReject; ExecutionReports before it are checked and counted. */
        Message cancelReject(final BigDecimal orderQty) throws Exception
        {
            currentQty = orderQty;
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FixTestSupport.WAIT_MS);
            while (System.nanoTime() < deadlineNs)
            {
                final Message message = oms.received.poll(100, TimeUnit.MILLISECONDS);
                if (message == null)
                {
                    continue;
                }
                final String type = message.getHeader().getString(35);
                if ("9".equals(type))
                {
                    return message;
                }
                if ("8".equals(type))
                {
                    account(message);
                }
            }
            throw new AssertionError("no OrderCancelReject");
        }

        private void account(final Message report) throws Exception
        {
            final String type = report.getString(150);
            if ("F".equals(type))
            {
                final BigDecimal lastQty = new BigDecimal(report.getString(32));
                cum = cum.add(lastQty);
                notional = notional.add(lastQty.multiply(new BigDecimal(report.getString(31))));
                fills++;
            }
            if ("5".equals(type))
            {
                currentQty = new BigDecimal(report.getString(38));
            }
            assertEquals(0, cum.compareTo(new BigDecimal(report.getString(14))), "CumQty is the sum of LastQty");
            final String ordStatus = report.getString(39);
            final BigDecimal leaves = new BigDecimal(report.getString(151));
            if ("2".equals(ordStatus) || "4".equals(ordStatus) || "C".equals(ordStatus))
            {
                assertEquals(0, leaves.signum(), "a finished order leaves nothing");
            }
            else
            {
                assertEquals(0, cum.add(leaves).compareTo(currentQty), "CumQty + LeavesQty = OrderQty: " + report);
            }
            if (cum.signum() > 0)
            {
                final BigDecimal avgPx = new BigDecimal(report.getString(6));
                assertTrue(avgPx.subtract(notional.divide(cum, MathContext.DECIMAL64)).abs()
                    .compareTo(new BigDecimal("0.0001")) <= 0, "AvgPx consistent with the fills");
            }
        }
    }

    @Test
    void cancelMidExecution() throws Exception
    {
        final long start = appliance.nowNs();
        send(order("c-1", "3", start + 10 * MINUTE));
        final Reports reports = new Reports("3");
        reports.until("0", reports.orderQty);
        appliance.runUntil(start + 3 * MINUTE + 17);
        send(cancel("c-1-x", "c-1"));
        appliance.runWhileActive(start + 11 * MINUTE);

        final Message canceled = reports.until("4", reports.orderQty);
        assertEquals("4", canceled.getString(39));
        assertEquals("c-1-x", canceled.getString(11));
        assertEquals("c-1", canceled.getString(41));
        assertTrue(reports.cum.signum() > 0 && reports.cum.compareTo(reports.orderQty) < 0,
            "canceled part way: " + reports.cum);

        final ExecutionRecord record = fix.finished();
        assertNotNull(record);
        assertEquals("CANCELED", record.finalStatus());
        assertEquals(record.fillCount(), reports.fills, "CumQty is what the venues filled");
        long venueFilled = 0;
        for (int i = 0; i < record.fillCount(); i++)
        {
            venueFilled += record.fillQuantity(i);
        }
        assertEquals(0, reports.cum.compareTo(new BigDecimal(Instruments.BTC_USD.formatQty(venueFilled))));
        final int children = record.childOrders();
        appliance.runUntil(start + 15 * MINUTE);
        assertEquals(children, record.childOrders(), "no child after the cancel");
        assertEquals(0, appliance.activeParentOrders());

        // the finished order: too late to cancel, too late to replace
        send(cancel("c-1-y", "c-1"));
        final Message tooLate = oms.await("9");
        assertEquals("0", tooLate.getString(102));
        assertEquals("1", tooLate.getString(434));
        assertEquals("4", tooLate.getString(39));
        assertTrue(tooLate.getString(58).contains("too late to cancel"), tooLate.getString(58));
        send(replace("c-1-z", "c-1", "5", null));
        final Message tooLateReplace = oms.await("9");
        assertEquals("2", tooLateReplace.getString(434));
        assertEquals("0", tooLateReplace.getString(102));
    }

    @Test
    void replaceQuantityUpAndEndTimeThenStatus() throws Exception
    {
        final long start = appliance.nowNs();
        send(order("r-1", "2", start + 4 * MINUTE));
        final Reports reports = new Reports("2");
        reports.until("0", reports.orderQty);
        appliance.runUntil(start + MINUTE + 29);
        send(replace("r-2", "r-1", "3", start + 8 * MINUTE));
        final Message replaced = reports.until("5", reports.orderQty);
        assertEquals("r-2", replaced.getString(11));
        assertEquals("r-1", replaced.getString(41));
        assertEquals(0, new BigDecimal("3").compareTo(new BigDecimal(replaced.getString(38))));

        send(status("r-2"));
        final Message status = reports.until("I", new BigDecimal("3"));
        assertEquals("r-2", status.getString(11));
        assertTrue("0".equals(status.getString(39)) || "1".equals(status.getString(39)), status.toString());

        appliance.runWhileActive(start + 9 * MINUTE);
        final Message filled = reports.until("F", new BigDecimal("3"));
        Message last = filled;
        while (!"2".equals(last.getString(39)))
        {
            last = reports.until("F", new BigDecimal("3"));
        }
        assertEquals(0, new BigDecimal("3").compareTo(reports.cum));
        assertEquals("r-2", last.getString(11), "reports after the replace carry its ClOrdID");
        assertTrue(fix.finished().completedNs() > start + 4 * MINUTE, "the new end time was used");
        assertEquals(Instruments.BTC_USD.qtyFromDouble(3), fix.finished().orderQty());
    }

    @Test
    void replaceQuantityDownAndEveryCancelRejectCase() throws Exception
    {
        final long start = appliance.nowNs();
        send(order("d-1", "4", start + 8 * MINUTE));
        final Reports reports = new Reports("4");
        reports.until("0", reports.orderQty);
        appliance.runUntil(start + 2 * MINUTE + 31);

        send(cancel("d-x", "nobody"));
        Message reject = reports.cancelReject(reports.orderQty);
        assertEquals("1", reject.getString(102));
        assertEquals("nobody", reject.getString(41));

        send(cancel("d-1", "d-1"));
        reject = reports.cancelReject(reports.orderQty);
        assertEquals("6", reject.getString(102), "duplicate ClOrdID");

        send(replace("d-y", "d-1", "0.0001", null));
        reject = reports.cancelReject(reports.orderQty);
        assertEquals("2", reject.getString(434));
        assertEquals("99", reject.getString(102));
        assertTrue(reject.getString(58).contains("below CumQty"), reject.getString(58));

        send(replace("d-2", "d-1", "2", null));
        final Message replaced = reports.until("5", reports.orderQty);
        assertEquals(0, new BigDecimal("2").compareTo(reports.currentQty));
        assertEquals(0, new BigDecimal("2").compareTo(new BigDecimal(replaced.getString(38))));
        appliance.runWhileActive(start + 9 * MINUTE);
        Message last = reports.until("F", new BigDecimal("2"));
        while (!"2".equals(last.getString(39)))
        {
            last = reports.until("F", new BigDecimal("2"));
        }
        assertEquals(0, new BigDecimal("2").compareTo(reports.cum), "filled to the reduced quantity, no more");

        send(status("ghost"));
        final Message unknown = oms.await("8");
        assertEquals("I", unknown.getString(150));
        assertEquals("8", unknown.getString(39));
    }

    @Test
    void aReplaceMayNotChangeTheStrategyAndStatusEchoesOrdStatusReqId() throws Exception
    {
        final long start = appliance.nowNs();
        send(order("s-1", "2", start + 4 * MINUTE));
        final Reports reports = new Reports("2");
        final Message acknowledged = reports.until("0", reports.orderQty);
        appliance.runUntil(start + MINUTE + 29);

        // Another strategy, or parameters the order was not placed with: refused by the gateway,
        // nothing reaches the core.
        final Message changeStrategy = replace("s-2", "s-1", "3", null);
        changeStrategy.setInt(847, 1002);
        oms.send(changeStrategy);
        Message refused = reports.cancelReject(reports.orderQty);
        assertEquals("2", refused.getString(434));
        assertEquals("99", refused.getString(102));
        assertEquals("s-2", refused.getString(11));
        assertEquals("s-1", refused.getString(41));
        assertEquals(acknowledged.getString(37), refused.getString(37));
        assertTrue(refused.getString(58).contains("TargetStrategy (847) cannot change on a replace: order runs 1001, " +
            "request says 1002"), refused.getString(58));

        final Message changeParameters = replace("s-3", "s-1", "3", null);
        final Group parameter = new Group(957, 958);
        parameter.setString(958, "ParticipationCap");
        parameter.setInt(959, 11);
        parameter.setString(960, "0.05");
        changeParameters.addGroup(parameter);
        oms.send(changeParameters);
        refused = reports.cancelReject(reports.orderQty);
        assertTrue(refused.getString(58).contains("StrategyParameters (957) cannot change"), refused.getString(58));

        final Message changeStart = replace("s-4", "s-1", "3", null);
        changeStart.setString(168, now());
        oms.send(changeStart);
        refused = reports.cancelReject(reports.orderQty);
        assertTrue(refused.getString(58).contains("EffectiveTime (168) cannot change"), refused.getString(58));
        FixTestSupport.sleepMs(200);
        assertEquals(0, link.drainCommands((command) -> { }, Integer.MAX_VALUE), "no refused replace reached the core");

        // The same strategy resent, as FIX replaces usually carry the whole order, is a replace.
        final Message sameStrategy = replace("s-5", "s-1", "3", null);
        sameStrategy.setInt(847, 1001);
        send(sameStrategy);
        final Message replaced = reports.until("5", reports.orderQty);
        assertEquals("s-5", replaced.getString(11));
        assertEquals(0, new BigDecimal("3").compareTo(new BigDecimal(replaced.getString(38))));

        final Message statusWithId = status("s-5");
        statusWithId.setString(790, "REQ-7");
        send(statusWithId);
        final Message answer = reports.until("I", new BigDecimal("3"));
        assertEquals("REQ-7", answer.getString(790), "OrdStatusReqID is echoed");
        send(status("s-1"));
        final Message plain = reports.until("I", new BigDecimal("3"));
        assertFalse(plain.isSetField(790), "and only when sent");
        assertEquals("s-5", plain.getString(11), "a status request by an earlier ClOrdID answers with the current one");
    }
}
