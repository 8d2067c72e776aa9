package io.slipway.core;

import io.slipway.domain.OrderType;

/** One child order's life: offered to the card, sent or refused by it, then worked at the venue. */
final class ChildOrder
{
    enum State
    {
        AT_CARD,
        SENT,
        ACKNOWLEDGED,
        DONE
    }

    final long clientOrderId;
    final ParentOrder parent;
    final int venueId;
    final OrderType type;
    final long price;
    final long quantity;
    long filled;
    int cancelsSent;
    State state = State.AT_CARD;

    ChildOrder(final long clientOrderId, final ParentOrder parent, final int venueId, final OrderType type,
        final long price, final long quantity)
    {
        this.clientOrderId = clientOrderId;
        this.parent = parent;
        this.venueId = venueId;
        this.type = type;
        this.price = price;
        this.quantity = quantity;
    }

    long open()
    {
        return state == State.DONE ? 0 : quantity - filled;
    }
}
