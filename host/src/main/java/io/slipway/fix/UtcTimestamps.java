package io.slipway.fix;

/**
 * Strict parser for FIX UTCTimestamp values ({@code YYYYMMDD-HH:MM:SS} with an optional
 * fraction of 3, 6 or 9 digits). Artio hands timestamps over as raw bytes; parsing them here,
 * without allocation, lets the gateway reject a malformed one with the tag named instead of
 * passing a wrong time into the core.
 */
public final class UtcTimestamps
{
    /** Returned for text that is not a valid UTCTimestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int[] DAYS_IN_MONTH = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

    private UtcTimestamps()
    {
    }

    /**
     * @return ns since the epoch, or {@link #INVALID}.
     */
    public static long parseNanos(final byte[] text, final int length)
    {
        if (length != 17 && length != 21 && length != 24 && length != 27)
        {
            return INVALID;
        }
        if (text[8] != '-' || text[11] != ':' || text[14] != ':')
        {
            return INVALID;
        }

        final int year = digits(text, 0, 4);
        final int month = digits(text, 4, 2);
        final int day = digits(text, 6, 2);
        final int hour = digits(text, 9, 2);
        final int minute = digits(text, 12, 2);
        final int second = digits(text, 15, 2);
        if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
            hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) // 60: leap second
        {
            return INVALID;
        }

        long fractionNs = 0;
        if (length > 17)
        {
            if (text[17] != '.')
            {
                return INVALID;
            }
            final int fractionDigits = length - 18;
            final int fraction = digits(text, 18, fractionDigits);
            if (fraction < 0)
            {
                return INVALID;
            }
            fractionNs = fraction;
            for (int i = fractionDigits; i < 9; i++)
            {
                fractionNs *= 10;
            }
        }

        final long seconds = daysSinceEpoch(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
        return seconds * NANOS_PER_SECOND + fractionNs;
    }

    /** Parses a String, for callers off the hot path. */
    public static long parseNanos(final CharSequence text)
    {
        final int length = text.length();
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            bytes[i] = c < 128 ? (byte)c : (byte)'?';
        }
        return parseNanos(bytes, length);
    }

    /** Non-negative value of count decimal digits, or -1 if any is not a digit. */
    private static int digits(final byte[] text, final int offset, final int count)
    {
        int value = 0;
        for (int i = offset, end = offset + count; i < end; i++)
        {
            final int digit = text[i] - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int daysInMonth(final int year, final int month)
    {
        final boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
    }

    /** Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
    private static long daysSinceEpoch(final int year, final int month, final int day)
    {
        final int y = month <= 2 ? year - 1 : year;
        final int era = y / 400;
        final int yearOfEra = y - era * 400;
        final int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
