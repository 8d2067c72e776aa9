package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;

import java.util.List;

/**
 * The child-order sink core tests drive: every NEW is kept in the test's list and accepted, every
 * cancel accepted, fill and release reports ignored (the tests feed the venue's answers themselves).
 */
final class RecordingChildSink implements ChildOrderSink
{
    record Sent(int venue, long clientOrderId, OrderType type, long price, long quantity)
    {
    }

    private final List<Sent> sent;

    RecordingChildSink(final List<Sent> sent)
    {
        this.sent = sent;
    }

    public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument,
        final Side side, final OrderType type, final long price, final long quantity)
    {
        sent.add(new Sent(venueId, clientOrderId, type, price, quantity));
        return true;
    }

    public boolean sendCancel(final int venueId, final long clientOrderId, final Instrument instrument,
        final Side side)
    {
        return true;
    }

    public void reportFill(final long clientOrderId, final Instrument instrument, final Side side,
        final long quantity)
    {
    }

    public void reportRelease(final long clientOrderId, final Instrument instrument, final Side side,
        final long quantity)
    {
    }
}
