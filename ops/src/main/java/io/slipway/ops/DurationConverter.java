package io.slipway.ops;

import picocli.CommandLine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses operator durations such as {@code 4h}, {@code 90m}, {@code 1h30m} or {@code 45s} into nanoseconds. */
public final class DurationConverter implements CommandLine.ITypeConverter<Long>
{
    private static final Pattern PART = Pattern.compile("(\\d+)([hms])");

    @Override
    public Long convert(final String value)
    {
        return parseNs(value);
    }

    public static long parseNs(final String value)
    {
        final Matcher matcher = PART.matcher(value);
        long seconds = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end)
        {
            final long n = Long.parseLong(matcher.group(1));
            seconds += switch (matcher.group(2))
            {
                case "h" -> n * 3600;
                case "m" -> n * 60;
                default -> n;
            };
            end = matcher.end();
        }
        if (end == 0 || end != value.length())
        {
            throw new CommandLine.TypeConversionException(
                "'" + value + "' is not a duration (examples: 4h, 90m, 1h30m, 45s)");
        }
        return seconds * 1_000_000_000L;
    }
}
