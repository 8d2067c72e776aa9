package io.slipway.ops;

import io.slipway.journal.InputDecoder;
import io.slipway.journal.InputTemplates;
import io.slipway.journal.Journal;
import io.slipway.journal.JournalContext;
import io.slipway.journal.JournalSegment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code slipway journal list|dump [--dir DIR]}: what the core's input journal holds. */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    description = {
        "List the recordings of the core's input journal (one per appliance run) or dump every",
        "recorded input, one line each. Starts the journal's archive on the directory, so run it",
        "while no appliance is using that journal."})
public final class JournalCommand implements Callable<Integer>
{
    /** What to show. */
    public enum Action
    {
        list,
        dump
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "list|dump", description = "list: recordings; dump: every input.")
    private Action action;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "slipway-journal",
        description = "Journal directory (default: ${DEFAULT-VALUE}).")
    private File directory;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
        description = "dump: stop after N inputs (0: all).")
    private long limit;

    @Override
    public Integer call()
    {
        requireJournal(directory);
        if (limit < 0)
        {
            throw new IllegalArgumentException("--limit must not be negative, was " + limit);
        }
        final PrintWriter out = spec.commandLine().getOut();
        try (Journal journal = Journal.launch(new JournalContext().directory(directory)))
        {
            final List<JournalSegment> segments = journal.segments();
            if (action == Action.list)
            {
                list(journal, segments, out);
            }
            else
            {
                dump(journal, segments, out);
            }
        }
        out.flush();
        return 0;
    }

    private static void list(final Journal journal, final List<JournalSegment> segments, final PrintWriter out)
    {
        out.printf("journal %s: %d recording(s)%n", journal.context().directory().getAbsolutePath(), segments.size());
        long totalInputs = 0;
        for (final JournalSegment segment : segments)
        {
            // One count per known template and a last one for ids this build does not know.
            final int unknown = InputTemplates.limit();
            final long[] byTemplate = new long[unknown + 1];
            final long inputs = journal.replay(segment, (buffer, offset, length, header) ->
                byTemplate[Math.min(unknown, InputDecoder.templateId(buffer, offset, length))]++);
            totalInputs += inputs;
            out.printf("recording %d: %d inputs, %d bytes, started %s, stopped %s%n", segment.recordingId(), inputs,
                segment.length(), Instant.ofEpochMilli(segment.startTimestampMs()),
                Instant.ofEpochMilli(segment.stopTimestampMs()));
            final StringBuilder kinds = new StringBuilder("  ");
            for (int t = 1; t < byTemplate.length; t++)
            {
                if (byTemplate[t] > 0)
                {
                    kinds.append(' ').append(t == unknown ? "UNKNOWN" : InputTemplates.name(t)).append('=')
                        .append(byTemplate[t]);
                }
            }
            out.println(kinds);
        }
        out.printf("total: %d inputs%n", totalInputs);
    }

    private void dump(final Journal journal, final List<JournalSegment> segments, final PrintWriter out)
    {
        final InputDecoder decoder = new InputDecoder();
        final long[] printed = new long[1];
        for (final JournalSegment segment : segments)
        {
            out.printf("# recording %d%n", segment.recordingId());
            journal.replay(segment, (buffer, offset, length, header) ->
            {
                if (limit == 0 || printed[0] < limit)
                {
                    out.println(decoder.describe(buffer, offset, length));
                    printed[0]++;
                }
            });
        }
    }

    static void requireJournal(final File directory)
    {
        if (!new File(directory, "archive").isDirectory())
        {
            throw new IllegalArgumentException("no journal at " + directory.getAbsolutePath() +
                " (expected an archive/ directory there)");
        }
    }
}
