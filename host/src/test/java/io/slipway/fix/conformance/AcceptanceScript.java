package io.slipway.fix.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One FIX session acceptance script (.def): a list of steps played against an acceptor.
 *
 * <p>Line syntax: {@code I} a message to send to the acceptor, {@code E} a message expected from
 * it, {@code iCONNECT} open a connection, {@code eDISCONNECT} expect the acceptor to close it,
 * {@code #} a comment. A connection number may follow the first letter ({@code I2,8=FIX...},
 * {@code e2,DISCONNECT}); without one the step is for connection 1.
 */
public final class AcceptanceScript
{
    static final char SOH = '\u0001';

    /** What a step does. */
    public enum Kind
    {
        CONNECT, SEND, EXPECT, EXPECT_DISCONNECT
    }

    /** One scripted step; {@code text} is the raw message after the connection prefix, or null. */
    public static final class Step
    {
        private final Kind kind;
        private final int connection;
        private final String text;
        private final int lineNumber;

        Step(final Kind kind, final int connection, final String text, final int lineNumber)
        {
            this.kind = kind;
            this.connection = connection;
            this.text = text;
            this.lineNumber = lineNumber;
        }

        public Kind kind()
        {
            return kind;
        }

        public int connection()
        {
            return connection;
        }

        public String text()
        {
            return text;
        }

        public int lineNumber()
        {
            return lineNumber;
        }

        @Override
        public String toString()
        {
            return "line " + lineNumber + " " + kind + "[" + connection + "]" +
                (text == null ? "" : " " + text.replace(SOH, '|'));
        }
    }

    private static final Pattern PREFIX = Pattern.compile("^([IEie])(\\d+,)?(.*)$");

    private final String name;
    private final List<Step> steps;

    private AcceptanceScript(final String name, final List<Step> steps)
    {
        this.name = name;
        this.steps = Collections.unmodifiableList(steps);
    }

    public static AcceptanceScript load(final Path file)
    {
        try
        {
            final String fileName = file.getFileName().toString();
            final String name = fileName.endsWith(".def") ? fileName.substring(0, fileName.length() - 4) : fileName;
            return parse(name, Files.readString(file, StandardCharsets.ISO_8859_1));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public static AcceptanceScript parse(final String name, final String content)
    {
        final List<Step> steps = new ArrayList<>();
        final String[] lines = content.split("\r?\n");
        for (int i = 0; i < lines.length; i++)
        {
            final String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final Matcher matcher = PREFIX.matcher(line);
            if (!matcher.matches())
            {
                throw new IllegalArgumentException(name + " line " + (i + 1) + ": cannot parse " + line);
            }
            final char kind = matcher.group(1).charAt(0);
            final String number = matcher.group(2);
            final int connection = number == null ? 1 : Integer.parseInt(number.substring(0, number.length() - 1));
            final String rest = matcher.group(3);
            switch (kind)
            {
                case 'i':
                    requireCommand(name, i, rest, "CONNECT");
                    steps.add(new Step(Kind.CONNECT, connection, null, i + 1));
                    break;
                case 'e':
                    requireCommand(name, i, rest, "DISCONNECT");
                    steps.add(new Step(Kind.EXPECT_DISCONNECT, connection, null, i + 1));
                    break;
                case 'I':
                    steps.add(new Step(Kind.SEND, connection, rest, i + 1));
                    break;
                default:
                    steps.add(new Step(Kind.EXPECT, connection, rest, i + 1));
                    break;
            }
        }
        return new AcceptanceScript(name, steps);
    }

    public String name()
    {
        return name;
    }

    public List<Step> steps()
    {
        return steps;
    }

    private static void requireCommand(final String name, final int index, final String rest, final String command)
    {
        if (!rest.equals(command))
        {
            throw new IllegalArgumentException(name + " line " + (index + 1) + ": expected " + command + ", was " + rest);
        }
    }
}
