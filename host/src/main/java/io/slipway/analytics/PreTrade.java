package io.slipway.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pre-trade estimates for one parent order against the books as they stand: the cost of
 * executing it at once, the expected cost and its standard deviation as a function of the
 * horizon, a recommended horizon for a risk aversion, and the visible liquidity by venue.
 * All costs are in basis points of the order's notional at the composite mid, before fees,
 * positive when they hurt.
 *
 * <p>Immediate execution walks the consolidated book (all venues' levels on the side the order
 * takes, best price first). Any quantity beyond the visible book is assumed to fill at the last
 * visible price worsened by the square-root law I = Y sigma_d sqrt(Q_rest / V_d) (Donier and
 * Bonart 2015), here written 2 c sqrt(Q_rest) with the world's impact coefficient
 * c = Y sigma_d / (2 sqrt(V_d)).
 *
 * <p>Over a horizon T the order is costed with Almgren and Chriss (2000) on one-minute slices:
 * half the composite spread as the fixed cost epsilon; a linear temporary impact eta set so
 * that a TWAP slice pays what walking the book with Q / N costs beyond the half spread; and,
 * for every schedule, the impact the earlier slices leave behind, 2/3 of the square-root law's
 * peak (it builds like sqrt(t) at a constant rate) times (N - 1) / N. The square-root term does
 * not depend on T (the law holds whatever the duration), so longer horizons buy smaller slices
 * at the price of timing risk. Volatility is the world's annual figure. The recommended horizon
 * minimises E + lambda V of an even schedule over a log-spaced grid from one minute to one day.
 * The optimal trajectory is solved with that linear impact, then priced by walking the book
 * with each of its slices, so its larger early slices pay what the book really asks.
 */
public final class PreTrade
{
    public static final double SECONDS_PER_DAY = 86_400.0;
    private static final double SECONDS_PER_YEAR = 365.25 * SECONDS_PER_DAY;
    private static final double STEP_SECONDS = 60.0;
    private static final int MAX_STEPS = 1440;
    private static final double[] HORIZON_GRID = horizonGrid();
    private static final double MIN_IMPACT_BPS = 1e-6;

    /** Visible liquidity of one venue on the side the order takes. */
    public record VenueLiquidity(String venue, double bestPrice, double within10Bps, double within25Bps,
        double visible)
    {
    }

    /** Cost of executing the whole order now. */
    public record Immediate(double visibleFilled, double averagePrice, double bookCostBps, double beyondBook,
        double beyondCostBps, double totalCostBps)
    {
    }

    /** Expected cost and SD over one horizon, for the optimal trajectory at the risk aversion and for TWAP. */
    public record HorizonCost(double horizonSeconds, double expectedBps, double sdBps, double twapExpectedBps,
        double twapSdBps)
    {
    }

    private final boolean sell;
    private final double quantity;
    private final double mid;
    private final double halfSpreadBps;
    private final double sigmaBpsPerSqrtSecond;
    private final double impactCoefficient;
    private final List<VenueLiquidity> venues = new ArrayList<>();
    private ImpactFit impactFit;
    private final List<double[]> levels = new ArrayList<>();

    /**
     * @param sell              whether the order sells (it then takes bids)
     * @param quantity          order size in base units
     * @param mid               composite mid
     * @param halfSpreadBps     half the composite spread, in bps of the mid
     * @param annualVolatility  annualised volatility (0.5 = 50%/yr)
     * @param impactCoefficient c = Y sigma_d / (2 sqrt(V_d)), relative price per sqrt(base unit)
     */
    public PreTrade(final boolean sell, final double quantity, final double mid, final double halfSpreadBps,
        final double annualVolatility, final double impactCoefficient)
    {
        if (!(quantity > 0) || !(mid > 0) || !(annualVolatility > 0) || !(impactCoefficient > 0) || halfSpreadBps < 0)
        {
            throw new IllegalArgumentException("quantity, mid, volatility and impact must be positive, half spread not negative");
        }
        this.sell = sell;
        this.quantity = quantity;
        this.mid = mid;
        this.halfSpreadBps = halfSpreadBps;
        this.sigmaBpsPerSqrtSecond = annualVolatility * 1e4 / Math.sqrt(SECONDS_PER_YEAR);
        this.impactCoefficient = impactCoefficient;
    }

    /** Adds a venue's levels on the side the order takes (prices and base quantities, best first). */
    public PreTrade venue(final String name, final double[] prices, final double[] quantities)
    {
        double within10 = 0.0;
        double within25 = 0.0;
        double visible = 0.0;
        for (int i = 0; i < prices.length; i++)
        {
            final double distanceBps = Math.abs(prices[i] - mid) / mid * 1e4;
            if (distanceBps <= 10.0)
            {
                within10 += quantities[i];
            }
            if (distanceBps <= 25.0)
            {
                within25 += quantities[i];
            }
            visible += quantities[i];
            levels.add(new double[] {prices[i], quantities[i]});
        }
        venues.add(new VenueLiquidity(name, prices.length == 0 ? Double.NaN : prices[0], within10, within25, visible));
        return this;
    }

    public List<VenueLiquidity> venues()
    {
        return venues;
    }

    /** Records that the impact coefficient is the feedback loop's fit, so the estimates can say which Y they used. */
    public PreTrade impactFit(final ImpactFit fit)
    {
        impactFit = fit;
        return this;
    }

    /** The fit the impact coefficient came from; null when it is the world's calibrated one. */
    public ImpactFit impactFit()
    {
        return impactFit;
    }

    public double quantity()
    {
        return quantity;
    }

    public double mid()
    {
        return mid;
    }

    public Immediate immediate()
    {
        return walk(quantity);
    }

    /** Walks the consolidated book with {@code size}; the part beyond it pays the square-root law. */
    private Immediate walk(final double size)
    {
        final double[][] book = levels.toArray(new double[0][]);
        // Best first: highest bid for a sell, lowest ask for a buy; ties in insertion order.
        Arrays.sort(book, (a, b) -> sell ? Double.compare(b[0], a[0]) : Double.compare(a[0], b[0]));
        double left = size;
        double notional = 0.0;
        double lastPrice = mid;
        for (final double[] level : book)
        {
            if (left <= 0)
            {
                break;
            }
            final double take = Math.min(left, level[1]);
            notional += take * level[0];
            left -= take;
            lastPrice = level[0];
        }
        final double filled = size - left;
        final double average = filled > 0 ? notional / filled : mid;
        final double bookCostBps = filled > 0 ? signedCostBps(average) : 0.0;
        double beyondCostBps = 0.0;
        if (left > 0)
        {
            final double impact = 2.0 * impactCoefficient * Math.sqrt(left);
            final double price = sell ? lastPrice * (1.0 - impact) : lastPrice * (1.0 + impact);
            beyondCostBps = signedCostBps(price);
        }
        final double total = (filled * bookCostBps + left * beyondCostBps) / size;
        return new Immediate(filled, average, bookCostBps, left, beyondCostBps, total);
    }

    /** Square-root law peak impact of the whole order, bps: I = Y sigma_d sqrt(Q / V_d) = 2 c sqrt(Q). */
    public double squareRootImpactBps()
    {
        return 2.0 * impactCoefficient * Math.sqrt(quantity) * 1e4;
    }

    /** Cost beyond the half spread of walking the book with one slice of a TWAP over the horizon, bps. */
    public double sliceWalkBps(final double horizonSeconds)
    {
        final double slice = quantity / steps(horizonSeconds);
        return Math.max(walk(slice).totalCostBps() - halfSpreadBps, MIN_IMPACT_BPS);
    }

    /**
     * What the market's response to the earlier slices adds, bps: the square-root law's impact
     * builds like sqrt(t) at a constant rate, so the order pays on average 2/3 of its peak, less
     * the share of the first slice, which meets an untouched book.
     */
    public double accumulatedImpactBps(final double horizonSeconds)
    {
        final int steps = steps(horizonSeconds);
        return 2.0 / 3.0 * squareRootImpactBps() * (steps - 1) / steps;
    }

    public HorizonCost horizon(final double horizonSeconds, final double riskAversionPerBps)
    {
        final AlmgrenChriss ac = model(horizonSeconds, riskAversionPerBps);
        final double[] twap = ac.linearTrajectory();
        final double accumulated = accumulatedImpactBps(horizonSeconds);
        return new HorizonCost(horizonSeconds, accumulated + walkedCostBps(ac.trajectory()),
            Math.sqrt(ac.variance()), accumulated + ac.expectedCost(twap), Math.sqrt(ac.variance(twap)));
    }

    /** Cost of a trajectory (fractions of the order) when every slice walks the book on its own, bps. */
    private double walkedCostBps(final double[] x)
    {
        double cost = 0.0;
        for (int k = 1; k < x.length; k++)
        {
            final double n = x[k - 1] - x[k];
            if (n > 0)
            {
                cost += n * walk(n * quantity).totalCostBps();
            }
        }
        return cost;
    }

    /**
     * Horizon on the grid (1 min .. 1 day) minimising E + lambda V of an even (TWAP) schedule
     * over it. The even schedule is used because its slices are the size the linear impact was
     * calibrated at; a strongly front-loaded optimal trajectory would take larger slices than
     * the linearisation prices.
     */
    public double recommendedHorizonSeconds(final double riskAversionPerBps)
    {
        double best = HORIZON_GRID[0];
        double bestObjective = Double.MAX_VALUE;
        for (final double horizon : HORIZON_GRID)
        {
            final AlmgrenChriss ac = model(horizon, riskAversionPerBps);
            final double[] twap = ac.linearTrajectory();
            final double objective = accumulatedImpactBps(horizon) + ac.expectedCost(twap) +
                riskAversionPerBps * ac.variance(twap);
            if (objective < bestObjective)
            {
                bestObjective = objective;
                best = horizon;
            }
        }
        return best;
    }

    /** In units of the order: quantity 1, costs in bps; eta set so a TWAP slice pays {@link #sliceWalkBps}. */
    private AlmgrenChriss model(final double horizonSeconds, final double riskAversionPerBps)
    {
        final double eta = sliceWalkBps(horizonSeconds) * horizonSeconds;
        return new AlmgrenChriss(1.0, horizonSeconds, steps(horizonSeconds), sigmaBpsPerSqrtSecond, halfSpreadBps,
            0.0, eta, riskAversionPerBps);
    }

    private static int steps(final double horizonSeconds)
    {
        return (int)Math.max(1, Math.min(MAX_STEPS, Math.round(horizonSeconds / STEP_SECONDS)));
    }

    private double signedCostBps(final double price)
    {
        return (sell ? mid - price : price - mid) / mid * 1e4;
    }

    private static double[] horizonGrid()
    {
        final int points = 49;
        final double[] grid = new double[points];
        for (int i = 0; i < points; i++)
        {
            grid[i] = 60.0 * Math.pow(SECONDS_PER_DAY / 60.0, i / (double)(points - 1));
        }
        return grid;
    }
}
