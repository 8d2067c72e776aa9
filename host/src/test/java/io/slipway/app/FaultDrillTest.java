package io.slipway.app;

import io.slipway.core.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault drills, sized for CI: crashes at random points over 5 seeds (more with
 * -Dslipway.drill.seeds=N), and two seeds each of a status service that fails, a venue session
 * that drops and a stale feed. Each drill is audited against the venues' own ledgers.
 */
class FaultDrillTest
{
    private static final int SEEDS = Integer.getInteger("slipway.drill.seeds", 5);

    @TempDir
    File directory;

    @Test
    void crashesAtRandomPointsLoseNothingAndDuplicateNothing()
    {
        final FaultDrills drills = new FaultDrills();
        for (long seed = 1; seed <= SEEDS; seed++)
        {
            drills.run(FaultDrills.Kind.CRASH, seed, directory);
        }
        System.out.println("crash drills: " + drills.summary());
        assertEquals(SEEDS, drills.drills());
        assertTrue(drills.faults() >= SEEDS, "every drill must crash at least once: " + drills.summary());
        assertTrue(drills.fillsChecked() > 0 && drills.ordersChecked() > 0, drills.summary());
        assertEquals(0, drills.anomalies().size(), String.join("\n", drills.anomalies()));
    }

    @Test
    void statusUnknownIsResolvedByAskingAgainNeverByResending()
    {
        final FaultDrills drills = new FaultDrills();
        for (long seed = 21; seed <= 22; seed++)
        {
            drills.run(FaultDrills.Kind.STATUS_UNKNOWN, seed, directory);
        }
        System.out.println("status-unknown drills: " + drills.summary());
        assertTrue(drills.unresolvedQueries() > 0, "the status service must have failed: " + drills.summary());
        assertEquals(0, drills.anomalies().size(), String.join("\n", drills.anomalies()));
    }

    @Test
    void venueDisconnectAndStaleFeedLoseNothing()
    {
        final FaultDrills drills = new FaultDrills();
        for (long seed = 31; seed <= 32; seed++)
        {
            drills.run(FaultDrills.Kind.VENUE_DISCONNECT, seed, directory);
            drills.run(FaultDrills.Kind.STALE_FEED, seed, directory);
        }
        System.out.println("venue drills: " + drills.summary());
        assertEquals(4, drills.faults());
        assertEquals(0, drills.anomalies().size(), String.join("\n", drills.anomalies()));
    }

    @Test
    void aCancelInFlightAcrossACrashEndsTheOrderOnce()
    {
        final FaultDrills drills = new FaultDrills();
        for (long seed = 41; seed <= 42; seed++)
        {
            drills.run(FaultDrills.Kind.CANCEL_IN_FLIGHT, seed, directory);
        }
        System.out.println("cancel-in-flight drills: " + drills.summary());
        assertEquals(2, drills.faults(), "both drills must crash with the cancel in flight: " + drills.summary());
        assertEquals(0, drills.anomalies().size(), String.join("\n", drills.anomalies()));
    }

    @Test
    void aRestingChildsCancelLostInACrashIsSentAgainAfterRecovery()
    {
        final FaultDrills drills = new FaultDrills();
        for (long seed = 51; seed <= 52; seed++)
        {
            drills.run(FaultDrills.Kind.RESTING_CANCEL_LOST, seed, directory, Strategy.SUBMIT_AND_LEAVE);
        }
        System.out.println("resting-cancel-lost drills: " + drills.summary());
        assertEquals(2, drills.faults(), "both drills must die with a resting child's cancel unsent: " +
            drills.summary());
        assertTrue(drills.restingAfterRecovery() > 0, "a child must still rest at its venue after recovery");
        assertEquals(0, drills.anomalies().size(), String.join("\n", drills.anomalies()));
    }
}
