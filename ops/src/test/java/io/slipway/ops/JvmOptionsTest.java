package io.slipway.ops;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's JVM flags (ops/jvm.options) and the build's test JVM flags must not drift apart. */
class JvmOptionsTest
{
    @Test
    void launcherFlagsAreTheFlagsTheTestsRunWith() throws Exception
    {
        final Path file = Path.of(System.getProperty("slipway.repo.dir"), "ops", "jvm.options");
        final List<String> launcherFlags = new ArrayList<>();
        for (final String line : Files.readAllLines(file))
        {
            final String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#"))
            {
                launcherFlags.add(trimmed);
            }
        }
        assertTrue(launcherFlags.size() >= 5, "jvm.options lost its flags");
        final String testJvm = String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
        for (final String flag : launcherFlags)
        {
            assertTrue(testJvm.contains(flag.replace(' ', '=')) || testJvm.contains(flag),
                "surefire argLine lacks launcher flag '" + flag + "': " + testJvm);
        }
    }
}
