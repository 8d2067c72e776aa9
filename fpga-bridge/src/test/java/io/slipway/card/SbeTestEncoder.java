package io.slipway.card;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately small SBE encoder for the Binance spot stream schema, written from the schema XML
 * with a plain {@link ByteBuffer} so the tests do not share code with the card's decoder. Block
 * lengths can be overridden to produce messages a later schema version (or a broken sender) would.
 */
final class SbeTestEncoder
{
    static final int SCHEMA_ID = 1;
    static final int SCHEMA_VERSION = 0;

    private final ByteBuffer out = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private int schemaId = SCHEMA_ID;
    private int version = SCHEMA_VERSION;
    private int extraRootBytes;
    private int extraEntryBytes;
    private Integer groupBlockLengthOverride;

    SbeTestEncoder schemaId(final int schemaId)
    {
        this.schemaId = schemaId;
        return this;
    }

    SbeTestEncoder version(final int version)
    {
        this.version = version;
        return this;
    }

    /** Appends unknown bytes to the root block and declares them in blockLength. */
    SbeTestEncoder extraRootBytes(final int extraRootBytes)
    {
        this.extraRootBytes = extraRootBytes;
        return this;
    }

    /** Appends unknown bytes to every group entry and declares them in the group blockLength. */
    SbeTestEncoder extraEntryBytes(final int extraEntryBytes)
    {
        this.extraEntryBytes = extraEntryBytes;
        return this;
    }

    /** Writes this value as every group's blockLength, whatever the entries really take. */
    SbeTestEncoder groupBlockLength(final int groupBlockLength)
    {
        this.groupBlockLengthOverride = groupBlockLength;
        return this;
    }

    UnsafeBuffer bestBidAsk(
        final long eventTimeUs, final long bookUpdateId, final int priceExponent, final int qtyExponent,
        final long bidPrice, final long bidQty, final long askPrice, final long askQty, final String symbol)
    {
        header(50, 10001);
        out.putLong(eventTimeUs).putLong(bookUpdateId).put((byte)priceExponent).put((byte)qtyExponent)
            .putLong(bidPrice).putLong(bidQty).putLong(askPrice).putLong(askQty);
        padding(extraRootBytes);
        return symbol(symbol);
    }

    /** Levels are {price, qty} mantissa pairs. */
    UnsafeBuffer depthDiff(
        final long eventTimeUs, final long firstId, final long lastId, final int priceExponent, final int qtyExponent,
        final long[][] bids, final long[][] asks, final String symbol)
    {
        header(26, 10003);
        out.putLong(eventTimeUs).putLong(firstId).putLong(lastId).put((byte)priceExponent).put((byte)qtyExponent);
        padding(extraRootBytes);
        levels(bids);
        levels(asks);
        return symbol(symbol);
    }

    UnsafeBuffer depthSnapshot(
        final long eventTimeUs, final long bookUpdateId, final int priceExponent, final int qtyExponent,
        final long[][] bids, final long[][] asks, final String symbol)
    {
        header(18, 10002);
        out.putLong(eventTimeUs).putLong(bookUpdateId).put((byte)priceExponent).put((byte)qtyExponent);
        padding(extraRootBytes);
        levels(bids);
        levels(asks);
        return symbol(symbol);
    }

    /** Trades are {id, price, qty, isBuyerMaker (0/1)}. */
    UnsafeBuffer trades(
        final long eventTimeUs, final long transactTimeUs, final int priceExponent, final int qtyExponent,
        final long[][] trades, final String symbol)
    {
        header(18, 10000);
        out.putLong(eventTimeUs).putLong(transactTimeUs).put((byte)priceExponent).put((byte)qtyExponent);
        padding(extraRootBytes);
        out.putShort((short)(null != groupBlockLengthOverride ? groupBlockLengthOverride : 25 + extraEntryBytes));
        out.putInt(trades.length);
        for (final long[] trade : trades)
        {
            out.putLong(trade[0]).putLong(trade[1]).putLong(trade[2]).put((byte)trade[3]);
            padding(extraEntryBytes);
        }
        return symbol(symbol);
    }

    /** A message with a valid header for an arbitrary template and an opaque body. */
    UnsafeBuffer raw(final int blockLength, final int templateId, final byte[] body)
    {
        header(blockLength, templateId);
        out.put(body);
        return finish();
    }

    private void header(final int blockLength, final int templateId)
    {
        out.clear();
        out.putShort((short)(blockLength + extraRootBytes)).putShort((short)templateId)
            .putShort((short)schemaId).putShort((short)version);
    }

    private void levels(final long[][] levels)
    {
        out.putShort((short)(null != groupBlockLengthOverride ? groupBlockLengthOverride : 16 + extraEntryBytes));
        out.putShort((short)levels.length);
        for (final long[] level : levels)
        {
            out.putLong(level[0]).putLong(level[1]);
            padding(extraEntryBytes);
        }
    }

    private void padding(final int bytes)
    {
        for (int i = 0; i < bytes; i++)
        {
            out.put((byte)0x5A);
        }
    }

    private UnsafeBuffer symbol(final String symbol)
    {
        final byte[] bytes = symbol.getBytes(StandardCharsets.UTF_8);
        out.put((byte)bytes.length).put(bytes);
        return finish();
    }

    private UnsafeBuffer finish()
    {
        final byte[] message = new byte[out.position()];
        out.flip();
        out.get(message);
        return new UnsafeBuffer(message);
    }
}
