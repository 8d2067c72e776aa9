package io.slipway.ops;

import io.slipway.ops.daemon.AdminClient;
import io.slipway.ops.daemon.CountersLayout;
import io.slipway.ops.daemon.CountersView;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How a CLI command finds a running daemon: its working directory. */
final class DaemonOptions
{
    static final String DEFAULT_DIR = "slipway-daemon";

    @Option(names = "--dir", description = "The daemon's working directory (default: $SLIPWAY_DIR, else ./" +
        DEFAULT_DIR + ").")
    private Path dir;

    @Option(names = "--socket", description = "The admin socket, when the configuration moved it (default: DIR/admin.sock).")
    private Path socket;

    Path dir()
    {
        if (dir != null)
        {
            return dir;
        }
        final String fromEnvironment = System.getenv("SLIPWAY_DIR");
        return Path.of(fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : DEFAULT_DIR);
    }

    CountersView counters()
    {
        return new CountersView(dir().resolve(CountersLayout.FILE_NAME).toFile());
    }

    AdminClient.Answer send(final String command)
    {
        return AdminClient.send(dir(), socket, System.getProperty("user.name"), command);
    }
}
