package io.slipway.card;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RTL's TX-path figures, in card cycles, against the targets at 322 MHz. */
final class CardBenchTest
{
    @Test
    void rtlMeetsTheVerdictAndTickToTradeTargets()
    {
        SimulatedCardLibrary.require();
        final CardBench.Result result = CardBench.measure();

        assertEquals(ReferenceCard.GATE_CYCLES, result.verdictCycles());
        assertTrue(result.verdictCycles() <= 8, result::toJson);
        assertTrue(result.tickToTradeCycles() > 0 && result.tickToTradeCycles() <= 20, result::toJson);
        // 11 beats of slot, the descriptor hand-over, the gate, then the sender: more than the verdict alone
        assertTrue(result.orderToWireCycles() > result.verdictCycles(), result::toJson);
        // an 88-byte slot is 11 beats of the 64-bit stream, so at most one order per 11 cycles
        assertTrue(result.streamCyclesPerOrder() >= 11 && result.streamCyclesPerOrder() < 16, result::toJson);
        assertTrue(result.toJson().contains("\"trigger_tick_to_trade_cycles\": " + result.tickToTradeCycles()));
        // the card's own LATENCY block saw every order of the run (1, 200 back to back, the triggered one)
        // and agrees with the completion stamps: descriptor to verdict out is the verdict plus one edge
        assertEquals(202, result.riskBlock().count(), result::toJson);
        assertEquals(result.verdictCycles() + 1, result.riskBlock().min(), result::toJson);
        assertEquals(result.verdictCycles() + 1, result.riskBlock().max(), result::toJson);
        // and the two BestBidAsk messages, each committed by the decoder
        assertEquals(2, result.feedBlock().count(), result::toJson);
        // the hardware's own tick-to-trade for the one triggered order is the host's measurement
        assertEquals(1, result.triggerBlock().count(), result::toJson);
        assertEquals(result.tickToTradeCycles(), result.triggerBlock().min(), result::toJson);
        assertEquals(result.tickToTradeCycles(), result.triggerBlock().max(), result::toJson);
    }
}
