package io.slipway.card;

import org.agrona.DirectBuffer;

/** Receives the bytes of one order message as they left the card on a venue port. */
@FunctionalInterface
public interface TransmitHandler
{
    void onTransmit(int venue, DirectBuffer buffer, int offset, int length);
}
