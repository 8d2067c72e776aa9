package io.slipway.sim.replay;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.market.BinanceSbeEncoder;
import io.slipway.sim.market.SimOrderEntryCodec;
import io.slipway.venue.MarketDataSink;
import io.slipway.venue.VenueListener;
import io.slipway.venue.VenueRules;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.slipway.sim.replay.RecordingWriter.levels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host orders against hand-built recordings: queue positions, taking without double use, cancels. */
class ReplayExchangeTest
{
    private static final long MS = 1_000_000L;
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long ONE = 1_000_000L;
    private static final double MAKER = 0.0008;
    private static final double TAKER = 0.0010;

    @TempDir
    Path dir;

    private final List<String> reports = new ArrayList<>();
    private final List<Integer> templates = new ArrayList<>();
    private final List<Long> depthIds = new ArrayList<>();
    private final SimOrderEntryCodec codec = new SimOrderEntryCodec();
    private final UnsafeBuffer orderBuffer = new UnsafeBuffer(new byte[64]);
    private EventScheduler scheduler;
    private ReplayExchange exchange;
    private RecordedFeed feed;

    private final VenueListener listener = new VenueListener()
    {
        public void onAccepted(final int venue, final long clientOrderId)
        {
            reports.add("accepted " + clientOrderId);
        }

        public void onRejected(final int venue, final long clientOrderId, final String reason)
        {
            reports.add("rejected " + clientOrderId + " " + reason);
        }

        public void onFill(final int venue, final long clientOrderId, final long price, final long quantity,
            final double fee, final boolean maker)
        {
            final double expectedFee = BTC.notional(price, quantity) * (maker ? MAKER : TAKER);
            assertEquals(expectedFee, fee, 1e-9, "fee on notional at the venue's rate");
            reports.add("fill " + clientOrderId + " " + price + " " + quantity + (maker ? " maker" : " taker"));
        }

        public void onDone(final int venue, final long clientOrderId, final long releasedQuantity)
        {
            reports.add("done " + clientOrderId + " " + releasedQuantity);
        }
    };

    private final MarketDataSink sink = new MarketDataSink()
    {
        public void onSbeMessage(final int channel, final DirectBuffer buffer, final int offset, final int length)
        {
            assertEquals(1 << 4 | BTC.id(), channel);
            assertTrue(length <= ReplayExchange.MAX_MARKET_DATA_MESSAGE);
            final int template = buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN);
            templates.add(template);
            if (template == BinanceSbeEncoder.DEPTH_DIFF_TEMPLATE_ID)
            {
                depthIds.add(buffer.getLong(offset + 8 + 8, ByteOrder.LITTLE_ENDIAN));
            }
        }
    };

    @AfterEach
    void close()
    {
        if (feed != null)
        {
            feed.close();
        }
    }

    private void start(final RecordingWriter recording)
    {
        feed = new RecordedFeed(recording.write(dir.resolve("recording.gz")), BTC, 0);
        exchange = new ReplayExchange(1, "RSPOT", 1_000, 0);
        exchange.list(feed, new VenueRules(1, 10, 10, 0.0, MAKER, TAKER));
        scheduler = new EventScheduler(1000 * MS);
        exchange.start(scheduler, sink, listener, 1000 * MS, 10_000 * MS);
    }

    private void send(final long atMs, final long clientOrderId, final Side side, final OrderType type,
        final long price, final long quantity)
    {
        scheduler.schedule(atMs * MS, now -> exchange.onOrderMessage(orderBuffer, 0,
            codec.encodeNew(orderBuffer, 0, clientOrderId, BTC, side, type, price, quantity)));
    }

    private void cancel(final long atMs, final long clientOrderId)
    {
        scheduler.schedule(atMs * MS, now -> exchange.onOrderMessage(orderBuffer, 0,
            codec.encodeCancel(orderBuffer, 0, clientOrderId, BTC, Side.BUY)));
    }

    private void runUntilMs(final long ms)
    {
        while (scheduler.runNext(ms * MS))
        {
            // replay and orders
        }
    }

    @Test
    void restingOrderWaitsForTradesThroughItsQueue()
    {
        start(new RecordingWriter("btcusdt", false)
            .snapshot(1000, 10, levels("100.00", "3", "99.99", "1"), levels("100.01", "1"))
            .trade(1200, 1200, 1, "100.00", "2", true)
            .trade(1250, 1250, 2, "100.01", "0.5", false)
            .diff(1300, 11, 11, levels("100.00", "0.5"), levels("100.01", "0.5"))
            .trade(1400, 1400, 3, "100.00", "0.75", true)
            .trade(1500, 1500, 4, "99.99", "5", true));
        send(1100, 7, Side.BUY, OrderType.LIMIT, 10_000, ONE);

        runUntilMs(1150);
        assertEquals(List.of("accepted 7"), reports);
        assertEquals(3 * ONE, exchange.queueAhead(BTC, 7), "behind the whole recorded level");

        runUntilMs(1260);
        assertEquals(ONE, exchange.queueAhead(BTC, 7), "a 2 BTC sell at the price; the buy at 100.01 is elsewhere");
        assertEquals(1, reports.size());

        runUntilMs(1350);
        assertEquals(ONE / 2, exchange.queueAhead(BTC, 7), "the level shrank below the queue ahead");

        runUntilMs(1450);
        assertEquals(List.of("accepted 7", "fill 7 10000 250000 maker"), reports, "0.75 traded, 0.5 was ahead");
        assertEquals(0, exchange.queueAhead(BTC, 7));

        runUntilMs(1600);
        assertEquals(List.of("accepted 7", "fill 7 10000 250000 maker", "fill 7 10000 750000 maker", "done 7 0"),
            reports, "a trade through the price reaches the order first");
        assertEquals(-1, exchange.queueAhead(BTC, 7));
        assertEquals(ONE, exchange.hostMakerQuantity());
    }

    @Test
    void hostOrdersQueueBehindEarlierHostOrdersUntilTheyLeave()
    {
        start(new RecordingWriter("btcusdt", false)
            .snapshot(1000, 10, levels("100.00", "2"), levels("100.01", "1"))
            .diff(1300, 11, 11, levels("100.00", "1"), "[]"));
        send(1100, 1, Side.BUY, OrderType.LIMIT, 10_000, ONE);
        send(1200, 2, Side.BUY, OrderType.LIMIT, 10_000, ONE);
        runUntilMs(1250);
        assertEquals(3 * ONE, exchange.queueAhead(BTC, 2), "two recorded and one of ours");
        runUntilMs(1350);
        assertEquals(ONE, exchange.queueAhead(BTC, 1));
        assertEquals(2 * ONE, exchange.queueAhead(BTC, 2), "one recorded left, ours still ahead");
        cancel(1400, 1);
        runUntilMs(1450);
        assertEquals(ONE, exchange.queueAhead(BTC, 2), "the earlier host order left the queue");
    }

    @Test
    void postOnlyRestsOrIsRefusedAndReplaceIsRefused()
    {
        start(new RecordingWriter("btcusdt", false)
            .snapshot(1000, 10, levels("100.00", "1"), levels("100.01", "1")));
        send(1100, 1, Side.BUY, OrderType.POST_ONLY, 10_001, ONE);
        send(1100, 2, Side.BUY, OrderType.POST_ONLY, 10_000, ONE);
        scheduler.schedule(1200 * MS, now -> exchange.onOrderMessage(orderBuffer, 0,
            codec.encodeReplace(orderBuffer, 0, 2, BTC, Side.BUY, 9_999, ONE)));
        runUntilMs(1300);
        assertEquals(List.of("rejected 1 post-only order would take liquidity", "accepted 2",
            "rejected 2 replace: not supported by this venue"), reports);
        assertEquals(ONE, exchange.queueAhead(BTC, 2), "rests like a limit, behind the recorded level");
    }

    @Test
    void secondHostOrderQueuesBehindTheFirstAndCancelReleases()
    {
        start(new RecordingWriter("btcusdt", false)
            .snapshot(1000, 10, levels("100.00", "1"), levels("100.01", "1"))
            .trade(1300, 1300, 1, "100.00", "1.5", true));
        send(1100, 1, Side.BUY, OrderType.LIMIT, 10_000, ONE);
        send(1200, 2, Side.BUY, OrderType.LIMIT, 10_000, ONE);
        runUntilMs(1250);
        assertEquals(ONE, exchange.queueAhead(BTC, 1));
        assertEquals(2 * ONE, exchange.queueAhead(BTC, 2));

        runUntilMs(1350);
        assertEquals(List.of("accepted 1", "accepted 2", "fill 1 10000 500000 maker"), reports);
        cancel(1400, 2);
        cancel(1400, 99);
        runUntilMs(1500);
        assertEquals(List.of("accepted 1", "accepted 2", "fill 1 10000 500000 maker", "done 2 1000000",
            "rejected 99 cancel: unknown order"), reports);
    }

    @Test
    void takingUsesRecordedLevelsOnceUntilTheRecordingChangesThem()
    {
        start(new RecordingWriter("btcusdt", false)
            .snapshot(1000, 10, levels("100.00", "1"), levels("100.01", "1", "100.02", "2"))
            .diff(1200, 11, 11, "[]", levels("100.02", "2.5")));
        final int publishedAtStart = templates.size();
        send(1100, 1, Side.BUY, OrderType.IOC, 10_002, 2 * ONE);
        send(1150, 2, Side.BUY, OrderType.IOC, 10_002, 3 * ONE);
        runUntilMs(1160);
        assertEquals(List.of(
            "accepted 1", "fill 1 10001 1000000 taker", "fill 1 10002 1000000 taker", "done 1 0",
            "accepted 2", "fill 2 10002 1000000 taker", "done 2 2000000"), reports);
        assertEquals(ONE, exchange.hostTakenAt(BTC, false, 10_001));
        assertEquals(2 * ONE, exchange.hostTakenAt(BTC, false, 10_002));
        assertEquals(publishedAtStart, templates.size(), "the host's trades never reach the recorded market data");

        reports.clear();
        runUntilMs(1250);
        assertEquals(0, exchange.hostTakenAt(BTC, false, 10_002), "the recording refreshed the level");
        send(1300, 3, Side.BUY, OrderType.IOC, 10_002, ONE);
        send(1300, 4, Side.SELL, OrderType.MARKET, 9_000, 2 * ONE);
        runUntilMs(1400);
        assertEquals(List.of(
            "accepted 3", "fill 3 10002 1000000 taker", "done 3 0",
            "accepted 4", "fill 4 10000 1000000 taker", "done 4 1000000"), reports,
            "100.01 stays taken; a market sell takes the one recorded bid");
        assertEquals(4 * ONE + ONE, exchange.hostTakerQuantity());
    }

    @Test
    void marketableLimitTakesThenRestsAndBadOrdersAreRejected()
    {
        start(new RecordingWriter("btcusdt", false)
            .snapshot(1000, 10, levels("100.00", "1"), levels("100.01", "1")));
        send(1100, 1, Side.BUY, OrderType.LIMIT, 10_001, 3 * ONE);
        send(1100, 2, Side.BUY, OrderType.LIMIT, 10_001, 5);
        runUntilMs(1200);
        assertEquals(List.of("accepted 1", "fill 1 10001 1000000 taker",
            "rejected 2 quantity is not a multiple of the lot size"), reports);
        assertEquals(0, exchange.queueAhead(BTC, 1), "rests alone at its own price");
    }

    @Test
    void publishesTheWholeBookAtStartAsChainedDiffs()
    {
        final String[] bids = new String[200];
        final String[] asks = new String[200];
        for (int i = 0; i < 100; i++)
        {
            bids[2 * i] = String.format("%.2f", 100.00 - i * 0.01);
            bids[2 * i + 1] = "1";
            asks[2 * i] = String.format("%.2f", 100.01 + i * 0.01);
            asks[2 * i + 1] = "2";
        }
        start(new RecordingWriter("btcusdt", false).snapshot(1000, 10, levels(bids), levels(asks)));
        assertTrue(depthIds.size() > 1, "200 levels do not fit one ingress slot");
        for (int i = 0; i < depthIds.size(); i++)
        {
            assertEquals(i + 1, depthIds.get(i));
        }
        assertEquals(BinanceSbeEncoder.BEST_BID_ASK_TEMPLATE_ID, templates.get(templates.size() - 1));
    }
}
