package io.slipway.marketlink;

import io.slipway.app.SimulatedAppliance;
import io.slipway.app.Worlds;
import io.slipway.domain.Instrument;
import io.slipway.journal.InputDecoder;
import io.slipway.journal.InputTemplates;
import io.slipway.journal.Journal;
import io.slipway.journal.JournalContext;
import io.slipway.journal.JournaledCore;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.oms.StrategyParameter;
import io.slipway.sim.scenario.ScenarioLoader;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's path to dealers: the journaled core behind the market link asks the market
 * process's dealers in RFQ frames, their quotes and declines come back as journal messages and are
 * journaled, and the journal replays into a core with the same state and outputs.
 */
class MarketLinkDealerTest
{
    private static final String LABEL = "dealer-rich";

    @TempDir
    Path dir;

    private LoopbackMarket marketProcess;

    @AfterEach
    void close()
    {
        CloseHelper.quietClose(marketProcess);
    }

    @Test
    void dealersAnswerOverTheLinkAndTheirAnswersAreJournaled() throws Exception
    {
        final MarketLinkContext link = LoopbackMarket.link();
        final LongSupplier clock = MarketLinkContext.epochClock();
        marketProcess = new LoopbackMarket(world(), LABEL, link, clock, dir.resolve("market-aeron"),
            dir.resolve("ledger.tsv"), null);
        final MarketServer server = marketProcess.server();

        final List<ParentOrderReport> reports = new CopyOnWriteArrayList<>();
        final SimulatedAppliance.Context context = world();
        final String liveState;
        final long liveDigest;
        final long requestsOut;
        try (MarketLinkAppliance appliance = new MarketLinkAppliance(context, LABEL, journal(), link, reports::add,
            record -> { }, clock))
        {
            final Instrument instrument = appliance.instruments().get(0);
            awaitUntil(appliance, clock, () -> !Double.isNaN(appliance.core().compositeMid(instrument)), 20);
            // Slices every 2 s, each asking the dealers for part of it; 12 BTC is quoted by every dealer.
            appliance.submit(new NewParentOrder("ML-DQ", "BTC-USD", '2', "12", 1, NewParentOrder.NO_TIME,
                clock.getAsLong() + TimeUnit.SECONDS.toNanos(16), null,
                List.of(new StrategyParameter("RfqAllowed", 13, "Y")), "CLIENT"));
            awaitUntil(appliance, clock, () -> appliance.core().activeParentCount() == 0, 60);

            assertTrue(appliance.core().rfqsSent() > 0, "dealers were asked");
            assertTrue(server.rfqsTaken() > 0, "the market's dealers got the requests");
            assertEquals(0, appliance.rfqsUnsent());
            assertEquals(0, appliance.badFrames(), appliance.lastBadFrame());
            final ParentOrderReport last = reports.get(reports.size() - 1);
            assertTrue(last.ordStatus() == OrdStatus.FILLED || last.ordStatus() == OrdStatus.EXPIRED, last.toString());
            // Own impact with the dealers' hedges in it: stop the market, take what it sent, compare.
            marketProcess.stopRunner();
            final long drainUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < drainUntil)
            {
                appliance.runUntil(clock.getAsLong());
                Thread.sleep(1);
            }
            final io.slipway.sim.market.ImpactModel model = server.market().impactModel();
            assertEquals(1, model.parentsKept(), "the dealers' hedges count as the parent's flow, not anyone's");
            final double marketFigure = server.market().ownImpact().ownImpactBps(instrument.id(), 1);
            assertTrue(Double.isFinite(marketFigure), "the parent's own impact is measured: " + marketFigure);
            assertEquals(marketFigure, appliance.ownImpact().ownImpactBps(instrument.id(), 1),
                "the appliance holds the market's latest figure, bit for bit");
            liveState = appliance.core().describeState();
            liveDigest = appliance.journaledCore().gate().digest();
            requestsOut = appliance.journaledCore().gate().requestsOut();
        }

        try (Journal journal = Journal.launch(journal()))
        {
            final int[] counts = new int[64];
            journal.replay((buffer, offset, length, header) -> counts[InputDecoder.templateId(buffer, offset, length)]++);
            assertTrue(counts[InputTemplates.DEALER_QUOTE] + counts[InputTemplates.DEALER_DECLINE] > 0,
                "the dealers' answers are in the journal");
            assertTrue(counts[InputTemplates.DEALER_QUOTE] > 0, "at least one quote is in the journal");
            final InputDecoder describer = new InputDecoder();
            journal.replay((buffer, offset, length, header) ->
            {
                if (InputDecoder.templateId(buffer, offset, length) == InputTemplates.DEALER_DECLINE)
                {
                    final String line = describer.describe(buffer, offset, length);
                    assertTrue(line.contains(" declined reason="), "a dealer's decline keeps its reason: " + line);
                }
            });

            final JournaledCore replayed = new JournaledCore(context.coreContext(), venues(context), new NoOrders(),
                report -> { }, record -> { });
            replayed.replay(journal);
            assertEquals(liveState, replayed.core().describeState());
            assertEquals(liveDigest, replayed.gate().digest());
            assertEquals(requestsOut, replayed.gate().suppressedRequests());
        }
    }

    private static List<io.slipway.core.TradingVenue> venues(final SimulatedAppliance.Context context)
    {
        final io.slipway.sim.market.SimulatedMarket description =
            new io.slipway.sim.market.SimulatedMarket(context.marketContext());
        return description.venues().stream().map(v -> io.slipway.core.TradingVenue.of(v, context.instruments()))
            .toList();
    }

    private static void awaitUntil(final MarketLinkAppliance appliance, final LongSupplier clock,
        final java.util.function.BooleanSupplier done, final int seconds) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean() && System.nanoTime() < deadline)
        {
            appliance.runUntil(clock.getAsLong());
            Thread.sleep(1);
        }
        assertTrue(done.getAsBoolean(), "not reached within " + seconds + " s");
        assertFalse(appliance.badFrames() > 0, appliance.lastBadFrame());
    }

    private JournalContext journal()
    {
        return new JournalContext().directory(dir.resolve("journal").toFile());
    }

    private static SimulatedAppliance.Context world()
    {
        final SimulatedAppliance.Context context = Worlds.simulated(11, ScenarioLoader.loadNamed("dealer-rich"));
        context.coreContext().sliceIntervalNs(TimeUnit.SECONDS.toNanos(2))
            .retryIntervalNs(TimeUnit.MILLISECONDS.toNanos(200));
        return context;
    }


    /** A replay sends nothing; a child order reaching here is a failure. */
    private static final class NoOrders implements io.slipway.core.ChildOrderSink
    {
        @Override
        public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument,
            final io.slipway.domain.Side side, final io.slipway.domain.OrderType type, final long price,
            final long quantity)
        {
            throw new AssertionError("a replay sent child " + clientOrderId);
        }

        @Override
        public boolean sendCancel(final int venueId, final long clientOrderId, final Instrument instrument,
            final io.slipway.domain.Side side)
        {
            throw new AssertionError("a replay sent a cancel of " + clientOrderId);
        }

        @Override
        public void reportFill(final long clientOrderId, final Instrument instrument, final io.slipway.domain.Side side,
            final long quantity)
        {
        }

        @Override
        public void reportRelease(final long clientOrderId, final Instrument instrument,
            final io.slipway.domain.Side side, final long quantity)
        {
        }
    }
}
