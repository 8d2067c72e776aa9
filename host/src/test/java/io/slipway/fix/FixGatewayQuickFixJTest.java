package io.slipway.fix;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.oms.ExecType;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.CancelReject;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.ParentStatusRequest;
import io.slipway.oms.ReplaceParentOrder;
import io.slipway.oms.StrategyParameter;
import io.slipway.oms.OmsLink;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An independent FIX engine (QuickFIX/J) plays the OMS against the gateway while the test plays
 * the core on the other side of the {@link OmsLink}: every field of both translations is checked
 * on the wire as the OMS sees it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class FixGatewayQuickFixJTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final String TRANSACT_TIME = "20261121-09:59:59.123";

    private final List<Throwable> gatewayErrors = new CopyOnWriteArrayList<>();
    private final OmsLink link = new OmsLink(8);
    private int port;
    private FixGateway gateway;
    private AgentRunner gatewayRunner;
    private QuickFixOms oms;

    @BeforeAll
    void startGatewayAndLogOn() throws Exception
    {
        port = FixTestSupport.freePort();
        gateway = new FixGateway(new FixGatewayContext()
            .bindPort(port)
            .heartbeatIntervalS(5)
            .omsLink(link))
            .start();
        gatewayRunner = FixTestSupport.run(gateway, gatewayErrors);
        oms = new QuickFixOms(port, "OMS", "SLIPWAY");
        FixTestSupport.await("QuickFIX/J logon", oms.loggedOn::get);
    }

    @AfterAll
    void stop()
    {
        if (oms != null)
        {
            oms.close();
        }
        if (gatewayRunner != null)
        {
            gatewayRunner.close();
        }
        assertTrue(gatewayErrors.isEmpty(), () -> "gateway errors: " + gatewayErrors);
        assertFalse(gateway.context().workingDirectory().exists(), "generated working directory removed on close");
    }

    @BeforeEach
    void clearQueues()
    {
        FixTestSupport.drainAll(link);
        oms.received.clear();
    }

    @Test
    void newOrderSingleBecomesParentOrderAndReportsComeBackAsExecutionReports() throws Exception
    {
        final Message order = newOrderSingle("ORD-1", "BTC-USD", '1', "2.5");
        order.setString(40, "2");
        order.setString(44, "65000.50");
        order.setInt(847, 1001);
        order.setString(168, "20261121-10:00:00");
        order.setString(126, "20261121-12:30:00.250");
        oms.send(order);

        final NewParentOrder command = FixTestSupport.awaitCommand(link);
        assertEquals("ORD-1", command.clOrdId());
        assertEquals("BTC-USD", command.symbol());
        assertEquals('1', command.side());
        assertEquals("2.5", command.quantity());
        assertEquals(1001, command.targetStrategy());
        assertEquals(epochNanos("2026-11-21T10:00:00Z"), command.effectiveTimeNs());
        assertEquals(epochNanos("2026-11-21T12:30:00.250Z"), command.expireTimeNs());
        assertEquals("65000.5", command.limitPrice(), "decimal text, numerically exact; trailing zeros dropped");

        final long qty = BTC.parseQty("2.5");
        final long t0 = epochNanos("2026-11-21T10:00:00.001Z");
        offer(report("ORD-1", "P-1-1", ExecType.NEW, OrdStatus.NEW, qty, 0, 0, null, 0, qty, 0.0, 0.0, t0, null));

        final Message newAck = oms.await("8");
        assertEquals("P-1", newAck.getString(37));
        assertEquals("ORD-1", newAck.getString(11));
        assertEquals("P-1-1", newAck.getString(17));
        assertEquals("0", newAck.getString(150));
        assertEquals("0", newAck.getString(39));
        assertEquals("BTC-USD", newAck.getString(55));
        assertEquals("1", newAck.getString(54));
        assertEquals(BTC.formatQty(qty), newAck.getString(38));
        assertEquals("0", newAck.getString(14));
        assertEquals("2.5", newAck.getString(151));
        assertEquals("0", newAck.getString(6));
        assertFalse(newAck.isSetField(32), "no LastQty on a New");
        assertFalse(newAck.isSetField(31), "no LastPx on a New");
        assertFalse(newAck.isSetField(30), "no LastMkt on a New");
        assertEquals("20261121-10:00:00.001", newAck.getString(60));

        final long lastQty = BTC.parseQty("1.000001");
        final long lastPx = BTC.parsePrice("64999.90");
        offer(report("ORD-1", "P-1-2", ExecType.PARTIAL_FILL, OrdStatus.PARTIALLY_FILLED, qty,
            lastQty, lastPx, "BINANCE", lastQty, qty - lastQty, 64999.9, 1.25, t0 + 5_000_000, null));

        final Message partial = oms.await("8");
        assertEquals("P-1-2", partial.getString(17));
        assertEquals("F", partial.getString(150));
        assertEquals("1", partial.getString(39));
        assertEquals("1.000001", partial.getString(32));
        assertEquals(0, new BigDecimal(BTC.formatPrice(lastPx)).compareTo(new BigDecimal(partial.getString(31))));
        assertEquals("64999.9", partial.getString(31), "exact price, trailing zero dropped by the encoder");
        assertEquals("BINANCE", partial.getString(30));
        assertEquals("1.000001", partial.getString(14));
        assertEquals("1.499999", partial.getString(151));
        assertEquals("64999.9", partial.getString(6));
        assertEquals("1.25", partial.getString(12));
        assertEquals("3", partial.getString(13));
        assertEquals("20261121-10:00:00.006", partial.getString(60));

        final long secondQty = qty - lastQty;
        final long secondPx = BTC.parsePrice("65000.00");
        final double avgPx = (64999.90 * 1.000001 + 65000.00 * 1.499999) / 2.5;
        offer(report("ORD-1", "P-1-3", ExecType.FILL, OrdStatus.FILLED, qty,
            secondQty, secondPx, "COINBASE", qty, 0, avgPx, 3.0, t0 + 9_000_000, null));

        final Message filled = oms.await("8");
        assertEquals("F", filled.getString(150));
        assertEquals("2", filled.getString(39));
        assertEquals("1.499999", filled.getString(32));
        assertEquals("65000", filled.getString(31));
        assertEquals("COINBASE", filled.getString(30));
        assertEquals("2.5", filled.getString(14));
        assertEquals("0", filled.getString(151));
        assertEquals(avgPx, Double.parseDouble(filled.getString(6)), 1e-6);
        assertEquals("3", filled.getString(12));
        assertFalse(filled.isSetField(58));
    }

    @Test
    void absentOptionalFieldsMapToTheirSentinels() throws Exception
    {
        oms.send(newOrderSingle("ORD-2", "ETH-USD", '2', "10"));

        final NewParentOrder command = FixTestSupport.awaitCommand(link);
        assertEquals("ORD-2", command.clOrdId());
        assertEquals('2', command.side());
        assertEquals("10", command.quantity());
        assertEquals(NewParentOrder.NO_STRATEGY, command.targetStrategy());
        assertEquals(NewParentOrder.NO_TIME, command.effectiveTimeNs());
        assertEquals(NewParentOrder.NO_TIME, command.expireTimeNs());
        assertNull(command.limitPrice());
    }

    @Test
    void missingSymbolIsRejectedAtSessionLevelNamingTheTag() throws Exception
    {
        final Message order = newOrderSingle("ORD-3", "BTC-USD", '1', "1");
        order.removeField(55);
        oms.send(order);

        final Message reject = oms.await("3");
        assertEquals(55, reject.getInt(371));
        assertEquals("D", reject.getString(372));
        assertEquals(1, reject.getInt(373));
        assertTrue(reject.getString(58).contains("55") && reject.getString(58).contains("Symbol"), reject.getString(58));
        assertNoCommandArrives();
    }

    @Test
    void garbledExpireTimeIsRejectedNamingTheTag() throws Exception
    {
        final Message order = newOrderSingle("ORD-4", "BTC-USD", '1', "1");
        order.setString(126, "20261132-25:00:00");
        oms.send(order);

        final Message reject = oms.await("3");
        assertEquals(126, reject.getInt(371));
        assertEquals(6, reject.getInt(373));
        assertTrue(reject.getString(58).contains("ExpireTime"), reject.getString(58));
        assertNoCommandArrives();
    }

    @Test
    void garbledEffectiveTimeIsRejectedNamingTheTag() throws Exception
    {
        final Message order = newOrderSingle("ORD-5", "BTC-USD", '1', "1");
        order.setString(168, "2026-11-21T10:00:00Z");
        oms.send(order);

        final Message reject = oms.await("3");
        assertEquals(168, reject.getInt(371));
        assertEquals(6, reject.getInt(373));
        assertNoCommandArrives();
    }

    @Test
    void coreRejectBecomesExecutionReportWithStatusRejectedAndText() throws Exception
    {
        offer(new ParentOrderReport("ORD-6", "NONE", "R-6", ExecType.REJECTED, OrdStatus.REJECTED, null,
            "DOGE-USD", null, '1', 0, 0, 0, null, 0, 0, 0.0, 0.0,
            epochNanos("2026-11-21T10:01:00Z"), "unknown symbol DOGE-USD"));

        final Message rejected = oms.await("8");
        assertEquals("ORD-6", rejected.getString(11));
        assertEquals("NONE", rejected.getString(37));
        assertEquals("8", rejected.getString(150));
        assertEquals("8", rejected.getString(39));
        assertEquals("DOGE-USD", rejected.getString(55));
        assertEquals("1", rejected.getString(54));
        assertEquals("0", rejected.getString(38));
        assertEquals("0", rejected.getString(14));
        assertEquals("0", rejected.getString(151));
        assertEquals("unknown symbol DOGE-USD", rejected.getString(58));
    }

    @Test
    void fullOmsLinkAnswersBusyInsteadOfBlocking() throws Exception
    {
        final NewParentOrder filler = new NewParentOrder("FILL", "BTC-USD", '1', "1",
            NewParentOrder.NO_STRATEGY, NewParentOrder.NO_TIME, NewParentOrder.NO_TIME, null);
        int queued = 0;
        while (link.offerCommand(filler))
        {
            queued++;
        }
        assertTrue(queued > 0);

        oms.send(newOrderSingle("ORD-7", "BTC-USD", '1', "1"));
        final Message busy = oms.await("j");
        assertEquals(4, busy.getInt(380));
        assertEquals("D", busy.getString(372));
        assertEquals("ORD-7", busy.getString(379));
        assertEquals("appliance busy", busy.getString(58));

        final List<OmsCommand> commands = FixTestSupport.drainAll(link);
        assertEquals(queued, commands.size());
        assertTrue(commands.stream().noneMatch((c) -> c.clOrdId().equals("ORD-7")));
    }

    @Test
    void unsupportedApplicationMessageGetsBusinessReject() throws Exception
    {
        // An ExecutionReport is ours to send, not the OMS's: known to the dictionary, refused by the gateway.
        final Message report = new Message();
        report.getHeader().setString(35, "8");
        report.setString(37, "X-1");
        report.setString(17, "E-1");
        report.setChar(150, '0');
        report.setChar(39, '0');
        report.setString(55, "BTC-USD");
        report.setChar(54, '1');
        report.setString(151, "1");
        report.setString(14, "0");
        report.setString(6, "0");
        oms.send(report);

        final Message reject = oms.await("j");
        assertEquals(3, reject.getInt(380));
        assertEquals("8", reject.getString(372));
        assertTrue(reject.getString(58).contains("MsgType 8 is not supported"), reject.getString(58));
        assertNoCommandArrives();
    }

    @Test
    void cancelReplaceAndStatusRequestsBecomeCommands() throws Exception
    {
        final Message cancel = new Message();
        cancel.getHeader().setString(35, "F");
        cancel.setString(41, "ORD-1");
        cancel.setString(37, "P-1");
        cancel.setString(11, "CXL-1");
        cancel.setString(55, "BTC-USD");
        cancel.setChar(54, '1');
        cancel.setString(60, TRANSACT_TIME);
        oms.send(cancel);
        assertEquals(new CancelParentOrder("CXL-1", "ORD-1", "P-1"), FixTestSupport.awaitAnyCommand(link));

        final Message replace = new Message();
        replace.getHeader().setString(35, "G");
        replace.setString(41, "ORD-1");
        replace.setString(11, "RPL-1");
        replace.setString(55, "BTC-USD");
        replace.setChar(54, '1');
        replace.setString(60, TRANSACT_TIME);
        replace.setString(38, "3.50");
        replace.setChar(40, '2');
        replace.setString(44, "64000");
        replace.setString(126, "20261121-13:00:00");
        oms.send(replace);
        assertEquals(new ReplaceParentOrder("RPL-1", "ORD-1", null, "BTC-USD", '1', "3.5",
            epochNanos("2026-11-21T13:00:00Z"), "64000"), FixTestSupport.awaitAnyCommand(link));

        final Message status = new Message();
        status.getHeader().setString(35, "H");
        status.setString(11, "RPL-1");
        status.setString(55, "BTC-USD");
        status.setChar(54, '1');
        oms.send(status);
        assertEquals(new ParentStatusRequest("RPL-1", null, "BTC-USD", '1'), FixTestSupport.awaitAnyCommand(link));
    }

    @Test
    void cancelWithoutOrigClOrdIdIsRejectedAtSessionLevelNamingTheTag() throws Exception
    {
        final Message cancel = new Message();
        cancel.getHeader().setString(35, "F");
        cancel.setString(11, "CXL-2");
        cancel.setString(55, "BTC-USD");
        cancel.setChar(54, '1');
        cancel.setString(60, TRANSACT_TIME);
        oms.send(cancel);

        final Message reject = oms.await("3");
        assertEquals(41, reject.getInt(371));
        assertEquals("F", reject.getString(372));
        assertTrue(reject.getString(58).contains("OrigClOrdID"), reject.getString(58));
        assertNoCommandArrives();
    }

    @Test
    void strategyParametersGroupIsPassedOnAsSent() throws Exception
    {
        final Message order = newOrderSingle("ORD-SP", "BTC-USD", '1', "1");
        // QuickFIX/J's FIX 4.4 dictionary has no 957 group; a Group with its delimiter writes it in order.
        final quickfix.Group first = new quickfix.Group(957, 958, new int[] {958, 959, 960});
        first.setString(958, "MaxParticipation");
        first.setInt(959, 11);
        first.setString(960, "0.2");
        order.addGroup(first);
        final quickfix.Group second = new quickfix.Group(957, 958, new int[] {958, 959, 960});
        second.setString(958, "AllowedVenues");
        second.setString(960, "SIMA,SIMB");
        order.addGroup(second);
        oms.send(order);

        final NewParentOrder command = FixTestSupport.awaitCommand(link);
        assertEquals(List.of(new StrategyParameter("MaxParticipation", 11, "0.2"),
            new StrategyParameter("AllowedVenues", StrategyParameter.NO_TYPE, "SIMA,SIMB")), command.strategyParameters());
        assertEquals("OMS", command.clientId(), "tagged with the session's client");
    }

    @Test
    void cancelRejectGoesOutAsOrderCancelReject() throws Exception
    {
        offer(new ParentOrderReport("CXL-9", "P-1", "CXR-1", null, OrdStatus.FILLED, BTC, BTC.symbol(), Side.BUY, '1',
            BTC.parseQty("1"), 0, 0, null, BTC.parseQty("1"), 0, 65000.0, 1.0, epochNanos("2026-11-21T10:02:00Z"),
            "too late to cancel: order is FILLED", "ORD-9", new CancelReject(CancelReject.TO_CANCEL,
            CancelReject.TOO_LATE_TO_CANCEL)));

        final Message reject = oms.await("9");
        assertEquals("P-1", reject.getString(37));
        assertEquals("CXL-9", reject.getString(11));
        assertEquals("ORD-9", reject.getString(41));
        assertEquals("2", reject.getString(39));
        assertEquals("1", reject.getString(434));
        assertEquals(0, reject.getInt(102));
        assertEquals("too late to cancel: order is FILLED", reject.getString(58));
    }

    @Test
    void garbageOnAnotherConnectionDoesNotDisturbTheOmsSession() throws Exception
    {
        try (Socket garbage = new Socket("127.0.0.1", port))
        {
            final OutputStream out = garbage.getOutputStream();
            // An absurd BodyLength, then bytes that are not FIX at all.
            out.write("8=FIX.4.4\u00019=99999999\u000135=D\u000149=OMS\u000156=SLIPWAY\u0001".getBytes(StandardCharsets.US_ASCII));
            final byte[] noise = new byte[4096];
            new SplittableRandom(7).nextBytes(noise);
            out.write(noise);
            out.flush();

            oms.send(newOrderSingle("ORD-8", "BTC-USD", '1', "1"));
            assertEquals("ORD-8", FixTestSupport.awaitCommand(link).clOrdId());
        }
        assertTrue(oms.loggedOn.get());
    }

    @Test
    void possResendOfAnOrderAlreadyTakenIsDroppedButANewOneIsTaken() throws Exception
    {
        oms.send(newOrderSingle("ORD-9", "BTC-USD", '1', "1"));
        assertEquals("ORD-9", FixTestSupport.awaitCommand(link).clOrdId());

        final Message copy = newOrderSingle("ORD-9", "BTC-USD", '1', "1");
        copy.getHeader().setBoolean(97, true);
        oms.send(copy);
        assertNoCommandArrives();
        assertTrue(oms.received.isEmpty(), "no answer to the dropped copy: " + oms.received);

        final Message unseen = newOrderSingle("ORD-10", "BTC-USD", '1', "1");
        unseen.getHeader().setBoolean(97, true);
        oms.send(unseen);
        assertEquals("ORD-10", FixTestSupport.awaitCommand(link).clOrdId(), "a PossResend of an order never seen is taken");
    }

    @Test
    void logonWithWrongCompIdIsRefused()
    {
        final int before = gateway.rejectedLogons();
        final QuickFixOms intruder = new QuickFixOms(port, "INTRUDER", "SLIPWAY");
        try
        {
            FixTestSupport.await("the gateway to refuse the logon", () -> gateway.rejectedLogons() > before);
            FixTestSupport.sleepMs(200);
            assertFalse(intruder.loggedOn.get(), "a wrong SenderCompID must never be logged on");
        }
        finally
        {
            intruder.close();
        }
        assertTrue(oms.loggedOn.get(), "the real OMS session is unaffected");
    }

    private void assertNoCommandArrives()
    {
        FixTestSupport.sleepMs(200);
        assertTrue(FixTestSupport.drainAll(link).isEmpty(), "no command may reach the core");
    }

    private void offer(final ParentOrderReport report)
    {
        FixTestSupport.await("room on the report queue", () -> link.offerReport(report));
    }

    private static ParentOrderReport report(
        final String clOrdId,
        final String execId,
        final ExecType execType,
        final OrdStatus ordStatus,
        final long orderQty,
        final long lastQty,
        final long lastPx,
        final String lastMarket,
        final long cumQty,
        final long leavesQty,
        final double avgPx,
        final double fees,
        final long transactTimeNs,
        final String text)
    {
        return new ParentOrderReport(clOrdId, "P-1", execId, execType, ordStatus, BTC, BTC.symbol(), Side.BUY, '1',
            orderQty, lastQty, lastPx, lastMarket, cumQty, leavesQty, avgPx, fees, transactTimeNs, text);
    }

    private static Message newOrderSingle(final String clOrdId, final String symbol, final char side, final String qty)
    {
        final Message message = new Message();
        message.getHeader().setString(35, "D");
        message.setString(11, clOrdId);
        message.setString(55, symbol);
        message.setChar(54, side);
        message.setString(60, TRANSACT_TIME);
        message.setString(38, qty);
        message.setChar(40, '1');
        return message;
    }

    private static long epochNanos(final String isoInstant)
    {
        final Instant instant = Instant.parse(isoInstant);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** A QuickFIX/J initiator session with everything it receives queued for the test. */

}
