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
 * x = sigma_d sqrt(p T) and the response is the order's price cost before fees (spread, impact
 * and timing). The prior Y = 1 enters as {@link #PRIOR_WEIGHT} pseudo-observations at a typical
 * x, so a few noisy orders move it only a little; timing noise averages out over many orders.
 * Venue priors are running means of each venue's fill price against arrival (bps, positive when
 * it cost) weighted by quantity. Deterministic: the same orders in the same order give the same fit.
 */
public final class ImpactFeedback
{
    public static final double PRIOR_Y = 1.0;
    static final double PRIOR_WEIGHT = 5.0;
    static final double PRIOR_X_BPS = 20.0;

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
     * @param priceCostBps  the filled part's cost against arrival before fees, bps (spread + impact + timing)
     * @param participation filled quantity over the market's volume while it worked
     * @param horizonDays   how long it worked, in days
     * @param dailySigmaBps daily volatility, bps
     */
    public void observe(final double priceCostBps, final double participation, final double horizonDays,
        final double dailySigmaBps)
    {
        if (!Double.isFinite(priceCostBps) || !(participation > 0) || !(horizonDays > 0) || !(dailySigmaBps > 0))
        {
            throw new IllegalArgumentException("an observation needs a finite cost and positive participation, " +
                "horizon and volatility");
        }
        final double x = dailySigmaBps * Math.sqrt(participation * horizonDays);
        sumXx += x * x;
        sumXy += x * priceCostBps;
        orders++;
    }

    /** A finished order's TCA, on a market of this annual volatility. */
    public void observe(final TcaReport tca, final double annualVolatility)
    {
        final double days = (tca.completedNs() - tca.startNs()) / 86_400e9;
        if (tca.filledQty() <= 0 || !(tca.participation() > 0) || !(days > 0))
        {
            return;
        }
        observe(tca.priceImpactBps(), tca.participation(), days, annualVolatility * 1e4 / Math.sqrt(365.25));
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
