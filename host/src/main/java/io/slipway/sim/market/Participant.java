package io.slipway.sim.market;

import io.slipway.domain.Side;

/** A simulated market participant trading directly inside a venue (no wire, no latency). */
public interface Participant
{
    void onOwnFill(
        int instrumentId, long clientOrderId, Side side, long price, long quantity, boolean maker, long timeNs);

    void onOwnDone(int instrumentId, long clientOrderId, long releasedQuantity, long timeNs);
}
