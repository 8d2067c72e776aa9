package io.slipway.core;

import io.slipway.domain.ChildOrderIds;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.risk.RiskContext;
import io.slipway.tca.ExecutionRecord;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecutionCoreTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long T0 = TimeUnit.HOURS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    /** A child order as the core emitted it. */
    record Sent(int venue, long clientOrderId, Side side, OrderType type, long price, long quantity)
    {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final List<String> exposure = new ArrayList<>();
    private final List<Long> cancels = new ArrayList<>();
    private final List<ParentOrderReport> reports = new ArrayList<>();
    private final List<ExecutionRecord> done = new ArrayList<>();
    private final ExecutionCore core = newCore();

    private ExecutionCore newCore()
    {
        final ChildOrderSink sink = new ChildOrderSink()
        {
            public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument,
                final Side side, final OrderType type, final long price, final long quantity)
            {
                sent.add(new Sent(venueId, clientOrderId, side, type, price, quantity));
                return true;
            }

            public boolean sendCancel(final int venueId, final long clientOrderId, final Instrument instrument,
                final Side side)
            {
                cancels.add(clientOrderId);
                return true;
            }

            public void reportFill(final long clientOrderId, final Instrument instrument, final Side side,
                final long quantity)
            {
                exposure.add("fill " + clientOrderId + " " + quantity);
            }

            public void reportRelease(final long clientOrderId, final Instrument instrument, final Side side,
                final long quantity)
            {
                exposure.add("release " + clientOrderId + " " + quantity);
            }
        };
        final VenueRules rules = new VenueRules(1, 10, 10, 5.0, 0.0002, 0.0005);
        // These books stand still for hours of core time: the stale-feed breaker is set past them.
        return new ExecutionCore(new CoreContext().sliceIntervalNs(MINUTE)
            .riskContext(new RiskContext().staleFeedNs(TimeUnit.DAYS.toNanos(1), TimeUnit.DAYS.toNanos(1))),
            List.of(new TradingVenue(1, "SIMA").rules(BTC, rules), new TradingVenue(2, "SIMB").rules(BTC, rules)),
            sink, reports::add, done::add);
    }

    private void market()
    {
        core.onBbo(1, BTC.id(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(10), BTC.priceFromDouble(60_001),
            BTC.qtyFromDouble(10), T0);
        core.onBbo(2, BTC.id(), BTC.priceFromDouble(59_999), BTC.qtyFromDouble(10), BTC.priceFromDouble(60_002),
            BTC.qtyFromDouble(10), T0);
    }

    private static NewParentOrder order(final String clOrdId, final String symbol, final String qty,
        final int strategy, final long expireNs)
    {
        return new NewParentOrder(clOrdId, symbol, '2', qty, strategy, NewParentOrder.NO_TIME, expireNs, null);
    }

    private ParentOrderReport last()
    {
        return reports.get(reports.size() - 1);
    }

    @Test
    void badOrdersAreRejectedWithReasonsAndChangeNothing()
    {
        market();
        final long end = T0 + 2 * MINUTE;
        core.onNewParentOrder(order("a", "DOGE-USD", "1", 1001, end), T0);
        assertTrue(last().text().contains("unknown instrument 'DOGE-USD'"), last().text());
        core.onNewParentOrder(order("b", "BTC-USD", "0", 1001, end), T0);
        assertTrue(last().text().contains("must be positive"), last().text());
        core.onNewParentOrder(order("c", "BTC-USD", "-3", 1001, end), T0);
        assertTrue(last().text().contains("must be positive"), last().text());
        core.onNewParentOrder(order("d", "BTC-USD", "0.0000001", 1001, end), T0);
        assertTrue(last().text().contains("finer than"), last().text());
        core.onNewParentOrder(order("e", "BTC-USD", "1", 7, end), T0);
        assertTrue(last().text().contains("unknown TargetStrategy (847) 7"), last().text());
        core.onNewParentOrder(order("f", "BTC-USD", "1", 1001, NewParentOrder.NO_TIME), T0);
        assertTrue(last().text().contains("ExpireTime (126) is required"), last().text());
        core.onNewParentOrder(order("g", "BTC-USD", "1", 1001, T0 - 1), T0);
        assertTrue(last().text().contains("must be after"), last().text());
        core.onNewParentOrder(order("h", "BTC-USD", "abc", 1001, end), T0);
        assertTrue(last().text().contains("not a decimal number"), last().text());

        assertEquals(8, reports.size());
        for (final ParentOrderReport report : reports)
        {
            assertEquals(ExecType.REJECTED, report.execType());
            assertEquals(OrdStatus.REJECTED, report.ordStatus());
            assertEquals(0, report.cumQty());
        }
        core.onTimer(end);
        assertEquals(0, core.activeParentCount());
        assertTrue(sent.isEmpty(), "a rejected order sends nothing");
        assertEquals(Long.MAX_VALUE, core.nextDeadlineNs());
    }

    @Test
    void noMarketNoOrder()
    {
        core.onNewParentOrder(order("x", "BTC-USD", "1", 1001, T0 + MINUTE), T0);
        assertEquals(ExecType.REJECTED, last().execType());
        assertTrue(last().text().contains("no two-sided market"));
    }

    @Test
    void twapWorksSlicesThroughFillsToFilled()
    {
        market();
        core.onNewParentOrder(order("p1", "BTC-USD", "2", 1001, T0 + 2 * MINUTE), T0);
        assertEquals(ExecType.NEW, last().execType());
        assertEquals("SLP-1", last().orderId());
        assertEquals(T0, core.nextDeadlineNs());

        core.onTimer(T0);
        // slice 1 of 2: 1 BTC, best bid 60000 at SIMA after fees
        assertEquals(1, sent.size());
        final Sent first = sent.get(0);
        assertEquals(1, first.venue());
        assertEquals(OrderType.IOC, first.type());
        assertEquals(Side.SELL, first.side());
        assertEquals(BTC.qtyFromDouble(1), first.quantity());
        assertEquals(ChildOrderIds.childId(1, 1), first.clientOrderId());

        core.onCardVerdict(first.clientOrderId(), true, 0, T0 + 1);
        core.onVenueAccepted(1, first.clientOrderId(), T0 + 2);
        core.onVenueFill(1, first.clientOrderId(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(0.4), 12.0, false,
            T0 + 3);
        assertEquals(ExecType.PARTIAL_FILL, last().execType());
        assertEquals("SIMA", last().lastMarket());
        assertEquals(BTC.qtyFromDouble(0.4), last().cumQty());
        assertEquals(BTC.qtyFromDouble(1.6), last().leavesQty());
        core.onVenueDone(1, first.clientOrderId(), BTC.qtyFromDouble(0.6), T0 + 4);
        assertTrue(exposure.contains("release " + first.clientOrderId() + " " + BTC.qtyFromDouble(0.6)));

        // the unfilled 0.6 is owed again at the retry interval, before the next slice
        assertTrue(core.nextDeadlineNs() < T0 + MINUTE);
        core.onTimer(core.nextDeadlineNs());
        assertEquals(2, sent.size());
        assertEquals(BTC.qtyFromDouble(0.6), sent.get(1).quantity());
        core.onCardVerdict(sent.get(1).clientOrderId(), true, 0, T0 + 10);
        core.onVenueFill(1, sent.get(1).clientOrderId(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(0.6), 18.0,
            false, T0 + 11);

        core.onTimer(T0 + MINUTE);
        final Sent third = sent.get(2);
        assertEquals(BTC.qtyFromDouble(1), third.quantity());
        core.onCardVerdict(third.clientOrderId(), true, 0, T0 + MINUTE + 1);
        core.onVenueFill(1, third.clientOrderId(), BTC.priceFromDouble(59_990), BTC.qtyFromDouble(1), 30.0, false,
            T0 + MINUTE + 2);

        final ParentOrderReport fill = last();
        assertEquals(ExecType.FILL, fill.execType());
        assertEquals(OrdStatus.FILLED, fill.ordStatus());
        assertEquals(BTC.qtyFromDouble(2), fill.cumQty());
        assertEquals(0, fill.leavesQty());
        assertEquals((0.4 * 60_000 + 0.6 * 60_000 + 59_990) / 2, fill.avgPx(), 1e-9);
        assertEquals(60.0, fill.fees(), 1e-9);
        assertEquals(1, done.size());
        assertEquals(3, done.get(0).fillCount());
        assertEquals("FILLED", done.get(0).finalStatus());
        core.onTimer(T0 + 2 * MINUTE);
        assertEquals(0, core.activeParentCount());
        assertEquals(3, sent.size(), "nothing more after the order is filled");
    }

    @Test
    void cardRejectReleasesNothingAndQuantityStaysOwed()
    {
        market();
        core.onNewParentOrder(order("p1", "BTC-USD", "1", 1001, T0 + MINUTE), T0);
        core.onTimer(T0);
        core.onCardVerdict(sent.get(0).clientOrderId(), false, 6, T0 + 1);
        assertTrue(exposure.isEmpty(), "the card opened no exposure for a refused order");
        assertTrue(core.nextDeadlineNs() > T0 && core.nextDeadlineNs() < T0 + MINUTE);
        core.onTimer(core.nextDeadlineNs());
        assertEquals(2, sent.size(), "the refused quantity is tried again");
        assertEquals(sent.get(0).quantity(), sent.get(1).quantity());
    }

    @Test
    void unfilledAtExpiryReportsExpiredWithOpportunity()
    {
        market();
        core.onNewParentOrder(order("p1", "BTC-USD", "1", 1001, T0 + MINUTE), T0);
        core.onTimer(T0);
        core.onCardVerdict(sent.get(0).clientOrderId(), true, 0, T0 + 1);
        core.onVenueDone(1, sent.get(0).clientOrderId(), sent.get(0).quantity(), T0 + 2);
        while (core.nextDeadlineNs() < T0 + MINUTE)
        {
            final long t = core.nextDeadlineNs();
            final int before = sent.size();
            core.onTimer(t);
            for (int i = before; i < sent.size(); i++)
            {
                core.onCardVerdict(sent.get(i).clientOrderId(), true, 0, t);
                core.onVenueDone(1, sent.get(i).clientOrderId(), sent.get(i).quantity(), t);
            }
        }
        core.onTimer(T0 + MINUTE);
        assertEquals(ExecType.EXPIRED, last().execType());
        assertEquals(0, last().leavesQty());
        assertEquals(0, last().cumQty());
        assertNull(last().lastMarket());
        assertEquals("EXPIRED", done.get(0).finalStatus());
    }

    @Test
    void duplicateClOrdIdIsRejected()
    {
        market();
        core.onNewParentOrder(order("same", "BTC-USD", "1", 1001, T0 + MINUTE), T0);
        core.onNewParentOrder(order("same", "BTC-USD", "1", 1001, T0 + MINUTE), T0);
        assertEquals(ExecType.REJECTED, last().execType());
        assertTrue(last().text().contains("duplicate ClOrdID"));
        assertEquals(1, core.activeParentCount());
    }

    @Test
    void povOrderFollowsTheTapeItSees()
    {
        market();
        core.onNewParentOrder(order("pov", "BTC-USD", "5", Strategy.POV.fixCode(), T0 + 10 * MINUTE), T0);
        assertEquals(ExecType.NEW, last().execType());
        core.onTimer(T0);
        assertTrue(sent.isEmpty(), "no volume yet, nothing owed");

        core.onTrade(1, BTC.id(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(3), T0 + 1);
        core.onTrade(2, BTC.id(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(2), T0 + 2);
        core.onTimer(core.nextDeadlineNs());
        assertEquals(1, sent.size());
        assertEquals(BTC.qtyFromDouble(0.5), sent.get(0).quantity(), "10% of the 5 BTC printed");
    }

    @Test
    void immediateOrderSendsTheWholeQuantityAtOnce()
    {
        market();
        core.onNewParentOrder(order("now", "BTC-USD", "2", Strategy.IMMEDIATE.fixCode(), T0 + 10 * MINUTE), T0);
        core.onTimer(T0);
        long total = 0;
        for (final Sent child : sent)
        {
            total += child.quantity();
        }
        assertEquals(BTC.qtyFromDouble(2), total);
    }

    /** A TWAP parent p1 of 2 BTC over two minutes whose first child the card passed and venue 1 accepted. */
    private Sent firstChildRestingAtTheVenue()
    {
        market();
        core.onNewParentOrder(order("p1", "BTC-USD", "2", 1001, T0 + 2 * MINUTE), T0);
        core.onTimer(T0);
        final Sent first = sent.get(0);
        core.onCardVerdict(first.clientOrderId(), true, 0, T0 + 1);
        core.onVenueAccepted(1, first.clientOrderId(), T0 + 2);
        return first;
    }

    @Test
    void aReconciliationSendsAgainTheCancelOfAChildStillOpenAndOnlyThat()
    {
        final Sent first = firstChildRestingAtTheVenue();
        core.onCancelParentOrder(new io.slipway.oms.CancelParentOrder("p1-X", "p1", null), T0 + 3);
        assertEquals(List.of(first.clientOrderId()), cancels);
        assertEquals(OrdStatus.PENDING_CANCEL, last().ordStatus());

        // That cancel died with the process: after the reconciliation it goes again, once per mark.
        core.onReconciled(T0 + 4);
        assertEquals(List.of(first.clientOrderId(), first.clientOrderId()), cancels);
        assertEquals(1, core.cancelsResent());
        core.onVenueRejected(1, first.clientOrderId(), "cancel: unknown order", T0 + 5);
        assertEquals(OrdStatus.PENDING_CANCEL, last().ordStatus(), "a refused second cancel closes nothing");

        core.onVenueDone(1, first.clientOrderId(), first.quantity(), T0 + 6);
        assertEquals(OrdStatus.CANCELED, last().ordStatus());
        core.onReconciled(T0 + 7);
        assertEquals(2, cancels.size(), "a child that is done is owed no cancel");
    }

    @Test
    void killCancelsWorkingChildrenPlacesNothingAndResumeClearsIt()
    {
        final Sent first = firstChildRestingAtTheVenue();

        assertEquals(1, core.killAll(T0 + 3));
        assertEquals(List.of(first.clientOrderId()), cancels);
        assertEquals(0, core.killAll(T0 + 4), "a cancel already on its way is not sent twice");
        core.onNewParentOrder(order("p2", "BTC-USD", "1", 1001, T0 + MINUTE), T0 + 4);
        assertEquals(ExecType.REJECTED, last().execType(), "no new orders while killed");
        assertTrue(last().text().startsWith("kill switch is on"), last().text());
        core.onTimer(T0 + MINUTE);
        assertEquals(1, sent.size(), "nothing new is placed while killed");

        // the venue refuses the cancel (say the order just finished): the child still stands until done
        core.onVenueRejected(1, first.clientOrderId(), "cancel: unknown order", T0 + MINUTE + 1);
        assertEquals(1, core.workingChildCount());
        core.onVenueDone(1, first.clientOrderId(), BTC.qtyFromDouble(1), T0 + MINUTE + 2);
        assertEquals(0, core.workingChildCount());
        core.onTimer(core.nextDeadlineNs());
        assertEquals(1, sent.size());

        core.resumeAll(T0 + MINUTE + 3);
        core.onTimer(core.nextDeadlineNs());
        assertEquals(2, sent.size(), "resume places what is owed");
        assertEquals(BTC.qtyFromDouble(2), sent.get(1).quantity());
    }

    @Test
    void killOfOneVenueRoutesAroundItAndKillOfOneParentHoldsOnlyThatOrder()
    {
        market();
        core.onNewParentOrder(order("p1", "BTC-USD", "1", 1004, T0 + MINUTE), T0);
        core.onNewParentOrder(order("p2", "BTC-USD", "1", 1004, T0 + MINUTE), T0);
        assertEquals(0, core.killVenue(1, T0));
        assertThrows(IllegalArgumentException.class, () -> core.killVenue(5, T0));
        assertEquals(-1, core.killParent("nope", T0));
        assertEquals(0, core.killParent("p2", T0));
        core.onTimer(T0);
        assertEquals(1, sent.size(), "only p1 places");
        assertEquals(2, sent.get(0).venue(), "SIMA is killed, so SIMB takes it");
        assertEquals(ChildOrderIds.childId(1, 1), sent.get(0).clientOrderId());
        assertEquals(1, core.killVenue(2, T0 + 1));
        assertEquals(List.of(sent.get(0).clientOrderId()), cancels);

        assertTrue(core.resumeParent("SLP-2", T0 + 2));
        core.resumeVenue(1, T0 + 2);
        core.onTimer(T0 + 2);
        assertEquals(ChildOrderIds.childId(2, 1), sent.get(1).clientOrderId());
        assertEquals(1, sent.get(1).venue());
    }
}
