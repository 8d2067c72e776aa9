package io.slipway.sim.scenario;

import io.slipway.domain.Side;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads scenario files: YAML parsed by Chronicle Wire into plain maps, lists and scalars, then
 * checked key by key into a {@link Scenario}. Anything unknown, missing, of the wrong type or out
 * of range is a {@link ScenarioException} naming the file, the line and the key, so nothing
 * starts on a world nobody meant. The format is described in {@code scenarios/README.md}.
 */
public final class ScenarioLoader
{
    /** Classpath folder of the named scenario library. */
    public static final String LIBRARY = "scenarios/";
    /** Names in the library, one a line, in the order {@link #list()} gives them. */
    public static final String LIBRARY_INDEX = LIBRARY + "library.txt";

    static final List<String> TOP_LEVEL = List.of(
        "name", "description", "market", "regimes", "jumps", "arbitrage", "dealers", "amms", "events", "order");
    static final List<String> MARKET = List.of(
        "startTime", "instruments", "venues", "annualVolatility", "quoteIntervalMs", "resilienceSeconds",
        "refreshProbability", "takerRateMultiplier", "takerLimitBps", "impactY", "dailyVolumeUsd", "propagator",
        "impactRateTimeConstantSeconds", "latencyMs", "delayMarketData", "depthMultiplier");
    static final List<String> PROPAGATOR = List.of("tau0Seconds", "exponentials");
    static final List<String> LATENCY = List.of("min", "max");
    static final List<String> REGIMES = List.of("calmVolatility", "stressVolatility", "meanCalmHours", "meanStressHours");
    static final List<String> JUMPS = List.of("perDay", "meanBps", "sdBps");
    static final List<String> ARBITRAGE = List.of("dislocationBps", "lagSeconds");
    static final List<String> DEALER = List.of(
        "name", "spreadBps", "sizePremiumBps", "quoteTtlMs", "lastLookRejectProbability", "maxNotionalUsd", "hedgeMinutes");
    static final List<String> AMM = List.of("name", "instrument", "baseReserve", "feeRate", "gasUsd", "blockTimeMs");
    static final List<String> ORDER = List.of("side", "quantity", "instrument", "strategy", "horizonMinutes");
    static final List<String> EVENT_TYPES = List.of(
        "liquidityFlush", "spoofing", "quoteStuffing", "venueOutage", "staleFeed");
    static final List<String> LIQUIDITY_FLUSH = List.of(
        "type", "at", "venue", "instrument", "depthRemaining", "moveBps", "reboundSeconds");
    static final List<String> SPOOFING = List.of(
        "type", "at", "duration", "venue", "instrument", "side", "sizeMultiple", "distanceBps", "withdrawBps");
    static final List<String> QUOTE_STUFFING = List.of(
        "type", "at", "duration", "venue", "instrument", "messagesPerSecond");
    static final List<String> VENUE_EVENT = List.of("type", "at", "duration", "venue");

    private ScenarioLoader()
    {
    }

    public static Scenario load(final Path file)
    {
        final String fileName = file.getFileName().toString();
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new ScenarioException(fileName, 0, "", "cannot be read: " + ex);
        }
        return parse(fileName, text);
    }

    /** A scenario of the library by name, e.g. {@code thin}. */
    public static Scenario loadNamed(final String name)
    {
        if (!list().contains(name))
        {
            throw new IllegalArgumentException("no scenario named '" + name + "'; the library has " + list());
        }
        final String fileName = name + ".yaml";
        return parse(fileName, resource(LIBRARY + fileName));
    }

    /** Names of the library's scenarios. */
    public static List<String> list()
    {
        final List<String> names = new ArrayList<>();
        for (final String line : resource(LIBRARY_INDEX).split("\r?\n"))
        {
            final String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#"))
            {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /** Parses scenario text; fileName only labels the errors. */
    public static Scenario parse(final String fileName, final String text)
    {
        return scenario(YamlSection.parse(fileName, text, "name:, description:, market:, ...").allowOnly(TOP_LEVEL));
    }

    private static Scenario scenario(final YamlSection root)
    {
        final String name = root.requiredText("name");
        final String description = root.requiredText("description");
        final YamlSection marketSection = root.optionalSection("market");
        final MarketSpec market = marketSection == null ? MarketSpec.DEFAULTS : market(marketSection);
        final double depthMultiplier = marketSection == null ? 1.0 : depthMultiplier(marketSection);

        final YamlSection regimeSection = section(root, "regimes", REGIMES);
        final RegimeSpec regimes = regimeSection == null ? null : regimeSection.build(() -> new RegimeSpec(
            regimeSection.requiredDouble("calmVolatility"), regimeSection.requiredDouble("stressVolatility"),
            regimeSection.requiredDouble("meanCalmHours"), regimeSection.requiredDouble("meanStressHours")));

        final YamlSection jumpSection = section(root, "jumps", JUMPS);
        final JumpSpec jumps = jumpSection == null ? null : jumpSection.build(() -> new JumpSpec(
            jumpSection.requiredDouble("perDay"), jumpSection.requiredDouble("meanBps"),
            jumpSection.requiredDouble("sdBps")));

        final YamlSection arbitrageSection = section(root, "arbitrage", ARBITRAGE);
        final ArbitrageSpec arbitrage = arbitrageSection == null ? null : arbitrageSection.build(() -> new ArbitrageSpec(
            arbitrageSection.requiredDouble("dislocationBps"), arbitrageSection.requiredDouble("lagSeconds")));

        final Set<String> venueNames = new HashSet<>(MarketSpec.EXCHANGES);
        final List<DealerSpec> dealers = new ArrayList<>();
        for (final YamlSection dealer : root.sectionList("dealers"))
        {
            dealer.allowOnly(DEALER);
            dealers.add(dealer.build(() -> new DealerSpec(uniqueName(dealer, venueNames),
                dealer.requiredDouble("spreadBps"), dealer.requiredDouble("sizePremiumBps"),
                dealer.requiredLong("quoteTtlMs"), dealer.requiredDouble("lastLookRejectProbability"),
                dealer.requiredDouble("maxNotionalUsd"), dealer.requiredDouble("hedgeMinutes"))));
        }
        final List<AmmSpec> amms = new ArrayList<>();
        for (final YamlSection amm : root.sectionList("amms"))
        {
            amm.allowOnly(AMM);
            amms.add(amm.build(() -> new AmmSpec(uniqueName(amm, venueNames),
                instrument(amm, "instrument", market), amm.requiredDouble("baseReserve"),
                amm.requiredDouble("feeRate"), amm.requiredDouble("gasUsd"), amm.requiredLong("blockTimeMs"))));
        }
        if (dealers.size() + amms.size() > Scenario.MAX_DEALERS_AND_AMMS)
        {
            throw root.error(amms.isEmpty() ? "dealers" : "amms", "dealers and amms must be at most " +
                Scenario.MAX_DEALERS_AND_AMMS + " together (venue ids 4 to 7), were " + (dealers.size() + amms.size()));
        }

        final List<EventSpec> events = new ArrayList<>();
        for (final YamlSection event : root.sectionList("events"))
        {
            events.add(event(event, market));
        }

        final YamlSection orderSection = section(root, "order", ORDER);
        final OrderSpec order = orderSection == null ? null : orderSection.build(() -> new OrderSpec(
            orderSection.requiredEnum("side", Side.class), orderSection.requiredDecimalText("quantity"),
            instrument(orderSection, "instrument", market), orderSection.requiredText("strategy"),
            orderSection.requiredDouble("horizonMinutes")));

        return root.build(() -> new Scenario(name, description, market, regimes, jumps, arbitrage, depthMultiplier,
            dealers, amms, events, order));
    }

    private static YamlSection section(final YamlSection parent, final String key, final List<String> keys)
    {
        final YamlSection section = parent.optionalSection(key);
        return section == null ? null : section.allowOnly(keys);
    }

    private static MarketSpec market(final YamlSection market)
    {
        market.allowOnly(MARKET);
        final MarketSpec d = MarketSpec.DEFAULTS;
        final Instant startTime = startTime(market, d.startTime());
        final YamlSection propagator = section(market, "propagator", PROPAGATOR);
        final YamlSection latency = section(market, "latencyMs", LATENCY);
        return market.build(() -> new MarketSpec(startTime,
            market.optionalTextList("instruments", d.instruments()),
            market.optionalTextList("venues", d.venues()),
            market.optionalDouble("annualVolatility", d.annualVolatility()),
            market.optionalDouble("quoteIntervalMs", d.quoteIntervalMs()),
            market.optionalDouble("resilienceSeconds", d.resilienceSeconds()),
            market.optionalDouble("refreshProbability", d.refreshProbability()),
            market.optionalDouble("takerRateMultiplier", d.takerRateMultiplier()),
            market.optionalDouble("takerLimitBps", d.takerLimitBps()),
            market.optionalDouble("impactY", d.impactY()),
            market.optionalDouble("dailyVolumeUsd", d.dailyVolumeUsd()),
            propagator == null ? d.propagatorTau0Seconds() :
                propagator.optionalDouble("tau0Seconds", d.propagatorTau0Seconds()),
            propagator == null ? d.propagatorExponentials() :
                propagator.optionalInt("exponentials", d.propagatorExponentials()),
            market.optionalDouble("impactRateTimeConstantSeconds", d.impactRateTimeConstantSeconds()),
            latency == null ? d.latencyMinMs() : latency.requiredDouble("min"),
            latency == null ? d.latencyMaxMs() : latency.requiredDouble("max"),
            market.optionalBoolean("delayMarketData", d.delayMarketData())));
    }

    private static double depthMultiplier(final YamlSection market)
    {
        final double depthMultiplier = market.optionalDouble("depthMultiplier", 1.0);
        market.build(() ->
        {
            Scenario.checkDepthMultiplier(depthMultiplier);
            return depthMultiplier;
        });
        return depthMultiplier;
    }

    private static Instant startTime(final YamlSection market, final Instant defaultValue)
    {
        if (!market.has("startTime"))
        {
            return defaultValue;
        }
        final String text = market.requiredText("startTime");
        try
        {
            return Instant.parse(text);
        }
        catch (final DateTimeParseException ex)
        {
            throw market.error("startTime", "must be a UTC time like 2024-08-09T00:00:00Z, was '" + text + "'");
        }
    }

    private static EventSpec event(final YamlSection event, final MarketSpec market)
    {
        final String type = event.requiredText("type");
        switch (type)
        {
            case "liquidityFlush":
                event.allowOnly(LIQUIDITY_FLUSH);
                return event.build(() -> new EventSpec.LiquidityFlush(event.requiredDouble("at"),
                    optionalVenue(event, market), optionalInstrument(event, market),
                    event.requiredDouble("depthRemaining"), event.requiredDouble("moveBps"),
                    event.requiredDouble("reboundSeconds")));
            case "spoofing":
                event.allowOnly(SPOOFING);
                return event.build(() -> new EventSpec.Spoofing(event.requiredDouble("at"),
                    event.requiredDouble("duration"), venue(event, market), optionalInstrument(event, market),
                    event.requiredEnum("side", Side.class), event.requiredDouble("sizeMultiple"),
                    event.requiredDouble("distanceBps"), event.requiredDouble("withdrawBps")));
            case "quoteStuffing":
                event.allowOnly(QUOTE_STUFFING);
                return event.build(() -> new EventSpec.QuoteStuffing(event.requiredDouble("at"),
                    event.requiredDouble("duration"), venue(event, market), optionalInstrument(event, market),
                    event.requiredInt("messagesPerSecond")));
            case "venueOutage":
                event.allowOnly(VENUE_EVENT);
                return event.build(() -> new EventSpec.VenueOutage(event.requiredDouble("at"),
                    event.requiredDouble("duration"), venue(event, market)));
            case "staleFeed":
                event.allowOnly(VENUE_EVENT);
                return event.build(() -> new EventSpec.StaleFeed(event.requiredDouble("at"),
                    event.requiredDouble("duration"), venue(event, market)));
            default:
                throw event.error("type", "unknown event type '" + type + "'; expected one of " + EVENT_TYPES);
        }
    }

    private static String venue(final YamlSection section, final MarketSpec market)
    {
        final String venue = section.requiredText("venue");
        if (!market.venues().contains(venue))
        {
            throw section.error("venue", "'" + venue + "' is not one of the world's venues " + market.venues());
        }
        return venue;
    }

    private static String optionalVenue(final YamlSection section, final MarketSpec market)
    {
        return section.has("venue") ? venue(section, market) : null;
    }

    private static String instrument(final YamlSection section, final String key, final MarketSpec market)
    {
        final String instrument = section.requiredText(key);
        if (!market.instruments().contains(instrument))
        {
            throw section.error(key, "'" + instrument + "' is not one of the world's instruments " +
                market.instruments());
        }
        return instrument;
    }

    private static String optionalInstrument(final YamlSection section, final MarketSpec market)
    {
        return section.has("instrument") ? instrument(section, "instrument", market) : null;
    }

    /** Dealers and AMMs become venues, so their names must differ from each other and from the exchanges. */
    private static String uniqueName(final YamlSection section, final Set<String> venueNames)
    {
        final String name = section.requiredText("name");
        if (!venueNames.add(name))
        {
            throw section.error("name", "'" + name + "' is already a venue name");
        }
        return name;
    }

    private static String resource(final String path)
    {
        try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(path))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing from the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
