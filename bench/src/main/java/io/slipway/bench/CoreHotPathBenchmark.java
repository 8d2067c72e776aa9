package io.slipway.bench;

import io.slipway.core.BestPriceRouter;
import io.slipway.core.ChildOrderSink;
import io.slipway.core.CoreContext;
import io.slipway.core.ExecutionCore;
import io.slipway.core.RoutePlanProbe;
import io.slipway.core.TradingVenue;
import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.venue.VenueRules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The execution core's market-data path (a book level update from the card) and its routing
 * decision (walking three venues' books for one slice). Both run on every tick or slice, so
 * both must stay in the tens of nanoseconds and allocation-free.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class CoreHotPathBenchmark
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final int LEVELS = 200;

    private ExecutionCore core;
    private long[] updatePrices;
    private long[] updateQuantities;
    private boolean[] updateSides;
    private int cursor;
    private RoutePlanProbe routeProbe;

    @Setup
    public void setup()
    {
        final VenueRules rules = new VenueRules(1, 10, 10, 5.0, 0.0002, 0.0005);
        final ChildOrderSink sink = new ChildOrderSink()
        {
            public boolean sendNew(final int venueId, final long clientOrderId, final Instrument instrument,
                final Side side, final OrderType type, final long price, final long quantity)
            {
                return true;
            }

            public boolean sendCancel(final int venueId, final long clientOrderId, final Instrument instrument,
                final Side side)
            {
                return true;
            }

            public void reportFill(final long id, final Instrument instrument, final Side side, final long quantity)
            {
            }

            public void reportRelease(final long id, final Instrument instrument, final Side side, final long quantity)
            {
            }
        };
        core = new ExecutionCore(new CoreContext(), List.of(new TradingVenue(1, "SIMA").rules(BTC, rules),
            new TradingVenue(2, "SIMB").rules(BTC, rules), new TradingVenue(3, "SIMC").rules(BTC, rules)),
            sink, report -> { }, record -> { });
        final SplittableRandom random = new SplittableRandom(42);
        final long mid = BTC.priceFromDouble(60_000);
        for (int v = 1; v <= 3; v++)
        {
            for (int l = 1; l <= LEVELS; l++)
            {
                core.onBookLevel(v, BTC.id(), true, mid - l * 100, 1_000_000 + random.nextInt(5_000_000), 0);
                core.onBookLevel(v, BTC.id(), false, mid + l * 100, 1_000_000 + random.nextInt(5_000_000), 0);
            }
        }
        final int n = 1 << 16;
        updatePrices = new long[n];
        updateQuantities = new long[n];
        updateSides = new boolean[n];
        for (int i = 0; i < n; i++)
        {
            updateSides[i] = random.nextBoolean();
            final int level = 1 + (int)Math.min(LEVELS - 1, Math.abs(random.nextGaussian()) * 20);
            updatePrices[i] = updateSides[i] ? mid - level * 100 : mid + level * 100;
            // one update in eight removes the level; the next one re-adds it
            updateQuantities[i] = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(5_000_000);
        }
        routeProbe = new RoutePlanProbe(core, new BestPriceRouter());
    }

    @Benchmark
    public void bookLevelUpdate()
    {
        final int i = cursor++ & (updatePrices.length - 1);
        core.onBookLevel(1 + (i % 3), BTC.id(), updateSides[i], updatePrices[i], updateQuantities[i], i);
    }

    /** Route a 4 BTC sell slice (the 1,000 BTC / 4 h TWAP's size) across three 200-level books. */
    @Benchmark
    public long routeSlice()
    {
        return routeProbe.route(BTC, Side.SELL, BTC.qtyFromDouble(4.0));
    }
}
