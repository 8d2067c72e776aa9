package io.slipway.sim.market;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Encodes market data in the Binance spot stream SBE schema 1.0 (schema id 1, version 0,
 * little-endian): Trades (10000), BestBidAsk (10001) and DepthDiff (10003). Prices and
 * quantities are the instrument's fixed-point mantissas with exponents -2 and -6, so the
 * card decodes them without rescaling.
 *
 * <p>Every message is an 8-byte header, a root block, its repeating groups and a trailing
 * varString8 symbol. Stateless; callers pass the symbol as pre-encoded ASCII bytes so that
 * encoding does not allocate.
 */
public final class BinanceSbeEncoder
{
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    public static final int SCHEMA_ID = 1;
    public static final int SCHEMA_VERSION = 0;
    public static final int HEADER_LENGTH = 8;
    public static final int TRADES_TEMPLATE_ID = 10000;
    public static final int BEST_BID_ASK_TEMPLATE_ID = 10001;
    public static final int DEPTH_DIFF_TEMPLATE_ID = 10003;
    public static final int TRADES_BLOCK_LENGTH = 18;
    public static final int TRADE_ENTRY_LENGTH = 25;
    public static final int BEST_BID_ASK_BLOCK_LENGTH = 50;
    public static final int DEPTH_DIFF_BLOCK_LENGTH = 26;
    public static final int LEVEL_ENTRY_LENGTH = 16;
    public static final byte PRICE_EXPONENT = -2;
    public static final byte QTY_EXPONENT = -6;
    public static final int MAX_LEVELS_PER_SIDE = 0xFFFF;

    private BinanceSbeEncoder()
    {
    }

    /** Upper bound of a DepthDiff's length, for sizing buffers. */
    public static int depthDiffLength(final int bidCount, final int askCount, final int symbolLength)
    {
        return HEADER_LENGTH + DEPTH_DIFF_BLOCK_LENGTH + 4 + bidCount * LEVEL_ENTRY_LENGTH + 4 +
            askCount * LEVEL_ENTRY_LENGTH + 1 + symbolLength;
    }

    public static int tradesLength(final int count, final int symbolLength)
    {
        return HEADER_LENGTH + TRADES_BLOCK_LENGTH + 6 + count * TRADE_ENTRY_LENGTH + 1 + symbolLength;
    }

    /** Returns the encoded length. */
    public static int encodeBestBidAsk(
        final MutableDirectBuffer buffer,
        final int offset,
        final long eventTimeUs,
        final long bookUpdateId,
        final long bidPrice,
        final long bidQty,
        final long askPrice,
        final long askQty,
        final byte[] symbol)
    {
        header(buffer, offset, BEST_BID_ASK_BLOCK_LENGTH, BEST_BID_ASK_TEMPLATE_ID);
        final int root = offset + HEADER_LENGTH;
        buffer.putLong(root, eventTimeUs, BYTE_ORDER);
        buffer.putLong(root + 8, bookUpdateId, BYTE_ORDER);
        buffer.putByte(root + 16, PRICE_EXPONENT);
        buffer.putByte(root + 17, QTY_EXPONENT);
        buffer.putLong(root + 18, bidPrice, BYTE_ORDER);
        buffer.putLong(root + 26, bidQty, BYTE_ORDER);
        buffer.putLong(root + 34, askPrice, BYTE_ORDER);
        buffer.putLong(root + 42, askQty, BYTE_ORDER);
        final int end = symbol(buffer, root + BEST_BID_ASK_BLOCK_LENGTH, symbol);
        return end - offset;
    }

    /** Levels are (price, qty) mantissas; qty 0 removes the level. Returns the encoded length. */
    public static int encodeDepthDiff(
        final MutableDirectBuffer buffer,
        final int offset,
        final long eventTimeUs,
        final long firstBookUpdateId,
        final long lastBookUpdateId,
        final long[] bidPrices,
        final long[] bidQtys,
        final int bidCount,
        final long[] askPrices,
        final long[] askQtys,
        final int askCount,
        final byte[] symbol)
    {
        if (bidCount > MAX_LEVELS_PER_SIDE || askCount > MAX_LEVELS_PER_SIDE || bidCount < 0 || askCount < 0)
        {
            throw new IllegalArgumentException("level count out of range: " + bidCount + "/" + askCount);
        }
        header(buffer, offset, DEPTH_DIFF_BLOCK_LENGTH, DEPTH_DIFF_TEMPLATE_ID);
        final int root = offset + HEADER_LENGTH;
        buffer.putLong(root, eventTimeUs, BYTE_ORDER);
        buffer.putLong(root + 8, firstBookUpdateId, BYTE_ORDER);
        buffer.putLong(root + 16, lastBookUpdateId, BYTE_ORDER);
        buffer.putByte(root + 24, PRICE_EXPONENT);
        buffer.putByte(root + 25, QTY_EXPONENT);
        int position = levels(buffer, root + DEPTH_DIFF_BLOCK_LENGTH, bidPrices, bidQtys, bidCount);
        position = levels(buffer, position, askPrices, askQtys, askCount);
        return symbol(buffer, position, symbol) - offset;
    }

    /**
     * Largest number of bid plus ask levels a depth diff may carry and still encode in at most
     * maxMessageLength bytes with the given symbol.
     */
    public static int depthDiffLevelCapacity(final int maxMessageLength, final int symbolLength)
    {
        final int fixed = HEADER_LENGTH + DEPTH_DIFF_BLOCK_LENGTH + 2 * 4 + 1 + symbolLength;
        return Math.max(0, (maxMessageLength - fixed) / 16);
    }

    /** One message for the matches of one aggressive order. Returns the encoded length. */
    public static int encodeTrades(
        final MutableDirectBuffer buffer,
        final int offset,
        final long eventTimeUs,
        final long transactTimeUs,
        final long[] ids,
        final long[] prices,
        final long[] qtys,
        final boolean isBuyerMaker,
        final int count,
        final byte[] symbol)
    {
        header(buffer, offset, TRADES_BLOCK_LENGTH, TRADES_TEMPLATE_ID);
        final int root = offset + HEADER_LENGTH;
        buffer.putLong(root, eventTimeUs, BYTE_ORDER);
        buffer.putLong(root + 8, transactTimeUs, BYTE_ORDER);
        buffer.putByte(root + 16, PRICE_EXPONENT);
        buffer.putByte(root + 17, QTY_EXPONENT);
        int position = root + TRADES_BLOCK_LENGTH;
        buffer.putShort(position, (short)TRADE_ENTRY_LENGTH, BYTE_ORDER);
        buffer.putInt(position + 2, count, BYTE_ORDER);
        position += 6;
        for (int i = 0; i < count; i++)
        {
            buffer.putLong(position, ids[i], BYTE_ORDER);
            buffer.putLong(position + 8, prices[i], BYTE_ORDER);
            buffer.putLong(position + 16, qtys[i], BYTE_ORDER);
            buffer.putByte(position + 24, (byte)(isBuyerMaker ? 1 : 0));
            position += TRADE_ENTRY_LENGTH;
        }
        return symbol(buffer, position, symbol) - offset;
    }

    private static void header(final MutableDirectBuffer buffer, final int offset, final int blockLength,
        final int templateId)
    {
        buffer.putShort(offset, (short)blockLength, BYTE_ORDER);
        buffer.putShort(offset + 2, (short)templateId, BYTE_ORDER);
        buffer.putShort(offset + 4, (short)SCHEMA_ID, BYTE_ORDER);
        buffer.putShort(offset + 6, (short)SCHEMA_VERSION, BYTE_ORDER);
    }

    private static int levels(final MutableDirectBuffer buffer, final int offset, final long[] prices,
        final long[] qtys, final int count)
    {
        buffer.putShort(offset, (short)LEVEL_ENTRY_LENGTH, BYTE_ORDER);
        buffer.putShort(offset + 2, (short)count, BYTE_ORDER);
        int position = offset + 4;
        for (int i = 0; i < count; i++)
        {
            buffer.putLong(position, prices[i], BYTE_ORDER);
            buffer.putLong(position + 8, qtys[i], BYTE_ORDER);
            position += LEVEL_ENTRY_LENGTH;
        }
        return position;
    }

    private static int symbol(final MutableDirectBuffer buffer, final int offset, final byte[] symbol)
    {
        if (symbol.length > 255)
        {
            throw new IllegalArgumentException("symbol longer than 255 bytes");
        }
        buffer.putByte(offset, (byte)symbol.length);
        buffer.putBytes(offset + 1, symbol);
        return offset + 1 + symbol.length;
    }
}
