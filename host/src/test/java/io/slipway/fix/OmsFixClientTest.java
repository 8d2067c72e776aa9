package io.slipway.fix;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsLink;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's OMS client against the gateway: logon, an order in, reports and rejects out. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class OmsFixClientTest
{
    private static final Instrument ETH = Instruments.ETH_USD;

    private final List<Throwable> gatewayErrors = new CopyOnWriteArrayList<>();
    private final List<OmsExecutionReport> reports = new ArrayList<>();
    private final List<String> rejects = new ArrayList<>();
    private final OmsLink link = new OmsLink(16);
    private int port;
    private FixGateway gateway;
    private AgentRunner gatewayRunner;
    private OmsFixClient client;

    @BeforeEach
    void start()
    {
        port = FixTestSupport.freePort();
        gateway = new FixGateway(new FixGatewayContext().bindPort(port).omsLink(link)).start();
        gatewayRunner = FixTestSupport.run(gateway, gatewayErrors);
        client = new OmsFixClient(new OmsFixClient.Listener()
        {
            @Override
            public void onExecutionReport(final OmsExecutionReport report)
            {
                reports.add(report);
            }

            @Override
            public void onReject(final String msgType, final int refTagId, final String refId, final String text)
            {
                rejects.add(msgType + ":" + refTagId + ":" + refId + ":" + text);
            }
        });
    }

    @AfterEach
    void stop()
    {
        final File clientDir = client.workingDirectory();
        client.close();
        gatewayRunner.close();
        assertTrue(gatewayErrors.isEmpty(), () -> "gateway errors: " + gatewayErrors);
        assertFalse(clientDir.exists(), "client's temporary directory removed on close");
        assertFalse(gateway.context().workingDirectory().exists(), "gateway's temporary directory removed on close");
    }

    @Test
    void logsOnSendsAnOrderAndReceivesReports()
    {
        client.connect("127.0.0.1", port);
        assertTrue(client.isLoggedOn());

        final long effectiveNs = 1_795_000_000_000_000_000L;
        final long expireNs = effectiveNs + 3_600_000_000_000L + 125_000_000L;
        assertTrue(client.sendNewOrder("C-1", "ETH-USD", '2', "12.5", 1002, effectiveNs, expireNs, "3100.25"));

        final NewParentOrder command = FixTestSupport.awaitCommand(link);
        assertEquals(new NewParentOrder("C-1", "ETH-USD", '2', "12.5", 1002, effectiveNs, expireNs, "3100.25", List.of(),
            "OMS"), command, "tagged with the session's client");

        final long qty = ETH.parseQty("12.5");
        final long lastQty = ETH.parseQty("4.25");
        final long lastPx = ETH.parsePrice("3100.25");
        final long transactNs = effectiveNs + 1_000_000L;
        assertTrue(link.offerReport(new ParentOrderReport("C-1", "P-9", "P-9-2", ExecType.PARTIAL_FILL,
            OrdStatus.PARTIALLY_FILLED, ETH, ETH.symbol(), Side.SELL, '2', qty, lastQty, lastPx, "KRAKEN",
            lastQty, qty - lastQty, 3100.25, 0.75, transactNs, null)));

        pollUntil("the fill report", () -> reports.size() == 1);
        final OmsExecutionReport fill = reports.get(0);
        assertEquals("C-1", fill.clOrdId());
        assertEquals("P-9", fill.orderId());
        assertEquals("P-9-2", fill.execId());
        assertEquals('F', fill.execType());
        assertEquals('1', fill.ordStatus());
        assertEquals("ETH-USD", fill.symbol());
        assertEquals('2', fill.side());
        assertEquals("4.25", fill.lastQty());
        assertEquals("3100.25", fill.lastPx());
        assertEquals("KRAKEN", fill.lastMkt());
        assertEquals("4.25", fill.cumQty());
        assertEquals("8.25", fill.leavesQty());
        assertEquals("3100.25", fill.avgPx());
        assertEquals(transactNs, fill.transactTimeNs());
        assertEquals("0.75", fill.commission());
        assertNull(fill.text());
        assertEquals(lastQty, ETH.parseQty(fill.lastQty()), "the text parses back to the core's fixed point");

        assertTrue(link.offerReport(new ParentOrderReport("C-2", "NONE", "R-2", ExecType.REJECTED,
            OrdStatus.REJECTED, null, "XRP-USD", null, '1', 0, 0, 0, null, 0, 0, 0.0, 0.0,
            transactNs, "unknown symbol XRP-USD")));
        pollUntil("the reject report", () -> reports.size() == 2);
        final OmsExecutionReport rejected = reports.get(1);
        assertEquals('8', rejected.execType());
        assertEquals('8', rejected.ordStatus());
        assertEquals("XRP-USD", rejected.symbol());
        assertEquals("unknown symbol XRP-USD", rejected.text());
        assertNull(rejected.lastQty());
        assertNull(rejected.lastMkt());
        assertTrue(rejects.isEmpty(), () -> "unexpected rejects: " + rejects);
    }

    @Test
    void orderWithoutOptionalFieldsMapsToSentinelsAndBusyLinkIsReportedAsReject()
    {
        client.connect("127.0.0.1", port);

        assertTrue(client.sendNewOrder("C-3", "BTC-USD", '1', "0.5",
            NewParentOrder.NO_STRATEGY, NewParentOrder.NO_TIME, NewParentOrder.NO_TIME, null));
        final NewParentOrder command = FixTestSupport.awaitCommand(link);
        assertEquals(new NewParentOrder("C-3", "BTC-USD", '1', "0.5",
            NewParentOrder.NO_STRATEGY, NewParentOrder.NO_TIME, NewParentOrder.NO_TIME, null, List.of(), "OMS"), command);

        while (link.offerCommand(command))
        {
            // fill the link as a stalled core would
        }
        assertTrue(client.sendNewOrder("C-4", "BTC-USD", '1', "0.5",
            NewParentOrder.NO_STRATEGY, NewParentOrder.NO_TIME, NewParentOrder.NO_TIME, null));
        pollUntil("the busy reject", () -> !rejects.isEmpty());
        assertEquals("j:0:C-4:appliance busy", rejects.get(0));
    }

    @Test
    void reportsProducedWhileNoOmsIsLoggedOnWaitAndAreDeliveredAfterLogon()
    {
        final long qty = ETH.parseQty("1");
        for (int i = 1; i <= 3; i++)
        {
            assertTrue(link.offerReport(new ParentOrderReport("C-" + i, "P-" + i, "P-" + i + "-1", ExecType.NEW,
                OrdStatus.NEW, ETH, ETH.symbol(), Side.BUY, '1', qty, 0, 0, null, 0, qty, 0.0, 0.0,
                1_795_000_000_000_000_000L, null)));
        }
        FixTestSupport.sleepMs(100);
        assertTrue(link.hasPendingReports(), "nobody to send to: the reports stay on the link");

        client.connect("127.0.0.1", port);
        pollUntil("the three reports", () -> reports.size() == 3);
        for (int i = 1; i <= 3; i++)
        {
            assertEquals("C-" + i, reports.get(i - 1).clOrdId(), "in the order the core produced them");
        }
    }

    @Test
    void connectToAGatewayExpectingAnotherCompIdFails()
    {
        client.close();
        client = new OmsFixClient("OTHER", "SLIPWAY", null, (report) -> reports.add(report));
        try
        {
            client.connect("127.0.0.1", port, 3_000);
            throw new AssertionError("logon with a wrong CompID must fail");
        }
        catch (final IllegalStateException expected)
        {
            assertFalse(client.isLoggedOn());
        }
        FixTestSupport.await("the gateway to count the refused logon", () -> gateway.rejectedLogons() == 1);
    }

    private void pollUntil(final String what, final BooleanSupplier condition)
    {
        FixTestSupport.await(what, () ->
        {
            client.poll();
            return condition.getAsBoolean();
        });
    }
}
