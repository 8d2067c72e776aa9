package io.slipway.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One crash drill through the CLI, then its journal listed, dumped and reconciled. */
class JournalCommandsTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        out.getBuffer().setLength(0);
        return SlipwayCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void drillThenListDumpAndReconcileItsJournal()
    {
        assertEquals(0, run("drill", "--seeds", "1", "--seed", "3", "--kinds", "CRASH", "--dir", dir.toString()),
            out + err.toString());
        assertTrue(out.toString().contains("drills run 1, faults injected 1"), out.toString());
        assertTrue(out.toString().contains("anomalies 0"), out.toString());

        final String journal = dir.resolve("crash-3").toString();
        assertEquals(0, run("journal", "list", "--dir", journal), err.toString());
        final String list = out.toString();
        assertTrue(list.contains("2 recording(s)"), list);
        assertTrue(list.contains("NEW_PARENT_ORDER=1"), list);
        assertTrue(list.contains("RECOVERY_MARK=2"), list);

        assertEquals(0, run("journal", "dump", "--dir", journal, "--limit", "5"), err.toString());
        assertTrue(out.toString().startsWith("# recording 0"), out.toString());

        assertEquals(0, run("reconcile", "--dir", journal), err.toString());
        assertTrue(out.toString().contains("parent orders working: 0"), out.toString());
        assertTrue(out.toString().contains("on calm seed 3"), out.toString());
    }

    @Test
    void aDirectoryWithoutAJournalIsRefusedByName()
    {
        assertEquals(2, run("journal", "list", "--dir", dir.resolve("nothing").toString()));
        assertTrue(err.toString().contains("no journal at"), err.toString());
    }
}
