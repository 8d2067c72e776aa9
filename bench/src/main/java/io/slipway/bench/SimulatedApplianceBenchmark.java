package io.slipway.bench;

import io.slipway.app.SimulatedAppliance;
import io.slipway.card.NicLayout;
import io.slipway.core.Strategy;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.oms.NewParentOrder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulated appliance's event loop under JMH: each operation runs one simulated second of a
 * BTC world on three venues (100 ms book updates) through the reference card into the core,
 * which works a TWAP parent all along. The {@code marketEvents} counter is the number of
 * market-data records the card handed to the core (its {@code CNT_MD_RECORDS} counter), so JMH
 * reports it per second of wall time: the figure to hold against one million a second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SimulatedApplianceBenchmark
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final long SIMULATED_SECOND = TimeUnit.SECONDS.toNanos(1);

    private SimulatedAppliance appliance;
    private long lastRecords;

    /** Per-iteration counters JMH divides by the iteration's wall time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events
    {
        public long marketEvents;

        @Setup(Level.Iteration)
        public void clean()
        {
            marketEvents = 0;
        }
    }

    @Setup(Level.Trial)
    public void setup()
    {
        appliance = new SimulatedAppliance(new SimulatedAppliance.Context().seed(1).instruments(List.of(BTC)),
            report -> { }, record -> { });
        final long start = appliance.warmUp();
        // A day-long parent keeps the core slicing through any benchmark length.
        appliance.submit(new NewParentOrder("bench-jmh", BTC.symbol(), '2', "1000", Strategy.TWAP.fixCode(),
            NewParentOrder.NO_TIME, start + TimeUnit.DAYS.toNanos(1), null));
        lastRecords = records();
    }

    @Benchmark
    public long simulatedSecond(final Events events)
    {
        appliance.runUntil(appliance.nowNs() + SIMULATED_SECOND);
        final long records = records();
        events.marketEvents += records - lastRecords;
        lastRecords = records;
        return records;
    }

    private long records()
    {
        return appliance.card().readRegister(NicLayout.COUNTERS_BASE + NicLayout.CNT_MD_RECORDS) & 0xFFFF_FFFFL;
    }
}
