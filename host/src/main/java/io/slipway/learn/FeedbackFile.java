package io.slipway.learn;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.YamlWire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The feedback loop's state as a versioned YAML file written and read with Chronicle Wire: the
 * impact fit's sums and the venue priors. A missing file is the prior; a file of another format
 * or version, or with a missing field, is a clear error naming the file and the field.
 */
public final class FeedbackFile
{
    public static final String FORMAT = "slipway-impact-feedback";
    /** Version 2 fits Y on each order's own impact; version 1 fitted it on the whole price cost, timing included. */
    public static final int VERSION = 2;

    private FeedbackFile()
    {
    }

    public static String toYaml(final ImpactFeedback feedback)
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap();
        final YamlWire wire = new YamlWire(bytes);
        wire.write("format").text(FORMAT);
        wire.write("version").int32(VERSION);
        wire.write("impactCoefficient").float64(feedback.impactCoefficient());
        wire.write("orders").int64(feedback.orders());
        wire.write("sumXx").float64(feedback.sumXx());
        wire.write("sumXy").float64(feedback.sumXy());
        wire.write("venues").marshallable(m ->
        {
            for (final String venue : feedback.venueNames())
            {
                m.write(venue).marshallable(v -> v.write("costBps").float64(feedback.venueCostBps(venue))
                    .write("quantity").float64(feedback.venueQuantity(venue)));
            }
        });
        return bytes.toString();
    }

    public static ImpactFeedback readOrPrior(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            return new ImpactFeedback();
        }
        try
        {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read feedback file " + file, ex);
        }
    }

    public static void write(final ImpactFeedback feedback, final Path file)
    {
        try
        {
            Files.writeString(file, toYaml(feedback), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write feedback file " + file, ex);
        }
    }

    public static ImpactFeedback parse(final String name, final String text)
    {
        final Object document;
        try
        {
            document = new YamlWire(Bytes.from(text)).getValueIn().object();
        }
        catch (final RuntimeException ex)
        {
            throw new ModelFileException(name + ": not a readable YAML feedback file: " + ex.getMessage());
        }
        if (!(document instanceof Map<?, ?> map))
        {
            throw new ModelFileException(name + ": a feedback file is a YAML mapping");
        }
        if (!FORMAT.equals(String.valueOf(required(name, map, "format"))))
        {
            throw new ModelFileException(name + ": format must be '" + FORMAT + "'");
        }
        final double version = number(name, map, "version");
        if (version == 1)
        {
            // Its sums mix in the drift of the orders it saw; carrying them over would keep that drift in the fit.
            throw new ModelFileException(name + ": feedback version 1 was fitted on the whole price cost, timing " +
                "included; this build fits the impact coefficient on own impact only (version " + VERSION +
                "): remove the file to start again from the prior");
        }
        if (version != VERSION)
        {
            throw new ModelFileException(name + ": feedback version " + (long)version + " is not supported; this " +
                "build reads version " + VERSION);
        }
        final ImpactFeedback feedback;
        try
        {
            feedback = ImpactFeedback.of(number(name, map, "sumXx"), number(name, map, "sumXy"),
                (long)number(name, map, "orders"));
        }
        catch (final ModelFileException ex)
        {
            throw ex;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ModelFileException(name + ": " + ex.getMessage());
        }
        final Object venues = map.get("venues");
        if (venues instanceof Map<?, ?> byVenue)
        {
            for (final Map.Entry<?, ?> entry : byVenue.entrySet())
            {
                if (!(entry.getValue() instanceof Map<?, ?> prior))
                {
                    throw new ModelFileException(name + ": venues." + entry.getKey() + " must be a mapping");
                }
                feedback.restoreVenue(String.valueOf(entry.getKey()), number(name, prior, "costBps"),
                    number(name, prior, "quantity"));
            }
        }
        else if (venues != null && !(venues instanceof List<?> list && list.isEmpty()))
        {
            throw new ModelFileException(name + ": venues must be a mapping");
        }
        return feedback;
    }

    private static Object required(final String name, final Map<?, ?> map, final String key)
    {
        final Object value = map.get(key);
        if (value == null)
        {
            throw new ModelFileException(name + ": missing field '" + key + "'");
        }
        return value;
    }

    private static double number(final String name, final Map<?, ?> map, final String key)
    {
        final Object value = required(name, map, key);
        if (value instanceof Number n)
        {
            return n.doubleValue();
        }
        throw new ModelFileException(name + ": field '" + key + "' must be a number, was '" + value + "'");
    }
}
