package io.slipway.bench;

import io.slipway.app.SimulatedAppliance;
import io.slipway.card.NicLayout;
import io.slipway.core.Strategy;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.oms.NewParentOrder;
import io.slipway.oms.ParentOrderReport;
import io.slipway.tca.ExecutionRecord;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Wall time and throughput of the simulated appliance's event loop on one thread: a BTC world
 * on three venues re-quoting and publishing books every 100 ms, the reference card decoding
 * every SBE message into market-data records for the core, and the core working a TWAP parent
 * over the whole run.
 *
 * <p>A market event is one market-data record the card hands to the core (a book level change,
 * a best bid/ask or a trade, decoded from the venues' SBE), read from the card's own counter.
 * A scheduler event is anything the discrete-event loop fires (re-quotes, taker arrivals,
 * delayed market-data deliveries, order and report hops, core timers). The histogram is the
 * wall time taken by each simulated second. Thread CPU time is reported next to wall time: on a
 * shared machine the difference is time the loop waited for a core.
 *
 * <p>Usage: {@code ApplianceThroughput [hours=4] [runs=3] [seed=1]}; the first run warms the JIT.
 * Each run is a new appliance; the minute of world warm-up before the parent arrives is not timed.
 */
public final class ApplianceThroughput
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private ApplianceThroughput()
    {
    }

    public static void main(final String[] args)
    {
        final double hours = args.length > 0 ? Double.parseDouble(args[0]) : 4.0;
        final int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        System.out.printf(Locale.ROOT, "BTC, 3 venues, 100 ms book updates, reference card, TWAP sell 200 BTC " +
            "over %.1f h; %d runs%n", hours, runs);
        for (int r = 0; r < runs; r++)
        {
            run(hours, seed);
        }
    }

    static void run(final double hours, final long seed)
    {
        final ExecutionRecord[] done = new ExecutionRecord[1];
        final ParentOrderReport[] last = new ParentOrderReport[1];
        final SimulatedAppliance appliance = new SimulatedAppliance(new SimulatedAppliance.Context()
            .seed(seed).instruments(List.of(BTC)), report -> last[0] = report, record -> done[0] = record);
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Histogram wallPerSimSecond = new Histogram(3_600_000_000L, 3);
        // The default minute of warm-up fills the books before the parent arrives; it is not timed.
        final long start = appliance.warmUp();
        final long end = start + (long)(hours * 3_600e9);
        final long recordsBefore = mdRecords(appliance);
        final long wallStart = System.nanoTime();
        final long cpuStart = threads.getCurrentThreadCpuTime();
        appliance.submit(new NewParentOrder("bench-1", BTC.symbol(), '2', "200", Strategy.TWAP.fixCode(),
            NewParentOrder.NO_TIME, end - TimeUnit.MINUTES.toNanos(1), null));
        long events = 0;
        long nextSecond = start + SECOND;
        long secondWall = System.nanoTime();
        while (appliance.nowNs() < end && appliance.step())
        {
            events++;
            if (appliance.nowNs() >= nextSecond)
            {
                final long now = System.nanoTime();
                wallPerSimSecond.recordValue(Math.max(1, (now - secondWall) / 1_000));
                secondWall = now;
                nextSecond += SECOND;
            }
        }
        final double wall = (System.nanoTime() - wallStart) * 1e-9;
        final double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) * 1e-9;
        final long records = mdRecords(appliance) - recordsBefore;
        System.out.printf(Locale.ROOT,
            "%.1f h simulated in %.2f s wall, %.2f s CPU: %,d market events (%,.0f/s wall, %,.0f/s CPU), " +
            "%,d scheduler events (%,.0f/s wall); wall per simulated second p50 %d us, p99 %d us, max %d us; " +
            "ingress drops %d; parent %s %s%n",
            hours, wall, cpu, records, records / wall, records / cpu, events, events / wall,
            wallPerSimSecond.getValueAtPercentile(50), wallPerSimSecond.getValueAtPercentile(99),
            wallPerSimSecond.getMaxValue(), appliance.ingressDrops(),
            done[0] == null ? "working" : done[0].finalStatus(),
            last[0] == null ? "" : last[0].ordStatus() + " cum " + BTC.formatQty(last[0].cumQty()) +
            (last[0].text() == null ? "" : " " + last[0].text()));
    }

    private static long mdRecords(final SimulatedAppliance appliance)
    {
        return appliance.card().readRegister(NicLayout.COUNTERS_BASE + NicLayout.CNT_MD_RECORDS) & 0xFFFF_FFFFL;
    }
}
