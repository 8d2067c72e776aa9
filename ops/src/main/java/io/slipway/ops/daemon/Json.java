package io.slipway.ops.daemon;

/** JSON string escaping for the snapshot and the CLI's --json output. */
final class Json
{
    private Json()
    {
    }

    static String escape(final String text)
    {
        if (text == null)
        {
            return "";
        }
        final StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        b.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
