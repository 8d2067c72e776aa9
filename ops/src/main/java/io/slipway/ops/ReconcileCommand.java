package io.slipway.ops;

import io.slipway.app.FaultDrills;
import io.slipway.app.SimulatedAppliance;
import io.slipway.app.Worlds;
import io.slipway.core.ChildOrderSink;
import io.slipway.core.ExecutionCore;
import io.slipway.core.TradingVenue;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.journal.Journal;
import io.slipway.journal.JournalContext;
import io.slipway.journal.JournaledCore;
import io.slipway.sim.market.SimulatedMarket;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.venue.Venue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code slipway reconcile [--dir DIR]}: the core's view rebuilt from a journal (working parents,
 * open children by venue), which is what a restart reconciles against the venues.
 */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
        "Replay a journal into a fresh core (nothing is sent or recorded) and print what it",
        "believes: parent orders still working and child orders still open, by venue. These are",
        "the orders a restart asks the venues about. The venues of a simulated run lived in the",
        "process that wrote the journal, so this command cannot ask them itself: the appliance",
        "reconciles with its venues on restart, and `slipway drill` shows those results."})
public final class ReconcileCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "slipway-journal",
        description = "Journal directory (default: ${DEFAULT-VALUE}).")
    private File directory;

    @Option(names = "--scenario", paramLabel = "NAME",
        description = "World the journal was written on (default: from the journal's world.properties, else calm).")
    private String scenario;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of that world (default: from world.properties, else 42).")
    private Long seed;

    @Override
    public Integer call() throws IOException
    {
        JournalCommand.requireJournal(directory);
        final Properties world = new Properties();
        final File worldFile = new File(directory, FaultDrills.WORLD_FILE);
        if (worldFile.isFile())
        {
            try (Reader reader = Files.newBufferedReader(worldFile.toPath()))
            {
                world.load(reader);
            }
        }
        final String scenarioName = scenario != null ? scenario : world.getProperty("scenario", "calm");
        final long worldSeed = seed != null ? seed : Long.parseLong(world.getProperty("seed", "42"));
        final SimulatedAppliance.Context context = Worlds.simulated(worldSeed, ScenarioLoader.loadNamed(scenarioName))
            .conclude();
        final SimulatedMarket market = new SimulatedMarket(context.marketContext());
        final List<TradingVenue> venues = new ArrayList<>();
        final String[] venueNames = new String[16];
        for (final Venue venue : market.venues())
        {
            venues.add(TradingVenue.of(venue, context.instruments()));
            venueNames[venue.id()] = venue.name();
        }

        final PrintWriter out = spec.commandLine().getOut();
        try (Journal journal = Journal.launch(new JournalContext().directory(directory)))
        {
            final JournaledCore journaled = new JournaledCore(context.coreContext(), venues, new NoChildOrders(),
                report -> { }, record -> { });
            final long inputs = journaled.replay(journal);
            final ExecutionCore core = journaled.core();
            out.printf("journal %s: %d inputs replayed on %s seed %d%n", directory.getAbsolutePath(), inputs,
                scenarioName, worldSeed);
            out.printf("parent orders working: %d %s%n", core.activeParentCount(), core.activeClOrdIds());
            out.printf("child orders open: %d%n", core.openChildCount());
            core.forEachOpenChild((id, venueId, atCard, quantity, filled) ->
                out.printf("  child %d at %s: %s, filled %d of %d%n", id,
                    venueId < venueNames.length && venueNames[venueId] != null ? venueNames[venueId] : "venue " + venueId,
                    atCard ? "no card verdict recorded" : "sent", filled, quantity));
            out.println("venues: not reachable from this command; a restart of the appliance asks each venue " +
                "about the children above and injects what it missed");
        }
        out.flush();
        return 0;
    }

    /** A replay sends nothing; reaching this is a defect. */
    private static final class NoChildOrders implements ChildOrderSink
    {
        @Override
        public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument,
            final Side side, final OrderType type, final long price, final long quantity)
        {
            throw new IllegalStateException("a replay tried to send child order " + clientOrderId);
        }

        @Override
        public void reportFill(final long clientOrderId, final Instrument instrument, final Side side,
            final long quantity)
        {
            throw new IllegalStateException("a replay tried to report a fill to a card");
        }

        @Override
        public void reportRelease(final long clientOrderId, final Instrument instrument, final Side side,
            final long quantity)
        {
            throw new IllegalStateException("a replay tried to report a release to a card");
        }
    }
}
