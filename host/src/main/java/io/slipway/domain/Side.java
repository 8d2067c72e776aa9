package io.slipway.domain;

/** Order side; codes match the card's SLIPWAY_SIDE_* and FIX Side (54) where FIX has them. */
public enum Side
{
    BUY(1, '1', 1),
    SELL(2, '2', -1);

    private final int cardCode;
    private final char fixCode;
    private final int sign;

    Side(final int cardCode, final char fixCode, final int sign)
    {
        this.cardCode = cardCode;
        this.fixCode = fixCode;
        this.sign = sign;
    }

    public int cardCode()
    {
        return cardCode;
    }

    public char fixCode()
    {
        return fixCode;
    }

    /** +1 for a buy, -1 for a sell: the sign of the position change a fill causes. */
    public int sign()
    {
        return sign;
    }

    public Side opposite()
    {
        return this == BUY ? SELL : BUY;
    }

    public static Side fromCardCode(final int code)
    {
        switch (code)
        {
            case 1: return BUY;
            case 2: return SELL;
            default: throw new IllegalArgumentException("unknown side code " + code);
        }
    }

    /** Returns null for a FIX side Slipway does not trade (short sell, cross, ...). */
    public static Side fromFixCode(final char code)
    {
        switch (code)
        {
            case '1': return BUY;
            case '2': return SELL;
            default: return null;
        }
    }
}
