package io.slipway.core;

import io.slipway.core.RecordingChildSink.Sent;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.StrategyParameter;
import io.slipway.risk.RiskContext;
import io.slipway.tca.ExecutionRecord;
import io.slipway.venue.VenueKind;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core's RFQ decision on real books: a quote is taken when it beats the modelled cost of
 * continuing on the lit venues and declined when it does not; a request never shows the parent's
 * size; RfqAllowed=N asks no one.
 */
class RfqDeskTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long T0 = TimeUnit.HOURS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final int LIT_A = 1;
    private static final int LIT_B = 2;
    private static final int DEALER_X = 4;
    private static final int DEALER_Y = 5;

    record Request(int venue, long rfqId, Side side, long quantity)
    {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<ExecutionRecord> done = new ArrayList<>();

    private ExecutionCore newCore(final long seed)
    {
        final ChildOrderSink sink = new RecordingChildSink(sent);
        final VenueRules lit = new VenueRules(1, 10, 10, 5.0, 0.0002, 0.0005);
        final VenueRules dealer = new VenueRules(1, 10, 10, 10_000.0, 0.0, 0.0);
        // Impact: the whole parent over an hour costs 1 bps, so a one-minute tenth of it costs 6 bps.
        final CoreContext context = new CoreContext().sliceIntervalNs(MINUTE).impactBpsPerHour(1.0).rfqSeed(seed)
            .riskContext(new RiskContext().staleFeedNs(600 * MINUTE, 600 * MINUTE));
        return new ExecutionCore(context, List.of(
            new TradingVenue(LIT_A, "SIMA").rules(BTC, lit),
            new TradingVenue(LIT_B, "SIMB").rules(BTC, lit),
            new TradingVenue(DEALER_X, "DLRX", VenueKind.DEALER, 0.0).rules(BTC, dealer),
            new TradingVenue(DEALER_Y, "DLRY", VenueKind.DEALER, 0.0).rules(BTC, dealer)),
            sink, report -> { }, done::add,
            (venueId, rfqId, instrument, side, quantity) -> requests.add(new Request(venueId, rfqId, side, quantity)));
    }

    /** Mid 60,000.50: bids 60,000 and 59,999 with 50 BTC each, asks 60,001 and 60,002. */
    private static void market(final ExecutionCore core, final long nowNs)
    {
        core.onBbo(LIT_A, BTC.id(), BTC.priceFromDouble(60_000), BTC.qtyFromDouble(50), BTC.priceFromDouble(60_001),
            BTC.qtyFromDouble(50), nowNs);
        core.onBbo(LIT_B, BTC.id(), BTC.priceFromDouble(59_999), BTC.qtyFromDouble(50), BTC.priceFromDouble(60_002),
            BTC.qtyFromDouble(50), nowNs);
    }

    private static void sell(final ExecutionCore core, final String qty, final int strategy, final String rfqAllowed)
    {
        core.onNewParentOrder(new NewParentOrder("p1", "BTC-USD", '2', qty, strategy, NewParentOrder.NO_TIME,
            T0 + 10 * MINUTE, null, List.of(new StrategyParameter("RfqAllowed", 13, rfqAllowed)), "C1"), T0);
        core.onTimer(T0);
    }

    private long litSent()
    {
        return sent.stream().filter(s -> s.venue() == LIT_A || s.venue() == LIT_B).mapToLong(Sent::quantity).sum();
    }

    @Test
    void aQuoteBetterThanContinuingOnTheLitVenuesIsTaken()
    {
        final ExecutionCore core = newCore(1);
        market(core, T0);
        sell(core, "20", Strategy.TWAP.fixCode(), "Y");
        assertEquals(2, requests.size(), "two dealers asked");
        final long asked = requests.get(0).quantity();
        assertEquals(asked, requests.get(1).quantity());
        assertEquals(BTC.qtyFromDouble(2) - asked, litSent(), "the asked size is held out of the lit slice");

        // Lit: a 5 bps fee plus 6 bps impact; the quote at 60,000 costs 0.08 bps. Y declines.
        final long rfqId = requests.get(0).rfqId();
        final int before = sent.size();
        core.onQuote(DEALER_X, rfqId, BTC.priceFromDouble(60_000), asked, T0 + MINUTE, T0 + 10_000_000L);
        assertEquals(before, sent.size(), "the core waits for every dealer asked");
        core.onQuoteDeclined(DEALER_Y, rfqId, T0 + 12_000_000L);
        final Sent take = sent.get(sent.size() - 1);
        assertEquals(DEALER_X, take.venue());
        assertEquals(OrderType.IOC, take.type());
        assertEquals(BTC.priceFromDouble(60_000), take.price());
        assertEquals(asked, take.quantity());
        assertEquals(1, core.quotesTaken());
    }

    @Test
    void aQuoteWorseThanContinuingOnTheLitVenuesIsDeclinedAndTheSizeGoesBackToTheSchedule()
    {
        final ExecutionCore core = newCore(1);
        market(core, T0);
        sell(core, "20", Strategy.TWAP.fixCode(), "Y");
        final long asked = requests.get(0).quantity();
        final long rfqId = requests.get(0).rfqId();
        // 59,900 is 16.8 bps under the mid: dearer than the 11 or so of working it on screen.
        core.onQuote(DEALER_X, rfqId, BTC.priceFromDouble(59_900), asked, T0 + MINUTE, T0 + 10_000_000L);
        core.onQuote(DEALER_Y, rfqId, BTC.priceFromDouble(59_880), asked, T0 + MINUTE, T0 + 11_000_000L);
        assertTrue(sent.stream().noneMatch(s -> s.venue() == DEALER_X || s.venue() == DEALER_Y), "nothing taken");
        assertEquals(0, core.quotesTaken());
        core.onTimer(T0 + 11_000_000L);
        assertEquals(BTC.qtyFromDouble(2), litSent(), "the whole slice went to the lit venues after all");
    }

    @Test
    void unansweredDealersAreDecidedOnAtTheWaitsEnd()
    {
        final ExecutionCore core = newCore(1);
        market(core, T0);
        sell(core, "20", Strategy.TWAP.fixCode(), "Y");
        final long asked = requests.get(0).quantity();
        core.onQuote(DEALER_Y, requests.get(0).rfqId(), BTC.priceFromDouble(60_000), asked, T0 + MINUTE,
            T0 + 10_000_000L);
        assertEquals(T0 + TimeUnit.SECONDS.toNanos(1), core.nextDeadlineNs(), "the wait ends the core's next action");
        core.onTimer(T0 + TimeUnit.SECONDS.toNanos(1));
        assertEquals(DEALER_Y, sent.get(sent.size() - 1).venue(), "the one quote in is taken when the wait is over");
    }

    @Test
    void aRequestNeverShowsTheParentsSizeAndIsDeterministicFromTheSeed()
    {
        final List<Long> first = requestedSizes(7, Strategy.TWAP);
        assertEquals(first, requestedSizes(7, Strategy.TWAP), "same seed, same sizes");
        assertNotEquals(first, requestedSizes(8, Strategy.TWAP), "another seed, other sizes");
        final long parent = BTC.qtyFromDouble(20);
        assertTrue(first.size() >= 5, "a request per slice: " + first);
        for (final long size : first)
        {
            assertTrue(size > 0 && size <= parent / 5 && size < parent, "size " + size);
            assertEquals(0, size % 10, "whole lots");
        }
        // All at once (IMMEDIATE): the slice is the parent, the request still is not.
        for (final long size : requestedSizes(7, Strategy.IMMEDIATE))
        {
            assertTrue(size <= parent / 5, "size " + size);
        }
        assertTrue(first.stream().distinct().count() > first.size() / 2, "sizes vary: " + first);
    }

    @Test
    void noDealerIsAskedWithoutTheClientsPermission()
    {
        final ExecutionCore core = newCore(1);
        market(core, T0);
        sell(core, "20", Strategy.TWAP.fixCode(), "N");
        assertTrue(requests.isEmpty());
        assertEquals(BTC.qtyFromDouble(2), litSent());
    }

    /** Works a sale minute by minute with every dealer declining; returns the sizes asked for. */
    private List<Long> requestedSizes(final long seed, final Strategy strategy)
    {
        requests.clear();
        sent.clear();
        final ExecutionCore core = newCore(seed);
        market(core, T0);
        sell(core, "20", strategy.fixCode(), "Y");
        for (long t = T0; t < T0 + 10 * MINUTE && core.activeParentCount() > 0; t += MINUTE / 4)
        {
            market(core, t);
            for (final Request request : new ArrayList<>(requests))
            {
                core.onQuoteDeclined(request.venue(), request.rfqId(), t);
            }
            // Lit children fill in full at once, so the schedule moves on.
            for (final Sent child : new ArrayList<>(sent))
            {
                core.onVenueFill(child.venue(), child.clientOrderId(), child.price(), child.quantity(), 0.0, false, t);
            }
            sent.clear();
            core.onTimer(t);
        }
        final List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < requests.size(); i += 2)
        {
            sizes.add(requests.get(i).quantity());
        }
        return sizes;
    }
}
