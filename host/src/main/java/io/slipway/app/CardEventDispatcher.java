package io.slipway.app;

import io.slipway.card.Card;
import io.slipway.card.CompletionRecord;
import io.slipway.card.MarketDataRecord;
import io.slipway.card.NicLayout;
import io.slipway.core.CoreInput;
import io.slipway.venue.Venue;
import org.agrona.DirectBuffer;

/**
 * Moves what the card produced to where it belongs: market-data records and risk-gate verdicts
 * into the execution core, transmitted order messages onto their venue's port. One instance
 * per card, used on the core's thread.
 */
public final class CardEventDispatcher
{
    private final Card card;
    private final CoreInput core;
    private final Venue[] venuesById;
    private final MarketDataRecord marketData = new MarketDataRecord();
    private final CompletionRecord completion = new CompletionRecord();
    private final long clockKhz;
    private long nowNs;
    private long clockOriginNs = Long.MIN_VALUE;
    private long cyclesAdvanced;
    private long feedAlerts;

    private final io.slipway.card.RecordHandler onMarketData = this::onMarketData;
    private final io.slipway.card.RecordHandler onCompletion = this::onCompletion;
    private final io.slipway.card.TransmitHandler onTransmit = this::onTransmit;

    public CardEventDispatcher(final Card card, final CoreInput core, final Venue[] venuesById)
    {
        this.card = card;
        this.core = core;
        this.venuesById = venuesById.clone();
        this.clockKhz = card.readRegister(NicLayout.IDENTITY_BASE + NicLayout.ID_CLOCK_KHZ) & 0xFFFF_FFFFL;
        if (clockKhz == 0)
        {
            throw new IllegalStateException("card reports a zero clock frequency");
        }
    }

    /** Lets the card run and drains all it produced; returns the number of records moved. */
    public int dispatch(final long nowNs)
    {
        this.nowNs = nowNs;
        syncCardClock(nowNs);
        int moved = 0;
        int batch;
        do
        {
            card.process();
            batch = card.pollMarketData(onMarketData, 256);
            batch += card.pollCompletions(onCompletion, 256);
            batch += card.pollTransmit(onTransmit, 256);
            moved += batch;
        }
        while (batch > 0);
        return moved;
    }

    /**
     * Lets the card's clock follow the host's (real or simulated) so time-based card state, such
     * as the throttle's token buckets, sees the same elapsed time. Computed from a fixed origin in
     * whole milliseconds plus the remainder, so it neither drifts nor overflows.
     */
    private void syncCardClock(final long nowNs)
    {
        if (clockOriginNs == Long.MIN_VALUE)
        {
            clockOriginNs = nowNs;
            return;
        }
        final long elapsedNs = nowNs - clockOriginNs;
        final long target = (elapsedNs / 1_000_000L) * clockKhz + (elapsedNs % 1_000_000L) * clockKhz / 1_000_000L;
        if (target > cyclesAdvanced)
        {
            card.advanceClock(target - cyclesAdvanced);
            cyclesAdvanced = target;
        }
    }

    /** Feed-status records (gaps, decode errors) seen so far. */
    public long feedAlerts()
    {
        return feedAlerts;
    }

    private void onMarketData(final DirectBuffer buffer, final int offset, final int length)
    {
        marketData.wrap(buffer, offset);
        final int venue = marketData.venue();
        final int instrument = marketData.instrument();
        switch (marketData.type())
        {
            case NicLayout.MD_TYPE_BBO:
                core.onBbo(venue, instrument, marketData.price0(), marketData.qty0(), marketData.price1(),
                    marketData.qty1(), nowNs);
                break;
            case NicLayout.MD_TYPE_BOOK_LEVEL:
                core.onBookLevel(venue, instrument, marketData.hasFlag(NicLayout.MD_FLAG_BID), marketData.price0(),
                    marketData.qty0(), nowNs);
                break;
            case NicLayout.MD_TYPE_TRADE:
                core.onTrade(venue, instrument, marketData.price0(), marketData.qty0(), nowNs);
                break;
            case NicLayout.MD_TYPE_FEED_STATUS:
                feedAlerts++;
                break;
            default:
                throw new IllegalStateException("card produced unknown market-data record type " + marketData.type());
        }
    }

    private void onCompletion(final DirectBuffer buffer, final int offset, final int length)
    {
        completion.wrap(buffer, offset);
        switch (completion.type())
        {
            case NicLayout.CMP_TYPE_SENT:
                core.onCardVerdict(completion.clientOrderId(), true, NicLayout.REASON_NONE, nowNs);
                break;
            case NicLayout.CMP_TYPE_REJECTED:
                core.onCardVerdict(completion.clientOrderId(), false, completion.reason(), nowNs);
                break;
            default:
                // Trigger firings have no armed triggers to answer to in this build.
                throw new IllegalStateException("card produced completion type " + completion.type() +
                    " but the host armed no trigger");
        }
    }

    private void onTransmit(final int venue, final DirectBuffer buffer, final int offset, final int length)
    {
        final Venue target = venue > 0 && venue < venuesById.length ? venuesById[venue] : null;
        if (target == null)
        {
            throw new IllegalStateException("card transmitted on port " + venue + " where no venue is connected");
        }
        target.onOrderMessage(buffer, offset, length);
    }
}
