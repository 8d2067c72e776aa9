package io.slipway.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad options of the cluster commands are refused before anything starts. */
class ClusterCommandsTest
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    File dir;

    private int run(final String... args)
    {
        return SlipwayCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void clusterNodeRefusesAMemberIdOutsideTheCluster()
    {
        assertEquals(2, run("cluster-node", "--id", "3", "--dir", dir.getPath()));
        assertEquals("cluster-node: --id must be 0..2, was 3", err.toString().trim());
        assertEquals(0, dir.list().length, "nothing was started");
    }

    @Test
    void clusterNodeNeedsItsDirectory()
    {
        assertEquals(2, run("cluster-node", "--id", "0"));
        assertTrue(err.toString().contains("--dir"), err.toString());
    }

    @Test
    void clusterDrillRefusesBadOptionsBeforeStartingMembers()
    {
        assertEquals(2, run("cluster-drill", "--dir", dir.getPath(), "--kill-after", "0"));
        assertEquals("cluster-drill: --kill-after must be at least 1, was 0", err.toString().trim());
        assertEquals(2, run("cluster-drill", "--dir", dir.getPath(), "--qty", "-1"));
        assertTrue(err.toString().contains("cluster-drill: --qty"), err.toString());
        assertEquals(0, dir.list().length, "nothing was started");
    }
}
