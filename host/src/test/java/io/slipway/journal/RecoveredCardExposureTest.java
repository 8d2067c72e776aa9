package io.slipway.journal;

import io.slipway.app.CardRiskLimits;
import io.slipway.app.RecoverableAppliance;
import io.slipway.app.Worlds;
import io.slipway.card.NicLayout;
import io.slipway.card.ReferenceCard;
import io.slipway.core.ExecutionCore;
import io.slipway.core.Strategy;
import io.slipway.domain.Instruments;
import io.slipway.oms.NewParentOrder;
import io.slipway.sim.market.HostOrderLedger;
import io.slipway.sim.scenario.ScenarioLoader;
import io.slipway.venue.VenueOrderStatus;
import io.slipway.venue.VenueStatusQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The card lives in the appliance's process, so a restart opens a card from reset. After the replay the
 * journaled core sets it to the position and open children it rebuilt (the exposure ring's RESTORE
 * records), so the card's position limit holds against what was traded before the crash.
 */
class RecoveredCardExposureTest
{
    private static final int BTC = Instruments.BTC_USD.id();
    /** 1 BTC in the instrument's quantity scale (10^-6). */
    private static final long ONE_BTC = 1_000_000L;
    private static final long MAX_POSITION = 10 * ONE_BTC;

    @TempDir
    File directory;

    /**
     * Buy 6 BTC, crash, restart, buy 6 more: the card must refuse what would take the position past 10. A card
     * that started from zero would let the second 6 through (6 is within 10 on its own), and the venues would
     * end up holding 12.
     */
    @Test
    void theRecoveredCardRefusesWhatThePreCrashPositionForbids()
    {
        try (RecoverableAppliance appliance = appliance(31))
        {
            final long readyNs = appliance.warmUp();
            appliance.submit(buy("FIRST", 6, readyNs + TimeUnit.MINUTES.toNanos(5)));
            appliance.runWhileActive(readyNs + TimeUnit.MINUTES.toNanos(6));
            final long before = filledAtVenues(appliance);
            assertEquals(6 * ONE_BTC, before, "the first order fills before the crash");
            assertEquals(before, appliance.core().core().cardPosition(Instruments.BTC_USD));

            appliance.crash();
            appliance.runUntil(appliance.nowNs() + appliance.settleNs());
            appliance.restart();

            final ReferenceCard card = (ReferenceCard)appliance.card();
            assertEquals(before, card.position(BTC), "the new card holds the position traded before the crash");
            assertEquals(0, card.malformedExposures());

            final long startNs = appliance.nowNs();
            appliance.submit(buy("SECOND", 6, startNs + TimeUnit.MINUTES.toNanos(3)));
            appliance.runUntil(startNs + TimeUnit.MINUTES.toNanos(4));

            final long after = filledAtVenues(appliance);
            final int refusals = card.readRegister(NicLayout.reasonCounterAddress(NicLayout.REASON_POSITION_LIMIT));
            assertTrue(refusals > 0, "the card refused children over the position limit");
            assertTrue(after <= MAX_POSITION, "venues hold " + after + ", over the card's limit " + MAX_POSITION);
            assertTrue(after > before, "the second order still bought what the limit allows: " + after);
            assertEquals(after, card.position(BTC), "the card's position follows the venues after the restart");
        }
    }

    /**
     * Crashes while children rest at the venues: after each restart the new card's position and open buy
     * quantity are the core's, and the position is the venues' own total for our children.
     */
    @Test
    void aCardStartedMidExecutionHoldsThePositionAndTheOpenChildren()
    {
        try (RecoverableAppliance appliance = appliance(32))
        {
            // Post-only children rest at the venues (SUBMIT_AND_LEAVE); right at the warm-up's end the first is
            // often refused as would-take, a second or two later it rests.
            final long readyNs = appliance.warmUp() + TimeUnit.MILLISECONDS.toNanos(1_500);
            appliance.runUntil(readyNs);
            appliance.submit(buy("LEAVE", 8, readyNs + TimeUnit.MINUTES.toNanos(10), Strategy.SUBMIT_AND_LEAVE));
            int checkedWithOpenChildren = 0;
            final StringBuilder seen = new StringBuilder();
            for (int crash = 0; crash < 3; crash++)
            {
                if (crash > 0)
                {
                    appliance.runUntil(appliance.nowNs() + TimeUnit.SECONDS.toNanos(2));
                }
                int steps = 0;
                while (appliance.core().core().openChildCount() == 0 && steps++ < 100_000 && appliance.step())
                {
                    // to a point with a child out
                }
                final boolean childrenOut = appliance.core().core().openChildCount() > 0;
                appliance.crash();
                appliance.runUntil(appliance.nowNs() + appliance.settleNs());
                appliance.restart();

                final ExecutionCore core = appliance.core().core();
                final ReferenceCard card = (ReferenceCard)appliance.card();
                final long[] open = new long[1];
                core.forEachOpenChild((id, venueId, atCard, quantity, filled) -> open[0] += quantity - filled);
                assertEquals(core.cardPosition(Instruments.BTC_USD), card.position(BTC), "crash " + crash);
                assertEquals(filledAtVenues(appliance), card.position(BTC), "crash " + crash + ": venues' total");
                assertEquals(open[0], card.openBuyQuantity(BTC), "crash " + crash + ": open children");
                assertEquals(0, card.openSellQuantity(BTC));
                assertEquals(0, card.malformedExposures());
                checkedWithOpenChildren += childrenOut && open[0] > 0 ? 1 : 0;
                seen.append(" crash ").append(crash).append(": out ").append(childrenOut).append(", open after ")
                    .append(open[0]).append(", position ").append(card.position(BTC)).append(", parents ")
                    .append(appliance.core().activeParentCount()).append(';');
            }
            System.out.println("RecoveredCardExposureTest:" + seen);
            assertTrue(checkedWithOpenChildren > 0, "at least one restart must find children still open:" + seen);
        }
    }

    private RecoverableAppliance appliance(final long seed)
    {
        final CardRiskLimits defaults = CardRiskLimits.simulationDefaults();
        final CardRiskLimits limits = new CardRiskLimits(defaults.venueEnableMask(), defaults.instrumentEnableMask(),
            defaults.collarBps(), defaults.maxOrderQuantity(), defaults.maxOrderNotional(), defaults.throttleBurst(),
            defaults.throttleRefillCycles(), MAX_POSITION);
        return new RecoverableAppliance(
            Worlds.simulated(seed, ScenarioLoader.loadNamed("calm")).warmUpNs(TimeUnit.SECONDS.toNanos(20))
                .riskLimits(limits),
            new JournalContext().directory(directory), report -> { }, record -> { });
    }

    private static NewParentOrder buy(final String clOrdId, final int quantity, final long expireNs)
    {
        return buy(clOrdId, quantity, expireNs, Strategy.IMMEDIATE);
    }

    private static NewParentOrder buy(final String clOrdId, final int quantity, final long expireNs,
        final Strategy strategy)
    {
        return new NewParentOrder(clOrdId, "BTC-USD", '1', Integer.toString(quantity), strategy.fixCode(),
            NewParentOrder.NO_TIME, expireNs, null);
    }

    /** What the venues' own ledgers say they filled for the host's children (every one a BTC buy here). */
    private static long filledAtVenues(final RecoverableAppliance appliance)
    {
        long total = 0;
        for (final VenueStatusQuery query : appliance.venueQueries())
        {
            if (query instanceof HostOrderLedger ledger)
            {
                for (final long id : ledger.hostOrderIds())
                {
                    final VenueOrderStatus status = ledger.status(id);
                    total += status.filledQuantity();
                }
            }
        }
        return total;
    }
}
