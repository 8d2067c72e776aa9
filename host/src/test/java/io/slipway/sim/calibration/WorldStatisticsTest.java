package io.slipway.sim.calibration;

import io.slipway.domain.Instruments;
import io.slipway.sim.market.Calibration;
import io.slipway.sim.market.SimulatedMarket;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The simulated BTC world against the recorded markets, held to {@link CalibrationReport}'s
 * tolerances: bid and ask depth within 5, 10, 25 bps +/-25%, traded USD per hour +/-20%, median spread in
 * the same number of ticks. Ten simulated minutes here; the command measures thirty.
 */
class WorldStatisticsTest
{
    private static final Path RECORDINGS = Path.of(System.getProperty("user.dir")).getParent().getParent()
        .resolve("shared").resolve("data").resolve("binance");

    @Test
    void simulatedWorldIsWithinTolerancesOfTheRecordedMarkets()
    {
        final List<VenueStatistics> simulated = WorldStatistics.simulated(3, 10);
        final List<VenueStatistics> recorded = WorldStatistics.recorded(Calibration.loadDefault(), null);
        final CalibrationReport report = new CalibrationReport(3, 10, simulated, recorded, null);
        System.out.print(report.text());
        // recorded volatility is not passed here (no data directory), so no volatility check is made
        assertEquals(3 * 9, report.checks().size(), "three depths per side, trade rate, spread and p95 spread per venue");
        assertTrue(report.checks().stream().anyMatch(c -> c.name().equals("SIMB p95 spread, bps")));
        for (final CalibrationCheck check : report.checks())
        {
            assertTrue(check.passed(), check.toString());
        }
        for (final VenueStatistics s : simulated)
        {
            assertEquals(600, s.seconds(), 1e-9);
            assertTrue(s.hasVolatility() && s.oneSecondVolBps() > 0.5 && s.oneSecondVolBps() < 1.5,
                "50%/yr is 0.89 bps per root second: " + s.oneSecondVolBps());
            for (int d = 1; d < VenueStatistics.DISTANCES_BPS.length; d++)
            {
                assertTrue(s.bidDepthUsd()[d] >= s.bidDepthUsd()[d - 1], "cumulative depth");
            }
        }
        assertFalse(recorded.get(0).hasVolatility(), "no recordings given: volatility unavailable, not invented");
    }

    @Test
    void aWorldTradingTwiceTheRecordedRateFailsItsCheck()
    {
        final List<VenueStatistics> simulated = WorldStatistics.simulated(new SimulatedMarket.Context().seed(3)
            .instruments(List.of(Instruments.BTC_USD)).takerRateMultiplier(2.0), 3);
        final CalibrationReport report = new CalibrationReport(3, 3, simulated,
            WorldStatistics.recorded(Calibration.loadDefault(), null), null);
        final long failedTradeRates = report.checks().stream()
            .filter(c -> c.name().contains("traded") && !c.passed()).count();
        assertEquals(3, failedTradeRates, report.text());
        assertFalse(report.allPassed());
    }

    @Test
    void recordedSideRepeatsTheCommittedCalibration()
    {
        final Calibration calibration = Calibration.loadDefault();
        final List<VenueStatistics> recorded = WorldStatistics.recorded(calibration, null);
        assertEquals(List.of("SIMA", "SIMB", "SIMC"), recorded.stream().map(VenueStatistics::venue).toList());
        final VenueStatistics spot = recorded.get(0);
        assertEquals(calibration.market("spot_btcusdt").depthWithinUsd(5), spot.depthWithinUsd(5), 1e-6);
        assertEquals(calibration.market("spot_btcusdt").depthWithinUsd(25), spot.depthWithinUsd(25), 1e-6);
        assertEquals(136.198e6, spot.tradeUsdPerHour(), 1);
        assertEquals(1.0, spot.medianSpreadTicks(), 0.01, "spot BTCUSDT is one tick wide");
    }

    @Test
    void recordedVolatilityComesFromTheBookTickerStream()
    {
        final Path spot = RECORDINGS.resolve("spot_btcusdt_" + WorldStatistics.RECORDING_DAY + ".gz");
        assumeTrue(Files.isReadable(spot), "recordings not present at " + RECORDINGS);
        final double vol = RecordedVolatility.oneSecondVolBps(spot);
        assertTrue(vol > 0.2 && vol < 5, "recorded 1 s volatility " + vol + " bps");
        assertTrue(Double.isNaN(RecordedVolatility.oneSecondVolBps(RECORDINGS.resolve("missing.gz"))));
    }

    @Test
    void oneSecondReturnsGiveTheSampleStandardDeviation()
    {
        final RecordedVolatility.OneSecondReturns returns = new RecordedVolatility.OneSecondReturns();
        final double step = Math.exp(1e-4);
        double mid = 100;
        for (int i = 0; i < 101; i++)
        {
            returns.onMid(mid);
            mid = i % 2 == 0 ? mid * step : mid / step;
        }
        // Alternating +1 and -1 bps: mean 0, sample SD sqrt(100 / 99).
        assertEquals(Math.sqrt(100.0 / 99.0), returns.volatilityBps(), 1e-9);
    }
}
