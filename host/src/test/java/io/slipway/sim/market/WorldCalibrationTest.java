package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulated books, sampled once a second, against the recorded profile they are calibrated
 * on: time-averaged depth within 5, 10 and 25 bps of mid per side, and the median spread.
 */
class WorldCalibrationTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final String[] MARKETS = {"spot_btcusdt", "usdm_btcusdt", "cm_btcusd_perp"};
    private static final double[] DISTANCES_BPS = {5, 10, 25};

    @Test
    void simulatedDepthAndSpreadFollowTheCalibration()
    {
        final Instrument btc = Instruments.BTC_USD;
        final SimulatedMarket market =
            new SimulatedMarket(new SimulatedMarket.Context().seed(5).instruments(List.of(btc)));
        final EventScheduler scheduler = new EventScheduler(market.context().startTimeNs());
        final WorldProbe probe = new WorldProbe();
        market.start(scheduler, probe, probe);
        final int samples = 1_200;
        final double[][] depth = new double[3][DISTANCES_BPS.length];
        final double[][] spreads = new double[3][samples];
        for (int s = 0; s < samples; s++)
        {
            final long end = market.context().startTimeNs() + (s + 1) * SECOND + 50_000_000L;
            while (scheduler.runNext(end))
            {
                // Run to the sampling instant, between two quote intervals.
            }
            for (int v = 0; v < 3; v++)
            {
                final OrderBook book = market.exchanges().get(v).book(btc);
                final long bid = book.bestBid();
                final long ask = book.bestAsk();
                final double mid = btc.priceToDouble(bid + ask) / 2;
                spreads[v][s] = btc.priceToDouble(ask - bid) / mid * 1e4;
                for (int d = 0; d < DISTANCES_BPS.length; d++)
                {
                    final long reach = btc.priceFromDouble(mid * DISTANCES_BPS[d] * 1e-4);
                    final long reference = btc.priceFromDouble(mid);
                    final double usd = 0.5 * mid * btc.qtyToDouble(book.quantityWithin(Side.BUY, reference, reach) +
                        book.quantityWithin(Side.SELL, reference, reach));
                    depth[v][d] += usd / samples;
                }
            }
        }
        final Calibration calibration = Calibration.loadDefault();
        for (int v = 0; v < 3; v++)
        {
            final MarketProfile profile = calibration.market(MARKETS[v]);
            final double[] sorted = spreads[v].clone();
            Arrays.sort(sorted);
            final double medianSpread = sorted[samples / 2];
            System.out.printf(Locale.ROOT, "%s (%s): median spread %.4f bps (recorded %.4f)",
                market.venues().get(v).name(), MARKETS[v], medianSpread, profile.spreadMedianBps());
            for (int d = 0; d < DISTANCES_BPS.length; d++)
            {
                System.out.printf(Locale.ROOT, "; within %.0f bps $%.2fM (recorded $%.2fM)", DISTANCES_BPS[d],
                    depth[v][d] / 1e6, profile.depthWithinUsd(DISTANCES_BPS[d]) / 1e6);
            }
            System.out.println();
            assertTrue(medianSpread <= 3 * profile.spreadMedianBps() + 1e-9, "median spread within three ticks");
            for (int d = 0; d < DISTANCES_BPS.length; d++)
            {
                final double recorded = profile.depthWithinUsd(DISTANCES_BPS[d]);
                assertEquals(recorded, depth[v][d], recorded * 0.25,
                    market.venues().get(v).name() + " depth within " + DISTANCES_BPS[d] + " bps");
            }
        }
        assertEquals(0, probe.crossedTops);
        assertEquals(0, probe.chainBreaks);
    }

    @Test
    void fourHourWorldRunsInSecondsAndTradesAtTheCalibratedRate()
    {
        final MarketWorldRun.Result r = MarketWorldRun.run(
            new SimulatedMarket.Context().seed(1).instruments(List.of(Instruments.BTC_USD)), 4.0);
        System.out.printf(Locale.ROOT, "4 h BTC world, 3 venues: %.2f s wall, %,d events, %,d SBE messages%n",
            r.wallSeconds(), r.events(), r.sbeMessages());
        assertTrue(r.wallSeconds() < 30, "4 h world took " + r.wallSeconds() + " s");
        final Calibration calibration = Calibration.loadDefault();
        for (int v = 0; v < 3; v++)
        {
            final double recorded = calibration.market(MARKETS[v]).notionalUsdPerHour();
            System.out.printf(Locale.ROOT, "%s traded $%.1fM/h (recorded $%.1fM/h)%n", MARKETS[v],
                r.notionalPerHourByVenue()[v] / 1e6, recorded / 1e6);
            assertEquals(recorded, r.notionalPerHourByVenue()[v], recorded * 0.1, MARKETS[v] + " notional per hour");
        }
    }
}
