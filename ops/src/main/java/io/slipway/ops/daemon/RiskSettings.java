package io.slipway.ops.daemon;

import io.slipway.app.CardRiskLimits;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The card's hard risk limits as an operator states them, in plain units, each with the range it
 * must lie in. The same ranges check the configuration file and {@code slipway risk set}, so a limit
 * refused at run time could not have been configured either. Immutable: a change makes a new one.
 */
public final class RiskSettings
{
    /** Keys in the order they are shown. */
    public static final List<String> KEYS = List.of(
        "collarBps", "maxOrderQty", "maxOrderNotionalUsd", "maxPosition", "throttleBurst", "throttleMessagesPerSecond");

    private static final Map<String, Range> RANGES = new LinkedHashMap<>();

    static
    {
        RANGES.put("collarBps", new Range("1", "10000", true, "bps of the card's reference price"));
        RANGES.put("maxOrderQty", new Range("0.000001", "10000", false, "base units per child order"));
        RANGES.put("maxOrderNotionalUsd", new Range("1", "1000000000", false, "USD per child order"));
        RANGES.put("maxPosition", new Range("0.000001", "100000", false, "base units, position plus open exposure"));
        RANGES.put("throttleBurst", new Range("1", "10000", true, "messages per venue in a burst"));
        RANGES.put("throttleMessagesPerSecond", new Range("1", "100000", true, "messages per venue per second"));
    }

    /** Card units: quantities are 10^-6 base units, notional 10^-8 USD (price 10^-2 x quantity 10^-6). */
    private static final BigDecimal QTY_SCALE = BigDecimal.valueOf(1_000_000L);
    private static final BigDecimal NOTIONAL_SCALE = BigDecimal.valueOf(100_000_000L);

    private final Map<String, BigDecimal> values;

    private RiskSettings(final Map<String, BigDecimal> values)
    {
        this.values = values;
    }

    /** The limits the simulated appliance uses by default ({@link CardRiskLimits#simulationDefaults()}). */
    public static RiskSettings defaults()
    {
        final Map<String, BigDecimal> values = new LinkedHashMap<>();
        values.put("collarBps", new BigDecimal("100"));
        values.put("maxOrderQty", new BigDecimal("100"));
        values.put("maxOrderNotionalUsd", new BigDecimal("10000000"));
        values.put("maxPosition", new BigDecimal("5000"));
        values.put("throttleBurst", new BigDecimal("50"));
        values.put("throttleMessagesPerSecond", new BigDecimal("100"));
        return new RiskSettings(values);
    }

    /**
     * The same settings with one limit changed.
     *
     * @throws IllegalArgumentException naming the key and the range when the key is unknown or the value
     *                                  is not a number in range; nothing changes then.
     */
    public RiskSettings with(final String key, final String valueText)
    {
        final Range range = RANGES.get(key);
        if (range == null)
        {
            throw new IllegalArgumentException("unknown risk limit '" + key + "'; expected one of " + KEYS);
        }
        final BigDecimal value;
        try
        {
            value = new BigDecimal(valueText.strip());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + " must be a number, was '" + valueText + "'");
        }
        if (range.whole && value.stripTrailingZeros().scale() > 0)
        {
            throw new IllegalArgumentException(key + " must be a whole number, was " + valueText);
        }
        if (!range.whole && value.stripTrailingZeros().scale() > 6)
        {
            throw new IllegalArgumentException(key + " has more than 6 decimals, was " + valueText);
        }
        if (value.compareTo(range.min) < 0 || value.compareTo(range.max) > 0)
        {
            throw new IllegalArgumentException(key + " must be " + range.min.toPlainString() + " .. " +
                range.max.toPlainString() + " (" + range.unit + "), was " + value.toPlainString());
        }
        final Map<String, BigDecimal> changed = new LinkedHashMap<>(values);
        changed.put(key, value);
        return new RiskSettings(changed);
    }

    public String value(final String key)
    {
        final BigDecimal value = values.get(key);
        if (value == null)
        {
            throw new IllegalArgumentException("unknown risk limit '" + key + "'; expected one of " + KEYS);
        }
        return value.stripTrailingZeros().toPlainString();
    }

    /** Range and unit of a key, for messages and {@code risk show}. */
    public static String describe(final String key)
    {
        final Range range = RANGES.get(key);
        return range.min.toPlainString() + " .. " + range.max.toPlainString() + " " + range.unit;
    }

    /**
     * The card's registers for these limits, for a card clocked at clockKhz.
     *
     * @param venueEnableMask    bit v enables venue v.
     * @param instrumentEnableMask bit i enables instrument i.
     */
    public CardRiskLimits toCardLimits(final int venueEnableMask, final int instrumentEnableMask, final long clockKhz)
    {
        final long cyclesPerMessage = Math.max(1, clockKhz * 1000 / values.get("throttleMessagesPerSecond").longValue());
        return new CardRiskLimits(venueEnableMask, instrumentEnableMask, values.get("collarBps").intValueExact(),
            values.get("maxOrderQty").multiply(QTY_SCALE).longValueExact(),
            values.get("maxOrderNotionalUsd").multiply(NOTIONAL_SCALE).longValueExact(),
            values.get("throttleBurst").intValueExact(), (int)Math.min(Integer.MAX_VALUE, cyclesPerMessage),
            values.get("maxPosition").multiply(QTY_SCALE).longValueExact());
    }

    @Override
    public String toString()
    {
        final StringBuilder b = new StringBuilder();
        for (final String key : KEYS)
        {
            b.append(b.length() == 0 ? "" : ", ").append(key).append('=').append(value(key));
        }
        return b.toString();
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof RiskSettings that && toString().equals(that.toString());
    }

    @Override
    public int hashCode()
    {
        return toString().hashCode();
    }

    private record Range(BigDecimal min, BigDecimal max, boolean whole, String unit)
    {
        Range(final String min, final String max, final boolean whole, final String unit)
        {
            this(new BigDecimal(min), new BigDecimal(max), whole, unit.toLowerCase(Locale.ROOT));
        }
    }
}
