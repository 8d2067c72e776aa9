package io.slipway.ops;

/**
 * A strict JSON (RFC 8259) syntax checker for tests: objects, arrays, strings with escapes,
 * numbers, true, false, null; throws IllegalArgumentException with the offset of the first error.
 */
final class JsonSyntax
{
    private final String text;
    private int at;

    private JsonSyntax(final String text)
    {
        this.text = text;
    }

    static void check(final String text)
    {
        final JsonSyntax parser = new JsonSyntax(text);
        parser.space();
        parser.value();
        parser.space();
        if (parser.at != text.length())
        {
            throw parser.error("trailing characters");
        }
    }

    private void value()
    {
        if (at >= text.length())
        {
            throw error("unexpected end");
        }
        final char c = text.charAt(at);
        switch (c)
        {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default ->
            {
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    number();
                }
                else
                {
                    throw error("unexpected '" + c + "'");
                }
            }
        }
    }

    private void object()
    {
        at++;
        space();
        if (peek() == '}')
        {
            at++;
            return;
        }
        while (true)
        {
            space();
            if (peek() != '"')
            {
                throw error("expected a key");
            }
            string();
            space();
            expect(':');
            space();
            value();
            space();
            if (peek() == ',')
            {
                at++;
                continue;
            }
            expect('}');
            return;
        }
    }

    private void array()
    {
        at++;
        space();
        if (peek() == ']')
        {
            at++;
            return;
        }
        while (true)
        {
            space();
            value();
            space();
            if (peek() == ',')
            {
                at++;
                continue;
            }
            expect(']');
            return;
        }
    }

    private void string()
    {
        at++;
        while (at < text.length())
        {
            final char c = text.charAt(at++);
            if (c == '"')
            {
                return;
            }
            if (c < 0x20)
            {
                throw error("control character in string");
            }
            if (c == '\\')
            {
                final char e = text.charAt(at++);
                if (e == 'u')
                {
                    for (int i = 0; i < 4; i++)
                    {
                        if (Character.digit(text.charAt(at++), 16) < 0)
                        {
                            throw error("bad \\u escape");
                        }
                    }
                }
                else if ("\"\\/bfnrt".indexOf(e) < 0)
                {
                    throw error("bad escape");
                }
            }
        }
        throw error("unterminated string");
    }

    private void number()
    {
        final int start = at;
        if (peek() == '-')
        {
            at++;
        }
        if (peek() == '0')
        {
            at++;
        }
        else
        {
            digits();
        }
        if (peek() == '.')
        {
            at++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E')
        {
            at++;
            if (peek() == '+' || peek() == '-')
            {
                at++;
            }
            digits();
        }
        if (at == start)
        {
            throw error("bad number");
        }
    }

    private void digits()
    {
        final int start = at;
        while (at < text.length() && Character.isDigit(text.charAt(at)))
        {
            at++;
        }
        if (at == start)
        {
            throw error("expected digits");
        }
    }

    private void literal(final String word)
    {
        if (!text.startsWith(word, at))
        {
            throw error("expected " + word);
        }
        at += word.length();
    }

    private void expect(final char c)
    {
        if (peek() != c)
        {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private char peek()
    {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void space()
    {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0)
        {
            at++;
        }
    }

    private IllegalArgumentException error(final String what)
    {
        return new IllegalArgumentException(what + " at offset " + at + ": ..." +
            text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 40)) + "...");
    }
}
