package io.slipway.ops.daemon;

import io.slipway.app.RecoverableAppliance;
import io.slipway.app.Worlds;
import io.slipway.journal.JournalContext;
import io.slipway.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's start with a journal: a card limit an operator changed before a crash is re-applied
 * over the configured one, and a journaled value the configured ranges refuse stops the start by name.
 */
class CardLimitRecoveryTest
{
    @TempDir
    File directory;

    @Test
    void aCardLimitSetBeforeACrashIsInForceAfterTheRestart()
    {
        try (RecoverableAppliance appliance = new RecoverableAppliance(
            Worlds.simulated(31, ScenarioLoader.loadNamed("calm")).warmUpNs(TimeUnit.SECONDS.toNanos(20)),
            new JournalContext().directory(directory), report -> { }, record -> { }))
        {
            appliance.warmUp();
            final RiskSettings configured = RiskSettings.defaults();
            assertSame(configured, DaemonCoreAgent.withJournaledCardLimits(configured, appliance.core()),
                "nothing journaled: the configured limits stand");
            assertSame(configured, DaemonCoreAgent.withJournaledCardLimits(configured, null), "no journal in process");

            appliance.operate(nowNs ->
            {
                appliance.core().setCardLimit("collarBps", configured.with("collarBps", "50").value("collarBps"), nowNs);
                return null;
            });
            appliance.crash();
            appliance.runUntil(appliance.nowNs() + appliance.settleNs());
            appliance.restart();

            final RiskSettings recovered = DaemonCoreAgent.withJournaledCardLimits(configured, appliance.core());
            assertEquals("50", recovered.value("collarBps"), "the operator's value, not the configured 100");
            assertEquals("100", recovered.value("maxOrderQty"), "limits never changed keep the configured value");
            assertEquals(50, recovered.toCardLimits(0b1110, 0b0110, 322_266).collarBps());

            appliance.operate(nowNs ->
            {
                // Well-formed for the journal, out of the daemon's range: a start refuses it by name.
                appliance.core().setCardLimit("collarBps", "20000", nowNs);
                return null;
            });
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> DaemonCoreAgent.withJournaledCardLimits(configured, appliance.core()));
            assertTrue(ex.getMessage().startsWith("collarBps must be 1 .. 10000"), ex.getMessage());
        }
    }
}
