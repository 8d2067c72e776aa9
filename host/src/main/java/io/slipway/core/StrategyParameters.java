package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.oms.StrategyParameter;

import java.util.List;
import java.util.Locale;

/**
 * A parent order's strategy parameters, typed and validated, from the FIX StrategyParameters
 * group (957 StrategyParameterName / 959 StrategyParameterType / 960 StrategyParameterValue).
 * What is not given falls back to the core's settings. The names, types and ranges here are the
 * ones the FIXatdl document ({@code fix/slipway-fixatdl.xml}) publishes; {@link #NAMES} lists
 * them so a test can hold the two together.
 *
 * <ul>
 *     <li>{@code ParticipationRate} (Percentage, 0..1 exclusive): POV's share of the tape.</li>
 *     <li>{@code MaxParticipation} (Percentage, 0..1]: cap on the order's share of the tape
 *     since its start, for every strategy; enforced by the host-side risk check.</li>
 *     <li>{@code RiskAversion} (Float, &gt;= 0, per bps): Almgren-Chriss lambda for IS and
 *     ADAPTIVE_AC.</li>
 *     <li>{@code Urgency} (String LOW, MEDIUM, HIGH): the core's risk aversion times 0.1, 1 or 10;
 *     exclusive with RiskAversion.</li>
 *     <li>{@code AllowedVenues} (String): comma-separated venue names the router may use.</li>
 *     <li>{@code RfqAllowed} (Boolean Y/N): whether dealers may be asked for quotes.</li>
 *     <li>{@code MinSlice} (Qty, instrument units): smallest child order to send.</li>
 * </ul>
 *
 * <p>Immutable; built on the core's thread when an order arrives.
 */
public final class StrategyParameters
{
    public static final String PARTICIPATION_RATE = "ParticipationRate";
    public static final String MAX_PARTICIPATION = "MaxParticipation";
    public static final String RISK_AVERSION = "RiskAversion";
    public static final String URGENCY = "Urgency";
    public static final String ALLOWED_VENUES = "AllowedVenues";
    public static final String RFQ_ALLOWED = "RfqAllowed";
    public static final String MIN_SLICE = "MinSlice";

    /** Every parameter name the core accepts. */
    public static final List<String> NAMES = List.of(
        PARTICIPATION_RATE, MAX_PARTICIPATION, RISK_AVERSION, URGENCY, ALLOWED_VENUES, RFQ_ALLOWED, MIN_SLICE);

    /** StrategyParameterType (959) values, FIX 5.0. */
    static final int TYPE_FLOAT = 6;
    static final int TYPE_QTY = 7;
    static final int TYPE_PERCENTAGE = 11;
    static final int TYPE_BOOLEAN = 13;
    static final int TYPE_STRING = 14;

    /** No cap on participation. */
    public static final double NO_CAP = 1.0;

    /** Nothing given: the core's settings, every venue, no minimum slice, no RFQ. */
    public static final StrategyParameters NONE =
        new StrategyParameters(Double.NaN, NO_CAP, Double.NaN, BestPriceRouter.ALL_VENUES, false, 0);

    private final double participationRate;
    private final double maxParticipation;
    private final double riskAversion;
    private final int venueMask;
    private final boolean rfqAllowed;
    private final long minSlice;

    private StrategyParameters(final double participationRate, final double maxParticipation,
        final double riskAversion, final int venueMask, final boolean rfqAllowed, final long minSlice)
    {
        this.participationRate = participationRate;
        this.maxParticipation = maxParticipation;
        this.riskAversion = riskAversion;
        this.venueMask = venueMask;
        this.rfqAllowed = rfqAllowed;
        this.minSlice = minSlice;
    }

    /**
     * Maps the group as sent onto typed values.
     *
     * @param venueNames venue name by venue id (null where there is none), for AllowedVenues
     * @param baseRiskAversion the core's risk aversion, which Urgency scales
     * @throws IllegalArgumentException naming the parameter, for an unknown name, a repeated
     *                                  name, a wrong type or a bad value
     */
    public static StrategyParameters parse(final List<StrategyParameter> group, final Instrument instrument,
        final String[] venueNames, final double baseRiskAversion)
    {
        if (group.isEmpty())
        {
            return NONE;
        }
        double participationRate = Double.NaN;
        double maxParticipation = NO_CAP;
        double riskAversion = Double.NaN;
        int venueMask = BestPriceRouter.ALL_VENUES;
        boolean rfqAllowed = false;
        long minSlice = 0;
        boolean urgencyGiven = false;
        boolean riskAversionGiven = false;
        int seen = 0;
        for (final StrategyParameter parameter : group)
        {
            final String name = parameter.name();
            final int index = name == null ? -1 : NAMES.indexOf(name);
            if (index < 0)
            {
                throw new IllegalArgumentException("unknown strategy parameter '" + name + "'");
            }
            if ((seen & (1 << index)) != 0)
            {
                throw new IllegalArgumentException("strategy parameter " + name + " given twice");
            }
            seen |= 1 << index;
            final String value = parameter.value();
            if (value == null || value.isEmpty())
            {
                throw new IllegalArgumentException("strategy parameter " + name + " has no value");
            }
            switch (name)
            {
                case PARTICIPATION_RATE:
                    checkType(parameter, TYPE_PERCENTAGE, TYPE_FLOAT);
                    participationRate = parseFraction(name, value, false);
                    break;
                case MAX_PARTICIPATION:
                    checkType(parameter, TYPE_PERCENTAGE, TYPE_FLOAT);
                    maxParticipation = parseFraction(name, value, true);
                    break;
                case RISK_AVERSION:
                    checkType(parameter, TYPE_FLOAT, TYPE_FLOAT);
                    riskAversion = parseDouble(name, value);
                    if (!(riskAversion >= 0.0 && riskAversion <= 1_000.0))
                    {
                        throw new IllegalArgumentException("strategy parameter RiskAversion must be 0..1000, was " + value);
                    }
                    riskAversionGiven = true;
                    break;
                case URGENCY:
                    checkType(parameter, TYPE_STRING, TYPE_STRING);
                    riskAversion = baseRiskAversion * urgencyFactor(value);
                    urgencyGiven = true;
                    break;
                case ALLOWED_VENUES:
                    checkType(parameter, TYPE_STRING, TYPE_STRING);
                    venueMask = parseVenues(value, venueNames);
                    break;
                case RFQ_ALLOWED:
                    checkType(parameter, TYPE_BOOLEAN, TYPE_BOOLEAN);
                    if (!"Y".equals(value) && !"N".equals(value))
                    {
                        throw new IllegalArgumentException("strategy parameter RfqAllowed must be Y or N, was " + value);
                    }
                    rfqAllowed = "Y".equals(value);
                    break;
                case MIN_SLICE:
                    checkType(parameter, TYPE_QTY, TYPE_FLOAT);
                    try
                    {
                        minSlice = instrument.parseQty(value);
                    }
                    catch (final IllegalArgumentException ex)
                    {
                        throw new IllegalArgumentException("strategy parameter MinSlice: " + ex.getMessage());
                    }
                    if (minSlice <= 0)
                    {
                        throw new IllegalArgumentException("strategy parameter MinSlice must be positive, was " + value);
                    }
                    break;
                default:
                    throw new IllegalStateException("unmapped strategy parameter " + name);
            }
        }
        if (urgencyGiven && riskAversionGiven)
        {
            throw new IllegalArgumentException("strategy parameters RiskAversion and Urgency exclude each other");
        }
        return new StrategyParameters(participationRate, maxParticipation, riskAversion, venueMask, rfqAllowed,
            minSlice);
    }

    /** POV's share of the tape, or {@code fallback} (the core's) when not given. */
    public double participationRate(final double fallback)
    {
        return Double.isNaN(participationRate) ? fallback : participationRate;
    }

    /** Cap on the order's share of the tape since its start; {@link #NO_CAP} when not given. */
    public double maxParticipation()
    {
        return maxParticipation;
    }

    public boolean hasParticipationCap()
    {
        return maxParticipation < NO_CAP;
    }

    /** Almgren-Chriss risk aversion per bps, or {@code fallback} (the core's) when not given. */
    public double riskAversion(final double fallback)
    {
        return Double.isNaN(riskAversion) ? fallback : riskAversion;
    }

    /** Bit v set when venue v may be used; {@link BestPriceRouter#ALL_VENUES} for any. */
    public int venueMask()
    {
        return venueMask;
    }

    public boolean rfqAllowed()
    {
        return rfqAllowed;
    }

    /** Smallest child order, instrument scale; 0 for none. */
    public long minSlice()
    {
        return minSlice;
    }

    @Override
    public String toString()
    {
        return "StrategyParameters{participationRate=" + participationRate + ", maxParticipation=" + maxParticipation +
            ", riskAversion=" + riskAversion + ", venueMask=" + Integer.toHexString(venueMask) + ", rfqAllowed=" +
            rfqAllowed + ", minSlice=" + minSlice + "}";
    }

    private static void checkType(final StrategyParameter parameter, final int type, final int alternative)
    {
        final int sent = parameter.type();
        if (sent != StrategyParameter.NO_TYPE && sent != type && sent != alternative)
        {
            throw new IllegalArgumentException("strategy parameter " + parameter.name() +
                " has StrategyParameterType (959) " + sent + ", expected " + type);
        }
    }

    private static double parseDouble(final String name, final String value)
    {
        try
        {
            final double parsed = Double.parseDouble(value);
            if (!Double.isFinite(parsed))
            {
                throw new NumberFormatException();
            }
            return parsed;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("strategy parameter " + name + " is not a number: '" + value + "'");
        }
    }

    private static double parseFraction(final String name, final String value, final boolean oneAllowed)
    {
        final double fraction = parseDouble(name, value);
        if (!(fraction > 0.0 && (oneAllowed ? fraction <= 1.0 : fraction < 1.0)))
        {
            throw new IllegalArgumentException("strategy parameter " + name + " must be in (0, 1" +
                (oneAllowed ? "]" : ")") + ", was " + value);
        }
        return fraction;
    }

    private static double urgencyFactor(final String value)
    {
        switch (value.toUpperCase(Locale.ROOT))
        {
            case "LOW": return 0.1;
            case "MEDIUM": return 1.0;
            case "HIGH": return 10.0;
            default:
                throw new IllegalArgumentException("strategy parameter Urgency must be LOW, MEDIUM or HIGH, was " + value);
        }
    }

    private static int parseVenues(final String value, final String[] venueNames)
    {
        int mask = 0;
        for (final String token : value.split(","))
        {
            final String name = token.trim();
            int found = -1;
            for (int v = 0; v < venueNames.length; v++)
            {
                if (venueNames[v] != null && venueNames[v].equalsIgnoreCase(name))
                {
                    found = v;
                }
            }
            if (found < 0)
            {
                throw new IllegalArgumentException("strategy parameter AllowedVenues names unknown venue '" + name + "'");
            }
            mask |= 1 << found;
        }
        return mask;
    }
}
