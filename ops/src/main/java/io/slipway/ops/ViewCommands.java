package io.slipway.ops;

import io.slipway.ops.daemon.CountersLayout;
import io.slipway.ops.daemon.CountersView;
import io.slipway.ops.daemon.JsonText;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Read-only views of a running daemon, from its shared-memory counters file: they never talk to the
 * daemon, so they answer while its core is busy (or stuck, showing the last values and how old they are).
 */
final class ViewCommands
{
    private static final long ALIVE_HEARTBEAT_MS = 2_000;

    private ViewCommands()
    {
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
        description = "The daemon's health, world, kill switch and counters (orders, children, fills, rejects, FIX, operator).")
    static final class Status implements Callable<Integer>
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
                final Map<String, Object> snapshot = view.snapshot();
                final long ageMs = System.currentTimeMillis() - view.heartbeatEpochMs();
                final boolean alive = ageMs < ALIVE_HEARTBEAT_MS && ProcessHandle.of(view.pid()).isPresent();
                if (json)
                {
                    final Map<String, Object> status = new LinkedHashMap<>();
                    status.put("pid", view.pid());
                    status.put("started", Instant.ofEpochMilli(view.startEpochMs()).toString());
                    status.put("heartbeatAgeMs", ageMs);
                    status.put("alive", alive);
                    status.put("world", snapshot.get("world"));
                    status.put("simulatedTime", snapshot.get("simulatedTime"));
                    status.put("killSwitch", snapshot.get("killSwitch"));
                    status.put("counters", counterMap(view, CountersLayout.TYPE_CORE, CountersLayout.TYPE_OPERATOR));
                    out.println(JsonText.write(status));
                    return 0;
                }
                out.printf(Locale.ROOT, "Slipway daemon pid %d, started %s, heartbeat %.1f s ago (%s)%n", view.pid(),
                    Instant.ofEpochMilli(view.startEpochMs()), ageMs / 1000.0, alive ? "alive" : "NOT RUNNING");
                out.printf("World: %s; simulated time %s%n", snapshot.get("world"), snapshot.get("simulatedTime"));
                out.printf("Card kill switch: %s%n", Boolean.TRUE.equals(snapshot.get("killSwitch")) ? "SET" : "off");
                printCounters(out, view, "Core and FIX", CountersLayout.TYPE_CORE);
                printCounters(out, view, "Operator", CountersLayout.TYPE_OPERATOR);
            }
            return 0;
        }
    }

    @Command(name = "orders", mixinStandardHelpOptions = true, description = "Every parent order since the daemon started.")
    static final class Orders implements Callable<Integer>
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
                final List<?> orders = (List<?>)view.snapshot().getOrDefault("orders", List.of());
                if (json)
                {
                    out.println(JsonText.write(orders));
                    return 0;
                }
                out.printf("%-8s %-14s %-8s %-4s %-11s %12s %12s %12s %12s %7s %-8s%n", "order", "clOrdId", "symbol",
                    "side", "strategy", "quantity", "filled", "in flight", "avg px", "working", "state");
                for (final Object entry : orders)
                {
                    final Map<?, ?> o = (Map<?, ?>)entry;
                    out.printf(Locale.ROOT, "%-8s %-14s %-8s %-4s %-11s %12s %12s %12s %12.2f %7d %-8s%n",
                        o.get("orderId"), o.get("clOrdId"), o.get("symbol"), o.get("side"), o.get("strategy"),
                        o.get("quantity"), o.get("filled"), o.get("inFlight"), (Double)o.get("avgPx"),
                        ((Double)o.get("workingChildren")).longValue(), o.get("state"));
                }
                if (orders.isEmpty())
                {
                    out.println("(no orders yet)");
                }
            }
            return 0;
        }
    }

    @Command(name = "order", mixinStandardHelpOptions = true, description = "One parent order, by OrderID (SLP-n) or ClOrdID.")
    static final class Order implements Callable<Integer>
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Mixin
        private DaemonOptions daemon;

        @Parameters(index = "0", description = "OrderID (SLP-n) or ClOrdID.")
        private String id;

        @Option(names = "--json", description = "Print JSON instead of text.")
        private boolean json;

        @Override
        public Integer call()
        {
            final PrintWriter out = spec.commandLine().getOut();
            try (CountersView view = daemon.counters())
            {
                for (final Object entry : (List<?>)view.snapshot().getOrDefault("orders", List.of()))
                {
                    final Map<?, ?> o = (Map<?, ?>)entry;
                    if (id.equals(o.get("orderId")) || id.equals(o.get("clOrdId")))
                    {
                        if (json)
                        {
                            out.println(JsonText.write(o));
                        }
                        else
                        {
                            o.forEach((key, value) -> out.printf("%-16s %s%n", key, JsonText.write(value)
                                .replace("\"", "")));
                        }
                        return 0;
                    }
                }
            }
            throw new IllegalArgumentException("no order '" + id + "' (ops/slipway orders lists them)");
        }
    }

    @Command(name = "card", mixinStandardHelpOptions = true,
        description = "The card's registers or counters, as the daemon last read them; or its figures measured on the RTL.",
        subcommands = CardBenchCommand.class)
    static final class Card implements Runnable
    {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public void run()
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "card needs 'registers', 'counters' or 'bench'");
        }

        @Command(name = "registers", mixinStandardHelpOptions = true,
            description = "Identity, risk and counters register blocks, by name and address.")
        int registers(@Mixin final DaemonOptions daemon,
            @Option(names = "--json", description = "Print JSON instead of text.") final boolean json)
        {
            final PrintWriter out = spec.commandLine().getOut();
            try (CountersView view = daemon.counters())
            {
                final List<?> registers = (List<?>)view.snapshot().getOrDefault("registers", List.of());
                if (json)
                {
                    out.println(JsonText.write(registers));
                    return 0;
                }
                out.printf("%-9s %-28s %-8s %12s %s%n", "block", "register", "address", "value", "hex");
                for (final Object entry : registers)
                {
                    final Map<?, ?> r = (Map<?, ?>)entry;
                    final long value = ((Double)r.get("value")).longValue();
                    out.printf(Locale.ROOT, "%-9s %-28s 0x%04x   %12d 0x%08x%n", r.get("block"), r.get("name"),
                        ((Double)r.get("address")).intValue(), value, value);
                }
            }
            return 0;
        }

        @Command(name = "counters", mixinStandardHelpOptions = true,
            description = "The card's counters mirrored by the daemon, with rejects by reason.")
        int counters(@Mixin final DaemonOptions daemon,
            @Option(names = "--json", description = "Print JSON instead of text.") final boolean json)
        {
            final PrintWriter out = spec.commandLine().getOut();
            try (CountersView view = daemon.counters())
            {
                if (json)
                {
                    out.println(JsonText.write(counterMap(view, CountersLayout.TYPE_CARD, CountersLayout.TYPE_CARD_REJECT)));
                    return 0;
                }
                printCounters(out, view, "Card", CountersLayout.TYPE_CARD);
                printCounters(out, view, "Card rejects by reason", CountersLayout.TYPE_CARD_REJECT);
            }
            return 0;
        }
    }

    @Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Latency histograms (HdrHistogram): operator kill to last cancel at the card, core duty cycle.")
    static final class Latency implements Callable<Integer>
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
                final Map<?, ?> latency = (Map<?, ?>)view.snapshot().getOrDefault("latency", Map.of());
                if (json)
                {
                    out.println(JsonText.write(latency));
                    return 0;
                }
                out.printf("%-22s %8s %10s %10s %10s %10s %10s %10s%n", "histogram (us)", "count", "min", "p50",
                    "p90", "p99", "p99.9", "max");
                latency.forEach((name, value) ->
                {
                    final Histogram histogram = decode((String)((Map<?, ?>)value).get("hdr"));
                    out.printf(Locale.ROOT, "%-22s %8d %10.1f %10.1f %10.1f %10.1f %10.1f %10.1f%n", name,
                        histogram.getTotalCount(), us(histogram.getMinValue()), us(histogram.getValueAtPercentile(50)),
                        us(histogram.getValueAtPercentile(90)), us(histogram.getValueAtPercentile(99)),
                        us(histogram.getValueAtPercentile(99.9)), us(histogram.getMaxValue()));
                });
            }
            return 0;
        }

        private static double us(final long ns)
        {
            return ns / 1e3;
        }

        private static Histogram decode(final String base64)
        {
            try
            {
                return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
            }
            catch (final java.util.zip.DataFormatException ex)
            {
                throw new IllegalStateException("the daemon's histogram could not be decoded", ex);
            }
        }
    }

    static Map<String, Object> counterMap(final CountersView view, final int... types)
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        for (final CountersView.Counter counter : view.counters())
        {
            for (final int type : types)
            {
                if (counter.typeId() == type)
                {
                    map.put(counter.label(), counter.value());
                }
            }
        }
        return map;
    }

    static void printCounters(final PrintWriter out, final CountersView view, final String title, final int type)
    {
        out.println(title + ":");
        final List<CountersView.Counter> counters = new ArrayList<>();
        for (final CountersView.Counter counter : view.counters())
        {
            if (counter.typeId() == type)
            {
                counters.add(counter);
            }
        }
        for (final CountersView.Counter counter : counters)
        {
            out.printf(Locale.ROOT, "  %-40s %,20d%n", counter.label(), counter.value());
        }
    }
}
