package io.slipway.learn;

import io.slipway.domain.Side;
import io.slipway.sim.market.ImpactModel;
import io.slipway.tca.PlacementStats;
import io.slipway.tca.TcaReport;
import io.slipway.tca.VenueBreakdown;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImpactFeedbackTest
{
    private static final double ANNUAL_VOLATILITY = 0.5;
    private static final double SIGMA_DAILY_BPS = ANNUAL_VOLATILITY * 1e4 / Math.sqrt(365.25);
    private static final long HOUR_NS = 3_600_000_000_000L;
    private static final double ARRIVAL_MID = 60_000.0;

    /** What the prior Y = 1 says a constant-rate order of this participation and length meets: 2/3 of its peak. */
    private static double priorOwnImpactBps(final double participation, final double hours)
    {
        return ImpactFeedback.PRIOR_Y * SIGMA_DAILY_BPS * Math.sqrt(participation * hours / 24.0) /
            ImpactFeedback.PEAK_OVER_MET;
    }

    /**
     * A SELL of 100 over the given hours on one venue, whose filled part cost priceCostBps against arrival
     * before fees (spread, impact and timing together, as the TCA reports it).
     */
    private static TcaReport sell(final double priceCostBps, final double participation, final double hours)
    {
        final double quantity = 100;
        final double averagePrice = ARRIVAL_MID * (1 - priceCostBps / 1e4);
        final long endNs = (long)(hours * HOUR_NS);
        final List<VenueBreakdown> venues = List.of(
            new VenueBreakdown("SIMB", "exchange", 40, quantity, quantity * averagePrice, 0, 1.0, List.of()));
        return new TcaReport("SLP-1", "C1", "BTC-USD", "SELL", "TWAP", quantity, quantity, 1.0, 0, endNs, endNs,
            "FILLED", ARRIVAL_MID, averagePrice, averagePrice, priceCostBps, priceCostBps, 0, 0, 0, averagePrice, 0,
            quantity / participation, participation, 40, 0, venues, "", 0, 0, priceCostBps, List.of(), List.of(), null,
            Double.NaN, List.of(), PlacementStats.NONE);
    }

    /**
     * Three orders that differ only in how far the price drifted while they worked (a fall of 150 bps, none, a
     * rise of 150 bps), each meeting exactly the own impact the prior expects: the coefficient stays at the prior
     * for all three. A fit on the TCA's price cost would have moved it to about 2.0 and 0.0.
     */
    @Test
    void aPureDriftOrderDoesNotMoveTheCoefficient()
    {
        final double participation = 0.02;
        final double hours = 4;
        final double ownImpact = priorOwnImpactBps(participation, hours);
        for (final double drift : new double[] {150, 0, -150})
        {
            final ImpactFeedback feedback = new ImpactFeedback();
            final TcaReport tca = sell(ownImpact + drift, participation, hours);
            feedback.observe(tca, ownImpact, ANNUAL_VOLATILITY);
            assertEquals(1, feedback.orders());
            assertEquals(ImpactFeedback.PRIOR_Y, feedback.impactCoefficient(), 1e-12, "drift " + drift);
            // The venue prior still reads the fills' prices, drift and all.
            assertEquals(ownImpact + drift, feedback.venueCostBps("SIMB"), 1e-6);
        }
    }

    /** An order that met three times the own impact the prior expects, with no drift, moves Y up by the least-squares step. */
    @Test
    void anImpactHeavyOrderMovesTheCoefficient()
    {
        final double participation = 0.1;
        final double hours = 4;
        final double ownImpact = 3 * priorOwnImpactBps(participation, hours);
        final ImpactFeedback feedback = new ImpactFeedback();
        final double priorXx = feedback.sumXx();
        feedback.observe(sell(ownImpact, participation, hours), ownImpact, ANNUAL_VOLATILITY);

        final double x = SIGMA_DAILY_BPS * Math.sqrt(participation * hours / 24);
        final double expected = (priorXx * ImpactFeedback.PRIOR_Y + x * ImpactFeedback.PEAK_OVER_MET * ownImpact) /
            (priorXx + x * x);
        assertEquals(expected, feedback.impactCoefficient(), 1e-12);
        assertTrue(feedback.impactCoefficient() > 1.5, "Y = " + feedback.impactCoefficient());
    }

    /**
     * The simulator's own impact model at a known Y = 0.6: constant-rate SELLs of 1e-4 to 3e-3 of the daily volume
     * over 30 min to 4 h, one child fill every 10 s. Their own impact (ImpactModel.hostFillImpactCost, what the
     * demo passes in) moves Y from the prior 1 towards 0.6, and the orders' own least-squares estimate, the fit
     * without its prior pseudo-observations, is within 15% of 0.6: the accuracy the impact model itself claims for
     * discrete fills. Drift of 60 bps SD on each order's price cost is in the TCA and changes nothing.
     */
    @Test
    void refitFromTheSimulatorsOwnImpactFindsItsCoefficient()
    {
        final double trueY = 0.6;
        final double dailyVolume = 600_000;
        final double c = ImpactModel.coefficient(trueY, SIGMA_DAILY_BPS / 1e4, dailyVolume);
        final SplittableRandom drift = new SplittableRandom(4);
        final ImpactFeedback feedback = new ImpactFeedback();
        final double[] shares = {1e-4, 3e-4, 1e-3, 3e-3};
        final double[] hoursEach = {0.5, 1, 2, 4};
        for (final double share : shares)
        {
            for (final double hours : hoursEach)
            {
                final ImpactModel model = new ImpactModel(new double[] {0, c}, 1.0, 5, 86_400, 15.0, 0);
                final double quantity = share * dailyVolume;
                final int children = (int)(hours * 360);
                for (int i = 0; i < children; i++)
                {
                    model.onHostFill(1, Side.SELL, quantity / children, i * 10_000_000_000L);
                }
                final double ownImpact = model.hostFillImpactCost(1) * 1e4;
                final double participation = share / (hours / 24);
                feedback.observe(sell(ownImpact + 60 * drift.nextGaussian(), participation, hours), ownImpact,
                    ANNUAL_VOLATILITY);
            }
        }
        assertEquals(16, feedback.orders());
        final double priorXx = new ImpactFeedback().sumXx();
        final double ordersOwnY = (feedback.sumXy() - priorXx * ImpactFeedback.PRIOR_Y) / (feedback.sumXx() - priorXx);
        assertEquals(trueY, ordersOwnY, 0.15 * trueY, "the orders' own Y");
        assertTrue(feedback.impactCoefficient() < 0.9, "Y = " + feedback.impactCoefficient());
    }

    @Test
    void anOrderWithoutAnOwnImpactMeasurementIsRefusedAndChangesNothing()
    {
        final ImpactFeedback feedback = new ImpactFeedback();
        final String message = assertThrows(IllegalArgumentException.class,
            () -> feedback.observe(sell(40, 0.02, 1), Double.NaN, ANNUAL_VOLATILITY)).getMessage();
        assertTrue(message.contains("needs the order's own impact"), message);
        assertEquals(0, feedback.orders());
        assertEquals(ImpactFeedback.PRIOR_Y, feedback.impactCoefficient(), 0.0);
        assertTrue(feedback.venueNames().isEmpty());
    }

    @Test
    void persistsAsAVersionedFileAndRefusesABadOne()
    {
        final ImpactFeedback feedback = new ImpactFeedback();
        feedback.observeOwnImpact(12.0, 0.1, 0.1, 260);
        feedback.venuePrior("SIMA", 3.5, 10);
        feedback.venuePrior("SIMB", 1.5, 30);
        final String yaml = FeedbackFile.toYaml(feedback);
        final ImpactFeedback read = FeedbackFile.parse("f.yaml", yaml);
        assertEquals(feedback.impactCoefficient(), read.impactCoefficient(), 1e-12);
        assertEquals(1.5, read.venueCostBps("SIMB"), 1e-12);
        assertEquals(yaml, FeedbackFile.toYaml(read));
        final String version = assertThrows(ModelFileException.class,
            () -> FeedbackFile.parse("f.yaml", yaml.replace("version: 2", "version: 3"))).getMessage();
        assertTrue(version.contains("feedback version 3 is not supported"), version);
        final String whole = assertThrows(ModelFileException.class,
            () -> FeedbackFile.parse("f.yaml", yaml.replace("version: 2", "version: 1"))).getMessage();
        assertTrue(whole.contains("whole price cost"), whole);
        final String missing = assertThrows(ModelFileException.class,
            () -> FeedbackFile.parse("f.yaml", yaml.replaceAll("(?m)^sumXy:.*\\n", ""))).getMessage();
        assertEquals("f.yaml: missing field 'sumXy'", missing);
    }
}
