package io.slipway.core;

import io.slipway.core.RecordingChildSink.Sent;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.ParentOrderReport;
import io.slipway.risk.RiskContext;
import io.slipway.tca.ExecutionRecord;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end time is a promise: on the final slice a taking child that the book moved away from is followed
 * by one reaching further through it (never past the limit price), and what is still owed at the end says why.
 */
class FinalSliceTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long T0 = TimeUnit.HOURS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final List<Sent> sent = new ArrayList<>();
    private final List<ParentOrderReport> reports = new ArrayList<>();
    private final List<ExecutionRecord> done = new ArrayList<>();
    private ExecutionCore core;

    FinalSliceTest()
    {
        core = newCore(new CoreContext());
    }

    private ExecutionCore newCore(final CoreContext context)
    {
        final ChildOrderSink sink = new RecordingChildSink(sent);
        // As the simulated venues: lot 0.00001 BTC and a 5 USD minimum notional.
        final VenueRules rules = new VenueRules(1, 10, 10, 5.0, 0.0002, 0.0005);
        final ExecutionCore built = new ExecutionCore(context.sliceIntervalNs(MINUTE)
            .riskContext(new RiskContext().staleFeedNs(TimeUnit.DAYS.toNanos(1), TimeUnit.DAYS.toNanos(1))),
            List.of(new TradingVenue(1, "SIMA").rules(BTC, rules)), sink, reports::add, done::add);
        built.onBbo(1, BTC.id(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(10), BTC.priceFromDouble(60_001),
            BTC.qtyFromDouble(10), T0);
        return built;
    }

    private void submit(final String qty, final String limit)
    {
        core.onNewParentOrder(new NewParentOrder("p1", "BTC-USD", '2', qty, Strategy.TWAP.fixCode(),
            NewParentOrder.NO_TIME, T0 + MINUTE, limit), T0);
    }

    /** The last child sent comes back from the venue with {@code filled} of it done. */
    private void answer(final long filled, final long nowNs)
    {
        final Sent child = sent.get(sent.size() - 1);
        core.onCardVerdict(child.clientOrderId(), true, 0, nowNs);
        if (filled > 0)
        {
            core.onVenueFill(1, child.clientOrderId(), child.price(), filled, 0.0, false, nowNs);
        }
        if (filled < child.quantity())
        {
            core.onVenueDone(1, child.clientOrderId(), child.quantity() - filled, nowNs);
        }
    }

    @Test
    void eachMissOnTheFinalSliceReachesFurtherThroughTheBook()
    {
        submit("1", null);
        core.onTimer(T0);
        assertEquals(1, sent.size());
        assertEquals(BTC.priceFromDouble(60_000), sent.get(0).price(), "no miss yet: the level as seen");
        answer(0, T0 + 1);

        core.onTimer(core.nextDeadlineNs());
        assertEquals(2, sent.size());
        assertEquals(BTC.priceFromDouble(59_970), sent.get(1).price(), "one miss: 5 bps through");
        assertEquals(BTC.qtyFromDouble(1), sent.get(1).quantity());
        answer(0, core.nextDeadlineNs());

        core.onTimer(core.nextDeadlineNs());
        assertEquals(BTC.priceFromDouble(59_940), sent.get(2).price(), "two misses: 10 bps through");
        answer(BTC.qtyFromDouble(1), core.nextDeadlineNs());
        assertEquals(ExecType.FILL, reports.get(reports.size() - 1).execType());
    }

    @Test
    void theReachStepAndItsCapAreTheCoresSettings()
    {
        core = newCore(new CoreContext().finalReachStepBps(12.0).finalReachMaxBps(20.0));
        submit("1", null);
        core.onTimer(T0);
        assertEquals(BTC.priceFromDouble(60_000), sent.get(0).price(), "no miss yet: the level as seen");
        answer(0, T0 + 1);
        core.onTimer(core.nextDeadlineNs());
        // 12 bps of 60,000 is 72.00 in exact arithmetic; the reach is truncated in binary, never past the setting.
        assertEquals(BTC.priceFromDouble(59_928.01), sent.get(1).price(), "one miss: 12 bps through");
        answer(0, core.nextDeadlineNs());
        core.onTimer(core.nextDeadlineNs());
        assertEquals(BTC.priceFromDouble(59_880), sent.get(2).price(), "two misses: 24 bps, capped at 20");
        answer(0, core.nextDeadlineNs());
        core.onTimer(core.nextDeadlineNs());
        assertEquals(BTC.priceFromDouble(59_880), sent.get(3).price(), "three misses: still the 20 bps cap");
    }

    @Test
    void aZeroStepRetriesAtTheLevelAsSeen()
    {
        core = newCore(new CoreContext().finalReachStepBps(0.0));
        submit("1", null);
        core.onTimer(T0);
        answer(0, T0 + 1);
        core.onTimer(core.nextDeadlineNs());
        assertEquals(BTC.priceFromDouble(60_000), sent.get(1).price(), "no reach: the level last seen");
    }

    @Test
    void reachSettingsOutOfRangeAreRefusedByName()
    {
        assertRefused(new CoreContext().finalReachStepBps(-1.0), "finalReachStepBps");
        assertRefused(new CoreContext().finalReachStepBps(Double.NaN), "finalReachStepBps");
        assertRefused(new CoreContext().finalReachStepBps(60.0), "finalReachStepBps");
        assertRefused(new CoreContext().finalReachMaxBps(Double.POSITIVE_INFINITY), "finalReachMaxBps");
        assertRefused(new CoreContext().finalReachMaxBps(-0.5), "finalReachMaxBps");
        assertRefused(new CoreContext().finalReachMaxBps(501.0), "finalReachMaxBps");
        assertRefused(new CoreContext().finalReachStepBps(10.0).finalReachMaxBps(8.0), "finalReachStepBps");
        final CoreContext defaults = new CoreContext().conclude();
        assertEquals(5.0, defaults.finalReachStepBps());
        assertEquals(50.0, defaults.finalReachMaxBps());
    }

    private static void assertRefused(final CoreContext context, final String name)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, context::conclude);
        assertTrue(ex.getMessage().startsWith(name), ex.getMessage());
    }

    @Test
    void theReachStopsAtTheLimitPriceAndTheExpiryNamesIt()
    {
        submit("1", "59980");
        core.onTimer(T0);
        answer(0, T0 + 1);
        long t = core.nextDeadlineNs();
        core.onTimer(t);
        assertEquals(BTC.priceFromDouble(59_980), sent.get(1).price(), "5 bps through would pass the limit");
        // The book falls below the limit; nothing more can be placed.
        core.onBbo(1, BTC.id(), BTC.priceFromDouble(59_900), BTC.qtyFromDouble(10), BTC.priceFromDouble(59_901),
            BTC.qtyFromDouble(10), t);
        answer(0, t + 1);
        while (core.nextDeadlineNs() <= T0 + MINUTE && done.isEmpty())
        {
            t = core.nextDeadlineNs();
            final int before = sent.size();
            core.onTimer(t);
            for (int i = before; i < sent.size(); i++)
            {
                answer(0, t);
            }
        }
        final ParentOrderReport last = reports.get(reports.size() - 1);
        assertEquals(ExecType.EXPIRED, last.execType());
        assertTrue(last.text().contains("limit price 59980.00 not reached on any venue"), last.text());
        assertEquals("limit price 59980.00 not reached on any venue", done.get(0).incompleteReason());
    }

    @Test
    void aRemainderNoVenueTakesIsReportedAsSuchNotDroppedSilently()
    {
        submit("1", null);
        core.onTimer(T0);
        // The venue fills all but 50 micro-BTC (3 USD, below its 5 USD minimum): nothing can place it.
        answer(BTC.qtyFromDouble(1) - 50, T0 + 1);
        while (core.nextDeadlineNs() <= T0 + MINUTE && done.isEmpty())
        {
            core.onTimer(core.nextDeadlineNs());
        }
        assertEquals(1, sent.size(), "dust is never sent to be refused");
        final ParentOrderReport last = reports.get(reports.size() - 1);
        assertEquals(ExecType.EXPIRED, last.execType());
        assertEquals("ExpireTime reached with 0.00005 unfilled: below every venue's minimum size or notional, " +
            "so no venue could take it", last.text());
        assertEquals("below every venue's minimum size or notional, so no venue could take it",
            done.get(0).incompleteReason());
    }
}
