package io.slipway.card;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static io.slipway.card.NicLayout.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real recorded Binance spot events (bookTicker, depth diffs, trades), transcoded from their JSON
 * to the SBE the venue publishes (exponent -8 mantissas), decoded by the reference card and
 * compared field by field with the JSON numbers rescaled independently with BigDecimal.
 */
final class RecordedSpotStreamTest
{
    private static final int VENUE = 1;
    private static final int BTC = ReferenceCard.Context.INSTRUMENT_BTC_USD;
    private static final int CHANNEL = channel(VENUE, BTC);
    private static final int WIRE_EXPONENT = -8;
    private static final int EVENTS_PER_STREAM = 300;

    private static final Pattern LINE = Pattern.compile("^(\\d+) (\\{.*})$");
    private static final Pattern LEVEL = Pattern.compile("\\[\"([0-9.]+)\",\"([0-9.]+)\"]");

    private final ReferenceCard card = new ReferenceCard();
    private final SbeTestEncoder encoder = new SbeTestEncoder();
    private final List<long[]> expected = new ArrayList<>();
    private final List<long[]> decoded = new ArrayList<>();
    private long previousLastUpdateId = -1;
    private int bookTickers;
    private int depthDiffs;
    private int trades;
    private int tooLargeForOneSlot;

    @Test
    void recordedEventsDecodeToTheirJsonNumbers() throws IOException
    {
        final Path file = sharedDir().resolve("data/binance/spot_btcusdt_20240808.gz");
        assertTrue(Files.isRegularFile(file), "recorded data missing: " + file);

        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII)))
        {
            String line;
            while (null != (line = reader.readLine()) &&
                (bookTickers < EVENTS_PER_STREAM || depthDiffs < EVENTS_PER_STREAM || trades < EVENTS_PER_STREAM))
            {
                final Matcher matcher = LINE.matcher(line);
                if (!matcher.matches())
                {
                    continue;
                }
                final long recordedNs = Long.parseLong(matcher.group(1));
                final String json = matcher.group(2);
                if (json.contains("\"stream\":\"btcusdt@bookTicker\""))
                {
                    bookTicker(recordedNs, json);
                }
                else if (json.contains("\"stream\":\"btcusdt@depth@100ms\""))
                {
                    depthDiff(json);
                }
                else if (json.contains("\"stream\":\"btcusdt@trade\""))
                {
                    trade(json);
                }
            }
        }

        assertTrue(bookTickers >= EVENTS_PER_STREAM && depthDiffs >= EVENTS_PER_STREAM && trades >= EVENTS_PER_STREAM,
            "recording too short: " + bookTickers + " bookTicker, " + depthDiffs + " depth, " + trades + " trade");
        assertEquals(0, card.decodeErrors(), card.lastDecodeOutcome());
        assertEquals(expected.size(), decoded.size());
        for (int i = 0; i < expected.size(); i++)
        {
            assertArrayEquals(expected.get(i), decoded.get(i), "record " + i);
        }
        assertEquals(expected.size(), card.readRegister(COUNTERS_BASE + CNT_MD_RECORDS));
        assertTrue(tooLargeForOneSlot < depthDiffs, "most diffs fit one ingress slot");
    }

    private void bookTicker(final long recordedNs, final String json)
    {
        // The bookTicker stream carries no event time; the recording timestamp stands in for it.
        final long eventTimeUs = recordedNs / 1000;
        final long updateId = Long.parseLong(field(json, "u"));
        final String bid = stringField(json, "b");
        final String bidQty = stringField(json, "B");
        final String ask = stringField(json, "a");
        final String askQty = stringField(json, "A");

        final UnsafeBuffer message = encoder.bestBidAsk(eventTimeUs, updateId, WIRE_EXPONENT, WIRE_EXPONENT,
            wire(bid), wire(bidQty), wire(ask), wire(askQty), "BTCUSDT");
        expected.add(new long[] {MD_TYPE_BBO, 0, updateId, price(bid), qty(bidQty), price(ask), qty(askQty), eventTimeUs});
        offerAndDrain(message);
        bookTickers++;

        assertEquals(price(bid), card.bestBid(VENUE, BTC));
        assertEquals(price(ask), card.bestAsk(VENUE, BTC));
    }

    private void depthDiff(final String json)
    {
        final long eventTimeUs = Long.parseLong(field(json, "E")) * 1000;
        final long first = Long.parseLong(field(json, "U"));
        final long last = Long.parseLong(field(json, "u"));
        final long[][] bids = levels(json.substring(json.indexOf("\"b\":["), json.indexOf("\"a\":[")));
        final long[][] asks = levels(json.substring(json.indexOf("\"a\":[")));

        final UnsafeBuffer message = encoder.depthDiff(
            eventTimeUs, first, last, WIRE_EXPONENT, WIRE_EXPONENT, bids, asks, "BTCUSDT");
        if (message.capacity() > INGRESS_MAX_PAYLOAD)
        {
            tooLargeForOneSlot++;
            assertTrue(!card.offerIngress(CHANNEL, message, 0, message.capacity()));
            return;
        }

        if (previousLastUpdateId >= 0 && first != previousLastUpdateId + 1)
        {
            expected.add(new long[] {MD_TYPE_FEED_STATUS, MD_FLAG_GAP, first, 0, 0, 0, 0, eventTimeUs});
        }
        previousLastUpdateId = last;
        addLevels(bids, MD_FLAG_BID, last, eventTimeUs);
        addLevels(asks, 0, last, eventTimeUs);
        offerAndDrain(message);
        depthDiffs++;
    }

    private void trade(final String json)
    {
        final long eventTimeUs = Long.parseLong(field(json, "E")) * 1000;
        final long transactTimeUs = Long.parseLong(field(json, "T")) * 1000;
        final long id = Long.parseLong(field(json, "t"));
        final String price = stringField(json, "p");
        final String qty = stringField(json, "q");
        final boolean buyerMaker = Boolean.parseBoolean(field(json, "m"));

        final UnsafeBuffer message = encoder.trades(eventTimeUs, transactTimeUs, WIRE_EXPONENT, WIRE_EXPONENT,
            new long[][] {{id, wire(price), wire(qty), buyerMaker ? 1 : 0}}, "BTCUSDT");
        expected.add(new long[] {MD_TYPE_TRADE, buyerMaker ? MD_FLAG_BUYER_MAKER : 0, id, price(price), qty(qty), 0, 0,
            eventTimeUs});
        offerAndDrain(message);
        trades++;
    }

    private void addLevels(final long[][] wireLevels, final int flags, final long sequence, final long eventTimeUs)
    {
        for (final long[] level : wireLevels)
        {
            expected.add(new long[] {MD_TYPE_BOOK_LEVEL, flags, sequence,
                BigDecimal.valueOf(level[0], 8).movePointRight(2).longValueExact(),
                BigDecimal.valueOf(level[1], 8).movePointRight(6).longValueExact(), 0, 0, eventTimeUs});
        }
    }

    private void offerAndDrain(final UnsafeBuffer message)
    {
        assertTrue(card.offerIngress(CHANNEL, message, 0, message.capacity()));
        card.process();
        card.pollMarketData((buffer, offset, length) ->
        {
            final MarketDataRecord record = new MarketDataRecord().wrap(buffer, offset);
            assertEquals(CHANNEL, record.channel());
            assertEquals(BTC, record.instrument());
            assertEquals(VENUE, record.venue());
            decoded.add(new long[] {record.type(), record.flags(), record.sequence(), record.price0(), record.qty0(),
                record.price1(), record.qty1(), record.eventTimeUs()});
        }, Integer.MAX_VALUE);
    }

    private static long[][] levels(final String json)
    {
        final String array = json.substring(json.indexOf('[') + 1, closingBracket(json, json.indexOf('[')));
        final Matcher matcher = LEVEL.matcher(array);
        final List<long[]> levels = new ArrayList<>();
        while (matcher.find())
        {
            levels.add(new long[] {wire(matcher.group(1)), wire(matcher.group(2))});
        }
        return levels.toArray(new long[0][]);
    }

    private static int closingBracket(final String text, final int open)
    {
        int depth = 0;
        for (int i = open; i < text.length(); i++)
        {
            if ('[' == text.charAt(i))
            {
                depth++;
            }
            else if (']' == text.charAt(i) && 0 == --depth)
            {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced: " + text);
    }

    private static long wire(final String decimal)
    {
        return new BigDecimal(decimal).movePointRight(-WIRE_EXPONENT).longValueExact();
    }

    private static long price(final String decimal)
    {
        return new BigDecimal(decimal).movePointRight(2).longValueExact();
    }

    private static long qty(final String decimal)
    {
        return new BigDecimal(decimal).movePointRight(6).longValueExact();
    }

    private static String field(final String json, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\":\"?([^,\"}]+)").matcher(json);
        if (!matcher.find())
        {
            throw new IllegalStateException("no field " + name + " in " + json);
        }
        return matcher.group(1);
    }

    private static String stringField(final String json, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!matcher.find())
        {
            throw new IllegalStateException("no string field " + name + " in " + json);
        }
        return matcher.group(1);
    }

    static Path sharedDir()
    {
        final String shared = System.getProperty("slipway.shared.dir");
        return Path.of(null == shared ? "../../shared" : shared);
    }
}
