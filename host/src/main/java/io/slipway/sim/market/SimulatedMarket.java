package io.slipway.sim.market;


import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.domain.Side;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.MarketWorld;
import io.slipway.sim.SimEvent;
import io.slipway.sim.SplittableRandomSource;
import io.slipway.sim.scenario.AmmSpec;
import io.slipway.sim.scenario.DealerSpec;
import io.slipway.tca.OwnImpactSource;
import io.slipway.venue.MarketDataSink;
import io.slipway.venue.QuoteListener;
import io.slipway.venue.Venue;
import io.slipway.venue.VenueListener;
import io.slipway.venue.VenueRules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The simulated market: up to three exchanges (SIMA calibrated from Binance spot, SIMB from
 * USD-M, SIMC from COIN-M), one latent price per instrument that all of them quote around (so
 * cross-venue arbitrage is implicit unless venues are given dislocations), exogenous liquidity
 * and taker flow per venue and instrument, and the host's own-trade impact on the latent price.
 *
 * <p>Optional parts of the world, from the {@link Context}: volatility regimes and jumps in the
 * latent price ({@link VolatilityRegimes}, {@link PriceJumps}); a per-venue dislocation from it
 * that arbitrage pulls back ({@link VenueDislocation}); a depth multiplier on every liquidity
 * provider; and scripted events ({@link MarketEvents}) scheduled at start + atSeconds.
 *
 * <p>Everything random comes from named {@link SplittableRandomSource} streams, and everything
 * happens on the {@link EventScheduler}, so the same {@link Context} (seed included) gives the
 * same event sequence, bit for bit.
 */
public final class SimulatedMarket implements MarketWorld
{
    /** 2024-08-09T00:00:00Z, right after the recordings the world is calibrated on. */
    public static final long DEFAULT_START_NS = 1_723_161_600_000_000_000L;

    /** Venue id, name, calibrated market family and fees (field notes, section 2; venue fee pages). */
    enum VenueSpec
    {
        SIMA(1, "SIMA", "spot_%susdt", 0.0008, 0.0010, 5.0),
        SIMB(2, "SIMB", "usdm_%susdt", 0.0002, 0.0005, 5.0),
        SIMC(3, "SIMC", "cm_%susd_perp", 0.0002, 0.0005, 0.0);

        final int id;
        final String venueName;
        final String marketPattern;
        final double makerFee;
        final double takerFee;
        final double minNotional;

        VenueSpec(final int id, final String venueName, final String marketPattern, final double makerFee,
            final double takerFee, final double minNotional)
        {
            this.id = id;
            this.venueName = venueName;
            this.marketPattern = marketPattern;
            this.makerFee = makerFee;
            this.takerFee = takerFee;
            this.minNotional = minNotional;
        }

        String market(final Instrument instrument)
        {
            return String.format(marketPattern, baseAsset(instrument));
        }
    }

    private final Context ctx;
    private final List<SimulatedExchange> exchanges = new ArrayList<>();
    private final List<Venue> venues;
    private final List<Instrument> instruments;
    private final LatentPrice[] latent = new LatentPrice[16];
    private final List<ExogenousFlow> flows = new ArrayList<>();
    private final List<SimulatedDealer> dealers = new ArrayList<>();
    private final List<AmmPool> pools = new ArrayList<>();
    private final List<AmmArbitrageur> arbitrageurs = new ArrayList<>();
    private final LitMid litMid;
    private final List<SimulatedExchange> flowVenues = new ArrayList<>();
    private final List<VenueDislocation> dislocations = new ArrayList<>();
    private final PriceMoves[] priceMoves = new PriceMoves[16];
    private final MarketEvents events;
    private final ImpactModel impact;
    private final OwnImpactSource ownImpact =
        (instrumentId, parentSequence) -> impactModel().ownImpactCost(instrumentId, parentSequence) * 1e4;
    private final QuoteTick quoteTick = new QuoteTick();
    private MarketTradeListener tradeListener = MarketTradeListener.NONE;
    private EventScheduler scheduler;

    public SimulatedMarket(final Context context)
    {
        this.ctx = context.conclude();
        this.instruments = List.copyOf(ctx.instruments);
        final SplittableRandomSource randomness = new SplittableRandomSource(ctx.seed);
        final double[] coefficients = new double[16];
        for (final Instrument instrument : instruments)
        {
            final MarketProfile reference = ctx.calibration.market(VenueSpec.SIMA.market(instrument));
            final String name = "latent/" + instrument.symbol();
            // Mirroring touches only these two streams' Gaussian draws; regimes, every other
            // participant's stream and the scripted events are the unmirrored world's.
            latent[instrument.id()] = new LatentPrice(reference.lastMid(), ctx.annualVolatility, ctx.startTimeNs,
                randomness.stream(name),
                ctx.regimes == null ? null :
                    new VolatilityRegimes(ctx.regimes, ctx.startTimeNs, randomness.stream(name + "/regimes")),
                ctx.jumps == null ? null :
                    new PriceJumps(ctx.jumps, ctx.startTimeNs, randomness.stream(name + "/jumps"),
                        ctx.mirrorLatentInnovations),
                ctx.mirrorLatentInnovations);
            priceMoves[instrument.id()] = new PriceMoves();
            coefficients[instrument.id()] = ImpactModel.coefficient(ctx.impactY,
                ctx.annualVolatility * Math.sqrt(86_400.0 / LatentPrice.SECONDS_PER_YEAR),
                dailyVolumeBase(instrument));
        }
        impact = new ImpactModel(coefficients, ctx.propagatorTau0Seconds, ctx.propagatorExponentials, 86_400.0,
            ctx.impactRateTimeConstantSeconds, ctx.startTimeNs);

        for (final String venueName : ctx.venues)
        {
            final VenueSpec spec = VenueSpec.valueOf(venueName);
            final long latencyNs = ctx.latencyNs(spec.venueName, randomness);
            final SimulatedExchange exchange = new SimulatedExchange(spec.id, spec.venueName, latencyNs, latencyNs);
            final int[] rateLimit = ctx.rateLimit(spec.venueName);
            exchange.rateLimit(rateLimit[0], rateLimit[1]);
            for (final Instrument instrument : instruments)
            {
                exchange.list(instrument, rules(spec, instrument, ctx.calibration.market(spec.market(instrument))));
            }
            for (final Instrument instrument : instruments)
            {
                final int flowIndex = flows.size();
                final ExogenousFlow flow = new ExogenousFlow(exchange, instrument,
                    ctx.calibration.market(spec.market(instrument)), randomness, () -> venueMid(flowIndex),
                    ctx.resilienceSeconds, ctx.refreshProbability, ctx.takerRateMultiplier, ctx.takerLimitBps);
                flow.liquidity().scaleDepth(ctx.depthMultiplier);
                flows.add(flow);
                flowVenues.add(exchange);
                dislocations.add(ctx.arbitrage == null ? null : new VenueDislocation(ctx.arbitrage, ctx.startTimeNs,
                    randomness.stream("arbitrage/" + spec.venueName + "/" + instrument.symbol())));
            }
            exchanges.add(exchange);
        }
        this.litMid = new LitMid(exchanges, this::latentMid);
        addOffBookVenues(randomness);
        final List<Venue> all = new ArrayList<>(exchanges);
        all.addAll(dealers);
        all.addAll(pools);
        this.venues = Collections.unmodifiableList(all);
        this.events = new MarketEvents(this, ctx.events, randomness);
    }

    /**
     * Dealers take venue ids after the exchanges (which keep 1..3 whichever run), then the pools;
     * {@link Context#conclude()} has checked they fit the card's ids. Latencies are drawn from
     * the context's range on stream {@code latency/<name>}; last look on {@code dealer/<name>/lastlook}.
     * A pool is seeded at the latent mid, which is where the lit liquidity starts quoting.
     */
    private void addOffBookVenues(final SplittableRandomSource randomness)
    {
        int venueId = VenueSpec.values().length + 1;
        for (int i = 0; i < ctx.dealers.size(); i++)
        {
            final DealerSpec spec = ctx.dealers.get(i);
            dealers.add(new SimulatedDealer(venueId++, spec, i, ctx.offBookLatencyNs(spec.name(), randomness),
                instruments, exchanges, litMid, impact, randomness.stream("dealer/" + spec.name() + "/lastlook")));
        }
        for (final AmmSpec spec : ctx.amms)
        {
            final Instrument instrument = Instruments.bySymbol(spec.instrument());
            final VenueRules lit = exchanges.get(0).rules(instrument);
            final VenueRules poolRules = new VenueRules(lit.tickSize(), lit.lotSize(), lit.minQuantity(),
                lit.minNotional(), 0.0, spec.feeRate());
            pools.add(new AmmPool(venueId++, spec, instrument, poolRules, ctx.offBookLatencyNs(spec.name(), randomness),
                latentMid(instrument)));
            arbitrageurs.add(new AmmArbitrageur(litMid));
        }
    }

    private static String baseAsset(final Instrument instrument)
    {
        return instrument.symbol().substring(0, instrument.symbol().indexOf('-')).toLowerCase(Locale.ROOT);
    }

    /** Daily volume in base units across the three calibrated markets (for the square-root law). */
    private double dailyVolumeBase(final Instrument instrument)
    {
        if (ctx.dailyVolumeUsd > 0)
        {
            return ctx.dailyVolumeUsd / ctx.calibration.market(VenueSpec.SIMA.market(instrument)).lastMid();
        }
        double base = 0;
        for (final VenueSpec spec : VenueSpec.values())
        {
            final MarketProfile p = ctx.calibration.market(spec.market(instrument));
            base += p.notionalUsdPerHour() * 24 / p.lastMid();
        }
        return base;
    }

    /**
     * Venue rules from the calibrated market, in the instrument's scale. COIN-M lots are one
     * contract (a varying amount of base); the simulated venue uses the largest power of ten of
     * base units not above one contract at the calibration mid.
     */
    static VenueRules rules(final VenueSpec spec, final Instrument instrument, final MarketProfile profile)
    {
        final long tick = Math.max(1, instrument.priceFromDouble(profile.tickSize()));
        long lot = Math.max(1, instrument.qtyFromDouble(profile.lotSize()));
        if (profile.contractUsd() > 0)
        {
            long power = 1;
            while (power * 10 <= lot)
            {
                power *= 10;
            }
            lot = power;
        }
        return new VenueRules(tick, lot, lot, spec.minNotional, spec.makerFee, spec.takerFee);
    }

    @Override
    public long startTimeNs()
    {
        return ctx.startTimeNs;
    }

    /** The simulated world reacts to the host's trades (impact model): nothing to disclaim. */
    @Override
    public String disclaimer()
    {
        return "";
    }

    /** Schedules the world from the context's start time; call once. */
    public void start(final EventScheduler scheduler, final MarketDataSink marketDataSink,
        final VenueListener venueListener)
    {
        if (this.scheduler != null)
        {
            throw new IllegalStateException("already started");
        }
        if (scheduler.nowNs() > ctx.startTimeNs)
        {
            throw new IllegalArgumentException("scheduler clock is past the start time");
        }
        this.scheduler = scheduler;
        for (final SimulatedExchange exchange : exchanges)
        {
            // Market data reaches the host one venue latency after publication, like reports.
            final MarketDataSink feed = ctx.delayMarketData ?
                new DelayedMarketDataSink(scheduler, marketDataSink, exchange.reportLatencyNs()) : marketDataSink;
            exchange.start(scheduler, feed, venueListener, this::onMarketTrade, impact);
        }
        for (final SimulatedDealer dealer : dealers)
        {
            dealer.start(scheduler, venueListener, marketDataSink);
        }
        for (int i = 0; i < pools.size(); i++)
        {
            final AmmPool pool = pools.get(i);
            final MarketDataSink feed = ctx.delayMarketData ?
                new DelayedMarketDataSink(scheduler, marketDataSink, pool.latencyNs()) : marketDataSink;
            pool.start(scheduler, feed, venueListener, arbitrageurs.get(i), ctx.startTimeNs);
        }
        scheduler.schedule(ctx.startTimeNs, quoteTick);
        scheduler.schedule(ctx.startTimeNs, now ->
        {
            for (final ExogenousFlow flow : flows)
            {
                flow.start(scheduler);
            }
        });
        events.schedule(scheduler, ctx.startTimeNs);
    }

    private void onMarketTrade(final int venue, final Instrument instrument, final long price, final long quantity,
        final Side aggressorSide, final long timeNs)
    {
        tradeListener.onMarketTrade(venue, instrument, price, quantity, aggressorSide, timeNs);
    }

    /** Receives every match on every venue (the market tape), e.g. for interval VWAP. */
    public void marketTradeListener(final MarketTradeListener listener)
    {
        this.tradeListener = listener == null ? MarketTradeListener.NONE : listener;
    }

    /** Receives dealers' answers to requests for quote. */
    public void quoteListener(final QuoteListener listener)
    {
        for (final SimulatedDealer dealer : dealers)
        {
            dealer.quoteListener(listener);
        }
    }

    /** Exchanges, then dealers, then AMM pools. */
    public List<Venue> venues()
    {
        return venues;
    }

    public List<SimulatedDealer> dealers()
    {
        return Collections.unmodifiableList(dealers);
    }

    public List<AmmPool> ammPools()
    {
        return Collections.unmodifiableList(pools);
    }

    /** The arbitrageur of each pool, in {@link #ammPools()} order. */
    public List<AmmArbitrageur> ammArbitrageurs()
    {
        return Collections.unmodifiableList(arbitrageurs);
    }

    /** Composite lit mid in quote currency now (what dealers and arbitrageurs price from). */
    public double litMid(final Instrument instrument)
    {
        return litMid.mid(instrument);
    }

    public List<SimulatedExchange> exchanges()
    {
        return Collections.unmodifiableList(exchanges);
    }

    public List<Instrument> instruments()
    {
        return instruments;
    }

    public ImpactModel impactModel()
    {
        return impact;
    }

    /**
     * What this world says of each parent's own impact ({@link ImpactModel#ownImpactCost}, in bps):
     * the truth of the simulation, for the feedback loop only. Call on the thread that drives the world.
     */
    public OwnImpactSource ownImpact()
    {
        return ownImpact;
    }

    public Context context()
    {
        return ctx;
    }

    /** Latent mid in quote currency now, own-trade impact included. */
    public double latentMid(final Instrument instrument)
    {
        return latentMid(instrument.id());
    }

    private double latentMid(final int instrumentId)
    {
        final LatentPrice price = latent[instrumentId];
        if (price == null)
        {
            throw new IllegalArgumentException("instrument not simulated: " + instrumentId);
        }
        final long now = scheduler == null ? ctx.startTimeNs : scheduler.nowNs();
        return price.fundamental() * (1 + impact.impact(instrumentId, now)) * priceMoves[instrumentId].factor(now);
    }

    /** The price a venue's liquidity quotes around: the latent mid times 1 + the venue's dislocation. */
    public double venueMid(final int venueId, final Instrument instrument)
    {
        for (int i = 0; i < flows.size(); i++)
        {
            if (flowVenues.get(i).id() == venueId && flows.get(i).instrumentId() == instrument.id())
            {
                return venueMid(i);
            }
        }
        throw new IllegalArgumentException("no venue " + venueId + " with " + instrument);
    }

    double venueMid(final int flowIndex)
    {
        final double mid = latentMid(flows.get(flowIndex).instrumentId());
        final VenueDislocation dislocation = dislocations.get(flowIndex);
        return dislocation == null ? mid : mid * (1 + dislocation.value());
    }

    /** The scripted events of this world, with what each did so far. */
    public MarketEvents events()
    {
        return events;
    }

    List<ExogenousFlow> flows()
    {
        return flows;
    }

    SimulatedExchange flowVenue(final int flowIndex)
    {
        return flowVenues.get(flowIndex);
    }

    PriceMoves priceMoves(final int instrumentId)
    {
        return priceMoves[instrumentId];
    }

    long quoteIntervalNs()
    {
        return ctx.quoteIntervalNs;
    }

    /** The latent price process of an instrument (regimes and jumps included). */
    public LatentPrice latentPrice(final Instrument instrument)
    {
        return latent[instrument.id()];
    }

    /** Latent mid without the host's impact. */
    public double fundamentalMid(final Instrument instrument)
    {
        return latent[instrument.id()].fundamental();
    }

    /** Every quote interval: move latent prices, let liquidity re-quote, publish market data. */
    private final class QuoteTick implements SimEvent
    {
        @Override
        public void fire(final long nowNs)
        {
            for (int i = 0; i < instruments.size(); i++)
            {
                latent[instruments.get(i).id()].advanceTo(nowNs);
            }
            for (int i = 0; i < flows.size(); i++)
            {
                final VenueDislocation dislocation = dislocations.get(i);
                if (dislocation != null)
                {
                    dislocation.advanceTo(nowNs);
                }
                flows.get(i).quote(venueMid(i), nowNs);
            }
            for (int i = 0; i < exchanges.size(); i++)
            {
                exchanges.get(i).publishMarketData(nowNs);
            }
            scheduler.schedule(nowNs + ctx.quoteIntervalNs, this);
        }
    }

    /** Configuration of a simulated market; setters return this, {@link #conclude()} validates. */
    public static final class Context
    {
        private long seed = 1;
        private long startTimeNs = DEFAULT_START_NS;
        private List<Instrument> instruments = List.of(Instruments.BTC_USD, Instruments.ETH_USD);
        private List<String> venues = List.of("SIMA", "SIMB", "SIMC");
        private double annualVolatility = 0.5;
        private Calibration calibration;
        private long quoteIntervalNs = 100_000_000L;
        private double resilienceSeconds = 3.0;
        private double refreshProbability = 0.1;
        private double takerRateMultiplier = 1.0;
        private double takerLimitBps = 10.0;
        private double impactY = 1.0;
        private double dailyVolumeUsd = 0;
        private double propagatorTau0Seconds = 1.0;
        private int propagatorExponentials = 5;
        private double impactRateTimeConstantSeconds = 15.0;
        private long minLatencyNs = 1_000_000L;
        private long maxLatencyNs = 3_000_000L;
        private long[] fixedLatencyNs;
        private boolean delayMarketData = true;
        private int rateLimitPerSecond = SimulatedExchange.DEFAULT_RATE_LIMIT_PER_SECOND;
        private int rateLimitBurst = SimulatedExchange.DEFAULT_RATE_LIMIT_BURST;
        private final java.util.Map<String, int[]> venueRateLimits = new java.util.TreeMap<>();
        private io.slipway.sim.scenario.RegimeSpec regimes;
        private io.slipway.sim.scenario.JumpSpec jumps;
        private boolean mirrorLatentInnovations;
        private io.slipway.sim.scenario.ArbitrageSpec arbitrage;
        private double depthMultiplier = 1.0;
        private List<io.slipway.sim.scenario.DealerSpec> dealers = List.of();
        private List<io.slipway.sim.scenario.AmmSpec> amms = List.of();
        private List<io.slipway.sim.scenario.EventSpec> events = List.of();

        /**
         * Volatility regimes; null keeps a constant {@link #annualVolatility(double)}. The impact
         * model's daily sigma stays the one of annualVolatility either way.
         */
        public Context regimes(final io.slipway.sim.scenario.RegimeSpec regimes)
        {
            this.regimes = regimes;
            return this;
        }

        public io.slipway.sim.scenario.RegimeSpec regimes()
        {
            return regimes;
        }

        /**
         * The antithetic world of this seed: every latent price's Gaussian innovations (diffusion and
         * jump sizes) negated, everything else drawn as in the unmirrored world (default off).
         */
        public Context mirrorLatentInnovations(final boolean mirror)
        {
            this.mirrorLatentInnovations = mirror;
            return this;
        }

        public boolean mirrorLatentInnovations()
        {
            return mirrorLatentInnovations;
        }

        /** Price jumps; null for none. */
        public Context jumps(final io.slipway.sim.scenario.JumpSpec jumps)
        {
            this.jumps = jumps;
            return this;
        }

        public io.slipway.sim.scenario.JumpSpec jumps()
        {
            return jumps;
        }

        /** Per-venue price dislocation and arbitrage lag; null keeps every venue on the latent price. */
        public Context arbitrage(final io.slipway.sim.scenario.ArbitrageSpec arbitrage)
        {
            this.arbitrage = arbitrage;
            return this;
        }

        public io.slipway.sim.scenario.ArbitrageSpec arbitrage()
        {
            return arbitrage;
        }

        /** Scales every venue's calibrated depth (0.5 = half depth, a thin market). */
        public Context depthMultiplier(final double depthMultiplier)
        {
            this.depthMultiplier = depthMultiplier;
            return this;
        }

        public double depthMultiplier()
        {
            return depthMultiplier;
        }

        public Context dealers(final List<io.slipway.sim.scenario.DealerSpec> dealers)
        {
            this.dealers = List.copyOf(dealers);
            return this;
        }

        public List<io.slipway.sim.scenario.DealerSpec> dealers()
        {
            return dealers;
        }

        public Context amms(final List<io.slipway.sim.scenario.AmmSpec> amms)
        {
            this.amms = List.copyOf(amms);
            return this;
        }

        public List<io.slipway.sim.scenario.AmmSpec> amms()
        {
            return amms;
        }

        /** Scripted events, scheduled at the start time + atSeconds; venues and instruments must be this world's. */
        public Context events(final List<io.slipway.sim.scenario.EventSpec> events)
        {
            this.events = List.copyOf(events);
            return this;
        }

        public List<io.slipway.sim.scenario.EventSpec> events()
        {
            return events;
        }

        public Context seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        public Context startTimeNs(final long startTimeNs)
        {
            this.startTimeNs = startTimeNs;
            return this;
        }

        public Context instruments(final List<Instrument> instruments)
        {
            this.instruments = List.copyOf(instruments);
            return this;
        }

        /** Which of SIMA, SIMB, SIMC to run. */
        public Context venues(final List<String> venues)
        {
            this.venues = List.copyOf(venues);
            return this;
        }

        /** Volatility of the latent price per (365.25-day) year, e.g. 0.5. */
        public Context annualVolatility(final double annualVolatility)
        {
            this.annualVolatility = annualVolatility;
            return this;
        }

        public Context calibration(final Calibration calibration)
        {
            this.calibration = calibration;
            return this;
        }

        /** Liquidity re-quote and market-data publication interval. */
        public Context quoteIntervalNs(final long quoteIntervalNs)
        {
            this.quoteIntervalNs = quoteIntervalNs;
            return this;
        }

        /** Time constant in seconds at which emptied liquidity comes back. */
        public Context resilienceSeconds(final double resilienceSeconds)
        {
            this.resilienceSeconds = resilienceSeconds;
            return this;
        }

        /** Chance per interval that a resting quote is re-placed even though it is still valid. */
        public Context refreshProbability(final double refreshProbability)
        {
            this.refreshProbability = refreshProbability;
            return this;
        }

        /** Scales the calibrated taker order rate (1 = as recorded). */
        public Context takerRateMultiplier(final double takerRateMultiplier)
        {
            this.takerRateMultiplier = takerRateMultiplier;
            return this;
        }

        /** How far through the latent mid exogenous takers are willing to trade, in bps. */
        public Context takerLimitBps(final double takerLimitBps)
        {
            this.takerLimitBps = takerLimitBps;
            return this;
        }

        /** Y of the square-root law (order 1). */
        public Context impactY(final double impactY)
        {
            this.impactY = impactY;
            return this;
        }

        /** Daily traded USD for the square-root law; 0 = the calibrated three markets' volume. */
        public Context dailyVolumeUsd(final double dailyVolumeUsd)
        {
            this.dailyVolumeUsd = dailyVolumeUsd;
            return this;
        }

        public Context propagator(final double tau0Seconds, final int exponentials)
        {
            this.propagatorTau0Seconds = tau0Seconds;
            this.propagatorExponentials = exponentials;
            return this;
        }

        /** Seconds over which the host's flow rate is averaged for the impact model. */
        public Context impactRateTimeConstantSeconds(final double seconds)
        {
            this.impactRateTimeConstantSeconds = seconds;
            return this;
        }

        /** One-way latency of each venue drawn once, uniformly, from [min, max) with the seed. */
        public Context latencyRangeNs(final long minLatencyNs, final long maxLatencyNs)
        {
            this.minLatencyNs = minLatencyNs;
            this.maxLatencyNs = maxLatencyNs;
            return this;
        }

        /** Fixed one-way latency per venue id 1..3 (index 0 = SIMA); overrides the range. */
        public Context fixedLatencyNs(final long... latencyNs)
        {
            this.fixedLatencyNs = latencyNs.clone();
            return this;
        }

        /** Whether market data reaches the sink one venue latency after publication (default true). */
        public Context delayMarketData(final boolean delayMarketData)
        {
            this.delayMarketData = delayMarketData;
            return this;
        }

        /**
         * Order-entry rate limit of every exchange, per owner: messagesPerSecond sustained, burst at
         * once (default {@link SimulatedExchange#DEFAULT_RATE_LIMIT_PER_SECOND}/s, burst
         * {@link SimulatedExchange#DEFAULT_RATE_LIMIT_BURST}); a venue set by name keeps its own.
         */
        public Context rateLimit(final int messagesPerSecond, final int burst)
        {
            this.rateLimitPerSecond = messagesPerSecond;
            this.rateLimitBurst = burst;
            return this;
        }

        /** Order-entry rate limit of one exchange (SIMA, SIMB, SIMC), per owner. */
        public Context rateLimit(final String venue, final int messagesPerSecond, final int burst)
        {
            venueRateLimits.put(venue, new int[]{messagesPerSecond, burst});
            return this;
        }

        /** {messagesPerSecond, burst} of a venue. */
        int[] rateLimit(final String venue)
        {
            final int[] limit = venueRateLimits.get(venue);
            return limit != null ? limit.clone() : new int[]{rateLimitPerSecond, rateLimitBurst};
        }

        public long seed()
        {
            return seed;
        }

        public long startTimeNs()
        {
            return startTimeNs;
        }

        public double annualVolatility()
        {
            return annualVolatility;
        }

        /** The world's Y: what the pre-trade divides out when the feedback loop's fitted Y replaces it. */
        public double impactY()
        {
            return impactY;
        }

        long latencyNs(final String venueName, final SplittableRandomSource randomness)
        {
            final VenueSpec spec = VenueSpec.valueOf(venueName);
            if (fixedLatencyNs != null)
            {
                return fixedLatencyNs[spec.id - 1];
            }
            final double u = randomness.stream("latency/" + venueName).nextDouble();
            return minLatencyNs + (long)(u * (maxLatencyNs - minLatencyNs));
        }

        long offBookLatencyNs(final String name, final SplittableRandomSource randomness)
        {
            final double u = randomness.stream("latency/" + name).nextDouble();
            return minLatencyNs + (long)(u * (maxLatencyNs - minLatencyNs));
        }

        /** Dealers and pools: venue ids that fit the card, unique names, pools on simulated instruments. */
        private void concludeOffBookVenues()
        {
            final int firstId = VenueSpec.values().length + 1;
            final int lastId = firstId + dealers.size() + amms.size() - 1;
            if (lastId > 7)
            {
                throw new IllegalArgumentException("dealers, amms: " + dealers.size() + " dealers and " + amms.size() +
                    " amms need venue ids " + firstId + ".." + lastId + " but card venue ids stop at 7");
            }
            final java.util.Set<String> names = new java.util.HashSet<>();
            for (final VenueSpec spec : VenueSpec.values())
            {
                names.add(spec.venueName);
            }
            for (final DealerSpec dealer : dealers)
            {
                if (!names.add(dealer.name()))
                {
                    throw new IllegalArgumentException("dealers: venue name '" + dealer.name() + "' taken");
                }
            }
            for (final AmmSpec amm : amms)
            {
                if (!names.add(amm.name()))
                {
                    throw new IllegalArgumentException("amms: venue name '" + amm.name() + "' taken");
                }
                final Instrument instrument = Instruments.bySymbol(amm.instrument());
                if (instrument == null || !instruments.contains(instrument))
                {
                    throw new IllegalArgumentException("amms: '" + amm.name() + "' instrument '" + amm.instrument() +
                        "' is not simulated (instruments " + instruments + ")");
                }
                if (amm.feeRate() > 0.01)
                {
                    throw new IllegalArgumentException("amms: '" + amm.name() + "' feeRate " + amm.feeRate() +
                        " above 1%, more than venue rules can state");
                }
            }
        }

        public Context conclude()
        {
            if (calibration == null)
            {
                calibration = Calibration.loadDefault();
            }
            concludeOffBookVenues();
            if (!(depthMultiplier > 0.0 && depthMultiplier <= 100.0))
            {
                throw new IllegalArgumentException("depthMultiplier must be in (0, 100], was " + depthMultiplier);
            }
            if (instruments.isEmpty() || venues.isEmpty())
            {
                throw new IllegalArgumentException("instruments and venues must not be empty");
            }
            for (final String venue : venues)
            {
                try
                {
                    VenueSpec.valueOf(venue);
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException("venues: unknown venue '" + venue + "' (SIMA, SIMB, SIMC)");
                }
            }
            if (venues.stream().distinct().count() != venues.size())
            {
                throw new IllegalArgumentException("venues: listed twice in " + venues);
            }
            for (final Instrument instrument : instruments)
            {
                if (Instruments.bySymbol(instrument.symbol()) == null)
                {
                    throw new IllegalArgumentException("instruments: not tradable " + instrument);
                }
            }
            if (!(annualVolatility >= 0 && annualVolatility < 10))
            {
                throw new IllegalArgumentException("annualVolatility must be in [0, 10), was " + annualVolatility);
            }
            if (quoteIntervalNs <= 0)
            {
                throw new IllegalArgumentException("quoteIntervalNs must be positive");
            }
            if (!(resilienceSeconds > 0))
            {
                throw new IllegalArgumentException("resilienceSeconds must be positive");
            }
            if (!(refreshProbability >= 0 && refreshProbability <= 1))
            {
                throw new IllegalArgumentException("refreshProbability must be in [0, 1]");
            }
            if (!(takerRateMultiplier > 0) || !(takerLimitBps > 0))
            {
                throw new IllegalArgumentException("takerRateMultiplier and takerLimitBps must be positive");
            }
            if (!(impactY >= 0) || dailyVolumeUsd < 0)
            {
                throw new IllegalArgumentException("impactY and dailyVolumeUsd must be non-negative");
            }
            if (!(impactRateTimeConstantSeconds > 0))
            {
                throw new IllegalArgumentException("impactRateTimeConstantSeconds must be positive");
            }
            if (!(propagatorTau0Seconds > 0) || propagatorExponentials < 1 || propagatorExponentials > 8)
            {
                throw new IllegalArgumentException("propagator needs tau0 > 0 and 1..8 exponentials");
            }
            if (minLatencyNs < 0 || maxLatencyNs < minLatencyNs)
            {
                throw new IllegalArgumentException("latency range must satisfy 0 <= min <= max");
            }
            if (fixedLatencyNs != null && fixedLatencyNs.length != VenueSpec.values().length)
            {
                throw new IllegalArgumentException("fixedLatencyNs needs one value per venue SIMA, SIMB, SIMC");
            }
            if (rateLimitPerSecond <= 0 || rateLimitBurst <= 0)
            {
                throw new IllegalArgumentException("rateLimit: messagesPerSecond and burst must be positive");
            }
            for (final java.util.Map.Entry<String, int[]> limit : venueRateLimits.entrySet())
            {
                if (!venues.contains(limit.getKey()))
                {
                    throw new IllegalArgumentException("rateLimit: venue '" + limit.getKey() + "' is not simulated " +
                        venues);
                }
                if (limit.getValue()[0] <= 0 || limit.getValue()[1] <= 0)
                {
                    throw new IllegalArgumentException("rateLimit: " + limit.getKey() +
                        " messagesPerSecond and burst must be positive");
                }
            }
            MarketEvents.validate(events, venues, instruments);
            return this;
        }
    }
}
