package io.slipway.core;

import io.slipway.venue.VenueKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Venue priors are checked as they are built; a refused one names the venue and the field and leaves nothing added. */
class VenuePriorsTest
{
    @Test
    void badPriorsAreRefusedByNameAndLeaveTheBuilderAsItWas()
    {
        final VenuePriors.Builder builder = VenuePriors.builder().prior("DLRX", VenueKind.DEALER, 2.0, 3.0);
        assertRefused(() -> builder.prior("DLRY", VenueKind.DEALER, Double.NaN, 1.0), "'DLRY': costBps");
        assertRefused(() -> builder.prior("DLRY", VenueKind.DEALER, Double.POSITIVE_INFINITY, 1.0), "'DLRY': costBps");
        assertRefused(() -> builder.prior("DLRY", VenueKind.DEALER, 1_500.0, 1.0), "'DLRY': costBps");
        assertRefused(() -> builder.prior("DLRY", VenueKind.DEALER, 1.0, 0.0), "'DLRY': quantity");
        assertRefused(() -> builder.prior("DLRY", VenueKind.DEALER, 1.0, -2.0), "'DLRY': quantity");
        assertRefused(() -> builder.prior("DLRY", VenueKind.DEALER, 1.0, Double.NaN), "'DLRY': quantity");
        assertRefused(() -> builder.prior("DLRY", VenueKind.DEALER, 1.0, Double.POSITIVE_INFINITY), "'DLRY': quantity");
        assertRefused(() -> builder.prior("DLRY", null, 1.0, 1.0), "'DLRY' needs a kind");
        assertRefused(() -> builder.prior(" ", VenueKind.DEALER, 1.0, 1.0), "needs a venue name");
        assertRefused(() -> builder.prior("DLRX", VenueKind.DEALER, 1.0, 1.0), "'DLRX' given twice");
        final VenuePriors priors = builder.build();
        assertEquals(List.of("DLRX"), priors.venues());
        assertEquals(2.0, priors.prior("DLRX").costBps());
        assertNull(priors.prior("DLRY"));
    }

    @Test
    void evidenceIsWorthItsQuantityInObservationsUpToTheCap()
    {
        final VenuePriors priors = VenuePriors.builder()
            .prior("A", VenueKind.DEALER, 1.0, 0.25)
            .prior("B", VenueKind.DEALER, 1.0, 4.0)
            .prior("C", VenueKind.DEALER, 1.0, 50_000.0).build();
        assertEquals(0.25, priors.observations("A"));
        assertEquals(4.0, priors.observations("B"));
        assertEquals(VenuePriors.MAX_OBSERVATIONS, priors.observations("C"));
        assertEquals(0.0, priors.observations("D"));
    }

    @Test
    void namesTheCoreDoesNotTradeAreReportedAndAnotherKindIsRefused()
    {
        final VenuePriors priors = VenuePriors.builder()
            .prior("SIMA", VenueKind.EXCHANGE, 1.0, 1.0)
            .prior("DLRQ", VenueKind.DEALER, 1.0, 1.0).build();
        assertEquals(List.of("DLRQ"), priors.unknownVenues(Map.of("SIMA", VenueKind.EXCHANGE)));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> priors.unknownVenues(Map.of("SIMA", VenueKind.EXCHANGE, "DLRQ", VenueKind.AMM)));
        assertTrue(ex.getMessage().contains("'DLRQ' is of kind DEALER") && ex.getMessage().contains("AMM"),
            ex.getMessage());
        assertSame(VenuePriors.EMPTY, VenuePriors.builder().build());
        assertTrue(new CoreContext().venuePriors().isEmpty(), "the default is no priors");
    }

    private static void assertRefused(final Runnable action, final String text)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, action::run);
        assertTrue(ex.getMessage().contains(text), ex.getMessage());
    }
}
