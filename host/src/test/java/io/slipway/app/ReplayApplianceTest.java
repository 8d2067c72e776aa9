package io.slipway.app;

import io.slipway.card.NicLayout;
import io.slipway.core.PriceLevels;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.sim.replay.RecordedFeed;
import io.slipway.sim.replay.ReplayExchange;
import io.slipway.sim.replay.ReplayMarket;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.TcaCalculator;
import io.slipway.tca.TcaReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The appliance on the replayed Binance BTC books: spot, USD-M and COIN-M through the reference card. */
class ReplayApplianceTest
{
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final Instrument BTC = Instruments.BTC_USD;

    private static ReplayMarket.Context replayContext()
    {
        final Path data = ReplayMarket.Context.defaultDataDirectory();
        Assumptions.assumeTrue(data != null && Files.isRegularFile(data.resolve("spot_btcusdt_20240808.gz")),
            "recordings not present");
        return new ReplayMarket.Context().dataDirectory(data).instruments(List.of(BTC));
    }

    @Test
    void replayedBookThroughTheCardEqualsTheRecordedBook()
    {
        // Without feed latency, the core's book at a time is the recorded book at that time.
        final ReplayMarket market = new ReplayMarket(replayContext().delayMarketData(false));
        final SimulatedAppliance appliance = new SimulatedAppliance(
            new SimulatedAppliance.Context().instruments(List.of(BTC)).world(market).warmUpNs(0),
            report -> { }, record -> { });
        assertEquals(ReplayMarket.DISCLAIMER, appliance.marketDisclaimer());
        final long start = market.startTimeNs();
        assertTrue(market.endTimeNs() - start > 5 * MINUTE, "the recordings overlap for more than five minutes");

        final long wallStart = System.nanoTime();
        for (final long checkpoint : new long[]{start, start + 7 * SECOND, start + 95 * SECOND, start + 290 * SECOND})
        {
            appliance.runUntil(checkpoint);
            for (final ReplayExchange exchange : market.exchanges())
            {
                final RecordedFeed feed = exchange.feed(BTC);
                final String where = exchange.name() + " at +" + (checkpoint - start) / SECOND + " s";
                assertSameLevels(feed.bids(), appliance.core().book(exchange.id(), BTC).bids(), where + " bids");
                assertSameLevels(feed.asks(), appliance.core().book(exchange.id(), BTC).asks(), where + " asks");
                assertTrue(feed.bids().size() > 500, where + ": a deep book");
            }
        }
        // The rest of the window: every recorded event replayed, nothing lost or flagged at the card.
        appliance.runUntil(market.endTimeNs());
        final long wallNs = System.nanoTime() - wallStart;
        long events = 0;
        for (final ReplayExchange exchange : market.exchanges())
        {
            assertTrue(exchange.finished(), exchange.name() + " replayed its whole window");
            events += exchange.recordedEvents();
        }
        assertEquals(0, appliance.ingressDrops());
        assertEquals(0, appliance.feedAlerts());
        System.out.printf("replay window %s to %s (%.1f s), %d recorded events, through the card in %.1f s wall " +
            "(book checks included)%n", Instant.ofEpochSecond(0, start),
            Instant.ofEpochSecond(0, market.endTimeNs()), (market.endTimeNs() - start) / 1e9, events,
            wallNs / 1e9);
        market.close();
    }

    private static void assertSameLevels(final NavigableMap<Long, Long> recorded, final PriceLevels card,
        final String where)
    {
        assertEquals(recorded.size(), card.size(), where + ": level count");
        int i = 0;
        for (final Map.Entry<Long, Long> level : recorded.entrySet())
        {
            assertEquals(level.getKey(), card.price(i), where + ": price of level " + i);
            assertEquals(level.getValue(), card.quantity(i), where + ": quantity of level " + i);
            i++;
        }
    }

    /**
     * Every fill is a taker fill at a price the recorded bids had when the order reached the
     * venue (one report latency before the core heard of the fill): re-read from the file.
     */
    private static void assertRecordedPrices(final ReplayMarket market, final ExecutionRecord record)
    {
        assertTrue(record.fillCount() > 0);
        for (final ReplayExchange exchange : market.exchanges())
        {
            final RecordedFeed replayed = exchange.feed(BTC);
            try (RecordedFeed feed = new RecordedFeed(replayed.file(), BTC, replayed.contractUsd()))
            {
                for (int i = 0; i < record.fillCount(); i++)
                {
                    if (record.fillVenue(i) != exchange.id())
                    {
                        continue;
                    }
                    assertTrue(!record.fillMaker(i), "the core only sends IOCs");
                    final long matchedNs = record.fillTimeNs(i) - exchange.reportLatencyNs();
                    feed.skipUntil(matchedNs);
                    boolean recorded = feed.bids().containsKey(record.fillPrice(i));
                    if (!recorded)
                    {
                        // Recorded events at the very same nanosecond may have come first.
                        feed.skipUntil(matchedNs + 1);
                        recorded = feed.bids().containsKey(record.fillPrice(i));
                    }
                    assertTrue(recorded, exchange.name() + " fill " + i + " at " + record.fillPrice(i) +
                        " is not a recorded bid then");
                }
            }
        }
    }

    @Test
    void sellOrderIsWorkedOnTheReplayAtRecordedPrices()
    {
        final ReplayMarket market = new ReplayMarket(replayContext());
        final List<ParentOrderReport> reports = new ArrayList<>();
        final ExecutionRecord[] done = new ExecutionRecord[1];
        final SimulatedAppliance appliance = new SimulatedAppliance(
            new SimulatedAppliance.Context().instruments(List.of(BTC)).world(market).warmUpNs(10 * SECOND),
            reports::add, record -> done[0] = record);
        final long ready = appliance.warmUp();
        final long wallStart = System.nanoTime();
        appliance.submit(new NewParentOrder("replay-1", "BTC-USD", '2', "2", 1001, NewParentOrder.NO_TIME,
            ready + 4 * MINUTE, null));
        appliance.runWhileActive(ready + 5 * MINUTE);
        final long wallNs = System.nanoTime() - wallStart;

        final ParentOrderReport last = reports.get(reports.size() - 1);
        assertEquals(OrdStatus.FILLED, last.ordStatus(), last.toString());
        assertEquals(BTC.qtyFromDouble(2), last.cumQty());
        assertTrue(ready + 5 * MINUTE < market.endTimeNs(), "the order ran inside the recorded window");

        final ExecutionRecord record = done[0];
        assertNotNull(record);
        long taken = 0;
        for (final ReplayExchange exchange : market.exchanges())
        {
            taken += exchange.hostTakerQuantity() + exchange.hostMakerQuantity();
        }
        assertEquals(last.cumQty(), taken, "every fill came from a replayed venue's model");
        assertRecordedPrices(market, record);

        final TcaReport tca = TcaCalculator.analyse(record);
        assertEquals(1.0, tca.completion(), 1e-12);
        assertTrue(tca.fees() > 0);
        assertEquals(0, appliance.ingressDrops(), "no SBE message may be lost at the card");
        assertEquals(0, appliance.feedAlerts(), "no gaps or decode errors on the replayed feed");
        assertEquals(0, tca.childRejectsByCard());
        assertEquals(tca.childOrders(), appliance.card().readRegister(NicLayout.COUNTERS_BASE +
            NicLayout.CNT_ORDERS_SENT), "every child order left through the card");
        assertEquals(ReplayMarket.DISCLAIMER, appliance.marketDisclaimer());
        assertEquals(ReplayMarket.DISCLAIMER, tca.marketNote(), "the TCA says it came from replay");
        assertTrue(io.slipway.tca.TcaFormat.text(tca).contains(ReplayMarket.DISCLAIMER));
        assertTrue(io.slipway.tca.TcaFormat.json(tca).contains(ReplayMarket.DISCLAIMER));
        System.out.printf("replay e2e: %d fills, %d child orders, venues %s, shortfall %.3f bps, 5 min replayed " +
            "in %.1f s wall%n", record.fillCount(), tca.childOrders(), tca.venues(), tca.shortfallBps(), wallNs / 1e9);
        market.close();
    }
}
