package io.slipway.fix;

import io.slipway.oms.DeliveredReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.RandomAccessFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's delivery log: what survives a reopen, a torn last record, a damaged file, bad arguments. */
class ReportDeliveryLogTest
{
    @TempDir
    File directory;

    @Test
    void recordsSurviveAReopenAndOnlyArchivedCountsAsDelivered() throws Exception
    {
        final File file = new File(directory, "delivery.log");
        try (ReportDeliveryLog log = ReportDeliveryLog.open(file, false))
        {
            log.intent("SLP-1-1");
            log.sent("SLP-1-1", 7);
            log.archived("SLP-1-1", 7);
            log.intent("SLP-1-2");
            log.sent("SLP-1-2", 8);
            log.intent("SLP-1-4");
            assertEquals(7, log.status("SLP-1-1"));
            assertTrue(log.isArchived("SLP-1-1"));
            assertEquals(8, log.status("SLP-1-2"));
            assertFalse(log.isArchived("SLP-1-2"));
            assertEquals(ReportDeliveryLog.INTENT_ONLY, log.status("SLP-1-4"));
        }
        assertEquals(6 * ReportDeliveryLog.RECORD_LENGTH, file.length());
        try (ReportDeliveryLog log = ReportDeliveryLog.open(file, true))
        {
            assertEquals(7, log.status("SLP-1-1"));
            assertTrue(log.isArchived("SLP-1-1"));
            assertEquals(8, log.status("SLP-1-2"));
            assertFalse(log.isArchived("SLP-1-2"), "handed to Artio, never confirmed in its archive");
            assertEquals(ReportDeliveryLog.INTENT_ONLY, log.status("SLP-1-4"));
            assertEquals(ReportDeliveryLog.ABSENT, log.status("SLP-1-3"));
            assertEquals(8, log.highestSentSeqNum());
        }
        final DeliveredReports delivered = ReportDeliveryLog.readDelivered(file);
        assertTrue(delivered.delivered("SLP-1-1"));
        assertFalse(delivered.delivered("SLP-1-2"), "sent but not archived: a crash may have lost it in Artio");
        assertFalse(delivered.delivered("SLP-1-4"), "an intent alone is not a delivery");
        assertFalse(delivered.delivered("SLP-1-3"));
        assertFalse(ReportDeliveryLog.readDelivered(new File(directory, "none.log")).delivered("SLP-1-1"),
            "no log: nothing was ever handed over");
    }

    @Test
    void aTornLastRecordIsDroppedOnOpen() throws Exception
    {
        final File file = new File(directory, "delivery.log");
        try (ReportDeliveryLog log = ReportDeliveryLog.open(file, false))
        {
            log.intent("SLP-2-1");
            log.sent("SLP-2-1", 3);
        }
        try (RandomAccessFile raw = new RandomAccessFile(file, "rw"))
        {
            // The process died 20 bytes into the next record.
            raw.setLength(file.length() + 20);
        }
        try (ReportDeliveryLog log = ReportDeliveryLog.open(file, false))
        {
            assertEquals(3, log.status("SLP-2-1"));
            log.intent("SLP-2-2");
        }
        assertEquals(3 * ReportDeliveryLog.RECORD_LENGTH, file.length(), "the torn bytes were cut off first");
        try (ReportDeliveryLog log = ReportDeliveryLog.open(file, false))
        {
            assertEquals(ReportDeliveryLog.INTENT_ONLY, log.status("SLP-2-2"));
        }
    }

    @Test
    void aDamagedRecordIsRefusedWithItsFileAndOffset() throws Exception
    {
        final File file = new File(directory, "delivery.log");
        try (ReportDeliveryLog log = ReportDeliveryLog.open(file, false))
        {
            log.intent("SLP-3-1");
            log.sent("SLP-3-1", 4);
        }
        try (RandomAccessFile raw = new RandomAccessFile(file, "rw"))
        {
            raw.seek(ReportDeliveryLog.RECORD_LENGTH);
            raw.writeByte(9);
        }
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> ReportDeliveryLog.open(file, false));
        assertEquals("report delivery log " + file + " has a bad record at byte 64 (kind 9, ExecID length 7, " +
            "MsgSeqNum 4)", ex.getMessage());
        assertThrows(IllegalStateException.class, () -> ReportDeliveryLog.readDelivered(file));
    }

    @Test
    void badArgumentsAreRefusedAndWriteNothing()
    {
        final File file = new File(directory, "delivery.log");
        try (ReportDeliveryLog log = ReportDeliveryLog.open(file, false))
        {
            assertEquals("MsgSeqNum must be positive, was 0 for SLP-4-1",
                assertThrows(IllegalArgumentException.class, () -> log.sent("SLP-4-1", 0)).getMessage());
            assertEquals("MsgSeqNum must be positive, was -1 for SLP-4-1",
                assertThrows(IllegalArgumentException.class, () -> log.archived("SLP-4-1", -1)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> log.intent(""));
            assertThrows(IllegalArgumentException.class, () -> log.intent("X".repeat(57)));
            assertEquals(0, log.size());
        }
        assertEquals(0, file.length());
    }

    @Test
    void theGatewayRefusesADeliveryLogWithResetSequenceNumbers()
    {
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> new FixGatewayContext()
            .reportDeliveryLog(new File(directory, "delivery.log"))
            .omsLink(new io.slipway.oms.OmsLink(4))
            .conclude());
        assertTrue(ex.getMessage().startsWith("reportDeliveryLog needs persistent sequence numbers"), ex.getMessage());
    }
}
