package io.slipway.marketlink;

import io.slipway.app.SimulatedAppliance;
import io.slipway.core.ParentOrderListener;
import io.slipway.domain.Instrument;
import io.slipway.journal.JournalContext;
import io.slipway.oms.NewParentOrder;
import io.slipway.sim.market.SimulatedMarket;
import io.slipway.tca.ExecutionRecord;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Own impact over the market link: a parent trades through a market process on loopback, and at
 * the moment the core completes it the appliance's {@link MarketLinkAppliance#ownImpact} answers
 * the market's own impact model's figure for that parent, bit for bit; a restarted appliance gets
 * it again in the market's greeting.
 */
class MarketLinkOwnImpactTest
{
    @TempDir
    Path dir;

    private LoopbackMarket marketProcess;

    @AfterEach
    void close()
    {
        CloseHelper.quietClose(marketProcess);
    }

    @Test
    void theApplianceHoldsTheMarketsFigureWhenTheParentCompletesAndAgainAfterARestart() throws Exception
    {
        final MarketLinkContext link = LoopbackMarket.link();
        final LongSupplier clock = MarketLinkContext.epochClock();
        marketProcess = new LoopbackMarket(world(), "base simulated world", link, clock, dir.resolve("market-aeron"),
            dir.resolve("ledger.tsv"), null);
        final MarketServer server = marketProcess.server();

        final MarketLinkAppliance[] holder = new MarketLinkAppliance[1];
        final double[] atCompletion = {Double.NaN};
        final ExecutionRecord[] done = new ExecutionRecord[1];
        final ParentOrderListener parents = record ->
        {
            done[0] = record;
            // The core has just applied the parent's last fill: its figure must already be here.
            atCompletion[0] = holder[0].ownImpact().ownImpactBps(record.instrument().id(), 1);
        };
        final SimulatedAppliance.Context world = world();
        world.coreContext().sliceIntervalNs(TimeUnit.SECONDS.toNanos(1)).retryIntervalNs(TimeUnit.MILLISECONDS.toNanos(250));
        final Instrument instrument;
        try (MarketLinkAppliance appliance = new MarketLinkAppliance(world, "base simulated world",
            journal(), link, report -> { }, parents, clock))
        {
            holder[0] = appliance;
            instrument = appliance.instruments().get(0);
            runWhile(appliance, clock, () -> Double.isNaN(appliance.core().compositeMid(instrument)), 10_000);
            assertTrue(Double.isNaN(appliance.ownImpact().ownImpactBps(instrument.id(), 1)), "nothing filled yet");
            appliance.submit(new NewParentOrder("OI-1", instrument.symbol(), '1', "0.6", 1, NewParentOrder.NO_TIME,
                clock.getAsLong() + TimeUnit.SECONDS.toNanos(10), null));
            runWhile(appliance, clock, () -> done[0] == null, 30_000);
            assertNotNull(done[0], "the parent finished");
            assertEquals("SLP-1", done[0].orderId());
            assertTrue(done[0].fillCount() > 1, "more than one fill, so there is own impact to measure");
            assertEquals(0, appliance.badFrames(), appliance.lastBadFrame());
        }

        // A restarted appliance replays its journal and greets the market, which sends the figures again.
        final double[] afterRestart = {Double.NaN};
        try (MarketLinkAppliance restarted = new MarketLinkAppliance(world(), "base simulated world", journal(), link,
            report -> { }, record -> { }, clock))
        {
            afterRestart[0] = restarted.ownImpact().ownImpactBps(instrument.id(), 1);
            assertTrue(Double.isNaN(restarted.ownImpact().ownImpactBps(instrument.id(), 2)), "no such parent");
        }

        marketProcess.stopRunner(); // the market's world is read on this thread only once its agent has stopped
        final double marketFigure = server.market().ownImpact().ownImpactBps(instrument.id(), 1);
        assertFalse(Double.isNaN(marketFigure));
        assertTrue(marketFigure > 0, "buying pushed its own later fills up: " + marketFigure + " bps");
        assertEquals(marketFigure, atCompletion[0], "at completion, bit for bit");
        assertEquals(marketFigure, afterRestart[0], "from the greeting, bit for bit");
        assertTrue(server.ownImpactSent() >= done[0].fillCount(), "one frame per fill at least: " +
            server.ownImpactSent());
    }

    private static void runWhile(final MarketLinkAppliance appliance, final LongSupplier clock,
        final java.util.function.BooleanSupplier condition, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (condition.getAsBoolean() && System.currentTimeMillis() < deadline)
        {
            appliance.runUntil(clock.getAsLong());
            Thread.sleep(1);
        }
    }

    private JournalContext journal()
    {
        return new JournalContext().directory(dir.resolve("journal").toFile());
    }

    private static SimulatedAppliance.Context world()
    {
        final SimulatedAppliance.Context context = new SimulatedAppliance.Context().seed(1);
        return context.marketContext(new SimulatedMarket.Context().seed(1).instruments(context.instruments()));
    }

}
