package io.slipway.venue;

import org.agrona.DirectBuffer;

/** Takes venue market data as SBE messages (Binance spot stream schema) for a feed channel. */
@FunctionalInterface
public interface MarketDataSink
{
    void onSbeMessage(int channel, DirectBuffer buffer, int offset, int length);
}
