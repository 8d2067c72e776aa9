package io.slipway.core;

import io.slipway.core.rfq.DealerBandit;
import io.slipway.core.rfq.RfqSizer;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.venue.VenueKind;
import io.slipway.venue.VenueRules;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The core's RFQ desk. On a fresh slice of a parent whose StrategyParameters allow it, it asks a
 * few dealers, chosen by a {@link DealerBandit}, for a partial size from {@link RfqSizer} and
 * holds that size out of lit placement. When every dealer asked has answered, or the wait is
 * over, it prices the best quote against the modelled all-in cost of continuing on the lit
 * venues ({@link LitCost#continuationBps}) and takes it with an IOC at the quoted price only when
 * it is at least {@code rfqMinImprovementBps} cheaper; whatever is not taken goes back to the
 * schedule at once. Each dealer's arm learns from its quote's improvement on the lit cost, from
 * declines and last-look refusals (a fixed penalty), and one minute after a fill from the fill's
 * markout, which is where a dealer's leaky hedging shows. Every decision is made on the core's
 * thread from its inputs and seeded streams: the same inputs ask the same dealers for the same sizes.
 */
final class DealerDesk
{
    /** Reward of a decline, a silent dealer or a refusal at last look, in bps. */
    static final double DECLINE_REWARD_BPS = -2.0;
    /** Rewards are clipped so one wild quote or markout cannot swamp the posterior. */
    static final double REWARD_CLIP_BPS = 25.0;
    /** A dealer fill is marked out this long after it to measure leakage. */
    static final long LEAKAGE_HORIZON_NS = 60_000_000_000L;
    /** A volatility ratio above this is the stressed regime. */
    static final double STRESSED_VOLATILITY_RATIO = 1.5;

    private static final int MAX_VENUES = 8;

    private final ExecutionCore core;
    private final CoreContext context;
    private final TradingVenue[] venues;
    private final VenueBook[][] books;
    private final RfqSink sink;
    private final DealerBandit bandit;
    private final LitCost litCost = new LitCost();
    private final List<Rfq> open = new ArrayList<>();
    private final Long2ObjectHashMap<Taken> taken = new Long2ObjectHashMap<>();
    private final List<Taken> awaitingMarkout = new ArrayList<>();
    private final int[] candidates = new int[MAX_VENUES];
    private final int[] chosen = new int[MAX_VENUES];
    private final int dealerMask;
    private final int litMask;
    /** Per venue id: the feedback loop's dealer cost against the mid, bps (NaN: no prior), and its observations. */
    private final double[] priorCostBps = new double[MAX_VENUES];
    private final double[] priorObservations = new double[MAX_VENUES];
    private final int priorMask;
    private long rfqSequence;
    private long requestsSent;
    private long quotesTaken;

    private static final class Rfq
    {
        final long rfqId;
        final ParentOrder parent;
        final long quantity;
        final int context;
        final long deadlineNs;
        int askedMask;
        int answeredMask;
        final long[] prices = new long[MAX_VENUES];
        final long[] quantities = new long[MAX_VENUES];
        final long[] validUntilNs = new long[MAX_VENUES];

        Rfq(final long rfqId, final ParentOrder parent, final long quantity, final int context, final long deadlineNs)
        {
            this.rfqId = rfqId;
            this.parent = parent;
            this.quantity = quantity;
            this.context = context;
            this.deadlineNs = deadlineNs;
        }
    }

    private static final class Taken
    {
        final int venueId;
        final int context;
        final int instrumentId;
        final int sign;
        double price;
        long markoutDueNs;

        Taken(final int venueId, final int context, final int instrumentId, final int sign)
        {
            this.venueId = venueId;
            this.context = context;
            this.instrumentId = instrumentId;
            this.sign = sign;
        }
    }

    DealerDesk(final ExecutionCore core, final CoreContext context, final TradingVenue[] venues,
        final VenueBook[][] books, final RfqSink sink)
    {
        this.core = core;
        this.context = context;
        this.venues = venues;
        this.books = books;
        this.sink = sink;
        this.bandit = new DealerBandit(MAX_VENUES, 0.0, 1.0, 5.0, context.rfqSeed());
        int dealers = 0;
        int lit = 0;
        for (int v = 0; v < venues.length; v++)
        {
            if (venues[v] != null)
            {
                dealers |= venues[v].kind() == VenueKind.DEALER ? 1 << v : 0;
                lit |= venues[v].kind() == VenueKind.EXCHANGE ? 1 << v : 0;
            }
        }
        this.dealerMask = sink == RfqSink.NONE ? 0 : dealers;
        this.litMask = lit;
        int priors = 0;
        Arrays.fill(priorCostBps, Double.NaN);
        for (int v = 0; v < venues.length; v++)
        {
            final VenuePriors.Prior prior = venues[v] == null || venues[v].kind() != VenueKind.DEALER ? null :
                context.venuePriors().prior(venues[v].name());
            if (prior != null)
            {
                priorCostBps[v] = prior.costBps();
                priorObservations[v] = context.venuePriors().observations(prior.venue());
                priors |= 1 << v;
            }
        }
        this.priorMask = priors;
    }

    DealerBandit bandit()
    {
        return bandit;
    }

    long requestsSent()
    {
        return requestsSent;
    }

    long quotesTaken()
    {
        return quotesTaken;
    }

    /** Venues the lit cost is modelled on (exchanges). */
    int litMask()
    {
        return litMask;
    }

    /**
     * Asks dealers for part of what the parent may place now; returns the quantity held back for
     * them (0 when nothing was asked).
     */
    long request(final ParentOrder parent, final long allowed, final int routableMask, final long nowNs)
    {
        final int usable = dealerMask & routableMask & parent.parameters.venueMask();
        if (!parent.parameters.rfqAllowed() || usable == 0 || parent.rfqReserved > 0 || allowed <= 0)
        {
            return 0;
        }
        final Instrument instrument = parent.instrument;
        final double mid = core.compositeMid(instrument);
        if (!(mid > 0))
        {
            return 0;
        }
        long lot = 0;
        double minNotional = 0;
        int count = 0;
        for (int v = 0; v < MAX_VENUES; v++)
        {
            final VenueRules rules = ((usable >>> v) & 1) == 0 ? null : venues[v].rules(instrument);
            if (rules != null)
            {
                candidates[count++] = v;
                lot = Math.max(lot, rules.lotSize());
                minNotional = Math.max(minNotional, rules.minNotional());
            }
        }
        if (count == 0)
        {
            return 0;
        }
        final RfqSizer sizer = sizer(parent);
        final long size = sizer.size(allowed, parent.quantity, lot, Long.MAX_VALUE);
        if (size <= 0 || instrument.qtyToDouble(size) * mid < minNotional)
        {
            return 0;
        }
        final double volatilityRatio = core.instrumentRisk(instrument).volatilityRatio();
        final int ctx = DealerBandit.context(instrument.qtyToDouble(size) * mid,
            volatilityRatio > STRESSED_VOLATILITY_RATIO);
        if (priorMask != 0)
        {
            startFromPriors(parent, size, mid, candidates, count);
        }
        final int n = bandit.choose(ctx, candidates, count, context.rfqDealersPerRequest(), chosen);
        final Rfq rfq = new Rfq(++rfqSequence, parent, size, ctx,
            nowNs + Math.min(context.rfqQuoteWaitNs(), context.sliceIntervalNs()));
        for (int i = 0; i < n; i++)
        {
            final int venueId = chosen[i];
            parent.record.onRfq(venueId);
            if (sink.requestQuote(venueId, rfq.rfqId, instrument, parent.side, size))
            {
                rfq.askedMask |= 1 << venueId;
                requestsSent++;
            }
            else
            {
                parent.record.onQuoteDeclined(venueId);
                bandit.update(venueId, ctx, DECLINE_REWARD_BPS);
            }
        }
        if (rfq.askedMask == 0)
        {
            return 0;
        }
        open.add(rfq);
        parent.rfqReserved = size;
        return size;
    }

    /**
     * The fitted dealer priors in the bandit's reward units, for this request. The arm's reward is a quote's
     * improvement on the modelled lit cost, L - q, both in bps against the mid, positive when it costs. The
     * feedback loop measured the dealer's fills at c bps against the mid at each fill, so a quote from it is
     * expected to cost about c and to improve on this request's lit cost by L - c (clipped as rewards are). The
     * prior carries that as n pseudo-observations on top of the default prior: mean (w0 m0 + n (L - c)) / (w0 + n),
     * weight w0 + n, with n at most {@link VenuePriors#MAX_OBSERVATIONS}, so the dealer's own quotes in this run
     * soon outweigh it. L depends on the books and the size, so it is worked out per request; with no lit cost to
     * compare (no lit level at all) the arm keeps the default prior.
     */
    private void startFromPriors(final ParentOrder parent, final long size, final double mid, final int[] arms,
        final int count)
    {
        final double litBps = litCost.continuationBps(parent.instrument, parent.side, size, parent.quantity,
            context.sliceIntervalNs() / 1e9, mid, continuationModel(parent), venues, books, litMask);
        final double w0 = bandit.defaultPriorWeight();
        final double m0 = bandit.defaultPriorMean();
        for (int i = 0; i < count; i++)
        {
            final int v = arms[i];
            if (((priorMask >>> v) & 1) == 0)
            {
                continue;
            }
            if (Double.isNaN(litBps))
            {
                bandit.defaultPrior(v);
                continue;
            }
            final double n = priorObservations[v];
            final double improvement = clip(litBps - priorCostBps[v]);
            bandit.armPrior(v, (w0 * m0 + n * improvement) / (w0 + n), w0 + n);
        }
    }

    /** When the parent's open request must be decided at the latest, or Long.MAX_VALUE. */
    long deadlineNs(final ParentOrder parent)
    {
        final Rfq rfq = find(parent);
        return rfq == null ? Long.MAX_VALUE : rfq.deadlineNs;
    }

    void onQuote(final int venueId, final long rfqId, final long price, final long quantity, final long validUntilNs,
        final long nowNs)
    {
        final Rfq rfq = find(rfqId);
        if (rfq == null || venueId < 0 || venueId >= MAX_VENUES || ((rfq.askedMask >>> venueId) & 1) == 0 ||
            ((rfq.answeredMask >>> venueId) & 1) != 0 || price <= 0 || quantity <= 0)
        {
            return; // late, unasked or repeated: a quote we did not wait for is simply not taken
        }
        rfq.answeredMask |= 1 << venueId;
        rfq.prices[venueId] = price;
        rfq.quantities[venueId] = quantity;
        rfq.validUntilNs[venueId] = validUntilNs;
        if (rfq.answeredMask == rfq.askedMask)
        {
            decide(rfq, nowNs);
        }
    }

    void onQuoteDeclined(final int venueId, final long rfqId, final long nowNs)
    {
        final Rfq rfq = find(rfqId);
        if (rfq == null || venueId < 0 || venueId >= MAX_VENUES || ((rfq.askedMask >>> venueId) & 1) == 0 ||
            ((rfq.answeredMask >>> venueId) & 1) != 0)
        {
            return;
        }
        rfq.answeredMask |= 1 << venueId;
        rfq.prices[venueId] = 0;
        if (rfq.answeredMask == rfq.askedMask)
        {
            decide(rfq, nowNs);
        }
    }

    /** Decides the parent's open request if its wait is over; the parent's action calls this first. */
    void onParentAction(final ParentOrder parent, final long nowNs)
    {
        final Rfq rfq = find(parent);
        if (rfq != null && nowNs >= rfq.deadlineNs)
        {
            decide(rfq, nowNs);
        }
    }

    /** The parent stops placing (done, canceling, expired, killed): its open request is dropped untaken. */
    void drop(final ParentOrder parent)
    {
        final Rfq rfq = find(parent);
        if (rfq != null)
        {
            open.remove(rfq);
            parent.rfqReserved = 0;
        }
    }

    /** The cost of continuing at the impact fit the parent started with, not whatever fit is current now. */
    private AcModel continuationModel(final ParentOrder parent)
    {
        if (parent.continuationModel == null)
        {
            parent.continuationModel = new AcModel(context.annualVolatility(),
                context.effectiveImpactBpsPerHour(parent.impactFit), context.riskAversion());
        }
        return parent.continuationModel;
    }

    private void decide(final Rfq rfq, final long nowNs)
    {
        open.remove(rfq);
        final ParentOrder parent = rfq.parent;
        parent.rfqReserved = 0;
        parent.nextActionNs = Math.min(parent.nextActionNs, nowNs);
        final Instrument instrument = parent.instrument;
        final int sign = parent.side == Side.BUY ? 1 : -1;
        final double mid = core.compositeMid(instrument);
        final double litBps = mid > 0 ? litCost.continuationBps(instrument, parent.side, rfq.quantity,
            parent.quantity, context.sliceIntervalNs() / 1e9, mid, continuationModel(parent), venues, books, litMask) :
            Double.NaN;
        int best = -1;
        double bestBps = Double.NaN;
        for (int v = 0; v < MAX_VENUES; v++)
        {
            if (((rfq.askedMask >>> v) & 1) == 0)
            {
                continue;
            }
            final boolean quoted = ((rfq.answeredMask >>> v) & 1) != 0 && rfq.prices[v] > 0;
            if (!quoted)
            {
                parent.record.onQuoteDeclined(v);
                bandit.update(v, rfq.context, DECLINE_REWARD_BPS);
                continue;
            }
            final double quoteBps = quoteCostBps(sign, instrument.priceToDouble(rfq.prices[v]), mid);
            final double improvement = litBps - quoteBps;
            parent.record.onQuote(v, improvement);
            if (!Double.isNaN(improvement))
            {
                bandit.update(v, rfq.context, clip(improvement));
            }
            if (nowNs <= rfq.validUntilNs[v] && (best < 0 || quoteBps < bestBps))
            {
                best = v;
                bestBps = quoteBps;
            }
        }
        if (best < 0 || parent.done || parent.isCanceling() || parent.operatorHeld || nowNs >= parent.endNs ||
            core.isPlacingHalted() || !(litBps - bestBps >= context.rfqMinImprovementBps()))
        {
            return;
        }
        final VenueRules rules = venues[best].rules(instrument);
        long quantity = Math.min(Math.min(rfq.quantities[best], rfq.quantity),
            parent.quantity - parent.filled - parent.inFlight);
        quantity = rules.roundDownToLot(quantity);
        if (quantity <= 0 || instrument.notional(rfq.prices[best], quantity) < rules.minNotional())
        {
            return;
        }
        final ChildOrder child = core.sendChild(parent, best, OrderType.IOC, rfq.prices[best], quantity);
        if (child != null)
        {
            parent.record.onQuoteAccepted(best);
            taken.put(child.clientOrderId, new Taken(best, rfq.context, instrument.id(), sign));
            quotesTaken++;
        }
    }

    /** A fill on a dealer: its markout a minute on is the dealer's leakage reward. */
    void onDealerFill(final long clientOrderId, final double price, final long nowNs)
    {
        final Taken t = taken.remove(clientOrderId);
        if (t != null)
        {
            t.price = price;
            t.markoutDueNs = nowNs + LEAKAGE_HORIZON_NS;
            awaitingMarkout.add(t);
        }
    }

    /** A dealer refused our take at last look, or the take closed unfilled. */
    void onDealerRefused(final long clientOrderId, final ParentOrder parent)
    {
        final Taken t = taken.remove(clientOrderId);
        if (t != null)
        {
            parent.record.onDealerRefusal(t.venueId);
            bandit.update(t.venueId, t.context, DECLINE_REWARD_BPS);
        }
    }

    /** Resolves the leakage markouts that are due. */
    void onMid(final int instrumentId, final double mid, final long nowNs)
    {
        for (int i = 0; i < awaitingMarkout.size(); i++)
        {
            final Taken t = awaitingMarkout.get(i);
            if (t.instrumentId == instrumentId && nowNs >= t.markoutDueNs)
            {
                bandit.update(t.venueId, t.context, clip(t.sign * (mid - t.price) / t.price * 1e4));
                awaitingMarkout.remove(i--);
            }
        }
    }

    /**
     * The desk's state for {@link ExecutionCore#describeState()}: request numbering, every open
     * request with what each dealer answered, the takes awaiting their fill or markout and the
     * bandit's posterior, so a replay can be shown to rebuild the dealers' side exactly.
     */
    void describe(final StringBuilder out)
    {
        out.append("rfq sequence=").append(rfqSequence).append(" requests=").append(requestsSent)
            .append(" taken=").append(quotesTaken).append(" bandit=").append(bandit)
            .append(" means=");
        for (final double mean : bandit.means())
        {
            out.append(Long.toHexString(Double.doubleToRawLongBits(mean))).append(',');
        }
        out.append('\n');
        for (int i = 0, n = open.size(); i < n; i++)
        {
            final Rfq rfq = open.get(i);
            out.append("rfq ").append(rfq.rfqId).append(" parent=").append(rfq.parent.sequence)
                .append(" qty=").append(rfq.quantity).append(" ctx=").append(rfq.context)
                .append(" deadlineNs=").append(rfq.deadlineNs).append(" asked=").append(rfq.askedMask)
                .append(" answered=").append(rfq.answeredMask);
            for (int v = 0; v < MAX_VENUES; v++)
            {
                if (((rfq.answeredMask >>> v) & 1) != 0)
                {
                    out.append(' ').append(v).append(':').append(rfq.quantities[v]).append('@').append(rfq.prices[v])
                        .append('<').append(rfq.validUntilNs[v]);
                }
            }
            out.append('\n');
        }
        final long[] takenIds = new long[taken.size()];
        int n = 0;
        for (final Long2ObjectHashMap<Taken>.KeyIterator it = taken.keySet().iterator(); it.hasNext(); )
        {
            takenIds[n++] = it.nextLong();
        }
        java.util.Arrays.sort(takenIds);
        for (final long id : takenIds)
        {
            out.append("take ").append(id).append(" venue=").append(taken.get(id).venueId).append('\n');
        }
        for (int i = 0, m = awaitingMarkout.size(); i < m; i++)
        {
            final Taken t = awaitingMarkout.get(i);
            out.append("markout venue=").append(t.venueId).append(" dueNs=").append(t.markoutDueNs).append(" price=")
                .append(Long.toHexString(Double.doubleToRawLongBits(t.price))).append('\n');
        }
    }

    /** Cost in bps of the mid of a fill at {@code price}: positive when worse than the mid. */
    static double quoteCostBps(final int sign, final double price, final double mid)
    {
        return sign * (price - mid) / mid * 1e4;
    }

    private static double clip(final double bps)
    {
        return Math.max(-REWARD_CLIP_BPS, Math.min(REWARD_CLIP_BPS, bps));
    }

    private RfqSizer sizer(final ParentOrder parent)
    {
        if (parent.rfqSizer == null)
        {
            // One stream per parent, so another order's requests do not shift this one's sizes.
            parent.rfqSizer = new RfqSizer(context.rfqSeed() * 0x9E3779B97F4A7C15L + parent.sequence, 0.5,
                context.rfqMaxParentFraction());
        }
        return parent.rfqSizer;
    }

    private Rfq find(final long rfqId)
    {
        for (int i = 0, n = open.size(); i < n; i++)
        {
            if (open.get(i).rfqId == rfqId)
            {
                return open.get(i);
            }
        }
        return null;
    }

    private Rfq find(final ParentOrder parent)
    {
        for (int i = 0, n = open.size(); i < n; i++)
        {
            if (open.get(i).parent == parent)
            {
                return open.get(i);
            }
        }
        return null;
    }
}
