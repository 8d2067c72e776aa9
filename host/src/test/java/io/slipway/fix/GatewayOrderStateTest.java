package io.slipway.fix;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.oms.ReplaceParentOrder;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's order state as a replayed OMS conversation rebuilds it. */
final class GatewayOrderStateTest
{
    private static final Instrument BTC = Instruments.BTC_USD;

    private static ParentOrderReport report(final String clOrdId, final String orderId, final String execId,
        final ExecType execType, final OrdStatus status, final String origClOrdId)
    {
        final long qty = BTC.parseQty("1");
        return new ParentOrderReport(clOrdId, orderId, execId, execType, status, BTC, BTC.symbol(), Side.BUY, '1', qty,
            0, 0, null, 0, status == OrdStatus.NEW ? qty : 0, 0.0, 0.0, 1_800_000_000_000_000_000L, null, origClOrdId,
            null);
    }

    @Test
    void aReplayedConversationRebuildsAnsweredIdsWorkingOrdersTermsAndCancelNumbers()
    {
        final GatewayOrderState state = new GatewayOrderState();
        state.onCommand(new NewParentOrder("A-1", "BTC-USD", '1', "1", 1001, NewParentOrder.NO_TIME,
            1_800_000_000_000_000_000L, null));
        state.onReport(report("A-1", "SLP-1", "SLP-1-1", ExecType.NEW, OrdStatus.NEW, null));
        state.onCommand(new NewParentOrder("B-1", "BTC-USD", '1', "1", 1002, NewParentOrder.NO_TIME,
            1_800_000_000_000_000_000L, null));
        state.onReport(report("B-1", "SLP-2", "SLP-2-1", ExecType.NEW, OrdStatus.NEW, null));
        state.onCommand(new CancelParentOrder("COD-SLP-2-7", "B-1", "SLP-2"));
        state.onReport(report("COD-SLP-2-7", "SLP-2", "SLP-2-2", ExecType.CANCELED, OrdStatus.CANCELED, "B-1"));
        state.onCommand(new ReplaceParentOrder("A-2", "A-1", "SLP-1", "BTC-USD", '1', "2", NewParentOrder.NO_TIME,
            null));
        state.onReport(report("A-2", "SLP-1", "SLP-1-2", ExecType.REPLACED, OrdStatus.NEW, "A-1"));

        assertEquals(4, state.commandsReplayed());
        assertEquals(4, state.reportsReplayed());
        assertEquals(Set.of("SLP-1"), state.workingOrderIds(), "the canceled order is not working");
        assertEquals("A-2", state.workingOrders().get("SLP-1"), "under the ClOrdID of its last report");
        for (final String clOrdId : new String[]{"A-1", "B-1", "COD-SLP-2-7", "A-2"})
        {
            assertTrue(state.isAnswered(clOrdId), clOrdId);
        }
        assertFalse(state.isAnswered("C-1"));
        assertTrue(state.hasTerms("A-1") && state.hasTerms("A-2"), "the working order's terms, under both ClOrdIDs");
        assertFalse(state.hasTerms("B-1"), "a finished order's terms are dropped");
        assertEquals("COD-SLP-1-8", state.nextCancelOnDisconnectClOrdId("SLP-1"),
            "cancel-on-disconnect numbers go on from the last one journaled");
    }
}
