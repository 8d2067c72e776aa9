package io.slipway.card;

import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/** Drains a card's outputs into copies the tests can hold on to. */
final class CardOutputs
{
    private CardOutputs()
    {
    }

    static List<MarketDataRecord> marketData(final Card card)
    {
        final List<MarketDataRecord> records = new ArrayList<>();
        card.pollMarketData((buffer, offset, length) ->
        {
            final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
            copy.putBytes(0, buffer, offset, length);
            records.add(new MarketDataRecord().wrap(copy, 0));
        }, Integer.MAX_VALUE);
        return records;
    }

    static List<CompletionRecord> completions(final Card card)
    {
        final List<CompletionRecord> records = new ArrayList<>();
        card.pollCompletions((buffer, offset, length) ->
        {
            final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
            copy.putBytes(0, buffer, offset, length);
            records.add(new CompletionRecord().wrap(copy, 0));
        }, Integer.MAX_VALUE);
        return records;
    }

    record Transmitted(int venue, byte[] bytes)
    {
    }

    static List<Transmitted> transmitted(final Card card)
    {
        final List<Transmitted> messages = new ArrayList<>();
        card.pollTransmit((venue, buffer, offset, length) ->
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            messages.add(new Transmitted(venue, bytes));
        }, Integer.MAX_VALUE);
        return messages;
    }
}
