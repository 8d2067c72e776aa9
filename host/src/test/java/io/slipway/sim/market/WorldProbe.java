package io.slipway.sim.market;

import io.slipway.venue.MarketDataSink;
import io.slipway.venue.VenueListener;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Listens to a simulated world: hashes every SBE byte and host report, checks the depth-diff
 * chain per channel and that no published top of book is crossed, and keeps host reports.
 */
final class WorldProbe implements MarketDataSink, VenueListener
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    long hash = 0xCBF29CE484222325L;
    long messages;
    long depthDiffs;
    long bestBidAsks;
    long tradeMessages;
    long tradeEntries;
    long crossedTops;
    long chainBreaks;
    final Int2ObjectHashMap<long[]> lastUpdateId = new Int2ObjectHashMap<>();
    final List<String> reports = new ArrayList<>();
    final List<long[]> hostFills = new ArrayList<>();
    double spreadBpsSum;
    long spreadSamples;

    private void mix(final long value)
    {
        hash = (hash ^ value) * 0x100000001B3L;
    }

    @Override
    public void onSbeMessage(final int channel, final DirectBuffer buffer, final int offset, final int length)
    {
        messages++;
        mix(channel);
        for (int i = 0; i < length; i++)
        {
            mix(buffer.getByte(offset + i));
        }
        final int template = buffer.getShort(offset + 2, LE) & 0xFFFF;
        final int root = offset + 8;
        switch (template)
        {
            case BinanceSbeEncoder.DEPTH_DIFF_TEMPLATE_ID ->
            {
                depthDiffs++;
                final long first = buffer.getLong(root + 8, LE);
                final long last = buffer.getLong(root + 16, LE);
                final long[] previous = lastUpdateId.computeIfAbsent(channel, k -> new long[]{0});
                if (first != previous[0] + 1 || last < first)
                {
                    chainBreaks++;
                }
                previous[0] = last;
            }
            case BinanceSbeEncoder.BEST_BID_ASK_TEMPLATE_ID ->
            {
                bestBidAsks++;
                final long bid = buffer.getLong(root + 18, LE);
                final long ask = buffer.getLong(root + 34, LE);
                if (bid > 0 && ask > 0)
                {
                    if (bid >= ask)
                    {
                        crossedTops++;
                    }
                    spreadBpsSum += (ask - bid) / (0.5 * (ask + bid)) * 1e4;
                    spreadSamples++;
                }
            }
            case BinanceSbeEncoder.TRADES_TEMPLATE_ID ->
            {
                tradeMessages++;
                tradeEntries += buffer.getInt(root + 18 + 2, LE);
            }
            default -> throw new AssertionError("unexpected template " + template);
        }
    }

    @Override
    public void onAccepted(final int venue, final long clientOrderId)
    {
        mix(1);
        mix(clientOrderId);
        reports.add("accepted " + venue + " " + clientOrderId);
    }

    @Override
    public void onRejected(final int venue, final long clientOrderId, final String reason)
    {
        mix(2);
        mix(clientOrderId);
        reports.add("rejected " + venue + " " + clientOrderId + " " + reason);
    }

    @Override
    public void onFill(final int venue, final long clientOrderId, final long price, final long quantity,
        final double fee, final boolean maker)
    {
        mix(3);
        mix(clientOrderId);
        mix(price);
        mix(quantity);
        mix(Double.doubleToLongBits(fee));
        hostFills.add(new long[]{venue, clientOrderId, price, quantity, maker ? 1 : 0, Double.doubleToLongBits(fee)});
        reports.add(
            "fill " + venue + " " + clientOrderId + " " + quantity + "@" + price + (maker ? " maker" : " taker"));
    }

    @Override
    public void onDone(final int venue, final long clientOrderId, final long releasedQuantity)
    {
        mix(4);
        mix(clientOrderId);
        mix(releasedQuantity);
        reports.add("done " + venue + " " + clientOrderId + " released " + releasedQuantity);
    }
}
