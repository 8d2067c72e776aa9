package io.slipway.ops.daemon;

import io.slipway.ops.SlipwayCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditLogTest
{
    private static final Instant T = Instant.parse("2026-11-21T12:00:00Z");

    private static void write(final Path file)
    {
        try (AuditLog log = new AuditLog(file))
        {
            log.append(T, "ops", "kill all", "OK: killed everything");
            log.append(T.plusSeconds(1), "ops", "risk set collarBps 20000", "REFUSED: collarBps must be 1 .. 10000");
            log.append(T.plusSeconds(2), "ops\twith tab", "resume all", "OK: resumed\nsecond line");
        }
    }

    @Test
    void anUntouchedChainVerifiesAndReopeningContinuesIt(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("audit.log");
        write(file);
        assertEquals(3, Files.readAllLines(file).size(), "one entry a line, even with tabs and newlines in fields");
        AuditLog.Verification verification = AuditLog.verify(file);
        assertTrue(verification.intact(), verification.message());
        assertEquals(3, verification.entries());

        try (AuditLog log = new AuditLog(file))
        {
            assertEquals(3, log.entries());
            log.append(T.plusSeconds(3), "ops", "venues disable SIMA", "OK");
        }
        verification = AuditLog.verify(file);
        assertTrue(verification.intact(), verification.message());
        assertEquals(4, verification.entries());
        final List<String> lines = Files.readAllLines(file);
        assertEquals(lines.get(2).substring(lines.get(2).lastIndexOf('\t') + 1), lines.get(3).split("\t")[5],
            "each entry carries the previous entry's hash");
    }

    @Test
    void aTamperedByteBreaksTheChainAtThatEntry(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("audit.log");
        write(file);
        final byte[] bytes = Files.readAllBytes(file);
        final String text = new String(bytes, StandardCharsets.UTF_8);
        // Entry 2 refused a collar of 20000; make it look accepted by changing one byte.
        final int at = text.indexOf("REFUSED");
        bytes[at] = 'X';
        Files.write(file, bytes);

        final AuditLog.Verification verification = AuditLog.verify(file);
        assertFalse(verification.intact());
        assertEquals(2, verification.firstBrokenEntry());
        assertTrue(verification.message().startsWith("entry 2 "), verification.message());

        final StringWriter err = new StringWriter();
        assertEquals(1, SlipwayCli.execute(new String[]{"audit", "verify", "--file", file.toString()},
            new PrintWriter(new StringWriter()), new PrintWriter(err)));
        assertTrue(err.toString().contains("BROKEN at entry 2"), err.toString());
        assertThrows(IllegalStateException.class, () -> new AuditLog(file), "a broken chain is not continued");
    }

    @Test
    void aRemovedEntryBreaksTheChainAtTheNextOne(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("audit.log");
        write(file);
        final List<String> lines = Files.readAllLines(file);
        Files.write(file, List.of(lines.get(0), lines.get(2)));
        final AuditLog.Verification verification = AuditLog.verify(file);
        assertFalse(verification.intact());
        assertEquals(2, verification.firstBrokenEntry());
    }

    @Test
    void verifyPrintsTheIntactChain(@TempDir final Path dir)
    {
        final Path file = dir.resolve("audit.log");
        write(file);
        final StringWriter out = new StringWriter();
        assertEquals(0, SlipwayCli.execute(new String[]{"audit", "verify", "--dir", dir.toString()},
            new PrintWriter(out), new PrintWriter(new StringWriter())));
        assertTrue(out.toString().contains("3 entries, chain intact"), out.toString());
    }
}
