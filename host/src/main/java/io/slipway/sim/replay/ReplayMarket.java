package io.slipway.sim.replay;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.sim.EventScheduler;
import io.slipway.sim.MarketWorld;
import io.slipway.sim.market.DelayedMarketDataSink;
import io.slipway.venue.MarketDataSink;
import io.slipway.venue.Venue;
import io.slipway.venue.VenueListener;
import io.slipway.venue.VenueRules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The recorded Binance books as three venues: RSPOT (spot, id 1), RUSDM (USD-M perpetual, id 2)
 * and RCOINM (COIN-M perpetual, id 3), each an {@link ReplayExchange}. The replay window is where
 * all chosen recordings have a book: from the latest snapshot to the earliest last event. It
 * starts at {@link #startTimeNs()}, the real exchange time of the window start, so a scheduler
 * started there runs on the recorded clock.
 *
 * <p>Venue rules: tick and lot from each recording's snapshot (see {@link RecordedFeed#tickSize()}
 * and {@link RecordedFeed#lotSize()}), fees and minimum notional as on the simulated venues
 * calibrated on the same markets.
 */
public final class ReplayMarket implements MarketWorld
{
    public static final String DISCLAIMER =
        "Replay of recorded books: our orders cannot move the market; impact is not modelled";

    /** Venue id, name, file pattern (base asset, date), USD per contract (0 linear) per base, fees. */
    enum VenueSpec
    {
        RSPOT(1, "RSPOT", "spot_%susdt_%s.gz", 0, 0, 0.0008, 0.0010, 5.0),
        RUSDM(2, "RUSDM", "usdm_%susdt_%s.gz", 0, 0, 0.0002, 0.0005, 5.0),
        RCOINM(3, "RCOINM", "cm_%susd_perp_%s.gz", 100, 10, 0.0002, 0.0005, 0.0);

        final int id;
        final String venueName;
        final String filePattern;
        final long btcContractUsd;
        final long otherContractUsd;
        final double makerFee;
        final double takerFee;
        final double minNotional;

        VenueSpec(final int id, final String venueName, final String filePattern, final long btcContractUsd,
            final long otherContractUsd, final double makerFee, final double takerFee, final double minNotional)
        {
            this.id = id;
            this.venueName = venueName;
            this.filePattern = filePattern;
            this.btcContractUsd = btcContractUsd;
            this.otherContractUsd = otherContractUsd;
            this.makerFee = makerFee;
            this.takerFee = takerFee;
            this.minNotional = minNotional;
        }

        String file(final Instrument instrument, final String date)
        {
            return String.format(filePattern, baseAsset(instrument), date);
        }

        long contractUsd(final Instrument instrument)
        {
            return "btc".equals(baseAsset(instrument)) ? btcContractUsd : otherContractUsd;
        }
    }

    private final Context ctx;
    private final List<ReplayExchange> exchanges = new ArrayList<>();
    private final List<RecordedFeed> feeds = new ArrayList<>();
    private final List<Venue> venues;
    private final long startTimeNs;
    private final long endTimeNs;
    private EventScheduler scheduler;

    public ReplayMarket(final Context context)
    {
        this.ctx = context.conclude();
        long start = Long.MIN_VALUE;
        long end = Long.MAX_VALUE;
        for (final String venueName : ctx.venues)
        {
            final VenueSpec spec = VenueSpec.valueOf(venueName);
            final ReplayExchange exchange = new ReplayExchange(spec.id, spec.venueName, ctx.orderLatencyNs,
                ctx.reportLatencyNs);
            for (final Instrument instrument : ctx.instruments)
            {
                final Path file = ctx.dataDirectory.resolve(spec.file(instrument, ctx.recordingDate));
                final RecordedFeed feed = new RecordedFeed(file, instrument, spec.contractUsd(instrument));
                start = Math.max(start, feed.snapshotTimeNs());
                end = Math.min(end, RecordedFeed.lastEventTimeNs(file));
                exchange.list(feed, new VenueRules(feed.tickSize(), feed.lotSize(), feed.lotSize(), spec.minNotional,
                    spec.makerFee, spec.takerFee));
                feeds.add(feed);
            }
            exchanges.add(exchange);
        }
        if (end <= start)
        {
            throw new IllegalStateException("the recordings do not overlap");
        }
        this.startTimeNs = start;
        this.endTimeNs = end;
        this.venues = Collections.unmodifiableList(new ArrayList<Venue>(exchanges));
    }

    private static String baseAsset(final Instrument instrument)
    {
        return instrument.symbol().substring(0, instrument.symbol().indexOf('-')).toLowerCase(Locale.ROOT);
    }

    /**
     * Starts the replay of the window at the scheduler's time now (recorded time
     * {@link #startTimeNs()} maps to it); every venue publishes its book as of then.
     */
    @Override
    public void start(final EventScheduler scheduler, final MarketDataSink marketDataSink,
        final VenueListener venueListener)
    {
        if (this.scheduler != null)
        {
            throw new IllegalStateException("already started");
        }
        this.scheduler = scheduler;
        for (final ReplayExchange exchange : exchanges)
        {
            // Market data reaches the host one report latency after the venue published it.
            final MarketDataSink feed = ctx.delayMarketData ?
                new DelayedMarketDataSink(scheduler, marketDataSink, exchange.reportLatencyNs()) : marketDataSink;
            exchange.start(scheduler, feed, venueListener, startTimeNs, endTimeNs);
        }
    }

    @Override
    public List<Venue> venues()
    {
        return venues;
    }

    public List<ReplayExchange> exchanges()
    {
        return Collections.unmodifiableList(exchanges);
    }

    /** Exchange time at which all recordings have a book. */
    @Override
    public long startTimeNs()
    {
        return startTimeNs;
    }

    /** Exchange time after which some recording has no more events. */
    public long endTimeNs()
    {
        return endTimeNs;
    }

    @Override
    public String disclaimer()
    {
        return DISCLAIMER;
    }

    public List<Instrument> instruments()
    {
        return ctx.instruments;
    }

    public Context context()
    {
        return ctx;
    }

    /** Closes the recordings. */
    public void close()
    {
        for (final RecordedFeed feed : feeds)
        {
            feed.close();
        }
    }

    /** Settings of a replayed market, with validated defaults. */
    public static final class Context
    {
        /** System property naming the shared folder whose {@code data/binance} holds the recordings. */
        public static final String SHARED_DIR_PROPERTY = "slipway.shared.dir";

        private Path dataDirectory;
        private List<Instrument> instruments = List.of(Instruments.BTC_USD);
        private List<String> venues = List.of(VenueSpec.RSPOT.name(), VenueSpec.RUSDM.name(), VenueSpec.RCOINM.name());
        private String recordingDate = "20240808";
        private long orderLatencyNs = 2_000_000L;
        private long reportLatencyNs = 2_000_000L;
        private boolean delayMarketData = true;

        /** Folder of the recordings; by default {@code ${slipway.shared.dir}/data/binance}. */
        public Context dataDirectory(final Path dataDirectory)
        {
            this.dataDirectory = dataDirectory;
            return this;
        }

        public Path dataDirectory()
        {
            return dataDirectory;
        }

        public Context instruments(final List<Instrument> instruments)
        {
            this.instruments = List.copyOf(instruments);
            return this;
        }

        public List<Instrument> instruments()
        {
            return instruments;
        }

        /** Venues to replay, by name: RSPOT, RUSDM, RCOINM. */
        public Context venues(final String... venues)
        {
            this.venues = List.of(venues);
            return this;
        }

        public List<String> venues()
        {
            return venues;
        }

        /** Recording day in the file names, {@code yyyyMMdd}. */
        public Context recordingDate(final String recordingDate)
        {
            this.recordingDate = recordingDate;
            return this;
        }

        public String recordingDate()
        {
            return recordingDate;
        }

        public Context orderLatencyNs(final long orderLatencyNs)
        {
            this.orderLatencyNs = orderLatencyNs;
            return this;
        }

        public long orderLatencyNs()
        {
            return orderLatencyNs;
        }

        public Context reportLatencyNs(final long reportLatencyNs)
        {
            this.reportLatencyNs = reportLatencyNs;
            return this;
        }

        public long reportLatencyNs()
        {
            return reportLatencyNs;
        }

        /** Whether market data reaches the host one report latency late (default) or at once. */
        public Context delayMarketData(final boolean delayMarketData)
        {
            this.delayMarketData = delayMarketData;
            return this;
        }

        public boolean delayMarketData()
        {
            return delayMarketData;
        }

        /** The default data directory, or null when the shared folder property is not set. */
        public static Path defaultDataDirectory()
        {
            final String shared = System.getProperty(SHARED_DIR_PROPERTY);
            return shared == null || shared.isEmpty() ? null : Paths.get(shared, "data", "binance");
        }

        public Context conclude()
        {
            if (dataDirectory == null)
            {
                dataDirectory = defaultDataDirectory();
            }
            if (dataDirectory == null)
            {
                throw new IllegalArgumentException("no data directory and no " + SHARED_DIR_PROPERTY + " property");
            }
            if (!Files.isDirectory(dataDirectory))
            {
                throw new IllegalArgumentException("not a directory: " + dataDirectory);
            }
            if (instruments.isEmpty() || venues.isEmpty())
            {
                throw new IllegalArgumentException("at least one instrument and one venue are required");
            }
            for (final String venue : venues)
            {
                VenueSpec.valueOf(venue);
            }
            if (!recordingDate.matches("\\d{8}"))
            {
                throw new IllegalArgumentException("recording date must be yyyyMMdd: " + recordingDate);
            }
            if (orderLatencyNs < 0 || reportLatencyNs < 0)
            {
                throw new IllegalArgumentException("latencies must be non-negative");
            }
            return this;
        }
    }
}
