package io.slipway.ops;

import io.slipway.card.ReferenceCard;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class CardBenchCommandTest
{
    @Test
    void cardBenchPrintsTheRtlFiguresAsJson()
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = SlipwayCli.execute(
            new String[]{"card", "bench", "--json"}, new PrintWriter(out, true), new PrintWriter(err, true));

        assertEquals(0, exit, err.toString());
        final String json = out.toString();
        assertTrue(json.contains("\"risk_verdict_cycles\": 5"), json);
        assertTrue(json.contains("\"trigger_tick_to_trade_cycles\": "), json);
        assertTrue(json.contains("\"feed\": {\"rxLatencyCycles\""), json);
        // last beat into the decoder to its commit, as the reference card models it (the five-stage rescale)
        assertTrue(json.contains("\"latency_block\": {\"feed\": {\"count\": 2, \"min_cycles\": " +
            (ReferenceCard.DECODE_CYCLES + 1)), json);
        assertTrue(json.contains("\"risk\": {\"count\": 202, \"min_cycles\": 6, \"max_cycles\": 6}"), json);
        // the hardware's tick-to-trade statistic: one triggered order, the same figure the bench measured
        final java.util.regex.Matcher measured = java.util.regex.Pattern.compile(
            "\"trigger_tick_to_trade_cycles\": (\\d+)").matcher(json);
        assertTrue(measured.find(), json);
        final String tickToTrade = measured.group(1);
        assertTrue(json.contains("\"trigger\": {\"count\": 1, \"min_cycles\": " + tickToTrade +
            ", \"max_cycles\": " + tickToTrade + "}"), json);
        assertTrue(json.contains("\"measures\""), json);
        JsonSyntax.check(json);
    }

    @Test
    void demoRefusesAnUnknownCardBackend()
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = SlipwayCli.execute(
            new String[]{"demo", "--card", "fpga"}, new PrintWriter(out, true), new PrintWriter(err, true));

        assertEquals(2, exit, out.toString());
        assertTrue(err.toString().contains("--card must be reference or verilator"), err.toString());
    }
}
