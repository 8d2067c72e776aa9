package io.slipway.domain;

import java.util.List;

/** The instruments this build trades. Ids are card instrument ids (bit positions in the enable mask). */
public final class Instruments
{
    /** Cents and micro-BTC: covers every recorded Binance BTC tick (0.01) and lot (0.00001). */
    public static final Instrument BTC_USD = new Instrument(1, "BTC-USD", -2, -6);
    /** Cents and micro-ETH: covers Binance ETH ticks (0.01) and lots (0.0001). */
    public static final Instrument ETH_USD = new Instrument(2, "ETH-USD", -2, -6);

    private static final List<Instrument> ALL = List.of(BTC_USD, ETH_USD);

    private Instruments()
    {
    }

    public static List<Instrument> all()
    {
        return ALL;
    }

    /** Returns null when the symbol is not traded. */
    public static Instrument bySymbol(final String symbol)
    {
        for (final Instrument instrument : ALL)
        {
            if (instrument.symbol().equals(symbol))
            {
                return instrument;
            }
        }
        return null;
    }

    public static Instrument byId(final int id)
    {
        for (final Instrument instrument : ALL)
        {
            if (instrument.id() == id)
            {
                return instrument;
            }
        }
        throw new IllegalArgumentException("unknown instrument id " + id);
    }
}
