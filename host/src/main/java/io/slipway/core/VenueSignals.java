package io.slipway.core;

/**
 * What the core learns about each venue from its own inputs, for the passive split: the rate
 * at which the tape trades there (an exponentially decayed sum of printed quantity, so a burst
 * counts for about {@link #FLOW_TIME_CONSTANT_NS}), and how toxic the core's own passive fills
 * have been (the adverse move of the composite mid {@link #MARKOUT_HORIZON_NS} after each maker
 * fill, in bps, averaged with weight {@link #MARKOUT_WEIGHT}). A venue whose fills are followed
 * by adverse moves is where informed flow or a spoofer picks off resting orders; its average
 * markout is charged against its passive saving and above {@link #TOXIC_MARKOUT_BPS} the venue is
 * not posted on at all. Everything is driven by the times the inputs carry.
 */
public final class VenueSignals
{
    static final long FLOW_TIME_CONSTANT_NS = 60_000_000_000L;
    static final long MARKOUT_HORIZON_NS = 5_000_000_000L;
    static final double MARKOUT_WEIGHT = 0.2;
    static final double TOXIC_MARKOUT_BPS = 3.0;
    static final int MIN_MARKOUTS = 3;
    private static final int MAX_PENDING = 256;

    private final int venues;
    private final int instruments;
    private final double[] decayedQuantity;
    private final long[] lastTradeNs;
    private final double[] markoutBps;
    private final int[] markoutCount;

    // Ring of maker fills waiting for their markout horizon; oldest first, so checks stop early.
    private final int[] pendingVenue = new int[MAX_PENDING];
    private final int[] pendingInstrument = new int[MAX_PENDING];
    private final boolean[] pendingSell = new boolean[MAX_PENDING];
    private final double[] pendingPrice = new double[MAX_PENDING];
    private final long[] pendingDueNs = new long[MAX_PENDING];
    private int pendingHead;
    private int pendingCount;

    public VenueSignals(final int venues, final int instruments)
    {
        this.venues = venues;
        this.instruments = instruments;
        this.decayedQuantity = new double[venues * instruments];
        this.lastTradeNs = new long[venues * instruments];
        this.markoutBps = new double[venues];
        this.markoutCount = new int[venues];
    }

    public void onTrade(final int venueId, final int instrumentId, final double quantity, final long nowNs)
    {
        final int i = venueId * instruments + instrumentId;
        decayedQuantity[i] = decayed(i, nowNs) + quantity;
        lastTradeNs[i] = nowNs;
    }

    /** Quantity (instrument scale, as a double) the tape prints per second on this venue, both sides. */
    public double tradeRatePerSecond(final int venueId, final int instrumentId, final long nowNs)
    {
        return decayed(venueId * instruments + instrumentId, nowNs) / (FLOW_TIME_CONSTANT_NS / 1e9);
    }

    private double decayed(final int i, final long nowNs)
    {
        if (decayedQuantity[i] == 0.0)
        {
            return 0.0;
        }
        final double age = Math.max(0, nowNs - lastTradeNs[i]);
        return decayedQuantity[i] * StrictMath.exp(-age / FLOW_TIME_CONSTANT_NS);
    }

    /** A maker fill of ours, to be marked out against the composite mid after the horizon. */
    public void onMakerFill(final int venueId, final int instrumentId, final boolean sell, final double price,
        final long nowNs)
    {
        if (pendingCount == MAX_PENDING)
        {
            // A burst larger than the ring: the oldest fill goes unmarked rather than blocking.
            pendingHead = (pendingHead + 1) % MAX_PENDING;
            pendingCount--;
        }
        final int slot = (pendingHead + pendingCount) % MAX_PENDING;
        pendingVenue[slot] = venueId;
        pendingInstrument[slot] = instrumentId;
        pendingSell[slot] = sell;
        pendingPrice[slot] = price;
        pendingDueNs[slot] = nowNs + MARKOUT_HORIZON_NS;
        pendingCount++;
    }

    /** Marks out the fills of this instrument whose horizon has passed, against the mid now. */
    public void onMid(final int instrumentId, final double mid, final long nowNs)
    {
        while (pendingCount > 0 && pendingDueNs[pendingHead] <= nowNs)
        {
            final int slot = pendingHead;
            if (pendingInstrument[slot] != instrumentId)
            {
                // Fills of other instruments wait for their own mid; they are rare in one core.
                break;
            }
            final double price = pendingPrice[slot];
            final double adverse = (pendingSell[slot] ? mid - price : price - mid) / price * 1e4;
            final int venue = pendingVenue[slot];
            markoutBps[venue] = markoutCount[venue] == 0 ? adverse :
                markoutBps[venue] + MARKOUT_WEIGHT * (adverse - markoutBps[venue]);
            markoutCount[venue]++;
            pendingHead = (pendingHead + 1) % MAX_PENDING;
            pendingCount--;
        }
    }

    /** Average adverse markout of this venue's maker fills in bps; 0 before any. */
    public double markoutBps(final int venueId)
    {
        return markoutBps[venueId];
    }

    public int markoutCount(final int venueId)
    {
        return markoutCount[venueId];
    }

    /** True when enough maker fills there were followed by adverse moves to stop posting there. */
    public boolean isToxic(final int venueId)
    {
        return markoutCount[venueId] >= MIN_MARKOUTS && markoutBps[venueId] > TOXIC_MARKOUT_BPS;
    }

    int venues()
    {
        return venues;
    }
}
