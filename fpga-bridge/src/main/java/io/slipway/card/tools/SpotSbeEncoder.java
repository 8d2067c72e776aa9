package io.slipway.card.tools;

import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

import static io.slipway.card.NicLayout.SBE_SCHEMA_ID;
import static io.slipway.card.NicLayout.SBE_SCHEMA_VERSION;
import static io.slipway.card.NicLayout.SBE_TEMPLATE_BEST_BID_ASK;
import static io.slipway.card.NicLayout.SBE_TEMPLATE_DEPTH_DIFF;
import static io.slipway.card.NicLayout.SBE_TEMPLATE_DEPTH_SNAP;
import static io.slipway.card.NicLayout.SBE_TEMPLATE_TRADES;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Encodes the four messages of the Binance spot stream SBE schema (id 1, version 0) as the venue
 * sends them: schema block lengths, groupSize16Encoding for depth levels, groupSizeEncoding for
 * trades, the symbol as a varString8 last. Writes into a caller's buffer and returns the length,
 * so a transcoder can run without allocating per message.
 */
public final class SpotSbeEncoder
{
    public static final int MESSAGE_HEADER_LENGTH = 8;
    public static final int BEST_BID_ASK_BLOCK_LENGTH = 50;
    public static final int DEPTH_DIFF_BLOCK_LENGTH = 26;
    public static final int DEPTH_SNAPSHOT_BLOCK_LENGTH = 18;
    public static final int TRADES_BLOCK_LENGTH = 18;
    public static final int LEVEL_LENGTH = 16;
    public static final int TRADE_LENGTH = 25;

    private final byte[] symbol;

    public SpotSbeEncoder(final String symbol)
    {
        this.symbol = symbol.getBytes(StandardCharsets.US_ASCII);
        if (this.symbol.length > 255)
        {
            throw new IllegalArgumentException("symbol longer than a varString8: " + symbol);
        }
    }

    /** Bytes a depth message with this many levels takes. */
    public int depthLength(final boolean diff, final int levels)
    {
        return MESSAGE_HEADER_LENGTH + (diff ? DEPTH_DIFF_BLOCK_LENGTH : DEPTH_SNAPSHOT_BLOCK_LENGTH) + 8 +
            levels * LEVEL_LENGTH + 1 + symbol.length;
    }

    /** Bytes a trades message with this many trades takes. */
    public int tradesLength(final int trades)
    {
        return MESSAGE_HEADER_LENGTH + TRADES_BLOCK_LENGTH + 6 + trades * TRADE_LENGTH + 1 + symbol.length;
    }

    public int bestBidAsk(
        final MutableDirectBuffer buffer, final int offset, final long eventTimeUs, final long bookUpdateId,
        final int priceExponent, final int qtyExponent,
        final long bidPrice, final long bidQty, final long askPrice, final long askQty)
    {
        int p = header(buffer, offset, BEST_BID_ASK_BLOCK_LENGTH, SBE_TEMPLATE_BEST_BID_ASK);
        buffer.putLong(p, eventTimeUs, LITTLE_ENDIAN);
        buffer.putLong(p + 8, bookUpdateId, LITTLE_ENDIAN);
        buffer.putByte(p + 16, (byte)priceExponent);
        buffer.putByte(p + 17, (byte)qtyExponent);
        buffer.putLong(p + 18, bidPrice, LITTLE_ENDIAN);
        buffer.putLong(p + 26, bidQty, LITTLE_ENDIAN);
        buffer.putLong(p + 34, askPrice, LITTLE_ENDIAN);
        buffer.putLong(p + 42, askQty, LITTLE_ENDIAN);
        p = symbol(buffer, p + BEST_BID_ASK_BLOCK_LENGTH);
        return p - offset;
    }

    /**
     * A depth diff (first/last update ids) or snapshot (last update id in {@code firstId}); levels are
     * {@code [price, qty]} mantissas, bids from {@code bids[bidFrom]}, asks from {@code asks[askFrom]}.
     */
    public int depth(
        final MutableDirectBuffer buffer, final int offset, final boolean diff, final long eventTimeUs,
        final long firstId, final long lastId, final int priceExponent, final int qtyExponent,
        final long[][] bids, final int bidFrom, final int bidCount,
        final long[][] asks, final int askFrom, final int askCount)
    {
        int p = header(buffer, offset, diff ? DEPTH_DIFF_BLOCK_LENGTH : DEPTH_SNAPSHOT_BLOCK_LENGTH,
            diff ? SBE_TEMPLATE_DEPTH_DIFF : SBE_TEMPLATE_DEPTH_SNAP);
        buffer.putLong(p, eventTimeUs, LITTLE_ENDIAN);
        buffer.putLong(p + 8, firstId, LITTLE_ENDIAN);
        if (diff)
        {
            buffer.putLong(p + 16, lastId, LITTLE_ENDIAN);
            p += 8;
        }
        buffer.putByte(p + 16, (byte)priceExponent);
        buffer.putByte(p + 17, (byte)qtyExponent);
        p = levels(buffer, p + 18, bids, bidFrom, bidCount);
        p = levels(buffer, p, asks, askFrom, askCount);
        p = symbol(buffer, p);
        return p - offset;
    }

    /** Trades are {@code [id, price, qty, isBuyerMaker 0/1]}. */
    public int trades(
        final MutableDirectBuffer buffer, final int offset, final long eventTimeUs, final long transactTimeUs,
        final int priceExponent, final int qtyExponent, final long[][] trades)
    {
        int p = header(buffer, offset, TRADES_BLOCK_LENGTH, SBE_TEMPLATE_TRADES);
        buffer.putLong(p, eventTimeUs, LITTLE_ENDIAN);
        buffer.putLong(p + 8, transactTimeUs, LITTLE_ENDIAN);
        buffer.putByte(p + 16, (byte)priceExponent);
        buffer.putByte(p + 17, (byte)qtyExponent);
        p += TRADES_BLOCK_LENGTH;
        buffer.putShort(p, (short)TRADE_LENGTH, LITTLE_ENDIAN);
        buffer.putInt(p + 2, trades.length, LITTLE_ENDIAN);
        p += 6;
        for (final long[] trade : trades)
        {
            buffer.putLong(p, trade[0], LITTLE_ENDIAN);
            buffer.putLong(p + 8, trade[1], LITTLE_ENDIAN);
            buffer.putLong(p + 16, trade[2], LITTLE_ENDIAN);
            buffer.putByte(p + 24, (byte)trade[3]);
            p += TRADE_LENGTH;
        }
        p = symbol(buffer, p);
        return p - offset;
    }

    private static int header(final MutableDirectBuffer buffer, final int offset, final int blockLength, final int template)
    {
        buffer.putShort(offset, (short)blockLength, LITTLE_ENDIAN);
        buffer.putShort(offset + 2, (short)template, LITTLE_ENDIAN);
        buffer.putShort(offset + 4, (short)SBE_SCHEMA_ID, LITTLE_ENDIAN);
        buffer.putShort(offset + 6, (short)SBE_SCHEMA_VERSION, LITTLE_ENDIAN);
        return offset + MESSAGE_HEADER_LENGTH;
    }

    private static int levels(
        final MutableDirectBuffer buffer, final int offset, final long[][] levels, final int from, final int count)
    {
        buffer.putShort(offset, (short)LEVEL_LENGTH, LITTLE_ENDIAN);
        buffer.putShort(offset + 2, (short)count, LITTLE_ENDIAN);
        int p = offset + 4;
        for (int i = from; i < from + count; i++)
        {
            buffer.putLong(p, levels[i][0], LITTLE_ENDIAN);
            buffer.putLong(p + 8, levels[i][1], LITTLE_ENDIAN);
            p += LEVEL_LENGTH;
        }
        return p;
    }

    private int symbol(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)symbol.length);
        buffer.putBytes(offset + 1, symbol);
        return offset + 1 + symbol.length;
    }
}
