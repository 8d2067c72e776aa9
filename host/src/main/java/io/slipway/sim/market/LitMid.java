package io.slipway.sim.market;

import io.slipway.domain.Instrument;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The composite lit mid that off-book liquidity (dealers, the AMM arbitrageur) prices from:
 * the mean of the two-sided book mids of the simulated exchanges, read directly from their
 * books (a dealer is co-located with the lit venues it hedges on, so it sees them without feed
 * latency). Before any book is two-sided it falls back to the latent mid, which the liquidity
 * quotes around, so the two agree at the start of a world.
 */
public final class LitMid
{
    private final List<SimulatedExchange> exchanges;
    private final ToDoubleFunction<Instrument> fallback;

    public LitMid(final List<SimulatedExchange> exchanges, final ToDoubleFunction<Instrument> fallback)
    {
        this.exchanges = List.copyOf(exchanges);
        this.fallback = fallback;
    }

    /** Composite mid in quote currency. */
    public double mid(final Instrument instrument)
    {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < exchanges.size(); i++)
        {
            final OrderBook book = exchanges.get(i).book(instrument);
            if (book == null)
            {
                continue;
            }
            final long bid = book.bestBid();
            final long ask = book.bestAsk();
            if (bid == Long.MIN_VALUE || ask == Long.MAX_VALUE)
            {
                continue;
            }
            sum += 0.5 * (instrument.priceToDouble(bid) + instrument.priceToDouble(ask));
            count++;
        }
        return count == 0 ? fallback.applyAsDouble(instrument) : sum / count;
    }
}
