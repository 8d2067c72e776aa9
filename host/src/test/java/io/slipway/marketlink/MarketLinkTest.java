package io.slipway.marketlink;

import io.slipway.app.SimulatedAppliance;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.journal.ReconcileResult;
import io.slipway.oms.NewParentOrder;
import io.slipway.journal.JournalContext;
import io.slipway.sim.market.SimulatedMarket;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The market server and the appliance side in one JVM, each on its own media driver, over loopback UDP. */
class MarketLinkTest
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
    void aMarketOfAnotherWorldIsRefusedAndTheRightOneFeedsTheCore() throws Exception
    {
        final MarketLinkContext link = LoopbackMarket.link();
        final LongSupplier clock = MarketLinkContext.epochClock();
        marketProcess = new LoopbackMarket(world(1), "base simulated world", link, clock, dir.resolve("market-aeron"),
            dir.resolve("ledger.tsv"), null);

        final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new MarketLinkAppliance(
            world(2), "base simulated world", journal("journal-a"), link, report -> { }, record -> { }, clock).close());
        assertTrue(refused.getMessage().contains("the market serves 'base simulated world, seed 1") &&
            refused.getMessage().contains("configured for 'base simulated world, seed 2"), refused.getMessage());

        try (MarketLinkAppliance appliance = new MarketLinkAppliance(world(1), "base simulated world",
            journal("journal-b"), link, report -> { }, record -> { }, clock))
        {
            assertTrue(appliance.reconciliation() == null, "a first start has nothing to reconcile");
            final Instrument instrument = appliance.instruments().get(0);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (Double.isNaN(appliance.core().compositeMid(instrument)) && System.nanoTime() < deadline)
            {
                appliance.runUntil(clock.getAsLong());
                Thread.sleep(1);
            }
            assertFalse(Double.isNaN(appliance.core().compositeMid(instrument)),
                "the market's SBE feed reached the core's books through the card");
            assertTrue(appliance.journaledCore().writer() != null);
            assertTrue(appliance.badFrames() == 0, appliance.lastBadFrame());
        }
        assertTrue(Files.readString(dir.resolve("ledger.tsv")).startsWith("# sessions"));
    }

    /**
     * The market dies mid-order and a new market process starts on its journal: the appliance hears
     * nothing of its session, holds its orders back, greets the new market, reconciles and finishes
     * the order; the venues kept every child and fill across the restart and none arrived twice.
     */
    @Test
    void aMarketThatDiesIsGreetedAgainReconciledAndTheOrderGoesOn() throws Exception
    {
        final MarketLinkContext link = LoopbackMarket.link()
            .silenceTimeoutNs(TimeUnit.SECONDS.toNanos(1)).regreetIntervalNs(TimeUnit.SECONDS.toNanos(3));
        final LongSupplier clock = MarketLinkContext.epochClock();
        startMarket(link, clock, 1);
        final SimulatedAppliance.Context world = world(1);
        world.coreContext().sliceIntervalNs(TimeUnit.SECONDS.toNanos(1)).retryIntervalNs(TimeUnit.MILLISECONDS.toNanos(250))
            .childOrderType(OrderType.LIMIT);
        final List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (MarketLinkAppliance appliance = new MarketLinkAppliance(world, "base simulated world",
            journal("journal"), link, report -> reports.add(report.toString()), record -> { }, clock))
        {
            final Instrument instrument = appliance.instruments().get(0);
            runWhile(appliance, clock, () -> Double.isNaN(appliance.core().compositeMid(instrument)), 10_000);
            final long expireNs = clock.getAsLong() + TimeUnit.SECONDS.toNanos(12);
            appliance.submit(new NewParentOrder("C1", instrument.symbol(), '1', "0.2", 1001, NewParentOrder.NO_TIME,
                expireNs, null));
            runWhile(appliance, clock, () -> ledgerRows().isEmpty(), 6_000);
            runWhile(appliance, clock, () -> true, 300); // let the ledger view catch up with the venues
            final java.util.Set<String> before = new java.util.TreeSet<>();
            for (final String[] row : ledgerRows())
            {
                before.add(row[0] + "/" + row[2]);
            }
            assertTrue(!before.isEmpty(), "the order placed a child before the market died: " + reports);

            // The market process dies: its runner, media driver and all; the journal stays on disk.
            marketProcess.close();
            runWhile(appliance, clock, appliance::isMarketLive, 5_000);
            assertFalse(appliance.isMarketLive(), "the silence was noticed");
            startMarket(link, clock, 2);
            runWhile(appliance, clock, () -> appliance.marketReturns().isEmpty(), 20_000);
            assertEquals(1, appliance.marketReturns().size(), "the new market was greeted and reconciled");
            final ReconcileResult back = appliance.marketReturns().get(0);
            assertEquals(0, back.anomalies(), back.differences().toString());
            assertEquals(1, appliance.marketLosses());

            final String[] state = new String[1];
            final long[] filled = new long[1];
            runWhile(appliance, clock, () ->
            {
                appliance.core().forEachParent((orderId, clOrdId, parentInstrument, side, strategy, quantity, f, inFlight,
                    avgPx, fees, working, s) ->
                {
                    state[0] = s;
                    filled[0] = f;
                });
                return !isFinal(state[0]);
            }, 30_000);
            assertTrue(isFinal(state[0]), "the parent ended: " + state[0]);
            runWhile(appliance, clock, () -> true, 1_500); // the last venue answers land in the ledger
            marketProcess.stopRunner();
            final MarketServer server = marketProcess.server();
            // The restarted world's impact model has not seen the parent's fills from before the restart:
            // whatever it measured since, the appliance is told the figure is unknown.
            final double filledSinceRestart = server.market().impactModel().ownFilledBase(instrument.id(), 1);
            if (filledSinceRestart > 0)
            {
                assertTrue(Double.isNaN(appliance.ownImpact().ownImpactBps(instrument.id(), 1)),
                    "a partial figure is not passed off as the parent's: " +
                    appliance.ownImpact().ownImpactBps(instrument.id(), 1));
            }
            System.out.println("own impact after the market's restart: " + filledSinceRestart + " filled since, " +
                "appliance answers " + appliance.ownImpact().ownImpactBps(instrument.id(), 1));
            long venueFilled = 0;
            final List<String[]> rows = ledgerRows();
            final java.util.Set<String> after = new java.util.TreeSet<>();
            for (final String[] row : rows)
            {
                after.add(row[0] + "/" + row[2]);
            }
            assertTrue(after.containsAll(before), "the restarted market kept every child: " + before + " in " + after);
            System.out.println("market died after children " + before + "; back after " +
                appliance.lastOutageNs() / 1_000_000 + " ms: " + back + "; " + rows.size() + " children, filled " +
                filled[0] + ", " + appliance.ordersUnsent() + " order message(s) held back, parent " + state[0]);
            for (final String[] row : rows)
            {
                assertEquals("1", row[3], "child " + row[2] + " reached venue " + row[1] + " once");
                assertFalse("OPEN".equals(row[8]), "child " + row[2] + " is not left open");
                venueFilled += Long.parseLong(row[5]);
            }
            assertEquals(venueFilled, filled[0], "the core's filled quantity is the venues' total");
        }
    }

    /**
     * The window the held-back rule closes: the market has taken its status and gone live, the
     * appliance has not yet read the WELCOME, and its core makes a child order. Sent, it would reach
     * a venue behind the status, be reconciled as "not at the venue" and placed again. Both sides
     * are driven by hand on this thread so the interleaving is exact.
     */
    @Test
    void anOrderMadeWhileGreetingIsHeldBackAndNeverReachesAVenueBehindTheStatus() throws Exception
    {
        final MarketLinkContext link = LoopbackMarket.link()
            .silenceTimeoutNs(TimeUnit.SECONDS.toNanos(1)).regreetIntervalNs(TimeUnit.SECONDS.toNanos(10));
        final LongSupplier clock = MarketLinkContext.epochClock();
        startMarket(link, clock, 1);
        final SimulatedAppliance.Context world = world(1);
        world.coreContext().sliceIntervalNs(TimeUnit.SECONDS.toNanos(1)).retryIntervalNs(TimeUnit.MILLISECONDS.toNanos(250));
        try (MarketLinkAppliance appliance = new MarketLinkAppliance(world, "base simulated world",
            journal("journal"), link, report -> { }, record -> { }, clock))
        {
            final Instrument instrument = appliance.instruments().get(0);
            runWhile(appliance, clock, () -> Double.isNaN(appliance.core().compositeMid(instrument)), 10_000);
            // From here this thread drives the market too (its runner's close only writes the ledger).
            marketProcess.stopRunner();
            final MarketServer server = marketProcess.server();
            runWhile(appliance, clock, appliance::isMarketLive, 5_000);
            assertFalse(appliance.isMarketLive(), "the market's silence was noticed");
            final long deadline = System.currentTimeMillis() + 10_000;
            while (!server.isLive() && System.currentTimeMillis() < deadline)
            {
                appliance.runUntil(clock.getAsLong()); // sends the HELLO; the WELCOME waits unread below
                for (int i = 0; i < 20; i++)
                {
                    server.doWork();
                }
                Thread.sleep(1);
            }
            assertTrue(server.isLive(), "the market answered the HELLO");
            final long unsentBefore = appliance.ordersUnsent();
            final long heldBackAt = server.session();
            // The core makes its first child now, with the WELCOME still unread.
            appliance.submit(new NewParentOrder("C1", instrument.symbol(), '1', "0.05", 1001, NewParentOrder.NO_TIME,
                clock.getAsLong() + TimeUnit.SECONDS.toNanos(6), null));
            assertTrue(appliance.ordersUnsent() > unsentBefore, "the child made while greeting was held back");
            final long until = System.currentTimeMillis() + 600;
            while (System.currentTimeMillis() < until)
            {
                server.doWork();
                Thread.sleep(1);
            }
            assertEquals(List.of(), ledgerRows().stream().map(row -> String.join(" ", row)).toList(),
                "no child reached a venue behind the status of session " + heldBackAt);

            // Both sides run on: the WELCOME is read, the held-back child is at no venue and placed again.
            final String[] state = new String[1];
            final long[] filled = new long[1];
            final long end = System.currentTimeMillis() + 20_000;
            while (!isFinal(state[0]) && System.currentTimeMillis() < end)
            {
                server.doWork();
                appliance.runUntil(clock.getAsLong());
                appliance.core().forEachParent((orderId, clOrdId, parentInstrument, side, strategy, quantity, f,
                    inFlight, avgPx, fees, working, s) ->
                {
                    state[0] = s;
                    filled[0] = f;
                });
                Thread.sleep(1);
            }
            assertTrue(isFinal(state[0]), "the parent ended: " + state[0]);
            assertEquals(1, appliance.marketReturns().size());
            assertEquals(0, appliance.marketReturns().get(0).anomalies());
            final long settle = System.currentTimeMillis() + 1_500;
            while (System.currentTimeMillis() < settle)
            {
                server.doWork();
                appliance.runUntil(clock.getAsLong());
                Thread.sleep(1);
            }
            server.onClose(); // the ledger view
            long venueFilled = 0;
            for (final String[] row : ledgerRows())
            {
                assertEquals("1", row[3], "child " + row[2] + " reached venue " + row[1] + " once");
                assertFalse("OPEN".equals(row[8]), "child " + row[2] + " is not left open");
                venueFilled += Long.parseLong(row[5]);
            }
            assertTrue(!ledgerRows().isEmpty(), "the order placed children once the session was live");
            assertEquals(venueFilled, filled[0], "the core's filled quantity is the venues' total");
        }
    }

    private void startMarket(final MarketLinkContext link, final LongSupplier clock, final int run)
    {
        marketProcess = new LoopbackMarket(world(1), "base simulated world", link, clock,
            dir.resolve("market-aeron-" + run), dir.resolve("ledger.tsv"), dir.resolve("market"));
    }

    private List<String[]> ledgerRows() throws IOException
    {
        final List<String[]> rows = new java.util.ArrayList<>();
        final Path file = dir.resolve("ledger.tsv");
        if (!Files.exists(file))
        {
            return rows;
        }
        for (final String text : Files.readAllLines(file))
        {
            if (!text.startsWith("#") && !text.isBlank())
            {
                rows.add(text.split("\t"));
            }
        }
        return rows;
    }

    private static boolean isFinal(final String state)
    {
        return state != null && !List.of("WORKING", "PAUSED", "ADVERSE_MOVE_PAUSE", "KILLED").contains(state);
    }

    private interface Condition
    {
        boolean holds() throws Exception;
    }

    private static void runWhile(final MarketLinkAppliance appliance, final LongSupplier clock,
        final Condition condition, final long timeoutMs) throws Exception
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (condition.holds() && System.currentTimeMillis() < deadline)
        {
            appliance.runUntil(clock.getAsLong());
            Thread.sleep(1);
        }
    }

    private JournalContext journal(final String name)
    {
        return new JournalContext().directory(dir.resolve(name).toFile());
    }

    private static SimulatedAppliance.Context world(final long seed)
    {
        final SimulatedAppliance.Context context = new SimulatedAppliance.Context().seed(seed);
        return context.marketContext(new SimulatedMarket.Context().seed(seed).instruments(context.instruments()));
    }

}
