package io.slipway.ops;

import io.slipway.card.CardBench;
import io.slipway.card.VerilatorCardRegisters;
import io.slipway.card.tools.RxPathBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code slipway card bench [--json]}: the card's figures, measured in cycles on the RTL under Verilator. A
 * subcommand of {@code card} beside the daemon views; it needs no daemon.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Measure the RTL card in card cycles (no wall-clock time): the receive path (per template,",
        "lookaside and wire: last beat to first record at the card output; sustained rates), risk",
        "verdict latency, order slot to venue port, trigger tick-to-trade (last beat of the",
        "triggering BestBidAsk frame to the first beat of the triggered order on the venue port),",
        "the order stream's sustained rate and the card's own LATENCY block (its TRIGGER path must",
        "equal the measured tick-to-trade, or the command fails). Nanoseconds are at",
        "the 322.266 MHz design clock; hdl-sim/README.md says what each number measures."})
final class CardBenchCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the figures as JSON, each with what it measures.")
    private boolean json;

    @Override
    public Integer call()
    {
        if (!VerilatorCardRegisters.isAvailable())
        {
            throw new IllegalStateException(VerilatorCardRegisters.loadFailure());
        }
        final RxPathBench feed = RxPathBench.measure();
        final CardBench.Result result = CardBench.measure();
        final PrintWriter out = spec.commandLine().getOut();
        if (json)
        {
            out.println(result.toJson(feed.toJson()));
        }
        else
        {
            for (int t = 0; t < RxPathBench.TEMPLATES.length; t++)
            {
                out.printf("feed %-18s %d cycles lookaside, %d wire (last beat -> first record out)%n",
                    RxPathBench.TEMPLATES[t] + ":", feed.lookasideLatency[t], feed.wireLatency[t]);
            }
            out.printf(Locale.ROOT, "feed sustained:          %.4f messages/cycle wire, %.4f lookaside " +
                "(back-to-back BestBidAsk)%n", feed.wireMessagesPerCycle, feed.lookasideMessagesPerCycle);
            out.printf("risk verdict:            %d cycles (target <= 8)%n", result.verdictCycles());
            out.printf("order slot to wire:      %d cycles%n", result.orderToWireCycles());
            out.printf("trigger tick-to-trade:   %d cycles (target <= 20)%n", result.tickToTradeCycles());
            out.printf("order stream:            %.1f cycles per 88-byte slot (%.3f orders/cycle); " +
                "the gate itself takes 1 order/cycle%n", result.streamCyclesPerOrder(), result.streamOrdersPerCycle());
            out.printf("latency block, feed:     %d messages, %d..%d cycles (decoder takes last beat -> commit)%n",
                result.feedBlock().count(), result.feedBlock().min(), result.feedBlock().max());
            out.printf("latency block, risk:     %d orders, %d..%d cycles (descriptor taken -> verdict out)%n",
                result.riskBlock().count(), result.riskBlock().min(), result.riskBlock().max());
            out.printf("latency block, trigger:  %d orders, %d..%d cycles (decoder takes the triggering last beat -> " +
                "first venue beat; equals tick-to-trade)%n",
                result.triggerBlock().count(), result.triggerBlock().min(), result.triggerBlock().max());
        }
        out.flush();
        return 0;
    }
}
