package io.slipway.fix.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The FIX 4.4 server-side session acceptance scripts, one dynamic test each, played against the
 * gateway by {@link AcceptanceScriptRunner}. Scripts that cannot apply to this gateway are listed
 * in {@link #EXCLUDED} with the reason (kept in step with
 * {@code src/test/resources/fix/conformance-exclusions.md}); they show as skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class FixSessionAcceptanceTest
{
    static final String SCRIPTS = "/fix/acceptance/fix44";
    static final int SCRIPT_COUNT = 65;

    /** Script name to the reason it is not run. */
    static final Map<String, String> EXCLUDED = new TreeMap<>(Map.of());

    private AcceptanceScriptRunner runner;

    @BeforeAll
    void start()
    {
        runner = new AcceptanceScriptRunner();
        System.out.println("FIX 4.4 acceptance scripts excluded (" + EXCLUDED.size() + "):");
        EXCLUDED.forEach((script, reason) -> System.out.println("  " + script + ": " + reason));
    }

    @AfterAll
    void stop() throws InterruptedException
    {
        if (runner != null)
        {
            runner.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> acceptanceScripts() throws IOException, URISyntaxException
    {
        final List<Path> files = scriptFiles();
        assertEquals(SCRIPT_COUNT, files.size(), "every script is either run or excluded, none lost");
        final List<String> names = files.stream().map(FixSessionAcceptanceTest::nameOf).collect(Collectors.toList());
        assertTrue(names.containsAll(EXCLUDED.keySet()), "every exclusion names a real script");

        return files.stream().map((file) ->
        {
            final String name = nameOf(file);
            return DynamicTest.dynamicTest(name, () ->
            {
                final String reason = EXCLUDED.get(name);
                assumeTrue(reason == null, () -> "excluded: " + reason);
                final String failure = runner.run(AcceptanceScript.load(file));
                if (failure != null)
                {
                    fail(name + ": " + failure);
                }
            });
        });
    }

    static List<Path> scriptFiles() throws IOException, URISyntaxException
    {
        final URL url = FixSessionAcceptanceTest.class.getResource(SCRIPTS);
        assertNotNull(url, "scripts on the test class path at " + SCRIPTS);
        try (Stream<Path> files = Files.list(Path.of(url.toURI())))
        {
            return files.filter((path) -> path.toString().endsWith(".def")).sorted().collect(Collectors.toList());
        }
    }

    private static String nameOf(final Path file)
    {
        final String fileName = file.getFileName().toString();
        return fileName.substring(0, fileName.length() - ".def".length());
    }
}
