package io.slipway.fix;

import io.slipway.app.SimulatedAppliance;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import quickfix.Message;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole appliance behind a real FIX session: QuickFIX/J (an independent engine) as the OMS,
 * the Artio gateway, and the simulated appliance (market, reference card, execution core). The
 * order is worked on the simulated clock; every report the OMS sees is checked against FIX's
 * invariants and against the fills the core recorded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class ApplianceOverFixTest
{
    private static final DateTimeFormatter FIX_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final Set<String> VENUES = Set.of("SIMA", "SIMB", "SIMC");

    private ApplianceOverFix fix;
    private SimulatedAppliance appliance;
    private OmsLink link;
    private QuickFixOms oms;

    @BeforeEach
    void start()
    {
        fix = new ApplianceOverFix(5);
        appliance = fix.appliance;
        link = fix.link;
        oms = fix.oms;
    }

    @AfterEach
    void stop()
    {
        fix.close();
    }

    private Message order(final String clOrdId, final String symbol, final String qty, final Integer strategy,
        final Long expireNs)
    {
        final Message order = new Message();
        order.getHeader().setString(35, "D");
        order.setString(11, clOrdId);
        order.setString(55, symbol);
        order.setString(54, "2");
        order.setString(38, qty);
        order.setString(40, "1");
        order.setString(60, FIX_TIME.format(Instant.ofEpochSecond(0, appliance.nowNs())));
        if (strategy != null)
        {
            order.setInt(847, strategy);
        }
        if (expireNs != null)
        {
            order.setString(126, FIX_TIME.format(Instant.ofEpochSecond(0, expireNs)));
        }
        return order;
    }

    /** The OMS sends; the appliance takes the command at its current simulated time and works it. */
    private void sendAndWork(final Message order, final long untilNs) throws Exception
    {
        oms.send(order);
        final NewParentOrder command = FixTestSupport.awaitCommand(link);
        appliance.submit(command);
        appliance.runWhileActive(untilNs);
    }

    @Test
    void orderIsWorkedAndEveryFillReachesTheOms() throws Exception
    {
        final long expire = appliance.nowNs() + TimeUnit.MINUTES.toNanos(5);
        sendAndWork(order("rt-1", "BTC-USD", "3", 1001, expire), expire + TimeUnit.MINUTES.toNanos(1));

        final Message ack = oms.await("8");
        assertEquals("0", ack.getString(150));
        assertEquals("0", ack.getString(39));
        assertEquals("rt-1", ack.getString(11));

        BigDecimal cum = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        int fills = 0;
        Message report;
        do
        {
            report = oms.await("8");
            assertEquals("F", report.getString(150), "every later report is a trade");
            assertTrue(VENUES.contains(report.getString(30)), "LastMkt names a venue: " + report.getString(30));
            final BigDecimal lastQty = new BigDecimal(report.getString(32));
            final BigDecimal lastPx = new BigDecimal(report.getString(31));
            assertTrue(lastQty.signum() > 0 && lastPx.signum() > 0);
            cum = cum.add(lastQty);
            notional = notional.add(lastQty.multiply(lastPx));
            fills++;
            assertEquals(0, cum.compareTo(new BigDecimal(report.getString(14))), "CumQty is the sum of LastQty");
            final BigDecimal leaves = new BigDecimal(report.getString(151));
            if ("1".equals(report.getString(39)))
            {
                assertEquals(0, cum.add(leaves).compareTo(new BigDecimal("3")), "CumQty + LeavesQty = OrderQty");
            }
            final BigDecimal avgPx = new BigDecimal(report.getString(6));
            final BigDecimal expectedAvg = notional.divide(cum, MathContext.DECIMAL64);
            assertTrue(avgPx.subtract(expectedAvg).abs().compareTo(new BigDecimal("0.0001")) <= 0,
                "AvgPx " + avgPx + " vs fills " + expectedAvg);
        }
        while (!"2".equals(report.getString(39)));

        assertEquals(0, new BigDecimal("3").compareTo(cum));
        assertEquals("0", report.getString(151));
        assertNotNull(fix.finished());
        assertEquals(fix.finished().fillCount(), fills, "the OMS saw exactly the fills the core recorded");
    }

    @Test
    void badOrdersGetRejectedExecutionReportsWithReasons() throws Exception
    {
        final long expire = appliance.nowNs() + TimeUnit.MINUTES.toNanos(5);
        expectReject(order("bad-1", "DOGE-USD", "1", 1001, expire), "unknown instrument 'DOGE-USD'");
        expectReject(order("bad-2", "BTC-USD", "0", 1001, expire), "must be positive");
        expectReject(order("bad-3", "BTC-USD", "-2", 1001, expire), "must be positive");
        expectReject(order("bad-4", "BTC-USD", "1", 77, expire), "unknown TargetStrategy (847) 77");
        expectReject(order("bad-5", "BTC-USD", "1", 1001, null), "ExpireTime (126) is required");
        assertEquals(0, appliance.activeParentOrders(), "no rejected order is working");
        assertFalse(fix.finished() != null, "nothing was executed");
    }

    @Test
    void duplicateClOrdIdReachesTheCoreAsACommandAndTheCoreRejectsIt() throws Exception
    {
        final long expire = appliance.nowNs() + TimeUnit.MINUTES.toNanos(5);
        sendAndWork(order("dup-1", "BTC-USD", "1", 1001, expire), appliance.nowNs());
        final Message ack = oms.await("8");
        assertEquals("0", ack.getString(150), "the first order is accepted");
        assertEquals("dup-1", ack.getString(11));

        // The gateway does not judge business sense: the second order with the same ClOrdID is a
        // command like any other, and the core answers it.
        final Message duplicate = order("dup-1", "BTC-USD", "2", 1001, expire);
        oms.send(duplicate);
        final NewParentOrder command = FixTestSupport.awaitCommand(link);
        assertEquals("dup-1", command.clOrdId());
        assertEquals("2", command.quantity());
        appliance.submit(command);

        Message report;
        do
        {
            report = oms.await("8");
        }
        while (!"8".equals(report.getString(150)));
        assertEquals("8", report.getString(39));
        assertEquals("dup-1", report.getString(11));
        assertTrue(report.getString(58).contains("duplicate ClOrdID dup-1"), report.getString(58));
    }

    private void expectReject(final Message order, final String reason) throws Exception
    {
        sendAndWork(order, appliance.nowNs());
        final Message report = oms.await("8");
        assertEquals("8", report.getString(150));
        assertEquals("8", report.getString(39));
        assertEquals(order.getString(11), report.getString(11));
        assertTrue(report.getString(58).contains(reason), report.getString(58));
        assertEquals("0", report.getString(14));
    }
}
