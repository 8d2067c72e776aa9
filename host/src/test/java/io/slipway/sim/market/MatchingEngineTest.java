package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static io.slipway.domain.OrderType.IOC;
import static io.slipway.domain.OrderType.LIMIT;
import static io.slipway.domain.OrderType.MARKET;
import static io.slipway.domain.Side.BUY;
import static io.slipway.domain.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatchingEngineTest
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

    private static long px(final String price)
    {
        return BTC.parsePrice(price);
    }

    private static long qty(final String qty)
    {
        return BTC.parseQty(qty);
    }

    @Test
    void restsNonCrossingLimitsAndReportsTopOfBook()
    {
        assertEquals(RejectReason.NONE, submit(A, 1, BUY, LIMIT, px("60000.00"), qty("1")));
        assertEquals(RejectReason.NONE, submit(A, 2, BUY, LIMIT, px("60000.10"), qty("0.5")));
        assertEquals(RejectReason.NONE, submit(A, 3, SELL, LIMIT, px("60001.00"), qty("2")));
        final OrderBook book = engine.book(BTC.id());
        assertEquals(px("60000.10"), book.bestBid());
        assertEquals(qty("0.5"), book.bestBidQuantity());
        assertEquals(px("60001.00"), book.bestAsk());
        assertEquals(2, book.levelCount(BUY));
        assertEquals(px("60000.00"), book.levelPrice(BUY, 1));
        assertTrue(listener.trades.isEmpty());
        assertEquals(List.of("accepted 10/1", "accepted 10/2", "accepted 10/3"), listener.events);
    }

    @Test
    void fillsInPriceThenTimePriority()
    {
        submit(A, 1, SELL, LIMIT, px("100.10"), qty("1"));
        submit(B, 2, SELL, LIMIT, px("100.00"), qty("1"));
        submit(C, 3, SELL, LIMIT, px("100.00"), qty("1"));
        listener.clear();

        submit(A, 9, BUY, LIMIT, px("100.10"), qty("2.5"));

        // B then C at the better price in arrival order; the next match would be against A's own
        // ask, so self-trade prevention expires the taker's remainder instead of resting it.
        assertEquals(List.of(
            "accepted 10/9",
            "trade 10/9 x 11/2 1000000@10000",
            "done 11/2 released 0",
            "trade 10/9 x 12/3 1000000@10000",
            "done 12/3 released 0",
            "done 10/9 released 500000"), listener.events);
        assertTrue(engine.isLive(A, 1));
    }

    @Test
    void partialFillAcrossLevelsThenRestsRemainder()
    {
        submit(A, 1, SELL, LIMIT, px("100.00"), qty("1"));
        submit(A, 2, SELL, LIMIT, px("100.10"), qty("1"));
        submit(A, 3, SELL, LIMIT, px("100.20"), qty("1"));
        listener.clear();

        submit(B, 7, BUY, LIMIT, px("100.10"), qty("3"));

        assertEquals(2, listener.trades.size());
        assertEquals(px("100.00"), listener.trades.get(0).price());
        assertEquals(px("100.10"), listener.trades.get(1).price());
        final OrderBook book = engine.book(BTC.id());
        assertEquals(px("100.10"), book.bestBid());
        assertEquals(qty("1"), book.bestBidQuantity());
        assertEquals(px("100.20"), book.bestAsk());
        assertTrue(engine.isLive(B, 7));
        assertEquals(qty("1"), engine.remaining(B, 7));
    }

    @Test
    void makerPartiallyFilledKeepsQueuePosition()
    {
        submit(A, 1, SELL, LIMIT, px("100.00"), qty("2"));
        submit(B, 2, SELL, LIMIT, px("100.00"), qty("1"));
        submit(C, 3, BUY, IOC, px("100.00"), qty("0.5"));
        submit(C, 4, BUY, IOC, px("100.00"), qty("1.6"));

        assertEquals(List.of(A, A, B),
            listener.trades.stream().map(RecordingEngineListener.Trade::makerOwner).toList());
        assertEquals(qty("1.5"), listener.trades.get(1).quantity());
        assertEquals(qty("0.1"), listener.trades.get(2).quantity());
        assertEquals(qty("0.9"), engine.book(BTC.id()).quantityAt(SELL, px("100.00")));
    }

    @Test
    void iocExpiresItsRemainderAndNeverRests()
    {
        submit(A, 1, SELL, LIMIT, px("100.00"), qty("1"));
        listener.clear();
        submit(B, 2, BUY, IOC, px("100.50"), qty("3"));
        assertEquals(List.of("accepted 11/2", "trade 11/2 x 10/1 1000000@10000", "done 10/1 released 0",
            "done 11/2 released 2000000"), listener.events);
        final OrderBook book = engine.book(BTC.id());
        assertEquals(Long.MIN_VALUE, book.bestBid());
        assertEquals(Long.MAX_VALUE, book.bestAsk());
        assertFalse(engine.isLive(B, 2));

        listener.clear();
        submit(B, 3, SELL, IOC, px("99.00"), qty("1"));
        assertEquals(List.of("accepted 11/3", "done 11/3 released 1000000"), listener.events);
    }

    @Test
    void marketOrderNeverTradesThroughItsProtectionPrice()
    {
        submit(A, 1, BUY, LIMIT, px("100.00"), qty("1"));
        submit(A, 2, BUY, LIMIT, px("99.50"), qty("1"));
        submit(A, 3, BUY, LIMIT, px("99.00"), qty("1"));
        listener.clear();

        submit(B, 4, SELL, MARKET, px("99.50"), qty("5"));

        assertEquals(2, listener.trades.size());
        assertEquals(px("99.50"), listener.trades.get(1).price());
        assertEquals("done 11/4 released 3000000", listener.events.get(listener.events.size() - 1));
        assertEquals(px("99.00"), engine.book(BTC.id()).bestBid());
        assertEquals(Long.MAX_VALUE, engine.book(BTC.id()).bestAsk(), "market remainder must not rest");
    }

    @Test
    void cancelReleasesRemainingAndUnknownCancelIsRejected()
    {
        submit(A, 1, SELL, LIMIT, px("100.00"), qty("2"));
        submit(B, 2, BUY, IOC, px("100.00"), qty("0.5"));
        listener.clear();

        assertEquals(RejectReason.NONE, engine.cancel(A, 1, BTC.id(), ++t));
        assertEquals(List.of("done 10/1 released 1500000"), listener.events);
        assertEquals(Long.MAX_VALUE, engine.book(BTC.id()).bestAsk());
        assertEquals(0, engine.book(BTC.id()).levelCount(SELL));

        listener.clear();
        assertEquals(RejectReason.UNKNOWN_ORDER, engine.cancel(A, 1, BTC.id(), ++t));
        assertEquals(RejectReason.UNKNOWN_ORDER, engine.cancel(B, 77, BTC.id(), ++t));
        assertEquals(RejectReason.UNKNOWN_INSTRUMENT, engine.cancel(A, 1, 9, ++t));
        assertTrue(listener.events.isEmpty());
    }

    @Test
    void cancelOfAnotherOwnersIdIsUnknown()
    {
        submit(A, 1, SELL, LIMIT, px("100.00"), qty("2"));
        assertEquals(RejectReason.UNKNOWN_ORDER, engine.cancel(B, 1, BTC.id(), ++t));
        assertTrue(engine.isLive(A, 1));
    }

    @Test
    void cancelWithWrongInstrumentIsUnknown()
    {
        engine.addInstrument(Instruments.ETH_USD, new VenueRules(1, 100, 100, 5.0, 0.0002, 0.0005));
        submit(A, 1, SELL, LIMIT, px("100.00"), qty("2"));
        assertEquals(RejectReason.UNKNOWN_ORDER, engine.cancel(A, 1, Instruments.ETH_USD.id(), ++t));
        assertTrue(engine.isLive(A, 1));
    }

    @Test
    void validationRejectsWithoutChangingState()
    {
        submit(A, 1, SELL, LIMIT, px("100.00"), qty("1"));
        final long updateId = engine.book(BTC.id()).updateId();
        listener.clear();

        assertEquals(RejectReason.OFF_TICK, submit(B, 2, BUY, LIMIT, px("100.05"), qty("1")));
        assertEquals(RejectReason.NOT_LOT_MULTIPLE, submit(B, 3, BUY, LIMIT, px("100.00"), 1_500));
        assertEquals(RejectReason.INVALID_QUANTITY, submit(B, 4, BUY, LIMIT, px("100.00"), 0));
        assertEquals(RejectReason.INVALID_PRICE, submit(B, 5, BUY, MARKET, 0, qty("1")));
        assertEquals(RejectReason.BELOW_MIN_NOTIONAL, submit(B, 6, BUY, LIMIT, px("100.00"), qty("0.01")));
        assertEquals(RejectReason.DUPLICATE_CLIENT_ORDER_ID, submit(A, 1, SELL, LIMIT, px("101.00"), qty("1")));
        assertEquals(RejectReason.UNKNOWN_INSTRUMENT,
            engine.submit(B, 8, 7, BUY, LIMIT, px("100.00"), qty("1"), ++t));

        assertTrue(listener.events.isEmpty());
        assertEquals(updateId, engine.book(BTC.id()).updateId());
        assertEquals(qty("1"), engine.book(BTC.id()).bestAskQuantity());
    }

    @Test
    void belowMinQuantityIsRejected()
    {
        final MatchingEngine strict = new MatchingEngine(listener);
        strict.addInstrument(BTC, new VenueRules(1, 10, 1_000, 0.0, 0.0, 0.001));
        assertEquals(RejectReason.BELOW_MIN_QUANTITY, strict.submit(A, 1, BTC.id(), BUY, LIMIT, 100, 990, 1));
        assertEquals(RejectReason.NONE, strict.submit(A, 1, BTC.id(), BUY, LIMIT, 100, 1_000, 1));
    }

    @Test
    void clientOrderIdMayBeReusedOnceTheOrderIsDone()
    {
        submit(A, 1, SELL, IOC, px("100.00"), qty("1"));
        assertEquals(RejectReason.NONE, submit(A, 1, SELL, LIMIT, px("100.00"), qty("1")));
        assertEquals(RejectReason.NONE, submit(B, 1, SELL, LIMIT, px("100.00"), qty("1")), "ids are per owner");
    }

    @Test
    void takerPaysTakerRateMakerEarnsRebate()
    {
        submit(A, 1, SELL, LIMIT, px("50000.00"), qty("2"));
        submit(B, 2, BUY, IOC, px("50000.00"), qty("2"));
        final RecordingEngineListener.Trade trade = listener.trades.get(0);
        assertEquals(100_000.0 * 0.0005, trade.takerFee(), 1e-9);
        assertEquals(-100_000.0 * 0.0001, trade.makerFee(), 1e-9);
        assertEquals(SELL, BUY.opposite());
        assertEquals(BUY, trade.takerSide());
    }

    @Test
    void selfTradePreventionExpiresTakerAndKeepsMaker()
    {
        submit(A, 1, SELL, LIMIT, px("100.00"), qty("1"));
        listener.clear();
        submit(A, 2, BUY, LIMIT, px("100.00"), qty("1"));
        assertEquals(List.of("accepted 10/2", "done 10/2 released 1000000"), listener.events);
        assertTrue(engine.isLive(A, 1));
        assertFalse(engine.isLive(A, 2));
        assertEquals(Long.MIN_VALUE, engine.book(BTC.id()).bestBid(), "an STP-expired limit must not rest crossed");
    }

    @Test
    void changedLevelsAreReportedBestFirstWithCurrentQuantity()
    {
        final OrderBook book = engine.book(BTC.id());
        submit(A, 1, BUY, LIMIT, px("99.00"), qty("1"));
        submit(A, 2, BUY, LIMIT, px("99.50"), qty("1"));
        submit(A, 3, SELL, LIMIT, px("101.00"), qty("1"));
        submit(A, 4, SELL, LIMIT, px("100.50"), qty("1"));
        book.clearChanged();
        assertFalse(book.hasChanges());
        submit(B, 5, SELL, IOC, px("99.00"), qty("1.5"));
        submit(A, 6, SELL, LIMIT, px("102.00"), qty("1"));
        engine.cancel(A, 6, BTC.id(), ++t);
        final StringBuilder seen = new StringBuilder();
        book.forEachChanged(BUY, (side, price, quantity) -> seen.append(side).append(' ').append(price).append('=')
            .append(quantity).append(';'));
        book.forEachChanged(SELL, (side, price, quantity) -> seen.append(side).append(' ').append(price).append('=')
            .append(quantity).append(';'));
        assertEquals("BUY 9950=0;BUY 9900=500000;SELL 10200=0;", seen.toString());
    }

    /** Random flow against a naive reference book: same fills and same resting quantities. */
    @Test
    void agreesWithNaiveReferenceOnRandomFlow()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final TreeMap<Long, Long> bidRef = new TreeMap<>();
        final TreeMap<Long, Long> askRef = new TreeMap<>();
        long filled = 0;
        long id = 0;
        for (int i = 0; i < 20_000; i++)
        {
            final Side side = random.nextBoolean() ? BUY : SELL;
            final long price = px("100.00") + 10L * random.nextInt(-20, 21);
            final long quantity = 1_000L * random.nextInt(1, 50) + 100_000;
            final OrderType type = random.nextInt(4) == 0 ? IOC : LIMIT;
            final int owner = 100 + (int)id;
            listener.trades.clear();
            assertEquals(RejectReason.NONE, submit(owner, ++id, side, type, price, quantity));
            for (final RecordingEngineListener.Trade trade : listener.trades)
            {
                filled += trade.quantity();
            }
            // Reference: aggregate quantities only (every order has its own owner, so no self-trade).
            long remaining = quantity;
            final TreeMap<Long, Long> opposite = side == BUY ? askRef : bidRef;
            while (remaining > 0 && !opposite.isEmpty())
            {
                final long best = side == BUY ? opposite.firstKey() : opposite.lastKey();
                if (side == BUY ? best > price : best < price)
                {
                    break;
                }
                final long available = opposite.get(best);
                final long fill = Math.min(available, remaining);
                remaining -= fill;
                filled -= fill;
                if (available == fill)
                {
                    opposite.remove(best);
                }
                else
                {
                    opposite.put(best, available - fill);
                }
            }
            if (remaining > 0 && type == LIMIT)
            {
                (side == BUY ? bidRef : askRef).merge(price, remaining, Long::sum);
            }
        }
        assertEquals(0, filled, "engine and reference filled the same total");
        final OrderBook book = engine.book(BTC.id());
        assertEquals(bidRef.size(), book.levelCount(BUY));
        assertEquals(askRef.size(), book.levelCount(SELL));
        bidRef.forEach((price, quantity) -> assertEquals(quantity.longValue(), book.quantityAt(BUY, price)));
        askRef.forEach((price, quantity) -> assertEquals(quantity.longValue(), book.quantityAt(SELL, price)));
        assertTrue(book.bestBid() < book.bestAsk());
    }
}
