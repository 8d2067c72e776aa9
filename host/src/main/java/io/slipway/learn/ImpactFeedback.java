package io.slipway.learn;

import io.slipway.tca.TcaReport;
import io.slipway.tca.VenueBreakdown;

import java.util.ArrayList;
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
 * <p>The prior Y = 1 enters as {@link #PRIOR_WEIGHT} pseudo-observations at a typical x, so a
 * few orders move it only a little. Venue priors are running means of each venue's fill price
 * against arrival (bps, positive when it cost) weighted by quantity; they still carry the timing of
 * the orders that filled there. Deterministic: the same orders in the same order give the same fit.
 */
public final class ImpactFeedback
{
    public static final double PRIOR_Y = 1.0;
    static final double PRIOR_WEIGHT = 5.0;
    static final double PRIOR_X_BPS = 20.0;
    /** Peak impact over the mean impact a constant-rate metaorder's fills meet (see the class comment). */
    static final double PEAK_OVER_MET = 1.5;

    private double sumXx = PRIOR_WEIGHT * PRIOR_X_BPS * PRIOR_X_BPS;
    private double sumXy = PRIOR_WEIGHT * PRIOR_X_BPS * PRIOR_X_BPS * PRIOR_Y;
    private long orders;
    private final Map<String, double[]> venues = new TreeMap<>();

    /** Impact coefficient Y now. */
    public double impactCoefficient()
    {
        return sumXy / sumXx;
    }

    public long orders()
    {
        return orders;
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
        sumXx += x * x;
        sumXy += x * PEAK_OVER_MET * ownImpactBps;
        orders++;
    }

    /**
     * A finished order's TCA and its own impact, on a market of this annual volatility. The TCA's price cost
     * (spread, impact and timing together) does not enter the impact fit; only the venue priors read the TCA's
     * fills. An order that filled nothing, or worked no time, changes nothing.
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
        for (final VenueBreakdown venue : tca.venues())
        {
            if (venue.quantity() > 0)
            {
                final boolean sell = "SELL".equals(tca.side());
                final double cost = (sell ? tca.arrivalMid() - venue.averagePrice() :
                    venue.averagePrice() - tca.arrivalMid()) / tca.arrivalMid() * 1e4;
                venuePrior(venue.venue(), cost, venue.quantity());
            }
        }
    }

    void venuePrior(final String venue, final double costBps, final double quantity)
    {
        final double[] prior = venues.computeIfAbsent(venue, v -> new double[2]);
        prior[1] += quantity;
        prior[0] += (costBps - prior[0]) * quantity / prior[1];
    }

    /** A venue's quantity-weighted mean cost against arrival, bps; NaN before any fill there. */
    public double venueCostBps(final String venue)
    {
        final double[] prior = venues.get(venue);
        return prior == null ? Double.NaN : prior[0];
    }

    public List<String> venueNames()
    {
        return new ArrayList<>(venues.keySet());
    }

    double venueQuantity(final String venue)
    {
        final double[] prior = venues.get(venue);
        return prior == null ? 0 : prior[1];
    }

    /** Rebuilds a fit from its stored sums (see {@link FeedbackFile}). */
    static ImpactFeedback of(final double sumXx, final double sumXy, final long orders)
    {
        if (!(sumXx > 0) || !Double.isFinite(sumXy) || orders < 0)
        {
            throw new IllegalArgumentException("impact fit sums must be finite with sumXx > 0 and orders >= 0");
        }
        final ImpactFeedback feedback = new ImpactFeedback();
        feedback.sumXx = sumXx;
        feedback.sumXy = sumXy;
        feedback.orders = orders;
        return feedback;
    }

    void restoreVenue(final String venue, final double costBps, final double quantity)
    {
        venues.put(venue, new double[] {costBps, quantity});
    }

    double sumXx()
    {
        return sumXx;
    }

    double sumXy()
    {
        return sumXy;
    }
}
