package io.slipway.sim.scenario;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.YamlWire;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One mapping of a YAML file (a scenario, the daemon's configuration), as read by Chronicle Wire,
 * with typed, strict accessors whose errors ({@link ScenarioException}) name the file, the key's
 * line and the key's full path.
 */
public final class YamlSection
{
    private final String fileName;
    private final KeyLines lines;
    private final String path;
    private final Map<String, Object> values;

    YamlSection(final String fileName, final KeyLines lines, final String path, final Map<?, ?> values)
    {
        this.fileName = fileName;
        this.lines = lines;
        this.path = path;
        this.values = new LinkedHashMap<>();
        values.forEach((key, value) -> this.values.put(String.valueOf(key), value));
    }

    /**
     * Reads a whole YAML text into its top-level mapping. Lines are indexed first, which also rejects
     * what the reader would misread or accept silently (tabs, keys given twice, empty values, type
     * tags, unquoted commas, plain text over several lines). fileName only labels the errors.
     */
    public static YamlSection parse(final String fileName, final String text, final String expected)
    {
        final KeyLines lines = KeyLines.index(fileName, text);
        final Object document;
        final Bytes<?> bytes = Bytes.from(text);
        try
        {
            document = new YamlWire(bytes).getValueIn().object();
        }
        catch (final RuntimeException ex)
        {
            // Chronicle Wire does not say where; name the problem at least.
            throw new ScenarioException(fileName, 0, "", "not valid YAML: " + ex.getMessage());
        }
        finally
        {
            bytes.releaseLast();
        }
        if (!(document instanceof Map<?, ?> map))
        {
            throw new ScenarioException(fileName, 1, "", "must be a mapping of keys (" + expected + ")");
        }
        return new YamlSection(fileName, lines, "", map);
    }

    public String path()
    {
        return path;
    }

    /** Rejects any key not in the list; a typo must not silently fall back to a default. */
    public YamlSection allowOnly(final List<String> keys)
    {
        for (final String key : values.keySet())
        {
            if (!keys.contains(key))
            {
                throw error(key, "unknown key; expected one of " + keys);
            }
        }
        return this;
    }

    public boolean has(final String key)
    {
        return values.containsKey(key);
    }

    public Set<String> keys()
    {
        return values.keySet();
    }

    public double requiredDouble(final String key)
    {
        return toDouble(key, required(key));
    }

    public double optionalDouble(final String key, final double defaultValue)
    {
        return has(key) ? toDouble(key, values.get(key)) : defaultValue;
    }

    public long requiredLong(final String key)
    {
        final Object value = required(key);
        if (value instanceof Long number)
        {
            return number;
        }
        throw error(key, "must be a whole number, was " + describe(value));
    }

    public int requiredInt(final String key)
    {
        final long value = requiredLong(key);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
        {
            throw error(key, "must fit in 32 bits, was " + value);
        }
        return (int)value;
    }

    public int optionalInt(final String key, final int defaultValue)
    {
        return has(key) ? requiredInt(key) : defaultValue;
    }

    public String requiredText(final String key)
    {
        final Object value = required(key);
        if (value instanceof String text && !text.isBlank())
        {
            return text.strip();
        }
        throw error(key, "must be text, was " + describe(value));
    }

    public String optionalText(final String key)
    {
        return has(key) ? requiredText(key) : null;
    }

    /** Text, or a number written without quotes (kept exactly, e.g. a quantity). */
    public String requiredDecimalText(final String key)
    {
        final Object value = required(key);
        if (value instanceof Long || value instanceof Double)
        {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        return requiredText(key);
    }

    public boolean optionalBoolean(final String key, final boolean defaultValue)
    {
        if (!has(key))
        {
            return defaultValue;
        }
        final Object value = values.get(key);
        if (value instanceof Boolean flag)
        {
            return flag;
        }
        throw error(key, "must be true or false, was " + describe(value));
    }

    public <E extends Enum<E>> E requiredEnum(final String key, final Class<E> type)
    {
        final String text = requiredText(key);
        for (final E constant : type.getEnumConstants())
        {
            if (constant.name().equalsIgnoreCase(text))
            {
                return constant;
            }
        }
        throw error(key, "must be one of " + List.of(type.getEnumConstants()) + ", was '" + text + "'");
    }

    public List<String> optionalTextList(final String key, final List<String> defaultValue)
    {
        if (!has(key))
        {
            return defaultValue;
        }
        final Object value = values.get(key);
        if (!(value instanceof List<?> list))
        {
            throw error(key, "must be a list, e.g. [SIMA, SIMB], was " + describe(value));
        }
        final List<String> texts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++)
        {
            if (!(list.get(i) instanceof String text) || text.isBlank())
            {
                throw error(key + "[" + i + "]", "must be text, was " + describe(list.get(i)));
            }
            texts.add(text.strip());
        }
        return texts;
    }

    /** The nested mapping, or null when the key is absent. */
    public YamlSection optionalSection(final String key)
    {
        if (!has(key))
        {
            return null;
        }
        final Object value = values.get(key);
        if (value instanceof Map<?, ?> map)
        {
            return new YamlSection(fileName, lines, childPath(key), map);
        }
        throw error(key, "must be a mapping of keys, was " + describe(value));
    }

    /** A list of mappings; empty when the key is absent. */
    public List<YamlSection> sectionList(final String key)
    {
        if (!has(key))
        {
            return List.of();
        }
        final Object value = values.get(key);
        if (!(value instanceof List<?> list))
        {
            throw error(key, "must be a list of entries, each starting with '- ', was " + describe(value));
        }
        final List<YamlSection> sections = new ArrayList<>();
        for (int i = 0; i < list.size(); i++)
        {
            final String entry = key + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map))
            {
                throw error(entry, "must be a mapping of keys, was " + describe(list.get(i)));
            }
            sections.add(new YamlSection(fileName, lines, childPath(entry), map));
        }
        return sections;
    }

    /**
     * Builds a specification record, turning its range check into a located error: the record's
     * message starts with the field name, which is the key in this section.
     */
    public <T> T build(final Supplier<T> constructor)
    {
        try
        {
            return constructor.get();
        }
        catch (final ScenarioException ex)
        {
            throw ex;
        }
        catch (final IllegalArgumentException ex)
        {
            final String message = String.valueOf(ex.getMessage());
            final int space = message.indexOf(' ');
            final String field = space < 0 ? "" : message.substring(0, space);
            final String problem = space < 0 ? message : message.substring(space + 1);
            throw error(field, problem);
        }
    }

    public ScenarioException error(final String key, final String problem)
    {
        final String keyPath = key.isEmpty() ? path : childPath(key);
        return new ScenarioException(fileName, lines.line(keyPath), keyPath, problem);
    }

    private String childPath(final String key)
    {
        if (path.isEmpty())
        {
            return key;
        }
        return key.startsWith("[") ? path + key : path + "." + key;
    }

    private Object required(final String key)
    {
        if (!has(key))
        {
            // The key is not in the file: point at the mapping it is missing from.
            final String keyPath = childPath(key);
            throw new ScenarioException(fileName, lines.line(path), keyPath, "required but missing");
        }
        return values.get(key);
    }

    private double toDouble(final String key, final Object value)
    {
        if (value instanceof Long number)
        {
            return number;
        }
        if (value instanceof Double number)
        {
            return number;
        }
        throw error(key, "must be a number, was " + describe(value));
    }

    private static String describe(final Object value)
    {
        if (value instanceof String text)
        {
            return "'" + text + "'";
        }
        if (value instanceof Map)
        {
            return "a mapping";
        }
        if (value instanceof List)
        {
            return "a list";
        }
        return String.valueOf(value);
    }
}
