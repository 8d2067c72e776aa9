package io.slipway.ops.daemon;

import io.slipway.analytics.ImpactFit;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.learn.FeedbackFile;
import io.slipway.learn.ImpactFeedback;
import io.slipway.tca.ExecutionRecord;
import io.slipway.tca.TcaCalculator;
import io.slipway.tca.TcaReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's refit of one finished order: counted once across a restart (the file keeps the order's key), a world
 * without an own-impact measure refits the priors only, and a refit the fit refuses changes nothing, file included.
 */
class DaemonFeedbackTest
{
    private static final double ANNUAL_VOLATILITY = 0.5;
    private static final long MINUTE_NS = 60_000_000_000L;

    @TempDir
    Path dir;

    private final StringWriter logText = new StringWriter();
    private final PrintWriter log = new PrintWriter(logText, true);
    private final List<ImpactFit> toCore = new ArrayList<>();

    @Test
    void anOrderIsFoldedInOnceEvenAfterARestart() throws Exception
    {
        final Path file = dir.resolve("impact-feedback.yaml");
        final DaemonFeedback feedback = new DaemonFeedback(file, ANNUAL_VOLATILITY, log, toCore::add);
        final ExecutionRecord first = sell("SLP-1", 1_000 * MINUTE_NS);
        final String line = feedback.refit(first, TcaCalculator.analyse(first), 3.0);
        assertTrue(line.startsWith("SLP-1 refit impact Y 1.0000 -> "), line);
        final ImpactFeedback written = FeedbackFile.readOrPrior(file);
        assertEquals(1, written.orders());
        assertEquals(List.of(ImpactFeedback.foldKey(first)), written.foldedKeys());
        assertEquals(first.completedNs(), written.lastFoldedNs());
        assertEquals(List.of(written.fit(file.toString())), toCore, "the core is handed the file's fit");
        assertTrue(written.lastRefit().startsWith("daemon: order SLP-1 (ClOrdID C-SLP-1) SELL TWAP, own impact 3.000"),
            written.lastRefit());
        final String bytes = Files.readString(file);

        // The same order met again, by this process or by a restarted one reading the file: nothing changes.
        assertTrue(feedback.refit(first, TcaCalculator.analyse(first), 3.0).contains("already folded"));
        final DaemonFeedback restarted = new DaemonFeedback(file, ANNUAL_VOLATILITY, log, toCore::add);
        assertTrue(restarted.hasFolded(first));
        assertTrue(restarted.refit(first, TcaCalculator.analyse(first), 3.0).contains("not counted again"));
        assertEquals(bytes, Files.readString(file));
        assertEquals(1, toCore.size());

        // Another run's SLP-1 (a fresh journal restarts sequences) arrived at another time: it is a new order.
        final ExecutionRecord other = sell("SLP-1", 2_000 * MINUTE_NS);
        restarted.refit(other, TcaCalculator.analyse(other), 3.0);
        assertEquals(2, FeedbackFile.readOrPrior(file).orders());
        assertEquals(2, toCore.size());
    }

    /**
     * After a restart the recovered core's finished orders are checked against the file: one that finished after the
     * latest folded one and is not folded (a crash between its end and the write) is lost and folded in; older ones
     * are not taken again, whether folded or from before the daemon kept keys.
     */
    @Test
    void ordersACrashKeptOutOfTheFileAreFoundAfterTheRestart()
    {
        final Path file = dir.resolve("f.yaml");
        final DaemonFeedback feedback = new DaemonFeedback(file, ANNUAL_VOLATILITY, log, toCore::add);
        final ExecutionRecord older = sell("SLP-1", 100 * MINUTE_NS);
        final ExecutionRecord folded = sell("SLP-2", 1_000 * MINUTE_NS);
        final ExecutionRecord lostLater = sell("SLP-4", 1_200 * MINUTE_NS);
        final ExecutionRecord lost = sell("SLP-3", 1_100 * MINUTE_NS);
        assertTrue(feedback.lostOrders(List.of(older, folded, lost)).isEmpty(), "no key yet: nothing to catch up");
        feedback.refit(folded, TcaCalculator.analyse(folded), 3.0);

        final DaemonFeedback restarted = new DaemonFeedback(file, ANNUAL_VOLATILITY, log, toCore::add);
        assertEquals(List.of(lost, lostLater), restarted.lostOrders(List.of(older, folded, lostLater, lost)),
            "the lost ones, in the order they finished");
        restarted.refit(lost, TcaCalculator.analyse(lost), Double.NaN);
        restarted.refit(lostLater, TcaCalculator.analyse(lostLater), Double.NaN);
        assertTrue(new DaemonFeedback(file, ANNUAL_VOLATILITY, log, toCore::add)
            .lostOrders(List.of(older, folded, lost, lostLater)).isEmpty(), "each folded in once");
    }

    @Test
    void withoutAnOwnImpactMeasureOnlyThePriorsRefitAndTheCoreKeepsItsFit() throws Exception
    {
        final Path file = dir.resolve("f.yaml");
        final DaemonFeedback feedback = new DaemonFeedback(file, ANNUAL_VOLATILITY, log, toCore::add);
        final ExecutionRecord order = sell("SLP-4", 1_000 * MINUTE_NS);
        final String line = feedback.refit(order, TcaCalculator.analyse(order), Double.NaN);
        assertTrue(line.contains("its world does not measure own impact, so impact Y stays 1.0000 over 0 orders; " +
            "the venue and dealer priors refit from 30 fills"), line);
        assertTrue(logText.toString().contains(line), "said in the daemon's log");
        final ImpactFeedback written = FeedbackFile.readOrPrior(file);
        assertEquals(0, written.orders());
        assertEquals(2.0, written.venueCostBps("SIMA"), 0.01);
        assertTrue(written.hasFolded(ImpactFeedback.foldKey(order)), "folded: a restart does not refit its priors again");
        assertTrue(toCore.isEmpty(), "Y did not move, so the core is not told anything");
    }

    @Test
    void aRefitTheFitRefusesIsLoggedByNameAndChangesNothing() throws Exception
    {
        final Path file = dir.resolve("f.yaml");
        final DaemonFeedback feedback = new DaemonFeedback(file, ANNUAL_VOLATILITY, log, toCore::add);
        final ExecutionRecord first = sell("SLP-1", 1_000 * MINUTE_NS);
        feedback.refit(first, TcaCalculator.analyse(first), 3.0);
        final String bytes = Files.readString(file);
        final ExecutionRecord absurd = sell("SLP-2", 2_000 * MINUTE_NS);
        final String line = feedback.refit(absurd, TcaCalculator.analyse(absurd), 1e6);
        assertTrue(line.startsWith("SLP-2 refit refused, " + file + " unchanged: an own impact of 1000000.0 bps " +
            "would take the impact coefficient to"), line);
        assertEquals(bytes, Files.readString(file), "file unchanged");
        assertFalse(feedback.hasFolded(absurd));
        assertEquals(1, toCore.size());
        assertEquals(1, FeedbackFile.readOrPrior(file).orders());
    }

    /** A SELL of 15 BTC over 30 minutes, one fill a minute 2 bps under the mid of its own time, on two venues. */
    private static ExecutionRecord sell(final String orderId, final long arrivalNs)
    {
        final Instrument btc = Instruments.BTC_USD;
        final ExecutionRecord record = new ExecutionRecord(orderId, "C-" + orderId, btc, Side.SELL,
            btc.parseQty("15"), "TWAP", arrivalNs, arrivalNs, arrivalNs + 30 * MINUTE_NS, 60_000.0,
            new String[] {"SIMA", "SIMB"});
        record.venueKinds(new String[] {"EXCHANGE", "EXCHANGE"});
        for (int minute = 0; minute < 30; minute++)
        {
            final long timeNs = arrivalNs + minute * MINUTE_NS;
            if (minute > 0)
            {
                record.onMid(timeNs, 60_000.0);
            }
            record.onMarketTrade(timeNs, btc.priceFromDouble(60_000.0), btc.parseQty("10"));
            record.onFill(timeNs + 1_000_000L, minute % 2, btc.priceFromDouble(60_000.0 * (1 - 2 / 1e4)),
                btc.parseQty("0.5"), 0, false);
        }
        record.complete(arrivalNs + 30 * MINUTE_NS, 60_000.0, "FILLED");
        return record;
    }
}
