package io.slipway.sim.market;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.scenario.ArbitrageSpec;
import io.slipway.sim.scenario.JumpSpec;
import io.slipway.sim.scenario.RegimeSpec;
import io.slipway.venue.MarketDataSink;
import io.slipway.venue.VenueListener;

import java.util.List;
import java.util.Locale;

/**
 * Runs a simulated market with no host for a number of simulated hours and reports wall time,
 * event and message counts, and what the world looked like per venue (traded notional per hour,
 * mean quoted spread, latent price path). Usage:
 * {@code MarketWorldRun [hours] [seed] [BTC|ETH|BOTH] [plain|dynamic]}; "dynamic" adds volatility
 * regimes (50%/100%, 4 h / 1 h spells), jumps (24 a day, 0 +- 30 bps) and 3 bps venue dislocations
 * with a 10 s arbitrage lag.
 */
public final class MarketWorldRun
{
    /** Figures of one run. */
    public record Result(double hours, long events, long sbeMessages, long sbeBytes, double wallSeconds,
        double[] notionalPerHourByVenue, double startMid, double endMid)
    {
    }

    private MarketWorldRun()
    {
    }

    public static void main(final String[] args)
    {
        final double hours = args.length > 0 ? Double.parseDouble(args[0]) : 4.0;
        final long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        final String which = args.length > 2 ? args[2] : "BTC";
        final List<Instrument> instruments = switch (which)
        {
            case "ETH" -> List.of(Instruments.ETH_USD);
            case "BOTH" -> List.of(Instruments.BTC_USD, Instruments.ETH_USD);
            default -> List.of(Instruments.BTC_USD);
        };
        final SimulatedMarket.Context ctx = new SimulatedMarket.Context().seed(seed).instruments(instruments);
        if (args.length > 3 && args[3].equals("dynamic"))
        {
            ctx.regimes(new RegimeSpec(0.5, 1.0, 4.0, 1.0))
                .jumps(new JumpSpec(24, 0, 30))
                .arbitrage(new ArbitrageSpec(3, 10));
        }
        final Result r = run(ctx, hours);
        System.out.printf(Locale.ROOT, "%s world, 3 venues, %.1f h simulated in %.2f s wall%n", which, r.hours(),
            r.wallSeconds());
        System.out.printf(Locale.ROOT, "events %,d; SBE messages %,d (%,d bytes)%n", r.events(), r.sbeMessages(),
            r.sbeBytes());
        final String[] names = {"SIMA", "SIMB", "SIMC"};
        for (int v = 0; v < 3; v++)
        {
            System.out.printf(Locale.ROOT, "%s traded $%,.0f per hour%n", names[v], r.notionalPerHourByVenue()[v]);
        }
        System.out.printf(Locale.ROOT, "latent mid %.2f -> %.2f%n", r.startMid(), r.endMid());
    }

    public static Result run(final SimulatedMarket.Context ctx, final double hours)
    {
        final SimulatedMarket market = new SimulatedMarket(ctx);
        final EventScheduler scheduler = new EventScheduler(ctx.startTimeNs());
        final long[] counts = new long[2];
        final MarketDataSink sink = (channel, buffer, offset, length) ->
        {
            counts[0]++;
            counts[1] += length;
        };
        final double[] notional = new double[3];
        market.marketTradeListener((venue, instrument, price, quantity, side, time) ->
            notional[venue - 1] += instrument.notional(price, quantity));
        final Instrument first = market.instruments().get(0);
        final double startMid = market.latentMid(first);
        final long start = System.nanoTime();
        market.start(scheduler, sink, new NoHost());
        final long end = ctx.startTimeNs() + (long)(hours * 3_600e9);
        long events = 0;
        while (scheduler.runNext(end))
        {
            events++;
        }
        final double wall = (System.nanoTime() - start) * 1e-9;
        for (int v = 0; v < 3; v++)
        {
            notional[v] /= hours;
        }
        return new Result(hours, events, counts[0], counts[1], wall, notional, startMid, market.latentMid(first));
    }

    private static final class NoHost implements VenueListener
    {
        @Override
        public void onAccepted(final int venue, final long clientOrderId)
        {
        }

        @Override
        public void onRejected(final int venue, final long clientOrderId, final String reason)
        {
        }

        @Override
        public void onFill(final int venue, final long clientOrderId, final long price, final long quantity,
            final double fee, final boolean maker)
        {
        }

        @Override
        public void onDone(final int venue, final long clientOrderId, final long releasedQuantity)
        {
        }
    }
}
