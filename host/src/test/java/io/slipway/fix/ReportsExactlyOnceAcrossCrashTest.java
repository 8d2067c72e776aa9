package io.slipway.fix;

import io.slipway.app.RecoverableAppliance;
import io.slipway.app.Worlds;
import io.slipway.domain.ChildOrderIds;
import io.slipway.domain.Instruments;
import io.slipway.journal.JournalContext;
import io.slipway.journal.JournaledCore;
import io.slipway.core.ChildOrderSink;
import io.slipway.domain.Instrument;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.oms.OmsCommand;
import io.slipway.oms.OmsLink;
import io.slipway.oms.ParentOrderReport;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.venue.VenueStatusQuery;
import io.aeron.archive.client.AeronArchive;
import io.slipway.archive.EmbeddedArchive;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every report exactly once across a crash, with the real FIX gateway (Artio, persistent sequence
 * numbers and its report delivery log) in front of the recoverable appliance and QuickFIX/J as the
 * OMS. The appliance process (card, journaled core, FIX gateway) dies at a seeded point, including
 * between the core releasing a report and the gateway writing it, and comes back on its journal,
 * its FIX log and its delivery log while the OMS stays connected-or-reconnecting. The OMS must see
 * every ExecID the core made exactly once, copies only as PossDup or PossResend (which it
 * recognises), and a CumQty equal to what the venues filled.
 *
 * <p>Crash points, one per seed ({@code seed % 4}), the crash itself at a seeded report or time:
 * <ol start="0">
 *   <li>RELEASED_NOT_WRITTEN: the core released a report, the process died before the gateway took it.</li>
 *   <li>INTENT_NOT_SENT: the gateway recorded its intent and died before handing the report to Artio.</li>
 *   <li>SENT_NOT_CONFIRMED: the report left through Artio and reached the OMS; the gateway died before
 *       recording it as sent.</li>
 *   <li>BETWEEN_EVENTS: the process dies between two events, whatever the gateway had drained by then.</li>
 *   <li>ARCHIVE_NOT_RECORDED: the report was handed to Artio ({@code trySend} returned, SENT written)
 *       and the process died before Artio's archive recorded it and before its framer wrote it to
 *       the OMS. The stack's threads are held between duty cycles while the report is handed over
 *       and the OMS connection drops; the files are then put back to what a kill -9 at that moment
 *       leaves: the delivery log up to the SENT record, Artio's engine files as they were, its
 *       archive recording cut where the archive had stopped.</li>
 * </ol>
 * {@code -Dslipway.fixcrash.seeds=N} runs seeds 1..N (default 5, one of each).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
final class ReportsExactlyOnceAcrossCrashTest
{
    private static final DateTimeFormatter FIX_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final int RELEASED_NOT_WRITTEN = 0;
    private static final int INTENT_NOT_SENT = 1;
    private static final int SENT_NOT_CONFIRMED = 2;
    private static final int BETWEEN_EVENTS = 3;
    private static final int ARCHIVE_NOT_RECORDED = 4;
    private static final String[] MODES = {"RELEASED_NOT_WRITTEN", "INTENT_NOT_SENT", "SENT_NOT_CONFIRMED",
        "BETWEEN_EVENTS", "ARCHIVE_NOT_RECORDED"};

    @TempDir
    File directory;

    private final List<Throwable> gatewayErrors = new CopyOnWriteArrayList<>();

    static Stream<Long> seeds()
    {
        return LongStream.rangeClosed(1, Long.getLong("slipway.fixcrash.seeds", 5)).boxed();
    }

    /** The appliance process: its OMS link and FIX gateway die with it. */
    private final class ApplianceProcess
    {
        final OmsLink link = new OmsLink(1 << 12);
        final PausableIdleStrategy.Group threads = new PausableIdleStrategy.Group();
        final FixGateway gateway;
        final AgentRunner runner;
        final File fixDirectory;
        final File deliveryLog;
        boolean dead;
        int released;
        int dieAtReport = Integer.MAX_VALUE;
        String lostExecId;
        String lastOffered;
        /** ARCHIVE_NOT_RECORDED: what a kill -9 in the window leaves, captured while the stack is held. */
        long archivedAtKill = -1;
        long outboundRecordingId = -1;
        long deliveryLogLengthAtKill = -1;
        Map<Path, byte[]> engineFilesAtKill;

        ApplianceProcess(final int port, final File fixDirectory, final File deliveryLog)
        {
            this.fixDirectory = fixDirectory;
            this.deliveryLog = deliveryLog;
            gateway = new FixGateway(new FixGatewayContext()
                .bindPort(port)
                .resetSequenceNumbersOnLogon(false)
                .workingDirectory(fixDirectory)
                .reportDeliveryLog(deliveryLog)
                .idleStrategySupplier(threads::newMember)
                .omsLink(link))
                .start();
            runner = FixTestSupport.run(gateway, gatewayErrors);
        }

        /**
         * Hands the report to the gateway while Artio's framer, archiver and archive are held, waits
         * for its SENT record, drops the OMS connection, and notes the state a kill -9 now would leave.
         */
        void dieWhileArchiving(final ParentOrderReport report)
        {
            threads.pause();
            archivedAtKill = gateway.outboundArchivedPosition();
            outboundRecordingId = gateway.outboundRecordingId();
            assertTrue(archivedAtKill > 0 && outboundRecordingId >= 0, "the outbound recording is found");
            engineFilesAtKill = snapshot(new File(fixDirectory, "artio/engine").toPath());
            while (!link.offerReport(report))
            {
                FixTestSupport.sleepMs(1);
            }
            FixTestSupport.await("the gateway to record " + report.execId() + " SENT",
                () -> lastRecord(deliveryLog, report.execId()) == ReportDeliveryLog.SENT);
            deliveryLogLengthAtKill = deliveryLog.length();
            assertEquals(archivedAtKill, gateway.outboundArchivedPosition(), "the archive is held");
            oms.disconnect();
            assertTrue(!oms.has(report.execId()), "the framer is held: the OMS never got " + report.execId());
            lostExecId = report.execId();
            dead = true;
        }

        /** The core's report sink in this process. */
        void onReport(final ParentOrderReport report)
        {
            if (dead)
            {
                return;
            }
            if (++released == dieAtReport && dieAtReportMode == ARCHIVE_NOT_RECORDED)
            {
                dieWhileArchiving(report);
                return;
            }
            if (released == dieAtReport && lostExecId == null && dieAtReportMode != SENT_NOT_CONFIRMED)
            {
                // Released by the core; the process dies before the gateway takes it.
                dead = true;
                lostExecId = report.execId();
                return;
            }
            while (!link.offerReport(report))
            {
                FixTestSupport.sleepMs(1);
            }
            lastOffered = report.execId();
            if (released == dieAtReport)
            {
                dead = true;
            }
        }

        void kill()
        {
            dead = true;
            threads.resume();
            // The gateway thread stops where it stands; what is still on the link is gone. Artio's own
            // close is left to finish (an interrupted close can touch unmapped counters), and on a loaded
            // machine it takes longer than AgentRunner's default wait.
            runner.close(AgentRunner.RETRY_CLOSE_TIMEOUT_MS, thread -> { });
        }
    }

    private int dieAtReportMode;
    private PersistentOms oms;

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyReportReachesTheOmsExactlyOnce(final long seed) throws Exception
    {
        final int mode = (int)(seed % 5);
        dieAtReportMode = mode;
        final SplittableRandom random = new SplittableRandom(seed * 7919);
        final File journalDirectory = new File(directory, "journal");
        final File fixDirectory = new File(directory, "fix");
        final File deliveryLog = new File(directory, "fix-delivery.log");
        final int port = FixTestSupport.freePort();
        final ApplianceProcess[] process = {new ApplianceProcess(port, fixDirectory, deliveryLog)};
        final PersistentOms oms = new PersistentOms(port);
        this.oms = oms;
        int restarts = 0;
        long redelivered = 0;
        try (RecoverableAppliance appliance = new RecoverableAppliance(
            Worlds.simulated(seed, ScenarioLoader.loadNamed("calm")).warmUpNs(TimeUnit.SECONDS.toNanos(20)),
            new JournalContext().directory(journalDirectory), report -> process[0].onReport(report), record -> { },
            () -> ReportDeliveryLog.readDelivered(deliveryLog)))
        {
            FixTestSupport.await("QuickFIX/J logon", oms.loggedOn::get);
            final long readyNs = appliance.warmUp();
            final long expireNs = readyNs + TimeUnit.MINUTES.toNanos(10);
            oms.send(order("XO-" + seed, appliance.nowNs(), expireNs));
            appliance.submit(FixTestSupport.awaitCommand(process[0].link));

            if (mode == BETWEEN_EVENTS)
            {
                appliance.runUntil(readyNs + TimeUnit.SECONDS.toNanos(5) + random.nextLong(TimeUnit.MINUTES.toNanos(2)));
                for (int i = random.nextInt(64); i > 0; i--)
                {
                    appliance.step();
                }
            }
            else
            {
                // The New report is the first; die at one of the next few, mostly fills.
                process[0].dieAtReport = 2 + random.nextInt(6);
                while (!process[0].dead && appliance.core().activeParentCount() > 0 && appliance.step())
                {
                    drainCommands(process[0], appliance);
                }
                assertTrue(process[0].dead, "the order ended before the crash point");
                if (mode == SENT_NOT_CONFIRMED)
                {
                    final String sent = process[0].lastOffered;
                    FixTestSupport.await("the OMS to receive " + sent, () -> oms.has(sent));
                }
            }

            process[0].kill();
            appliance.crash();
            if (mode == INTENT_NOT_SENT)
            {
                // The durable state of a gateway that wrote its intent and died before handing the report over.
                try (ReportDeliveryLog log = ReportDeliveryLog.open(deliveryLog, false))
                {
                    assertEquals(ReportDeliveryLog.ABSENT, log.status(process[0].lostExecId));
                    log.intent(process[0].lostExecId);
                }
            }
            else if (mode == SENT_NOT_CONFIRMED)
            {
                // ... of one that handed it to Artio and died before recording it as sent.
                cutLastRecord(deliveryLog, process[0].lastOffered);
            }
            else if (mode == ARCHIVE_NOT_RECORDED)
            {
                // ... of one killed after trySend, before Artio's archive recorded the message.
                putBackWhatAKillLeaves(process[0]);
            }
            final String lost = mode == SENT_NOT_CONFIRMED ? process[0].lastOffered : process[0].lostExecId;

            appliance.runUntil(appliance.nowNs() + appliance.settleNs() + random.nextLong(TimeUnit.SECONDS.toNanos(2)));
            process[0] = new ApplianceProcess(port, fixDirectory, deliveryLog);
            appliance.restart();
            restarts++;
            redelivered = appliance.core().gate().reportsRedelivered();
            if (lost != null)
            {
                assertTrue(redelivered >= 1, "the recovered core lets out again the report the OMS may lack: " + lost);
            }

            final long limitNs = expireNs + TimeUnit.MINUTES.toNanos(2);
            while (appliance.core().activeParentCount() > 0 && appliance.nowNs() < limitNs && appliance.step())
            {
                drainCommands(process[0], appliance);
            }
            assertEquals(0, appliance.core().activeParentCount(), "the order ended");

            // Every report the core ever made, in order: replay the whole journal and ask for each.
            appliance.crash();
            final List<String> made = new ArrayList<>();
            final JournaledCore replayed = new JournaledCore(appliance.context().coreContext(),
                appliance.tradingVenues(), new NoChildOrders(), report -> { }, record -> { }, execId ->
                {
                    made.add(execId);
                    return true;
                });
            replayed.replay(appliance.journal());
            final String last = made.get(made.size() - 1);
            FixTestSupport.await("the OMS to receive the last report " + last, () -> oms.has(last));
            // Let anything still in flight arrive, so a late duplicate would be seen.
            FixTestSupport.sleepMs(300);

            final Map<String, List<Received>> byExecId = oms.byExecId();
            assertEquals(new LinkedHashSet<>(made), byExecId.keySet(), "the OMS holds exactly the core's ExecIDs");
            assertEquals(made.size(), new LinkedHashSet<>(made).size(), "the core made each ExecID once");
            int recognisedCopies = 0;
            for (final Map.Entry<String, List<Received>> entry : byExecId.entrySet())
            {
                final List<Received> copies = entry.getValue();
                for (int i = 1; i < copies.size(); i++)
                {
                    assertTrue(copies.get(i).possDup || copies.get(i).possResend,
                        entry.getKey() + " reached the OMS " + copies.size() + " times, copy " + (i + 1) +
                        " without PossDupFlag or PossResend");
                    recognisedCopies++;
                }
            }
            if (mode == SENT_NOT_CONFIRMED)
            {
                final List<Received> copies = byExecId.get(lost);
                assertEquals(2, copies.size(), "the report sent before the crash and its PossResend copy");
                assertTrue(copies.get(1).possResend, "the copy carries PossResend=Y");
            }
            else if (mode == INTENT_NOT_SENT)
            {
                final List<Received> copies = byExecId.get(lost);
                assertEquals(1, copies.size(), lost + " once");
                assertTrue(copies.get(0).possResend, "a report whose fate was unknown goes with PossResend=Y");
            }
            else if (mode == ARCHIVE_NOT_RECORDED)
            {
                final List<Received> copies = byExecId.get(lost);
                assertEquals(1, copies.size(), lost + " once: the OMS never had it, Artio's archive lost it");
                assertTrue(copies.get(0).possResend, "handed to Artio before the crash, so it goes with PossResend=Y");
                assertTrue(process[0].gateway.sequenceNumbersLostByFixLog() >= 1,
                    "the session's sent number moved past the one Artio lost");
            }
            else if (mode == RELEASED_NOT_WRITTEN)
            {
                final List<Received> copies = byExecId.get(lost);
                assertEquals(1, copies.size(), lost + " once");
                assertTrue(!copies.get(0).possResend && !copies.get(0).possDup, "never sent, so a plain new message");
            }

            // CumQty: what the venues filled for this parent, and the sum of the distinct fills.
            final Received finalReport = byExecId.get(last).get(0);
            assertTrue(Set.of("2", "4", "C").contains(finalReport.ordStatus), "final OrdStatus " + finalReport.ordStatus);
            BigDecimal fills = BigDecimal.ZERO;
            for (final List<Received> copies : byExecId.values())
            {
                if ("F".equals(copies.get(0).execType))
                {
                    fills = fills.add(copies.get(0).lastQty);
                }
            }
            assertEquals(0, fills.compareTo(finalReport.cumQty), "distinct fills add up to CumQty");
            final long parentSequence = Long.parseLong(finalReport.orderId.substring("SLP-".length()));
            final BigDecimal atVenues = BigDecimal.valueOf(venueFilled(appliance, parentSequence))
                .movePointLeft(-Instruments.BTC_USD.qtyExponent());
            assertEquals(0, atVenues.compareTo(finalReport.cumQty), "CumQty " + finalReport.cumQty +
                " equals the venues' filled total " + atVenues);
            if (mode != ARCHIVE_NOT_RECORDED)
            {
                assertEquals(0, process[0].gateway.sequenceNumbersLostByFixLog());
            }

            final FixGateway gateway = process[0].gateway;
            FixTestSupport.await("the gateway to see its reports in Artio's archive", () -> gateway.reportsArchived() > 0);
            System.out.printf("seed %d %s: %d reports made, %d received, %d recognised copies (PossDup/PossResend), " +
                "%d let out again after %d restart(s), CumQty %s = venues %s; after the restart %d report(s) " +
                "confirmed in Artio's archive, waited %.0f us mean, %.0f us max%n", seed, MODES[mode], made.size(),
                oms.receivedCount(), recognisedCopies, redelivered, restarts, finalReport.cumQty, atVenues,
                gateway.reportsArchived(), gateway.archiveWaitTotalNs() / 1e3 / Math.max(1, gateway.reportsArchived()),
                gateway.archiveWaitMaxNs() / 1e3);

        }
        catch (final Throwable ex)
        {
            // Shown before the teardown, which can take long on a loaded machine.
            ex.printStackTrace();
            throw ex;
        }
        finally
        {
            oms.close();
            if (!process[0].dead)
            {
                process[0].kill();
            }
            else
            {
                process[0].runner.close(AgentRunner.RETRY_CLOSE_TIMEOUT_MS, thread -> { });
            }
        }
        assertTrue(gatewayErrors.isEmpty(), () -> "gateway errors: " + gatewayErrors);
    }

    private static void drainCommands(final ApplianceProcess process, final RecoverableAppliance appliance)
    {
        process.link.drainCommands((OmsCommand command) -> appliance.submit(command), 16);
    }

    /** Cuts the SENT and ARCHIVED records of the last report, leaving its INTENT. */
    private static void cutLastRecord(final File deliveryLog, final String execId) throws IOException
    {
        try (RandomAccessFile file = new RandomAccessFile(deliveryLog, "rw"))
        {
            long length = file.length();
            assertEquals(0, length % ReportDeliveryLog.RECORD_LENGTH, "whole records");
            file.seek(length - ReportDeliveryLog.RECORD_LENGTH);
            if (file.readByte() == ReportDeliveryLog.ARCHIVED)
            {
                length -= ReportDeliveryLog.RECORD_LENGTH;
                file.seek(length - ReportDeliveryLog.RECORD_LENGTH);
            }
            else
            {
                file.seek(length - ReportDeliveryLog.RECORD_LENGTH);
            }
            assertEquals(ReportDeliveryLog.SENT, file.readByte(), "the last records are the SENT of " + execId);
            file.setLength(length - ReportDeliveryLog.RECORD_LENGTH);
        }
        try (ReportDeliveryLog log = ReportDeliveryLog.open(deliveryLog, false))
        {
            assertEquals(ReportDeliveryLog.INTENT_ONLY, log.status(execId), "only the intent of " + execId + " is left");
        }
    }

    /** Kind of the last record the delivery log holds for an ExecID, or 0. */
    private static byte lastRecord(final File deliveryLog, final String execId)
    {
        try
        {
            final byte[] bytes = Files.readAllBytes(deliveryLog.toPath());
            final byte[] id = execId.getBytes(StandardCharsets.US_ASCII);
            byte kind = 0;
            for (int at = 0; at + ReportDeliveryLog.RECORD_LENGTH <= bytes.length; at += ReportDeliveryLog.RECORD_LENGTH)
            {
                if ((bytes[at + 1] & 0xFF) == id.length &&
                    Arrays.equals(bytes, at + 8, at + 8 + id.length, id, 0, id.length))
                {
                    kind = bytes[at];
                }
            }
            return kind;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static Map<Path, byte[]> snapshot(final Path directory)
    {
        final Map<Path, byte[]> files = new HashMap<>();
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : (Iterable<Path>)paths::iterator)
            {
                if (Files.isRegularFile(path))
                {
                    files.put(directory.relativize(path), Files.readAllBytes(path));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return files;
    }

    /**
     * The files a kill -9 in the archive window leaves: the delivery log ends with the report's
     * SENT record (no ARCHIVED), Artio's engine files are as they were while its threads were held,
     * and the archive's recording of the outbound stream ends where the archive had got to.
     */
    private static void putBackWhatAKillLeaves(final ApplianceProcess dead) throws IOException
    {
        try (RandomAccessFile file = new RandomAccessFile(dead.deliveryLog, "rw"))
        {
            file.setLength(dead.deliveryLogLengthAtKill);
        }
        final Path engine = new File(dead.fixDirectory, "artio/engine").toPath();
        try (Stream<Path> paths = Files.walk(engine))
        {
            final List<Path> all = paths.sorted(java.util.Comparator.reverseOrder()).toList();
            for (final Path path : all)
            {
                if (!path.equals(engine))
                {
                    Files.delete(path);
                }
            }
        }
        for (final Map.Entry<Path, byte[]> file : dead.engineFilesAtKill.entrySet())
        {
            final Path path = engine.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        final File aeronDirectory = new File(dead.fixDirectory, "aeron");
        try (EmbeddedArchive archive = EmbeddedArchive.launch(aeronDirectory,
            new File(dead.fixDirectory, "artio/archive"), 8 * 1024 * 1024, 0, () -> new SleepingMillisIdleStrategy(1));
            AeronArchive client = AeronArchive.connect(EmbeddedArchive.clientContext(aeronDirectory)))
        {
            assertTrue(client.getStopPosition(dead.outboundRecordingId) > dead.archivedAtKill,
                "closing the stack recorded what the archive was held from");
            client.truncateRecording(dead.outboundRecordingId, dead.archivedAtKill);
        }
    }

    private static long venueFilled(final RecoverableAppliance appliance, final long parentSequence)
    {
        long total = 0;
        for (final VenueStatusQuery query : appliance.venueQueries())
        {
            if (query == null)
            {
                continue;
            }
            for (final long id : query.hostOrderIds())
            {
                final var status = query.status(id);
                assertEquals(1, status.received(), "child " + id + " reached its venue once");
                if (ChildOrderIds.parentSequence(id) == parentSequence)
                {
                    total += status.filledQuantity();
                }
            }
        }
        return total;
    }

    private static Message order(final String clOrdId, final long nowNs, final long expireNs)
    {
        final Message order = new Message();
        order.getHeader().setString(35, "D");
        order.setString(11, clOrdId);
        order.setString(55, "BTC-USD");
        order.setString(54, "2");
        order.setString(38, "6");
        order.setString(40, "1");
        order.setString(60, FIX_TIME.format(Instant.ofEpochSecond(0, nowNs)));
        order.setInt(847, 1);
        order.setString(126, FIX_TIME.format(Instant.ofEpochSecond(0, expireNs)));
        return order;
    }

    /** One ExecutionReport as the OMS received it. */
    private record Received(String execId, String orderId, String execType, String ordStatus, BigDecimal lastQty,
        BigDecimal cumQty, boolean possDup, boolean possResend)
    {
    }

    /**
     * QuickFIX/J as an OMS that outlives the appliance: sequence numbers kept across reconnects
     * (no reset on logon), reconnecting every second, every ExecutionReport kept with its flags.
     */
    private static final class PersistentOms implements Application
    {
        final AtomicBoolean loggedOn = new AtomicBoolean();
        private final SessionID sessionId = new SessionID("FIX.4.4", "OMS", "SLIPWAY");
        private final SocketInitiator initiator;
        private final List<Received> received = new CopyOnWriteArrayList<>();

        PersistentOms(final int port)
        {
            final SessionSettings settings = QuickFixOms.initiatorSettings(sessionId, port, false, 1);
            try
            {
                initiator = new SocketInitiator(this, new MemoryStoreFactory(), settings, new DefaultMessageFactory());
                initiator.start();
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }

        void send(final Message message) throws Exception
        {
            assertTrue(quickfix.Session.sendToTarget(message, sessionId), "QuickFIX/J accepted the message");
        }

        boolean has(final String execId)
        {
            for (final Received r : received)
            {
                if (r.execId.equals(execId))
                {
                    return true;
                }
            }
            return false;
        }

        int receivedCount()
        {
            return received.size();
        }

        Map<String, List<Received>> byExecId()
        {
            final Map<String, List<Received>> byId = new java.util.LinkedHashMap<>();
            for (final Received r : received)
            {
                byId.computeIfAbsent(r.execId, id -> new ArrayList<>()).add(r);
            }
            return byId;
        }

        void close()
        {
            initiator.stop(true);
        }

        /** The connection drops, as when the acceptor's process dies; QuickFIX/J reconnects a second later. */
        void disconnect()
        {
            try
            {
                quickfix.Session.lookupSession(sessionId).disconnect("the acceptor died", false);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            FixTestSupport.await("the OMS to see the connection drop", () -> !loggedOn.get());
        }

        @Override
        public void onCreate(final SessionID sessionId)
        {
        }

        @Override
        public void onLogon(final SessionID sessionId)
        {
            loggedOn.set(true);
        }

        @Override
        public void onLogout(final SessionID sessionId)
        {
            loggedOn.set(false);
        }

        @Override
        public void toAdmin(final Message message, final SessionID sessionId)
        {
        }

        @Override
        public void fromAdmin(final Message message, final SessionID sessionId)
        {
        }

        @Override
        public void toApp(final Message message, final SessionID sessionId)
        {
        }

        @Override
        public void fromApp(final Message message, final SessionID sessionId) throws FieldNotFound
        {
            if (!"8".equals(message.getHeader().getString(MsgType.FIELD)))
            {
                fail("the OMS expected only ExecutionReports, got " + message);
            }
            final boolean possDup = message.getHeader().isSetField(43) && message.getHeader().getBoolean(43);
            final boolean possResend = message.getHeader().isSetField(97) && message.getHeader().getBoolean(97);
            received.add(new Received(message.getString(17), message.getString(37), message.getString(150),
                message.getString(39), message.isSetField(32) ? new BigDecimal(message.getString(32)) : BigDecimal.ZERO,
                new BigDecimal(message.getString(14)), possDup, possResend));
        }
    }

    /** The full-journal replay that lists the core's reports sends nothing. */
    private static final class NoChildOrders implements ChildOrderSink
    {
        @Override
        public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument,
            final Side side, final OrderType type, final long price, final long quantity)
        {
            throw new AssertionError("a replay sent child order " + clientOrderId);
        }

        @Override
        public boolean sendCancel(final int venueId, final long clientOrderId, final Instrument instrument,
            final Side side)
        {
            throw new AssertionError("a replay sent a cancel for " + clientOrderId);
        }

        @Override
        public void reportFill(final long clientOrderId, final Instrument instrument, final Side side,
            final long quantity)
        {
        }

        @Override
        public void reportRelease(final long clientOrderId, final Instrument instrument, final Side side,
            final long quantity)
        {
        }
    }
}
