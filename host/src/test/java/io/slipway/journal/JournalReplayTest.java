package io.slipway.journal;

import io.slipway.app.RecoverableAppliance;
import io.slipway.app.Worlds;
import io.slipway.core.Strategy;
import io.slipway.oms.NewParentOrder;
import io.slipway.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live run's journal replayed into a fresh core gives the same state, text for text, and the
 * same outputs in the same order (the output digest), with nothing sent while replaying.
 */
class JournalReplayTest
{
    @TempDir
    File directory;

    @ParameterizedTest
    @CsvSource({"11,TWAP", "12,IS", "13,ADAPTIVE_AC", "14,VWAP"})
    void replayRebuildsTheLiveStateBitForBit(final long seed, final Strategy strategy)
    {
        final JournalContext journalContext = new JournalContext().directory(directory);
        try (RecoverableAppliance appliance = new RecoverableAppliance(
            Worlds.simulated(seed, ScenarioLoader.loadNamed("calm")).warmUpNs(TimeUnit.SECONDS.toNanos(20)), journalContext,
            report -> { }, record -> { }))
        {
            final long readyNs = appliance.warmUp();
            final long expireNs = readyNs + TimeUnit.MINUTES.toNanos(10);
            appliance.submit(new NewParentOrder("REPLAY-" + seed, "BTC-USD", '2', "6", strategy.fixCode(),
                NewParentOrder.NO_TIME, expireNs, null));
            appliance.runUntil(readyNs + TimeUnit.MINUTES.toNanos(4));

            final JournaledCore live = appliance.core();
            final String liveState = live.core().describeState();
            final long liveDigest = live.gate().digest();
            final long liveChildren = live.gate().childOrdersOut();
            final long appended = live.writer().messages();
            assertTrue(liveChildren > 0, "the order must have sent children by then");
            assertEquals(1, live.core().activeParentCount());
            appliance.crash();

            final JournaledCore replayed = new JournaledCore(appliance.context().coreContext(),
                appliance.tradingVenues(), new RefusingChildOrders(), report ->
                {
                    throw new AssertionError("a replay sent a report: " + report);
                }, record ->
                {
                    throw new AssertionError("a replay finished an order");
                });
            final long inputs = replayed.recover(appliance.journal());
            replayed.close();

            assertEquals(appended, inputs);
            assertEquals(liveState, replayed.core().describeState());
            assertEquals(liveDigest, replayed.gate().digest());
            assertEquals(liveChildren, replayed.gate().suppressedChildOrders());
            assertEquals(0, replayed.gate().childOrdersOut());
        }
    }
}
