package io.slipway.fix;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.ExecType;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.OmsLink;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With cancel-on-disconnect on, the OMS leaving cancels its working orders through the core, and only those. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class CancelOnDisconnectTest
{
    private static final Instrument BTC = Instruments.BTC_USD;

    private final List<Throwable> gatewayErrors = new CopyOnWriteArrayList<>();
    private final OmsLink link = new OmsLink(16);
    private AgentRunner gatewayRunner;
    private FixGateway gateway;

    @AfterEach
    void stop()
    {
        if (gatewayRunner != null)
        {
            gatewayRunner.close();
        }
        assertTrue(gatewayErrors.isEmpty(), () -> "gateway errors: " + gatewayErrors);
    }

    private QuickFixOms start(final boolean cancelOnDisconnect)
    {
        final int port = FixTestSupport.freePort();
        gateway = new FixGateway(new FixGatewayContext().bindPort(port).cancelOnDisconnect(cancelOnDisconnect)
            .omsLink(link)).start();
        gatewayRunner = FixTestSupport.run(gateway, gatewayErrors);
        final QuickFixOms oms = new QuickFixOms(port, "OMS", "SLIPWAY");
        FixTestSupport.await("QuickFIX/J logon", oms.loggedOn::get);
        return oms;
    }

    private static ParentOrderReport report(final String clOrdId, final String orderId, final ExecType execType,
        final OrdStatus status, final long cumQty)
    {
        final long qty = BTC.parseQty("1");
        return new ParentOrderReport(clOrdId, orderId, orderId + "-" + execType, execType, status, BTC, BTC.symbol(),
            Side.BUY, '1', qty, 0, 0, null, cumQty, status == OrdStatus.FILLED ? 0 : qty - cumQty, 0.0, 0.0,
            1_800_000_000_000_000_000L, null);
    }

    @Test
    void logoutCancelsTheSessionsWorkingOrders() throws Exception
    {
        final QuickFixOms oms = start(true);
        link.offerReport(report("A-1", "SLP-1", ExecType.NEW, OrdStatus.NEW, 0));
        link.offerReport(report("B-1", "SLP-2", ExecType.NEW, OrdStatus.NEW, 0));
        link.offerReport(report("B-1", "SLP-2", ExecType.FILL, OrdStatus.FILLED, BTC.parseQty("1")));
        link.offerReport(report("C-1", "SLP-3", ExecType.NEW, OrdStatus.NEW, 0));
        link.offerReport(new ParentOrderReport("C-2", "SLP-3", "SLP-3-R", ExecType.REPLACED, OrdStatus.NEW, BTC,
            BTC.symbol(), Side.BUY, '1', BTC.parseQty("1"), 0, 0, null, 0, BTC.parseQty("1"), 0.0, 0.0,
            1_800_000_000_000_000_000L, null, "C-1", null));
        for (int i = 0; i < 5; i++)
        {
            oms.await("8");
        }
        oms.close();

        FixTestSupport.await("two cancels", () -> gateway.cancelsOnDisconnect() == 2);
        final List<OmsCommand> commands = FixTestSupport.drainAll(link);
        assertEquals(List.of(
            new CancelParentOrder("COD-SLP-1-1", "A-1", "SLP-1"),
            new CancelParentOrder("COD-SLP-3-2", "C-2", "SLP-3")), commands,
            "the filled order is left alone; the replaced one is canceled under its current ClOrdID");
    }

    @Test
    void offByDefault() throws Exception
    {
        final QuickFixOms oms = start(false);
        link.offerReport(report("A-1", "SLP-1", ExecType.NEW, OrdStatus.NEW, 0));
        oms.await("8");
        oms.close();
        FixTestSupport.sleepMs(500);
        assertTrue(FixTestSupport.drainAll(link).isEmpty());
        assertEquals(0, gateway.cancelsOnDisconnect());
    }
}
