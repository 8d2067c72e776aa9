package io.slipway.ops;

import io.slipway.domain.ChildOrderIds;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.fix.OmsExecutionReport;
import io.slipway.fix.OmsFixClient;
import io.slipway.oms.NewParentOrder;
import io.slipway.ops.daemon.AdminClient;
import io.slipway.ops.daemon.CountersLayout;
import io.slipway.ops.daemon.CountersView;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code kill -9} of the daemon while its venues live on in a market process. Starts a market
 * process and a daemon as separate JVMs, then for each seed sends one parent order over FIX 4.4
 * (the Artio OMS client, persistent sequence numbers, logging on again after each restart and
 * keeping every ExecutionReport with its PossDup/PossResend flags), kills the daemon with SIGKILL at
 * seeded random points of the order, restarts it on its journal (replay, reconcile with the
 * market, resume) and, once the order is final, audits against the market's ledger of host
 * orders: no client order id received twice at any venue, no host order still open at a venue, the
 * daemon's filled quantity (the CumQty it reports) equal to the venues' filled total for that
 * parent, every venue fill known to the daemon, the parent in a final state, and every ExecID of
 * the order at the OMS exactly once (copies flagged), CumQty of its last report equal to the
 * venues' total. The first order's first kill comes while an operator's kill holds. One market and one
 * journal serve all seeds, in sequence: a journal started afresh against a market that has seen
 * its child ids would reuse them, which is exactly what the venues refuse.
 */
public final class SigkillDrill
{
    /** Settings of one drill run. */
    public record Settings(Path directory, List<Long> seeds, int killsPerOrder, String quantity, long horizonNs,
        long worldSeed, OrderType childOrderType, Fault fault, boolean cancelOnDisconnect)
    {
        /** kill -9 of the daemon, cancel-on-disconnect off. */
        public Settings(final Path directory, final List<Long> seeds, final int killsPerOrder, final String quantity,
            final long horizonNs, final long worldSeed, final OrderType childOrderType)
        {
            this(directory, seeds, killsPerOrder, quantity, horizonNs, worldSeed, childOrderType, Fault.DAEMON_KILL,
                false);
        }

        public Settings
        {
            if (fault == null)
            {
                throw new IllegalArgumentException("a fault to inject is required");
            }
            if (childOrderType != OrderType.IOC && childOrderType != OrderType.LIMIT)
            {
                throw new IllegalArgumentException("child orders must be IOC or LIMIT, was " + childOrderType);
            }
            if (seeds.isEmpty())
            {
                throw new IllegalArgumentException("at least one seed");
            }
            if (killsPerOrder < 1 || killsPerOrder > 5)
            {
                throw new IllegalArgumentException("kills per order must be 1..5, was " + killsPerOrder);
            }
            if (horizonNs < TimeUnit.SECONDS.toNanos(10))
            {
                throw new IllegalArgumentException("the horizon must be at least 10 s, was " + horizonNs / 1e9 + " s");
            }
        }
    }

    /** The fault a drill injects into each parent order. */
    public enum Fault
    {
        /** kill -9 of the daemon, restarted on its journal. */
        DAEMON_KILL,
        /**
         * The OMS drops its TCP connection without a Logout and stays away a while: with
         * cancel-on-disconnect every working parent must end CANCELED with no child after it,
         * without it the order keeps working; either way the OMS gets every report on its return.
         */
        OMS_DISCONNECT,
        /**
         * kill -9 of the market process (the venues) mid-order, restarted on its own journal: the
         * venues keep their orders and fills, the running daemon notices the silence, greets the new
         * market and reconciles, and the order goes on.
         */
        MARKET_KILL
    }

    /** What the drill counted. */
    public static final class Result
    {
        final Fault fault;
        final boolean cancelOnDisconnect;
        int drills;
        int omsDisconnects;
        int parentsCanceledOnDisconnect;
        int childrenWhileOmsAway;
        int reportsAfterReturn;
        int auditedSessionEnds;
        int faults;
        int ordersChecked;
        int fillsChecked;
        int restarts;
        long replayedInputs;
        int injected;
        int operatorKills;
        int reportsChecked;
        int execIdsChecked;
        int possDupCopies;
        int possResendCopies;
        int omsLogons;
        int marketKills;
        int marketReturns;
        int marketInjected;
        int restoredResting;
        int restoredCanceled;
        long maxOutageMs;
        final List<String> anomalies = new ArrayList<>();
        final List<String> lines = new ArrayList<>();

        Result(final Fault fault, final boolean cancelOnDisconnect)
        {
            this.fault = fault;
            this.cancelOnDisconnect = cancelOnDisconnect;
        }

        public int drills()
        {
            return drills;
        }

        public int faults()
        {
            return faults;
        }

        public int ordersChecked()
        {
            return ordersChecked;
        }

        public int fillsChecked()
        {
            return fillsChecked;
        }

        public List<String> anomalies()
        {
            return anomalies;
        }

        public int operatorKills()
        {
            return operatorKills;
        }

        /** ExecutionReports the OMS received, copies included. */
        public int reportsChecked()
        {
            return reportsChecked;
        }

        /** Distinct ExecIDs audited (each once, none missing). */
        public int execIdsChecked()
        {
            return execIdsChecked;
        }

        public int omsLogons()
        {
            return omsLogons;
        }

        public List<String> lines()
        {
            return lines;
        }

        /** Times the OMS dropped its connection mid-order. */
        public int omsDisconnects()
        {
            return omsDisconnects;
        }

        /** Parents that ended CANCELED by cancel-on-disconnect. */
        public int parentsCanceledOnDisconnect()
        {
            return parentsCanceledOnDisconnect;
        }

        /** ExecutionReports the OMS got after it logged on again: those made while it was away, and later ones. */
        public int reportsAfterReturn()
        {
            return reportsAfterReturn;
        }

        /** Child orders that reached the venues while the OMS was away. */
        public int childrenWhileOmsAway()
        {
            return childrenWhileOmsAway;
        }

        /** kill -9s of the market process. */
        public int marketKills()
        {
            return marketKills;
        }

        /** Times the running daemon greeted a restarted market and reconciled with it. */
        public int marketReturns()
        {
            return marketReturns;
        }

        public String summary()
        {
            if (fault == Fault.MARKET_KILL)
            {
                return String.format(Locale.ROOT, "market-kill drill: %d drill(s), %d fault(s) injected (kill -9 of " +
                    "the market process), %d return(s) greeted and reconciled by the running daemon, injecting %d venue " +
                    "event(s); open host orders at the kills: %d rested again, %d canceled by the restart; longest " +
                    "outage %.1f s; %d host order(s) and %d fill(s) checked at the venues; %d ExecutionReport(s) over " +
                    "%d OMS logon(s): %d ExecID(s) each once, %d PossDup and %d PossResend copies; %d anomal%s",
                    drills, faults, marketReturns, marketInjected, restoredResting, restoredCanceled, maxOutageMs / 1e3,
                    ordersChecked, fillsChecked, reportsChecked, omsLogons, execIdsChecked, possDupCopies,
                    possResendCopies, anomalies.size(), anomalies.size() == 1 ? "y" : "ies");
            }
            if (fault == Fault.OMS_DISCONNECT)
            {
                return String.format(Locale.ROOT, "oms-disconnect drill (cancel on disconnect %s): %d drill(s), %d " +
                    "fault(s) injected (the OMS dropped its TCP connection mid-order), %d session end(s) in the audit " +
                    "log, %d parent(s) canceled on disconnect, %d child order(s) sent while the OMS was away, %d report(s) " +
                    "delivered after its return; %d host " +
                    "order(s) and %d fill(s) checked at the venues; %d ExecutionReport(s) over %d OMS logon(s): %d " +
                    "ExecID(s) each once, %d PossDup and %d PossResend copies; %d anomal%s",
                    cancelOnDisconnect ? "ON" : "OFF", drills, faults, auditedSessionEnds, parentsCanceledOnDisconnect,
                    childrenWhileOmsAway, reportsAfterReturn, ordersChecked, fillsChecked, reportsChecked, omsLogons, execIdsChecked,
                    possDupCopies, possResendCopies, anomalies.size(), anomalies.size() == 1 ? "y" : "ies");
            }
            return String.format(Locale.ROOT, "sigkill drill: %d drill(s), %d fault(s) injected (kill -9 of the " +
                "daemon), %d restart(s) replaying %d input(s) and injecting %d venue event(s); %d operator kill(s) " +
                "held across a restart; %d host order(s) and %d fill(s) checked at the venues; %d ExecutionReport(s) " +
                "over %d OMS logon(s): %d ExecID(s) each once, %d PossDup and %d PossResend copies; %d anomal%s",
                drills, faults, restarts, replayedInputs, injected, operatorKills, ordersChecked, fillsChecked,
                reportsChecked, omsLogons, execIdsChecked, possDupCopies, possResendCopies, anomalies.size(),
                anomalies.size() == 1 ? "y" : "ies");
        }
    }

    private static final Instrument INSTRUMENT = Instruments.bySymbol("BTC-USD");
    private static final long START_TIMEOUT_MS = 90_000;
    private static final long SLICE_MS = 2_000;
    /** One way: a child order is out a round trip of 0.5 s, a quarter of a slice, so kills often find one in flight. */
    private static final long VENUE_LATENCY_MS = 250;

    private final Settings settings;
    private final PrintWriter out;
    private final Result result;
    private Process market;
    private Process daemon;
    private DrillOms oms;
    private Path daemonOutput;
    private int daemonStarts;
    private Path config;
    private int marketStarts;

    public SigkillDrill(final Settings settings, final PrintWriter out)
    {
        this.settings = settings;
        this.out = out;
        this.result = new Result(settings.fault(), settings.cancelOnDisconnect());
    }

    public Result run() throws IOException, InterruptedException
    {
        final Path dir = settings.directory().toAbsolutePath();
        Files.createDirectories(dir);
        final int fixPort = freePort();
        final int ordersPort = freePort();
        final int reportsPort = freePort();
        final Path config = dir.resolve("slipway.yaml");
        Files.writeString(config, String.join("\n",
            "workingDirectory: " + dir.resolve("daemon"),
            "fix:",
            "  port: " + fixPort,
            "  cancelOnDisconnect: " + settings.cancelOnDisconnect(),
            "  persistentSequenceNumbers: true",
            "core:",
            "  sliceIntervalMs: " + SLICE_MS,
            "  childOrderType: " + settings.childOrderType(),
            "world:",
            "  scenario: calm",
            "  seed: " + settings.worldSeed(),
            "market:",
            "  orders: 127.0.0.1:" + ordersPort,
            "  reports: 127.0.0.1:" + reportsPort,
            ""), StandardCharsets.UTF_8);
        this.config = config;
        try
        {
            startMarket(dir);
            waitFor(() -> Files.exists(dir.resolve("market").resolve("ledger.tsv")), "the market's ledger");
            startDaemon(config, dir);
            // A refused operator command names its reason; it never reaches the journal.
            final AdminClient.Answer refused = AdminClient.send(dir.resolve("daemon"), null, "drill",
                "kill venue NOWHERE");
            out.println("sigkill drill: admin 'kill venue NOWHERE': " + (refused.accepted() ? "ACCEPTED " : "refused: ") +
                refused.text().strip());
            if (refused.accepted() || !refused.text().contains("no venue 'NOWHERE'"))
            {
                result.anomalies.add("the daemon did not refuse a kill of an unknown venue with its reason: " +
                    refused.text().strip());
            }
            // One OMS session for the whole drill, with persistent sequence numbers: it reconnects after each
            // restart and gets what it missed resent by sequence number.
            oms = new DrillOms(dir.resolve("oms").toFile(), fixPort);
            int parent = 0;
            for (final long seed : settings.seeds())
            {
                parent++;
                drill(seed, parent, config, dir, fixPort);
            }
        }
        finally
        {
            if (oms != null)
            {
                result.omsLogons = oms.logons();
                oms.close();
            }
            stop(daemon);
            stop(market);
        }
        return result;
    }

    private void drill(final long seed, final int parentSequence, final Path config, final Path dir, final int fixPort)
        throws IOException, InterruptedException
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final String orderId = "SLP-" + parentSequence;
        final char side = random.nextBoolean() ? '1' : '2';
        final String clOrdId = "SIGKILL-" + seed;
        sendOrder(new NewParentOrder(clOrdId, INSTRUMENT.symbol(), side, settings.quantity(), 1001, NewParentOrder.NO_TIME,
            System.currentTimeMillis() * 1_000_000L + settings.horizonNs(), null));
        final long ackedMs = System.currentTimeMillis();
        if (settings.fault() == Fault.OMS_DISCONNECT)
        {
            omsDisconnect(seed, random, dir, orderId, parentSequence, side, ackedMs);
            return;
        }
        if (settings.fault() == Fault.MARKET_KILL)
        {
            marketKill(seed, random, dir, orderId, parentSequence, side, ackedMs);
            return;
        }
        final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "seed %d: %s %s %s BTC-USD TWAP " +
            "over %.0f s;", seed, orderId, side == '1' ? "BUY" : "SELL", settings.quantity(), settings.horizonNs() / 1e9));
        // Each kill at a seeded point 0.5 s to a quarter of the horizon after the order's ack or the last restart,
        // so the order is mid-flight; the daemon stays down 0-1.5 s before it is started again.
        long fromMs = ackedMs;
        int childrenAtLastRestart = 0;
        for (int k = 0; k < settings.killsPerOrder(); k++)
        {
            if (k == 0 && parentSequence == 1)
            {
                // The first order's first kill -9 comes while an operator holds everything.
                final long[] restartedMs = new long[1];
                childrenAtLastRestart = operatorKillAcrossRestart(seed, random, config, dir, orderId, parentSequence,
                    ackedMs, line, restartedMs);
                fromMs = restartedMs[0];
                continue;
            }
            final boolean inFlight = awaitFaultPoint(random, dir, fromMs);
            final Map<String, Object> before = parent(dir, orderId);
            final int childrenBefore = hostOrders(dir, parentSequence).size();
            final long killedMs = System.currentTimeMillis();
            killDaemon(random);
            startDaemon(config, dir);
            fromMs = System.currentTimeMillis();
            childrenAtLastRestart = hostOrders(dir, parentSequence).size();
            line.append(String.format(Locale.ROOT, " kill -9%s with the order %s after %d child order(s) at the " +
                "venues, back %.1f s later (%s);", inFlight ? " while a child order was in flight" : "",
                before == null ? "not yet shown" : before.get("state"), childrenBefore,
                (fromMs - killedMs) / 1e3, lastRecovery()));
        }
        auditResumed(dir, seed, parentSequence, orderId, ackedMs, fromMs, childrenAtLastRestart, "the last restart", line);
        result.drills++;
        result.lines.add(line.toString());
        out.println("sigkill " + line);
        out.flush();
    }

    /**
     * Waits until a seeded point in the first quarter of the horizon after {@code fromMs}; every
     * other fault (by seed) then also waits for a child order in flight: sent, not yet answered.
     *
     * @return whether a child order was in flight.
     */
    private boolean awaitFaultPoint(final SplittableRandom random, final Path dir, final long fromMs)
        throws InterruptedException
    {
        final long waitMs = fromMs + 500 + (long)(random.nextDouble() * 0.25 * settings.horizonNs() / 1e6) -
            System.currentTimeMillis();
        if (waitMs > 0)
        {
            Thread.sleep(waitMs);
        }
        return random.nextBoolean() && waitForWorkingChild(dir);
    }

    /**
     * The OMS drops its connection at a seeded point of the order (every other seed waits for a child
     * in flight) and stays away. With cancel-on-disconnect the parent must end CANCELED (or FILLED, if
     * its last fill won the race) and no child may reach a venue after that; without it the order
     * must keep placing children while the OMS is away. The audit log must show the session's end,
     * and the returning OMS must get every report by sequence number, each once.
     */
    private void omsDisconnect(final long seed, final SplittableRandom random, final Path dir, final String orderId,
        final int parentSequence, final char side, final long ackedMs) throws IOException, InterruptedException
    {
        final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "seed %d: %s %s %s BTC-USD TWAP " +
            "over %.0f s, cancel on disconnect %s;", seed, orderId, side == '1' ? "BUY" : "SELL", settings.quantity(),
            settings.horizonNs() / 1e9, settings.cancelOnDisconnect() ? "ON" : "OFF"));
        final boolean inFlight = awaitFaultPoint(random, dir, ackedMs);
        final Map<String, Object> before = parent(dir, orderId);
        final int childrenBefore = hostOrders(dir, parentSequence).size();
        final int sessionEndsBefore = auditedSessionEnds(dir);
        // Away long enough for cancels to settle, or for two slices' children without the OMS.
        final long awayMs = settings.cancelOnDisconnect() ? 2 * SLICE_MS + (long)(random.nextDouble() * SLICE_MS) :
            2 * SLICE_MS + (long)(random.nextDouble() * 2 * SLICE_MS);
        final int logonsBefore = oms.logons();
        oms.dropFor(awayMs);
        final List<DrillOms.Received> atDrop = oms.reportsOf(orderId);
        final int reportsAtDrop = atDrop.size();
        final boolean finalAtDrop = lastReport(orderId, atDrop) != null &&
            isFinal(lastReport(orderId, atDrop).report().ordStatus());
        result.faults++;
        result.omsDisconnects++;
        final long droppedMs = System.currentTimeMillis();
        Thread.sleep(awayMs);
        final int childrenAway = hostOrders(dir, parentSequence).size() - childrenBefore;
        final Map<String, Object> whileAway = parent(dir, orderId);
        final String stateAway = whileAway == null ? "not shown" : String.valueOf(whileAway.get("state"));
        result.childrenWhileOmsAway += childrenAway;
        final boolean wasWorking = before != null && "WORKING".equals(before.get("state"));
        line.append(String.format(Locale.ROOT, " the OMS dropped its connection%s with the order %s after %d " +
            "child order(s), away %.1f s: %d child order(s) meanwhile, the order %s;",
            inFlight ? " while a child order was in flight" : "", before == null ? "not yet shown" : before.get("state"),
            childrenBefore, awayMs / 1e3, childrenAway, stateAway));
        if (settings.cancelOnDisconnect())
        {
            final Map<String, Object> ended = waitForFinal(dir, orderId, droppedMs + 15_000);
            final String state = String.valueOf(ended.get("state"));
            if ("CANCELED".equals(state))
            {
                result.parentsCanceledOnDisconnect++;
            }
            else if (wasWorking && !"FILLED".equals(state))
            {
                result.anomalies.add("seed " + seed + ": cancel on disconnect left " + orderId + " " + state);
            }
            // The venues' answers to the cancels land in the ledger; then nothing more may come.
            Thread.sleep(2 * VENUE_LATENCY_MS + 600);
            final int atCancel = hostOrders(dir, parentSequence).size();
            Thread.sleep(2 * SLICE_MS);
            final int later = hostOrders(dir, parentSequence).size();
            if (later != atCancel)
            {
                result.anomalies.add("seed " + seed + ": " + (later - atCancel) + " child order(s) of " + orderId +
                    " reached a venue after cancel on disconnect ended it");
            }
            line.append(String.format(Locale.ROOT, " ended %s with %d child order(s), %d after;", state, atCancel,
                later - atCancel));
        }
        else if (wasWorking && "WORKING".equals(stateAway) && childrenAway == 0)
        {
            result.anomalies.add("seed " + seed + ": " + orderId + " placed no child order in the " + awayMs +
                " ms the OMS was away: execution stopped without cancel on disconnect");
        }
        final int sessionEnds = auditedSessionEnds(dir) - sessionEndsBefore;
        result.auditedSessionEnds += sessionEnds;
        if (sessionEnds != 1)
        {
            result.anomalies.add("seed " + seed + ": the audit log shows " + sessionEnds + " end(s) of the OMS " +
                "session for one disconnect");
        }
        final Map<String, Object> parent = waitForFinal(dir, orderId,
            ackedMs + settings.horizonNs() / 1_000_000L + 30_000);
        final long venueFilled = audit(dir, seed, parentSequence, orderId, parent, line);
        auditReports(seed, orderId, venueFilled, line);
        final int afterReturn = oms.reportsOf(orderId).size() - reportsAtDrop;
        result.reportsAfterReturn += afterReturn;
        line.append(String.format(Locale.ROOT, "; %d report(s) after the OMS's return", afterReturn));
        if (afterReturn == 0 && !finalAtDrop)
        {
            // The OMS had no final report at the drop, so at least that one must have waited for it.
            result.anomalies.add("seed " + seed + ": the OMS got no report of " + orderId + " after it came back");
        }
        if (oms.logons() <= logonsBefore)
        {
            result.anomalies.add("seed " + seed + ": the OMS did not log on again after its disconnect");
        }
        result.drills++;
        result.lines.add(line.toString());
        out.println("oms-disconnect " + line);
        out.flush();
    }

    /**
     * kill -9 of the market process at seeded points of the order (every other one with a child in
     * flight), down 0-1.5 s, started again on its directory. The venues must come back with every
     * child they had (the ledger rebuilt from the market's journal, none received twice), the running
     * daemon must greet the new market and reconcile without anomaly, and the order must go on to a
     * final state with CumQty equal to the venues' total, at the daemon and at the OMS.
     */
    private void marketKill(final long seed, final SplittableRandom random, final Path dir, final String orderId,
        final int parentSequence, final char side, final long ackedMs) throws IOException, InterruptedException
    {
        final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "seed %d: %s %s %s BTC-USD TWAP " +
            "over %.0f s, %s children;", seed, orderId, side == '1' ? "BUY" : "SELL", settings.quantity(),
            settings.horizonNs() / 1e9, settings.childOrderType()));
        long fromMs = ackedMs;
        int childrenAtLastReturn = 0;
        for (int k = 0; k < settings.killsPerOrder(); k++)
        {
            final String point = awaitMarketFaultPoint(random, dir, fromMs, parentSequence);
            final Map<String, Object> before = parent(dir, orderId);
            final List<String[]> childrenBefore = hostOrders(dir, parentSequence);
            final int returnsBefore = marketReturnLines().size();
            final long killedMs = System.currentTimeMillis();
            market.destroyForcibly(); // SIGKILL
            market.waitFor();
            result.faults++;
            result.marketKills++;
            Thread.sleep((long)(random.nextDouble() * 1_500));
            startMarket(dir);
            // The daemon hears nothing of its session, greets the new market and reconciles with it.
            waitFor(() -> marketReturnLines().size() > returnsBefore, "the daemon to greet the restarted market (" +
                daemonOutput + ")");
            fromMs = System.currentTimeMillis();
            result.marketReturns++;
            result.maxOutageMs = Math.max(result.maxOutageMs, fromMs - killedMs);
            final String back = marketReturnLines().get(marketReturnLines().size() - 1);
            final java.util.regex.Matcher injected = java.util.regex.Pattern
                .compile("(\\d+) venue event\\(s\\) injected, (\\d+) unresolved, (\\d+) anomalies").matcher(back);
            if (injected.find())
            {
                result.marketInjected += Integer.parseInt(injected.group(1));
                if (Integer.parseInt(injected.group(3)) > 0)
                {
                    result.anomalies.add("seed " + seed + ": the reconciliation after the market's return found " +
                        "anomalies: " + back);
                }
            }
            else
            {
                result.anomalies.add("seed " + seed + ": the daemon's note of the market's return has no " +
                    "reconciliation: " + back);
            }
            final String restored = restoredNote();
            final java.util.regex.Matcher counts = java.util.regex.Pattern
                .compile("(\\d+) rest again, (\\d+) canceled by the restart").matcher(restored);
            if (counts.find())
            {
                result.restoredResting += Integer.parseInt(counts.group(1));
                result.restoredCanceled += Integer.parseInt(counts.group(2));
            }
            // The venues' truth survives: every child the old market had is in the new one's ledger.
            final List<String[]> childrenAfter = hostOrders(dir, parentSequence);
            final java.util.Set<String> after = new java.util.HashSet<>();
            for (final String[] row : childrenAfter)
            {
                after.add(row[0] + "/" + row[2]);
            }
            int forgotten = 0;
            for (final String[] row : childrenBefore)
            {
                if (!after.contains(row[0] + "/" + row[2]))
                {
                    forgotten++;
                }
            }
            if (forgotten > 0)
            {
                result.anomalies.add("seed " + seed + ": the restarted market forgot " + forgotten + " of the " +
                    childrenBefore.size() + " child order(s) its venues had");
            }
            childrenAtLastReturn = childrenAfter.size();
            line.append(String.format(Locale.ROOT, " market kill -9%s with the order %s after %d child order(s) at " +
                "the venues, %d kept by the restarted market (%s), the daemon greeted it %.1f s after the kill " +
                "(%s);", point,
                before == null ? "not yet shown" : before.get("state"), childrenBefore.size(),
                childrenBefore.size() - forgotten, restored.isEmpty() ? "no open order to restore" : restored,
                (fromMs - killedMs) / 1e3, back.substring(back.indexOf("market back: ") + "market back: ".length())));
        }
        auditResumed(dir, seed, parentSequence, orderId, ackedMs, fromMs, childrenAtLastReturn,
            "the market's last return", line);
        result.drills++;
        result.lines.add(line.toString());
        out.println("market-kill " + line);
        out.flush();
    }

    /**
     * Waits for the parent's final state (its ExpireTime at the latest), audits the venues and the OMS's
     * reports, and requires a parent with two slices or more left after {@code after} (at {@code fromMs})
     * and not filled to have placed a child order since.
     */
    private void auditResumed(final Path dir, final long seed, final int parentSequence, final String orderId,
        final long ackedMs, final long fromMs, final int childrenBefore, final String after, final StringBuilder line)
        throws IOException, InterruptedException
    {
        final long expireMs = ackedMs + settings.horizonNs() / 1_000_000L;
        final long remainingMs = expireMs - fromMs;
        final Map<String, Object> parent = waitForFinal(dir, orderId, expireMs + 30_000);
        final long venueFilled = audit(dir, seed, parentSequence, orderId, parent, line);
        auditReports(seed, orderId, venueFilled, line);
        final int resumedChildren = hostOrders(dir, parentSequence).size() - childrenBefore;
        line.append(String.format(Locale.ROOT, "; %d child order(s) placed after %s, %.1f s before the ExpireTime",
            resumedChildren, after, remainingMs / 1e3));
        if (resumedChildren == 0 && !"FILLED".equals(parent.get("state")) && remainingMs > 2 * SLICE_MS)
        {
            result.anomalies.add("seed " + seed + ": " + orderId + " did not go on after " + after +
                ": no child order in the " + remainingMs / 1000 + " s left");
        }
    }

    /**
     * A seeded point 0.5 s to a quarter of the horizon after {@code fromMs}, and then, so the venues
     * have something of the order to lose: a child at a venue; after that, by seed, either a child
     * resting there (LIMIT children) or one in flight. Returns how the kill found the order.
     */
    private String awaitMarketFaultPoint(final SplittableRandom random, final Path dir, final long fromMs,
        final int parentSequence) throws IOException, InterruptedException
    {
        final long waitMs = fromMs + 500 + (long)(random.nextDouble() * 0.25 * settings.horizonNs() / 1e6) -
            System.currentTimeMillis();
        if (waitMs > 0)
        {
            Thread.sleep(waitMs);
        }
        final long deadline = System.currentTimeMillis() + 3 * SLICE_MS;
        while (hostOrders(dir, parentSequence).isEmpty() && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(20);
        }
        if (random.nextBoolean())
        {
            return waitForWorkingChild(dir) ? " while a child order was in flight" : "";
        }
        if (settings.childOrderType() == OrderType.LIMIT)
        {
            final long restingDeadline = System.currentTimeMillis() + 3 * SLICE_MS;
            while (System.currentTimeMillis() < restingDeadline)
            {
                for (final String[] row : hostOrders(dir, parentSequence))
                {
                    if ("OPEN".equals(row[8]))
                    {
                        return " while child " + row[2] + " rested at venue " + row[1];
                    }
                }
                Thread.sleep(20);
            }
        }
        return "";
    }

    private void startMarket(final Path dir) throws IOException
    {
        marketStarts++;
        market = start("market", dir.resolve(marketStarts == 1 ? "market.out" : "market-" + marketStarts + ".out"),
            "market", "--config", config.toString(), "--dir", dir.resolve("market").toString(), "--latency-ms",
            Long.toString(VENUE_LATENCY_MS));
    }

    /** The daemon's notes of a market that came back, in order. */
    private List<String> marketReturnLines()
    {
        final List<String> lines = new ArrayList<>();
        for (final String text : read(daemonOutput).split("\n"))
        {
            if (text.contains("market back: "))
            {
                lines.add(text);
            }
        }
        return lines;
    }

    /** What the latest market process said of the open orders it rebuilt ("" when it had none). */
    private String restoredNote()
    {
        final Path file = settings.directory().toAbsolutePath().resolve(marketStarts == 1 ? "market.out" :
            "market-" + marketStarts + ".out");
        for (final String text : read(file).split("\n"))
        {
            final int at = text.indexOf("open host orders from before the restart: ");
            if (at >= 0)
            {
                return text.substring(at + "open host orders from before the restart: ".length());
            }
        }
        return "";
    }

    /** Entries of the daemon's audit log recording the end of the OMS session. */
    private static int auditedSessionEnds(final Path dir) throws IOException
    {
        final Path file = dir.resolve("daemon").resolve(io.slipway.ops.daemon.AuditLog.FILE_NAME);
        if (!Files.exists(file))
        {
            return 0;
        }
        int ends = 0;
        for (final String text : Files.readAllLines(file, StandardCharsets.UTF_8))
        {
            if (text.contains("the OMS session ended"))
            {
                ends++;
            }
        }
        return ends;
    }

    /**
     * {@code kill all} over the admin socket, kill -9 while it holds, restart: the recovered core must
     * still hold (its kill is a journal input; the fresh card's kill switch follows it) and place no
     * child until {@code resume all}. Returns the children at the venues when it resumed.
     */
    private int operatorKillAcrossRestart(final long seed, final SplittableRandom random, final Path config,
        final Path dir, final String orderId, final int parentSequence, final long ackedMs, final StringBuilder line,
        final long[] restartedMs) throws IOException, InterruptedException
    {
        // Let the order place a child or two first.
        final long waitMs = ackedMs + SLICE_MS - System.currentTimeMillis();
        if (waitMs > 0)
        {
            Thread.sleep(waitMs);
        }
        final AdminClient.Answer kill = AdminClient.send(dir.resolve("daemon"), null, "drill", "kill all");
        if (!kill.accepted())
        {
            result.anomalies.add("seed " + seed + ": the journaled daemon refused 'kill all': " + kill.text().strip());
        }
        result.operatorKills++;
        // The kill's cancels reach the venues and the ledger (rewritten every 200 ms).
        Thread.sleep(2 * VENUE_LATENCY_MS + 600);
        final int held = hostOrders(dir, parentSequence).size();
        final long killedMs = System.currentTimeMillis();
        killDaemon(random);
        startDaemon(config, dir);
        restartedMs[0] = System.currentTimeMillis();
        final String recovery = lastRecovery();
        long killSwitch = 0;
        try (CountersView view = new CountersView(dir.resolve("daemon").resolve(CountersLayout.FILE_NAME).toFile()))
        {
            // The core agent publishes its first counters as it starts, just after the admin socket opens.
            final long until = System.currentTimeMillis() + 2_000;
            while (killSwitch == 0 && System.currentTimeMillis() < until)
            {
                killSwitch = view.counter("card kill switch");
                Thread.sleep(20);
            }
        }
        if (killSwitch == 0)
        {
            result.anomalies.add("seed " + seed + ": after the restart the card's kill switch is clear, but the " +
                "operator's kill was never resumed");
        }
        // Two slices: a parent that forgot the kill would have placed a child by now.
        Thread.sleep(2 * SLICE_MS + 2 * VENUE_LATENCY_MS + 400);
        final int whileHeld = hostOrders(dir, parentSequence).size();
        if (whileHeld != held)
        {
            result.anomalies.add("seed " + seed + ": " + (whileHeld - held) + " child order(s) of " + orderId +
                " reached a venue while the operator's kill held, across a restart");
        }
        final AdminClient.Answer resume = AdminClient.send(dir.resolve("daemon"), null, "drill", "resume all");
        if (!resume.accepted())
        {
            result.anomalies.add("seed " + seed + ": 'resume all' refused: " + resume.text().strip());
        }
        line.append(String.format(Locale.ROOT, " operator 'kill all' after %d child order(s), kill -9 while it " +
            "held, back %.1f s later (%s), card kill switch %s after the restart, %d child order(s) sent while held, " +
            "'resume all' %s;", held, (restartedMs[0] - killedMs) / 1e3, recovery, killSwitch != 0 ? "set" : "CLEAR",
            whileHeld - held, resume.accepted() ? "accepted" : "REFUSED"));
        return whileHeld;
    }

    private void killDaemon(final SplittableRandom random) throws InterruptedException
    {
        daemon.destroyForcibly(); // SIGKILL
        daemon.waitFor();
        result.faults++;
        Thread.sleep((long)(random.nextDouble() * 1_500));
    }

    /**
     * What the OMS got for the order: every ExecID of the order (OrderID-1 to the last) exactly once as
     * a plain message, any further copy flagged PossDup or PossResend, the distinct fills adding up to
     * the CumQty of the last report, which must equal the venues' total, and that report final.
     */
    private void auditReports(final long seed, final String orderId, final long venueFilled, final StringBuilder line)
        throws InterruptedException
    {
        // The final report leaves once its input is recorded and the OMS is logged on again.
        final long deadline = System.currentTimeMillis() + 30_000;
        List<DrillOms.Received> reports = oms.reportsOf(orderId);
        while (lastReport(orderId, reports) == null || !isFinal(lastReport(orderId, reports).report().ordStatus()))
        {
            if (System.currentTimeMillis() > deadline)
            {
                break;
            }
            Thread.sleep(100);
            reports = oms.reportsOf(orderId);
        }
        final Map<String, int[]> copies = new java.util.TreeMap<>();
        long distinctFilled = 0;
        for (final DrillOms.Received received : reports)
        {
            result.reportsChecked++;
            final int[] count = copies.computeIfAbsent(received.report().execId(), id -> new int[3]);
            if (received.possDup())
            {
                count[1]++;
                result.possDupCopies++;
            }
            else if (received.possResend())
            {
                count[2]++;
                result.possResendCopies++;
            }
            else
            {
                count[0]++;
            }
            if (count[0] + count[1] + count[2] == 1 && received.report().lastQty() != null)
            {
                distinctFilled += INSTRUMENT.parseQty(received.report().lastQty());
            }
        }
        final DrillOms.Received last = lastReport(orderId, reports);
        final int lastSequence = last == null ? 0 : execSequence(orderId, last.report().execId());
        for (int sequence = 1; sequence <= lastSequence; sequence++)
        {
            final String execId = orderId + "-" + sequence;
            final int[] count = copies.get(execId);
            result.execIdsChecked++;
            if (count == null)
            {
                result.anomalies.add("seed " + seed + ": the OMS never got ExecID " + execId);
            }
            else if (count[0] > 1)
            {
                result.anomalies.add("seed " + seed + ": ExecID " + execId + " reached the OMS " + count[0] +
                    " times without PossDupFlag or PossResend");
            }
        }
        if (last == null)
        {
            result.anomalies.add("seed " + seed + ": the OMS got no ExecutionReport for " + orderId);
            line.append("; no ExecutionReport at the OMS");
            return;
        }
        final long cumQty = INSTRUMENT.parseQty(last.report().cumQty());
        if (!isFinal(last.report().ordStatus()))
        {
            result.anomalies.add("seed " + seed + ": the OMS's last report of " + orderId + " is OrdStatus " +
                last.report().ordStatus() + ", not final");
        }
        if (cumQty != venueFilled || distinctFilled != cumQty)
        {
            result.anomalies.add("seed " + seed + ": the OMS's CumQty " + INSTRUMENT.formatQty(cumQty) + ", its " +
                "distinct fills " + INSTRUMENT.formatQty(distinctFilled) + ", the venues' " +
                INSTRUMENT.formatQty(venueFilled));
        }
        int flagged = 0;
        for (final int[] count : copies.values())
        {
            flagged += count[1] + count[2];
        }
        line.append(String.format(Locale.ROOT, "; OMS: %d report(s), ExecIDs %s-1..%d each once (%d flagged " +
            "copies), last OrdStatus %c CumQty %s", reports.size(), orderId, lastSequence, flagged,
            last.report().ordStatus(), INSTRUMENT.formatQty(cumQty)));
    }

    /** The report with the highest sequence of the order's ExecIDs. */
    private static DrillOms.Received lastReport(final String orderId, final List<DrillOms.Received> reports)
    {
        DrillOms.Received last = null;
        for (final DrillOms.Received received : reports)
        {
            if (last == null || execSequence(orderId, received.report().execId()) >
                execSequence(orderId, last.report().execId()))
            {
                last = received;
            }
        }
        return last;
    }

    /** N of ExecID ORDERID-N, the parent's report sequence; 0 for an ExecID of another form. */
    private static int execSequence(final String orderId, final String execId)
    {
        if (execId == null || !execId.startsWith(orderId + "-"))
        {
            return 0;
        }
        try
        {
            return Integer.parseInt(execId.substring(orderId.length() + 1));
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
    }

    /** Filled, canceled, rejected, expired, done for day. */
    private static boolean isFinal(final char ordStatus)
    {
        return ordStatus == '2' || ordStatus == '4' || ordStatus == '8' || ordStatus == 'C' || ordStatus == '3';
    }

    /** Returns the venues' filled total for the parent. */
    private long audit(final Path dir, final long seed, final int parentSequence, final String orderId,
        final Map<String, Object> parent, final StringBuilder line) throws IOException, InterruptedException
    {
        // The ledger is rewritten every 200 ms: let the last reports land.
        Thread.sleep(600);
        final List<String[]> orders = hostOrders(dir, parentSequence);
        long venueFilled = 0;
        int fills = 0;
        for (final String[] order : orders)
        {
            result.ordersChecked++;
            final int received = Integer.parseInt(order[3]);
            if (received != 1)
            {
                result.anomalies.add("seed " + seed + ": child " + order[2] + " reached venue " + order[1] + " " +
                    received + " times");
            }
            if ("OPEN".equals(order[8]))
            {
                result.anomalies.add("seed " + seed + ": child " + order[2] + " is still open at venue " + order[1]);
            }
            venueFilled += Long.parseLong(order[5]);
            fills += Integer.parseInt(order[6]);
        }
        result.fillsChecked += fills;
        final String state = String.valueOf(parent.get("state"));
        final long cumQty = INSTRUMENT.parseQty(String.valueOf(parent.get("filled")));
        if (cumQty != venueFilled)
        {
            result.anomalies.add("seed " + seed + ": " + orderId + " CumQty " + INSTRUMENT.formatQty(cumQty) +
                " but the venues filled " + INSTRUMENT.formatQty(venueFilled) + " (a lost or invented fill)");
        }
        if ("WORKING".equals(state) || "PAUSED".equals(state) || "KILLED".equals(state))
        {
            result.anomalies.add("seed " + seed + ": " + orderId + " is " + state + " after its ExpireTime");
        }
        line.append(String.format(Locale.ROOT, " %s; CumQty %s = venues' %s over %d child order(s) and %d fill(s)",
            state, INSTRUMENT.formatQty(cumQty), INSTRUMENT.formatQty(venueFilled), orders.size(), fills));
        return venueFilled;
    }

    private void sendOrder(final NewParentOrder order) throws InterruptedException
    {
        oms.send(order);
        // The New report leaves only once the order is journaled: after it, a kill cannot lose the order.
        final long deadline = System.currentTimeMillis() + 30_000;
        OmsExecutionReport ack = null;
        while (ack == null && System.currentTimeMillis() < deadline)
        {
            for (final DrillOms.Received received : oms.reports())
            {
                if (order.clOrdId().equals(received.report().clOrdId()))
                {
                    ack = received.report();
                    break;
                }
            }
            Thread.sleep(5);
        }
        if (ack == null)
        {
            throw new IllegalStateException("no ExecutionReport for " + order.clOrdId() + " within 30 s (OMS " +
                (oms.loggedOn() ? "logged on" : "not logged on, last error " + oms.lastConnectError()) + ")");
        }
        if (ack.execType() != '0')
        {
            throw new IllegalStateException(order.clOrdId() + " was not accepted: " + ack);
        }
    }

    /** Waits up to two slices for the daemon's counters to show a working child order; true if one did. */
    private static boolean waitForWorkingChild(final Path dir) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 2 * SLICE_MS;
        try (CountersView view = new CountersView(dir.resolve("daemon").resolve(CountersLayout.FILE_NAME).toFile()))
        {
            while (System.currentTimeMillis() < deadline)
            {
                if (view.counter("children working") > 0)
                {
                    return true;
                }
                Thread.sleep(2);
            }
        }
        return false;
    }

    private Map<String, Object> waitForFinal(final Path dir, final String orderId, final long deadlineMs)
        throws InterruptedException
    {
        Map<String, Object> last = null;
        while (System.currentTimeMillis() < deadlineMs)
        {
            last = parent(dir, orderId);
            // KILLED is an operator's hold, not an end: the snapshot may still show it just after a resume.
            if (last != null && !"WORKING".equals(last.get("state")) && !"PAUSED".equals(last.get("state")) &&
                !"ADVERSE_MOVE_PAUSE".equals(last.get("state")) && !"KILLED".equals(last.get("state")))
            {
                return last;
            }
            Thread.sleep(250);
        }
        if (last == null)
        {
            throw new IllegalStateException("the daemon never showed " + orderId);
        }
        return last;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parent(final Path dir, final String orderId)
    {
        try (CountersView view = new CountersView(dir.resolve("daemon").resolve(CountersLayout.FILE_NAME).toFile()))
        {
            final Object orders = view.snapshot().get("orders");
            if (orders instanceof List<?> list)
            {
                for (final Object order : list)
                {
                    final Map<String, Object> map = (Map<String, Object>)order;
                    if (orderId.equals(map.get("orderId")))
                    {
                        return map;
                    }
                }
            }
            return null;
        }
        catch (final RuntimeException ex)
        {
            return null; // a daemon starting anew recreates the file
        }
    }

    /** The market ledger's rows of one parent's children (see MarketServer for the columns). */
    private static List<String[]> hostOrders(final Path dir, final int parentSequence) throws IOException
    {
        final List<String[]> rows = new ArrayList<>();
        for (final String text : Files.readAllLines(dir.resolve("market").resolve("ledger.tsv"), StandardCharsets.UTF_8))
        {
            if (text.startsWith("#") || text.isBlank())
            {
                continue;
            }
            final String[] row = text.split("\t");
            if (ChildOrderIds.parentSequence(Long.parseLong(row[2])) == parentSequence)
            {
                rows.add(row);
            }
        }
        return rows;
    }

    private void startDaemon(final Path config, final Path dir) throws IOException, InterruptedException
    {
        daemonStarts++;
        daemonOutput = dir.resolve("daemon-" + daemonStarts + ".out");
        daemon = start("daemon", daemonOutput, "daemon", "--config", config.toString());
        waitFor(() -> read(daemonOutput).contains("  recovery: "), "the daemon's recovery (" + daemonOutput + ")");
        if (daemonStarts > 1)
        {
            result.restarts++;
            final String recovery = lastRecovery();
            final java.util.regex.Matcher replayed = java.util.regex.Pattern.compile("replayed (\\d+)").matcher(recovery);
            if (replayed.find())
            {
                result.replayedInputs += Long.parseLong(replayed.group(1));
            }
            final java.util.regex.Matcher injected = java.util.regex.Pattern
                .compile("(\\d+) venue event\\(s\\) injected, (\\d+) unresolved, (\\d+) anomalies").matcher(recovery);
            if (injected.find())
            {
                result.injected += Integer.parseInt(injected.group(1));
                if (Integer.parseInt(injected.group(3)) > 0)
                {
                    result.anomalies.add("restart " + daemonStarts + ": " + recovery);
                }
            }
            else if (!recovery.contains("nothing to reconcile"))
            {
                result.anomalies.add("restart " + daemonStarts + " did not reconcile: " + recovery);
            }
        }
        // The FIX acceptor and core agent are up once the admin socket is.
        waitFor(() -> Files.exists(dir.resolve("daemon").resolve("admin.sock")), "the daemon's admin socket");
    }

    private String lastRecovery()
    {
        for (final String text : read(daemonOutput).split("\n"))
        {
            if (text.startsWith("  recovery: "))
            {
                return text.substring("  recovery: ".length());
            }
        }
        return "no recovery line";
    }

    private Process start(final String what, final Path output, final String... arguments) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            // Debuggers and coverage agents of this JVM do not belong in the children.
            if (!argument.startsWith("-agentlib") && !argument.startsWith("-javaagent"))
            {
                command.add(argument);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SlipwayCli.class.getName());
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private void waitFor(final java.util.function.BooleanSupplier condition, final String what)
        throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            if (daemon != null && !daemon.isAlive() && what.contains("daemon"))
            {
                throw new IllegalStateException("the daemon exited (" + daemon.exitValue() + ") while waiting for " +
                    what + ": " + read(daemonOutput));
            }
            Thread.sleep(50);
        }
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    private static void stop(final Process process) throws InterruptedException
    {
        if (process != null && process.isAlive())
        {
            process.destroy(); // SIGTERM: a clean stop
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * The drill's OMS: one Artio FIX session with persistent sequence numbers on a thread of its own,
     * logging on again whenever the daemon is back; Artio asks for any sequence gap and the daemon's
     * gateway resends it with PossDupFlag. Keeps every ExecutionReport with its flags.
     */
    static final class DrillOms implements AutoCloseable
    {
        record Received(OmsExecutionReport report, boolean possDup, boolean possResend)
        {
        }

        private final OmsFixClient client;
        private final int port;
        private final Thread thread;
        private final java.util.concurrent.ConcurrentLinkedQueue<NewParentOrder> toSend =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final List<Received> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean running = true;
        private volatile int logons;
        private volatile Throwable failure;
        private volatile String lastConnectError;
        private volatile long dropForMs = -1;
        private volatile long awayUntilMs;

        DrillOms(final java.io.File directory, final int port)
        {
            this.port = port;
            this.client = new OmsFixClient(io.slipway.fix.FixGatewayContext.DEFAULT_INITIATOR_COMP_ID,
                io.slipway.fix.FixGatewayContext.DEFAULT_ACCEPTOR_COMP_ID, directory, new OmsFixClient.Listener()
            {
                public void onExecutionReport(final OmsExecutionReport report)
                {
                    onExecutionReport(report, false, false);
                }

                public void onExecutionReport(final OmsExecutionReport report, final boolean possDup,
                    final boolean possResend)
                {
                    received.add(new Received(report, possDup, possResend));
                }
            }).persistentSequenceNumbers(true);
            thread = new Thread(this::run, "sigkill-drill-oms");
            thread.setDaemon(true);
            thread.start();
        }

        void send(final NewParentOrder order)
        {
            if (failure != null)
            {
                throw new IllegalStateException("the drill's OMS failed", failure);
            }
            toSend.add(order);
        }

        List<Received> reports()
        {
            return received;
        }

        List<Received> reportsOf(final String orderId)
        {
            final List<Received> reports = new ArrayList<>();
            for (final Received report : received)
            {
                if (orderId.equals(report.report().orderId()))
                {
                    reports.add(report);
                }
            }
            return reports;
        }

        int logons()
        {
            return logons;
        }

        /** Drops the connection (no Logout) on the OMS's thread and stays away for the given time; returns once dropped. */
        void dropFor(final long awayMs) throws InterruptedException
        {
            dropForMs = awayMs;
            final long deadline = System.currentTimeMillis() + 5_000;
            while (dropForMs >= 0 && failure == null && System.currentTimeMillis() < deadline)
            {
                Thread.sleep(1);
            }
            if (dropForMs >= 0)
            {
                throw new IllegalStateException("the drill's OMS did not drop its connection", failure);
            }
        }

        boolean loggedOn()
        {
            return client.isLoggedOn();
        }

        String lastConnectError()
        {
            return lastConnectError;
        }

        private void run()
        {
            try
            {
                while (running)
                {
                    final long dropMs = dropForMs;
                    if (dropMs >= 0)
                    {
                        client.dropConnection();
                        awayUntilMs = System.currentTimeMillis() + dropMs;
                        dropForMs = -1;
                    }
                    if (System.currentTimeMillis() < awayUntilMs)
                    {
                        Thread.sleep(5);
                        continue;
                    }
                    if (!client.isLoggedOn())
                    {
                        try
                        {
                            client.connect("127.0.0.1", port, 5_000);
                            logons++;
                        }
                        catch (final RuntimeException ex)
                        {
                            // The daemon is down or still recovering: try again shortly.
                            lastConnectError = ex.toString();
                            Thread.sleep(200);
                        }
                        continue;
                    }
                    final NewParentOrder order = toSend.peek();
                    if (order != null && client.sendNewOrder(order))
                    {
                        toSend.poll();
                    }
                    if (client.poll() == 0)
                    {
                        Thread.sleep(1);
                    }
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            catch (final RuntimeException ex)
            {
                failure = ex;
            }
        }

        @Override
        public void close() throws InterruptedException
        {
            running = false;
            thread.join(10_000);
            client.close();
        }
    }
}
