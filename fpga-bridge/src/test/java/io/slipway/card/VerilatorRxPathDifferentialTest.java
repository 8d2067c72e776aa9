package io.slipway.card;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same SBE messages through the reference card and through the RTL (Verilator, JNA): the market
 * data records must be equal byte for byte, {@code MD_CARD_CYCLES} included (each input presented to
 * both on the same cycle by {@link WireBackends}).
 *
 * <p>The messages are recorded Binance BTCUSDT bookTicker events transcoded to BestBidAsk, every
 * other one in the card's scale (price exponent -2, quantity -6) and the rest as the venue sends
 * them (-8, -8: divided down exactly by both), with malformed frames mixed in (truncated in the
 * symbol, in the root block and inside the header, wrong schema id or version, unknown template,
 * short block length, a trailing byte, a -8 mantissa that does not divide exactly) and BestBidAsk
 * with zero mantissas at other exponents, which both accept. The other templates are compared in
 * {@link RecordedFeedDifferentialTest}. Left out because the two differ on purpose: exponents coarser
 * than the scale (the reference card multiplies, the RTL drops them, see the second test) and
 * instruments without a configured scale (the reference card drops them, the RTL has one scale).
 */
final class VerilatorRxPathDifferentialTest
{
    private static final int VENUE = 1;
    private static final int BTC = ReferenceCard.Context.INSTRUMENT_BTC_USD;
    private static final int CHANNEL = channel(VENUE, BTC);
    private static final int BOOK_TICKERS = 5000;
    private static final int MALFORMED_EVERY = 50;
    private static final int CYCLES_OFFSET = MD_CARD_CYCLES;

    private static final Pattern LINE = Pattern.compile("^(\\d+) (\\{.*})$");

    private final SbeTestEncoder encoder = new SbeTestEncoder();
    private final List<byte[]> messages = new ArrayList<>();
    private final List<Integer> channels = new ArrayList<>();
    private int malformed;
    private int zeroMantissaCases;
    private VerilatorRxPath rtl;

    @BeforeEach
    void open()
    {
        SimulatedCardLibrary.require();
        rtl = VerilatorRxPath.open();
    }

    @AfterEach
    void close()
    {
        if (null != rtl)
        {
            rtl.close();
        }
    }

    @Test
    void recordedBookTickersDecodeTheSameOnTheRtlAsOnTheReferenceCard() throws IOException
    {
        final Path file = RecordedSpotStreamTest.sharedDir().resolve("data/binance/spot_btcusdt_20240808.gz");
        assumeTrue(Files.isRegularFile(file), "recorded data missing: " + file);

        int bookTickers = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII)))
        {
            String line;
            while (null != (line = reader.readLine()) && bookTickers < BOOK_TICKERS)
            {
                final Matcher matcher = LINE.matcher(line);
                if (matcher.matches() && matcher.group(2).contains("\"stream\":\"btcusdt@bookTicker\""))
                {
                    bookTicker(Long.parseLong(matcher.group(1)), matcher.group(2), 1 == bookTickers % 2);
                    bookTickers++;
                    if (0 == bookTickers % MALFORMED_EVERY)
                    {
                        malformed(bookTickers / MALFORMED_EVERY);
                    }
                }
            }
        }
        assertEquals(BOOK_TICKERS, bookTickers, "recording too short");

        rtl.close();
        rtl = null;
        try (WireBackends both = new WireBackends(new ReferenceCard.Context()))
        {
            for (int i = 0; i < messages.size(); i++)
            {
                both.slot(channels.get(i), messages.get(i));
            }
            both.sync();
            final List<byte[]> expected = both.referenceRecords;
            final List<byte[]> actual = both.rtlRecords;

            assertEquals(messages.size(), expected.size(), "reference: one record per message");
            RecordedFeedDifferentialTest.assertRecordsEqual(expected, actual);
            int decodeErrors = 0;
            long previous = -1;
            for (final byte[] record : expected)
            {
                decodeErrors += MD_TYPE_FEED_STATUS == u16(record, MD_TYPE) ? 1 : 0;
                final long stamp = new UnsafeBuffer(record).getLong(CYCLES_OFFSET, LITTLE_ENDIAN);
                assertTrue(stamp > previous, "one record per frame: stamps increase");
                previous = stamp;
            }
            assertEquals(malformed, decodeErrors, "malformed frames each yield one FEED_STATUS record");
            assertEquals(BOOK_TICKERS + zeroMantissaCases, expected.size() - decodeErrors, "BBO records");
            assertEquals(actual.size(), both.rtl.registers().readRegister(COUNTERS_BASE + CNT_MD_RECORDS));
            assertEquals(0, both.rtl.refused());
            assertTrue(previous <= both.rtl.registers().cycles());
        }
    }

    @Test
    void exponentCoarserThanTheScaleIsDroppedByTheRtlOnly()
    {
        // The RTL divides into the scale but does not multiply: a coarser exponent is a decode
        // error there, while the reference card multiplies it out.
        messages.add(bytes(encoder.bestBidAsk(1L, 2L, -1, -6, 560_123L, 1_000L, 560_124L, 2_000L, "BTCUSDT"),
            encoder.bestBidAsk(1L, 2L, -1, -6, 560_123L, 1_000L, 560_124L, 2_000L, "BTCUSDT").capacity()));
        channels.add(CHANNEL);
        final byte[] reference = referenceRecords().get(0);
        final byte[] simulated = rtlRecords().get(0);
        assertEquals(MD_TYPE_BBO, u16(reference, MD_TYPE));
        assertEquals(5_601_230L, new UnsafeBuffer(reference).getLong(MD_PRICE_0, LITTLE_ENDIAN));
        assertEquals(MD_TYPE_FEED_STATUS, u16(simulated, MD_TYPE));
        assertEquals(MD_FLAG_DECODE_ERROR, simulated[MD_FLAGS]);
    }

    private void bookTicker(final long recordedNs, final String json, final boolean venueExponent)
    {
        final long eventTimeUs = recordedNs / 1000;
        final long updateId = Long.parseLong(field(json, "u"));
        final int pe = venueExponent ? 8 : 2;
        final int qe = venueExponent ? 8 : 6;
        add(CHANNEL, encoder.bestBidAsk(eventTimeUs, updateId, -pe, -qe, scaled(json, "b", pe), scaled(json, "B", qe),
            scaled(json, "a", pe), scaled(json, "A", qe), "BTCUSDT"));
    }


    /** One malformed frame of each kind in turn, and now and then a valid edge case. */
    private void malformed(final int n)
    {
        final UnsafeBuffer good = encoder.bestBidAsk(n, n, -2, -6, 5_600_000 + n, 1_000, 5_600_001 + n, 2_000, "BTCUSDT");
        switch (n % 10)
        {
            case 0:
                add(CHANNEL, good, good.capacity() - 3);  // truncated inside the symbol
                break;
            case 1:
                add(CHANNEL, good, 30);  // truncated inside the root block
                break;
            case 2:
                add(CHANNEL, encoder.schemaId(2).bestBidAsk(n, n, -2, -6, 1, 1, 2, 1, "BTCUSDT"));
                encoder.schemaId(SbeTestEncoder.SCHEMA_ID);
                break;
            case 3:
                add(CHANNEL, encoder.version(1).bestBidAsk(n, n, -2, -6, 1, 1, 2, 1, "BTCUSDT"));
                encoder.version(SbeTestEncoder.SCHEMA_VERSION);
                break;
            case 4:
                add(CHANNEL, encoder.raw(50, 9999, new byte[51]));  // unknown template
                break;
            case 5:
                add(CHANNEL, encoder.raw(49, SBE_TEMPLATE_BEST_BID_ASK, new byte[50]));  // short block length
                break;
            case 6:
                final byte[] trailing = new byte[good.capacity() + 1];
                good.getBytes(0, trailing, 0, good.capacity());
                add(CHANNEL, new UnsafeBuffer(trailing));  // a byte after the symbol
                break;
            case 7:
                add(CHANNEL, encoder.bestBidAsk(n, n, -2, -6, 1, 1, 2, 1, "BTCUSDT"), 7);  // shorter than the header
                break;
            case 8:
                // -8 price mantissa with digits below the scale (a multiple of 2^6, not of 5^6): dropped by both
                add(CHANNEL, encoder.bestBidAsk(n, n, -8, -8, 5_601_234_000_064L, 100, 5_601_235_000_000L, 100,
                    "BTCUSDT"));
                break;
            default:
                // zero mantissas are exact in any scale: both accept them whatever the exponent
                add(CHANNEL, encoder.bestBidAsk(n, n, -8, -3, 0, 0, 0, 0, "BTCUSDT"));
                zeroMantissaCases++;
                return;
        }
        malformed++;
    }

    private void add(final int channel, final UnsafeBuffer message)
    {
        add(channel, message, message.capacity());
    }

    private void add(final int channel, final UnsafeBuffer message, final int length)
    {
        messages.add(bytes(message, length));
        channels.add(channel);
    }

    private List<byte[]> referenceRecords()
    {
        final ReferenceCard card = new ReferenceCard();
        final List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++)
        {
            final byte[] message = messages.get(i);
            assertTrue(card.offerIngress(channels.get(i), new UnsafeBuffer(message), 0, message.length));
            card.process();
            card.pollMarketData((buffer, offset, length) -> records.add(copy(buffer, offset, length)), Integer.MAX_VALUE);
        }
        card.close();
        return records;
    }

    private List<byte[]> rtlRecords()
    {
        final List<byte[]> records = new ArrayList<>();
        final RecordHandler handler = (buffer, offset, length) -> records.add(copy(buffer, offset, length));
        for (int i = 0; i < messages.size(); i++)
        {
            final byte[] message = messages.get(i);
            assertTrue(rtl.offerIngress(channels.get(i), new UnsafeBuffer(message), 0, message.length));
            if (0 == i % 1000)
            {
                rtl.pollMarketData(handler, Integer.MAX_VALUE);
            }
        }
        rtl.pollMarketData(handler, Integer.MAX_VALUE);
        return records;
    }

    private static byte[] bytes(final UnsafeBuffer message, final int length)
    {
        final byte[] bytes = new byte[length];
        message.getBytes(0, bytes, 0, length);
        return bytes;
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes, 0, length);
        return bytes;
    }

    private static int u16(final byte[] record, final int offset)
    {
        return (record[offset] & 0xFF) | (record[offset + 1] & 0xFF) << 8;
    }

    private static long scaled(final String json, final String name, final int decimals)
    {
        return new BigDecimal(stringField(json, name)).movePointRight(decimals).longValueExact();
    }

    private static String field(final String json, final String name)
    {
        final int start = json.indexOf("\"" + name + "\":") + name.length() + 3;
        int end = start;
        while (end < json.length() && ",}".indexOf(json.charAt(end)) < 0)
        {
            end++;
        }
        return json.substring(start, end);
    }

    private static String stringField(final String json, final String name)
    {
        final String value = field(json, name);
        return value.substring(1, value.length() - 1);
    }
}
