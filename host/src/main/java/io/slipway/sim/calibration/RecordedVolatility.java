package io.slipway.sim.calibration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * One-second volatility of the mid in a recorded Binance file, from its {@code bookTicker}
 * stream (best bid and ask on every change). The mid is sampled on a one-second grid of the
 * recorder's receive time (the first field of every line, ns since the epoch; spot book tickers
 * carry no exchange time) as the last value before each grid point, and the result is the
 * standard deviation of the one-second log changes, in bps.
 */
public final class RecordedVolatility
{
    private static final long GRID_NS = 1_000_000_000L;

    private RecordedVolatility()
    {
    }

    /** NaN when the file is missing or holds fewer than three grid points. */
    public static double oneSecondVolBps(final Path file)
    {
        if (file == null || !Files.isReadable(file))
        {
            return Double.NaN;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16))
        {
            final OneSecondReturns returns = new OneSecondReturns();
            long nextGridNs = Long.MIN_VALUE;
            double mid = Double.NaN;
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (!line.contains("@bookTicker"))
                {
                    continue;
                }
                final int space = line.indexOf(' ');
                final long receivedNs = Long.parseLong(line, 0, space, 10);
                if (nextGridNs == Long.MIN_VALUE)
                {
                    nextGridNs = (receivedNs / GRID_NS + 1) * GRID_NS;
                }
                while (receivedNs >= nextGridNs)
                {
                    if (!Double.isNaN(mid))
                    {
                        returns.onMid(mid);
                    }
                    nextGridNs += GRID_NS;
                }
                final double bid = Double.parseDouble(stringField(line, "\"b\":\""));
                final double ask = Double.parseDouble(stringField(line, "\"a\":\""));
                if (bid > 0 && ask > bid)
                {
                    mid = 0.5 * (bid + ask);
                }
            }
            return returns.volatilityBps();
        }
        catch (final IOException ex)
        {
            return Double.NaN;
        }
    }

    private static String stringField(final String line, final String key)
    {
        final int start = line.indexOf(key) + key.length();
        return line.substring(start, line.indexOf('"', start));
    }

    /** Running standard deviation (Welford) of log changes between successive mids. */
    static final class OneSecondReturns
    {
        private double previous = Double.NaN;
        private long count;
        private double mean;
        private double m2;

        void onMid(final double mid)
        {
            if (!Double.isNaN(previous))
            {
                final double r = Math.log(mid / previous) * 1e4;
                count++;
                final double delta = r - mean;
                mean += delta / count;
                m2 += delta * (r - mean);
            }
            previous = mid;
        }

        double volatilityBps()
        {
            return count < 2 ? Double.NaN : Math.sqrt(m2 / (count - 1));
        }
    }
}
