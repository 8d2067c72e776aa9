package io.slipway.domain;

/**
 * Child order types; {@link #cardCode()} is the card's SLIPWAY_ORD_TYPE_* code.
 *
 * <p>POST_ONLY is a limit order that must not take liquidity. The card's risk gate checks it as a
 * limit order (same price collar, same notional checks), so it carries the LIMIT card code; only
 * the venue enforces the post-only flag, from its own order-type byte in the order-entry message.
 */
public enum OrderType
{
    LIMIT(1),
    IOC(2),
    MARKET(3),
    POST_ONLY(1);

    private final int cardCode;

    OrderType(final int cardCode)
    {
        this.cardCode = cardCode;
    }

    public int cardCode()
    {
        return cardCode;
    }

    /**
     * The order type behind a card code. Code 1 is LIMIT: a card descriptor does not say whether
     * a limit order was post-only, so the plain limit is the only honest reading of it.
     */
    public static OrderType fromCardCode(final int code)
    {
        for (final OrderType type : values())
        {
            if (type.cardCode == code)
            {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown order type code " + code);
    }
}
