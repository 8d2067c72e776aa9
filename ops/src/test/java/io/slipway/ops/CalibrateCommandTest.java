package io.slipway.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code slipway calibrate} end to end on short runs (3 simulated minutes of world, 2-minute
 * metaorders, one seed): the JSON is well formed and its pass flag matches the exit code, and
 * the HTML report with its two SVG charts is written.
 */
class CalibrateCommandTest
{
    @Test
    void printsWellFormedJsonAndWritesTheHtmlReport(@TempDir final Path dir) throws Exception
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = SlipwayCli.execute(new String[]{"calibrate", "--json", "--seed", "5", "--world", "3m",
            "--impact-horizon", "2m", "--impact-seeds", "1", "--out", dir.toString(),
            "--data", dir.resolve("no-recordings").toString()},
            new PrintWriter(out, true), new PrintWriter(err, true));
        final String json = out.toString();
        assertEquals("", err.toString());
        JsonSyntax.check(json);
        assertTrue(json.contains("\"venue\": \"SIMA\"") && json.contains("\"venue\": \"SIMC\""), json);
        assertTrue(json.contains("\"qOverV\": 1.0E-5") && json.contains("\"qOverV\": 0.01"), "three decades");
        assertTrue(json.contains("\"oneSecondVolBps\": null"), "no recordings: recorded volatility is null");
        assertEquals(json.contains("\"passed\": true\n}"), code == 0, "exit code follows the checks");
        assertTrue(code == 0 || code == 1);

        final String html = Files.readString(dir.resolve("calibration-report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<svg id=\"impact-curve\""));
        assertTrue(html.contains("<svg id=\"depth-profile\""));
        assertFalse(html.contains("<script"));
        JsonSyntax.check(Files.readString(dir.resolve("calibration.json"), StandardCharsets.UTF_8));
    }

    @Test
    void badOptionsAreOneLineAndExitCodeTwo()
    {
        final StringWriter err = new StringWriter();
        final int code = SlipwayCli.execute(new String[]{"calibrate", "--impact-seeds", "0"},
            new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code);
        assertTrue(err.toString().startsWith("calibrate: --impact-seeds must be 1..64"), err.toString());
    }

    @Test
    void jsonCheckerRejectsBrokenJson()
    {
        JsonSyntax.check("{\"a\": [1, -2.5e3, null, true, \"x\\n\"], \"b\": {}}");
        assertThrows(IllegalArgumentException.class, () -> JsonSyntax.check("{\"a\": NaN}"));
        assertThrows(IllegalArgumentException.class, () -> JsonSyntax.check("{\"a\": 1,}"));
        assertThrows(IllegalArgumentException.class, () -> JsonSyntax.check("[1, 2"));
    }
}
