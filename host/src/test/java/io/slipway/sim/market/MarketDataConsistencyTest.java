package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.venue.MarketDataSink;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumer that knows only the published SBE stream rebuilds every venue's book from the depth
 * diffs; the rebuilt books must equal the venues' own books, every best bid/ask must match the
 * rebuilt top, and the Trades messages must carry exactly the tape's volume.
 */
class MarketDataConsistencyTest
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private static final class Rebuilder implements MarketDataSink
    {
        final Int2ObjectHashMap<TreeMap<Long, Long>> bids = new Int2ObjectHashMap<>();
        final Int2ObjectHashMap<TreeMap<Long, Long>> asks = new Int2ObjectHashMap<>();
        long topMismatches;
        long tops;
        long tradedQuantity;
        long tradeMessages;

        @Override
        public void onSbeMessage(final int channel, final DirectBuffer buffer, final int offset, final int length)
        {
            final int blockLength = buffer.getShort(offset, LE);
            final int template = buffer.getShort(offset + 2, LE);
            final int root = offset + 8;
            final TreeMap<Long, Long> bidBook = bids.computeIfAbsent(channel, k -> new TreeMap<>());
            final TreeMap<Long, Long> askBook = asks.computeIfAbsent(channel, k -> new TreeMap<>());
            int position = root + blockLength;
            switch (template)
            {
                case BinanceSbeEncoder.DEPTH_DIFF_TEMPLATE_ID ->
                {
                    for (final TreeMap<Long, Long> book : List.of(bidBook, askBook))
                    {
                        final int entryLength = buffer.getShort(position, LE);
                        final int count = buffer.getShort(position + 2, LE) & 0xFFFF;
                        position += 4;
                        for (int i = 0; i < count; i++)
                        {
                            final long price = buffer.getLong(position, LE);
                            final long qty = buffer.getLong(position + 8, LE);
                            if (qty == 0)
                            {
                                book.remove(price);
                            }
                            else
                            {
                                book.put(price, qty);
                            }
                            position += entryLength;
                        }
                    }
                }
                case BinanceSbeEncoder.BEST_BID_ASK_TEMPLATE_ID ->
                {
                    tops++;
                    final long bid = buffer.getLong(root + 18, LE);
                    final long bidQty = buffer.getLong(root + 26, LE);
                    final long ask = buffer.getLong(root + 34, LE);
                    final long askQty = buffer.getLong(root + 42, LE);
                    final boolean bidOk = bidBook.isEmpty() ? bid == 0 :
                        bid == bidBook.lastKey() && bidQty == bidBook.lastEntry().getValue();
                    final boolean askOk = askBook.isEmpty() ? ask == 0 :
                        ask == askBook.firstKey() && askQty == askBook.firstEntry().getValue();
                    if (!bidOk || !askOk)
                    {
                        topMismatches++;
                    }
                }
                case BinanceSbeEncoder.TRADES_TEMPLATE_ID ->
                {
                    tradeMessages++;
                    final int entryLength = buffer.getShort(position, LE);
                    final int count = buffer.getInt(position + 2, LE);
                    position += 6;
                    for (int i = 0; i < count; i++)
                    {
                        tradedQuantity += buffer.getLong(position + 16, LE);
                        position += entryLength;
                    }
                }
                default -> throw new AssertionError("template " + template);
            }
            final int symbolLength = buffer.getByte(position) & 0xFF;
            assertEquals(length, position + 1 + symbolLength - offset, "message length covers the symbol");
        }
    }

    @Test
    void publishedStreamRebuildsTheVenuesBooks()
    {
        final List<Instrument> instruments = List.of(Instruments.BTC_USD, Instruments.ETH_USD);
        final SimulatedMarket market = new SimulatedMarket(
            new SimulatedMarket.Context().seed(8).instruments(instruments).delayMarketData(false));
        final EventScheduler scheduler = new EventScheduler(market.context().startTimeNs());
        final Rebuilder rebuilder = new Rebuilder();
        final WorldProbe host = new WorldProbe();
        final long[] tape = new long[1];
        market.marketTradeListener((venue, instrument, price, quantity, side, time) -> tape[0] += quantity);
        market.start(scheduler, rebuilder, host);
        // Stop right after a publication so nothing is pending in the books.
        final long end = market.context().startTimeNs() + 5 * 60 * 1_000_000_000L;
        while (scheduler.runNext(end))
        {
            // Run.
        }
        assertEquals(0, rebuilder.topMismatches, "best bid/ask agrees with the rebuilt book");
        assertTrue(rebuilder.tops > 1_000);
        assertEquals(tape[0], rebuilder.tradedQuantity, "Trades messages carry the tape");
        for (final SimulatedExchange exchange : market.exchanges())
        {
            for (final Instrument instrument : instruments)
            {
                final int channel = exchange.marketDataChannel(instrument);
                final OrderBook book = exchange.book(instrument);
                assertEquals(levels(book, Side.BUY), rebuilder.bids.get(channel), exchange.name() + " bids");
                assertEquals(levels(book, Side.SELL), rebuilder.asks.get(channel), exchange.name() + " asks");
            }
        }
    }

    private static Map<Long, Long> levels(final OrderBook book, final Side side)
    {
        final TreeMap<Long, Long> levels = new TreeMap<>();
        for (int i = 0; i < book.levelCount(side); i++)
        {
            final long price = book.levelPrice(side, i);
            levels.put(price, book.quantityAt(side, price));
        }
        return levels;
    }
}
