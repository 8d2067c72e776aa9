package io.slipway.marketlink;

import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.market.HostOrderLedger;
import io.slipway.venue.VenueOrderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The market's own journal: what a killed market process writes is what the next one rebuilds. */
class MarketJournalTest
{
    @TempDir
    Path dir;

    @Test
    void aRestartRebuildsEveryVenuesOrdersFillsAndNewestSession()
    {
        try (MarketJournal journal = MarketJournal.open(dir, ledgers()))
        {
            journal.start(1);
            journal.hello(100);
            final HostOrderLedger.Recorder one = journal.recorderFor(1);
            final HostOrderLedger.Recorder two = journal.recorderFor(2);
            one.onReceived(11, 3, Side.BUY, OrderType.LIMIT, 50_000, 7);
            one.onFill(11, 50_000, 2, 0.125, true);
            two.onReceived(21, 3, Side.SELL, OrderType.IOC, 49_000, 4);
            two.onFill(21, 49_000, 4, 1.0 / 3.0, false);
            two.onDone(21, 0);
            two.onReceived(22, 3, Side.SELL, OrderType.POST_ONLY, 49_500, 4);
            two.onRefused(22, "post only\twould take");
            journal.hello(200);
        }
        final HostOrderLedger[] ledgers = ledgers();
        try (MarketJournal journal = MarketJournal.open(dir, ledgers))
        {
            assertEquals(new MarketJournal.Loaded(1, 200, 2, 10, false), journal.loaded());
        }
        final VenueOrderStatus open = ledgers[1].status(11);
        assertEquals(VenueOrderStatus.State.OPEN, open.state());
        assertEquals(List.of(new VenueOrderStatus.Fill(50_000, 2, 0.125, true)), open.fills());
        assertEquals(List.of(new HostOrderLedger.OpenOrder(11, 3, Side.BUY, OrderType.LIMIT, 50_000, 7, 2)),
            ledgers[1].openOrders());
        final VenueOrderStatus done = ledgers[2].status(21);
        assertEquals(VenueOrderStatus.State.DONE, done.state());
        assertEquals(1.0 / 3.0, done.fills().get(0).fee(), "a fee reads back to the same double");
        assertEquals(1, done.received());
        assertEquals("post only would take", ledgers[2].status(22).reason());
        assertEquals(VenueOrderStatus.State.REJECTED, ledgers[2].status(22).state());
    }

    @Test
    void aLineTornByTheKillIsCutOffAndTheJournalGoesOnFromTheLastWholeLine() throws IOException
    {
        try (MarketJournal journal = MarketJournal.open(dir, ledgers()))
        {
            journal.recorderFor(1).onReceived(11, 3, Side.BUY, OrderType.IOC, 50_000, 7);
        }
        final Path file = dir.resolve(MarketJournal.FILE_NAME);
        final long whole = Files.size(file);
        Files.writeString(file, "FILL\t1\t11\t50000", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        final HostOrderLedger[] ledgers = ledgers();
        try (MarketJournal journal = MarketJournal.open(dir, ledgers))
        {
            assertTrue(journal.loaded().tornTail());
            assertEquals(whole, Files.size(file), "the torn line is cut off");
            journal.recorderFor(1).onDone(11, 7);
        }
        assertEquals(List.of(), ledgers[1].status(11).fills(), "the torn fill never happened");
        final HostOrderLedger[] again = ledgers();
        try (MarketJournal journal = MarketJournal.open(dir, again))
        {
            assertFalse(journal.loaded().tornTail());
        }
        assertEquals(VenueOrderStatus.State.DONE, again[1].status(11).state());
    }

    @Test
    void aMalformedLineStopsTheMarketsStartWithItsLineNumber() throws IOException
    {
        Files.writeString(dir.resolve(MarketJournal.FILE_NAME), "START\t1\nNEW\t1\t11\t3\tBUY\tLIMIT\t50000\t7\n" +
            "FILL\t1\t11\t50000\t2\t0.1\tmaybe\n", StandardCharsets.UTF_8);
        final IllegalStateException bad = assertThrows(IllegalStateException.class,
            () -> MarketJournal.open(dir, ledgers()));
        assertTrue(bad.getMessage().contains("line 3: maker must be true or false, was 'maybe'"), bad.getMessage());

        Files.writeString(dir.resolve(MarketJournal.FILE_NAME), "NEW\t9\t11\t3\tBUY\tLIMIT\t50000\t7\n",
            StandardCharsets.UTF_8);
        final IllegalStateException venue = assertThrows(IllegalStateException.class,
            () -> MarketJournal.open(dir, ledgers()));
        assertTrue(venue.getMessage().contains("line 1: venue 9 is not a venue of this market"), venue.getMessage());

        Files.writeString(dir.resolve(MarketJournal.FILE_NAME), "DONE\t1\t11\n", StandardCharsets.UTF_8);
        final IllegalStateException fields = assertThrows(IllegalStateException.class,
            () -> MarketJournal.open(dir, ledgers()));
        assertTrue(fields.getMessage().contains("line 1: DONE has 3 fields, not 4"), fields.getMessage());
    }

    private static HostOrderLedger[] ledgers()
    {
        final HostOrderLedger[] ledgers = new HostOrderLedger[8];
        ledgers[1] = new HostOrderLedger();
        ledgers[2] = new HostOrderLedger();
        return ledgers;
    }
}
