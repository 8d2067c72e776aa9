package io.slipway.card;

import org.agrona.DirectBuffer;

/** Receives one fixed-size record read from a card ring; valid only for the call. */
@FunctionalInterface
public interface RecordHandler
{
    void onRecord(DirectBuffer buffer, int offset, int length);
}
