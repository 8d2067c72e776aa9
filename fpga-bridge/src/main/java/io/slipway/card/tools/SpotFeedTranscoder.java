package io.slipway.card.tools;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Transcodes the recorded Binance spot streams ({@code ../shared/data/binance/spot_*.gz}: one
 * {@code <receive ns> <combined-stream JSON>} a line) into the SBE messages Binance publishes for
 * the same events, and optionally into the UDP frames a multicast feed would carry them in.
 * Same input and settings, same bytes: nothing depends on the clock, locale or hash order.
 *
 * <ul>
 *   <li>{@code bookTicker} -> BestBidAsk (10001); the stream has no event time, so the recording
 *       time (ns / 1000) stands in for it.</li>
 *   <li>{@code depth@100ms} -> DepthDiff (10003), event time {@code E} in microseconds. A diff longer
 *       than the message limit is split into parts that chain: part j of k covers update ids
 *       {@code [U + j(u-U+1)/k, U + (j+1)(u-U+1)/k - 1]}, so a decoder sees no gap (when a diff has
 *       fewer ids than parts, the parts repeat ids and a decoder reports the gap it then is).</li>
 *   <li>The REST depth snapshot ({@code lastUpdateId}) -> one DepthSnapshot (10002) of the best
 *       levels of each side that fit the limit, in equal numbers (the rest of the 1000 levels are not
 *       sent; a book of N levels a side needs only the top N).</li>
 *   <li>{@code trade} -> Trades (10000) with one trade, event time {@code E}, transact time {@code T}.</li>
 * </ul>
 * Prices and quantities are mantissas at exponent -8, as the venue sends them.
 *
 * <p>Command line: {@code SpotFeedTranscoder <recording.gz> <stream symbol, e.g. btcusdt> <channel>
 * <out file> [--wire] [--max-events N]} writes {@code [u16 little-endian length][bytes]} records (SBE
 * messages, or UDP frames with {@code --wire}) and prints the counts and the SHA-256 of the file.
 */
public final class SpotFeedTranscoder
{
    /** Exponent of every mantissa the transcoder writes, as the venue sends them. */
    public static final int EXPONENT = -8;
    /** Default multicast group of channel c: 239.77.0.c; UDP port 30000 + c. */
    public static final int GROUP_BASE = 0xEF4D0000;
    public static final int PORT_BASE = 30000;

    /** Receives each message or frame in order. */
    @FunctionalInterface
    public interface Sink
    {
        void onBytes(int channel, DirectBuffer buffer, int offset, int length);
    }

    private final String stream;
    private final int channel;
    private final int maxMessageLength;
    private final SpotSbeEncoder encoder;
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[1 << 16]);
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[1 << 16]);
    private final UdpFrameEncoder udp;
    private int bookTickers;
    private int depthDiffs;
    private int depthMessages;
    private int snapshots;
    private int trades;

    /**
     * @param stream           the lower-case stream symbol in the recording, e.g. {@code btcusdt}.
     * @param channel          the feed channel every message is for.
     * @param maxMessageLength the longest message to produce (496 for a lookaside slot, 1472 for UDP).
     * @param udp              frames the messages when not null.
     */
    public SpotFeedTranscoder(final String stream, final int channel, final int maxMessageLength, final UdpFrameEncoder udp)
    {
        this.stream = stream;
        this.channel = channel;
        this.encoder = new SpotSbeEncoder(stream.toUpperCase(java.util.Locale.ROOT));
        this.maxMessageLength = maxMessageLength;
        this.udp = udp;
        if (encoder.depthLength(true, 2) > maxMessageLength)
        {
            throw new IllegalArgumentException("maxMessageLength too small for one level a side: " + maxMessageLength);
        }
    }

    /** Multicast group of a channel in the default plan. */
    public static int group(final int channel)
    {
        return GROUP_BASE | channel;
    }

    public static int port(final int channel)
    {
        return PORT_BASE + channel;
    }

    /**
     * Transcodes up to {@code maxEvents} events of this transcoder's stream from the recording.
     *
     * @return the number of events transcoded.
     */
    public int transcode(final Path recording, final int maxEvents, final Sink sink) throws IOException
    {
        final String bookTicker = "\"stream\":\"" + stream + "@bookTicker\"";
        final String depth = "\"stream\":\"" + stream + "@depth@100ms\"";
        final String trade = "\"stream\":\"" + stream + "@trade\"";
        int events = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(recording)), StandardCharsets.US_ASCII)))
        {
            String line;
            while (events < maxEvents && null != (line = reader.readLine()))
            {
                final int space = line.indexOf(' ');
                if (space < 0)
                {
                    continue;
                }
                final long recordedNs = Long.parseLong(line.substring(0, space));
                final String json = line.substring(space + 1);
                if (json.contains(bookTicker))
                {
                    bookTicker(recordedNs, json, sink);
                }
                else if (json.contains(depth))
                {
                    depthDiff(json, sink);
                }
                else if (json.contains(trade))
                {
                    trade(json, sink);
                }
                else if (json.startsWith("{\"lastUpdateId\"") && recording.getFileName().toString().contains(stream))
                {
                    snapshot(recordedNs, json, sink);
                }
                else
                {
                    continue;
                }
                events++;
            }
        }

        return events;
    }

    public int bookTickers()
    {
        return bookTickers;
    }

    public int depthDiffs()
    {
        return depthDiffs;
    }

    /** Depth-diff messages written: more than {@link #depthDiffs()} when diffs were split. */
    public int depthMessages()
    {
        return depthMessages;
    }

    public int snapshots()
    {
        return snapshots;
    }

    public int trades()
    {
        return trades;
    }

    private void bookTicker(final long recordedNs, final String json, final Sink sink)
    {
        final int length = encoder.bestBidAsk(message, 0, recordedNs / 1000, Long.parseLong(field(json, "u")),
            EXPONENT, EXPONENT, mantissa(stringField(json, "b")), mantissa(stringField(json, "B")),
            mantissa(stringField(json, "a")), mantissa(stringField(json, "A")));
        emit(length, sink);
        bookTickers++;
    }

    private void depthDiff(final String json, final Sink sink)
    {
        final long eventTimeUs = Long.parseLong(field(json, "E")) * 1000;
        final long first = Long.parseLong(field(json, "U"));
        final long last = Long.parseLong(field(json, "u"));
        final long[][] bids = levels(json, "\"b\":[");
        final long[][] asks = levels(json, "\"a\":[");

        final int perMessage = (maxMessageLength - encoder.depthLength(true, 0)) / SpotSbeEncoder.LEVEL_LENGTH;
        final int total = bids.length + asks.length;
        final int parts = Math.max(1, (total + perMessage - 1) / perMessage);
        final long ids = last - first + 1;
        int bid = 0;
        int ask = 0;
        for (int j = 0; j < parts; j++)
        {
            final int bidCount = Math.min(bids.length - bid, perMessage);
            final int askCount = Math.min(asks.length - ask, perMessage - bidCount);
            final long partFirst = ids >= parts ? first + j * ids / parts : first;
            final long partLast = ids >= parts ? first + (j + 1) * ids / parts - 1 : last;
            final int length = encoder.depth(message, 0, true, eventTimeUs, partFirst, partLast, EXPONENT, EXPONENT,
                bids, bid, bidCount, asks, ask, askCount);
            bid += bidCount;
            ask += askCount;
            emit(length, sink);
            depthMessages++;
        }
        depthDiffs++;
    }

    private void snapshot(final long recordedNs, final String json, final Sink sink)
    {
        final long lastUpdateId = Long.parseLong(field(json, "lastUpdateId"));
        final long[][] bids = levels(json, "\"bids\":[");
        final long[][] asks = levels(json, "\"asks\":[");
        final int perSide = (maxMessageLength - encoder.depthLength(false, 0)) / SpotSbeEncoder.LEVEL_LENGTH / 2;
        final int length = encoder.depth(message, 0, false, recordedNs / 1000, lastUpdateId, lastUpdateId,
            EXPONENT, EXPONENT, bids, 0, Math.min(perSide, bids.length), asks, 0, Math.min(perSide, asks.length));
        emit(length, sink);
        snapshots++;
    }

    private void trade(final String json, final Sink sink)
    {
        final long[][] one = {{Long.parseLong(field(json, "t")), mantissa(stringField(json, "p")),
            mantissa(stringField(json, "q")), Boolean.parseBoolean(field(json, "m")) ? 1 : 0}};
        final int length = encoder.trades(message, 0, Long.parseLong(field(json, "E")) * 1000,
            Long.parseLong(field(json, "T")) * 1000, EXPONENT, EXPONENT, one);
        emit(length, sink);
        trades++;
    }

    private void emit(final int length, final Sink sink)
    {
        if (null == udp)
        {
            sink.onBytes(channel, message, 0, length);
        }
        else
        {
            final int frameLength = udp.encode(frame, 0, group(channel), port(channel), message, 0, length);
            sink.onBytes(channel, frame, 0, frameLength);
        }
    }

    static long mantissa(final String decimal)
    {
        return new BigDecimal(decimal).movePointRight(-EXPONENT).longValueExact();
    }

    /** {@code [["price","qty"], ...]} after {@code key}, in order. */
    static long[][] levels(final String json, final String key)
    {
        final int start = json.indexOf(key);
        if (start < 0)
        {
            throw new IllegalArgumentException("no " + key + " in " + json);
        }
        final List<long[]> levels = new ArrayList<>();
        int p = start + key.length();
        while (p < json.length() && '[' == json.charAt(p))
        {
            final int priceStart = json.indexOf('"', p) + 1;
            final int priceEnd = json.indexOf('"', priceStart);
            final int qtyStart = json.indexOf('"', priceEnd + 1) + 1;
            final int qtyEnd = json.indexOf('"', qtyStart);
            levels.add(new long[] {mantissa(json.substring(priceStart, priceEnd)), mantissa(json.substring(qtyStart, qtyEnd))});
            p = json.indexOf(']', qtyEnd) + 1;
            if (p < json.length() && ',' == json.charAt(p))
            {
                p++;
            }
        }
        return levels.toArray(new long[0][]);
    }

    static String field(final String json, final String name)
    {
        final String key = "\"" + name + "\":";
        final int at = json.indexOf(key);
        if (at < 0)
        {
            throw new IllegalArgumentException("no field " + name + " in " + json);
        }
        int start = at + key.length();
        if ('"' == json.charAt(start))
        {
            start++;
        }
        int end = start;
        while (end < json.length() && ",}\"".indexOf(json.charAt(end)) < 0)
        {
            end++;
        }
        return json.substring(start, end);
    }

    static String stringField(final String json, final String name)
    {
        return field(json, name);
    }

    public static void main(final String[] args) throws IOException, NoSuchAlgorithmException
    {
        if (args.length < 4)
        {
            System.err.println("usage: SpotFeedTranscoder <recording.gz> <stream symbol> <channel> <out> " +
                "[--wire] [--max-events N]");
            System.exit(2);
        }
        boolean wire = false;
        int maxEvents = Integer.MAX_VALUE;
        for (int i = 4; i < args.length; i++)
        {
            if ("--wire".equals(args[i]))
            {
                wire = true;
            }
            else if ("--max-events".equals(args[i]) && i + 1 < args.length)
            {
                maxEvents = Integer.parseInt(args[++i]);
            }
            else
            {
                System.err.println("unknown option: " + args[i]);
                System.exit(2);
            }
        }
        final int channel = Integer.parseInt(args[2]);
        final SpotFeedTranscoder transcoder = new SpotFeedTranscoder(args[1], channel,
            wire ? io.slipway.card.NicLayout.WIRE_MAX_PAYLOAD : io.slipway.card.NicLayout.INGRESS_MAX_PAYLOAD,
            wire ? new UdpFrameEncoder(0x02_00_00_00_00_01L, UdpFrameEncoder.address("10.0.0.1"), 40000, -1) : null);
        final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        final byte[] copy = new byte[1 << 16];
        final int[] count = new int[1];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[3]))))
        {
            final int events = transcoder.transcode(Path.of(args[0]), maxEvents, (ch, buffer, offset, length) ->
            {
                copy[0] = (byte)length;
                copy[1] = (byte)(length >>> 8);
                buffer.getBytes(offset, copy, 2, length);
                sha.update(copy, 0, length + 2);
                try
                {
                    out.write(copy, 0, length + 2);
                }
                catch (final IOException ex)
                {
                    throw new java.io.UncheckedIOException(ex);
                }
                count[0]++;
            });
            System.out.printf("%d events -> %d %s (%d bookTicker, %d depth diffs in %d messages, %d snapshots, " +
                "%d trades)%nsha256 %s%n", events, count[0], wire ? "UDP frames" : "SBE messages",
                transcoder.bookTickers(), transcoder.depthDiffs(), transcoder.depthMessages(), transcoder.snapshots(),
                transcoder.trades(), HexFormat.of().formatHex(sha.digest()));
        }
    }
}
