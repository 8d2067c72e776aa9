package io.slipway.sim.market;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of {@link MarketProfile}s and their text form: {@code market.key=value} lines, sorted,
 * with numbers rounded to six significant digits, so the file is stable and diffable and a
 * re-derivation from the same data gives the same bytes.
 */
public final class Calibration
{
    /** Committed calibration measured on the 2024-08-08 Binance recordings. */
    public static final String DEFAULT_RESOURCE = "/calibration/binance-20240808.properties";

    private final Map<String, MarketProfile> markets;

    public Calibration(final List<MarketProfile> profiles)
    {
        final Map<String, MarketProfile> map = new LinkedHashMap<>();
        for (final MarketProfile profile : profiles)
        {
            map.put(profile.market(), profile);
        }
        this.markets = Collections.unmodifiableMap(map);
    }

    public static Calibration loadDefault()
    {
        try (InputStream in = Calibration.class.getResourceAsStream(DEFAULT_RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException("calibration resource missing: " + DEFAULT_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public Map<String, MarketProfile> markets()
    {
        return markets;
    }

    public MarketProfile market(final String name)
    {
        final MarketProfile profile = markets.get(name);
        if (profile == null)
        {
            throw new IllegalArgumentException("no calibration for market '" + name + "', have " + markets.keySet());
        }
        return profile;
    }

    /** Six significant digits, plain notation: stable text for a stable derivation. */
    static String number(final double value)
    {
        if (value == 0)
        {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    public String format()
    {
        final TreeMap<String, String> lines = new TreeMap<>();
        for (final MarketProfile p : markets.values())
        {
            final String m = p.market() + ".";
            lines.put(m + "tick_size", number(p.tickSize()));
            lines.put(m + "lot_size", number(p.lotSize()));
            lines.put(m + "contract_usd", number(p.contractUsd()));
            lines.put(m + "duration_s", number(p.durationSeconds()));
            lines.put(m + "last_mid", number(p.lastMid()));
            lines.put(m + "spread_bps.median", number(p.spreadMedianBps()));
            lines.put(m + "spread_bps.p95", number(p.spreadP95Bps()));
            lines.put(m + "spread_bps.mean", number(p.spreadMeanBps()));
            for (int b = 0; b < MarketProfile.DEPTH_BUCKETS; b++)
            {
                final String bucket = bucketName(b);
                lines.put(m + "depth_usd.bid." + bucket, number(p.bidDepthUsd(b)));
                lines.put(m + "depth_usd.ask." + bucket, number(p.askDepthUsd(b)));
            }
            lines.put(m + "trades_per_s", number(p.tradesPerSecond()));
            lines.put(m + "taker_orders_per_s", number(p.takerOrdersPerSecond()));
            lines.put(m + "notional_usd_per_h", number(p.notionalUsdPerHour()));
            lines.put(m + "buy_fraction", number(p.buyFraction()));
            for (int i = 0; i < MarketProfile.SIZE_QUANTILE_PROBABILITIES.length; i++)
            {
                lines.put(m + "taker_size." + quantileName(i), number(p.takerSizeQuantile(i)));
            }
        }
        final StringBuilder out = new StringBuilder();
        out.append("# Binance 2024-08-08 recordings (shared/data/binance/*_20240808.gz), measured by\n");
        out.append("# io.slipway.sim.market.CalibrationTool. Money in USD, quantities in base units.\n");
        out.append("# depth_usd.<side>.<from>_<to>bps: mean resting USD per side in that distance from mid.\n");
        out.append("# taker_size.qNNNN: taker order size quantile (trades with one transaction time merged).\n");
        for (final Map.Entry<String, String> e : lines.entrySet())
        {
            out.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return out.toString();
    }

    static String bucketName(final int bucket)
    {
        return number(MarketProfile.DEPTH_BUCKET_EDGES_BPS[bucket]) + "_" +
            number(MarketProfile.DEPTH_BUCKET_EDGES_BPS[bucket + 1]) + "bps";
    }

    static String quantileName(final int i)
    {
        return String.format(Locale.ROOT, "q%04d",
            Math.round(MarketProfile.SIZE_QUANTILE_PROBABILITIES[i] * 1000));
    }

    public static Calibration parse(final String text)
    {
        final Map<String, Map<String, Double>> byMarket = new TreeMap<>();
        int lineNumber = 0;
        for (final String raw : text.split("\n"))
        {
            lineNumber++;
            final String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final int eq = line.indexOf('=');
            final int dot = line.indexOf('.');
            if (eq < 0 || dot < 0 || dot > eq)
            {
                throw new IllegalArgumentException(
                    "calibration line " + lineNumber + " is not market.key=value: " + line);
            }
            final double value;
            try
            {
                value = Double.parseDouble(line.substring(eq + 1).trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("calibration line " + lineNumber + " has a bad number: " + line);
            }
            byMarket.computeIfAbsent(line.substring(0, dot), k -> new TreeMap<>())
                .put(line.substring(dot + 1, eq).trim(), value);
        }
        final List<MarketProfile> profiles = new ArrayList<>();
        for (final Map.Entry<String, Map<String, Double>> e : byMarket.entrySet())
        {
            profiles.add(profile(e.getKey(), e.getValue()));
        }
        return new Calibration(profiles);
    }

    private static MarketProfile profile(final String market, final Map<String, Double> v)
    {
        final double[] bids = new double[MarketProfile.DEPTH_BUCKETS];
        final double[] asks = new double[MarketProfile.DEPTH_BUCKETS];
        for (int b = 0; b < bids.length; b++)
        {
            bids[b] = require(market, v, "depth_usd.bid." + bucketName(b));
            asks[b] = require(market, v, "depth_usd.ask." + bucketName(b));
        }
        final double[] sizes = new double[MarketProfile.SIZE_QUANTILE_PROBABILITIES.length];
        for (int i = 0; i < sizes.length; i++)
        {
            sizes[i] = require(market, v, "taker_size." + quantileName(i));
        }
        return new MarketProfile(
            market,
            require(market, v, "tick_size"),
            require(market, v, "lot_size"),
            require(market, v, "contract_usd"),
            require(market, v, "duration_s"),
            require(market, v, "last_mid"),
            require(market, v, "spread_bps.median"),
            require(market, v, "spread_bps.p95"),
            require(market, v, "spread_bps.mean"),
            bids,
            asks,
            require(market, v, "trades_per_s"),
            require(market, v, "taker_orders_per_s"),
            require(market, v, "notional_usd_per_h"),
            require(market, v, "buy_fraction"),
            sizes);
    }

    private static double require(final String market, final Map<String, Double> values, final String key)
    {
        final Double value = values.get(key);
        if (value == null)
        {
            throw new IllegalArgumentException("calibration of " + market + " lacks key " + key);
        }
        return value;
    }
}
