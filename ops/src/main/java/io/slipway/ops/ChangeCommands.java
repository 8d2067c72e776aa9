package io.slipway.ops;

import io.slipway.ops.daemon.AdminClient;
import io.slipway.ops.daemon.AuditLog;
import io.slipway.ops.daemon.CountersView;
import io.slipway.ops.daemon.JsonText;
import io.slipway.ops.daemon.RiskSettings;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Changes to a running daemon, through its authenticated admin socket; each is validated, applied
 * by the core (or refused with the reason, changing nothing) and appended to the audit log. Exit
 * code 0 when applied, 1 when refused.
 */
final class ChangeCommands
{
    private ChangeCommands()
    {
    }

    /** --venue V or --order ID; neither means everything. */
    static final class Scope
    {
        @Option(names = "--venue", description = "Only this venue (name, e.g. SIMA, or id).")
        String venue;

        @Option(names = "--order", description = "Only this parent order (OrderID SLP-n or ClOrdID).")
        String order;

        String words()
        {
            return venue != null ? "venue " + venue : "order " + order;
        }
    }

    static int print(final CommandLine.Model.CommandSpec spec, final AdminClient.Answer answer)
    {
        final PrintWriter out = answer.accepted() ? spec.commandLine().getOut() : spec.commandLine().getErr();
        out.print(answer.accepted() ? answer.text() : "refused: " + answer.text());
        out.flush();
        return answer.accepted() ? 0 : 1;
    }

    @Command(name = "kill", mixinStandardHelpOptions = true, description = {
        "Kill switch: stop placing and cancel every working child order.",
        "On every venue (default), one venue or one parent order. Everything: the card's kill bit is set first, so nothing",
        "new leaves. One venue: the router skips it and the card's venue bit is cleared once the",
        "cancels have left. Prints the time from command receipt to the last cancel at the card."})
    static final class Kill implements Callable<Integer>
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Mixin
        private DaemonOptions daemon;

        @ArgGroup(exclusive = true)
        private Scope scope;

        @Override
        public Integer call()
        {
            return print(spec, daemon.send("kill " + (scope == null ? "all" : scope.words())));
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Lift a kill: everything (default; clears the card's kill bit), one venue or one parent order.")
    static final class Resume implements Callable<Integer>
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Mixin
        private DaemonOptions daemon;

        @ArgGroup(exclusive = true)
        private Scope scope;

        @Override
        public Integer call()
        {
            return print(spec, daemon.send("resume " + (scope == null ? "all" : scope.words())));
        }
    }

    @Command(name = "venues", mixinStandardHelpOptions = true,
        description = "The daemon's venues: routing state and the card's venue-enable bit; enable or disable one.")
    static final class Venues implements Callable<Integer>
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Mixin
        private DaemonOptions daemon;

        @Option(names = "--json", description = "Print JSON instead of text.")
        private boolean json;

        @Override
        public Integer call()
        {
            final PrintWriter out = spec.commandLine().getOut();
            try (CountersView view = daemon.counters())
            {
                final List<?> venues = (List<?>)view.snapshot().getOrDefault("venues", List.of());
                if (json)
                {
                    out.println(JsonText.write(venues));
                    return 0;
                }
                out.printf("%-3s %-8s %-9s %s%n", "id", "venue", "routing", "card");
                for (final Object entry : venues)
                {
                    final Map<?, ?> v = (Map<?, ?>)entry;
                    out.printf("%-3d %-8s %-9s %s%n", ((Double)v.get("id")).intValue(), v.get("name"), v.get("routing"),
                        Boolean.TRUE.equals(v.get("cardEnabled")) ? "enabled" : "disabled");
                }
            }
            return 0;
        }

        @Command(name = "enable", mixinStandardHelpOptions = true, description = "Route to the venue again.")
        int enable(@Mixin final DaemonOptions options, @Parameters(paramLabel = "VENUE") final String venue)
        {
            return print(spec, options.send("venues enable " + venue));
        }

        @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Stop routing to the venue and clear its card bit; children there finish on their own.")
        int disable(@Mixin final DaemonOptions options, @Parameters(paramLabel = "VENUE") final String venue)
        {
            return print(spec, options.send("venues disable " + venue));
        }
    }

    @Command(name = "risk", mixinStandardHelpOptions = true, description = "The card's hard risk limits: show or set one.")
    static final class Risk implements Runnable
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public void run()
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "risk needs 'show' or 'set KEY VALUE'");
        }

        @Command(name = "show", mixinStandardHelpOptions = true, description = "Every limit with its range and unit.")
        int show(@Mixin final DaemonOptions daemon,
            @Option(names = "--json", description = "Print JSON instead of text.") final boolean json)
        {
            final PrintWriter out = spec.commandLine().getOut();
            try (CountersView view = daemon.counters())
            {
                final Map<?, ?> risk = (Map<?, ?>)view.snapshot().getOrDefault("risk", Map.of());
                if (json)
                {
                    out.println(JsonText.write(risk));
                    return 0;
                }
                out.printf("%-27s %14s  %s%n", "limit", "value", "range");
                risk.forEach((key, value) -> out.printf("%-27s %14s  %s%n", key, ((Map<?, ?>)value).get("value"),
                    ((Map<?, ?>)value).get("range")));
            }
            return 0;
        }

        @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Change one limit; out of range is refused with the range and nothing changes.")
        int set(@Mixin final DaemonOptions daemon,
            @Parameters(index = "0", paramLabel = "KEY", description = "One of ${COMPLETION-CANDIDATES}.",
                completionCandidates = RiskKeys.class) final String key,
            @Parameters(index = "1", paramLabel = "VALUE") final String value)
        {
            return print(spec, daemon.send("risk set " + key + " " + value));
        }
    }

    /** The risk limit keys, for help text. */
    static final class RiskKeys implements Iterable<String>
    {
        @Override
        public java.util.Iterator<String> iterator()
        {
            return RiskSettings.KEYS.iterator();
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true, description = "The hash-chained audit log of operator changes.")
    static final class Audit implements Runnable
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public void run()
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "audit needs 'verify'");
        }

        @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every entry's hash chain; exit 1 naming the first broken entry.")
        int verify(@Mixin final DaemonOptions daemon,
            @Option(names = "--file", description = "The log to check (default: DIR/audit.log).") final Path file)
        {
            final Path log = file != null ? file : daemon.dir().resolve(AuditLog.FILE_NAME);
            if (!log.toFile().isFile())
            {
                throw new IllegalArgumentException("no audit log at " + log);
            }
            final AuditLog.Verification verification = AuditLog.verify(log);
            if (verification.intact())
            {
                spec.commandLine().getOut().println(log + ": " + verification.message());
                return 0;
            }
            spec.commandLine().getErr().println(log + ": BROKEN at " + verification.message());
            return 1;
        }
    }
}
