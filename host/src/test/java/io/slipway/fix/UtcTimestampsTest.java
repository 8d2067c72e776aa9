package io.slipway.fix;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class UtcTimestampsTest
{
    private static final DateTimeFormatter FIX_NANOS =
        DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSSSSSSSS").withZone(ZoneOffset.UTC);

    @Test
    void parsesEveryFractionWidthFixAllows()
    {
        final long base = nanos("2026-11-21T12:30:00Z");
        assertEquals(base, UtcTimestamps.parseNanos("20261121-12:30:00"));
        assertEquals(base + 250_000_000L, UtcTimestamps.parseNanos("20261121-12:30:00.250"));
        assertEquals(base + 250_001_000L, UtcTimestamps.parseNanos("20261121-12:30:00.250001"));
        assertEquals(base + 250_000_007L, UtcTimestamps.parseNanos("20261121-12:30:00.250000007"));
    }

    @Test
    void agreesWithJavaTimeOnRandomInstants()
    {
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++)
        {
            final long epochNanos = random.nextLong(0, 4_102_444_800_000_000_000L); // 1970..2100
            final Instant instant = Instant.ofEpochSecond(epochNanos / 1_000_000_000L, epochNanos % 1_000_000_000L);
            assertEquals(epochNanos, UtcTimestamps.parseNanos(FIX_NANOS.format(instant)), instant::toString);
        }
    }

    @Test
    void leapDaysOnlyInLeapYears()
    {
        assertEquals(nanos("2024-02-29T00:00:00Z"), UtcTimestamps.parseNanos("20240229-00:00:00"));
        assertEquals(nanos("2000-02-29T00:00:00Z"), UtcTimestamps.parseNanos("20000229-00:00:00"));
        assertEquals(UtcTimestamps.INVALID, UtcTimestamps.parseNanos("20260229-00:00:00"));
        assertEquals(UtcTimestamps.INVALID, UtcTimestamps.parseNanos("21000229-00:00:00"));
    }

    @Test
    void rejectsMalformedText()
    {
        final String[] malformed = {
            "",
            "20261121",
            "2026-11-21T12:30:00Z",
            "20261121 12:30:00",
            "20261121-12:30",
            "20261121-12:30:00.",
            "20261121-12:30:00.25",
            "20261121-12:30:00.2500",
            "20261121-12:30:00,250",
            "20261132-12:30:00",
            "20261321-12:30:00",
            "20261100-12:30:00",
            "20261121-24:00:00",
            "20261121-12:60:00",
            "20261121-12:30:61",
            "2026112a-12:30:00",
            "20261121-1a:30:00",
            "20261121-12:30:00.25x",
            "19691231-23:59:59",
        };
        for (final String text : malformed)
        {
            assertEquals(UtcTimestamps.INVALID, UtcTimestamps.parseNanos(text), text);
        }
    }

    private static long nanos(final String iso)
    {
        final Instant instant = Instant.parse(iso);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
