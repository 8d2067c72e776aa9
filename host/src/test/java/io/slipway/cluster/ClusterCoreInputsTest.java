package io.slipway.cluster;

import io.slipway.analytics.ImpactFit;
import io.slipway.core.ExecutionCore;
import io.slipway.journal.TimerInput;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.CancelReject;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentStatusRequest;
import io.slipway.oms.ReplaceParentOrder;
import io.slipway.oms.ParentOrderReport;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.slipway.cluster.InProcessCluster.BTC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterCoreInputsTest
{
    private static final long T0 = TimeUnit.HOURS.toNanos(1);

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
    private final ClusterCoreInputs inputs = new ClusterCoreInputs();
    private final List<ParentOrderReport> reports = new ArrayList<>();
    private final InProcessCluster.Venues venues = new InProcessCluster.Venues();
    private final ExecutionCore core = new ExecutionCore(InProcessCluster.defaultContext().coreContext(),
        InProcessCluster.defaultContext().venues(), venues.linkOf(0), reports::add, record -> { });

    @Test
    void inputsReachTheCoreAsMethodCalls()
    {
        int length = inputs.encodeBbo(buffer, 3, 1, 1, BTC.id(), BTC.priceFromDouble(60_000),
            BTC.qtyFromDouble(5), BTC.priceFromDouble(60_001), BTC.qtyFromDouble(5));
        assertEquals(3, ClusterCoreInputs.sourceId(buffer, 0));
        assertEquals(1, ClusterCoreInputs.sequence(buffer, 0));
        inputs.apply(buffer, 0, length, core, T0);

        length = inputs.encodeNewParentOrder(buffer, 3, 2,
            new NewParentOrder("C1", BTC.symbol(), '1', "0.5", 1001, NewParentOrder.NO_TIME,
            T0 + TimeUnit.SECONDS.toNanos(2), null));
        inputs.apply(buffer, 0, length, core, T0);
        assertEquals(1, reports.size());
        assertEquals(ExecType.NEW, reports.get(0).execType(), reports.get(0).text());
        assertEquals("C1", reports.get(0).clOrdId());

        core.onTimer(core.nextDeadlineNs());
        final InProcessCluster.SentChild child = venues.sent.poll();
        assertTrue(child != null, "the order placed a child");
        length = inputs.encodeVenueFill(buffer, 3, 3, child.venueId(), child.clientOrderId(),
            child.price(), child.quantity(), 0.1, false);
        inputs.apply(buffer, 0, length, core, T0 + 1);
        assertEquals(child.quantity(), reports.get(reports.size() - 1).cumQty());
    }

    /** The feedback loop's fit is a core input like any other: every member applies it, at the log's time. */
    @Test
    void anImpactFitReachesTheCoreAndAFitOutOfRangeDoesNot()
    {
        final ImpactFit fit = new ImpactFit(1.4, 1.0, 3, 3 / 8.0, 0.1, "impact-feedback.yaml");
        int length = inputs.encodeImpactFit(buffer, 3, 1, fit);
        inputs.apply(buffer, 0, length, core, T0);
        assertEquals(fit, core.impactFit());
        length = inputs.encodeBbo(buffer, 3, 2, 1, BTC.id(), BTC.priceFromDouble(60_000),
            BTC.qtyFromDouble(5), BTC.priceFromDouble(60_001), BTC.qtyFromDouble(5));
        inputs.apply(buffer, 0, length, core, T0);
        apply(new NewParentOrder("C1", BTC.symbol(), '1', "0.5", 1001, NewParentOrder.NO_TIME,
            T0 + TimeUnit.SECONDS.toNanos(60), null));
        assertTrue(reports.get(0).text().endsWith("; schedule solved at " + fit.describe()), reports.get(0).text());

        final int bad = inputs.encodeImpactFit(buffer, 3, 3, new ImpactFit(2.0, 1.0, 4, 0.4, 0.1, "f"));
        buffer.putDouble(ClusterCoreInputs.HEADER_LENGTH + 16, 0.01);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> inputs.apply(buffer, 0, bad, core, T0 + 1));
        assertTrue(ex.getMessage().startsWith("IMPACT_FIT impact coefficient must be in [0.05, 20.0]"), ex.getMessage());
        assertEquals(fit, core.impactFit(), "a refused fit changes nothing");
    }

    @Test
    void everyOmsCommandKindReachesTheCoreAndItsReportsSurviveTheReportCodec()
    {
        final long end = T0 + TimeUnit.SECONDS.toNanos(60);
        final int bboLength = inputs.encodeBbo(buffer, 3, 1, 1, BTC.id(), BTC.priceFromDouble(60_000),
            BTC.qtyFromDouble(5), BTC.priceFromDouble(60_001), BTC.qtyFromDouble(5));
        inputs.apply(buffer, 0, bboLength, core, T0);
        apply(new NewParentOrder("C1", BTC.symbol(), '1', "0.5", 1001, NewParentOrder.NO_TIME, end, null));
        apply(new ParentStatusRequest("C1", null, BTC.symbol(), '1'));
        apply(new ReplaceParentOrder("C2", "C1", null, BTC.symbol(), '1', "0.7", NewParentOrder.NO_TIME, null));
        apply(new CancelParentOrder("X1", "NOPE", null));
        apply(new CancelParentOrder("C3", "C2", null));

        assertEquals(ExecType.NEW, reports.get(0).execType(), reports.toString());
        assertEquals(ExecType.ORDER_STATUS, reports.get(1).execType(), reports.toString());
        assertEquals(ExecType.REPLACED, reports.get(2).execType(), reports.toString());
        assertEquals(BTC.qtyFromDouble(0.7), reports.get(2).orderQty());
        assertEquals("C1", reports.get(2).origClOrdId());
        final ParentOrderReport reject = reports.get(3);
        assertTrue(reject.isCancelReject(), reject.toString());
        assertEquals(new CancelReject(CancelReject.TO_CANCEL, CancelReject.UNKNOWN_ORDER), reject.cancelReject());
        final ParentOrderReport canceled = reports.get(reports.size() - 1);
        assertEquals(OrdStatus.CANCELED, canceled.ordStatus());
        assertEquals("C3", canceled.clOrdId());

        // Every report, the reject (no ExecType) and the replace (OrigClOrdID) included, decodes to itself.
        for (final ParentOrderReport report : reports)
        {
            final int length = OmsReportCodec.encode(buffer, 0, report);
            assertEquals(report, OmsReportCodec.decode(buffer, 0, length));
        }
    }

    @Test
    void malformedCancelRejectInAReportIsRefused()
    {
        final ParentOrderReport reject = new ParentOrderReport("X1", "NONE", "E1", null, OrdStatus.REJECTED, null,
            "BTC-USD", null, '1', 0, 0, 0, null, 0, 0, 0.0, 0.0, T0, "unknown order", "NOPE",
            new CancelReject(CancelReject.TO_CANCEL, CancelReject.UNKNOWN_ORDER));
        final int length = OmsReportCodec.encode(buffer, 0, reject);
        assertEquals(reject, OmsReportCodec.decode(buffer, 0, length));
        assertThrows(IllegalArgumentException.class, () -> OmsReportCodec.decode(buffer, 0, length - 1));
        buffer.putByte(length - 7, (byte)0);
        final IllegalArgumentException noBody = assertThrows(IllegalArgumentException.class,
            () -> OmsReportCodec.decode(buffer, 0, length - 6));
        assertEquals("report with neither ExecType nor an OrderCancelReject body", noBody.getMessage());
        buffer.putByte(length - 7, (byte)1);
        buffer.putChar(length - 6, 'Z', ClusterCoreInputs.ORDER);
        final IllegalArgumentException responseTo = assertThrows(IllegalArgumentException.class,
            () -> OmsReportCodec.decode(buffer, 0, length));
        assertEquals("unknown CxlRejResponseTo 90", responseTo.getMessage());
    }

    private void apply(final OmsCommand command)
    {
        final int length = inputs.encodeOmsCommand(buffer, 3, 1, command);
        inputs.apply(buffer, 0, length, core, T0);
    }

    @Test
    void truncatedOrUnknownInputIsRefusedWithoutTouchingTheCore()
    {
        final int length = inputs.encodeNewParentOrder(buffer, 3, 1,
            new NewParentOrder("C1", BTC.symbol(), '1', "0.5", 1001, NewParentOrder.NO_TIME, T0 + 1, null));
        final IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
            () -> inputs.apply(buffer, 0, length - 3, core, T0));
        assertTrue(truncated.getMessage().contains("NEW_PARENT_ORDER declares"), truncated.getMessage());
        assertEquals(0, reports.size());

        buffer.putInt(ClusterCoreInputs.TYPE_OFFSET, 99, ClusterCoreInputs.ORDER);
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> inputs.apply(buffer, 0, length, core, T0));
        assertEquals("not a core input: message type 99", unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> inputs.apply(buffer, 0, 8, core, T0));

        // Timers come from the cluster's timer only: a sender cannot make the core act early.
        buffer.putInt(ClusterCoreInputs.TYPE_OFFSET, ClusterCoreInputs.CORE_INPUT, ClusterCoreInputs.ORDER);
        final int timerLength = ClusterCoreInputs.HEADER_LENGTH +
            new TimerInput().encode(buffer, ClusterCoreInputs.HEADER_LENGTH, T0).encodedLength();
        final IllegalArgumentException timer = assertThrows(IllegalArgumentException.class,
            () -> inputs.apply(buffer, 0, timerLength, core, T0));
        assertEquals("TIMER is not accepted from a sender", timer.getMessage());
        assertEquals(0, reports.size());
    }
}
