package io.slipway.ops.daemon;

import java.util.List;
import java.util.Map;

/** Writes values read by {@link io.slipway.tca.JsonReader} back as JSON, for the CLI's --json output. */
public final class JsonText
{
    private JsonText()
    {
    }

    public static String write(final Object value)
    {
        final StringBuilder b = new StringBuilder();
        write(b, value);
        return b.toString();
    }

    private static void write(final StringBuilder b, final Object value)
    {
        if (value == null)
        {
            b.append("null");
        }
        else if (value instanceof String text)
        {
            b.append('"').append(Json.escape(text)).append('"');
        }
        else if (value instanceof Double number)
        {
            b.append(number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString(number.longValue()) :
                number.toString());
        }
        else if (value instanceof Number || value instanceof Boolean)
        {
            b.append(value);
        }
        else if (value instanceof Map<?, ?> map)
        {
            b.append('{');
            boolean first = true;
            for (final Map.Entry<?, ?> entry : map.entrySet())
            {
                b.append(first ? "" : ",").append('"').append(Json.escape(String.valueOf(entry.getKey()))).append("\":");
                write(b, entry.getValue());
                first = false;
            }
            b.append('}');
        }
        else if (value instanceof List<?> list)
        {
            b.append('[');
            for (int i = 0; i < list.size(); i++)
            {
                b.append(i == 0 ? "" : ",");
                write(b, list.get(i));
            }
            b.append(']');
        }
        else
        {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON");
        }
    }
}
