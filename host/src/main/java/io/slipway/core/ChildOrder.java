package io.slipway.core;

import io.slipway.domain.OrderType;

/**
 * One child order's life: offered to the card, sent or refused by it, then worked at the venue.
 * Every child carries the parent, strategy and client it was placed for, so whatever sees it
 * (risk, audit, post-trade) can attribute it without asking the core.
 */
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
    final String parentOrderId;
    final Strategy strategy;
    final String clientId;
    final int venueId;
    final OrderType type;
    final long price;
    final long quantity;
    long filled;
    /** A cancel is on its way to the venue; the child stays working until the venue says it is done. */
    boolean cancelSent;
    int cancelsSent;
    State state = State.AT_CARD;
    /** Core time the child was offered to the card: a post-only child's resting time runs from here. */
    long postedNs;
    /** Why we canceled it, if we did (placement statistics); null while we have not. */
    io.slipway.tca.PlacementStats.Outcome cancelCause;
    /** Set when the card or venue refused it, before it closes (placement statistics). */
    io.slipway.tca.PlacementStats.Outcome refusal;

    ChildOrder(final long clientOrderId, final ParentOrder parent, final int venueId, final OrderType type,
        final long price, final long quantity)
    {
        this.clientOrderId = clientOrderId;
        this.parent = parent;
        this.parentOrderId = parent.orderId;
        this.strategy = parent.strategy;
        this.clientId = parent.clientId;
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
