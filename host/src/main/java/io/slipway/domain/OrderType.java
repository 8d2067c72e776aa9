package io.slipway.domain;

/** Child order types; codes match the card's SLIPWAY_ORD_TYPE_*. */
public enum OrderType
{
    LIMIT(1),
    IOC(2),
    MARKET(3);

    private final int cardCode;

    OrderType(final int cardCode)
    {
        this.cardCode = cardCode;
    }

    public int cardCode()
    {
        return cardCode;
    }

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
