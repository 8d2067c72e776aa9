package io.slipway.ops.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon as its own process, as systemd runs it: SIGTERM stops it cleanly. */
class DaemonProcessTest
{
    @Test
    void sigtermStopsTheDaemonCleanly(@TempDir final Path dir) throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        final Path work = dir.resolve("work");
        final Path config = dir.resolve("slipway.yaml");
        Files.writeString(config, "workingDirectory: " + work + "\nfix:\n  port: " + port + "\n");

        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String line : Files.readAllLines(Path.of(System.getProperty("slipway.repo.dir"), "ops", "jvm.options")))
        {
            if (!line.isBlank() && !line.strip().startsWith("#"))
            {
                // Word-split as the launcher does.
                command.addAll(List.of(line.strip().split("\\s+")));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.slipway.ops.SlipwayCli", "daemon",
            "--config", config.toString()));
        // Output to a file: destroy() closes the pipes, and the last lines come after it.
        final Path output = dir.resolve("daemon.out");
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
            .start();
        try
        {
            final long deadline = System.currentTimeMillis() + 30_000;
            while (!Files.exists(work.resolve("admin.sock")) && System.currentTimeMillis() < deadline)
            {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(work.resolve("admin.sock")));

            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the daemon stops within 30 s of SIGTERM");
            // 128 + 15: the JVM reports the SIGTERM it shut down on, after the daemon closed (the unit counts it as success).
            assertEquals(143, process.exitValue());
            final String text = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("slipway daemon: "), text);
            assertTrue(text.contains("slipway daemon: stopping"), text);
            assertFalse(Files.exists(work.resolve("admin.sock")), "the admin socket is removed");
            try (CountersView view = new CountersView(work.resolve(CountersLayout.FILE_NAME).toFile()))
            {
                assertEquals(process.pid(), view.pid(), "the counters stay readable after the daemon stopped");
            }
        }
        finally
        {
            process.destroyForcibly();
        }
    }
}
