package io.slipway.learn;

import io.slipway.analytics.ImpactFit;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.YamlWire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
     * Version 4 adds the keys of the orders the daemon has folded in ({@code folded}, {@code lastFoldedNs}), so a
     * restart never counts one twice; version 3, the same fit without them, is still read (nothing in it was folded
     * in by key). Version 3 measures venue and dealer priors against the mid at each fill's time; version 2 measured
     * them against arrival, timing included; version 1 also fitted Y on the whole price cost.
     */
    public static final int VERSION = 4;
    /** The newest version without folded order keys, still read. */
    static final int VERSION_WITHOUT_KEYS = 3;
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
        wire.write("lastFoldedNs").int64(feedback.lastFoldedNs());
        wire.write("folded").sequence(feedback.foldedKeys(), (keys, out) ->
        {
            for (final String key : keys)
            {
                out.text(key);
            }
        });
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

    /**
     * Writes the file durably: a temporary file beside it is written and forced to disk, renamed over it in one
     * step and the directory forced, so a crash leaves the old file or the new one whole, and a file that has
     * folded an order in is on disk before anyone is told so.
     */
    public static void write(final ImpactFeedback feedback, final Path file)
    {
        final Path target = file.toAbsolutePath();
        final Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try
        {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
            {
                final ByteBuffer bytes = ByteBuffer.wrap(toYaml(feedback).getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining())
                {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            // The rename is durable only once the directory entry is.
            try (FileChannel directory = FileChannel.open(target.getParent(), StandardOpenOption.READ))
            {
                directory.force(true);
            }
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
        if (version != VERSION && version != VERSION_WITHOUT_KEYS)
        {
            throw new ModelFileException(name + ": feedback version " + (long)version + " is not supported; this " +
                "build reads versions " + VERSION_WITHOUT_KEYS + " and " + VERSION);
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
        if (version == VERSION)
        {
            restoreFolded(name, map, feedback);
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

    /** The folded order keys: each a valid key, none twice, at most MAX_FOLDED, with a completion time when any. */
    private static void restoreFolded(final String name, final Map<?, ?> map, final ImpactFeedback feedback)
    {
        final Object lastValue = required(name, map, "lastFoldedNs");
        if (!(lastValue instanceof Long || lastValue instanceof Integer))
        {
            throw new ModelFileException(name + ": field 'lastFoldedNs' must be a whole number, was '" + lastValue +
                "'");
        }
        final long lastNs = ((Number)lastValue).longValue();
        final Object keys = required(name, map, "folded");
        if (!(keys instanceof List<?> list))
        {
            throw new ModelFileException(name + ": field 'folded' must be a sequence of order keys");
        }
        if (list.size() > ImpactFeedback.MAX_FOLDED)
        {
            throw new ModelFileException(name + ": field 'folded' holds " + list.size() + " keys, at most " +
                ImpactFeedback.MAX_FOLDED);
        }
        final java.util.LinkedHashSet<String> unique = new java.util.LinkedHashSet<>();
        for (final Object key : list)
        {
            final String text = String.valueOf(key);
            try
            {
                ImpactFeedback.checkFoldKey(text);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ModelFileException(name + ": field 'folded': " + ex.getMessage());
            }
            if (!unique.add(text))
            {
                throw new ModelFileException(name + ": field 'folded' names order " + text + " twice");
            }
        }
        if (unique.isEmpty() != (lastNs == ImpactFeedback.NONE_FOLDED))
        {
            // A time without keys, or keys without a time, was not written by this class.
            throw new ModelFileException(name + ": field 'lastFoldedNs' must be " + ImpactFeedback.NONE_FOLDED +
                " exactly when 'folded' is empty, was " + lastNs + " with " + unique.size() + " keys");
        }
        feedback.restoreFolded(new ArrayList<>(unique), lastNs);
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
