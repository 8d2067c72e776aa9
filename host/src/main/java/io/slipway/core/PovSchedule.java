package io.slipway.core;

/**
 * Percentage of volume: the target is a fixed participation rate p of the volume printed on the
 * instrument's tape since the order started, as the core sees it (all venues; the parent's own
 * fills are counted when a venue prints them, so p is a share of total volume), capped at the
 * order's quantity. Checked on a short clock so it follows the tape; it does not speed up to
 * finish, so a quiet market leaves the order incomplete at its end time, as POV should.
 */
public final class PovSchedule extends SlicedSchedule
{
    private final double rate;
    private long observedVolume;

    public PovSchedule(final long startNs, final long endNs, final long checkIntervalNs, final long quantity,
        final double rate)
    {
        super(startNs, endNs, checkIntervalNs, quantity);
        if (!(rate > 0.0 && rate < 1.0))
        {
            throw new IllegalArgumentException("participation rate must be in (0, 1), was " + rate);
        }
        this.rate = rate;
    }

    @Override
    public long targetAfterSlice(final int slice)
    {
        return Math.min(quantity, (long)Math.floor(rate * observedVolume));
    }

    @Override
    public void onMarketTrade(final long price, final long quantity, final long nowNs)
    {
        if (quantity > 0)
        {
            observedVolume += quantity;
        }
    }

    public long observedVolume()
    {
        return observedVolume;
    }
}
