package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.CancelReject;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.oms.ParentStatusRequest;
import io.slipway.oms.ReplaceParentOrder;
import io.slipway.oms.StrategyParameter;
import io.slipway.risk.BreakerState;
import io.slipway.risk.RiskContext;
import io.slipway.tca.ExecutionRecord;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cancel, replace, status, strategy parameters and host-side risk, each through the core's own inputs. */
class ExecutionCoreOmsCommandsTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long T0 = TimeUnit.HOURS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    record Sent(int venue, long clientOrderId, long price, long quantity)
    {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final List<Long> cancels = new ArrayList<>();
    private final List<ParentOrderReport> reports = new ArrayList<>();
    private final List<ExecutionRecord> done = new ArrayList<>();
    private ExecutionCore core = newCore(new RiskContext().staleFeedNs(TimeUnit.DAYS.toNanos(1),
        TimeUnit.DAYS.toNanos(1)));

    private ExecutionCore newCore(final RiskContext risk)
    {
        final ChildOrderSink sink = new ChildOrderSink()
        {
            public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument,
                final Side side, final OrderType type, final long price, final long quantity)
            {
                sent.add(new Sent(venueId, clientOrderId, price, quantity));
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
            }

            public void reportRelease(final long clientOrderId, final Instrument instrument, final Side side,
                final long quantity)
            {
            }
        };
        final VenueRules rules = new VenueRules(1, 10, 10, 5.0, 0.0002, 0.0005);
        return new ExecutionCore(new CoreContext().sliceIntervalNs(MINUTE).riskContext(risk),
            List.of(new TradingVenue(1, "SIMA").rules(BTC, rules), new TradingVenue(2, "SIMB").rules(BTC, rules)),
            sink, reports::add, done::add);
    }

    private void market(final long nowNs)
    {
        core.onBbo(1, BTC.id(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(10), BTC.priceFromDouble(60_001),
            BTC.qtyFromDouble(10), nowNs);
        core.onBbo(2, BTC.id(), BTC.priceFromDouble(59_999), BTC.qtyFromDouble(10), BTC.priceFromDouble(60_002),
            BTC.qtyFromDouble(10), nowNs);
    }

    private static NewParentOrder sell(final String clOrdId, final String qty, final long expireNs,
        final List<StrategyParameter> parameters)
    {
        return new NewParentOrder(clOrdId, "BTC-USD", '2', qty, Strategy.TWAP.fixCode(), NewParentOrder.NO_TIME,
            expireNs, null, parameters, "OMS1");
    }

    private ParentOrderReport last()
    {
        return reports.get(reports.size() - 1);
    }

    private void fill(final Sent child, final double qty, final long nowNs)
    {
        core.onCardVerdict(child.clientOrderId(), true, 0, nowNs);
        core.onVenueAccepted(child.venue(), child.clientOrderId(), nowNs);
        core.onVenueFill(child.venue(), child.clientOrderId(), child.price(), BTC.qtyFromDouble(qty), 1.0, false,
            nowNs);
    }

    /** A TWAP of 2 BTC over 2 minutes with its first 1 BTC child at the venue. */
    private Sent workingOrder()
    {
        market(T0);
        core.onNewParentOrder(sell("p1", "2", T0 + 2 * MINUTE, List.of()), T0);
        core.onTimer(T0);
        assertEquals(1, sent.size());
        return sent.get(0);
    }

    private void assertInvariants()
    {
        for (final ParentOrderReport report : reports)
        {
            if (report.isCancelReject() || report.execType() == ExecType.REJECTED)
            {
                continue;
            }
            final boolean finished = report.ordStatus() == OrdStatus.FILLED ||
                report.ordStatus() == OrdStatus.CANCELED || report.ordStatus() == OrdStatus.EXPIRED;
            if (!finished)
            {
                assertEquals(report.orderQty(), report.cumQty() + report.leavesQty(), report.toString());
            }
            else
            {
                assertEquals(0, report.leavesQty(), report.toString());
            }
        }
    }

    @Test
    void cancelWithNothingInFlightIsCanceledAtOnce()
    {
        final Sent child = workingOrder();
        fill(child, 1.0, T0 + 1);
        core.onCancelParentOrder(new CancelParentOrder("c1", "p1", null), T0 + 2);
        final ParentOrderReport canceled = last();
        assertEquals(ExecType.CANCELED, canceled.execType());
        assertEquals(OrdStatus.CANCELED, canceled.ordStatus());
        assertEquals("c1", canceled.clOrdId());
        assertEquals("p1", canceled.origClOrdId());
        assertEquals(BTC.qtyFromDouble(1), canceled.cumQty());
        assertEquals(0, canceled.leavesQty());
        assertEquals(60_000.0, canceled.avgPx(), 1e-9);
        assertTrue(cancels.isEmpty(), "nothing was working");
        assertEquals("CANCELED", done.get(0).finalStatus());

        core.onTimer(T0 + MINUTE);
        assertEquals(1, sent.size(), "no child after the cancel");
        assertEquals(0, core.activeParentCount());
        assertInvariants();
    }

    @Test
    void cancelWithAChildInFlightIsPendingUntilTheVenueIsDone()
    {
        final Sent child = workingOrder();
        core.onCardVerdict(child.clientOrderId(), true, 0, T0 + 1);
        core.onVenueAccepted(1, child.clientOrderId(), T0 + 1);
        core.onCancelParentOrder(new CancelParentOrder("c1", "p1", "SLP-1"), T0 + 2);
        assertEquals(List.of(child.clientOrderId()), cancels);
        assertEquals(ExecType.PENDING_CANCEL, last().execType());
        assertEquals(OrdStatus.PENDING_CANCEL, last().ordStatus());

        // a fill racing the cancel is reported, still pending cancel
        core.onVenueFill(1, child.clientOrderId(), child.price(), BTC.qtyFromDouble(0.25), 1.0, false, T0 + 3);
        assertEquals(ExecType.PARTIAL_FILL, last().execType());
        assertEquals(OrdStatus.PENDING_CANCEL, last().ordStatus());

        core.onVenueDone(1, child.clientOrderId(), BTC.qtyFromDouble(0.75), T0 + 4);
        assertEquals(ExecType.CANCELED, last().execType());
        assertEquals(BTC.qtyFromDouble(0.25), last().cumQty());
        core.onTimer(T0 + MINUTE);
        core.onTimer(T0 + 2 * MINUTE);
        assertEquals(1, sent.size(), "no child after the cancel");
        assertInvariants();
    }

    @Test
    void everyCancelRejectCaseChangesNothing()
    {
        final Sent child = workingOrder();
        core.onCancelParentOrder(new CancelParentOrder("c1", "nope", null), T0 + 1);
        assertCancelReject(CancelReject.UNKNOWN_ORDER, CancelReject.TO_CANCEL, "unknown order");
        assertEquals(OrdStatus.REJECTED, last().ordStatus());

        core.onCancelParentOrder(new CancelParentOrder("c2", "p1", "SLP-9"), T0 + 1);
        assertCancelReject(CancelReject.UNKNOWN_ORDER, CancelReject.TO_CANCEL, "OrderID (37) SLP-9");

        core.onCancelParentOrder(new CancelParentOrder("p1", "p1", null), T0 + 1);
        assertCancelReject(CancelReject.DUPLICATE_CL_ORD_ID, CancelReject.TO_CANCEL, "duplicate ClOrdID p1");
        assertEquals(OrdStatus.NEW, last().ordStatus(), "the order's own status");

        core.onCancelParentOrder(new CancelParentOrder("", "p1", null), T0 + 1);
        assertCancelReject(CancelReject.OTHER, CancelReject.TO_CANCEL, "ClOrdID (11) is required");

        assertTrue(cancels.isEmpty(), "no reject touched the working child");
        fill(child, 1.0, T0 + 2);
        core.onTimer(T0 + MINUTE);
        fill(sent.get(1), 1.0, T0 + MINUTE + 1);
        assertEquals(OrdStatus.FILLED, last().ordStatus());

        core.onCancelParentOrder(new CancelParentOrder("c3", "p1", null), T0 + MINUTE + 2);
        assertCancelReject(CancelReject.TOO_LATE_TO_CANCEL, CancelReject.TO_CANCEL, "too late to cancel: order is FILLED");
        assertEquals(OrdStatus.FILLED, last().ordStatus());
        core.onReplaceParentOrder(replace("r9", "p1", "3", NewParentOrder.NO_TIME, null), T0 + MINUTE + 3);
        assertCancelReject(CancelReject.TOO_LATE_TO_CANCEL, CancelReject.TO_REPLACE, "too late to replace");
        assertEquals(1, done.size());
        assertInvariants();
    }

    @Test
    void aSecondCancelWhilePendingIsRejected()
    {
        final Sent child = workingOrder();
        core.onCardVerdict(child.clientOrderId(), true, 0, T0 + 1);
        core.onCancelParentOrder(new CancelParentOrder("c1", "p1", null), T0 + 2);
        core.onCancelParentOrder(new CancelParentOrder("c2", "p1", null), T0 + 3);
        assertCancelReject(CancelReject.ALREADY_PENDING, CancelReject.TO_CANCEL, "already pending cancel");
        assertEquals(OrdStatus.PENDING_CANCEL, last().ordStatus());
        // the cancel's own ClOrdID now names the order too
        core.onVenueDone(1, child.clientOrderId(), child.quantity(), T0 + 4);
        core.onParentStatusRequest(new ParentStatusRequest("c1", null, "BTC-USD", '2'), T0 + 5);
        assertEquals(ExecType.ORDER_STATUS, last().execType());
        assertEquals(OrdStatus.CANCELED, last().ordStatus());
    }

    private static ReplaceParentOrder replace(final String clOrdId, final String orig, final String qty,
        final long expireNs, final String price)
    {
        return new ReplaceParentOrder(clOrdId, orig, null, "BTC-USD", '2', qty, expireNs, price);
    }

    @Test
    void replaceQuantityUpReplansWhatRemains()
    {
        final Sent child = workingOrder();
        fill(child, 1.0, T0);
        core.onReplaceParentOrder(replace("r1", "p1", "4", NewParentOrder.NO_TIME, null), T0);
        final ParentOrderReport replaced = last();
        assertEquals(ExecType.REPLACED, replaced.execType());
        assertEquals(OrdStatus.PARTIALLY_FILLED, replaced.ordStatus());
        assertEquals("r1", replaced.clOrdId());
        assertEquals("p1", replaced.origClOrdId());
        assertEquals(BTC.qtyFromDouble(4), replaced.orderQty());
        assertEquals(BTC.qtyFromDouble(3), replaced.leavesQty());
        assertTrue(replaced.text().contains("OrderQty 2 -> 4"), replaced.text());

        // 3 BTC left over the 2 minutes of the window: a re-planned TWAP of two 1.5 BTC slices
        core.onTimer(T0);
        assertEquals(2, sent.size());
        assertEquals(BTC.qtyFromDouble(1.5), sent.get(1).quantity());
        fill(sent.get(1), 1.5, T0 + 1);
        core.onTimer(T0 + MINUTE);
        assertEquals(BTC.qtyFromDouble(1.5), sent.get(2).quantity());
        fill(sent.get(2), 1.5, T0 + MINUTE + 1);
        assertEquals(OrdStatus.FILLED, last().ordStatus());
        assertEquals(BTC.qtyFromDouble(4), last().cumQty());
        assertEquals(BTC.qtyFromDouble(4), done.get(0).orderQty(), "post-trade measures against the replaced quantity");
        assertEquals("r1", last().clOrdId());
        assertInvariants();
    }

    @Test
    void replaceQuantityDownToTheFilledPartFillsTheOrder()
    {
        final Sent child = workingOrder();
        fill(child, 1.0, T0 + 1);
        core.onReplaceParentOrder(replace("r1", "p1", "1", NewParentOrder.NO_TIME, null), T0 + 2);
        assertEquals(ExecType.REPLACED, last().execType());
        assertEquals(OrdStatus.FILLED, last().ordStatus());
        assertEquals(0, last().leavesQty());
        assertEquals("FILLED", done.get(0).finalStatus());
        core.onTimer(T0 + MINUTE);
        assertEquals(1, sent.size());
    }

    @Test
    void replaceEndTimeAndLimit()
    {
        final Sent child = workingOrder();
        fill(child, 1.0, T0);
        core.onReplaceParentOrder(replace("r1", "p1", "2", T0 + 10 * MINUTE, "59999.5"), T0);
        assertEquals(ExecType.REPLACED, last().execType(), last().text());
        // 1 BTC over ten minutes: a tenth each minute, and never below the limit 59999.5 (SIMB's 59999 is out)
        core.onTimer(T0);
        assertEquals(BTC.qtyFromDouble(0.1), sent.get(1).quantity());
        assertEquals(1, sent.get(1).venue());
        assertTrue(sent.get(1).price() >= BTC.priceFromDouble(59_999.5));
        core.onTimer(T0 + 2 * MINUTE);
        assertEquals(1, core.activeParentCount(), "still working past the old end");
    }

    @Test
    void badReplacesAreRejectedAndChangeNothing()
    {
        final Sent child = workingOrder();
        core.onCardVerdict(child.clientOrderId(), true, 0, T0 + 1);
        core.onVenueFill(1, child.clientOrderId(), child.price(), BTC.qtyFromDouble(0.5), 1.0, false, T0 + 1);
        final int before = reports.size();

        core.onReplaceParentOrder(replace("r1", "p1", "0.4", NewParentOrder.NO_TIME, null), T0 + 2);
        assertCancelReject(CancelReject.OTHER, CancelReject.TO_REPLACE, "below CumQty 0.5");
        core.onReplaceParentOrder(replace("r2", "p1", "3", T0 - 1, null), T0 + 2);
        assertCancelReject(CancelReject.OTHER, CancelReject.TO_REPLACE, "ExpireTime (126) must be after now");
        core.onReplaceParentOrder(replace("r3", "p1", "3", NewParentOrder.NO_TIME, "1.00"), T0 + 2);
        assertCancelReject(CancelReject.OTHER, CancelReject.TO_REPLACE, "more than 50% from the mid");
        core.onReplaceParentOrder(replace("r4", "p1", "abc", NewParentOrder.NO_TIME, null), T0 + 2);
        assertCancelReject(CancelReject.OTHER, CancelReject.TO_REPLACE, "OrderQty (38)");
        core.onReplaceParentOrder(new ReplaceParentOrder("r5", "p1", null, "ETH-USD", '2', "3", NewParentOrder.NO_TIME,
            null), T0 + 2);
        assertCancelReject(CancelReject.OTHER, CancelReject.TO_REPLACE, "Symbol (55) cannot change");
        core.onReplaceParentOrder(new ReplaceParentOrder("r6", "p1", null, "BTC-USD", '1', "3", NewParentOrder.NO_TIME,
            null), T0 + 2);
        assertCancelReject(CancelReject.OTHER, CancelReject.TO_REPLACE, "Side (54) cannot change");
        core.onReplaceParentOrder(replace("p1", "p1", "3", NewParentOrder.NO_TIME, null), T0 + 2);
        assertCancelReject(CancelReject.DUPLICATE_CL_ORD_ID, CancelReject.TO_REPLACE, "duplicate ClOrdID");
        assertEquals(before + 7, reports.size());

        // nothing changed: status still shows the original quantity under the original ClOrdID
        core.onParentStatusRequest(new ParentStatusRequest("p1", null, "BTC-USD", '2'), T0 + 3);
        assertEquals(ExecType.ORDER_STATUS, last().execType());
        assertEquals("p1", last().clOrdId());
        assertEquals(BTC.qtyFromDouble(2), last().orderQty());
        assertEquals(OrdStatus.PARTIALLY_FILLED, last().ordStatus());
        assertEquals(BTC.qtyFromDouble(0.5), last().cumQty());
        // a rejected request's ClOrdID is not taken: it may be used again
        core.onReplaceParentOrder(replace("r1", "p1", "3", NewParentOrder.NO_TIME, null), T0 + 4);
        assertEquals(ExecType.REPLACED, last().execType());
        assertInvariants();
    }

    @Test
    void replaceBelowWhatIsInFlightIsPendingUntilTheVenueAnswers()
    {
        final Sent child = workingOrder();
        core.onCardVerdict(child.clientOrderId(), true, 0, T0 + 1);
        core.onVenueAccepted(1, child.clientOrderId(), T0 + 1);
        core.onVenueFill(1, child.clientOrderId(), child.price(), BTC.qtyFromDouble(0.5), 1.0, false, T0 + 1);

        // 0.8 is above CumQty 0.5 but below CumQty plus the 0.5 still at the venue: Pending Replace.
        core.onReplaceParentOrder(replace("r1", "p1", "0.8", NewParentOrder.NO_TIME, null), T0 + 2);
        final ParentOrderReport pending = last();
        assertEquals(ExecType.PENDING_REPLACE, pending.execType());
        assertEquals(OrdStatus.PENDING_REPLACE, pending.ordStatus());
        assertEquals('E', pending.execType().fixCode());
        assertEquals('E', pending.ordStatus().fixCode());
        assertEquals("r1", pending.clOrdId());
        assertEquals("p1", pending.origClOrdId());
        assertEquals(BTC.qtyFromDouble(2), pending.orderQty(), "still the old quantity until replaced");
        assertEquals(BTC.qtyFromDouble(1.5), pending.leavesQty());
        assertEquals(List.of(child.clientOrderId()), cancels, "the child in flight is canceled");

        // while pending: nothing new is placed, a second replace or a cancel is refused
        core.onTimer(T0 + MINUTE);
        assertEquals(1, sent.size());
        core.onReplaceParentOrder(replace("r2", "p1", "3", NewParentOrder.NO_TIME, null), T0 + MINUTE);
        assertCancelReject(CancelReject.ALREADY_PENDING, CancelReject.TO_REPLACE, "already pending replace (ClOrdID r1)");
        core.onCancelParentOrder(new CancelParentOrder("c1", "r1", null), T0 + MINUTE);
        assertCancelReject(CancelReject.ALREADY_PENDING, CancelReject.TO_CANCEL, "already pending replace");

        // a fill racing the child's cancel is reported as Pending Replace; the rest comes back
        core.onVenueFill(1, child.clientOrderId(), child.price(), BTC.qtyFromDouble(0.1), 1.0, false, T0 + MINUTE + 1);
        assertEquals(ExecType.PARTIAL_FILL, last().execType());
        assertEquals(OrdStatus.PENDING_REPLACE, last().ordStatus());
        core.onVenueDone(1, child.clientOrderId(), BTC.qtyFromDouble(0.4), T0 + MINUTE + 2);
        final ParentOrderReport replaced = last();
        assertEquals(ExecType.REPLACED, replaced.execType());
        assertEquals(OrdStatus.PARTIALLY_FILLED, replaced.ordStatus());
        assertEquals("r1", replaced.clOrdId());
        assertEquals("p1", replaced.origClOrdId());
        assertEquals(BTC.qtyFromDouble(0.8), replaced.orderQty());
        assertEquals(BTC.qtyFromDouble(0.6), replaced.cumQty());
        assertEquals(BTC.qtyFromDouble(0.2), replaced.leavesQty());

        // back to work on the new quantity, and no more than it
        long placed = 0;
        for (long t = T0 + MINUTE + 3; last().ordStatus() != OrdStatus.FILLED && t < T0 + 3 * MINUTE; t += 10 * SECOND)
        {
            core.onTimer(t);
            for (int i = 1; i < sent.size(); i++)
            {
                if (core.workingChild(sent.get(i).clientOrderId()) != null)
                {
                    placed += sent.get(i).quantity();
                    fill(sent.get(i), BTC.qtyToDouble(sent.get(i).quantity()), t + 1);
                }
            }
        }
        assertEquals(BTC.qtyFromDouble(0.2), placed);
        assertEquals(OrdStatus.FILLED, last().ordStatus());
        assertEquals("r1", last().clOrdId());
        assertEquals(BTC.qtyFromDouble(0.8), done.get(0).orderQty());
        assertInvariants();
    }

    @Test
    void aPendingReplaceOvertakenByFillsIsRejectedAndTheOrderWorksOn()
    {
        final Sent child = workingOrder();
        core.onCardVerdict(child.clientOrderId(), true, 0, T0 + 1);
        core.onVenueAccepted(1, child.clientOrderId(), T0 + 1);
        core.onVenueFill(1, child.clientOrderId(), child.price(), BTC.qtyFromDouble(0.5), 1.0, false, T0 + 1);
        core.onReplaceParentOrder(replace("r1", "p1", "0.6", NewParentOrder.NO_TIME, null), T0 + 2);
        assertEquals(ExecType.PENDING_REPLACE, last().execType());

        // the venue fills 0.3 before the cancel lands: CumQty 0.8 is above the requested 0.6
        core.onVenueFill(1, child.clientOrderId(), child.price(), BTC.qtyFromDouble(0.3), 1.0, false, T0 + 3);
        assertEquals(ExecType.PARTIAL_FILL, reports.get(reports.size() - 2).execType());
        assertCancelReject(CancelReject.OTHER, CancelReject.TO_REPLACE, "took CumQty to 0.8, above the new OrderQty (38) 0.6");
        assertEquals(OrdStatus.PARTIALLY_FILLED, last().ordStatus(), "no longer pending");
        assertEquals(BTC.qtyFromDouble(2), last().orderQty(), "the old quantity stands");

        core.onVenueDone(1, child.clientOrderId(), BTC.qtyFromDouble(0.2), T0 + 4);
        core.onTimer(T0 + MINUTE);
        assertEquals(2, sent.size(), "works on under the old terms");
        core.onParentStatusRequest(new ParentStatusRequest("p1", null, "BTC-USD", '2'), T0 + MINUTE + 1);
        assertEquals("p1", last().clOrdId());
        assertEquals(BTC.qtyFromDouble(0.8), last().cumQty());
        assertInvariants();
    }

    @Test
    void statusOfAnUnknownOrder()
    {
        market(T0);
        core.onParentStatusRequest(new ParentStatusRequest("ghost", null, "BTC-USD", '1'), T0);
        assertEquals(ExecType.ORDER_STATUS, last().execType());
        assertEquals(OrdStatus.REJECTED, last().ordStatus());
        assertEquals("NONE", last().orderId());
        assertTrue(last().text().contains("unknown order ghost"));
        assertEquals(0, core.activeParentCount());
    }

    @Test
    void strategyParametersReachTheRouter()
    {
        market(T0);
        core.onNewParentOrder(sell("p1", "2", T0 + 2 * MINUTE, List.of(
            new StrategyParameter("AllowedVenues", 14, "SIMB"),
            new StrategyParameter("MinSlice", 7, "0.5"))), T0);
        assertEquals(ExecType.NEW, last().execType(), last().text());
        core.onTimer(T0);
        assertEquals(1, sent.size());
        assertEquals(2, sent.get(0).venue(), "SIMA has the better bid but is not allowed");
    }

    @Test
    void badStrategyParameterRejectsWithItsName()
    {
        market(T0);
        core.onNewParentOrder(sell("p1", "2", T0 + 2 * MINUTE, List.of(new StrategyParameter("Aggression", 14, "9"))),
            T0);
        assertEquals(ExecType.REJECTED, last().execType());
        assertTrue(last().text().contains("'Aggression'"), last().text());
        core.onNewParentOrder(sell("p2", "2", T0 + 2 * MINUTE, List.of(new StrategyParameter("MaxParticipation", 11,
            "1.5"))), T0);
        assertEquals(ExecType.REJECTED, last().execType());
        assertTrue(last().text().contains("MaxParticipation"), last().text());
        assertEquals(0, core.activeParentCount());
    }

    @Test
    void participationCapHoldsBackUntilTheTapePrints()
    {
        market(T0);
        core.onNewParentOrder(sell("p1", "2", T0 + 2 * MINUTE, List.of(
            new StrategyParameter("MaxParticipation", 11, "0.1"))), T0);
        core.onTimer(T0);
        assertTrue(sent.isEmpty(), "no tape yet, no participation");
        core.onTrade(1, BTC.id(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(5), T0 + SECOND);
        core.onTimer(core.nextDeadlineNs());
        assertEquals(1, sent.size());
        assertEquals(BTC.qtyFromDouble(0.5), sent.get(0).quantity(), "a tenth of the 5 BTC printed");
    }

    @Test
    void staleFeedHaltsCancelsAndIsRestated()
    {
        core = newCore(new RiskContext().staleFeedNs(5 * SECOND, 30 * SECOND).minHoldNs(0));
        final Sent child = workingOrder();
        core.onCardVerdict(child.clientOrderId(), true, 0, T0 + 1);
        core.onVenueAccepted(1, child.clientOrderId(), T0 + 1);
        core.onTimer(T0 + 31 * SECOND);
        assertEquals(BreakerState.HALTED, core.riskState(BTC));
        assertEquals(List.of(child.clientOrderId()), cancels, "a halt cancels what is working");
        final ParentOrderReport restated = reports.stream().filter(r -> r.execType() == ExecType.RESTATED)
            .findFirst().orElseThrow();
        assertTrue(restated.text().contains("stale feed HALTED"), restated.text());
        core.onVenueDone(1, child.clientOrderId(), child.quantity(), T0 + 32 * SECOND);

        core.onTimer(T0 + MINUTE);
        assertEquals(1, sent.size(), "halted: nothing new");
        market(T0 + MINUTE + SECOND);
        assertEquals(BreakerState.ACTIVE, core.riskState(BTC));
        assertTrue(last().text().contains("halt lifted"), last().text());
        core.onTimer(core.nextDeadlineNs());
        assertEquals(2, sent.size(), "fresh data: trading resumes");
        assertEquals(BTC.qtyFromDouble(2), sent.get(1).quantity(), "both slices' quantity is owed");
        assertInvariants();
    }

    @Test
    void adverseMovePausesAndResumes()
    {
        core = newCore(new RiskContext().staleFeedNs(TimeUnit.DAYS.toNanos(1), TimeUnit.DAYS.toNanos(1))
            .adverseMoveBps(100).divergenceBps(1_000, 2_000));
        final Sent child = workingOrder();
        fill(child, 1.0, T0 + 1);
        // a sell: the price falls 2% on both venues
        core.onBbo(1, BTC.id(), BTC.priceFromDouble(58_800), BTC.qtyFromDouble(10), BTC.priceFromDouble(58_801),
            BTC.qtyFromDouble(10), T0 + 30 * SECOND);
        core.onBbo(2, BTC.id(), BTC.priceFromDouble(58_799), BTC.qtyFromDouble(10), BTC.priceFromDouble(58_802),
            BTC.qtyFromDouble(10), T0 + 30 * SECOND);
        core.onTimer(T0 + MINUTE);
        assertEquals(1, sent.size(), "paused");
        assertEquals(ExecType.RESTATED, last().execType());
        assertTrue(last().text().startsWith("paused"), last().text());
        market(T0 + MINUTE + SECOND);
        core.onTimer(core.nextDeadlineNs());
        assertEquals(2, sent.size(), "resumed once the price came back");
        assertTrue(reports.stream().anyMatch(r -> r.text() != null && r.text().startsWith("resumed")));
    }

    @Test
    void childOrdersCarryParentStrategyAndClient()
    {
        final Sent sentChild = workingOrder();
        final ChildOrder child = core.workingChild(sentChild.clientOrderId());
        assertEquals("SLP-1", child.parentOrderId);
        assertEquals(Strategy.TWAP, child.strategy);
        assertEquals("OMS1", child.clientId);
        core.onCancelParentOrder(new CancelParentOrder("c1", "p1", null), T0 + 1);
        core.onVenueDone(1, sentChild.clientOrderId(), sentChild.quantity(), T0 + 2);
        assertNull(core.workingChild(sentChild.clientOrderId()));
        assertEquals("OMS1", done.get(0).clientId(), "post-trade sees the client too");
    }

    private void assertCancelReject(final int reason, final char responseTo, final String text)
    {
        final ParentOrderReport report = last();
        assertTrue(report.isCancelReject(), report.toString());
        assertEquals(reason, report.cancelReject().reason(), report.toString());
        assertEquals(responseTo, report.cancelReject().responseTo());
        assertTrue(report.text().contains(text), report.text());
    }
}
