package io.slipway.sim.market;

/** Why a matching engine refused a request; a refused request changes nothing. */
public enum RejectReason
{
    NONE("accepted"),
    UNKNOWN_INSTRUMENT("unknown instrument"),
    INVALID_QUANTITY("quantity must be positive"),
    INVALID_PRICE("price must be positive"),
    OFF_TICK("price is not a multiple of the tick size"),
    NOT_LOT_MULTIPLE("quantity is not a multiple of the lot size"),
    BELOW_MIN_QUANTITY("quantity below the minimum quantity"),
    BELOW_MIN_NOTIONAL("notional below the minimum notional"),
    DUPLICATE_CLIENT_ORDER_ID("duplicate client order id"),
    UNKNOWN_ORDER("unknown order"),
    MALFORMED_MESSAGE("malformed order-entry message"),
    VENUE_OUTAGE("venue outage"),
    POST_ONLY_WOULD_TAKE(io.slipway.venue.VenueListener.POST_ONLY_WOULD_TAKE),
    RATE_LIMITED("rate limit exceeded"),
    RECEIVE_WINDOW_EXPIRED(io.slipway.venue.VenueListener.RECEIVE_WINDOW_EXPIRED),
    UNSUPPORTED("not supported by this venue");

    private final String text;

    RejectReason(final String text)
    {
        this.text = text;
    }

    /**
     * A venue's trading rules applied to one order, in the order every simulated venue checks
     * them; the minimum notional is valued at the order's price.
     */
    public static RejectReason checkRules(final io.slipway.venue.VenueRules rules,
        final io.slipway.domain.Instrument instrument, final long price, final long quantity)
    {
        if (quantity <= 0)
        {
            return INVALID_QUANTITY;
        }
        if (price <= 0)
        {
            return INVALID_PRICE;
        }
        if (!rules.isOnTick(price))
        {
            return OFF_TICK;
        }
        if (quantity % rules.lotSize() != 0)
        {
            return NOT_LOT_MULTIPLE;
        }
        if (quantity < rules.minQuantity())
        {
            return BELOW_MIN_QUANTITY;
        }
        if (instrument.notional(price, quantity) < rules.minNotional())
        {
            return BELOW_MIN_NOTIONAL;
        }
        return NONE;
    }

    public String text()
    {
        return text;
    }
}
