package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;

/** Every match on every simulated venue, the host's included: the market tape (for interval VWAP). */
@FunctionalInterface
public interface MarketTradeListener
{
    MarketTradeListener NONE = (venue, instrument, price, quantity, aggressorSide, timeNs) -> {};

    void onMarketTrade(int venue, Instrument instrument, long price, long quantity, Side aggressorSide, long timeNs);
}
