package io.slipway.app;

import io.slipway.core.Strategy;
import io.slipway.domain.ChildOrderIds;
import io.slipway.journal.JournalContext;
import io.slipway.journal.ReconcileResult;
import io.slipway.oms.CancelParentOrder;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.OrdStatus;
import io.slipway.oms.ParentOrderReport;
import io.slipway.sim.market.HostOrderLedger;
import io.slipway.sim.market.SimulatedExchange;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.venue.VenueOrderStatus;
import io.slipway.venue.VenueStatusQuery;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Fault drills on the recoverable appliance: one parent order worked on a seeded calm world while
 * a fault is injected at a seeded random point, then the order runs to its end and everything is
 * audited against the venues' own ledgers: no child order at any venue twice, no fill lost, the
 * OMS's reports adding up to exactly what the venues filled, and every parent order in a final
 * state. The drill's randomness (where the fault lands) is seeded, so a failing drill repeats.
 */
public final class FaultDrills
{
    /** The faults a drill can inject. */
    public enum Kind
    {
        /** The appliance dies between two events (one or two times) and restarts on its journal. */
        CRASH,
        /** A crash, and on restart every venue's status service fails its first few queries. */
        STATUS_UNKNOWN,
        /** One venue's session drops for a few seconds and comes back. */
        VENUE_DISCONNECT,
        /** One venue's feed stops for 30 s and resumes. */
        STALE_FEED,
        /** The OMS cancels the order while a child is out, and the appliance dies with the cancel in flight. */
        CANCEL_IN_FLIGHT,
        /**
         * With children resting (SUBMIT_AND_LEAVE), the OMS cancels the order and the appliance dies
         * after recording that cancel and before the child cancels it made leave, then restarts.
         */
        RESTING_CANCEL_LOST
    }

    private static final Strategy[] STRATEGIES =
        {Strategy.TWAP, Strategy.IS, Strategy.ADAPTIVE_AC, Strategy.VWAP, Strategy.POV};
    private static final long HORIZON_NS = TimeUnit.MINUTES.toNanos(10);

    private int drills;
    private int faults;
    private long ordersChecked;
    private long fillsChecked;
    private long reportsChecked;
    private long injected;
    private long unresolvedQueries;
    private long restingAfterRecovery;
    private final List<String> anomalies = new ArrayList<>();

    /**
     * Runs one drill with its journal in a fresh directory under {@code root}, the strategy chosen by
     * seed (SUBMIT_AND_LEAVE for RESTING_CANCEL_LOST).
     */
    public void run(final Kind kind, final long seed, final File root)
    {
        // The lost cancel matters only for a child that rests, so that drill always posts and leaves.
        runIn(kind, seed, new File(root, kind.name().toLowerCase() + "-" + seed),
            kind == Kind.RESTING_CANCEL_LOST ? Strategy.SUBMIT_AND_LEAVE :
                STRATEGIES[(int)(seed % STRATEGIES.length)]);
    }

    /**
     * Runs one drill with the given strategy, e.g. SUBMIT_AND_LEAVE, whose post-only children rest
     * at the venues until the core cancels them, so a cancel lost in a crash leaves an order open.
     */
    public void run(final Kind kind, final long seed, final File root, final Strategy strategy)
    {
        if (strategy == Strategy.LEARNED)
        {
            throw new IllegalArgumentException("LEARNED needs a model file; the drills load none");
        }
        runIn(kind, seed, new File(root, kind.name().toLowerCase() + "-" + strategy.name().toLowerCase() + "-" + seed),
            strategy);
    }

    private void runIn(final Kind kind, final long seed, final File directory, final Strategy strategy)
    {
        if (directory.exists())
        {
            throw new IllegalArgumentException(directory + " already holds a drill's journal; choose another directory");
        }
        writeWorld(directory, seed);
        final OmsReportLedger oms = new OmsReportLedger();
        final SimulatedAppliance.Context context = io.slipway.app.Worlds.simulated(seed, ScenarioLoader.loadNamed("calm"))
            .warmUpNs(TimeUnit.SECONDS.toNanos(20));
        final SplittableRandom random = new SplittableRandom(seed * 31 + kind.ordinal());
        final String clOrdId = "DRILL-" + kind + "-" + seed;
        try (RecoverableAppliance appliance = new RecoverableAppliance(context,
            new JournalContext().directory(directory), oms, record -> { }, () -> oms))
        {
            long readyNs = appliance.warmUp();
            if (kind == Kind.RESTING_CANCEL_LOST)
            {
                // Right at the warm-up's end the first post-only child is often refused as would-take;
                // a second or two later it rests, which is what this drill needs.
                appliance.runUntil(readyNs + TimeUnit.SECONDS.toNanos(1) +
                    random.nextLong(TimeUnit.SECONDS.toNanos(2)));
                readyNs = appliance.nowNs();
            }
            final long expireNs = readyNs + HORIZON_NS;
            appliance.submit(new NewParentOrder(clOrdId, "BTC-USD", random.nextBoolean() ? '1' : '2', "6",
                strategy.fixCode(), NewParentOrder.NO_TIME, expireNs, null));
            switch (kind)
            {
                case CRASH:
                {
                    final int crashes = 1 + random.nextInt(2);
                    long atNs = readyNs;
                    for (int i = 0; i < crashes; i++)
                    {
                        // The first within a minute, so even an order that completes early is hit.
                        atNs += TimeUnit.SECONDS.toNanos(5) +
                            random.nextLong(TimeUnit.MINUTES.toNanos(i == 0 ? 1 : 3));
                        crashAndRestart(appliance, atNs, random, false);
                    }
                    break;
                }
                case STATUS_UNKNOWN:
                    crashAndRestart(appliance, readyNs + TimeUnit.SECONDS.toNanos(5) +
                        random.nextLong(TimeUnit.MINUTES.toNanos(3)), random, true);
                    break;
                case VENUE_DISCONNECT:
                {
                    runTo(appliance, readyNs + TimeUnit.SECONDS.toNanos(30) +
                        random.nextLong(TimeUnit.MINUTES.toNanos(6)), random);
                    // Drop the session of a venue that has a child in flight, when one does soon.
                    for (int i = 0; i < 200_000 && appliance.core().core().openChildCount() == 0 &&
                        appliance.core().activeParentCount() > 0 && appliance.step(); i++)
                    {
                        // to the next child order
                    }
                    final List<SimulatedExchange> exchanges = appliance.market().exchanges();
                    final int[] venueId = {exchanges.get(random.nextInt(exchanges.size())).id()};
                    appliance.core().core().forEachOpenChild((id, venue, atCard, quantity, filled) ->
                        venueId[0] = appliance.market().exchanges().stream().anyMatch(e -> e.id() == venue) ?
                            venue : venueId[0]);
                    final int dropped = venueId[0];
                    appliance.disconnectVenue(dropped);
                    faults++;
                    appliance.runUntil(appliance.nowNs() + appliance.settleNs() +
                        random.nextLong(TimeUnit.SECONDS.toNanos(3)));
                    appliance.reconnectVenue(dropped);
                    break;
                }
                case STALE_FEED:
                {
                    runTo(appliance, readyNs + TimeUnit.SECONDS.toNanos(30) +
                        random.nextLong(TimeUnit.MINUTES.toNanos(6)), random);
                    final List<SimulatedExchange> exchanges = appliance.market().exchanges();
                    final SimulatedExchange exchange = exchanges.get(random.nextInt(exchanges.size()));
                    exchange.pauseFeed();
                    faults++;
                    appliance.runUntil(appliance.nowNs() + TimeUnit.SECONDS.toNanos(30));
                    exchange.resumeFeed();
                    break;
                }
                case CANCEL_IN_FLIGHT:
                {
                    runTo(appliance, readyNs + TimeUnit.SECONDS.toNanos(5) +
                        random.nextLong(TimeUnit.MINUTES.toNanos(2)), random);
                    for (int i = 0; i < 200_000 && appliance.core().core().openChildCount() == 0 &&
                        appliance.core().activeParentCount() > 0 && appliance.step(); i++)
                    {
                        // to the next child order
                    }
                    if (appliance.core().activeParentCount() > 0)
                    {
                        appliance.submit(new CancelParentOrder(clOrdId + "-X", clOrdId, null));
                        for (int i = random.nextInt(3); i > 0; i--)
                        {
                            appliance.step();
                        }
                        crashNowAndRestart(appliance, random, false);
                    }
                    break;
                }
                case RESTING_CANCEL_LOST:
                {
                    // Early, while the posted children still rest: the OMS's cancel makes the core cancel them.
                    for (int i = 0; i < 200_000 && appliance.core().core().openChildCount() == 0 &&
                        appliance.core().activeParentCount() > 0 && appliance.step(); i++)
                    {
                        // to the first posted child
                    }
                    if (appliance.core().activeParentCount() > 0)
                    {
                        appliance.dieBeforeNextCancelLeaves();
                        appliance.submit(new CancelParentOrder(clOrdId + "-X", clOrdId, null));
                        for (int i = 0; i < 200_000 && !appliance.hasDied() &&
                            appliance.core().activeParentCount() > 0 && appliance.step(); i++)
                        {
                            // to the first cancel let out
                        }
                        if (appliance.hasDied())
                        {
                            // Back as soon as allowed, so the market has little time to fill what rests.
                            appliance.crash();
                            faults++;
                            appliance.runUntil(appliance.nowNs() + appliance.settleNs());
                            appliance.restart();
                            checkCancelsSentAgain(kind + " seed " + seed + " " + strategy, appliance);
                        }
                    }
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown drill " + kind);
            }
            appliance.runWhileActive(expireNs + TimeUnit.HOURS.toNanos(1));
            // Let the last venue answers arrive before the audit.
            appliance.runUntil(appliance.nowNs() + appliance.settleNs());
            for (final ReconcileResult result : appliance.reconciliations())
            {
                injected += result.injected();
                unresolvedQueries += result.unresolved();
            }
            audit(kind + " seed " + seed + " " + strategy, appliance, oms);
        }
        drills++;
    }

    /**
     * Every child still open at a venue after the recovery belongs to a parent the OMS canceled, so
     * within a second (many retry intervals) each must be closed by a cancel sent again.
     */
    private void checkCancelsSentAgain(final String drill, final RecoverableAppliance appliance)
    {
        final List<long[]> open = openAtVenues(appliance);
        restingAfterRecovery += open.size();
        appliance.runUntil(appliance.nowNs() + TimeUnit.SECONDS.toNanos(1));
        final VenueStatusQuery[] queries = appliance.venueQueries();
        for (final long[] child : open)
        {
            if (queries[(int)child[0]].status(child[1]).state() == VenueOrderStatus.State.OPEN)
            {
                anomalies.add(drill + ": child " + child[1] + " still open at venue " + child[0] +
                    " 1 s after recovery, its parent canceled: the cancel lost in the crash was not sent again");
            }
        }
    }

    private static List<long[]> openAtVenues(final RecoverableAppliance appliance)
    {
        final List<long[]> open = new ArrayList<>();
        final VenueStatusQuery[] queries = appliance.venueQueries();
        for (int venueId = 0; venueId < queries.length; venueId++)
        {
            if (queries[venueId] != null)
            {
                for (final long id : queries[venueId].hostOrderIds())
                {
                    if (queries[venueId].status(id).state() == VenueOrderStatus.State.OPEN)
                    {
                        open.add(new long[]{venueId, id});
                    }
                }
            }
        }
        return open;
    }

    /** Scenario file name kept beside a drill's journal, so tools can rebuild the venues it ran on. */
    public static final String WORLD_FILE = "world.properties";

    private static void writeWorld(final File directory, final long seed)
    {
        try
        {
            java.nio.file.Files.createDirectories(directory.toPath());
            java.nio.file.Files.writeString(directory.toPath().resolve(WORLD_FILE),
                "scenario=calm\nseed=" + seed + "\n");
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException("cannot write " + WORLD_FILE + " in " + directory, ex);
        }
    }

    private void crashAndRestart(final RecoverableAppliance appliance, final long atNs, final SplittableRandom random,
        final boolean statusUnknown)
    {
        runTo(appliance, atNs, random);
        // Most crashes land while children are in flight, where recovery has the most to get right.
        if (random.nextInt(4) != 0)
        {
            for (int i = 0; i < 200_000 && appliance.core().core().openChildCount() == 0 &&
                appliance.core().activeParentCount() > 0 && appliance.step(); i++)
            {
                // to the next child order
            }
            for (int i = random.nextInt(4); i > 0 && appliance.core().core().openChildCount() > 0; i--)
            {
                appliance.step();
            }
        }
        crashNowAndRestart(appliance, random, statusUnknown);
    }

    private void crashNowAndRestart(final RecoverableAppliance appliance, final SplittableRandom random,
        final boolean statusUnknown)
    {
        if (!appliance.isRunning() || appliance.core().activeParentCount() == 0)
        {
            return;
        }
        appliance.crash();
        faults++;
        appliance.runUntil(appliance.nowNs() + appliance.settleNs() + random.nextLong(TimeUnit.SECONDS.toNanos(2)));
        if (statusUnknown)
        {
            for (final SimulatedExchange exchange : appliance.market().exchanges())
            {
                exchange.statusQuery().failNextQueries(2 + random.nextInt(4));
            }
        }
        appliance.restart();
    }

    /** Runs to about a time, then a random number of events further, so faults land between any two events. */
    private static void runTo(final RecoverableAppliance appliance, final long atNs, final SplittableRandom random)
    {
        appliance.runUntil(atNs);
        for (int i = random.nextInt(64); i > 0; i--)
        {
            appliance.step();
        }
    }

    private void audit(final String drill, final RecoverableAppliance appliance, final OmsReportLedger oms)
    {
        final Map<Long, Long> venueFilled = new HashMap<>();
        final VenueStatusQuery[] queries = appliance.venueQueries();
        for (int venueId = 0; venueId < queries.length; venueId++)
        {
            final VenueStatusQuery query = queries[venueId];
            if (query == null)
            {
                continue;
            }
            if (query instanceof HostOrderLedger ledger)
            {
                ledger.failNextQueries(0);
            }
            for (final long id : query.hostOrderIds())
            {
                ordersChecked++;
                final VenueOrderStatus status = query.status(id);
                if (status.received() != 1)
                {
                    anomalies.add(drill + ": child " + id + " reached venue " + venueId + " " + status.received() +
                        " times");
                }
                if (status.state() == VenueOrderStatus.State.OPEN)
                {
                    anomalies.add(drill + ": child " + id + " still open at venue " + venueId);
                }
                fillsChecked += status.fills().size();
                final long parentSequence = ChildOrderIds.parentSequence(id);
                venueFilled.merge(parentSequence, status.filledQuantity(), Long::sum);
            }
        }
        if (appliance.isRunning() && appliance.core().activeParentCount() != 0)
        {
            anomalies.add(drill + ": " + appliance.core().activeParentCount() + " parent(s) still working at the end");
        }
        if (oms.byClOrdId().isEmpty())
        {
            anomalies.add(drill + ": the OMS received no report");
        }
        // By OrderID: a canceled order ends under the cancel's ClOrdID.
        for (final Map.Entry<String, List<ParentOrderReport>> entry : oms.byOrderId().entrySet())
        {
            final List<ParentOrderReport> reports = entry.getValue();
            reportsChecked += reports.size();
            final Set<String> execIds = new HashSet<>();
            for (final ParentOrderReport report : reports)
            {
                if (!execIds.add(report.execId()))
                {
                    anomalies.add(drill + ": report " + report.execId() + " reached the OMS twice");
                }
            }
            final ParentOrderReport last = reports.get(reports.size() - 1);
            if (!OmsReportLedger.isFinal(last.ordStatus()))
            {
                anomalies.add(drill + ": " + entry.getKey() + " ended " + last.ordStatus());
            }
            final long byReports = OmsReportLedger.filledByReports(reports);
            if (byReports != last.cumQty())
            {
                anomalies.add(drill + ": " + entry.getKey() + " fill reports add to " + byReports + " but CumQty is " +
                    last.cumQty());
            }
            final long parentSequence = Long.parseLong(last.orderId().substring("SLP-".length()));
            final long atVenues = venueFilled.getOrDefault(parentSequence, 0L);
            if (atVenues != last.cumQty())
            {
                anomalies.add(drill + ": " + entry.getKey() + " CumQty " + last.cumQty() + " but the venues filled " +
                    atVenues);
            }
            if (last.ordStatus() == OrdStatus.FILLED && last.cumQty() != last.orderQty())
            {
                anomalies.add(drill + ": " + entry.getKey() + " FILLED at " + last.cumQty() + " of " + last.orderQty());
            }
        }
    }

    public int drills()
    {
        return drills;
    }

    public int faults()
    {
        return faults;
    }

    public long ordersChecked()
    {
        return ordersChecked;
    }

    public long fillsChecked()
    {
        return fillsChecked;
    }

    public long reportsChecked()
    {
        return reportsChecked;
    }

    /** Venue events reconciliation injected across all drills. */
    public long injected()
    {
        return injected;
    }

    /** Status queries that got no answer and were asked again. */
    public long unresolvedQueries()
    {
        return unresolvedQueries;
    }

    /** Children found still open at their venues right after a RESTING_CANCEL_LOST recovery. */
    public long restingAfterRecovery()
    {
        return restingAfterRecovery;
    }

    public List<String> anomalies()
    {
        return List.copyOf(anomalies);
    }

    /** One line with every count, for logs and the CLI. */
    public String summary()
    {
        return "drills run " + drills + ", faults injected " + faults + ", child orders checked " + ordersChecked +
            ", fills checked " + fillsChecked + ", OMS reports checked " + reportsChecked +
            ", venue events injected by reconciliation " + injected + ", status queries unanswered and retried " +
            unresolvedQueries + ", anomalies " + anomalies.size();
    }
}
