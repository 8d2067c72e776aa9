package io.slipway.sim.replay;

import io.slipway.domain.Instruments;
import io.slipway.venue.Venue;
import io.slipway.venue.VenueRules;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayMarketTest
{
    /** 2024-08-08T23:54:00Z and 2024-08-09T00:00:05Z in ns. */
    private static final long RECORDED_FROM = 1_723_161_240_000_000_000L;
    private static final long RECORDED_TO = 1_723_161_605_000_000_000L;

    @Test
    void contextRefusesWhatCannotWork(@TempDir final Path dir)
    {
        assertThrows(IllegalArgumentException.class,
            () -> new ReplayMarket.Context().dataDirectory(dir.resolve("missing")).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new ReplayMarket.Context().dataDirectory(dir).venues("SIMA").conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new ReplayMarket.Context().dataDirectory(dir).recordingDate("2024-08-08").conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new ReplayMarket.Context().dataDirectory(dir).orderLatencyNs(-1).conclude());
    }

    @Test
    void threeVenuesOverTheOverlapOfTheBtcAndEthRecordings()
    {
        final Path data = ReplayMarket.Context.defaultDataDirectory();
        Assumptions.assumeTrue(data != null && Files.isDirectory(data), "recordings not present");
        final ReplayMarket market = new ReplayMarket(new ReplayMarket.Context()
            .instruments(List.of(Instruments.BTC_USD, Instruments.ETH_USD)));
        try
        {
            final List<Venue> venues = market.venues();
            assertEquals(List.of("RSPOT", "RUSDM", "RCOINM"), venues.stream().map(Venue::name).toList());
            assertEquals(List.of(1, 2, 3), venues.stream().map(Venue::id).toList());
            assertTrue(market.startTimeNs() > RECORDED_FROM && market.endTimeNs() < RECORDED_TO);
            assertTrue(market.endTimeNs() - market.startTimeNs() > 340_000_000_000L, "about 5 min 43 s overlap");
            assertTrue(market.disclaimer().contains("cannot move the market"));

            // Ticks and lots as Binance lists them, in the instrument scale (price 10^-2, qty 10^-6).
            assertRules(venues.get(0).rules(Instruments.BTC_USD), 1, 10);
            assertRules(venues.get(1).rules(Instruments.BTC_USD), 10, 1_000);
            assertRules(venues.get(2).rules(Instruments.BTC_USD), 10, 1_000);
            assertRules(venues.get(0).rules(Instruments.ETH_USD), 1, 100);
            assertRules(venues.get(1).rules(Instruments.ETH_USD), 1, 1_000);
            assertRules(venues.get(2).rules(Instruments.ETH_USD), 1, 1_000);
            assertEquals(2 << 4 | Instruments.ETH_USD.id(), venues.get(1).marketDataChannel(Instruments.ETH_USD));
        }
        finally
        {
            market.close();
        }
    }

    private static void assertRules(final VenueRules rules, final long tick, final long lot)
    {
        assertEquals(tick, rules.tickSize(), rules.toString());
        assertEquals(lot, rules.lotSize(), rules.toString());
    }
}
