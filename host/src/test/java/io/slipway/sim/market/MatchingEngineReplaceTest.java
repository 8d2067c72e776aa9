package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.slipway.domain.OrderType.IOC;
import static io.slipway.domain.OrderType.LIMIT;
import static io.slipway.domain.OrderType.POST_ONLY;
import static io.slipway.domain.Side.BUY;
import static io.slipway.domain.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Post-only orders and cancel/replace in the matching engine. */
class MatchingEngineReplaceTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final int A = 10;
    private static final int B = 11;
    private static final int C = 12;
    /** Tick $0.10, lot 0.001 BTC, min 0.001 BTC, min notional $5, maker -0.01%, taker 0.05%. */
    private static final VenueRules RULES = new VenueRules(10, 1_000, 1_000, 5.0, -0.0001, 0.0005);

    private final RecordingEngineListener listener = new RecordingEngineListener();
    private final MatchingEngine engine = new MatchingEngine(listener);
    private long t;

    @BeforeEach
    void setUp()
    {
        engine.addInstrument(BTC, RULES);
    }

    private RejectReason submit(final int owner, final long id, final Side side, final OrderType type, final long price,
        final long qty)
    {
        return engine.submit(owner, id, BTC.id(), side, type, price, qty, ++t);
    }

    private RejectReason replace(final int owner, final long id, final long price, final long qty)
    {
        return engine.replace(owner, id, BTC.id(), price, qty, ++t);
    }

    private OrderBook book()
    {
        return engine.book(BTC.id());
    }

    private static long px(final String price)
    {
        return BTC.parsePrice(price);
    }

    private static long qty(final String qty)
    {
        return BTC.parseQty(qty);
    }

    /** Makers in the order a sweep of the ask side at price fills them. */
    private List<Integer> askQueueAt(final String price, final String quantity)
    {
        listener.clear();
        submit(C, 999, BUY, IOC, px(price), qty(quantity));
        return listener.trades.stream().map(RecordingEngineListener.Trade::makerOwner).toList();
    }

    @Test
    void postOnlyRestsWhenItDoesNotCross()
    {
        submit(A, 1, SELL, LIMIT, px("100.10"), qty("1"));
        listener.clear();
        assertEquals(RejectReason.NONE, submit(B, 2, BUY, POST_ONLY, px("100.00"), qty("1")));
        assertEquals(List.of("accepted 11/2"), listener.events);
        assertEquals(px("100.00"), book().bestBid());
        assertTrue(engine.isLive(B, 2));
    }

    @Test
    void postOnlyThatWouldTakeIsRejectedWithoutStateChange()
    {
        submit(A, 1, SELL, LIMIT, px("100.10"), qty("1"));
        listener.clear();
        final long updateId = book().updateId();

        assertEquals(RejectReason.POST_ONLY_WOULD_TAKE, submit(B, 2, BUY, POST_ONLY, px("100.10"), qty("1")));
        assertEquals(RejectReason.POST_ONLY_WOULD_TAKE, submit(B, 3, BUY, POST_ONLY, px("101.00"), qty("1")));

        assertTrue(listener.events.isEmpty());
        assertEquals(updateId, book().updateId());
        assertEquals(qty("1"), book().bestAskQuantity());
        assertEquals(Long.MIN_VALUE, book().bestBid());
        assertFalse(engine.isLive(B, 2));
        // The refused id was never taken.
        assertEquals(RejectReason.NONE, submit(B, 2, BUY, POST_ONLY, px("100.00"), qty("1")));
    }

    @Test
    void postOnlyAgainstOwnOrderIsStillRefused()
    {
        submit(A, 1, SELL, LIMIT, px("100.10"), qty("1"));
        assertEquals(RejectReason.POST_ONLY_WOULD_TAKE, submit(A, 2, BUY, POST_ONLY, px("100.10"), qty("1")));
    }

    @Test
    void quantityDownAtSamePriceKeepsTimePriority()
    {
        submit(A, 1, SELL, LIMIT, px("100.00"), qty("2"));
        submit(B, 2, SELL, LIMIT, px("100.00"), qty("1"));
        listener.clear();

        assertEquals(RejectReason.NONE, replace(A, 1, px("100.00"), qty("1.5")));
        assertEquals(List.of("accepted 10/1"), listener.events);
        assertEquals(qty("2.5"), book().quantityAt(SELL, px("100.00")));
        assertEquals(qty("1.5"), engine.remaining(A, 1));

        assertEquals(List.of(A, B), askQueueAt("100.00", "2"));
        assertEquals(qty("1.5"), listener.trades.get(0).quantity());
    }

    @Test
    void quantityUpLosesTimePriority()
    {
        submit(A, 1, SELL, LIMIT, px("100.00"), qty("1"));
        submit(B, 2, SELL, LIMIT, px("100.00"), qty("1"));

        assertEquals(RejectReason.NONE, replace(A, 1, px("100.00"), qty("2")));
        assertEquals(qty("3"), book().quantityAt(SELL, px("100.00")));
        assertEquals(List.of(B, A), askQueueAt("100.00", "3"));
    }

    @Test
    void priceChangeLosesTimePriority()
    {
        submit(A, 1, SELL, LIMIT, px("100.10"), qty("1"));
        submit(B, 2, SELL, LIMIT, px("100.00"), qty("1"));

        assertEquals(RejectReason.NONE, replace(A, 1, px("100.00"), qty("1")));
        assertEquals(0, book().quantityAt(SELL, px("100.10")));
        assertEquals(2, book().orderCountAt(SELL, px("100.00")));
        assertEquals(List.of(B, A), askQueueAt("100.00", "2"));
    }

    @Test
    void crossingReplaceExecutesAsAggressiveOrderAndRestsTheRest()
    {
        submit(A, 1, SELL, LIMIT, px("100.10"), qty("1"));
        submit(B, 2, BUY, LIMIT, px("99.90"), qty("3"));
        listener.clear();

        assertEquals(RejectReason.NONE, replace(B, 2, px("100.10"), qty("3")));

        assertEquals(List.of(
            "accepted 11/2",
            "trade 11/2 x 10/1 1000000@10010",
            "done 10/1 released 0"), listener.events);
        assertEquals(BUY, listener.trades.get(0).takerSide());
        assertEquals(px("100.10"), book().bestBid());
        assertEquals(qty("2"), book().bestBidQuantity());
        assertEquals(0, book().quantityAt(BUY, px("99.90")));
        assertEquals(qty("2"), engine.remaining(B, 2));

        // The fill during the replace counts as filled: a replace to 1 (at or below the 1 filled) cancels the rest.
        listener.clear();
        assertEquals(RejectReason.NONE, replace(B, 2, px("100.10"), qty("1")));
        assertEquals(List.of("accepted 11/2", "done 11/2 released 2000000"), listener.events);
        assertFalse(engine.isLive(B, 2));
        assertEquals(0, book().levelCount(BUY));
    }

    @Test
    void crossingReplaceOfPostOnlyIsRejectedAndLeavesTheOrder()
    {
        submit(A, 1, SELL, LIMIT, px("100.10"), qty("1"));
        submit(B, 2, BUY, POST_ONLY, px("99.90"), qty("1"));
        listener.clear();
        final long updateId = book().updateId();

        assertEquals(RejectReason.POST_ONLY_WOULD_TAKE, replace(B, 2, px("100.10"), qty("1")));

        assertTrue(listener.events.isEmpty());
        assertEquals(updateId, book().updateId());
        assertEquals(px("99.90"), book().bestBid());
        assertEquals(qty("1"), engine.remaining(B, 2));

        // A non-crossing move of a post-only order is fine and stays post-only.
        assertEquals(RejectReason.NONE, replace(B, 2, px("100.00"), qty("1")));
        assertEquals(px("100.00"), book().bestBid());
        assertEquals(RejectReason.POST_ONLY_WOULD_TAKE, replace(B, 2, px("100.20"), qty("1")));
    }

    @Test
    void replaceToFilledAmountOrBelowCancelsTheRest()
    {
        submit(A, 1, SELL, LIMIT, px("100.00"), qty("2"));
        submit(B, 2, BUY, IOC, px("100.00"), qty("0.5"));
        listener.clear();

        assertEquals(RejectReason.NONE, replace(A, 1, px("100.00"), qty("0.4")));

        assertEquals(List.of("accepted 10/1", "done 10/1 released 1500000"), listener.events);
        assertFalse(engine.isLive(A, 1));
        assertEquals(0, book().levelCount(SELL));
    }

    @Test
    void replaceOfUnknownOrFinishedOrderIsRejectedWithoutChanges()
    {
        submit(A, 1, SELL, LIMIT, px("100.00"), qty("1"));
        submit(B, 2, BUY, IOC, px("100.00"), qty("1"));
        submit(A, 3, SELL, LIMIT, px("100.20"), qty("1"));
        engine.cancel(A, 3, BTC.id(), ++t);
        submit(A, 4, SELL, LIMIT, px("100.30"), qty("1"));
        listener.clear();
        final long updateId = book().updateId();

        assertEquals(RejectReason.UNKNOWN_ORDER, replace(A, 1, px("100.00"), qty("2")), "filled");
        assertEquals(RejectReason.UNKNOWN_ORDER, replace(A, 3, px("100.00"), qty("2")), "canceled");
        assertEquals(RejectReason.UNKNOWN_ORDER, replace(A, 77, px("100.00"), qty("2")), "never sent");
        assertEquals(RejectReason.UNKNOWN_ORDER, replace(B, 4, px("100.00"), qty("2")), "another owner's");
        assertEquals(RejectReason.UNKNOWN_INSTRUMENT, engine.replace(A, 4, 9, px("100.00"), qty("2"), ++t));
        assertEquals(RejectReason.OFF_TICK, replace(A, 4, px("100.00") + 1, qty("1")));
        assertEquals(RejectReason.NOT_LOT_MULTIPLE, replace(A, 4, px("100.30"), qty("1") + 1));

        assertTrue(listener.events.isEmpty());
        assertEquals(updateId, book().updateId());
        assertEquals(qty("1"), engine.remaining(A, 4));
        assertEquals(px("100.30"), book().bestAsk());
    }

    @Test
    void replaceStoppedBySelfTradePreventionExpiresTheRemainder()
    {
        submit(A, 1, SELL, LIMIT, px("100.10"), qty("1"));
        submit(A, 2, BUY, LIMIT, px("99.90"), qty("1"));
        listener.clear();

        assertEquals(RejectReason.NONE, replace(A, 2, px("100.10"), qty("1")));

        assertEquals(List.of("accepted 10/2", "done 10/2 released 1000000"), listener.events);
        assertFalse(engine.isLive(A, 2));
        assertTrue(engine.isLive(A, 1));
    }
}
