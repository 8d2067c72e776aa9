package io.slipway.marketlink;

import java.util.concurrent.TimeUnit;

/**
 * Where the market process and the appliance meet: two Aeron UDP unicast streams on loopback (or a
 * LAN), one each way. The market listens for orders on {@link #ordersEndpoint}; the appliance
 * listens for market data, venue reports and order status on {@link #reportsEndpoint}.
 */
public final class MarketLinkContext
{
    public static final String DEFAULT_ORDERS_ENDPOINT = "127.0.0.1:20300";
    public static final String DEFAULT_REPORTS_ENDPOINT = "127.0.0.1:20301";
    public static final int ORDERS_STREAM_ID = 7101;
    public static final int REPORTS_STREAM_ID = 7102;
    /** Term length of both streams: a frame may be up to an eighth of it. */
    public static final int TERM_LENGTH = 1024 * 1024;
    public static final long DEFAULT_HANDSHAKE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);
    /** The market's heartbeat while a session is live. */
    public static final long HEARTBEAT_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * Silence after which a running appliance takes the market for gone: twenty heartbeats, so a
     * loaded machine's pauses do not end a healthy session (a false alarm costs one greeting and a
     * reconciliation, never an order).
     */
    public static final long DEFAULT_SILENCE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(2);
    /**
     * How long a running appliance waits for WELCOME before it greets again with a newer session (at
     * least twice the market's last settling, which each HELLO starts again).
     */
    public static final long DEFAULT_REGREET_INTERVAL_NS = TimeUnit.SECONDS.toNanos(2);

    /**
     * The wall clock in ns since the epoch, read once and carried forward by {@code System.nanoTime}:
     * fine-grained and never stepping back while the process lives.
     */
    public static java.util.function.LongSupplier epochClock()
    {
        final long epochAtStartNs = System.currentTimeMillis() * 1_000_000L;
        final long nanoAtStart = System.nanoTime();
        return () -> epochAtStartNs + (System.nanoTime() - nanoAtStart);
    }

    /** What world a market serves: both sides compute it, and the appliance refuses a market that differs. */
    public static String fingerprint(final String world, final long seed, final Iterable<io.slipway.venue.Venue> venues)
    {
        final StringBuilder b = new StringBuilder(world).append(", seed ").append(seed).append(", venues");
        for (final io.slipway.venue.Venue venue : venues)
        {
            b.append(' ').append(venue.id()).append('=').append(venue.name());
        }
        return b.toString();
    }

    private String ordersEndpoint = DEFAULT_ORDERS_ENDPOINT;
    private String reportsEndpoint = DEFAULT_REPORTS_ENDPOINT;
    private long handshakeTimeoutNs = DEFAULT_HANDSHAKE_TIMEOUT_NS;
    private long silenceTimeoutNs = DEFAULT_SILENCE_TIMEOUT_NS;
    private long regreetIntervalNs = DEFAULT_REGREET_INTERVAL_NS;

    public MarketLinkContext ordersEndpoint(final String ordersEndpoint)
    {
        this.ordersEndpoint = ordersEndpoint;
        return this;
    }

    public String ordersEndpoint()
    {
        return ordersEndpoint;
    }

    public MarketLinkContext reportsEndpoint(final String reportsEndpoint)
    {
        this.reportsEndpoint = reportsEndpoint;
        return this;
    }

    public String reportsEndpoint()
    {
        return reportsEndpoint;
    }

    /** How long the appliance waits for the market's WELCOME before it gives up starting. */
    public MarketLinkContext handshakeTimeoutNs(final long handshakeTimeoutNs)
    {
        this.handshakeTimeoutNs = handshakeTimeoutNs;
        return this;
    }

    public long handshakeTimeoutNs()
    {
        return handshakeTimeoutNs;
    }

    /** Silence of the live session after which the market is taken for gone and greeted again. */
    public MarketLinkContext silenceTimeoutNs(final long silenceTimeoutNs)
    {
        this.silenceTimeoutNs = silenceTimeoutNs;
        return this;
    }

    public long silenceTimeoutNs()
    {
        return silenceTimeoutNs;
    }

    /**
     * How long a greeting waits for WELCOME before a new HELLO; longer than the market's settling,
     * or each HELLO would restart it.
     */
    public MarketLinkContext regreetIntervalNs(final long regreetIntervalNs)
    {
        this.regreetIntervalNs = regreetIntervalNs;
        return this;
    }

    public long regreetIntervalNs()
    {
        return regreetIntervalNs;
    }

    public String ordersChannel()
    {
        return channel(ordersEndpoint);
    }

    public String reportsChannel()
    {
        return channel(reportsEndpoint);
    }

    /** Checks the endpoints; returns this. */
    public MarketLinkContext conclude()
    {
        check("orders endpoint", ordersEndpoint);
        check("reports endpoint", reportsEndpoint);
        if (ordersEndpoint.equals(reportsEndpoint))
        {
            throw new IllegalArgumentException("the orders and reports endpoints must differ, both are " +
                ordersEndpoint);
        }
        if (handshakeTimeoutNs <= 0)
        {
            throw new IllegalArgumentException("handshake timeout must be positive, was " + handshakeTimeoutNs);
        }
        if (silenceTimeoutNs < 5 * HEARTBEAT_INTERVAL_NS)
        {
            throw new IllegalArgumentException("silence timeout must be at least five heartbeats (" +
                5 * HEARTBEAT_INTERVAL_NS + " ns), was " + silenceTimeoutNs);
        }
        if (regreetIntervalNs <= 0)
        {
            throw new IllegalArgumentException("regreet interval must be positive, was " + regreetIntervalNs);
        }
        return this;
    }

    /** host:port with a port 1..65535; the reason when not. */
    public static String problem(final String endpoint)
    {
        if (endpoint == null || endpoint.isBlank())
        {
            return "must be host:port, was empty";
        }
        final int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1)
        {
            return "must be host:port, was '" + endpoint + "'";
        }
        try
        {
            final int port = Integer.parseInt(endpoint.substring(colon + 1));
            return port >= 1 && port <= 65535 ? null : "port must be 1..65535, was " + port;
        }
        catch (final NumberFormatException ex)
        {
            return "must be host:port with a numeric port, was '" + endpoint + "'";
        }
    }

    private static void check(final String what, final String endpoint)
    {
        final String problem = problem(endpoint);
        if (problem != null)
        {
            throw new IllegalArgumentException(what + " " + problem);
        }
    }

    private static String channel(final String endpoint)
    {
        return "aeron:udp?endpoint=" + endpoint + "|term-length=" + TERM_LENGTH;
    }
}
