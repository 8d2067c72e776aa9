package io.slipway.journal;

import io.slipway.core.ChildOrderSink;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;

/** A child-order sink that fails the test on any use: replays must send nothing. */
final class RefusingChildOrders implements ChildOrderSink
{
    @Override
    public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument, final Side side,
        final OrderType type, final long price, final long quantity)
    {
        throw new AssertionError("a replay sent child order " + clientOrderId);
    }

    @Override
    public void reportFill(final long clientOrderId, final Instrument instrument, final Side side, final long quantity)
    {
        throw new AssertionError("a replay reported a fill to the card for " + clientOrderId);
    }

    @Override
    public void reportRelease(final long clientOrderId, final Instrument instrument, final Side side,
        final long quantity)
    {
        throw new AssertionError("a replay reported a release to the card for " + clientOrderId);
    }
}
