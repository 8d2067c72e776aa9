package io.slipway.journal;

import io.slipway.app.Worlds;
import io.slipway.core.ChildOrderSink;
import io.slipway.core.CoreContext;
import io.slipway.core.ExecutionCore;
import io.slipway.core.TradingVenue;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.market.SimulatedMarket;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.venue.Venue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real SIGKILL: the appliance runs in its own JVM with the journal's archive embedded and is
 * killed in the middle of an order. The journal must open afterwards, and replaying it must
 * reproduce every OMS report the dead process had let out, with the same CumQty: no output ever
 * left on the strength of an input the journal lost.
 */
class SigkillRecoveryTest
{
    private static final long SEED = 5;

    @TempDir
    File directory;

    @Test
    void everyReportTheKilledProcessLetOutIsInItsJournal() throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle") || argument.startsWith("-Djna"))
            {
                command.add(argument);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KilledRunMain.class.getName());
        command.add(directory.getPath());
        command.add(Long.toString(SEED));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();

        final Map<String, Long> released = new HashMap<>();
        final List<String> other = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (released.size() < 40 && (line = lines.readLine()) != null)
            {
                if (line.startsWith("REPORT "))
                {
                    final String[] parts = line.split(" ");
                    released.put(parts[1], Long.parseLong(parts[2]));
                    if (released.size() == 40)
                    {
                        // SIGKILL on Linux: no shutdown hook, no close, nothing flushed by the JVM.
                        process.destroyForcibly();
                    }
                }
                else
                {
                    other.add(line);
                }
            }
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, process.exitValue(), "killed by SIGKILL");
        assertFalse(other.contains("FINISHED"), "the order finished before the kill; make it longer");
        assertEquals(40, released.size(), "the run died before the kill: " + other);

        final Map<String, Long> replayed = new HashMap<>();
        final ExecutionCore core = freshCore(replayed);
        final InputDecoder decoder = new InputDecoder();
        final long inputs;
        final long replayNs;
        final long bytes;
        try (Journal journal = Journal.launch(new JournalContext().directory(directory)))
        {
            assertEquals(1, journal.segments().size());
            bytes = journal.segments().get(0).length();
            final long startNs = System.nanoTime();
            inputs = journal.replay((buffer, offset, length, header) -> decoder.apply(buffer, offset, length, core));
            replayNs = System.nanoTime() - startNs;
        }
        assertTrue(inputs > 0);
        for (final Map.Entry<String, Long> report : released.entrySet())
        {
            assertEquals(report.getValue(), replayed.get(report.getKey()),
                "report " + report.getKey() + " left the killed process but its input is not in the journal");
        }
        System.out.println("SIGKILL drill: " + released.size() + " reports out before the kill, " +
            replayed.size() + " reports rebuilt from " + inputs + " journaled inputs (" + bytes + " bytes) replayed in " +
            replayNs / 1_000_000 + " ms");
    }

    /** A core on the same world's venues, replayed directly: live, every child the gate took was accepted. */
    private static ExecutionCore freshCore(final Map<String, Long> reports)
    {
        final var context = Worlds.simulated(SEED, ScenarioLoader.loadNamed("calm")).conclude();
        final List<TradingVenue> venues = new ArrayList<>();
        for (final Venue venue : new SimulatedMarket(context.marketContext()).venues())
        {
            venues.add(TradingVenue.of(venue, context.instruments()));
        }
        final CoreContext coreContext = context.coreContext();
        return new ExecutionCore(coreContext, venues, new ChildOrderSink()
        {
            @Override
            public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument,
                final Side side, final OrderType type, final long price, final long quantity)
            {
                return true;
            }

            @Override
            public void reportFill(final long clientOrderId, final Instrument instrument, final Side side,
                final long quantity)
            {
            }

            @Override
            public void reportRelease(final long clientOrderId, final Instrument instrument, final Side side,
                final long quantity)
            {
            }
        }, report -> reports.put(report.execId(), report.cumQty()), record -> { });
    }
}
