package io.slipway.sim.market;

/**
 * Field extraction from the recorded Binance stream lines ({@code <local ns> <combined-stream JSON>}),
 * shared by the calibration and the replay. The lines have a fixed, known layout, so fields are
 * found by key and read in place instead of going through a general JSON parser.
 */
public final class BinanceJsonLines
{
    /** Decimal fields are read in units of 10^-8 (Binance sends at most 8 decimals). */
    public static final long SCALE = 100_000_000L;

    /** Receives one {@code [price, quantity]} pair of a level array, both in units of 10^-8. */
    @FunctionalInterface
    public interface LevelConsumer
    {
        void onLevel(long price, long quantity);
    }

    private BinanceJsonLines()
    {
    }

    /** Decimal text to a long in units of 10^-8. */
    public static long parseScaled(final String s, final int from, final int to)
    {
        long integer = 0;
        long fraction = 0;
        int fractionDigits = -1;
        for (int i = from; i < to; i++)
        {
            final char c = s.charAt(i);
            if (c == '.')
            {
                fractionDigits = 0;
            }
            else if (c >= '0' && c <= '9')
            {
                if (fractionDigits < 0)
                {
                    integer = integer * 10 + (c - '0');
                }
                else if (fractionDigits < 8)
                {
                    fraction = fraction * 10 + (c - '0');
                    fractionDigits++;
                }
                else if (c != '0')
                {
                    throw new IllegalArgumentException("more than 8 decimals: " + s.substring(from, to));
                }
            }
            else
            {
                throw new IllegalArgumentException("not a decimal: " + s.substring(from, to));
            }
        }
        for (int d = Math.max(fractionDigits, 0); d < 8; d++)
        {
            fraction *= 10;
        }
        return integer * SCALE + fraction;
    }

    /** The local receive time that starts every line. */
    public static long localTimeNs(final String line)
    {
        long value = 0;
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (c < '0' || c > '9')
            {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public static boolean hasField(final String line, final String key)
    {
        return line.indexOf(key) >= 0;
    }

    /** An unsigned integer field such as {@code "E":}; the key includes the quotes and colon. */
    public static long longField(final String line, final String key)
    {
        int i = line.indexOf(key);
        if (i < 0)
        {
            throw new IllegalStateException("no field " + key + " in " + line.substring(0, Math.min(120,
                line.length())));
        }
        i += key.length();
        long value = 0;
        char c;
        while (i < line.length() && (c = line.charAt(i)) >= '0' && c <= '9')
        {
            value = value * 10 + (c - '0');
            i++;
        }
        return value;
    }

    /** A quoted decimal field; the key includes the opening quote of the value, e.g. {@code "p":"}. */
    public static long decimalField(final String line, final String key)
    {
        final int at = line.indexOf(key);
        if (at < 0)
        {
            throw new IllegalStateException("no field " + key + " in " + line.substring(0, Math.min(120,
                line.length())));
        }
        final int i = at + key.length();
        return parseScaled(line, i, line.indexOf('"', i));
    }

    /**
     * Walks a level array such as {@code "b":[["61737.63","0.5"],...]}; returns the number of
     * levels. The key includes the quotes and colon.
     */
    public static int forEachLevel(final String line, final String key, final LevelConsumer consumer)
    {
        int i = line.indexOf(key);
        if (i < 0)
        {
            throw new IllegalStateException("no " + key + " in " + line.substring(0, Math.min(120, line.length())));
        }
        i += key.length() + 1;
        int count = 0;
        while (line.charAt(i) == '[')
        {
            final int p0 = i + 2;
            final int p1 = line.indexOf('"', p0);
            final int q0 = p1 + 3;
            final int q1 = line.indexOf('"', q0);
            consumer.onLevel(parseScaled(line, p0, p1), parseScaled(line, q0, q1));
            count++;
            i = q1 + 2;
            if (line.charAt(i) == ',')
            {
                i++;
            }
        }
        return count;
    }
}
