package io.slipway.sim.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Builds small recordings in the Binance line format ({@code <local ns> <combined-stream JSON>})
 * for tests. Local time equals exchange time here, so exchange-time order is line order unless
 * a test says otherwise.
 */
final class RecordingWriter
{
    private final List<String> lines = new ArrayList<>();
    private final String symbol;
    private final boolean perpetual;
    private long lastUpdateId;

    RecordingWriter(final String symbol, final boolean perpetual)
    {
        this.symbol = symbol;
        this.perpetual = perpetual;
    }

    static String levels(final String... priceQty)
    {
        final StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < priceQty.length; i += 2)
        {
            if (i > 0)
            {
                out.append(',');
            }
            out.append("[\"").append(priceQty[i]).append("\",\"").append(priceQty[i + 1]).append("\"]");
        }
        return out.append(']').toString();
    }

    /** A REST snapshot line; spot snapshots carry no exchange time. */
    RecordingWriter snapshot(final long ms, final long updateId, final String bids, final String asks)
    {
        lastUpdateId = updateId;
        lines.add(ms * 1_000_000L + " {\"lastUpdateId\":" + updateId + (perpetual ? ",\"E\":" + ms + ",\"T\":" + ms :
            "") + ",\"bids\":" + bids + ",\"asks\":" + asks + "}");
        return this;
    }

    /** A diff covering update ids first..last, chained after the previous one. */
    RecordingWriter diff(final long ms, final long first, final long last, final String bids, final String asks)
    {
        final String ids = perpetual ? "\"U\":" + first + ",\"u\":" + last + ",\"pu\":" + lastUpdateId :
            "\"U\":" + first + ",\"u\":" + last;
        lastUpdateId = last;
        lines.add(ms * 1_000_000L + " {\"stream\":\"" + symbol + "@depth\",\"data\":{\"e\":\"depthUpdate\",\"E\":" +
            ms + (perpetual ? ",\"T\":" + ms : "") + ",\"s\":\"X\"," + ids + ",\"b\":" + bids + ",\"a\":" + asks +
            "}}");
        return this;
    }

    /** A trade at exchange time ms, read at local time localMs. */
    RecordingWriter trade(final long localMs, final long ms, final long id, final String price, final String qty,
        final boolean buyerMaker)
    {
        lines.add(localMs * 1_000_000L + " {\"stream\":\"" + symbol + "@trade\",\"data\":{\"e\":\"trade\",\"E\":" +
            ms + ",\"T\":" + ms + ",\"s\":\"X\",\"t\":" + id + ",\"p\":\"" + price + "\",\"q\":\"" + qty + "\"" +
            (perpetual ? ",\"X\":\"MARKET\"" : "") + ",\"m\":" + buyerMaker + "}}");
        return this;
    }

    RecordingWriter line(final String line)
    {
        lines.add(line);
        return this;
    }

    Path write(final Path file)
    {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file)))
        {
            for (final String line : lines)
            {
                out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return file;
    }
}
