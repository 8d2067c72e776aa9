package io.slipway.learn;

import io.slipway.analytics.ImpactFit;
import io.slipway.core.VenuePriors;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.sim.market.ImpactModel;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.PlacementStats;
import io.slipway.tca.TcaCalculator;
import io.slipway.tca.TcaReport;
import io.slipway.tca.VenueBreakdown;
import io.slipway.venue.VenueKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
            // The TCA's venue averages against arrival carry the drift: they do not enter the venue priors.
            assertTrue(feedback.venueNames().isEmpty());
        }
    }

    /**
     * An order that met three times the own impact the prior expects, with no drift, reads Y = 3 on its own and moves
     * the fit by its credibility weight: one order against a prior worth five, Y = 1/6 * 3 + 5/6 * 1.
     */
    @Test
    void anImpactHeavyOrderMovesTheCoefficientByItsCredibility()
    {
        final double participation = 0.1;
        final double hours = 4;
        final double ownImpact = 3 * priorOwnImpactBps(participation, hours);
        final ImpactFeedback feedback = new ImpactFeedback();
        feedback.observe(sell(ownImpact, participation, hours), ownImpact, ANNUAL_VOLATILITY);

        assertEquals(3.0, feedback.ordersCoefficient(), 1e-12, "the order's own least-squares Y");
        assertEquals(1.0 / 6.0, feedback.credibility(), 1e-15);
        assertEquals(3.0 / 6.0 + 5.0 / 6.0 * ImpactFeedback.PRIOR_Y, feedback.impactCoefficient(), 1e-12);
        final ImpactFit fit = feedback.fit("test");
        assertEquals(feedback.impactCoefficient(), fit.coefficient(), 0.0);
        assertEquals(1, fit.orders());
        assertTrue(fit.describe().contains("impact Y 1.333 fitted over 1 orders (SE n/a, credibility 0.17"), fit.describe());
    }

    /**
     * The simulator's own impact model at a known Y = 0.6: constant-rate SELLs of 1e-4 to 3e-3 of the daily volume
     * over 30 min to 4 h, one child fill every 10 s. Their own impact (ImpactModel.hostFillImpactCost, what the
     * demo passes in) moves Y from the prior 1 towards 0.6, and the orders' own least-squares estimate, the fit
     * before shrinking toward the prior, is within 15% of 0.6: the accuracy the impact model itself claims for
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
        assertEquals(trueY, feedback.ordersCoefficient(), 0.15 * trueY, "the orders' own Y");
        // The discrete fills' shortfall from the continuous law differs by order, so the residuals give a real SE.
        assertTrue(feedback.standardError() > 0 && feedback.standardError() < 0.1, "SE " + feedback.standardError());
        assertEquals(feedback.standardError(), feedback.fit("t").standardError(), 0.0);
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
    void theVenueAndDealerPriorsAreWhatTheCoreReadsBackFromTheFile()
    {
        final ImpactFeedback feedback = new ImpactFeedback();
        assertTrue(feedback.venuePriors().isEmpty(), "no fills: no priors");
        feedback.venuePrior("SIMA", "EXCHANGE", 3.5, 10);
        feedback.venuePrior("DLRX", "DEALER", -1.25, 2.5);
        final VenuePriors priors = FeedbackFile.parse("f.yaml", FeedbackFile.toYaml(feedback)).venuePriors();
        assertEquals(List.of("DLRX", "SIMA"), priors.venues());
        assertEquals(new VenuePriors.Prior("DLRX", VenueKind.DEALER, -1.25, 2.5),
            priors.prior("DLRX"));
        assertEquals(VenueKind.EXCHANGE, priors.prior("SIMA").kind());
        assertEquals(3.5, priors.prior("SIMA").costBps());
    }

    @Test
    void persistsAsAVersionedFileAndRefusesABadOne()
    {
        final ImpactFeedback feedback = new ImpactFeedback();
        feedback.observeOwnImpact(12.0, 0.1, 0.1, 260);
        feedback.venuePrior("SIMA", "EXCHANGE", 3.5, 10);
        feedback.venuePrior("SIMB", "DEALER", 1.5, 30);
        final String yaml = FeedbackFile.toYaml(feedback);
        final ImpactFeedback read = FeedbackFile.parse("f.yaml", yaml);
        assertEquals(feedback.impactCoefficient(), read.impactCoefficient(), 1e-12);
        assertEquals(1.5, read.venueCostBps("SIMB"), 1e-12);
        assertEquals(yaml, FeedbackFile.toYaml(read));
        final String version = assertThrows(ModelFileException.class,
            () -> FeedbackFile.parse("f.yaml", yaml.replace("version: 4", "version: 5"))).getMessage();
        assertTrue(version.contains("feedback version 5 is not supported; this build reads versions 3 and 4"), version);
        final String whole = assertThrows(ModelFileException.class,
            () -> FeedbackFile.parse("f.yaml", yaml.replace("version: 4", "version: 1"))).getMessage();
        assertTrue(whole.contains("whole price cost"), whole);
        final String missing = assertThrows(ModelFileException.class,
            () -> FeedbackFile.parse("f.yaml", yaml.replaceAll("(?m)^sumXy:.*\\n", ""))).getMessage();
        assertEquals("f.yaml: missing field 'sumXy'", missing);
    }

    /**
     * A SELL of 0.5 BTC a minute for 4 h while the mid moves by driftBps in a straight line; every fill is at the
     * mid of its own time worsened by its venue's cost (SIMA and the dealer DLR 2 bps, SIMB simbBps).
     */
    private static ExecutionRecord driftingSell(final double driftBps, final double simbBps)
    {
        final Instrument btc = Instruments.BTC_USD;
        final String[] venues = {"SIMA", "SIMB", "DLR"};
        final ExecutionRecord record = new ExecutionRecord("SLP-2", "C2", btc, Side.SELL, btc.parseQty("120"), "TWAP",
            0, 0, 4 * HOUR_NS, ARRIVAL_MID, venues);
        record.venueKinds(new String[] {"EXCHANGE", "EXCHANGE", "DEALER"});
        for (int minute = 0; minute < 240; minute++)
        {
            final long timeNs = minute * 60_000_000_000L;
            final double mid = ARRIVAL_MID * (1 + driftBps / 1e4 * minute / 240.0);
            record.onMid(timeNs, mid);
            final int venue = minute % 3;
            final double cost = venue == 1 ? simbBps : 2.0;
            record.onFill(timeNs + 500_000_000L, venue, btc.priceFromDouble(mid * (1 - cost / 1e4)),
                btc.parseQty("0.5"), 0, false);
        }
        return record;
    }

    /**
     * Venue and dealer priors read each fill against the mid at its own time: an order whose price fell or rose by
     * 150 bps while it worked leaves every prior where it was, although its fills' average against arrival moved by
     * about 75 bps, the amount the old priors moved by.
     */
    @Test
    void aPureDriftOrderLeavesTheVenueAndDealerPriorsWhereTheyWere()
    {
        for (final double drift : new double[] {-150, 150})
        {
            final ImpactFeedback feedback = new ImpactFeedback();
            feedback.observeFills(driftingSell(0, 2.0));
            for (final String venue : List.of("SIMA", "SIMB", "DLR"))
            {
                assertEquals(2.0, feedback.venueCostBps(venue), 0.01, venue + " after a drift-free order");
            }
            final ExecutionRecord drifting = driftingSell(drift, 2.0);
            final TcaReport tca = TcaCalculator.analyse(drifting);
            final double againstArrival = (ARRIVAL_MID - tca.venues().get(0).averagePrice()) / ARRIVAL_MID * 1e4;
            assertTrue(Math.abs(againstArrival - 2.0) > 70, "the TCA's venue average carries the drift: " + againstArrival);
            feedback.observeFills(drifting);
            for (final String venue : List.of("SIMA", "SIMB", "DLR"))
            {
                assertEquals(2.0, feedback.venueCostBps(venue), 0.01, venue + " after a drift of " + drift + " bps");
            }
            assertEquals("DEALER", feedback.venueKind("DLR"));
            assertEquals(80.0, feedback.venueQuantity("DLR"), 1e-9, "two orders' dealer fills");
        }
    }

    /** A venue whose fills cost 6 bps against their own mid where the others cost 2 moves its prior, and only its. */
    @Test
    void aVenueWithWorseFillsMovesItsPrior()
    {
        final ImpactFeedback feedback = new ImpactFeedback();
        feedback.observeFills(driftingSell(0, 2.0));
        feedback.observeFills(driftingSell(-40, 6.0));
        assertEquals(4.0, feedback.venueCostBps("SIMB"), 0.01, "half its quantity at 2 bps, half at 6");
        assertEquals(2.0, feedback.venueCostBps("SIMA"), 0.01);
        assertEquals(2.0, feedback.venueCostBps("DLR"), 0.01);
        final ImpactFeedback read = FeedbackFile.parse("f.yaml", FeedbackFile.toYaml(feedback));
        assertEquals(feedback.venueCostBps("SIMB"), read.venueCostBps("SIMB"), 1e-12);
        assertEquals("EXCHANGE", read.venueKind("SIMB"));
    }

    /** Each kind of bad file is refused by name, and the refusal leaves the fit the caller holds as it was. */
    @Test
    void aBadFeedbackFileIsRefusedByName()
    {
        final ImpactFeedback feedback = new ImpactFeedback();
        feedback.observeOwnImpact(12.0, 0.1, 0.1, 260);
        feedback.venuePrior("SIMA", "EXCHANGE", 3.5, 10);
        final String yaml = FeedbackFile.toYaml(feedback);
        final String before = FeedbackFile.toYaml(feedback);

        final String range = refused(yaml.replaceAll("(?m)^impactCoefficient:.*$", "impactCoefficient: 25.0"));
        assertTrue(range.startsWith("f.yaml: field 'impactCoefficient' must be in [0.05, 20.0], was 25.0"), range);
        final String negative = refused(yaml.replaceAll("(?m)^impactCoefficient:.*$", "impactCoefficient: -1"));
        assertTrue(negative.contains("field 'impactCoefficient' must be in"), negative);
        final String edited = refused(yaml.replaceAll("(?m)^impactCoefficient:.*$", "impactCoefficient: 1.5"));
        assertTrue(edited.contains("field 'impactCoefficient' 1.5 disagrees with"), edited);
        final String versionTwo = refused(yaml.replace("version: 4", "version: 2"));
        assertTrue(versionTwo.contains("feedback version 2 measured venue priors against arrival"), versionTwo);
        assertEquals("f.yaml: missing field 'impactCoefficient'",
            refused(yaml.replaceAll("(?m)^impactCoefficient:.*\\n", "")));
        assertEquals("f.yaml: missing field 'orders'", refused(yaml.replaceAll("(?m)^orders:.*\\n", "")));
        assertEquals("f.yaml: missing field 'kind'", refused(yaml.replaceAll("(?m)^.*kind:.*\\n", "")));
        final String kind = refused(yaml.replace("kind: EXCHANGE", "kind: CASINO"));
        assertTrue(kind.contains("venues.SIMA.kind must be one of [AMM, DEALER, EXCHANGE], was 'CASINO'"), kind);
        assertEquals("f.yaml: missing field 'sumYy'", refused(yaml.replaceAll("(?m)^sumYy:.*\\n", "")));
        final String schwarz = refused(yaml.replaceAll("(?m)^sumYy:.*$", "sumYy: 0.5"));
        assertTrue(schwarz.contains("sumXy^2 <= sumXx sumYy"), schwarz);
        final String orders = refused(yaml.replaceAll("(?m)^orders:.*$", "orders: 0"));
        assertTrue(orders.contains("sumXx > 0 exactly when there are orders"), orders);
        assertEquals(before, FeedbackFile.toYaml(feedback), "nothing changed");

        // An observation that would take Y out of range is refused and changes nothing either.
        final String far = assertThrows(IllegalArgumentException.class,
            () -> feedback.observeOwnImpact(1e6, 0.1, 0.1, 260)).getMessage();
        assertTrue(far.contains("outside [0.05, 20.0]"), far);
        assertEquals(before, FeedbackFile.toYaml(feedback), "nothing changed");
    }

    /**
     * Version 4 keeps the keys of the orders folded in, so a restart that meets a finished order again does not count
     * it twice; the keys are bounded, survive the file, and bad ones are refused by name. A version-3 file (no keys)
     * is still read, as a fit that nothing was folded into by key.
     */
    @Test
    void foldedOrderKeysMakeARefitHappenOnceAndSurviveTheFile(@TempDir final Path dir)
    {
        final ImpactFeedback feedback = new ImpactFeedback();
        final ExecutionRecord order = driftingSell(0, 2.0);
        final String key = ImpactFeedback.foldKey(order);
        assertEquals("SLP-2@0", key);
        feedback.observeOwnImpact(12.0, 0.1, 0.1, 260);
        feedback.fold(key, 4 * HOUR_NS);
        assertTrue(feedback.hasFolded(key));
        final String twice = assertThrows(IllegalArgumentException.class, () -> feedback.fold(key, 5 * HOUR_NS))
            .getMessage();
        assertEquals("order SLP-2@0 is already folded in", twice);
        assertEquals(4 * HOUR_NS, feedback.lastFoldedNs(), "a refused fold changes nothing");

        final Path file = dir.resolve("impact-feedback.yaml");
        FeedbackFile.write(feedback, file);
        assertFalse(Files.exists(dir.resolve("impact-feedback.yaml.tmp")), "the temporary file was renamed");
        final ImpactFeedback read = FeedbackFile.readOrPrior(file);
        assertTrue(read.hasFolded(key), "the key survives the file: a restart does not count the order again");
        assertFalse(read.hasFolded("SLP-2@1"), "another run's SLP-2 arrived at another time");
        assertEquals(4 * HOUR_NS, read.lastFoldedNs());
        assertEquals(1, read.orders());

        final String yaml = FeedbackFile.toYaml(read);
        final String versionThree = yaml.replace("version: 4", "version: 3").replaceAll("(?m)^lastFoldedNs:.*\\n", "")
            .replaceAll("(?s)folded: \\[.*?\\]\\n", "");
        final ImpactFeedback old = FeedbackFile.parse("f.yaml", versionThree);
        assertEquals(read.impactCoefficient(), old.impactCoefficient(), 0.0);
        assertTrue(old.foldedKeys().isEmpty());
        assertEquals(ImpactFeedback.NONE_FOLDED, old.lastFoldedNs());

        assertEquals("f.yaml: missing field 'folded'", refused(yaml.replaceAll("(?s)folded: \\[.*?\\]\\n", "")));
        assertEquals("f.yaml: missing field 'lastFoldedNs'", refused(yaml.replaceAll("(?m)^lastFoldedNs:.*\\n", "")));
        final String doubled = refused(yaml.replace(key, key + "\n  - " + key));
        assertTrue(doubled.endsWith("field 'folded' names order SLP-2@0 twice"), doubled);
        final String noTime = refused(yaml.replaceAll("(?m)^lastFoldedNs:.*$", "lastFoldedNs: " + Long.MIN_VALUE));
        assertTrue(noTime.contains("'lastFoldedNs' must be " + Long.MIN_VALUE + " exactly when 'folded' is empty"), noTime);
        final String fraction = refused(yaml.replaceAll("(?m)^lastFoldedNs:.*$", "lastFoldedNs: 1.5"));
        assertTrue(fraction.contains("field 'lastFoldedNs' must be a whole number"), fraction);

        final ImpactFeedback bounded = new ImpactFeedback();
        for (int i = 0; i <= ImpactFeedback.MAX_FOLDED; i++)
        {
            bounded.fold("SLP-" + i + "@7", i);
        }
        assertEquals(ImpactFeedback.MAX_FOLDED, bounded.foldedKeys().size());
        assertFalse(bounded.hasFolded("SLP-0@7"), "the oldest is forgotten");
        assertTrue(bounded.hasFolded("SLP-" + ImpactFeedback.MAX_FOLDED + "@7"));
        assertEquals(bounded.foldedKeys(), FeedbackFile.parse("b.yaml", FeedbackFile.toYaml(bounded)).foldedKeys());
        assertThrows(IllegalArgumentException.class, () -> bounded.fold("SLP 1", 1));
    }

    private static String refused(final String text)
    {
        return assertThrows(ModelFileException.class, () -> FeedbackFile.parse("f.yaml", text)).getMessage();
    }
}
