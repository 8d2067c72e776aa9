package io.slipway.tca;

import io.slipway.domain.Instrument;
import io.slipway.domain.Side;

import java.util.Arrays;

/**
 * Everything post-trade analysis needs about one parent order, collected by the execution core
 * as events arrive: the arrival mid, every fill, and the market tape while the order worked.
 * Plain primitive arrays; the core appends, the TCA reads once the order is done.
 */
public final class ExecutionRecord
{
    private final String orderId;
    private final String clOrdId;
    private final Instrument instrument;
    private final Side side;
    private long orderQty;
    private final String strategy;
    private final long arrivalNs;
    private final long startNs;
    private long endNs;
    private final double arrivalMid;
    private final String[] venueNames;
    private final String[] venueKinds;

    /** After completion the mid path is kept this long, the longest markout horizon, plus one sample. */
    public static final long POST_TRADE_NS = 301_000_000_000L;
    private long postTradeUntilNs = Long.MAX_VALUE;
    private boolean postTradeComplete;

    /** Per venue: requests for quote, quotes, declines (silence included), quotes taken, refusals at last look. */
    private final int[] rfqs;
    private final int[] quotes;
    private final int[] declines;
    private final int[] accepted;
    private final int[] refusals;
    /** Per venue: sum of quotes' improvement on the modelled lit cost (bps) and how many were priced. */
    private final double[] improvementSums;
    private final int[] improvementCounts;

    private int fillCount;
    private long[] fillTimes = new long[64];
    private int[] fillVenues = new int[64];
    private long[] fillPrices = new long[64];
    private long[] fillQuantities = new long[64];
    private double[] fillFees = new double[64];
    private boolean[] fillMaker = new boolean[64];
    private double[] fillHalfSpreads = new double[64];

    /** Composite mid sampled at most once per {@link #MID_SAMPLE_INTERVAL_NS} of core time while the order works. */
    public static final long MID_SAMPLE_INTERVAL_NS = 1_000_000_000L;
    private int midCount;
    private long[] midTimes = new long[256];
    private double[] mids = new double[256];

    /** Participation is reported per five minutes of the order's window. */
    public static final long BUCKET_NS = 300_000_000_000L;
    private double[] bucketVolumes = new double[16];
    private int bucketCount;

    private int targetCount;
    private long[] targetTimes = new long[64];
    private long[] targetQuantities = new long[64];

    private double marketVolume;
    private double marketNotional;
    private long marketTrades;
    private long completedNs;
    private double completionMid;
    private String finalStatus;
    private int childOrders;
    private int childRejectsByCard;
    private final long[] passiveOutcomes = new long[PlacementStats.Outcome.values().length];
    private long passivePosted;
    private long passivePostedQty;
    private long passiveFilledQty;
    private long passiveQueueAhead;
    private long passiveRestingNs;
    private long passiveRestingFilledNs;
    private String marketNote = "";
    private String incompleteReason = "";
    private String clientId = "-";
    private long parentSequence = -1;
    private int replaces;

    public ExecutionRecord(final String orderId, final String clOrdId, final Instrument instrument, final Side side,
        final long orderQty, final String strategy, final long arrivalNs, final long startNs, final long endNs,
        final double arrivalMid, final String[] venueNames)
    {
        this.orderId = orderId;
        this.clOrdId = clOrdId;
        this.instrument = instrument;
        this.side = side;
        this.orderQty = orderQty;
        this.strategy = strategy;
        this.arrivalNs = arrivalNs;
        this.startNs = startNs;
        this.endNs = endNs;
        this.arrivalMid = arrivalMid;
        this.venueNames = venueNames.clone();
        this.venueKinds = new String[venueNames.length];
        this.rfqs = new int[venueNames.length];
        this.quotes = new int[venueNames.length];
        this.declines = new int[venueNames.length];
        this.accepted = new int[venueNames.length];
        this.refusals = new int[venueNames.length];
        this.improvementSums = new double[venueNames.length];
        this.improvementCounts = new int[venueNames.length];
        onMid(arrivalNs, arrivalMid);
    }

    public void onFill(final long timeNs, final int venueId, final long price, final long quantity, final double fee,
        final boolean maker)
    {
        onFill(timeNs, venueId, price, quantity, fee, maker, Double.NaN);
    }

    /**
     * @param halfSpread half the composite spread (price units) when the fill happened, NaN when unknown
     */
    public void onFill(final long timeNs, final int venueId, final long price, final long quantity, final double fee,
        final boolean maker, final double halfSpread)
    {
        if (fillCount == fillTimes.length)
        {
            final int capacity = fillCount * 2;
            fillTimes = Arrays.copyOf(fillTimes, capacity);
            fillVenues = Arrays.copyOf(fillVenues, capacity);
            fillPrices = Arrays.copyOf(fillPrices, capacity);
            fillQuantities = Arrays.copyOf(fillQuantities, capacity);
            fillFees = Arrays.copyOf(fillFees, capacity);
            fillMaker = Arrays.copyOf(fillMaker, capacity);
            fillHalfSpreads = Arrays.copyOf(fillHalfSpreads, capacity);
        }
        fillTimes[fillCount] = timeNs;
        fillVenues[fillCount] = venueId;
        fillPrices[fillCount] = price;
        fillQuantities[fillCount] = quantity;
        fillFees[fillCount] = fee;
        fillMaker[fillCount] = maker;
        fillHalfSpreads[fillCount] = halfSpread;
        fillCount++;
    }

    /** True when a mid sample at this core time would be kept: lets the caller skip computing the mid. */
    public boolean wantsMid(final long timeNs)
    {
        return midCount == 0 || timeNs - midTimes[midCount - 1] >= MID_SAMPLE_INTERVAL_NS;
    }

    /** Keeps the composite mid at this core time if a sample interval has passed since the last one. */
    public void onMid(final long timeNs, final double mid)
    {
        if (wantsMid(timeNs) && !Double.isNaN(mid))
        {
            appendMid(timeNs, mid);
        }
    }

    private void appendMid(final long timeNs, final double mid)
    {
        if (midCount == midTimes.length)
        {
            midTimes = Arrays.copyOf(midTimes, midCount * 2);
            mids = Arrays.copyOf(mids, midCount * 2);
        }
        midTimes[midCount] = timeNs;
        mids[midCount] = mid;
        midCount++;
    }

    /** The schedule's cumulative target quantity once the slice released at this time is due. */
    public void onScheduleTarget(final long timeNs, final long targetQuantity)
    {
        if (targetCount == targetTimes.length)
        {
            targetTimes = Arrays.copyOf(targetTimes, targetCount * 2);
            targetQuantities = Arrays.copyOf(targetQuantities, targetCount * 2);
        }
        targetTimes[targetCount] = timeNs;
        targetQuantities[targetCount] = targetQuantity;
        targetCount++;
    }

    public int bucketCount()
    {
        return bucketCount;
    }

    /** Market volume (all venues, ours included) in participation bucket {@code i}. */
    public double bucketVolume(final int i)
    {
        return bucketVolumes[i];
    }

    public double fillHalfSpread(final int i)
    {
        return fillHalfSpreads[i];
    }

    public int midCount()
    {
        return midCount;
    }

    public long midTimeNs(final int i)
    {
        return midTimes[i];
    }

    public double mid(final int i)
    {
        return mids[i];
    }

    public int targetCount()
    {
        return targetCount;
    }

    public long targetTimeNs(final int i)
    {
        return targetTimes[i];
    }

    public long targetQuantity(final int i)
    {
        return targetQuantities[i];
    }

    /** A print on the market tape (any venue, including our own fills) while the order worked. */
    public void onMarketTrade(final long price, final long quantity)
    {
        onMarketTrade(startNs, price, quantity);
    }

    /** As {@link #onMarketTrade(long, long)}, also counted in its {@link #BUCKET_NS} participation bucket. */
    public void onMarketTrade(final long timeNs, final long price, final long quantity)
    {
        final double qty = instrument.qtyToDouble(quantity);
        final int bucket = (int)Math.max(0, (timeNs - startNs) / BUCKET_NS);
        if (bucket >= bucketVolumes.length)
        {
            bucketVolumes = Arrays.copyOf(bucketVolumes, Math.max(bucket + 1, bucketVolumes.length * 2));
        }
        bucketVolumes[bucket] += qty;
        bucketCount = Math.max(bucketCount, bucket + 1);
        marketVolume += qty;
        marketNotional += qty * instrument.priceToDouble(price);
        marketTrades++;
    }

    public void onChildOrder(final boolean rejectedByCard)
    {
        childOrders++;
        if (rejectedByCard)
        {
            childRejectsByCard++;
        }
    }

    public void complete(final long timeNs, final double mid, final String status)
    {
        completedNs = timeNs;
        completionMid = mid;
        finalStatus = status;
        // The completion mid closes the path whatever the sample interval, so markouts can reach it.
        if (!Double.isNaN(mid) && (midCount == 0 || timeNs > midTimes[midCount - 1]))
        {
            appendMid(timeNs, mid);
        }
    }

    /** Kind of each venue (EXCHANGE, DEALER, AMM) by id, as the core knows them; null entries unknown. */
    public void venueKinds(final String[] kinds)
    {
        for (int i = 0; i < venueKinds.length && i < kinds.length; i++)
        {
            venueKinds[i] = kinds[i];
        }
    }

    /** The venue's kind, or "EXCHANGE" when not told. */
    public String venueKind(final int venueId)
    {
        return venueId >= 0 && venueId < venueKinds.length && venueKinds[venueId] != null ?
            venueKinds[venueId] : "EXCHANGE";
    }

    public void onRfq(final int venueId)
    {
        rfqs[venueId]++;
    }

    /** A quote came back; improvement is the modelled lit cost less the quote's cost in bps (NaN unknown). */
    public void onQuote(final int venueId, final double improvementBps)
    {
        quotes[venueId]++;
        if (!Double.isNaN(improvementBps))
        {
            improvementSums[venueId] += improvementBps;
            improvementCounts[venueId]++;
        }
    }

    public void onQuoteDeclined(final int venueId)
    {
        declines[venueId]++;
    }

    public void onQuoteAccepted(final int venueId)
    {
        accepted[venueId]++;
    }

    public void onDealerRefusal(final int venueId)
    {
        refusals[venueId]++;
    }

    public int rfqs(final int venueId)
    {
        return rfqs[venueId];
    }

    public int quotes(final int venueId)
    {
        return quotes[venueId];
    }

    public int declines(final int venueId)
    {
        return declines[venueId];
    }

    public int quotesAccepted(final int venueId)
    {
        return accepted[venueId];
    }

    public int refusals(final int venueId)
    {
        return refusals[venueId];
    }

    /** Mean improvement of the venue's quotes on the modelled lit cost in bps, NaN when none was priced. */
    public double meanImprovementBps(final int venueId)
    {
        return improvementCounts[venueId] == 0 ? Double.NaN : improvementSums[venueId] / improvementCounts[venueId];
    }

    public int venueCount()
    {
        return venueNames.length;
    }

    /** Until when (core time) the mid path is kept after completion. */
    public void postTradeUntilNs(final long timeNs)
    {
        postTradeUntilNs = timeNs;
    }

    public long postTradeUntilNs()
    {
        return postTradeUntilNs;
    }

    public void postTradeComplete()
    {
        postTradeComplete = true;
    }

    /** True once the mid path covers every markout horizon after completion. */
    public boolean isPostTradeComplete()
    {
        return postTradeComplete;
    }

    /**
     * The core's sequence of the parent (its OrderID is SLP-sequence), the high bits of its children's client order
     * ids: what a world that attributes own impact per parent is asked by ({@code OwnImpactSource}).
     */
    public void parentSequence(final long sequence)
    {
        if (sequence < 1)
        {
            throw new IllegalArgumentException("a parent sequence starts at 1, was " + sequence);
        }
        parentSequence = sequence;
    }

    /** The parent's sequence in the core that worked it, or -1 for a record no core numbered. */
    public long parentSequence()
    {
        return parentSequence;
    }

    /** Who the order is for (the OMS session's CompID), as every child order of it is tagged. */
    public void clientId(final String clientId)
    {
        this.clientId = clientId == null ? "-" : clientId;
    }

    public String clientId()
    {
        return clientId;
    }

    /**
     * The OMS replaced the order: post-trade analysis measures against the quantity and end it
     * last agreed to, so opportunity cost is not charged on quantity the client took back.
     */
    public void onReplace(final long newOrderQty, final long newEndNs)
    {
        orderQty = newOrderQty;
        endNs = newEndNs;
        replaces++;
    }

    /** How many times the OMS replaced the order. */
    public int replaces()
    {
        return replaces;
    }

    /** Why the order finished with quantity unfilled, when the core knows more than "the end time came". */
    public void incompleteReason(final String reason)
    {
        incompleteReason = reason == null ? "" : reason;
    }

    public String incompleteReason()
    {
        return incompleteReason;
    }

    /** What every result from this run must say about the market it ran on (e.g. replay has no impact). */
    public void marketNote(final String note)
    {
        marketNote = note == null ? "" : note;
    }

    public String marketNote()
    {
        return marketNote;
    }

    public String orderId()
    {
        return orderId;
    }

    public String clOrdId()
    {
        return clOrdId;
    }

    public Instrument instrument()
    {
        return instrument;
    }

    public Side side()
    {
        return side;
    }

    public long orderQty()
    {
        return orderQty;
    }

    public String strategy()
    {
        return strategy;
    }

    public long arrivalNs()
    {
        return arrivalNs;
    }

    public long startNs()
    {
        return startNs;
    }

    public long endNs()
    {
        return endNs;
    }

    public double arrivalMid()
    {
        return arrivalMid;
    }

    public String venueName(final int venueId)
    {
        return venueNames[venueId];
    }

    public int fillCount()
    {
        return fillCount;
    }

    public long fillTimeNs(final int i)
    {
        return fillTimes[i];
    }

    public int fillVenue(final int i)
    {
        return fillVenues[i];
    }

    public long fillPrice(final int i)
    {
        return fillPrices[i];
    }

    public long fillQuantity(final int i)
    {
        return fillQuantities[i];
    }

    public double fillFee(final int i)
    {
        return fillFees[i];
    }

    public boolean fillMaker(final int i)
    {
        return fillMaker[i];
    }

    public double marketVolume()
    {
        return marketVolume;
    }

    public double marketNotional()
    {
        return marketNotional;
    }

    public long marketTrades()
    {
        return marketTrades;
    }

    public long completedNs()
    {
        return completedNs;
    }

    public double completionMid()
    {
        return completionMid;
    }

    public String finalStatus()
    {
        return finalStatus;
    }

    public int childOrders()
    {
        return childOrders;
    }

    /** A post-only child was sent with {@code queueAhead} displayed ahead of it at its price. */
    public void onPassivePosted(final long quantity, final long queueAhead)
    {
        passivePosted++;
        passivePostedQty += quantity;
        passiveQueueAhead += queueAhead;
    }

    /** A post-only child closed: how, what of it filled and how long it rested (send to close). */
    public void onPassiveClosed(final PlacementStats.Outcome outcome, final long filledQuantity, final long restingNs)
    {
        passiveOutcomes[outcome.ordinal()]++;
        passiveFilledQty += filledQuantity;
        passiveRestingNs += restingNs;
        if (outcome == PlacementStats.Outcome.FILLED)
        {
            passiveRestingFilledNs += restingNs;
        }
    }

    /** Post-only children still open (not yet closed) count in {@code posted} and in no outcome. */
    public PlacementStats placementStats()
    {
        final long[] o = passiveOutcomes;
        return new PlacementStats(passivePosted, instrument.qtyToDouble(passivePostedQty),
            o[PlacementStats.Outcome.FILLED.ordinal()], o[PlacementStats.Outcome.PARTIAL.ordinal()],
            o[PlacementStats.Outcome.CANCELED_WINDOW.ordinal()], o[PlacementStats.Outcome.CANCELED_SLICE.ordinal()],
            o[PlacementStats.Outcome.CANCELED_OTHER.ordinal()], o[PlacementStats.Outcome.REFUSED_POST_ONLY.ordinal()],
            o[PlacementStats.Outcome.REFUSED_OTHER.ordinal()], o[PlacementStats.Outcome.CLOSED_BY_VENUE.ordinal()],
            instrument.qtyToDouble(passiveFilledQty), instrument.qtyToDouble(passiveQueueAhead), passiveRestingNs,
            passiveRestingFilledNs);
    }

    public int childRejectsByCard()
    {
        return childRejectsByCard;
    }
}
