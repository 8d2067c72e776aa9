package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.venue.VenueListener;
import io.slipway.venue.VenueOrderStatus;
import io.slipway.venue.VenueRules;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host order entry of one bare simulated exchange, through its wire format and latencies. */
class SimulatedExchangeTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final VenueRules RULES = new VenueRules(10, 1_000, 1_000, 5.0, -0.0001, 0.0005);
    private static final long T0 = 1_000_000_000_000L;
    private static final long LATENCY_NS = 1_000_000L;
    private static final int MAKER = 50;

    private final EventScheduler scheduler = new EventScheduler(T0);
    private final List<String> reports = new ArrayList<>();
    private final SimOrderEntryCodec codec = new SimOrderEntryCodec();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
    private SimulatedExchange exchange;

    private final VenueListener listener = new VenueListener()
    {
        @Override
        public void onAccepted(final int venue, final long clientOrderId)
        {
            reports.add("accepted " + clientOrderId);
        }

        @Override
        public void onRejected(final int venue, final long clientOrderId, final String reason)
        {
            reports.add("rejected " + clientOrderId + " " + reason);
        }

        @Override
        public void onFill(final int venue, final long clientOrderId, final long price, final long quantity,
            final double fee, final boolean maker)
        {
            reports.add("fill " + clientOrderId + " " + quantity + "@" + price + (maker ? " maker" : " taker"));
        }

        @Override
        public void onDone(final int venue, final long clientOrderId, final long releasedQuantity)
        {
            reports.add("done " + clientOrderId + " released " + releasedQuantity);
        }
    };

    @BeforeEach
    void setUp()
    {
        exchange = new SimulatedExchange(1, "SIMA", LATENCY_NS, LATENCY_NS);
        exchange.list(BTC, RULES);
        exchange.start(scheduler, (channel, b, offset, length) -> { }, listener, null, null);
    }

    private void runAll()
    {
        while (scheduler.runNext(Long.MAX_VALUE))
        {
            // Drain.
        }
    }

    private void sendNew(final long id, final Side side, final OrderType type, final long price, final long qty)
    {
        exchange.onOrderMessage(buffer, 0, codec.encodeNew(buffer, 0, id, BTC, side, type, price, qty));
    }

    private void sendReplace(final long id, final Side side, final long price, final long qty)
    {
        exchange.onOrderMessage(buffer, 0, codec.encodeReplace(buffer, 0, id, BTC, side, price, qty));
    }

    private static long px(final String price)
    {
        return BTC.parsePrice(price);
    }

    private static long qty(final String qty)
    {
        return BTC.parseQty(qty);
    }

    /**
     * A venue process that died comes back on its rebuilt ledger: an open LIMIT order rests again
     * with what was left of it and fills as a maker; one the new book crosses, and an IOC caught
     * mid-way, are canceled by the restart with their remainder released; nothing is received twice.
     */
    @Test
    void openHostOrdersOfADeadVenueRestAgainOrAreCanceledByTheRestart()
    {
        final SimulatedExchange restarted = new SimulatedExchange(1, "SIMA", LATENCY_NS, LATENCY_NS);
        restarted.list(BTC, RULES);
        restarted.start(scheduler, (channel, b, offset, length) -> { }, listener, null, null);
        final HostOrderLedger ledger = restarted.statusQuery();
        // As MarketJournal rebuilds it: 7 rested with 1 of 3 filled; 8 rests above the new best ask; 9 an IOC.
        ledger.restoreReceived(7, BTC.id(), Side.BUY, OrderType.LIMIT, px("99.90"), qty("3"));
        ledger.restoreFill(7, px("99.90"), qty("1"), 0.0, true);
        ledger.restoreReceived(8, BTC.id(), Side.BUY, OrderType.POST_ONLY, px("100.20"), qty("1"));
        ledger.restoreReceived(9, BTC.id(), Side.SELL, OrderType.IOC, px("99.00"), qty("1"));
        restarted.submit(MAKER, 1, BTC.id(), Side.SELL, OrderType.LIMIT, px("100.10"), qty("5"), T0);

        assertEquals(1, restarted.restoreHostOrders(T0));
        runAll();
        assertEquals(List.of("done 8 released " + qty("1"), "done 9 released " + qty("1")), reports);
        assertEquals(VenueOrderStatus.State.OPEN, ledger.status(7).state());
        assertEquals(qty("2"), restarted.book(BTC).bestBidQuantity());

        reports.clear();
        restarted.submit(MAKER, 2, BTC.id(), Side.SELL, OrderType.IOC, px("99.90"), qty("2"), T0 + 1);
        runAll();
        assertEquals(List.of("fill 7 " + qty("2") + "@" + px("99.90") + " maker", "done 7 released 0"), reports);
        assertEquals(qty("3"), ledger.status(7).filledQuantity());
        assertEquals(1, ledger.status(7).received());
        assertEquals(VenueOrderStatus.State.DONE, ledger.status(8).state());
    }

    @Test
    void postOnlyThatWouldTakeIsRejectedOverTheWire()
    {
        exchange.submit(MAKER, 1, BTC.id(), Side.SELL, OrderType.LIMIT, px("100.00"), qty("1"), T0);
        sendNew(7, Side.BUY, OrderType.POST_ONLY, px("100.00"), qty("1"));
        runAll();
        assertEquals(List.of("rejected 7 post-only order would take liquidity"), reports);
        assertEquals(qty("1"), exchange.book(BTC).bestAskQuantity());
    }

    @Test
    void replaceOverTheWireAcksFillsAndRests()
    {
        exchange.submit(MAKER, 1, BTC.id(), Side.SELL, OrderType.LIMIT, px("100.10"), qty("1"), T0);
        sendNew(7, Side.BUY, OrderType.LIMIT, px("99.90"), qty("2"));
        runAll();
        reports.clear();

        sendReplace(7, Side.BUY, px("100.10"), qty("2"));
        runAll();
        assertEquals(List.of("accepted 7", "fill 7 1000000@10010 taker"), reports);
        assertEquals(px("100.10"), exchange.book(BTC).bestBid());
        assertEquals(qty("1"), exchange.book(BTC).bestBidQuantity());

        reports.clear();
        sendReplace(7, Side.BUY, px("100.10"), qty("1"));
        sendReplace(8, Side.BUY, px("100.10"), qty("1"));
        runAll();
        assertEquals(List.of("accepted 7", "done 7 released 1000000", "rejected 8 replace: unknown order"), reports);
        assertEquals(0, exchange.book(BTC).levelCount(Side.BUY));
    }

    @Test
    void burstBeyondTheRateLimitIsRejectedAndTheBucketRefillsOverSimulatedTime()
    {
        exchange.rateLimit(10, 20);
        // 25 messages arrive at the same instant: 20 pass on the burst, 5 are refused.
        for (int i = 1; i <= 25; i++)
        {
            sendNew(i, Side.BUY, OrderType.LIMIT, px("90.00"), qty("1"));
        }
        runAll();
        assertEquals(20, exchange.book(BTC).orderCountAt(Side.BUY, px("90.00")));
        assertEquals(20, reports.stream().filter(r -> r.startsWith("accepted")).count());
        assertEquals(List.of("rejected 21 rate limit exceeded", "rejected 22 rate limit exceeded",
            "rejected 23 rate limit exceeded", "rejected 24 rate limit exceeded", "rejected 25 rate limit exceeded"),
            reports.stream().filter(r -> r.startsWith("rejected")).toList());

        // Cancels and replaces count too, and a refused one changes nothing.
        reports.clear();
        exchange.onOrderMessage(buffer, 0, codec.encodeCancel(buffer, 0, 1, BTC, Side.BUY));
        sendReplace(2, Side.BUY, px("90.10"), qty("1"));
        runAll();
        assertEquals(List.of("rejected 1 cancel: rate limit exceeded", "rejected 2 replace: rate limit exceeded"),
            reports);
        assertEquals(20, exchange.book(BTC).orderCountAt(Side.BUY, px("90.00")));

        // 10 messages a second: after 0.3 s three tokens are back, not four.
        reports.clear();
        scheduler.advanceTo(scheduler.nowNs() + 300_000_000L);
        for (int i = 31; i <= 34; i++)
        {
            sendNew(i, Side.BUY, OrderType.LIMIT, px("90.00"), qty("1"));
        }
        runAll();
        assertEquals(List.of("accepted 31", "accepted 32", "accepted 33", "rejected 34 rate limit exceeded"), reports);

        // A long quiet spell refills to the burst and no further.
        reports.clear();
        scheduler.advanceTo(scheduler.nowNs() + 3_600_000_000_000L);
        for (int i = 41; i <= 62; i++)
        {
            sendNew(i, Side.BUY, OrderType.LIMIT, px("90.00"), qty("1"));
        }
        runAll();
        assertEquals(20, reports.stream().filter(r -> r.startsWith("accepted")).count());
        assertEquals(2, reports.stream().filter(r -> r.startsWith("rejected")).count());
    }

    @Test
    void bucketsArePerOwnerAndParticipantsAreExempt()
    {
        exchange.rateLimit(1, 2);
        exchange.addParticipant(MAKER, new Participant()
        {
            @Override
            public void onOwnFill(final int instrumentId, final long clientOrderId, final Side side, final long price,
                final long quantity, final boolean maker, final long timeNs)
            {
            }

            @Override
            public void onOwnDone(final int instrumentId, final long clientOrderId, final long releasedQuantity,
                final long timeNs)
            {
            }
        });
        for (int i = 1; i <= 50; i++)
        {
            assertEquals(RejectReason.NONE,
                exchange.submit(MAKER, i, BTC.id(), Side.SELL, OrderType.LIMIT, px("110.00"), qty("1"), T0));
        }
        final int other = 60;
        assertEquals(RejectReason.NONE,
            exchange.submit(other, 1, BTC.id(), Side.BUY, OrderType.LIMIT, px("90.00"), qty("1"), T0));
        assertEquals(RejectReason.NONE,
            exchange.submit(other, 2, BTC.id(), Side.BUY, OrderType.LIMIT, px("90.00"), qty("1"), T0));
        assertEquals(RejectReason.RATE_LIMITED,
            exchange.submit(other, 3, BTC.id(), Side.BUY, OrderType.LIMIT, px("90.00"), qty("1"), T0));
        // The host's bucket is its own.
        sendNew(7, Side.BUY, OrderType.LIMIT, px("90.00"), qty("1"));
        runAll();
        assertEquals(List.of("accepted 7"), reports);
    }

    @Test
    void contextSetsTheRateLimitPerVenue()
    {
        final SimulatedMarket market = new SimulatedMarket(new SimulatedMarket.Context()
            .instruments(List.of(BTC)).rateLimit(20, 40).rateLimit("SIMB", 5, 10));
        assertEquals(20, market.exchanges().get(0).rateLimitPerSecond());
        assertEquals(40, market.exchanges().get(0).rateLimitBurst());
        assertEquals(5, market.exchanges().get(1).rateLimitPerSecond());
        assertEquals(10, market.exchanges().get(1).rateLimitBurst());
        final SimulatedMarket defaults = new SimulatedMarket(new SimulatedMarket.Context().instruments(List.of(BTC)));
        assertEquals(SimulatedExchange.DEFAULT_RATE_LIMIT_PER_SECOND, defaults.exchanges().get(2).rateLimitPerSecond());
        assertEquals(SimulatedExchange.DEFAULT_RATE_LIMIT_BURST, defaults.exchanges().get(2).rateLimitBurst());
    }

    private void sendTimed(final long id, final Side side, final OrderType type, final long price, final long qty,
        final long sentNs, final long windowNs)
    {
        exchange.onOrderMessage(buffer, 0, exchange.orderEntryEncoder().encodeNew(buffer, 0, id, BTC, side, type, price, qty, sentNs,
            windowNs));
    }

    @Test
    void orderWithinItsReceiveWindowTradesAsUsual()
    {
        assertTrue(exchange.orderEntryEncoder().supportsReceiveWindow());
        exchange.submit(MAKER, 1, BTC.id(), Side.SELL, OrderType.LIMIT, px("100.00"), qty("1"), T0);
        // Sent now, one order latency on the way, a window of two latencies: arrives in time.
        sendTimed(7, Side.BUY, OrderType.IOC, px("100.00"), qty("1"), T0, 2 * LATENCY_NS);
        runAll();
        assertEquals(List.of("accepted 7", "fill 7 1000000@10000 taker", "done 7 released 0"), reports);
        assertEquals(VenueOrderStatus.State.DONE, exchange.statusQuery().status(7).state());
    }

    @Test
    void orderArrivingAfterItsReceiveWindowIsRefusedByNameNeverRestsNorFillsAndIsNotFound()
    {
        exchange.submit(MAKER, 1, BTC.id(), Side.SELL, OrderType.LIMIT, px("100.00"), qty("1"), T0);
        // Sent (by its stamp) a window ago: it arrives one latency past the window. A marketable
        // IOC would fill and a limit below the ask would rest; neither may.
        sendTimed(7, Side.BUY, OrderType.IOC, px("100.00"), qty("1"), T0 - LATENCY_NS, LATENCY_NS / 2);
        sendTimed(8, Side.BUY, OrderType.LIMIT, px("99.00"), qty("1"), T0 - LATENCY_NS, LATENCY_NS / 2);
        runAll();
        assertEquals(List.of("rejected 7 " + VenueListener.RECEIVE_WINDOW_EXPIRED,
            "rejected 8 " + VenueListener.RECEIVE_WINDOW_EXPIRED), reports);
        assertEquals(qty("1"), exchange.book(BTC).bestAskQuantity(), "the resting ask was not touched");
        assertEquals(0, exchange.book(BTC).bestBidQuantity(), "the late limit did not rest");
        assertEquals(VenueOrderStatus.State.NOT_FOUND, exchange.statusQuery().status(7).state());
        assertEquals(VenueOrderStatus.State.NOT_FOUND, exchange.statusQuery().status(8).state());

        // The same id sent again in time is a new order, not a duplicate: the venue kept nothing of the late one.
        reports.clear();
        sendTimed(7, Side.BUY, OrderType.IOC, px("100.00"), qty("1"), scheduler.nowNs(), 2 * LATENCY_NS);
        runAll();
        assertEquals(List.of("accepted 7", "fill 7 1000000@10000 taker", "done 7 released 0"), reports);
    }
}
