package io.slipway.ops.daemon;

import io.slipway.card.CardBackends;
import io.slipway.core.CoreContext;
import io.slipway.domain.OrderType;
import io.slipway.fix.FixCredentials;
import io.slipway.learn.FeedbackFile;
import io.slipway.marketlink.MarketLinkContext;
import io.slipway.sim.scenario.ScenarioException;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.sim.scenario.YamlSection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The daemon's configuration file, read with Chronicle Wire through the same strict reader as
 * scenario files: an unknown key, a value of the wrong type or out of range is one
 * {@link ScenarioException} naming the file, the line and the key, and the daemon does not start.
 * The keys are documented in {@code ops/slipway.yaml}.
 */
public record DaemonConfig(
    Path workingDirectory,
    String fixBindHost,
    int fixPort,
    String fixSenderCompId,
    String fixTargetCompId,
    FixCredentials fixCredentials,
    boolean cancelOnDisconnect,
    boolean persistentSequenceNumbers,
    String cardBackend,
    RiskSettings risk,
    String scenario,
    long seed,
    double speed,
    OrderType childOrderType,
    long sliceIntervalMs,
    Path adminSocket,
    String marketOrdersEndpoint,
    String marketReportsEndpoint,
    Path journalDirectory,
    Path impactFeedback,
    double finalReachStepBps,
    double finalReachMaxBps)
{
    static final List<String> TOP_LEVEL = List.of("workingDirectory", "fix", "card", "world", "core", "admin",
        "market");
    static final List<String> MARKET = List.of("orders", "reports", "journal");
    static final List<String> FIX = List.of(
        "bindHost", "port", "senderCompId", "targetCompId", "credentials", "cancelOnDisconnect",
        "persistentSequenceNumbers");
    static final List<String> CARD = List.of("backend", "risk");
    static final List<String> WORLD = List.of("scenario", "seed", "speed");
    static final List<String> CORE = List.of("childOrderType", "sliceIntervalMs", "impactFeedback", "finalReachStepBps",
        "finalReachMaxBps");
    static final List<String> ADMIN = List.of("socket");
    static final List<String> BACKENDS = List.of(CardBackends.REFERENCE, CardBackends.VERILATOR, CardBackends.PCIE);
    public static final double MAX_SPEED = 1000.0;

    /** Reads and checks a configuration file. */
    public static DaemonConfig load(final Path file)
    {
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new ScenarioException(file.toString(), 0, "", "cannot be read: " + ex);
        }
        return parse(file.toString(), text);
    }

    /** Checks configuration text; fileName labels the errors. Relative paths resolve against the current directory. */
    public static DaemonConfig parse(final String fileName, final String text)
    {
        final YamlSection root = YamlSection.parse(fileName, text, "workingDirectory:, fix:, card:, world:, ...")
            .allowOnly(TOP_LEVEL);
        final Path workingDirectory = Path.of(root.requiredText("workingDirectory")).toAbsolutePath().normalize();

        final YamlSection fix = section(root, "fix", FIX);
        final String bindHost = text(fix, "bindHost", "127.0.0.1");
        final int port = fix == null || !fix.has("port") ? 9880 : fix.requiredInt("port");
        if (port < 1 || port > 65535)
        {
            throw fix.error("port", "must be 1..65535, was " + port);
        }
        final String senderCompId = compId(fix, "senderCompId", "SLIPWAY");
        final String targetCompId = compId(fix, "targetCompId", "OMS");
        if (senderCompId.equals(targetCompId))
        {
            throw fix.error("targetCompId", "must differ from senderCompId, both are " + senderCompId);
        }
        FixCredentials credentials = null;
        if (fix != null && fix.has("credentials"))
        {
            try
            {
                credentials = FixCredentials.parse(fix.requiredText("credentials"));
            }
            catch (final IllegalArgumentException ex)
            {
                throw fix.error("credentials", "must be username:iterations:salt:hash as 'ops/slipway passwd' " +
                    "prints it (" + ex.getMessage() + ")");
            }
        }
        final boolean cancelOnDisconnect = fix != null && fix.optionalBoolean("cancelOnDisconnect", false);
        boolean persistent = fix != null && fix.optionalBoolean("persistentSequenceNumbers", false);

        final YamlSection card = section(root, "card", CARD);
        final String backend = text(card, "backend", CardBackends.REFERENCE);
        if (!BACKENDS.contains(backend))
        {
            throw card.error("backend", "must be one of " + BACKENDS + ", was '" + backend + "'");
        }
        RiskSettings risk = RiskSettings.defaults();
        final YamlSection riskSection = card == null ? null : card.optionalSection("risk");
        if (riskSection != null)
        {
            riskSection.allowOnly(RiskSettings.KEYS);
            for (final String key : RiskSettings.KEYS)
            {
                if (riskSection.has(key))
                {
                    try
                    {
                        risk = risk.with(key, riskSection.requiredDecimalText(key));
                    }
                    catch (final ScenarioException ex)
                    {
                        throw ex;
                    }
                    catch (final IllegalArgumentException ex)
                    {
                        throw riskSection.error(key, problem(ex.getMessage(), key));
                    }
                }
            }
        }

        final YamlSection world = section(root, "world", WORLD);
        final String scenario = world == null ? null : world.optionalText("scenario");
        if (scenario != null)
        {
            final Path scenarioFile = Path.of(scenario);
            if (!Files.isRegularFile(scenarioFile) && !ScenarioLoader.list().contains(scenario))
            {
                throw world.error("scenario", "no scenario file or library scenario named '" + scenario +
                    "'; the library has " + ScenarioLoader.list());
            }
        }
        final long seed = world == null || !world.has("seed") ? 42 : world.requiredLong("seed");
        final double speed = world == null ? 1.0 : world.optionalDouble("speed", 1.0);
        if (!(speed > 0.0 && speed <= MAX_SPEED))
        {
            throw world.error("speed", "must be above 0 and at most " + MAX_SPEED + " (simulated seconds per wall " +
                "second), was " + speed);
        }

        final YamlSection core = section(root, "core", CORE);
        OrderType childOrderType = OrderType.IOC;
        if (core != null && core.has("childOrderType"))
        {
            childOrderType = core.requiredEnum("childOrderType", OrderType.class);
            if (childOrderType != OrderType.IOC && childOrderType != OrderType.LIMIT)
            {
                throw core.error("childOrderType", "must be IOC or LIMIT, was " + childOrderType);
            }
        }

        long sliceIntervalMs = 60_000;
        if (core != null && core.has("sliceIntervalMs"))
        {
            sliceIntervalMs = core.requiredLong("sliceIntervalMs");
            if (sliceIntervalMs < 100 || sliceIntervalMs > 3_600_000)
            {
                throw core.error("sliceIntervalMs", "must be 100..3600000 (ms between TWAP slices), was " +
                    sliceIntervalMs);
            }
        }

        // The feedback loop's file: its fitted impact coefficient prices the pre-trade and the schedules. Read here,
        // so a file this build refuses stops the daemon before anything starts, naming the file and the field.
        Path impactFeedback = null;
        if (core != null && core.has("impactFeedback"))
        {
            impactFeedback = workingDirectory.resolve(core.optionalText("impactFeedback")).normalize();
            try
            {
                // The venue priors too: one the core would refuse (a cost beyond +-1,000 bps) stops the daemon here.
                FeedbackFile.readOrPrior(impactFeedback).venuePriors();
            }
            catch (final IllegalArgumentException | java.io.UncheckedIOException ex)
            {
                throw core.error("impactFeedback", ex.getMessage());
            }
        }

        // The final slice's reach through a moved book (docs/completion.md): the core's defaults unless set.
        final CoreContext defaults = new CoreContext();
        final double finalReachMaxBps = core == null ? defaults.finalReachMaxBps() :
            core.optionalDouble("finalReachMaxBps", defaults.finalReachMaxBps());
        if (!(finalReachMaxBps >= 0.0 && finalReachMaxBps <= CoreContext.MAX_FINAL_REACH_BPS))
        {
            throw core.error("finalReachMaxBps", "must be 0.." + CoreContext.MAX_FINAL_REACH_BPS +
                " (bps the final slice may reach through the book), was " + finalReachMaxBps);
        }
        final double finalReachStepBps = core == null ? defaults.finalReachStepBps() :
            core.optionalDouble("finalReachStepBps", defaults.finalReachStepBps());
        if (!(finalReachStepBps >= 0.0 && finalReachStepBps <= finalReachMaxBps))
        {
            throw core.error("finalReachStepBps", "must be 0..finalReachMaxBps (" + finalReachMaxBps +
                ", bps added per final-slice miss), was " + finalReachStepBps);
        }

        final YamlSection admin = section(root, "admin", ADMIN);
        final Path adminSocket = workingDirectory.resolve(text(admin, "socket", "admin.sock")).normalize();
        if (adminSocket.toString().getBytes(StandardCharsets.UTF_8).length > 100)
        {
            // Unix domain socket paths are limited to about 108 bytes by the kernel.
            throw admin == null ? root.error("workingDirectory", "too long for the admin socket path (100 bytes)") :
                admin.error("socket", "path must be at most 100 bytes, was " + adminSocket);
        }

        // The venues in a market process: the daemon journals and recovers (ops/DAEMON.md, docs/market.md).
        final YamlSection market = section(root, "market", MARKET);
        String ordersEndpoint = null;
        String reportsEndpoint = null;
        Path journalDirectory = null;
        if (market != null)
        {
            ordersEndpoint = endpoint(market, "orders", MarketLinkContext.DEFAULT_ORDERS_ENDPOINT);
            reportsEndpoint = endpoint(market, "reports", MarketLinkContext.DEFAULT_REPORTS_ENDPOINT);
            if (ordersEndpoint.equals(reportsEndpoint))
            {
                throw market.error("reports", "must differ from orders, both are " + ordersEndpoint);
            }
            journalDirectory = workingDirectory.resolve(text(market, "journal", "journal")).normalize();
            if (speed != 1.0)
            {
                // The market process runs on the wall clock; the core's inputs carry wall time.
                throw world.error("speed", "must be 1 when the venues run in a market process (market:), was " +
                    speed);
            }
            // Cancel-on-disconnect is an operator kill, a journal input like every other: allowed.
            // The report delivery log needs the FIX session's sequence numbers to outlive the process, so
            // that an OMS which missed a report asks for it by number; persistent is the default here.
            if (fix != null && fix.has("persistentSequenceNumbers") && !persistent)
            {
                throw fix.error("persistentSequenceNumbers", "must be true when the venues run in a market " +
                    "process (market:): a report sent before a kill -9 is resent by FIX sequence number");
            }
            persistent = true;
        }

        return new DaemonConfig(workingDirectory, bindHost, port, senderCompId, targetCompId, credentials,
            cancelOnDisconnect, persistent, backend, risk, scenario, seed, speed, childOrderType, sliceIntervalMs, adminSocket,
            ordersEndpoint, reportsEndpoint, journalDirectory, impactFeedback, finalReachStepBps, finalReachMaxBps);
    }

    /** True when the venues run in a market process and the daemon journals its core. */
    public boolean marketProcess()
    {
        return marketOrdersEndpoint != null;
    }

    /** The market link's settings; only with {@link #marketProcess()}. */
    public MarketLinkContext marketLink()
    {
        return new MarketLinkContext().ordersEndpoint(marketOrdersEndpoint).reportsEndpoint(marketReportsEndpoint);
    }

    private static String endpoint(final YamlSection section, final String key, final String defaultValue)
    {
        final String value = text(section, key, defaultValue);
        final String problem = MarketLinkContext.problem(value);
        if (problem != null)
        {
            throw section.error(key, problem);
        }
        return value;
    }

    /** File in the working directory holding the shared-memory counters. */
    public Path countersFile()
    {
        return workingDirectory.resolve(CountersLayout.FILE_NAME);
    }

    private static YamlSection section(final YamlSection root, final String key, final List<String> keys)
    {
        final YamlSection section = root.optionalSection(key);
        return section == null ? null : section.allowOnly(keys);
    }

    private static String text(final YamlSection section, final String key, final String defaultValue)
    {
        final String value = section == null ? null : section.optionalText(key);
        return value == null ? defaultValue : value;
    }

    private static String compId(final YamlSection section, final String key, final String defaultValue)
    {
        final String value = text(section, key, defaultValue);
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c <= ' ' || c > '~' || c == '=')
            {
                throw section.error(key, "must be printable ASCII without spaces or '=', was '" + value + "'");
            }
        }
        return value;
    }

    /** The range message without its leading key, which the located error already names. */
    private static String problem(final String message, final String key)
    {
        return message.startsWith(key + " ") ? message.substring(key.length() + 1) : message;
    }
}
