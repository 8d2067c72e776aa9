package io.slipway.ops;

import java.io.PrintWriter;
import java.util.Locale;

/** The progress bar the long-running commands draw on stderr, one carriage-returned line. */
final class Progress
{
    private Progress()
    {
    }

    static void bar(final PrintWriter err, final int done, final int total, final String label)
    {
        final int width = 30;
        final int filled = done * width / total;
        err.print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total + " " +
            String.format(Locale.ROOT, "%-40s", label));
        err.flush();
    }
}
