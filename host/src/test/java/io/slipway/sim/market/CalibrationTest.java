package io.slipway.sim.market;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationTest
{
    private static Path dataDir()
    {
        final String shared = System.getProperty("slipway.shared.dir", "/work/shared");
        return Paths.get(shared, "data", "binance");
    }

    /** The committed file must be exactly what the tool derives from the recordings. */
    @Test
    void committedCalibrationIsReproducibleFromTheRecordings() throws Exception
    {
        final Path dir = dataDir();
        Assumptions.assumeTrue(Files.exists(dir.resolve("spot_btcusdt_20240808.gz")), "recordings not present");
        final String derived = CalibrationTool.measureAll(dir).format();
        final String committed = Calibration.loadDefault().format();
        assertEquals(committed, derived);
    }

    @Test
    void committedFileRoundTripsThroughItsTextForm()
    {
        final Calibration calibration = Calibration.loadDefault();
        assertEquals(calibration.format(), Calibration.parse(calibration.format()).format());
        assertEquals(6, calibration.markets().size());
    }

    /** Cross-checks against independently measured figures on the same files (field notes, section 2). */
    @Test
    void figuresAgreeWithIndependentMeasurements()
    {
        final Calibration c = Calibration.loadDefault();
        final MarketProfile spot = c.market("spot_btcusdt");
        final MarketProfile usdm = c.market("usdm_btcusdt");
        final MarketProfile spotEth = c.market("spot_ethusdt");
        assertEquals(0.01, spot.tickSize(), 1e-12);
        assertEquals(0.00001, spot.lotSize(), 1e-12);
        assertEquals(0.1, usdm.tickSize(), 1e-12);
        assertEquals(0.001, usdm.lotSize(), 1e-12);
        assertEquals(0.0016, spot.spreadMedianBps(), 0.0001, "one tick median spread");
        assertEquals(136e6, spot.notionalUsdPerHour(), 136e6 * 0.05);
        assertEquals(1.5e9, usdm.notionalUsdPerHour(), 1.5e9 * 0.1);
        assertEquals(63e6, spotEth.notionalUsdPerHour(), 63e6 * 0.05);
        // Depth per side within 5 / 10 / 25 bps: $1.65M / $3.0M / $6.6M; ours is a time average.
        assertEquals(1.65e6, spot.depthWithinUsd(5), 1.65e6 * 0.2);
        assertEquals(3.0e6, spot.depthWithinUsd(10), 3.0e6 * 0.2);
        assertEquals(6.6e6, spot.depthWithinUsd(25), 6.6e6 * 0.2);
        assertEquals(42e6, usdm.depthWithinUsd(25), 42e6 * 0.2);
        assertTrue(usdm.depthWithinUsd(5) > 2 * spot.depthWithinUsd(5), "USD-M is the deeper book");
    }

    @Test
    void sizeSamplingFollowsTheQuantiles()
    {
        final MarketProfile spot = Calibration.loadDefault().market("spot_btcusdt");
        assertEquals(spot.takerSizeQuantile(4), spot.sampleTakerSize(0.5), 1e-12);
        assertEquals(spot.takerSizeQuantile(0), spot.sampleTakerSize(0.0), 1e-12);
        assertEquals(spot.takerSizeQuantile(10), spot.sampleTakerSize(1.0), 1e-9);
        final double between = spot.sampleTakerSize(0.6);
        assertTrue(between > spot.takerSizeQuantile(4) && between < spot.takerSizeQuantile(5));
    }

    @Test
    void parseNamesTheMissingKey()
    {
        final String text = Calibration.loadDefault().format().replaceAll("(?m)^spot_btcusdt\\.tick_size=.*\n", "");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Calibration.parse(text));
        assertEquals("calibration of spot_btcusdt lacks key tick_size", ex.getMessage());
    }

    @Test
    void parsesScaledDecimalsExactly()
    {
        assertEquals(6_183_763_000_000L, CalibrationTool.parseScaled("61837.63000000", 0, 14));
        assertEquals(1_000_000L, CalibrationTool.parseScaled("0.010", 0, 5));
        assertEquals(100_000_000_000L, CalibrationTool.parseScaled("1000", 0, 4));
    }
}
