package io.slipway.sim.replay;

import io.slipway.domain.Instrument;
import io.slipway.sim.market.BinanceJsonLines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * One recorded Binance stream file ({@code <local ns> <combined-stream JSON>} per line, gzip) as a
 * sequence of events in exchange-time order, with the book rebuilt as the data notes prescribe:
 * diffs before the REST snapshot are buffered, the snapshot is applied, diffs with
 * {@code u <= lastUpdateId} are dropped and the rest applied in order; spot diffs must chain by
 * {@code U == previous u + 1}, perpetual diffs by {@code pu == previous u}. A broken chain or a
 * crossed book is an error.
 *
 * <p>The file is read line by line. Streams of one file are interleaved in local receive order,
 * which differs slightly from exchange order, so parsed events wait in a small reorder window
 * ({@link #REORDER_WINDOW_NS} of exchange time) before they are handed out by (time, file order).
 * Depth events are stamped with their transaction time {@code T} when present (perpetuals), else
 * the event time {@code E} (spot), and never earlier than the previous depth event, so the book
 * is always applied in update-id order. Trades use {@code T}. Spot best bid/ask lines carry no
 * time and get the local time plus the latest exchange-minus-local offset seen in the file.
 * Events before the snapshot (other than the buffered diffs) are dropped: the book is unknown then.
 * The snapshot itself is handed out as the first depth event, with every level.
 *
 * <p>Prices and quantities are converted to the instrument's fixed-point scale. Prices must be
 * exact in it. Linear quantities are rounded to the nearest unit. COIN-M quantities are
 * contracts worth {@code contractUsd} each and are converted to base units at the level's own
 * price (the trade's price for trades), {@code contracts * contractUsd / price}, rounded to the
 * nearest unit, half up; a non-zero level never rounds to zero.
 *
 * <p>{@link #next()} advances one event and applies it to the book; {@link #bids()} and
 * {@link #asks()} show the recorded book after the current event.
 */
public final class RecordedFeed implements AutoCloseable
{
    /** Exchange-time lateness a line may have behind lines read before it. */
    public static final long REORDER_WINDOW_NS = 2_000_000_000L;

    public enum EventType
    {
        DEPTH,
        TRADE,
        BOOK_TICKER
    }

    private static final long NS_PER_MS = 1_000_000L;

    private static final class Event
    {
        EventType type;
        long timeNs;
        long sequence;
        boolean snapshot;
        long firstUpdateId;
        long lastUpdateId;
        long previousUpdateId;
        // Depth: bids then asks as (price, qty) in the instrument's scale; qty 0 removes.
        long[] levels;
        int bidCount;
        int askCount;
        // Trade: price, qty, id, buyer-is-maker. Book ticker: bid, bidQty, ask, askQty.
        long price;
        long quantity;
        long tradeId;
        boolean buyerMaker;
        long askPrice;
        long askQuantity;
    }

    private static final Comparator<Event> ORDER = (a, b) ->
        a.timeNs != b.timeNs ? Long.compare(a.timeNs, b.timeNs) : Long.compare(a.sequence, b.sequence);

    private final Path file;
    private final Instrument instrument;
    private final long contractUsd;
    private final long priceDivisor;
    private final long qtyDivisor;
    private final BufferedReader reader;
    private final PriorityQueue<Event> pending = new PriorityQueue<>(ORDER);
    private final List<Event> bufferedDiffs = new ArrayList<>();
    private final TreeMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<Long, Long> asks = new TreeMap<>();
    private final NavigableMap<Long, Long> bidView = Collections.unmodifiableNavigableMap(bids);
    private final NavigableMap<Long, Long> askView = Collections.unmodifiableNavigableMap(asks);
    private final long[] scratch = new long[4096];
    private int scratchCount;

    private boolean endOfFile;
    private boolean snapshotSeen;
    private boolean chained;
    private long snapshotUpdateId;
    private long snapshotTimeNs;
    private long lastUpdateId;
    private long lastDepthTimeNs = Long.MIN_VALUE;
    private long latestReadTimeNs = Long.MIN_VALUE;
    private long exchangeMinusLocalNs;
    private long sequence;
    private long tickSize;
    private long lotSize;
    private long linesRead;
    private long lateEvents;
    private long lastEmittedTimeNs = Long.MIN_VALUE;
    private Event current;

    /**
     * @param contractUsd USD value of one contract for COIN-M files, 0 for linear markets.
     */
    public RecordedFeed(final Path file, final Instrument instrument, final long contractUsd)
    {
        if (contractUsd < 0)
        {
            throw new IllegalArgumentException("contractUsd must not be negative");
        }
        if (instrument.priceExponent() < -8 || instrument.qtyExponent() < -8)
        {
            throw new IllegalArgumentException("the recordings have 8 decimals at most: " + instrument.symbol());
        }
        this.file = file;
        this.instrument = instrument;
        this.contractUsd = contractUsd;
        this.priceDivisor = pow10(8 + instrument.priceExponent());
        this.qtyDivisor = pow10(8 + instrument.qtyExponent());
        try
        {
            this.reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.US_ASCII), 1 << 16);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open " + file, ex);
        }
    }

    /** Latest exchange event time ({@code E}) in a file: one pass, nothing kept. */
    public static long lastEventTimeNs(final Path file)
    {
        long last = Long.MIN_VALUE;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.US_ASCII), 1 << 16))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                if (line.contains("\"E\":"))
                {
                    last = Math.max(last, BinanceJsonLines.longField(line, "\"E\":") * NS_PER_MS);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        return last;
    }

    public Path file()
    {
        return file;
    }

    public Instrument instrument()
    {
        return instrument;
    }

    public long contractUsd()
    {
        return contractUsd;
    }

    /** Exchange time of the next event, or {@link Long#MAX_VALUE} at the end of the file. */
    public long peekTimeNs()
    {
        fill();
        final Event head = pending.peek();
        return head == null ? Long.MAX_VALUE : head.timeNs;
    }

    /** Advances to the next event and applies it to the book; false at the end of the file. */
    public boolean next()
    {
        fill();
        final Event event = pending.poll();
        current = event;
        if (event == null)
        {
            return false;
        }
        if (event.timeNs < lastEmittedTimeNs)
        {
            // Later than the reorder window allows: handed out at the latest time so far, counted.
            lateEvents++;
            event.timeNs = lastEmittedTimeNs;
        }
        lastEmittedTimeNs = event.timeNs;
        if (event.type == EventType.DEPTH)
        {
            apply(event);
        }
        return true;
    }

    /** Applies every event before the given exchange time (the book follows); returns how many. */
    public long skipUntil(final long timeNs)
    {
        long skipped = 0;
        while (peekTimeNs() < timeNs)
        {
            next();
            skipped++;
        }
        return skipped;
    }

    /** Exchange time of the first depth event (the snapshot), reading as far as needed. */
    public long snapshotTimeNs()
    {
        while (!snapshotSeen && !endOfFile)
        {
            readLine();
        }
        if (!snapshotSeen)
        {
            throw new IllegalStateException(file + ": no depth snapshot");
        }
        return snapshotTimeNs;
    }

    public EventType type()
    {
        return current().type;
    }

    public long timeNs()
    {
        return current().timeNs;
    }

    /** True when the current depth event is the REST snapshot (every level of the book). */
    public boolean isSnapshot()
    {
        return current().snapshot;
    }

    /** Recorded update-id range of the current depth event. */
    public long firstUpdateId()
    {
        return current().firstUpdateId;
    }

    public long lastUpdateId()
    {
        return current().lastUpdateId;
    }

    public int bidCount()
    {
        return current().bidCount;
    }

    public int askCount()
    {
        return current().askCount;
    }

    public long bidPrice(final int i)
    {
        return current.levels[2 * i];
    }

    public long bidQuantity(final int i)
    {
        return current.levels[2 * i + 1];
    }

    public long askPrice(final int i)
    {
        return current.levels[2 * (current.bidCount + i)];
    }

    public long askQuantity(final int i)
    {
        return current.levels[2 * (current.bidCount + i) + 1];
    }

    /** Trade price, or the best bid of a book ticker. */
    public long price()
    {
        return current().price;
    }

    /** Trade quantity, or the best bid quantity of a book ticker. */
    public long quantity()
    {
        return current().quantity;
    }

    public long tradeId()
    {
        return current().tradeId;
    }

    /** For trades: the buyer was the resting side, so the seller was the aggressor. */
    public boolean buyerMaker()
    {
        return current().buyerMaker;
    }

    public long tickerAskPrice()
    {
        return current().askPrice;
    }

    public long tickerAskQuantity()
    {
        return current().askQuantity;
    }

    /** Recorded bids, best first, after the current event. */
    public NavigableMap<Long, Long> bids()
    {
        return bidView;
    }

    /** Recorded asks, best first, after the current event. */
    public NavigableMap<Long, Long> asks()
    {
        return askView;
    }

    /** Largest price step dividing every snapshot price (the venue's tick, in practice). */
    public long tickSize()
    {
        snapshotTimeNs();
        return tickSize;
    }

    /**
     * Quantity step: linear markets, the largest step dividing every snapshot quantity; COIN-M,
     * the largest power of ten of base units not above one contract at the snapshot's mid.
     */
    public long lotSize()
    {
        snapshotTimeNs();
        return lotSize;
    }

    public long linesRead()
    {
        return linesRead;
    }

    /** Events that arrived more than {@link #REORDER_WINDOW_NS} late and were re-stamped; 0 on the recordings. */
    public long lateEvents()
    {
        return lateEvents;
    }

    @Override
    public void close()
    {
        try
        {
            reader.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private Event current()
    {
        if (current == null)
        {
            throw new IllegalStateException("no current event");
        }
        return current;
    }

    private void apply(final Event event)
    {
        if (event.snapshot)
        {
            bids.clear();
            asks.clear();
        }
        for (int i = 0; i < event.bidCount + event.askCount; i++)
        {
            final TreeMap<Long, Long> side = i < event.bidCount ? bids : asks;
            final long price = event.levels[2 * i];
            final long qty = event.levels[2 * i + 1];
            if (qty == 0)
            {
                side.remove(price);
            }
            else
            {
                side.put(price, qty);
            }
        }
        if (!bids.isEmpty() && !asks.isEmpty() && bids.firstKey() >= asks.firstKey())
        {
            throw new IllegalStateException(file + ": crossed book at u=" + event.lastUpdateId);
        }
    }

    private void fill()
    {
        while (!endOfFile && (pending.isEmpty() || latestReadTimeNs - pending.peek().timeNs < REORDER_WINDOW_NS))
        {
            readLine();
        }
    }

    private void readLine()
    {
        final String line;
        try
        {
            line = reader.readLine();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        if (line == null)
        {
            endOfFile = true;
            return;
        }
        linesRead++;
        final int json = line.indexOf(' ') + 1;
        final long localNs = BinanceJsonLines.localTimeNs(line);
        if (line.contains("\"E\":"))
        {
            exchangeMinusLocalNs = BinanceJsonLines.longField(line, "\"E\":") * NS_PER_MS - localNs;
        }
        if (line.startsWith("{\"lastUpdateId\"", json))
        {
            onSnapshot(line, localNs);
        }
        else if (line.indexOf("\"e\":\"depthUpdate\"", json) > 0)
        {
            final Event diff = depth(line, "\"b\":", "\"a\":");
            diff.firstUpdateId = BinanceJsonLines.longField(line, "\"U\":");
            diff.lastUpdateId = BinanceJsonLines.longField(line, "\"u\":");
            diff.previousUpdateId = line.contains("\"pu\":") ? BinanceJsonLines.longField(line, "\"pu\":") :
                diff.firstUpdateId - 1;
            diff.timeNs = exchangeTime(line, localNs);
            if (snapshotSeen)
            {
                onDiff(diff);
            }
            else
            {
                bufferedDiffs.add(diff);
            }
        }
        else if (snapshotSeen && line.indexOf("\"e\":\"trade\"", json) > 0)
        {
            onTrade(line);
        }
        else if (snapshotSeen && line.indexOf("@bookTicker\"", json) > 0)
        {
            final Event ticker = new Event();
            ticker.type = EventType.BOOK_TICKER;
            ticker.timeNs = line.contains("\"T\":") ? BinanceJsonLines.longField(line, "\"T\":") * NS_PER_MS :
                localNs + exchangeMinusLocalNs;
            ticker.price = price(BinanceJsonLines.decimalField(line, "\"b\":\""));
            ticker.quantity = quantity(ticker.price, BinanceJsonLines.decimalField(line, "\"B\":\""));
            ticker.askPrice = price(BinanceJsonLines.decimalField(line, "\"a\":\""));
            ticker.askQuantity = quantity(ticker.askPrice, BinanceJsonLines.decimalField(line, "\"A\":\""));
            enqueue(ticker);
        }
    }

    private void onSnapshot(final String line, final long localNs)
    {
        if (snapshotSeen)
        {
            throw new IllegalStateException(file + ": second snapshot");
        }
        snapshotSeen = true;
        snapshotUpdateId = BinanceJsonLines.longField(line, "\"lastUpdateId\":");
        final Event snapshot = depth(line, "\"bids\":", "\"asks\":");
        snapshot.snapshot = true;
        snapshot.firstUpdateId = snapshotUpdateId;
        snapshot.lastUpdateId = snapshotUpdateId;
        snapshot.timeNs = line.contains("\"E\":") ? exchangeTime(line, localNs) : localNs + exchangeMinusLocalNs;
        snapshotTimeNs = snapshot.timeNs;
        lastDepthTimeNs = snapshot.timeNs;
        deriveSteps(snapshot);
        enqueue(snapshot);
        for (final Event diff : bufferedDiffs)
        {
            onDiff(diff);
        }
        bufferedDiffs.clear();
    }

    private void onDiff(final Event diff)
    {
        if (diff.lastUpdateId <= snapshotUpdateId)
        {
            return;
        }
        if (chained && diff.previousUpdateId != lastUpdateId)
        {
            throw new IllegalStateException(file + ": depth chain broken at u=" + diff.lastUpdateId +
                " after u=" + lastUpdateId);
        }
        chained = true;
        lastUpdateId = diff.lastUpdateId;
        // Never ahead of the previous depth event, so the book is applied in update-id order.
        diff.timeNs = Math.max(diff.timeNs, lastDepthTimeNs);
        lastDepthTimeNs = diff.timeNs;
        enqueue(diff);
    }

    private void onTrade(final String line)
    {
        final int x = line.indexOf("\"X\":\"");
        if (x > 0 && !line.startsWith("MARKET\"", x + 5))
        {
            // Liquidations and ADL are not order-book trades.
            return;
        }
        final Event trade = new Event();
        trade.type = EventType.TRADE;
        trade.timeNs = BinanceJsonLines.longField(line, "\"T\":") * NS_PER_MS;
        trade.price = price(BinanceJsonLines.decimalField(line, "\"p\":\""));
        trade.quantity = quantity(trade.price, BinanceJsonLines.decimalField(line, "\"q\":\""));
        trade.tradeId = BinanceJsonLines.longField(line, "\"t\":");
        trade.buyerMaker = line.contains("\"m\":true");
        enqueue(trade);
    }

    private Event depth(final String line, final String bidKey, final String askKey)
    {
        final Event event = new Event();
        event.type = EventType.DEPTH;
        scratchCount = 0;
        event.bidCount = BinanceJsonLines.forEachLevel(line, bidKey, this::collect);
        event.askCount = BinanceJsonLines.forEachLevel(line, askKey, this::collect);
        event.levels = Arrays.copyOf(scratch, scratchCount);
        return event;
    }

    private void collect(final long rawPrice, final long rawQty)
    {
        if (scratchCount + 2 > scratch.length)
        {
            throw new IllegalStateException(file + ": more than " + scratch.length / 2 + " levels in one message");
        }
        final long price = price(rawPrice);
        scratch[scratchCount++] = price;
        scratch[scratchCount++] = quantity(price, rawQty);
    }

    private long exchangeTime(final String line, final long localNs)
    {
        if (line.contains("\"T\":"))
        {
            return BinanceJsonLines.longField(line, "\"T\":") * NS_PER_MS;
        }
        return BinanceJsonLines.longField(line, "\"E\":") * NS_PER_MS;
    }

    private void enqueue(final Event event)
    {
        event.sequence = sequence++;
        latestReadTimeNs = Math.max(latestReadTimeNs, event.timeNs);
        pending.add(event);
    }

    private long price(final long raw)
    {
        if (raw % priceDivisor != 0)
        {
            throw new IllegalStateException(file + ": price " + raw + "e-8 is finer than " + instrument.symbol() +
                "'s scale");
        }
        return raw / priceDivisor;
    }

    /** Recorded quantity (10^-8 units of base, or of contracts) to base units; price in the instrument's scale. */
    private long quantity(final long price, final long raw)
    {
        if (raw == 0)
        {
            return 0;
        }
        final long units;
        if (contractUsd == 0)
        {
            units = (raw + qtyDivisor / 2) / qtyDivisor;
        }
        else
        {
            // contracts * usd / price: raw is contracts x 10^8, price is USD x 10^-priceExponent.
            final double base = (double)raw / BinanceJsonLines.SCALE * contractUsd /
                instrument.priceToDouble(price);
            units = (long)Math.floor(base / Math.pow(10, instrument.qtyExponent()) + 0.5);
        }
        return Math.max(1, units);
    }

    private void deriveSteps(final Event snapshot)
    {
        long priceGcd = 0;
        long qtyGcd = 0;
        for (int i = 0; i < snapshot.bidCount + snapshot.askCount; i++)
        {
            priceGcd = gcd(priceGcd, snapshot.levels[2 * i]);
            qtyGcd = gcd(qtyGcd, snapshot.levels[2 * i + 1]);
        }
        tickSize = Math.max(1, priceGcd);
        if (contractUsd == 0)
        {
            lotSize = Math.max(1, qtyGcd);
        }
        else
        {
            final long bestBid = snapshot.levels[0];
            final long bestAsk = snapshot.levels[2 * snapshot.bidCount];
            final double contractBase = contractUsd / instrument.priceToDouble((bestBid + bestAsk) / 2);
            final long contractUnits = Math.max(1, instrument.qtyFromDouble(contractBase));
            long power = 1;
            while (power * 10 <= contractUnits)
            {
                power *= 10;
            }
            lotSize = power;
        }
    }

    private static long gcd(final long a, final long b)
    {
        long x = Math.abs(a);
        long y = Math.abs(b);
        while (y != 0)
        {
            final long t = x % y;
            x = y;
            y = t;
        }
        return x;
    }

    private static long pow10(final int exponent)
    {
        long value = 1;
        for (int i = 0; i < exponent; i++)
        {
            value *= 10;
        }
        return value;
    }
}
