package io.slipway.learn;

import io.slipway.analytics.ImpactFit;
import io.slipway.core.VenuePriors;
import io.slipway.domain.Side;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.TcaReport;
import io.slipway.venue.VenueKind;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The feedback loop: every finished order's TCA refits the square-root impact coefficient Y and
 * the venue priors. Impact is regressed through the origin on the square-root law
 * I = Y sigma_d sqrt(Q / V_d) (field notes 1; Donier and Bonart 2015): with the interval's
 * participation p = Q / V over a horizon of T days, Q / V_d = p T, so the regressor is
 * x = sigma_d sqrt(p T).
 *
 * <p>The response is the order's own impact only: the quantity-weighted impact its own earlier
 * flow had already put into the price at each of its fills ({@code ImpactModel.hostFillImpactCost}
 * on the simulated market, the split {@code eval} prints). Timing, the price moving by itself, is
 * left out: over 4 h its SD is about 60 bps against 5 to 10 bps of impact, so a fit on the whole
 * price cost learned the drift of the last few orders instead of the impact. A market that cannot
 * tell its own impact from drift gives no observation of Y (see {@link #observe(TcaReport, double, double)}).
 *
 * <p>The own impact is what the fills met on the way up, not the peak the law names: under the
 * propagator G(tau) ~ tau^(-1/2) a constant-rate metaorder has put c sqrt(t) of impact into the price
 * after a share t of its horizon, and its fills meet the mean of sqrt(t) over [0, 1], 2/3 of the peak.
 * The response is therefore {@link #PEAK_OVER_MET} times the own impact. Other schedules meet another
 * share of their peak (on 1,000 BTC over 4 h ADAPTIVE_AC met 4.7 bps where TWAP met 5.7), and one-minute
 * slices meet less than a continuous rate, so the fit is exact only for constant-rate orders.
 *
 * <p>The fit is shrunk toward the prior Y = 1 by the number of orders it has seen (Buhlmann
 * credibility; the field notes give the prior, not the weighting): the orders' own least-squares
 * Y_orders = sum(x y) / sum(x^2) gets the weight Z = n / (n + {@link #PRIOR_WEIGHT}), so the prior is
 * worth five orders and Y = Z Y_orders + (1 - Z) Y_prior ({@link #fit(String)}). Within the orders the
 * regression weights each by x^2; across them, each finished order counts once toward Z, so a run of
 * small orders, which all see the same market, moves Y as surely as a few large ones.
 *
 * <p>Venue and dealer priors are quantity-weighted means of each venue's fills against the composite
 * mid at the fill's own time (the last mid sample before it, at most a second earlier), bps, positive
 * when it cost: what the venue charged at the moment, as the placement bandit's observation measures
 * fills against the mid at the slice's release. The price's drift over the order never enters them
 * ({@link #observeFills(ExecutionRecord)}). Dealers are the venues of kind DEALER.
 * Deterministic: the same orders in the same order give the same fit.
 */
public final class ImpactFeedback
{
    public static final double PRIOR_Y = 1.0;
    /** How many orders the prior is worth: k of the credibility weight n / (n + k). */
    static final double PRIOR_WEIGHT = 5.0;
    static final String EXCHANGE = "EXCHANGE";
    /** How many folded order keys are kept: far more than orders can finish between two writes of the file. */
    public static final int MAX_FOLDED = 4_096;
    /** {@link #lastFoldedNs()} before any order was folded in by key. */
    public static final long NONE_FOLDED = Long.MIN_VALUE;
    /** Peak impact over the mean impact a constant-rate metaorder's fills meet (see the class comment). */
    static final double PEAK_OVER_MET = 1.5;

    private double sumXx;
    private double sumXy;
    private double sumYy;
    private long orders;
    private String lastRefit = "none";
    private final Map<String, double[]> venues = new TreeMap<>();
    private final Map<String, String> kinds = new TreeMap<>();
    /** Orders folded in by key, oldest first, at most {@link #MAX_FOLDED}: what makes a refit happen once. */
    private final LinkedHashSet<String> folded = new LinkedHashSet<>();
    private long lastFoldedNs = NONE_FOLDED;

    /** Impact coefficient Y now. */
    public double impactCoefficient()
    {
        return shrunk(sumXx, sumXy, orders);
    }

    /** The orders' own least-squares Y, before shrinking; NaN before the first order. */
    public double ordersCoefficient()
    {
        return orders == 0 ? Double.NaN : sumXy / sumXx;
    }

    /** Z: the share of {@link #impactCoefficient()} that comes from the orders rather than the prior. */
    public double credibility()
    {
        return orders / (orders + PRIOR_WEIGHT);
    }

    private static double shrunk(final double sumXx, final double sumXy, final long orders)
    {
        if (orders == 0)
        {
            return PRIOR_Y;
        }
        final double z = orders / (orders + PRIOR_WEIGHT);
        return z * (sumXy / sumXx) + (1.0 - z) * PRIOR_Y;
    }

    /**
     * Z times the standard error of the orders' own Y, from the residuals of y = Y x over the orders:
     * s^2 = (sum(y^2) - sum(x y)^2 / sum(x^2)) / (n - 1), SE = s / sqrt(sum(x^2)). NaN before two orders.
     */
    public double standardError()
    {
        if (orders < 2)
        {
            return Double.NaN;
        }
        final double residual = Math.max(0.0, sumYy - sumXy * sumXy / sumXx);
        return credibility() * Math.sqrt(residual / (orders - 1) / sumXx);
    }

    /** The fit as the pre-trade and the core read it, labelled with where it came from. */
    public ImpactFit fit(final String source)
    {
        return new ImpactFit(impactCoefficient(), PRIOR_Y, orders, credibility(), standardError(), source);
    }

    public long orders()
    {
        return orders;
    }

    /** Who refitted last and from what (the command, its scenarios, seeds, episodes and code version), for the reader. */
    public String lastRefit()
    {
        return lastRefit;
    }

    public ImpactFeedback lastRefit(final String value)
    {
        if (value == null || value.isBlank() || value.indexOf('\n') >= 0)
        {
            throw new IllegalArgumentException("lastRefit is one non-blank line");
        }
        lastRefit = value;
        return this;
    }

    /**
     * One finished order's numbers.
     *
     * @param ownImpactBps  the filled part's own impact: the mean impact of the order's own earlier flow in the
     *                      price at its fills, bps, positive when it cost (no timing, spread or fees)
     * @param participation filled quantity over the market's volume while it worked
     * @param horizonDays   how long it worked, in days
     * @param dailySigmaBps daily volatility, bps
     */
    public void observeOwnImpact(final double ownImpactBps, final double participation, final double horizonDays,
        final double dailySigmaBps)
    {
        if (!Double.isFinite(ownImpactBps) || !(participation > 0) || !(horizonDays > 0) || !(dailySigmaBps > 0))
        {
            throw new IllegalArgumentException("an observation needs a finite own impact and positive " +
                "participation, horizon and volatility");
        }
        final double x = dailySigmaBps * Math.sqrt(participation * horizonDays);
        final double newXx = sumXx + x * x;
        final double y = PEAK_OVER_MET * ownImpactBps;
        final double newXy = sumXy + x * y;
        final double fitted = shrunk(newXx, newXy, orders + 1);
        if (!(fitted >= ImpactFit.MIN_COEFFICIENT && fitted <= ImpactFit.MAX_COEFFICIENT))
        {
            // A fit the pre-trade and the schedules would refuse is not written: the observation is out of line.
            throw new IllegalArgumentException("an own impact of " + ownImpactBps + " bps would take the impact " +
"coefficient to " + fitted + ", outside [" + ImpactFit.MIN_COEFFICIENT + ", " + ImpactFit.MAX_COEFFICIENT +
                "]; the observation is refused");
        }
        sumXx = newXx;
        sumXy = newXy;
        sumYy += y * y;
        orders++;
    }

    /**
     * A finished order's TCA and its own impact, on a market of this annual volatility. The TCA's price cost
     * (spread, impact and timing together) does not enter the impact fit, and neither do its venue averages
     * against arrival, which carry the drift: venue and dealer priors come from {@link #observeFills}.
     * An order that filled nothing, or worked no time, changes nothing.
     *
     * @param ownImpactBps the own impact of the order's filled part, bps (see {@link #observeOwnImpact}); a
     *                     market that does not measure it (a replay, a real venue) has no observation of Y to give,
     *                     and passing NaN is refused so that no caller falls back to the whole price cost
     */
    public void observe(final TcaReport tca, final double ownImpactBps, final double annualVolatility)
    {
        if (!Double.isFinite(ownImpactBps) || !(annualVolatility > 0))
        {
            throw new IllegalArgumentException("the impact refit needs the order's own impact (finite, was " +
                ownImpactBps + ") and a positive volatility (was " + annualVolatility + ")");
        }
        final double days = (tca.completedNs() - tca.startNs()) / 86_400e9;
        if (tca.filledQty() <= 0 || !(tca.participation() > 0) || !(days > 0))
        {
            return;
        }
        observeOwnImpact(ownImpactBps, tca.participation(), days, annualVolatility * 1e4 / Math.sqrt(365.25));
    }

    /**
     * A finished order's fills refit the venue and dealer priors: each fill against the composite mid at its own
     * time, the last mid sample strictly before it (so the fill's own impact on the mid is not in its reference),
     * signed so that a cost is positive. A fill's venue without a kind counts as an exchange.
     */
    public void observeFills(final ExecutionRecord record)
    {
        final double sign = record.side() == Side.SELL ? -1.0 : 1.0;
        int mid = 0;
        final Map<String, double[]> byVenue = new TreeMap<>();
        for (int i = 0; i < record.fillCount(); i++)
        {
            final long timeNs = record.fillTimeNs(i);
            while (mid + 1 < record.midCount() && record.midTimeNs(mid + 1) < timeNs)
            {
                mid++;
            }
            final double reference = record.mid(mid);
            final double price = record.instrument().priceToDouble(record.fillPrice(i));
            final double quantity = record.instrument().qtyToDouble(record.fillQuantity(i));
            final String kind = record.venueKind(record.fillVenue(i));
            final double[] sums = byVenue.computeIfAbsent(
                record.venueName(record.fillVenue(i)) + '\0' + (kind == null ? EXCHANGE : kind), v -> new double[2]);
            sums[0] += sign * (price - reference) / reference * 1e4 * quantity;
            sums[1] += quantity;
        }
        for (final Map.Entry<String, double[]> entry : byVenue.entrySet())
        {
            final String[] venueAndKind = entry.getKey().split("\0", 2);
            final double[] sums = entry.getValue();
            venuePrior(venueAndKind[0], venueAndKind[1], sums[0] / sums[1], sums[1]);
        }
    }

    void venuePrior(final String venue, final String kind, final double costBps, final double quantity)
    {
        final double[] prior = venues.computeIfAbsent(venue, v -> new double[2]);
        kinds.put(venue, kind);
        prior[1] += quantity;
        prior[0] += (costBps - prior[0]) * quantity / prior[1];
    }

    /** EXCHANGE, DEALER or AMM, as the TCA names venue kinds; null before any fill there. */
    public String venueKind(final String venue)
    {
        return kinds.get(venue);
    }

    /** A venue's quantity-weighted mean cost against the mid at each fill's time, bps; NaN before any fill there. */
    public double venueCostBps(final String venue)
    {
        final double[] prior = venues.get(venue);
        return prior == null ? Double.NaN : prior[0];
    }

    public List<String> venueNames()
    {
        return new ArrayList<>(venues.keySet());
    }

    /**
     * The venue and dealer priors as the core's bandits read them ({@code CoreContext.venuePriors}): every venue
     * with fills, its kind, its mean cost against the mid at each fill and the quantity behind it.
     */
    public VenuePriors venuePriors()
    {
        final VenuePriors.Builder builder = VenuePriors.builder();
        for (final Map.Entry<String, double[]> entry : venues.entrySet())
        {
            builder.prior(entry.getKey(), VenueKind.valueOf(kinds.get(entry.getKey())), entry.getValue()[0],
                entry.getValue()[1]);
        }
        return builder.build();
    }

    double venueQuantity(final String venue)
    {
        final double[] prior = venues.get(venue);
        return prior == null ? 0 : prior[1];
    }

    /**
     * The key a finished order is folded in under: its order id and arrival time, which a journal replay of the same
     * parent repeats and another run's parent of the same id (sequences restart with a fresh journal) does not.
     */
    public static String foldKey(final ExecutionRecord record)
    {
        return record.orderId() + '@' + record.arrivalNs();
    }

    /** True when the order of this key has already been folded in (its observation must not count twice). */
    public boolean hasFolded(final String key)
    {
        return folded.contains(key);
    }

    /**
     * Notes that the order of this key, completed at {@code completedNs}, is folded in: call it with the observations
     * it belongs to, before the file is written. The oldest key is forgotten past {@link #MAX_FOLDED}.
     *
     * @throws IllegalArgumentException for a key that is blank, has white space or is over 128 characters, or one
     *                                  already folded; nothing changes then
     */
    public void fold(final String key, final long completedNs)
    {
        checkFoldKey(key);
        if (!folded.add(key))
        {
            throw new IllegalArgumentException("order " + key + " is already folded in");
        }
        if (folded.size() > MAX_FOLDED)
        {
            final Iterator<String> oldest = folded.iterator();
            oldest.next();
            oldest.remove();
        }
        lastFoldedNs = Math.max(lastFoldedNs, completedNs);
    }

    /** Keys of the orders folded in, oldest first (at most {@link #MAX_FOLDED}). */
    public List<String> foldedKeys()
    {
        return new ArrayList<>(folded);
    }

    /**
     * Completion time of the latest order folded in by key, or {@link #NONE_FOLDED}. Orders are folded in as they
     * complete, so an order that completed after it and is not folded was lost (a crash before the file was written).
     */
    public long lastFoldedNs()
    {
        return lastFoldedNs;
    }

    static void checkFoldKey(final String key)
    {
        if (key == null || key.isEmpty() || key.length() > 128 || key.chars().anyMatch(Character::isWhitespace))
        {
            throw new IllegalArgumentException("a folded order key is 1..128 characters without white space, was '" +
                key + "'");
        }
    }

    void restoreFolded(final List<String> keys, final long lastNs)
    {
        folded.clear();
        folded.addAll(keys);
        lastFoldedNs = lastNs;
    }

    /** An independent copy: a refit works on it and replaces the original only once the file holds it. */
    public ImpactFeedback copy()
    {
        final ImpactFeedback copy = of(sumXx, sumXy, sumYy, orders);
        copy.lastRefit = lastRefit;
        for (final Map.Entry<String, double[]> venue : venues.entrySet())
        {
            copy.restoreVenue(venue.getKey(), kinds.get(venue.getKey()), venue.getValue()[0], venue.getValue()[1]);
        }
        copy.restoreFolded(foldedKeys(), lastFoldedNs);
        return copy;
    }

    /** Rebuilds a fit from its stored sums (see {@link FeedbackFile}). */
    static ImpactFeedback of(final double sumXx, final double sumXy, final double sumYy, final long orders)
    {
        // Cauchy-Schwarz: sum(x y)^2 <= sum(x^2) sum(y^2) for any real orders; sums that break it were not fitted.
        if (!Double.isFinite(sumXx) || !Double.isFinite(sumXy) || !Double.isFinite(sumYy) || orders < 0 || sumXx < 0 ||
            sumYy < 0 || (orders > 0) != (sumXx > 0) || (orders == 0 && (sumXy != 0 || sumYy != 0)) ||
            sumXy * sumXy > sumXx * sumYy * (1 + 1e-9))
        {
            throw new IllegalArgumentException("impact fit sums must be finite, orders >= 0, sumXx > 0 exactly " +
                "when there are orders (all sums 0 without), and sumXy^2 <= sumXx sumYy");
        }
        final ImpactFeedback feedback = new ImpactFeedback();
        feedback.sumXx = sumXx;
        feedback.sumXy = sumXy;
        feedback.sumYy = sumYy;
        feedback.orders = orders;
        return feedback;
    }

    void restoreVenue(final String venue, final String kind, final double costBps, final double quantity)
    {
        venues.put(venue, new double[] {costBps, quantity});
        kinds.put(venue, kind);
    }

    double sumXx()
    {
        return sumXx;
    }

    double sumXy()
    {
        return sumXy;
    }

    double sumYy()
    {
        return sumYy;
    }
}
