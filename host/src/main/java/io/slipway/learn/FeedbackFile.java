package io.slipway.learn;

import io.slipway.analytics.ImpactFit;
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
 * impact fit's sums, the coefficient they give and the venue and dealer priors. A missing file is the
 * prior; a file of another format or version, with a missing field, a coefficient out of range or
 * one that disagrees with its sums, is a clear error naming the file and the field, and nothing is
 * read from it.
 */
public final class FeedbackFile
{
    public static final String FORMAT = "slipway-impact-feedback";
    /**
     * Version 3 measures venue and dealer priors against the mid at each fill's time; version 2 measured them
     * against arrival, timing included; version 1 also fitted Y on the whole price cost.
     */
    public static final int VERSION = 3;
    /** A stored coefficient may differ from its sums' ratio by rounding only. */
    private static final double COEFFICIENT_TOLERANCE = 1e-9;
    private static final java.util.Set<String> KINDS = java.util.Set.of("EXCHANGE", "DEALER", "AMM");

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
        wire.write("lastRefit").text(feedback.lastRefit());
        wire.write("sumXx").float64(feedback.sumXx());
        wire.write("sumXy").float64(feedback.sumXy());
        wire.write("sumYy").float64(feedback.sumYy());
        wire.write("venues").marshallable(m ->
        {
            for (final String venue : feedback.venueNames())
            {
                m.write(venue).marshallable(v -> v.write("kind").text(feedback.venueKind(venue))
                    .write("costBps").float64(feedback.venueCostBps(venue))
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
        if (version == 2)
        {
            // Its venue priors carry the drift of the orders that filled at each venue.
            throw new ModelFileException(name + ": feedback version 2 measured venue priors against arrival, " +
                "timing included; this build measures them against the mid at each fill (version " + VERSION +
                "): remove the file to start again from the prior");
        }
        if (version != VERSION)
        {
            throw new ModelFileException(name + ": feedback version " + (long)version + " is not supported; this " +
                "build reads version " + VERSION);
        }
        final double coefficient = number(name, map, "impactCoefficient");
        if (!(coefficient >= ImpactFit.MIN_COEFFICIENT && coefficient <= ImpactFit.MAX_COEFFICIENT))
        {
            throw new ModelFileException(name + ": field 'impactCoefficient' must be in [" + ImpactFit.MIN_COEFFICIENT +
                ", " + ImpactFit.MAX_COEFFICIENT + "], was " + coefficient);
        }
        final double orders = number(name, map, "orders");
        if (orders < 0 || orders != Math.rint(orders))
        {
            throw new ModelFileException(name + ": field 'orders' must be a whole number >= 0, was " + orders);
        }
        final ImpactFeedback feedback;
        try
        {
            feedback = ImpactFeedback.of(number(name, map, "sumXx"), number(name, map, "sumXy"),
                number(name, map, "sumYy"), (long)orders);
        }
        catch (final ModelFileException ex)
        {
            throw ex;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ModelFileException(name + ": " + ex.getMessage());
        }
        try
        {
            feedback.lastRefit(String.valueOf(required(name, map, "lastRefit")));
        }
        catch (final ModelFileException ex)
        {
            throw ex;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ModelFileException(name + ": field 'lastRefit': " + ex.getMessage());
        }
        if (Math.abs(feedback.impactCoefficient() - coefficient) > COEFFICIENT_TOLERANCE * coefficient)
        {
            // A hand-edited coefficient would be silently replaced by its sums' ratio: refuse rather than guess.
            throw new ModelFileException(name + ": field 'impactCoefficient' " + coefficient + " disagrees with " +
                "sumXy / sumXx = " + feedback.impactCoefficient());
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
                final String venue = String.valueOf(entry.getKey());
                final String kind = String.valueOf(required(name, prior, "kind"));
                if (!KINDS.contains(kind))
                {
                    throw new ModelFileException(name + ": venues." + venue + ".kind must be one of " +
                        new java.util.TreeSet<>(KINDS) + ", was '" + kind + "'");
                }
                final double costBps = number(name, prior, "costBps");
                final double quantity = number(name, prior, "quantity");
                if (!Double.isFinite(costBps) || !(quantity > 0) || !Double.isFinite(quantity))
                {
                    throw new ModelFileException(name + ": venues." + venue + " needs a finite costBps and a " +
                        "positive quantity, was " + costBps + " and " + quantity);
                }
                feedback.restoreVenue(venue, kind, costBps, quantity);
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
