package io.slipway.core;

import io.slipway.domain.Instrument;
import io.slipway.domain.Instruments;
import io.slipway.oms.StrategyParameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategyParametersTest
{
    private static final Instrument BTC = Instruments.BTC_USD;
    private static final String[] VENUES = {null, "SIMA", "SIMB", "SIMC"};

    private static StrategyParameters parse(final StrategyParameter... group)
    {
        return StrategyParameters.parse(List.of(group), BTC, VENUES, 0.01);
    }

    private static void assertRejected(final String expected, final StrategyParameter... group)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> parse(group));
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }

    @Test
    void nothingGivenIsTheCoresSettings()
    {
        final StrategyParameters none = parse();
        assertSame(StrategyParameters.NONE, none);
        assertEquals(0.1, none.participationRate(0.1));
        assertEquals(0.01, none.riskAversion(0.01));
        assertFalse(none.hasParticipationCap());
        assertEquals(BestPriceRouter.ALL_VENUES, none.venueMask());
        assertEquals(0, none.minSlice());
        assertFalse(none.rfqAllowed());
    }

    @Test
    void everyParameterMapsToItsTypedValue()
    {
        final StrategyParameters parameters = parse(
            new StrategyParameter("ParticipationRate", 11, "0.2"),
            new StrategyParameter("MaxParticipation", 11, "0.25"),
            new StrategyParameter("RiskAversion", 6, "0.5"),
            new StrategyParameter("AllowedVenues", 14, "SIMA, simc"),
            new StrategyParameter("RfqAllowed", 13, "Y"),
            new StrategyParameter("MinSlice", 7, "0.01"));
        assertEquals(0.2, parameters.participationRate(0.1));
        assertEquals(0.25, parameters.maxParticipation());
        assertTrue(parameters.hasParticipationCap());
        assertEquals(0.5, parameters.riskAversion(0.01));
        assertEquals((1 << 1) | (1 << 3), parameters.venueMask());
        assertTrue(parameters.rfqAllowed());
        assertEquals(BTC.qtyFromDouble(0.01), parameters.minSlice());
    }

    @Test
    void urgencyScalesTheCoresRiskAversion()
    {
        assertEquals(0.001, parse(new StrategyParameter("Urgency", 0, "LOW")).riskAversion(0.01), 1e-15);
        assertEquals(0.01, parse(new StrategyParameter("Urgency", 0, "medium")).riskAversion(0.01), 1e-15);
        assertEquals(0.1, parse(new StrategyParameter("Urgency", 14, "HIGH")).riskAversion(0.01), 1e-15);
    }

    @Test
    void typeIsOptionalButMustFitWhenGiven()
    {
        assertEquals(0.2, parse(new StrategyParameter("ParticipationRate", StrategyParameter.NO_TYPE, "0.2"))
            .participationRate(0.1));
        assertRejected("ParticipationRate has StrategyParameterType (959) 14",
            new StrategyParameter("ParticipationRate", 14, "0.2"));
    }

    @Test
    void everyBadInputNamesTheParameter()
    {
        assertRejected("unknown strategy parameter 'Aggression'", new StrategyParameter("Aggression", 14, "1"));
        assertRejected("ParticipationRate must be in (0, 1)", new StrategyParameter("ParticipationRate", 11, "1"));
        assertRejected("MaxParticipation must be in (0, 1]", new StrategyParameter("MaxParticipation", 11, "0"));
        assertRejected("MaxParticipation is not a number", new StrategyParameter("MaxParticipation", 11, "lots"));
        assertRejected("RiskAversion must be 0..1000", new StrategyParameter("RiskAversion", 6, "-1"));
        assertRejected("RiskAversion is not a number", new StrategyParameter("RiskAversion", 6, "NaN"));
        assertRejected("Urgency must be LOW, MEDIUM or HIGH", new StrategyParameter("Urgency", 14, "ASAP"));
        assertRejected("AllowedVenues names unknown venue 'NYSE'", new StrategyParameter("AllowedVenues", 14, "SIMA,NYSE"));
        assertRejected("RfqAllowed must be Y or N", new StrategyParameter("RfqAllowed", 13, "yes"));
        assertRejected("MinSlice", new StrategyParameter("MinSlice", 7, "0.000000001"));
        assertRejected("MinSlice must be positive", new StrategyParameter("MinSlice", 7, "0"));
        assertRejected("MinSlice has no value", new StrategyParameter("MinSlice", 7, null));
        assertRejected("MinSlice given twice", new StrategyParameter("MinSlice", 7, "1"),
            new StrategyParameter("MinSlice", 7, "2"));
        assertRejected("RiskAversion and Urgency exclude each other", new StrategyParameter("RiskAversion", 6, "1"),
            new StrategyParameter("Urgency", 14, "LOW"));
    }
}
