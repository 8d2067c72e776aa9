package io.slipway.card;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The header is the contract: every {@code #define SLIPWAY_X value} must have a {@code NicLayout.X}
 * with the same value, and NicLayout must hold no layout constant the header lacks.
 */
final class NicLayoutHeaderTest
{
    private static final String PREFIX = "SLIPWAY_";
    private static final Pattern DEFINE = Pattern.compile(
        "^\\s*#define\\s+" + PREFIX + "(\\w+)\\s+(.*?)\\s*(/\\*.*)?$");
    private static final Pattern HEX = Pattern.compile("0[xX]([0-9A-Fa-f]+)[uU]?");
    private static final Pattern DECIMAL = Pattern.compile("(\\d+)[uU]?");
    private static final Pattern SHIFT = Pattern.compile("\\(\\s*(\\d+)[uU]?\\s*<<\\s*(\\d+)[uU]?\\s*\\)");

    @Test
    void everyHeaderDefineHasAnEqualConstantAndNoExtras() throws IOException
    {
        final Map<String, Long> header = parseHeader(Files.readString(headerPath(), StandardCharsets.US_ASCII));
        final Map<String, Long> java = layoutConstants(NicLayout.class);

        assertTrue(header.size() > 100, "parsed suspiciously few defines: " + header.size());
        final List<String> mismatches = compare(header, java);
        assertTrue(mismatches.isEmpty(), "NicLayout disagrees with slipway_nic.h:\n" + String.join("\n", mismatches));
    }

    @Test
    void comparatorReportsValueDriftMissingAndExtraConstants()
    {
        final String header =
            "#define SLIPWAY_NIC_H\n" +
            "#define SLIPWAY_MD_RECORD_SIZE            64u\n" +
            "#define SLIPWAY_MD_TYPE                   0x00u /* u16 SLIPWAY_MD_TYPE_* */\n" +
            "#define SLIPWAY_MD_FLAG_GAP               (1u << 2) /* gap */\n" +
            "#define SLIPWAY_ONLY_IN_HEADER            0x1Fu\n";
        final Map<String, Long> parsed = parseHeader(header);
        assertEquals(Map.of("MD_RECORD_SIZE", 64L, "MD_TYPE", 0L, "MD_FLAG_GAP", 4L, "ONLY_IN_HEADER", 31L), parsed);

        final Map<String, Long> java = new TreeMap<>();
        java.put("MD_RECORD_SIZE", 32L);
        java.put("MD_TYPE", 0L);
        java.put("MD_FLAG_GAP", 4L);
        java.put("ONLY_IN_JAVA", 7L);

        final List<String> mismatches = compare(parsed, java);
        assertEquals(List.of(
            "MD_RECORD_SIZE: header 64 (0x40), NicLayout 32 (0x20)",
            "ONLY_IN_HEADER: in header (31), missing from NicLayout",
            "ONLY_IN_JAVA: in NicLayout (7), missing from header"), mismatches);
    }

    @Test
    void unparseableDefineIsAnErrorNotASilentSkip()
    {
        assertThrows(IllegalStateException.class, () -> parseHeader("#define SLIPWAY_X (SLIPWAY_Y + 4)\n"));
    }

    @Test
    void reasonNamesMatchTheirConstants() throws IllegalAccessException
    {
        for (final Field field : NicLayout.class.getFields())
        {
            final String name = field.getName();
            if (name.startsWith("REASON_") && !"REASON_COUNT".equals(name))
            {
                assertEquals(name.substring("REASON_".length()), NicLayout.reasonName(field.getInt(null)));
            }
        }
        assertEquals("UNKNOWN(12)", NicLayout.reasonName(NicLayout.REASON_COUNT));
    }

    @Test
    void channelPacksVenueAndInstrument()
    {
        final int channel = NicLayout.channel(5, 2);
        assertEquals(0x52, channel);
        assertEquals(5, NicLayout.channelVenue(channel));
        assertEquals(2, NicLayout.channelInstrument(channel));
        assertEquals(NicLayout.MAX_CHANNELS - 1, NicLayout.channel(NicLayout.MAX_VENUES - 1, 15));
        assertThrows(IllegalArgumentException.class, () -> NicLayout.channel(NicLayout.MAX_VENUES, 0));
        assertThrows(IllegalArgumentException.class, () -> NicLayout.channel(0, 16));
    }

    static Path headerPath()
    {
        final String repo = System.getProperty("slipway.repo.dir");
        final Path root = null == repo ? Path.of("..") : Path.of(repo);
        return root.resolve("firmware-stubs/include/slipway_nic.h");
    }

    /** Parses {@code #define SLIPWAY_X value} lines; the include guard (no value) is not a layout constant. */
    static Map<String, Long> parseHeader(final String text)
    {
        final Map<String, Long> defines = new LinkedHashMap<>();
        for (final String line : text.split("\n"))
        {
            final Matcher matcher = DEFINE.matcher(line);
            if (!matcher.matches())
            {
                continue;
            }

            final String name = matcher.group(1);
            final String value = matcher.group(2).trim();
            if (value.isEmpty())
            {
                continue;
            }

            final Long previous = defines.put(name, parseValue(name, value));
            if (null != previous)
            {
                throw new IllegalStateException("defined twice: " + PREFIX + name);
            }
        }

        return defines;
    }

    static Map<String, Long> layoutConstants(final Class<?> type)
    {
        final Map<String, Long> constants = new TreeMap<>();
        for (final Field field : type.getFields())
        {
            final int modifiers = field.getModifiers();
            final Class<?> fieldType = field.getType();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) &&
                (fieldType == int.class || fieldType == long.class))
            {
                try
                {
                    constants.put(field.getName(), fieldType == int.class ?
                        Integer.toUnsignedLong(field.getInt(null)) : field.getLong(null));
                }
                catch (final IllegalAccessException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }
        }

        return constants;
    }

    static List<String> compare(final Map<String, Long> header, final Map<String, Long> java)
    {
        final List<String> mismatches = new ArrayList<>();
        final TreeMap<String, Long> sortedHeader = new TreeMap<>(header);
        sortedHeader.forEach((name, value) ->
        {
            final Long javaValue = java.get(name);
            if (null == javaValue)
            {
                mismatches.add(name + ": in header (" + value + "), missing from NicLayout");
            }
            else if (!javaValue.equals(value))
            {
                mismatches.add(name + ": header " + value + " (0x" + Long.toHexString(value) + "), NicLayout " +
                    javaValue + " (0x" + Long.toHexString(javaValue) + ")");
            }
        });
        java.forEach((name, value) ->
        {
            if (!header.containsKey(name))
            {
                mismatches.add(name + ": in NicLayout (" + value + "), missing from header");
            }
        });
        mismatches.sort(null);

        return mismatches;
    }

    private static long parseValue(final String name, final String value)
    {
        Matcher matcher = HEX.matcher(value);
        if (matcher.matches())
        {
            return Long.parseLong(matcher.group(1), 16);
        }
        matcher = DECIMAL.matcher(value);
        if (matcher.matches())
        {
            return Long.parseLong(matcher.group(1));
        }
        matcher = SHIFT.matcher(value);
        if (matcher.matches())
        {
            return Long.parseLong(matcher.group(1)) << Integer.parseInt(matcher.group(2));
        }

        throw new IllegalStateException("cannot parse value of " + PREFIX + name + ": " + value);
    }
}
