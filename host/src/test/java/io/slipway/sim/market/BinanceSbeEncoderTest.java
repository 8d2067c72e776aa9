package io.slipway.sim.market;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Decodes the encoder's bytes with plain ByteBuffer reads, following the schema by hand. */
class BinanceSbeEncoderTest
{
    private static final byte[] SYMBOL = "BTC-USD".getBytes(StandardCharsets.US_ASCII);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);

    private ByteBuffer view(final int offset, final int length)
    {
        return ByteBuffer.wrap(buffer.byteArray(), offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void header(final ByteBuffer in, final int blockLength, final int templateId)
    {
        assertEquals(blockLength, in.getShort() & 0xFFFF);
        assertEquals(templateId, in.getShort() & 0xFFFF);
        assertEquals(1, in.getShort());
        assertEquals(0, in.getShort());
    }

    private static String symbol(final ByteBuffer in)
    {
        final byte[] bytes = new byte[in.get() & 0xFF];
        in.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void bestBidAsk()
    {
        final int length = BinanceSbeEncoder.encodeBestBidAsk(buffer, 5, 1_723_161_600_123_456L, 77, 6_180_010,
            1_500_000, 6_180_011, 250_000, SYMBOL);
        assertEquals(8 + 50 + 1 + 7, length);
        final ByteBuffer in = view(5, length);
        header(in, 50, 10001);
        assertEquals(1_723_161_600_123_456L, in.getLong());
        assertEquals(77, in.getLong());
        assertEquals(-2, in.get());
        assertEquals(-6, in.get());
        assertEquals(6_180_010, in.getLong());
        assertEquals(1_500_000, in.getLong());
        assertEquals(6_180_011, in.getLong());
        assertEquals(250_000, in.getLong());
        assertEquals("BTC-USD", symbol(in));
        assertEquals(0, in.remaining());
    }

    @Test
    void depthDiff()
    {
        final long[] bidPrices = {6_180_010, 6_180_000};
        final long[] bidQtys = {1_000_000, 0};
        final long[] askPrices = {6_180_020, 6_180_500, 6_190_000};
        final long[] askQtys = {5, 6, 7};
        final int length = BinanceSbeEncoder.encodeDepthDiff(buffer, 0, 99, 10, 14, bidPrices, bidQtys, 2, askPrices,
            askQtys, 3, SYMBOL);
        assertEquals(BinanceSbeEncoder.depthDiffLength(2, 3, SYMBOL.length), length);
        final ByteBuffer in = view(0, length);
        header(in, 26, 10003);
        assertEquals(99, in.getLong());
        assertEquals(10, in.getLong());
        assertEquals(14, in.getLong());
        assertEquals(-2, in.get());
        assertEquals(-6, in.get());
        assertEquals(16, in.getShort());
        assertEquals(2, in.getShort());
        for (int i = 0; i < 2; i++)
        {
            assertEquals(bidPrices[i], in.getLong());
            assertEquals(bidQtys[i], in.getLong());
        }
        assertEquals(16, in.getShort());
        assertEquals(3, in.getShort());
        for (int i = 0; i < 3; i++)
        {
            assertEquals(askPrices[i], in.getLong());
            assertEquals(askQtys[i], in.getLong());
        }
        assertEquals("BTC-USD", symbol(in));
        assertEquals(0, in.remaining());
    }

    @Test
    void trades()
    {
        final long[] ids = {1001, 1002};
        final long[] prices = {6_180_000, 6_179_990};
        final long[] qtys = {10, 20};
        final int length = BinanceSbeEncoder.encodeTrades(buffer, 3, 500, 499, ids, prices, qtys, true, 2, SYMBOL);
        assertEquals(BinanceSbeEncoder.tradesLength(2, SYMBOL.length), length);
        final ByteBuffer in = view(3, length);
        header(in, 18, 10000);
        assertEquals(500, in.getLong());
        assertEquals(499, in.getLong());
        assertEquals(-2, in.get());
        assertEquals(-6, in.get());
        assertEquals(25, in.getShort());
        assertEquals(2, in.getInt());
        for (int i = 0; i < 2; i++)
        {
            assertEquals(ids[i], in.getLong());
            assertEquals(prices[i], in.getLong());
            assertEquals(qtys[i], in.getLong());
            assertEquals(1, in.get());
        }
        assertEquals("BTC-USD", symbol(in));
        assertEquals(0, in.remaining());
    }
}
