package io.slipway.ops;

import io.slipway.card.CardBench;
import io.slipway.card.VerilatorCardRegisters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code slipway card bench [--json]}: the card's figures, measured in cycles on the RTL under Verilator. A
 * subcommand of {@code card} beside the daemon views; it needs no daemon.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Measure the TX path on the RTL card in card cycles (no wall-clock time): risk verdict",
        "latency, order slot to venue port, trigger tick-to-trade (last beat of the triggering",
        "BestBidAsk frame to the first beat of the triggered order on the venue port) and the",
        "order stream's sustained rate. Nanoseconds are at the 322.266 MHz design clock."})
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
        final CardBench.Result result = CardBench.measure();
        final PrintWriter out = spec.commandLine().getOut();
        if (json)
        {
            out.println(result.toJson());
        }
        else
        {
            out.printf("risk verdict:            %d cycles (target <= 8)%n", result.verdictCycles());
            out.printf("order slot to wire:      %d cycles%n", result.orderToWireCycles());
            out.printf("trigger tick-to-trade:   %d cycles (target <= 20)%n", result.tickToTradeCycles());
            out.printf("order stream:            %.1f cycles per 88-byte slot (%.3f orders/cycle); " +
                "the gate itself takes 1 order/cycle%n", result.streamCyclesPerOrder(), result.streamOrdersPerCycle());
        }
        out.flush();
        return 0;
    }
}
