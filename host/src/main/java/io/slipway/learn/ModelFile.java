package io.slipway.learn;

import io.slipway.core.QPolicy;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.YamlWire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Model files: YAML written and read with Chronicle Wire. A file names its format and version,
 * its training metadata and the layout of its table (states, actions, multipliers), so a table
 * trained for another layout is refused rather than misread. Reading is strict: an unknown
 * format, another version, a missing or mistyped field or a table of the wrong size is an error
 * that names the file and the field. Writing is deterministic: the same model gives the same bytes.
 */
public final class ModelFile
{
    public static final String FORMAT = "slipway-learned-policy";
    /** Version 2: TWAP baseline, schedule states and placement contexts in separate tables, three placements. */
    public static final int VERSION = 2;
    private static final List<String> KEYS = List.of("format", "version", "strategy", "scenarios", "seedBase",
        "episodes", "codeVersion", "trainedAt", "states", "contexts", "placements", "multipliers", "values", "visits", "placementCosts", "placementCounts");

    private ModelFile()
    {
    }

    public static String toYaml(final PolicyModel model)
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap();
        final YamlWire wire = new YamlWire(bytes);
        wire.write("format").text(FORMAT);
        wire.write("version").int32(VERSION);
        wire.write("strategy").text("LEARNED");
        wire.write("scenarios").sequence(model.scenarios(), (list, out) ->
        {
            for (final String name : list)
            {
                out.text(name);
            }
        });
        wire.write("seedBase").int64(model.seedBase());
        wire.write("episodes").int32(model.episodes());
        wire.write("codeVersion").text(model.codeVersion());
        wire.write("trainedAt").text(model.trainedAt());
        wire.write("states").int32(QPolicy.STATES);
        wire.write("contexts").int32(QPolicy.CONTEXTS);
        wire.write("placements").int32(QPolicy.PLACEMENTS);
        wire.write("multipliers").sequence(QPolicy.MULTIPLIERS, (m, out) ->
        {
            for (final double value : m)
            {
                out.float64(value);
            }
        });
        final double[] values = model.policy().values();
        wire.write("values").sequence(values, (v, out) ->
        {
            for (final double value : v)
            {
                out.float64(value);
            }
        });
        writeLongs(wire, "visits", model.policy().visitCounts());
        final double[] costs = model.policy().placementCosts();
        wire.write("placementCosts").sequence(costs, (v, out) ->
        {
            for (final double value : v)
            {
                out.float64(value);
            }
        });
        writeLongs(wire, "placementCounts", model.policy().placementCounts());
        return bytes.toString();
    }

    private static void writeLongs(final YamlWire wire, final String key, final long[] values)
    {
        wire.write(key).sequence(values, (v, out) ->
        {
            for (final long value : v)
            {
                out.int64(value);
            }
        });
    }

    public static void write(final PolicyModel model, final Path file)
    {
        try
        {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toYaml(model), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write model " + file + ": " + ex.getMessage(), ex);
        }
    }

    public static PolicyModel read(final Path file)
    {
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new ModelFileException(file + ": cannot read model file: " + ex.getMessage());
        }
        return parse(file.toString(), text);
    }

    public static PolicyModel parse(final String name, final String text)
    {
        final Object document;
        try
        {
            document = new YamlWire(Bytes.from(text)).getValueIn().object();
        }
        catch (final RuntimeException ex)
        {
            throw new ModelFileException(name + ": not a readable YAML model file: " + ex.getMessage());
        }
        if (!(document instanceof Map<?, ?> map))
        {
            throw new ModelFileException(name + ": a model file is a YAML mapping");
        }
        for (final Object key : map.keySet())
        {
            if (!KEYS.contains(String.valueOf(key)))
            {
                throw new ModelFileException(name + ": unknown field '" + key + "'; expected " + KEYS);
            }
        }
        final Fields fields = new Fields(name, map);
        final String format = fields.text("format");
        if (!FORMAT.equals(format))
        {
            throw new ModelFileException(name + ": format is '" + format + "', expected '" + FORMAT + "'");
        }
        final long version = fields.whole("version");
        if (version != VERSION)
        {
            throw new ModelFileException(name + ": model version " + version + " is not supported; this build reads " +
                "version " + VERSION);
        }
        if (!"LEARNED".equals(fields.text("strategy")))
        {
            throw new ModelFileException(name + ": strategy must be LEARNED");
        }
        if (fields.whole("states") != QPolicy.STATES || fields.whole("contexts") != QPolicy.CONTEXTS ||
            fields.whole("placements") != QPolicy.PLACEMENTS)
        {
            throw new ModelFileException(name + ": table layout " + fields.whole("states") + " states, " +
                fields.whole("contexts") + " contexts x " + fields.whole("placements") + " placements does not match " +
                "this build's " + QPolicy.STATES + ", " + QPolicy.CONTEXTS + " x " + QPolicy.PLACEMENTS);
        }
        final double[] multipliers = fields.doubles("multipliers");
        if (!java.util.Arrays.equals(multipliers, QPolicy.MULTIPLIERS))
        {
            throw new ModelFileException(name + ": multipliers " + java.util.Arrays.toString(multipliers) +
                " do not match this build's " + java.util.Arrays.toString(QPolicy.MULTIPLIERS));
        }
        final double[] values = fields.doubles("values");
        final long[] visits = fields.wholes("visits");
        final double[] placementCosts = fields.doubles("placementCosts");
        final long[] placementCounts = fields.wholes("placementCounts");
        final List<String> scenarios = new ArrayList<>();
        for (final Object scenario : fields.list("scenarios"))
        {
            scenarios.add(String.valueOf(scenario));
        }
        try
        {
            return new PolicyModel(scenarios, fields.whole("seedBase"), (int)fields.whole("episodes"),
                fields.text("codeVersion"), fields.text("trainedAt"),
                new QPolicy(values, visits, placementCosts, placementCounts));
        }
        catch (final ModelFileException ex)
        {
            throw ex;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ModelFileException(name + ": " + ex.getMessage());
        }
    }

    /** Strict typed access to the top-level fields, with errors naming the file and the field. */
    private static final class Fields
    {
        private final String name;
        private final Map<?, ?> map;

        Fields(final String name, final Map<?, ?> map)
        {
            this.name = name;
            this.map = map;
        }

        Object required(final String key)
        {
            final Object value = map.get(key);
            if (value == null)
            {
                throw new ModelFileException(name + ": missing field '" + key + "'");
            }
            return value;
        }

        String text(final String key)
        {
            final Object value = required(key);
            if (value instanceof Map || value instanceof List)
            {
                throw new ModelFileException(name + ": field '" + key + "' must be text");
            }
            return String.valueOf(value);
        }

        long whole(final String key)
        {
            final Object value = required(key);
            if (value instanceof Number number && number.doubleValue() == number.longValue())
            {
                return number.longValue();
            }
            throw new ModelFileException(name + ": field '" + key + "' must be a whole number, was '" + value + "'");
        }

        @SuppressWarnings("unchecked")
        List<Object> list(final String key)
        {
            final Object value = required(key);
            if (value instanceof List<?> list)
            {
                return (List<Object>)list;
            }
            throw new ModelFileException(name + ": field '" + key + "' must be a list");
        }

        long[] wholes(final String key)
        {
            final List<Object> list = list(key);
            final long[] values = new long[list.size()];
            for (int i = 0; i < values.length; i++)
            {
                if (!(list.get(i) instanceof Number number) || number.doubleValue() != number.longValue())
                {
                    throw new ModelFileException(name + ": " + key + "[" + i + "] must be a whole number");
                }
                values[i] = number.longValue();
            }
            return values;
        }

        double[] doubles(final String key)
        {
            final List<Object> list = list(key);
            final double[] values = new double[list.size()];
            for (int i = 0; i < values.length; i++)
            {
                if (!(list.get(i) instanceof Number number))
                {
                    throw new ModelFileException(String.format(Locale.ROOT, "%s: %s[%d] must be a number", name, key, i));
                }
                values[i] = number.doubleValue();
            }
            return values;
        }
    }
}
