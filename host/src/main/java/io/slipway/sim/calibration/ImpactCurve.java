package io.slipway.sim.calibration;

import io.slipway.app.CardRiskLimits;
import io.slipway.app.SimulatedAppliance;
import io.slipway.core.CoreContext;
import io.slipway.core.Strategy;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.oms.NewParentOrder;
import io.slipway.sim.market.Calibration;
import io.slipway.sim.market.LatentPrice;
import io.slipway.sim.market.MarketProfile;
import io.slipway.sim.market.OrderBook;
import io.slipway.sim.market.SimulatedExchange;
import io.slipway.sim.market.SimulatedMarket;
import io.slipway.tca.ExecutionRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The measured impact curve of the simulated appliance: TWAP buy parents of Q = (Q/V) V_d BTC
 * go through the whole path (market data through the card into the core, child orders out
 * through the card's risk gate onto the three simulated venues), with the same seeds for every
 * size (common random numbers), and the cost and the mid are read off the world.
 *
 * <p>Square-root law (Donier and Bonart 2015; field notes section 1): I(Q) = Y sigma_d sqrt(Q / V_d).
 * With the propagator G(tau) = (tau + tau0)^(-1/2) a constant-rate metaorder peaks at the end
 * (T) and decays to about 41% of the peak at 2T and 27% at 4T (times from the start); its
 * average impact while trading, which is what a TWAP pays, is about 2/3 of the peak.
 *
 * <p>What is measured, per run (buy side, fees excluded):
 * <ul>
 *   <li>cost: fills against the arrival mid moved by the world's unimpacted latent price
 *       between arrival and each fill. The latent diffusion has its own random stream that
 *       host flow never touches, so this is exactly the same-seed run without the order, and
 *       it removes the price noise (about 0.9 bps per root second) that would otherwise swamp
 *       small orders;</li>
 *   <li>raw cost: fills against the arrival mid alone, noise included;</li>
 *   <li>book impact at T, 2T and 4T: the three venues' average book mid against the unimpacted
 *       latent price, relative to the same at arrival. It holds the latent impact plus the
 *       mechanical depletion of the books by the host's own children;</li>
 *   <li>latent impact at T, 2T and 4T: the impact model's own part, for comparison.</li>
 * </ul>
 * The exponent delta of cost ~ (Q/V)^delta is fitted by least squares in log-log; Y is reported
 * from the book impact at T (the peak) with delta fixed at 1/2, and from the cost.
 */
public final class ImpactCurve
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long SAMPLE_NS = 100_000_000L;
    private static final long WARM_UP_NS = TimeUnit.SECONDS.toNanos(60);

    /** Q/V of the command's curve: three decades, two points a decade. */
    public static final double[] DEFAULT_Q_OVER_V = {1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2};

    /**
     * What to run.
     *
     * @param qOverV           metaorder sizes as fractions of the daily volume
     * @param seeds            world seeds, the same for every size
     * @param durationNs       TWAP horizon T
     * @param sliceIntervalNs  TWAP slice interval
     */
    public record Settings(double[] qOverV, long[] seeds, long durationNs, long sliceIntervalNs)
    {
        public Settings
        {
            if (qOverV.length < 2 || seeds.length < 1)
            {
                throw new IllegalArgumentException("need at least two sizes and one seed");
            }
            if (durationNs < TimeUnit.MINUTES.toNanos(1) || sliceIntervalNs < TimeUnit.SECONDS.toNanos(1) ||
                sliceIntervalNs * 4 > durationNs)
            {
                throw new IllegalArgumentException("need T >= 1 min and 1 s <= slice <= T / 4");
            }
            qOverV = qOverV.clone();
            seeds = seeds.clone();
        }
    }

    /** One parent order in one world. Impacts and costs in bps, signed so that positive is adverse. */
    public record Run(double qOverV, long seed, double quantityBase, double filledFraction, double costBps,
        double rawCostBps, double[] bookImpactBps, double[] latentImpactBps, int childOrders)
    {
    }

    /** Averages over seeds at one size; impacts at T, 2T, 4T. */
    public record Point(double qOverV, double quantityBase, int runs, double filledFraction, double costBps,
        double costStdErrBps, double rawCostBps, double rawCostStdErrBps, double[] bookImpactBps,
        double[] latentImpactBps)
    {
    }

    /** log10(y) = log10(prefactor) + exponent log10(Q/V) over the points with y > 0. */
    public record Fit(double exponent, double prefactorBps, double rSquared, int points)
    {
        public double at(final double qOverV)
        {
            return prefactorBps * Math.pow(qOverV, exponent);
        }
    }

    /**
     * @param dailyVolumeBase   V_d in BTC, as the simulator computes it
     * @param dailyVolatility   sigma_d of the latent price
     * @param costFit           fit of cost against Q/V
     * @param yPeak             Y from book impact at T with delta = 1/2 (geometric mean over points)
     * @param yCost             the same from the cost (theory: about 2/3 Y)
     * @param decay2T           pooled book impact at 2T over impact at T (sizes Q/V >= 1e-3)
     * @param decay4T           the same at 4T
     * @param latentDecay2T     the impact model's own ratio at 2T (same pooling)
     * @param latentDecay4T     the impact model's own ratio at 4T
     */
    public record Result(Settings settings, double dailyVolumeBase, double dailyVolatility, List<Point> points,
        Fit costFit, double yPeak, double yCost, double decay2T, double decay4T, double latentDecay2T,
        double latentDecay4T, double wallSeconds)
    {
    }

    /** Sizes at or above this Q/V carry the pooled decay ratios: their impact stands far above book noise. */
    public static final double DECAY_MIN_Q_OVER_V = 1e-3;

    private ImpactCurve()
    {
    }

    /** V_d in base units: the three calibrated BTC markets' notional per day at their last mid. */
    public static double dailyVolumeBase(final Calibration calibration)
    {
        double base = 0;
        for (final String[] venue : WorldStatistics.BTC_VENUES)
        {
            final MarketProfile p = calibration.market(venue[1]);
            base += p.notionalUsdPerHour() * 24 / p.lastMid();
        }
        return base;
    }

    public static Result measure(final Settings settings)
    {
        final long started = System.nanoTime();
        final SimulatedMarket.Context defaults = new SimulatedMarket.Context().conclude();
        final double vd = dailyVolumeBase(Calibration.loadDefault());
        final double sigmaD = defaults.annualVolatility() * Math.sqrt(86_400.0 / LatentPrice.SECONDS_PER_YEAR);
        final List<Point> points = new ArrayList<>();
        for (final double qv : settings.qOverV())
        {
            final List<Run> runs = new ArrayList<>();
            for (final long seed : settings.seeds())
            {
                runs.add(run(qv, vd, seed, settings.durationNs(), settings.sliceIntervalNs()));
            }
            points.add(average(runs));
        }
        final Fit costFit = fit(points);
        double logYPeak = 0;
        double logYCost = 0;
        int yPoints = 0;
        final double[] pooled = new double[6];
        for (final Point p : points)
        {
            final double scale = sigmaD * 1e4 * Math.sqrt(p.qOverV());
            if (p.bookImpactBps()[0] > 0 && p.costBps() > 0)
            {
                logYPeak += Math.log(p.bookImpactBps()[0] / scale);
                logYCost += Math.log(p.costBps() / scale);
                yPoints++;
            }
            if (p.qOverV() >= DECAY_MIN_Q_OVER_V * (1 - 1e-9))
            {
                for (int i = 0; i < 3; i++)
                {
                    pooled[i] += p.bookImpactBps()[i];
                    pooled[3 + i] += p.latentImpactBps()[i];
                }
            }
        }
        return new Result(settings, vd, sigmaD, List.copyOf(points), costFit,
            yPoints == 0 ? Double.NaN : Math.exp(logYPeak / yPoints),
            yPoints == 0 ? Double.NaN : Math.exp(logYCost / yPoints),
            pooled[1] / pooled[0], pooled[2] / pooled[0], pooled[4] / pooled[3], pooled[5] / pooled[3],
            (System.nanoTime() - started) * 1e-9);
    }

    /** One TWAP buy of (Q/V) V_d over T in the world of one seed, observed until 4T. */
    public static Run run(final double qOverV, final double dailyVolumeBase, final long seed, final long durationNs,
        final long sliceIntervalNs)
    {
        final long quantity = BTC.qtyFromDouble(Math.max(0.001, Math.round(qOverV * dailyVolumeBase * 1000) / 1000.0));
        final ExecutionRecord[] done = new ExecutionRecord[1];
        final SimulatedAppliance appliance = new SimulatedAppliance(new SimulatedAppliance.Context()
            .seed(seed)
            .instruments(List.of(BTC))
            .marketContext(new SimulatedMarket.Context().seed(seed).instruments(List.of(BTC)))
            .coreContext(new CoreContext().sliceIntervalNs(sliceIntervalNs)
                .retryIntervalNs(Math.min(TimeUnit.SECONDS.toNanos(5), sliceIntervalNs)))
            .riskLimits(calibrationLimits())
            .warmUpNs(WARM_UP_NS),
            report -> { }, record -> done[0] = record);
        final SimulatedMarket market = appliance.market();
        final long t0 = appliance.warmUp();
        final double f0 = market.fundamentalMid(BTC);
        final double bookRatio0 = bookMid(market) / f0;
        appliance.submit(new NewParentOrder("impact-" + seed, BTC.symbol(), '1', BTC.formatQty(quantity),
            Strategy.TWAP.fixCode(), NewParentOrder.NO_TIME, t0 + durationNs, null));

        final int stepsPerT = (int)(durationNs / SAMPLE_NS);
        final double[] fundamental = new double[4 * stepsPerT + 1];
        fundamental[0] = f0;
        final double[] bookImpact = new double[3];
        final double[] latentImpact = new double[3];
        for (int k = 1; k < fundamental.length; k++)
        {
            appliance.runUntil(t0 + k * SAMPLE_NS);
            final double f = market.fundamentalMid(BTC);
            fundamental[k] = f;
            final int observation = k == stepsPerT ? 0 : k == 2 * stepsPerT ? 1 : k == 4 * stepsPerT ? 2 : -1;
            if (observation >= 0)
            {
                bookImpact[observation] = (bookMid(market) / f - bookRatio0) * 1e4;
                latentImpact[observation] = (market.latentMid(BTC) / f - 1) * 1e4;
            }
        }
        final ExecutionRecord record = done[0];
        if (record == null)
        {
            throw new IllegalStateException("parent order still working at 4T: Q/V " + qOverV + " seed " + seed);
        }
        final double arrival = record.arrivalMid();
        double filled = 0;
        double notional = 0;
        double adjusted = 0;
        for (int i = 0; i < record.fillCount(); i++)
        {
            final double q = BTC.qtyToDouble(record.fillQuantity(i));
            final double price = BTC.priceToDouble(record.fillPrice(i));
            final int k = (int)Math.min(fundamental.length - 1, Math.max(0, (record.fillTimeNs(i) - t0) / SAMPLE_NS));
            filled += q;
            notional += q * price;
            adjusted += q * (price / (arrival * fundamental[k] / f0) - 1);
        }
        final double requested = BTC.qtyToDouble(quantity);
        return new Run(qOverV, seed, requested, filled / requested,
            filled > 0 ? adjusted / filled * 1e4 : Double.NaN,
            filled > 0 ? (notional / filled / arrival - 1) * 1e4 : Double.NaN,
            bookImpact, latentImpact, record.childOrders());
    }

    /**
     * The simulation defaults with room for the largest metaorders: a position limit far above
     * 1% of daily volume; collar, per-order size and notional, and throttle as in simulation.
     */
    static CardRiskLimits calibrationLimits()
    {
        final CardRiskLimits d = CardRiskLimits.simulationDefaults();
        return new CardRiskLimits(d.venueEnableMask(), d.instrumentEnableMask(), d.collarBps(),
            d.maxOrderQuantity(), d.maxOrderNotional(), d.throttleBurst(), d.throttleRefillCycles(),
            BTC.qtyFromDouble(1_000_000));
    }

    /** Average of the venues' book mids. */
    static double bookMid(final SimulatedMarket market)
    {
        double sum = 0;
        for (final SimulatedExchange exchange : market.exchanges())
        {
            final OrderBook book = exchange.book(BTC);
            sum += BTC.priceToDouble(book.bestBid() + book.bestAsk()) / 2;
        }
        return sum / market.exchanges().size();
    }

    static Point average(final List<Run> runs)
    {
        final int n = runs.size();
        double filled = 0;
        final double[] cost = new double[n];
        final double[] raw = new double[n];
        final double[] book = new double[3];
        final double[] latent = new double[3];
        for (int i = 0; i < n; i++)
        {
            final Run r = runs.get(i);
            filled += r.filledFraction() / n;
            cost[i] = r.costBps();
            raw[i] = r.rawCostBps();
            for (int j = 0; j < 3; j++)
            {
                book[j] += r.bookImpactBps()[j] / n;
                latent[j] += r.latentImpactBps()[j] / n;
            }
        }
        return new Point(runs.get(0).qOverV(), runs.get(0).quantityBase(), n, filled, mean(cost), stdErr(cost),
            mean(raw), stdErr(raw), book, latent);
    }

    /** Least squares of log10(cost) on log10(Q/V) over the points with a positive mean cost. */
    static Fit fit(final List<Point> points)
    {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        int n = 0;
        for (final Point p : points)
        {
            if (p.costBps() > 0)
            {
                final double x = Math.log10(p.qOverV());
                final double y = Math.log10(p.costBps());
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                syy += y * y;
                n++;
            }
        }
        if (n < 2)
        {
            return new Fit(Double.NaN, Double.NaN, Double.NaN, n);
        }
        final double vx = sxx - sx * sx / n;
        final double vy = syy - sy * sy / n;
        final double cxy = sxy - sx * sy / n;
        final double slope = cxy / vx;
        final double intercept = (sy - slope * sx) / n;
        return new Fit(slope, Math.pow(10, intercept), vy == 0 ? 1 : cxy * cxy / (vx * vy), n);
    }

    static double mean(final double[] values)
    {
        double sum = 0;
        for (final double v : values)
        {
            sum += v;
        }
        return sum / values.length;
    }

    static double stdErr(final double[] values)
    {
        if (values.length < 2)
        {
            return Double.NaN;
        }
        final double m = mean(values);
        double ss = 0;
        for (final double v : values)
        {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (values.length - 1) / values.length);
    }
}
