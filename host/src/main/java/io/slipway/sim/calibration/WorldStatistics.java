package io.slipway.sim.calibration;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.market.Calibration;
import io.slipway.sim.market.MarketProfile;
import io.slipway.sim.market.OrderBook;
import io.slipway.sim.market.SimulatedExchange;
import io.slipway.sim.market.SimulatedMarket;
import io.slipway.venue.MarketDataSink;
import io.slipway.venue.VenueListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures a seeded simulated BTC world on three venues the way
 * {@link io.slipway.sim.market.CalibrationTool} measured the recordings: spread and depth
 * sampled on a 100 ms grid (here 50 ms after each quote interval, between two re-quotes), time
 * averaged; traded notional per hour from the tape; and the one-second volatility of the book
 * mid. The recorded side comes from the committed {@link Calibration} plus, when the recordings
 * are at hand, the one-second volatility from their book-ticker streams.
 */
public final class WorldStatistics
{
    /** Venue and the recorded market it is calibrated on (BTC). */
    public static final String[][] BTC_VENUES = {
        {"SIMA", "spot_btcusdt"},
        {"SIMB", "usdm_btcusdt"},
        {"SIMC", "cm_btcusd_perp"},
    };
    /** Day of the recordings the committed calibration was measured on. */
    public static final String RECORDING_DAY = "20240808";

    private static final long SAMPLE_NS = 100_000_000L;
    private static final long SAMPLE_OFFSET_NS = 50_000_000L;
    private static final int SAMPLES_PER_SECOND = 10;
    private static final long WARM_UP_NS = 60_000_000_000L;

    private WorldStatistics()
    {
    }

    /**
     * Runs a BTC world with the default market settings and the given seed for a warm-up minute
     * plus {@code minutes} simulated minutes and measures every venue.
     */
    public static List<VenueStatistics> simulated(final long seed, final double minutes)
    {
        return simulated(new SimulatedMarket.Context().seed(seed).instruments(List.of(Instruments.BTC_USD)), minutes);
    }

    public static List<VenueStatistics> simulated(final SimulatedMarket.Context context, final double minutes)
    {
        final Instrument btc = Instruments.BTC_USD;
        final SimulatedMarket market = new SimulatedMarket(context);
        final EventScheduler scheduler = new EventScheduler(context.startTimeNs());
        final int venues = market.exchanges().size();
        final double[] tradedUsd = new double[venues];
        final boolean[] measuring = new boolean[1];
        market.marketTradeListener((venue, instrument, price, quantity, side, time) ->
        {
            if (measuring[0] && instrument.id() == btc.id())
            {
                tradedUsd[indexOf(market, venue)] += instrument.notional(price, quantity);
            }
        });
        final MarketDataSink ignoreData = (channel, buffer, offset, length) -> { };
        market.start(scheduler, ignoreData, new NoHost());

        final long start = context.startTimeNs() + WARM_UP_NS;
        runTo(scheduler, start);
        measuring[0] = true;
        final int samples = (int)Math.round(minutes * 60 * SAMPLES_PER_SECOND);
        final double[][] spreads = new double[venues][samples];
        final double[][] bidDepth = new double[venues][VenueStatistics.DISTANCES_BPS.length];
        final double[][] askDepth = new double[venues][VenueStatistics.DISTANCES_BPS.length];
        final RecordedVolatility.OneSecondReturns[] returns = new RecordedVolatility.OneSecondReturns[venues];
        for (int v = 0; v < venues; v++)
        {
            returns[v] = new RecordedVolatility.OneSecondReturns();
        }
        for (int s = 0; s < samples; s++)
        {
            runTo(scheduler, start + s * SAMPLE_NS + SAMPLE_OFFSET_NS);
            for (int v = 0; v < venues; v++)
            {
                final OrderBook book = market.exchanges().get(v).book(btc);
                final double bid = btc.priceToDouble(book.bestBid());
                final double ask = btc.priceToDouble(book.bestAsk());
                final double mid = 0.5 * (bid + ask);
                spreads[v][s] = (ask - bid) / mid * 1e4;
                final long reference = btc.priceFromDouble(mid);
                for (int d = 0; d < VenueStatistics.DISTANCES_BPS.length; d++)
                {
                    final long reach = btc.priceFromDouble(mid * VenueStatistics.DISTANCES_BPS[d] * 1e-4);
                    bidDepth[v][d] += mid * btc.qtyToDouble(book.quantityWithin(Side.BUY, reference, reach));
                    askDepth[v][d] += mid * btc.qtyToDouble(book.quantityWithin(Side.SELL, reference, reach));
                }
                if (s % SAMPLES_PER_SECOND == 0)
                {
                    returns[v].onMid(mid);
                }
            }
        }
        runTo(scheduler, start + samples * SAMPLE_NS);
        final double seconds = samples * (SAMPLE_NS * 1e-9);

        final List<VenueStatistics> result = new ArrayList<>();
        for (int v = 0; v < venues; v++)
        {
            final SimulatedExchange exchange = market.exchanges().get(v);
            final double[] sorted = spreads[v].clone();
            Arrays.sort(sorted);
            for (int d = 0; d < VenueStatistics.DISTANCES_BPS.length; d++)
            {
                bidDepth[v][d] /= samples;
                askDepth[v][d] /= samples;
            }
            final OrderBook book = exchange.book(btc);
            final double mid = btc.priceToDouble(book.bestBid() + book.bestAsk()) / 2;
            final double tickBps = btc.priceToDouble(exchange.rules(btc).tickSize()) / mid * 1e4;
            result.add(new VenueStatistics(exchange.name(), marketOf(exchange.name()), "simulated", seconds, tickBps,
                quantile(sorted, 0.5), quantile(sorted, 0.95), bidDepth[v], askDepth[v],
                tradedUsd[v] / seconds * 3600, returns[v].volatilityBps()));
        }
        return result;
    }

    /**
     * The recorded statistics of the three BTC markets: the committed calibration, plus the
     * one-second volatility measured from {@code dataDir/<market>_20240808.gz} (NaN when the
     * directory is null or lacks the file).
     */
    public static List<VenueStatistics> recorded(final Calibration calibration, final Path dataDir)
    {
        final List<VenueStatistics> result = new ArrayList<>();
        for (final String[] venue : BTC_VENUES)
        {
            final MarketProfile p = calibration.market(venue[1]);
            final double[] bid = new double[VenueStatistics.DISTANCES_BPS.length];
            final double[] ask = new double[VenueStatistics.DISTANCES_BPS.length];
            for (int d = 0; d < bid.length; d++)
            {
                // Bucket edges 1, 2, 5, 10, 25, 50 bps: cumulative sums of the recorded buckets.
                for (int b = 0; b < MarketProfile.DEPTH_BUCKETS &&
                    MarketProfile.DEPTH_BUCKET_EDGES_BPS[b + 1] <= VenueStatistics.DISTANCES_BPS[d]; b++)
                {
                    bid[d] += p.bidDepthUsd(b);
                    ask[d] += p.askDepthUsd(b);
                }
            }
            final Path file = dataDir == null ? null : dataDir.resolve(venue[1] + "_" + RECORDING_DAY + ".gz");
            result.add(new VenueStatistics(venue[0], venue[1], "recorded", p.durationSeconds(),
                p.tickSize() / p.lastMid() * 1e4, p.spreadMedianBps(), p.spreadP95Bps(), bid, ask,
                p.notionalUsdPerHour(), RecordedVolatility.oneSecondVolBps(file)));
        }
        return result;
    }

    static String marketOf(final String venue)
    {
        for (final String[] v : BTC_VENUES)
        {
            if (v[0].equals(venue))
            {
                return v[1];
            }
        }
        throw new IllegalArgumentException("unknown venue " + venue);
    }

    private static int indexOf(final SimulatedMarket market, final int venueId)
    {
        final List<SimulatedExchange> exchanges = market.exchanges();
        for (int i = 0; i < exchanges.size(); i++)
        {
            if (exchanges.get(i).id() == venueId)
            {
                return i;
            }
        }
        throw new IllegalStateException("no venue " + venueId);
    }

    private static void runTo(final EventScheduler scheduler, final long timeNs)
    {
        while (scheduler.runNext(timeNs))
        {
            // events fire in time order
        }
        if (scheduler.nowNs() < timeNs)
        {
            scheduler.advanceTo(timeNs);
        }
    }

    /** Nearest rank, as the calibration tool does: a value that was actually observed. */
    static double quantile(final double[] sorted, final double p)
    {
        final int index = (int)Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        return sorted[index];
    }

    /** The world without a host: reports go nowhere. */
    private static final class NoHost implements VenueListener
    {
        @Override
        public void onAccepted(final int venue, final long clientOrderId)
        {
        }

        @Override
        public void onRejected(final int venue, final long clientOrderId, final String reason)
        {
        }

        @Override
        public void onFill(final int venue, final long clientOrderId, final long price, final long quantity,
            final double fee, final boolean maker)
        {
        }

        @Override
        public void onDone(final int venue, final long clientOrderId, final long releasedQuantity)
        {
        }
    }
}
