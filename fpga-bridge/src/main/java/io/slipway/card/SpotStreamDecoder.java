package io.slipway.card;

import org.agrona.DirectBuffer;

import static io.slipway.card.NicLayout.*;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The card's receive path for the Binance spot stream SBE schema (id 1, version 0): turns one SBE
 * message into normalized market-data records, keeps the BBO table the risk gate reads and tracks
 * depth-diff sequence numbers per channel.
 *
 * <p>A frame is checked whole before anything is written: it yields either all its records or a
 * single {@code FEED_STATUS} record with {@code FLAG_DECODE_ERROR} and leaves the BBO table and
 * sequence state as they were. Block lengths in the message and group headers are honoured, so
 * fields a later schema appends are skipped, as SBE requires.
 */
final class SpotStreamDecoder
{
    static final int OK = 0;
    static final int ERROR_TRUNCATED = 1;
    static final int ERROR_SCHEMA_ID = 2;
    static final int ERROR_SCHEMA_VERSION = 3;
    static final int ERROR_UNKNOWN_TEMPLATE = 4;
    static final int ERROR_BLOCK_LENGTH = 5;
    static final int ERROR_GROUP_BLOCK_LENGTH = 6;
    static final int ERROR_GROUP_COUNT = 7;
    static final int ERROR_MANTISSA = 8;
    static final int ERROR_TRAILING_BYTES = 9;
    static final int ERROR_UNKNOWN_CHANNEL = 10;
    static final int ERROR_TOO_LONG = 11;

    private static final String[] ERROR_NAMES =
    {
        "OK", "TRUNCATED", "SCHEMA_ID", "SCHEMA_VERSION", "UNKNOWN_TEMPLATE", "BLOCK_LENGTH", "GROUP_BLOCK_LENGTH",
        "GROUP_COUNT", "MANTISSA", "TRAILING_BYTES", "UNKNOWN_CHANNEL", "TOO_LONG",
    };

    static final int MESSAGE_HEADER_LENGTH = 8;
    static final int GROUP_SIZE16_LENGTH = 4;
    static final int GROUP_SIZE_LENGTH = 6;

    static final int BEST_BID_ASK_BLOCK_LENGTH = 50;
    static final int DEPTH_DIFF_BLOCK_LENGTH = 26;
    static final int DEPTH_SNAPSHOT_BLOCK_LENGTH = 18;
    static final int TRADES_BLOCK_LENGTH = 18;
    static final int LEVEL_ENTRY_LENGTH = 16;
    static final int TRADE_ENTRY_LENGTH = 25;

    /** Most records one ingress frame can yield: a gap status plus one level per 16 payload bytes. */
    static final int MAX_RECORDS_PER_FRAME = 1 + INGRESS_MAX_PAYLOAD / LEVEL_ENTRY_LENGTH;
    /** Most records one wire message can yield. */
    static final int MAX_RECORDS_PER_WIRE_FRAME = 1 + WIRE_MAX_PAYLOAD / LEVEL_ENTRY_LENGTH;

    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        long value = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = value;
            value *= 10;
        }
    }

    private final MarketDataRecord record = new MarketDataRecord();
    private final boolean[] instrumentConfigured = new boolean[MAX_INSTRUMENTS];
    private final int[] priceExponent = new int[MAX_INSTRUMENTS];
    private final int[] qtyExponent = new int[MAX_INSTRUMENTS];

    private final long[] bestBid = new long[MAX_CHANNELS];
    private final long[] bestAsk = new long[MAX_CHANNELS];
    private final boolean[] sequenceStarted = new boolean[MAX_CHANNELS];
    private final boolean[] sequenceFromSnapshot = new boolean[MAX_CHANNELS];
    private final long[] lastBookUpdateId = new long[MAX_CHANNELS];

    private final RecordRing ring;
    private long stampCycles;
    private int emitted;
    private boolean emit;
    private boolean conversionFailed;
    private int lastError;
    private long decodeErrors;
    private long gaps;

    SpotStreamDecoder(final RecordRing ring)
    {
        this.ring = ring;
    }

    void instrumentScale(final int instrument, final int priceExponent, final int qtyExponent)
    {
        instrumentConfigured[instrument] = true;
        this.priceExponent[instrument] = priceExponent;
        this.qtyExponent[instrument] = qtyExponent;
    }

    long bestBid(final int channel)
    {
        return bestBid[channel];
    }

    long bestAsk(final int channel)
    {
        return bestAsk[channel];
    }

    int lastError()
    {
        return lastError;
    }

    long decodeErrors()
    {
        return decodeErrors;
    }

    long gaps()
    {
        return gaps;
    }

    static String errorName(final int error)
    {
        return error >= 0 && error < ERROR_NAMES.length ? ERROR_NAMES[error] : "UNKNOWN(" + error + ")";
    }

    /**
     * Decodes one frame into the ring, which must have {@link #MAX_RECORDS_PER_FRAME} free slots.
     * Every record is stamped {@code stamp}: the cycle the frame's last beat was taken at the card's
     * ingress port.
     *
     * @return the number of records written.
     */
    int decode(
        final int channel, final DirectBuffer buffer, final int offset, final int length, final long stamp)
    {
        return decode(channel, buffer, offset, length, stamp, INGRESS_MAX_PAYLOAD);
    }

    /**
     * Decodes one message of at most {@code maxLength} bytes (longer is a decode error): an ingress
     * slot's {@code INGRESS_MAX_PAYLOAD}, or a wire datagram's {@code WIRE_MAX_PAYLOAD}, for which the
     * ring must have {@link #MAX_RECORDS_PER_WIRE_FRAME} free slots.
     */
    int decode(
        final int channel, final DirectBuffer buffer, final int offset, final int length, final long stamp,
        final int maxLength)
    {
        stampCycles = stamp;
        emitted = 0;

        emit = false;
        int error = channel < MAX_CHANNELS && instrumentConfigured[channelInstrument(channel)] ?
            walk(channel, buffer, offset, length) : ERROR_UNKNOWN_CHANNEL;
        if (OK == error && length > maxLength)
        {
            error = ERROR_TOO_LONG;
        }
        if (OK == error)
        {
            emit = true;
            error = walk(channel, buffer, offset, length);
        }

        lastError = error;
        if (OK != error)
        {
            decodeErrors++;
            feedStatus(channel, MD_FLAG_DECODE_ERROR, 0);
        }

        return emitted;
    }

    /**
     * Walks the frame; with {@code emit} false only checks it, with {@code emit} true writes its
     * records and updates state. The check pass guarantees the write pass cannot fail.
     */
    private int walk(final int channel, final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        if (length < MESSAGE_HEADER_LENGTH)
        {
            return ERROR_TRUNCATED;
        }

        final int blockLength = u16(buffer, offset);
        final int templateId = u16(buffer, offset + 2);
        final int schemaId = u16(buffer, offset + 4);
        final int version = u16(buffer, offset + 6);
        if (SBE_SCHEMA_ID != schemaId)
        {
            return ERROR_SCHEMA_ID;
        }
        if (SBE_SCHEMA_VERSION != version)
        {
            return ERROR_SCHEMA_VERSION;
        }

        final int root = offset + MESSAGE_HEADER_LENGTH;
        if (root + blockLength > end)
        {
            return ERROR_TRUNCATED;
        }

        final int instrument = channelInstrument(channel);
        final int priceScale = priceExponent[instrument];
        final int qtyScale = qtyExponent[instrument];

        switch (templateId)
        {
            case SBE_TEMPLATE_BEST_BID_ASK:
                return bestBidAsk(channel, buffer, root, blockLength, end, priceScale, qtyScale);

            case SBE_TEMPLATE_DEPTH_DIFF:
                return depth(channel, buffer, root, blockLength, end, priceScale, qtyScale, true);

            case SBE_TEMPLATE_DEPTH_SNAP:
                return depth(channel, buffer, root, blockLength, end, priceScale, qtyScale, false);

            case SBE_TEMPLATE_TRADES:
                return trades(channel, buffer, root, blockLength, end, priceScale, qtyScale);

            default:
                return ERROR_UNKNOWN_TEMPLATE;
        }
    }

    private int bestBidAsk(
        final int channel,
        final DirectBuffer buffer,
        final int root,
        final int blockLength,
        final int end,
        final int priceScale,
        final int qtyScale)
    {
        if (blockLength < BEST_BID_ASK_BLOCK_LENGTH)
        {
            return ERROR_BLOCK_LENGTH;
        }

        final long eventTimeUs = buffer.getLong(root, LITTLE_ENDIAN);
        final long bookUpdateId = buffer.getLong(root + 8, LITTLE_ENDIAN);
        final int pe = buffer.getByte(root + 16);
        final int qe = buffer.getByte(root + 17);

        conversionFailed = false;
        final long bidPrice = scale(buffer.getLong(root + 18, LITTLE_ENDIAN), pe, priceScale);
        final long bidQty = scale(buffer.getLong(root + 26, LITTLE_ENDIAN), qe, qtyScale);
        final long askPrice = scale(buffer.getLong(root + 34, LITTLE_ENDIAN), pe, priceScale);
        final long askQty = scale(buffer.getLong(root + 42, LITTLE_ENDIAN), qe, qtyScale);
        if (conversionFailed)
        {
            return ERROR_MANTISSA;
        }

        final int error = symbolEnds(buffer, root + blockLength, end);
        if (OK != error || !emit)
        {
            return error;
        }

        bestBid[channel] = bidPrice;
        bestAsk[channel] = askPrice;
        record(channel, MD_TYPE_BBO, 0, bookUpdateId, eventTimeUs)
            .price0(bidPrice).qty0(bidQty).price1(askPrice).qty1(askQty);

        return OK;
    }

    private int depth(
        final int channel,
        final DirectBuffer buffer,
        final int root,
        final int blockLength,
        final int end,
        final int priceScale,
        final int qtyScale,
        final boolean diff)
    {
        if (blockLength < (diff ? DEPTH_DIFF_BLOCK_LENGTH : DEPTH_SNAPSHOT_BLOCK_LENGTH))
        {
            return ERROR_BLOCK_LENGTH;
        }

        final long eventTimeUs = buffer.getLong(root, LITTLE_ENDIAN);
        final long firstUpdateId = buffer.getLong(root + 8, LITTLE_ENDIAN);
        final long lastUpdateId = diff ? buffer.getLong(root + 16, LITTLE_ENDIAN) : firstUpdateId;
        final int pe = buffer.getByte(root + (diff ? 24 : 16));
        final int qe = buffer.getByte(root + (diff ? 25 : 17));

        if (emit)
        {
            if (diff)
            {
                checkSequence(channel, firstUpdateId, lastUpdateId, eventTimeUs);
            }
            else
            {
                sequenceStarted[channel] = true;
                sequenceFromSnapshot[channel] = true;
                lastBookUpdateId[channel] = lastUpdateId;
            }
        }

        int position = root + blockLength;
        for (int side = 0; side < 2; side++)
        {
            if (position + GROUP_SIZE16_LENGTH > end)
            {
                return ERROR_TRUNCATED;
            }
            final int entryLength = u16(buffer, position);
            final int count = u16(buffer, position + 2);
            position += GROUP_SIZE16_LENGTH;
            if (entryLength < LEVEL_ENTRY_LENGTH)
            {
                return ERROR_GROUP_BLOCK_LENGTH;
            }
            if ((long)position + (long)count * entryLength > end)
            {
                return ERROR_GROUP_COUNT;
            }

            final int flags = (0 == side ? MD_FLAG_BID : 0) | (diff ? 0 : MD_FLAG_SNAPSHOT);
            for (int i = 0; i < count; i++)
            {
                conversionFailed = false;
                final long price = scale(buffer.getLong(position, LITTLE_ENDIAN), pe, priceScale);
                final long qty = scale(buffer.getLong(position + 8, LITTLE_ENDIAN), qe, qtyScale);
                if (conversionFailed)
                {
                    return ERROR_MANTISSA;
                }
                if (emit)
                {
                    record(channel, MD_TYPE_BOOK_LEVEL, flags, lastUpdateId, eventTimeUs).price0(price).qty0(qty);
                }
                position += entryLength;
            }
        }

        return symbolEnds(buffer, position, end);
    }

    private int trades(
        final int channel,
        final DirectBuffer buffer,
        final int root,
        final int blockLength,
        final int end,
        final int priceScale,
        final int qtyScale)
    {
        if (blockLength < TRADES_BLOCK_LENGTH)
        {
            return ERROR_BLOCK_LENGTH;
        }

        final long eventTimeUs = buffer.getLong(root, LITTLE_ENDIAN);
        final int pe = buffer.getByte(root + 16);
        final int qe = buffer.getByte(root + 17);

        int position = root + blockLength;
        if (position + GROUP_SIZE_LENGTH > end)
        {
            return ERROR_TRUNCATED;
        }
        final int entryLength = u16(buffer, position);
        final long count = buffer.getInt(position + 2, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        position += GROUP_SIZE_LENGTH;
        if (entryLength < TRADE_ENTRY_LENGTH)
        {
            return ERROR_GROUP_BLOCK_LENGTH;
        }
        if (position + count * entryLength > end)
        {
            return ERROR_GROUP_COUNT;
        }

        for (int i = 0; i < (int)count; i++)
        {
            final long tradeId = buffer.getLong(position, LITTLE_ENDIAN);
            conversionFailed = false;
            final long price = scale(buffer.getLong(position + 8, LITTLE_ENDIAN), pe, priceScale);
            final long qty = scale(buffer.getLong(position + 16, LITTLE_ENDIAN), qe, qtyScale);
            if (conversionFailed)
            {
                return ERROR_MANTISSA;
            }
            if (emit)
            {
                final int flags = 0 != buffer.getByte(position + 24) ? MD_FLAG_BUYER_MAKER : 0;
                record(channel, MD_TYPE_TRADE, flags, tradeId, eventTimeUs).price0(price).qty0(qty);
            }
            position += entryLength;
        }

        return symbolEnds(buffer, position, end);
    }

    /**
     * Depth diffs must chain: each one's first update id follows the previous one's last. Right after
     * a snapshot the first diff may overlap it, as the venue documents: first <= snapshot + 1 <= last.
     */
    private void checkSequence(final int channel, final long firstUpdateId, final long lastUpdateId, final long eventTimeUs)
    {
        if (sequenceStarted[channel])
        {
            final long expected = lastBookUpdateId[channel] + 1;
            final boolean inOrder = sequenceFromSnapshot[channel] ?
                firstUpdateId <= expected && expected <= lastUpdateId : firstUpdateId == expected;
            if (!inOrder)
            {
                gaps++;
                feedStatus(channel, MD_FLAG_GAP, firstUpdateId).eventTimeUs(eventTimeUs);
            }
        }

        sequenceStarted[channel] = true;
        sequenceFromSnapshot[channel] = false;
        lastBookUpdateId[channel] = lastUpdateId;
    }

    /** The message must end with its varString8 symbol, exactly at the end of the frame. */
    private static int symbolEnds(final DirectBuffer buffer, final int position, final int end)
    {
        if (position + 1 > end)
        {
            return ERROR_TRUNCATED;
        }
        final int symbolEnd = position + 1 + (buffer.getByte(position) & 0xFF);
        if (symbolEnd > end)
        {
            return ERROR_TRUNCATED;
        }

        return symbolEnd == end ? OK : ERROR_TRAILING_BYTES;
    }

    /**
     * Rescales {@code mantissa x 10^exponent} to units of {@code 10^scaleExponent}; sets
     * {@link #conversionFailed} when the value is not an exact integer there or overflows.
     */
    private long scale(final long mantissa, final int exponent, final int scaleExponent)
    {
        final int shift = exponent - scaleExponent;
        if (0 == shift || 0 == mantissa)
        {
            return mantissa;
        }
        if (shift >= POWERS_OF_TEN.length || -shift >= POWERS_OF_TEN.length)
        {
            conversionFailed = true;
            return 0;
        }

        if (shift > 0)
        {
            final long factor = POWERS_OF_TEN[shift];
            final long low = mantissa * factor;
            if (Math.multiplyHigh(mantissa, factor) != (low >> 63))
            {
                conversionFailed = true;
                return 0;
            }
            return low;
        }

        final long divisor = POWERS_OF_TEN[-shift];
        if (mantissa % divisor != 0)
        {
            conversionFailed = true;
            return 0;
        }

        return mantissa / divisor;
    }

    private MarketDataRecord feedStatus(final int channel, final int flags, final long sequence)
    {
        return record(channel, MD_TYPE_FEED_STATUS, flags, sequence, 0);
    }

    /**
     * Writes one FEED_STATUS record that is not about a message (a wire feed's STALE or RECOVERED):
     * sequence and stamp as given, prices, quantities and event time 0. The ring must have a free slot.
     */
    void status(final int channel, final int flags, final long sequence, final long stamp)
    {
        stampCycles = stamp;
        emitted = 0;
        record(channel, MD_TYPE_FEED_STATUS, flags, sequence, 0L);
    }

    private MarketDataRecord record(
        final int channel, final int type, final int flags, final long sequence, final long eventTimeUs)
    {
        record.wrap(ring.buffer(), ring.tailOffset())
            .clear()
            .type(type)
            .channel(channel)
            .instrument(channelInstrument(channel))
            .venue(channelVenue(channel))
            .flags(flags)
            .sequence(sequence)
            .eventTimeUs(eventTimeUs)
            .cardCycles(stampCycles);
        ring.commit();
        emitted++;

        return record;
    }

    private static int u16(final DirectBuffer buffer, final int index)
    {
        return buffer.getShort(index, LITTLE_ENDIAN) & 0xFFFF;
    }
}
