package io.slipway.ops;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlipwayCliTest
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        return SlipwayCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void badOptionIsOneLineAndExitTwo()
    {
        assertEquals(2, run("demo", "--side", "SIDEWAYS"));
        final String message = err.toString().trim();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("--side"), message);
    }

    @Test
    void enumOptionsIgnoreCase()
    {
        final DemoCommand demo = new DemoCommand();
        new picocli.CommandLine(demo).setCaseInsensitiveEnumValuesAllowed(true)
            .parseArgs("--side", "buy", "--strategy", "twap", "--qty", "2.5", "--horizon", "30m");
        final DemoSettings settings = demo.settings();
        assertEquals(io.slipway.domain.Side.BUY, settings.side());
        assertEquals(TimeUnit.MINUTES.toNanos(30), settings.horizonNs());
    }

    @Test
    void unknownOptionIsRejected()
    {
        assertEquals(2, run("demo", "--bogus"));
        assertTrue(err.toString().contains("Unknown option"), err.toString());
    }

    @Test
    void invalidValuesAreRejectedWithTheOptionNamed()
    {
        assertEquals(2, run("demo", "--qty", "0"));
        assertTrue(err.toString().contains("--qty must be positive"), err.toString());
        assertEquals(2, run("demo", "--symbol", "DOGE-USD"));
        assertTrue(err.toString().contains("unknown --symbol"), err.toString());
        assertEquals(2, run("demo", "--horizon", "4x"));
        assertTrue(err.toString().contains("is not a duration"), err.toString());
        assertEquals(2, run("demo", "--strategy", "MAGIC"));
        assertEquals(2, run("demo", "--qty", "1.00000001"));
        assertTrue(err.toString().contains("finer than"), err.toString());
    }

    @Test
    void helpListsTheCommands()
    {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("demo"), out.toString());
        assertEquals(0, run("demo", "--help"));
        assertTrue(out.toString().contains("--horizon"));
    }

    @Test
    void durations()
    {
        assertEquals(TimeUnit.HOURS.toNanos(4), DurationConverter.parseNs("4h"));
        assertEquals(TimeUnit.MINUTES.toNanos(90), DurationConverter.parseNs("1h30m"));
        assertEquals(TimeUnit.SECONDS.toNanos(45), DurationConverter.parseNs("45s"));
        assertThrows(RuntimeException.class, () -> DurationConverter.parseNs("h4"));
        assertThrows(RuntimeException.class, () -> DurationConverter.parseNs("4h "));
        assertThrows(RuntimeException.class, () -> DurationConverter.parseNs(""));
    }
}
