package io.slipway.sim.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Measures {@link MarketProfile}s from the recorded Binance streams and writes the calibration
 * resource the simulator runs on.
 *
 * <p>Book rebuild (data README): buffer diffs, apply the REST snapshot, drop diffs with
 * {@code u <= lastUpdateId}, then apply in order; spot chains by {@code U == previous u + 1},
 * perpetuals by {@code pu == previous u}. A broken chain or a crossed book is an error.
 *
 * <p>Everything runs on exchange time ({@code E}, {@code T}). Spread and depth are sampled on a
 * 100 ms grid of exchange time from the first diff applied after the snapshot to the last event,
 * so they are time averages. Trades are counted in the same window; USD-M and COIN-M trades
 * other than {@code X = MARKET} (liquidations, ADL) are left out. Consecutive trades with the
 * same transaction time and aggressor side are merged into one taker order, because the trade
 * stream has one message per maker matched and the simulator's takers are orders.
 *
 * <p>Usage: {@code CalibrationTool <data dir> [output file]}; without an output file the text
 * goes to standard output.
 */
public final class CalibrationTool
{
    /** Market name, file stem, USD per contract (0 for linear). */
    static final String[][] MARKETS = {
        {"spot_btcusdt", "spot_btcusdt_20240808", "0"},
        {"usdm_btcusdt", "usdm_btcusdt_20240808", "0"},
        {"cm_btcusd_perp", "cm_btcusd_perp_20240808", "100"},
        {"spot_ethusdt", "spot_ethusdt_20240808", "0"},
        {"usdm_ethusdt", "usdm_ethusdt_20240808", "0"},
        {"cm_ethusd_perp", "cm_ethusd_perp_20240808", "10"},
    };

    private static final long SCALE = BinanceJsonLines.SCALE;
    private static final long GRID_MS = 100;

    private CalibrationTool()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length < 1)
        {
            System.err.println("usage: CalibrationTool <binance data dir> [output file]");
            System.exit(2);
        }
        final String text = measureAll(Paths.get(args[0])).format();
        if (args.length > 1)
        {
            Files.writeString(Paths.get(args[1]), text, StandardCharsets.UTF_8);
        }
        else
        {
            System.out.print(text);
        }
    }

    public static Calibration measureAll(final Path dataDir) throws IOException
    {
        final List<MarketProfile> profiles = new ArrayList<>();
        for (final String[] market : MARKETS)
        {
            profiles.add(measure(dataDir.resolve(market[1] + ".gz"), market[0], Double.parseDouble(market[2])));
        }
        return new Calibration(profiles);
    }

    public static MarketProfile measure(final Path file, final String market, final double contractUsd)
        throws IOException
    {
        final Measurement m = new Measurement(market, contractUsd);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                m.onLine(line);
            }
        }
        return m.result();
    }

    /** Decimal text to a long in units of 10^-8; see {@link BinanceJsonLines#parseScaled}. */
    static long parseScaled(final String s, final int from, final int to)
    {
        return BinanceJsonLines.parseScaled(s, from, to);
    }

    private static final class Measurement
    {
        final String market;
        final double contractUsd;
        final TreeMap<Long, Long> bids = new TreeMap<>();
        final TreeMap<Long, Long> asks = new TreeMap<>();
        final List<String> buffered = new ArrayList<>();
        boolean snapshotSeen;
        boolean synced;
        long snapshotUpdateId;
        long lastU = -1;
        long priceGcd;
        long qtyGcd;
        long startMs = -1;
        long lastEventMs = -1;
        long nextSampleMs;
        // Samples.
        double[] spreads = new double[8192];
        int sampleCount;
        final double[] bidDepth = new double[MarketProfile.DEPTH_BUCKETS];
        final double[] askDepth = new double[MarketProfile.DEPTH_BUCKETS];
        double lastMid;
        // Trades, in file order; filtered to the window at the end.
        final List<long[]> trades = new ArrayList<>();

        Measurement(final String market, final double contractUsd)
        {
            this.market = market;
            this.contractUsd = contractUsd;
        }

        void onLine(final String line)
        {
            final int json = line.indexOf(' ') + 1;
            if (line.startsWith("{\"lastUpdateId\"", json))
            {
                onSnapshot(line);
            }
            else if (line.indexOf("\"e\":\"depthUpdate\"", json) > 0)
            {
                if (!snapshotSeen)
                {
                    buffered.add(line);
                }
                else
                {
                    onDiff(line);
                }
            }
            else if (line.indexOf("\"e\":\"trade\"", json) > 0)
            {
                onTrade(line);
            }
        }

        void onSnapshot(final String line)
        {
            if (snapshotSeen)
            {
                throw new IllegalStateException(market + ": second snapshot");
            }
            snapshotSeen = true;
            snapshotUpdateId = longField(line, "\"lastUpdateId\":");
            levels(line, "\"bids\":", bids, true);
            levels(line, "\"asks\":", asks, true);
            for (final String diff : buffered)
            {
                onDiff(diff);
            }
            buffered.clear();
        }

        void onDiff(final String line)
        {
            final long u = longField(line, "\"u\":");
            if (u <= snapshotUpdateId)
            {
                return;
            }
            final long eventMs = longField(line, "\"E\":");
            if (synced)
            {
                final boolean perp = line.contains("\"pu\":");
                final long expected = perp ? longField(line, "\"pu\":") : longField(line, "\"U\":") - 1;
                if (expected != lastU)
                {
                    throw new IllegalStateException(market + ": depth chain broken at u=" + u);
                }
                sampleUntil(eventMs);
            }
            else
            {
                synced = true;
                startMs = eventMs;
                nextSampleMs = eventMs;
            }
            lastU = u;
            levels(line, "\"b\":", bids, false);
            levels(line, "\"a\":", asks, false);
            if (!bids.isEmpty() && !asks.isEmpty() && bids.lastKey() >= asks.firstKey())
            {
                throw new IllegalStateException(market + ": crossed book at u=" + u);
            }
            lastEventMs = Math.max(lastEventMs, eventMs);
        }

        void onTrade(final String line)
        {
            final int x = line.indexOf("\"X\":\"");
            if (x > 0 && !line.startsWith("MARKET\"", x + 5))
            {
                return;
            }
            final long time = longField(line, "\"T\":");
            final long price = decimalField(line, "\"p\":\"");
            final long qty = decimalField(line, "\"q\":\"");
            final boolean buyerMaker = line.indexOf("\"m\":true") > 0;
            trades.add(new long[]{time, price, qty, buyerMaker ? 1 : 0});
        }

        void sampleUntil(final long eventMs)
        {
            while (nextSampleMs < eventMs)
            {
                sample();
                nextSampleMs += GRID_MS;
            }
        }

        void sample()
        {
            final double bid = bids.lastKey() / (double)SCALE;
            final double ask = asks.firstKey() / (double)SCALE;
            final double mid = 0.5 * (bid + ask);
            lastMid = mid;
            if (sampleCount == spreads.length)
            {
                spreads = Arrays.copyOf(spreads, sampleCount * 2);
            }
            spreads[sampleCount++] = (ask - bid) / mid * 1e4;
            accumulate(bids.descendingMap(), mid, bidDepth);
            accumulate(asks, mid, askDepth);
        }

        void accumulate(final Map<Long, Long> side, final double mid, final double[] depth)
        {
            final double[] edges = MarketProfile.DEPTH_BUCKET_EDGES_BPS;
            final double maxBps = edges[edges.length - 1];
            int bucket = 0;
            for (final Map.Entry<Long, Long> level : side.entrySet())
            {
                final double price = level.getKey() / (double)SCALE;
                final double distance = Math.abs(price - mid) / mid * 1e4;
                if (distance >= maxBps)
                {
                    break;
                }
                while (distance >= edges[bucket + 1])
                {
                    bucket++;
                }
                depth[bucket] += usd(price, level.getValue() / (double)SCALE);
            }
        }

        double usd(final double price, final double qty)
        {
            return contractUsd > 0 ? qty * contractUsd : price * qty;
        }

        double base(final double price, final double qty)
        {
            return contractUsd > 0 ? qty * contractUsd / price : qty;
        }

        void levels(final String line, final String key, final TreeMap<Long, Long> book, final boolean snapshot)
        {
            BinanceJsonLines.forEachLevel(line, key, (price, qty) ->
            {
                if (qty == 0)
                {
                    book.remove(price);
                }
                else
                {
                    book.put(price, qty);
                }
                if (snapshot)
                {
                    priceGcd = gcd(priceGcd, price);
                    qtyGcd = gcd(qtyGcd, qty);
                }
            });
        }

        MarketProfile result()
        {
            if (!synced || sampleCount == 0)
            {
                throw new IllegalStateException(market + ": book never synchronised");
            }
            sampleUntil(lastEventMs);
            final double duration = (lastEventMs - startMs) / 1000.0;
            final double[] sorted = Arrays.copyOf(spreads, sampleCount);
            Arrays.sort(sorted);
            double spreadSum = 0;
            for (final double s : sorted)
            {
                spreadSum += s;
            }
            final double[] bidMean = new double[bidDepth.length];
            final double[] askMean = new double[askDepth.length];
            for (int b = 0; b < bidMean.length; b++)
            {
                bidMean[b] = bidDepth[b] / sampleCount;
                askMean[b] = askDepth[b] / sampleCount;
            }

            int tradeCount = 0;
            double notional = 0;
            final List<Double> orderSizes = new ArrayList<>();
            int buys = 0;
            long orderTime = Long.MIN_VALUE;
            long orderSide = -1;
            double orderSize = 0;
            for (final long[] t : trades)
            {
                if (t[0] < startMs || t[0] > lastEventMs)
                {
                    continue;
                }
                final double price = t[1] / (double)SCALE;
                final double qty = t[2] / (double)SCALE;
                tradeCount++;
                notional += usd(price, qty);
                if (t[0] != orderTime || t[3] != orderSide)
                {
                    if (orderSide >= 0)
                    {
                        orderSizes.add(orderSize);
                    }
                    orderTime = t[0];
                    orderSide = t[3];
                    orderSize = 0;
                    if (t[3] == 0)
                    {
                        buys++;
                    }
                }
                orderSize += base(price, qty);
            }
            if (orderSide >= 0)
            {
                orderSizes.add(orderSize);
            }
            final double[] sizes = orderSizes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            final double[] quantiles = new double[MarketProfile.SIZE_QUANTILE_PROBABILITIES.length];
            for (int i = 0; i < quantiles.length; i++)
            {
                quantiles[i] = quantile(sizes, MarketProfile.SIZE_QUANTILE_PROBABILITIES[i]);
            }

            final double tick = priceGcd / (double)SCALE;
            final double lot = contractUsd > 0 ? contractUsd / lastMid * (qtyGcd / (double)SCALE) :
                qtyGcd / (double)SCALE;
            return new MarketProfile(
                market, tick, lot, contractUsd, duration, lastMid,
                quantile(sorted, 0.5), quantile(sorted, 0.95), spreadSum / sorted.length,
                bidMean, askMean,
                tradeCount / duration, sizes.length / duration, notional / duration * 3600.0,
                buys / (double)sizes.length, quantiles);
        }

        static double quantile(final double[] sorted, final double p)
        {
            // Nearest rank: a value that was actually observed.
            final int index = (int)Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
            return sorted[index];
        }

        static long gcd(final long a, final long b)
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

        static long longField(final String line, final String key)
        {
            return BinanceJsonLines.longField(line, key);
        }

        static long decimalField(final String line, final String key)
        {
            return BinanceJsonLines.decimalField(line, key);
        }
    }
}
