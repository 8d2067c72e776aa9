package io.slipway.core;

import io.slipway.risk.RiskContext;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.oms.ExecType;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.tca.ExecutionRecord;
import io.slipway.venue.VenueListener;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Passive placement in the core: post-only at the touches, cancel at the window's end, take the rest. */
class PassivePlacementTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long T0 = TimeUnit.HOURS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    record Sent(int venue, long clientOrderId, OrderType type, long price, long quantity)
    {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final List<Long> cancels = new ArrayList<>();
    private final List<ParentOrderReport> reports = new ArrayList<>();
    private final List<ExecutionRecord> done = new ArrayList<>();
    // The books here are set once and never tick, which the stale-feed breaker would rightly halt on;
    // breakers have their own tests, so this one gives it a horizon longer than any order here.
    private final ExecutionCore core = newCore(new CoreContext().sliceIntervalNs(MINUTE)
        .riskContext(new RiskContext().staleFeedNs(60 * MINUTE, 60 * MINUTE)));

    private ExecutionCore newCore(final CoreContext context)
    {
        final ChildOrderSink sink = new ChildOrderSink()
        {
            public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument,
                final Side side, final OrderType type, final long price, final long quantity)
            {
                sent.add(new Sent(venueId, clientOrderId, type, price, quantity));
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
        // Maker 2 bps, taker 5 bps on both venues: posting saves 3 bps plus the half-spread.
        final VenueRules rules = new VenueRules(1, 10, 10, 5.0, 0.0002, 0.0005);
        return new ExecutionCore(context,
            List.of(new TradingVenue(1, "SIMA").rules(BTC, rules), new TradingVenue(2, "SIMB").rules(BTC, rules)),
            sink, reports::add, done::add);
    }

    private void market(final double askQty1, final double askQty2)
    {
        core.onBbo(1, BTC.id(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(10), BTC.priceFromDouble(60_001),
            BTC.qtyFromDouble(askQty1), T0);
        core.onBbo(2, BTC.id(), BTC.priceFromDouble(59_999), BTC.qtyFromDouble(10), BTC.priceFromDouble(60_002),
            BTC.qtyFromDouble(askQty2), T0);
        // A busy tape on both venues: about 100 BTC a minute each.
        for (int i = 0; i < 10; i++)
        {
            core.onTrade(1, BTC.id(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(10), T0 - MINUTE + i * 6_000_000_000L);
            core.onTrade(2, BTC.id(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(10), T0 - MINUTE + i * 6_000_000_000L);
        }
    }

    private void submit(final String qty, final Strategy strategy, final long endNs)
    {
        core.onNewParentOrder(new NewParentOrder("p1", "BTC-USD", '2', qty, strategy.fixCode(), NewParentOrder.NO_TIME,
            endNs, null), T0);
        core.onTimer(T0);
    }

    @Test
    void submitAndLeavePostsAtTheTouchesCancelsAtTheWindowEndAndTakesTheRest()
    {
        market(1, 1);
        final long end = T0 + 10 * MINUTE;
        submit("2", Strategy.SUBMIT_AND_LEAVE, end);
        assertEquals(ExecType.NEW, reports.get(0).execType(), reports.get(0).text());
        assertFalse(sent.isEmpty());
        long posted = 0;
        for (final Sent child : sent)
        {
            assertEquals(OrderType.POST_ONLY, child.type(), "nothing is taken at once");
            assertEquals(child.venue() == 1 ? BTC.priceFromDouble(60_001) : BTC.priceFromDouble(60_002), child.price(),
                "a seller joins its venue's best ask");
            posted += child.quantity();
            core.onCardVerdict(child.clientOrderId(), true, 0, T0);
            core.onVenueAccepted(child.venue(), child.clientOrderId(), T0);
        }
        assertEquals(BTC.qtyFromDouble(2), posted);
        final Sent first = sent.get(0);
        core.onVenueFill(first.venue(), first.clientOrderId(), first.price(), BTC.qtyFromDouble(0.5), 6.0, true,
            T0 + MINUTE);

        // Nothing happens while the orders rest; at the window's end (one interval before the end) they are canceled.
        final int before = sent.size();
        core.onTimer(T0 + 5 * MINUTE);
        assertTrue(cancels.isEmpty());
        core.onTimer(end - MINUTE);
        assertEquals(before, sent.size(), "nothing is taken before the cancels come back");
        assertEquals(sent.size(), cancels.size(), "every resting child is canceled");
        final long doneAt = end - MINUTE + 1_000_000;
        for (final Sent child : new ArrayList<>(sent))
        {
            core.onVenueDone(child.venue(), child.clientOrderId(), 0, doneAt);
        }
        core.onTimer(core.nextDeadlineNs());
        final Sent sweep = sent.get(sent.size() - 1);
        assertEquals(OrderType.IOC, sweep.type(), "what is left is taken");
        long swept = 0;
        for (int i = before; i < sent.size(); i++)
        {
            swept += sent.get(i).quantity();
        }
        assertEquals(BTC.qtyFromDouble(1.5), swept);
    }

    @Test
    void aPostOnlyRefusedInsideTheWindowIsPostedAgainAtTheTouchNowShownAndCounted()
    {
        market(1, 1);
        final long end = T0 + 10 * MINUTE;
        submit("2", Strategy.SUBMIT_AND_LEAVE, end);
        final List<Sent> first = new ArrayList<>(sent);
        for (final Sent child : first)
        {
            core.onCardVerdict(child.clientOrderId(), true, 0, T0);
            core.onVenueAccepted(child.venue(), child.clientOrderId(), T0);
        }
        final Sent refused = first.get(0);
        final long newAsk = refused.price() + BTC.priceFromDouble(1);

        // The refused venue's bid rose onto our ask before the order arrived: refused, and the book now shows it.
        final long at = T0 + 1_000_000_000L;
        core.onBbo(refused.venue(), BTC.id(), refused.price(), BTC.qtyFromDouble(10), newAsk, BTC.qtyFromDouble(1), at);
        core.onVenueRejected(refused.venue(), refused.clientOrderId(), VenueListener.POST_ONLY_WOULD_TAKE, at);
        assertTrue(core.nextDeadlineNs() <= at, "the re-post is due at once, not at the window's end");
        core.onTimer(at);
        final List<Sent> again = new ArrayList<>(sent.subList(first.size(), sent.size()));
        assertFalse(again.isEmpty(), "posted again");
        long reposted = 0;
        for (final Sent child : again)
        {
            assertEquals(OrderType.POST_ONLY, child.type(), "posted again, not taken");
            final long ask = child.venue() == refused.venue() ? newAsk :
                child.venue() == 1 ? BTC.priceFromDouble(60_001) : BTC.priceFromDouble(60_002);
            assertEquals(ask, child.price(), "at the ask each venue's book shows now");
            reposted += child.quantity();
        }
        assertEquals(refused.quantity(), reposted);

        for (final Sent child : new ArrayList<>(sent))
        {
            if (child.clientOrderId() == refused.clientOrderId())
            {
                continue;
            }
            if (!first.contains(child))
            {
                core.onCardVerdict(child.clientOrderId(), true, 0, at);
                core.onVenueAccepted(child.venue(), child.clientOrderId(), at);
            }
            core.onVenueFill(child.venue(), child.clientOrderId(), child.price(), child.quantity(), 1.0, true,
                at + MINUTE);
        }
        assertFalse(done.isEmpty(), "the order finished");
        final io.slipway.tca.PlacementStats stats = done.get(done.size() - 1).placementStats();
        assertEquals(first.size() + again.size(), stats.posted());
        assertEquals(1, stats.refusedPostOnly());
        assertEquals(first.size() - 1 + again.size(), stats.filled());
        assertEquals(stats.posted(), stats.filled() + stats.refusedPostOnly() + stats.partial() + stats.canceledWindow() +
            stats.canceledSlice() + stats.canceledOther() + stats.refusedOther() + stats.closedByVenue(),
            "every posted child ends in exactly one outcome");
        assertEquals(2.0, stats.filledQty(), 1e-9);
        assertEquals((first.size() - 1) * (MINUTE + 1_000_000_000L) + again.size() * MINUTE, stats.restingFilledNs(),
            "resting time runs from send to fill");
    }

    @Test
    void withoutRepostsARefusedPostOnlyWaitsForTheWindowsEnd()
    {
        final ExecutionCore noReposts = newCore(new CoreContext().sliceIntervalNs(MINUTE).maxPassiveReposts(0)
            .riskContext(new RiskContext().staleFeedNs(60 * MINUTE, 60 * MINUTE)));
        noReposts.onBbo(1, BTC.id(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(10), BTC.priceFromDouble(60_001),
            BTC.qtyFromDouble(1), T0);
        noReposts.onBbo(2, BTC.id(), BTC.priceFromDouble(59_999), BTC.qtyFromDouble(10), BTC.priceFromDouble(60_002),
            BTC.qtyFromDouble(1), T0);
        for (int i = 0; i < 10; i++)
        {
            noReposts.onTrade(1, BTC.id(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(10), T0 - MINUTE + i * 6_000_000_000L);
            noReposts.onTrade(2, BTC.id(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(10), T0 - MINUTE + i * 6_000_000_000L);
        }
        noReposts.onNewParentOrder(new NewParentOrder("p1", "BTC-USD", '2', "2", Strategy.SUBMIT_AND_LEAVE.fixCode(),
            NewParentOrder.NO_TIME, T0 + 10 * MINUTE, null), T0);
        noReposts.onTimer(T0);
        final int posted = sent.size();
        for (final Sent child : new ArrayList<>(sent))
        {
            noReposts.onCardVerdict(child.clientOrderId(), true, 0, T0);
            noReposts.onVenueAccepted(child.venue(), child.clientOrderId(), T0);
        }
        final long at = T0 + 1_000_000_000L;
        noReposts.onVenueRejected(1, sent.get(0).clientOrderId(), "post-only order would take liquidity", at);
        noReposts.onTimer(at);
        noReposts.onTimer(at + MINUTE);
        assertEquals(posted, sent.size(), "nothing is posted or taken again inside the window");
    }

    @Test
    void learnedWithoutAModelIsRefused()
    {
        market(1, 1);
        submit("1", Strategy.LEARNED, T0 + 10 * MINUTE);
        assertEquals(ExecType.REJECTED, reports.get(0).execType());
        assertEquals(OrdStatus.REJECTED, reports.get(0).ordStatus());
        assertTrue(reports.get(0).text().contains("needs a model"), reports.get(0).text());
        assertTrue(sent.isEmpty());
    }
}
