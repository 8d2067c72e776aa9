package io.slipway.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code slipway} command line: the operator's entry point to the appliance. */
@Command(
    name = "slipway",
    mixinStandardHelpOptions = true,
    version = "slipway 0.1.0",
    description = "Slipway block-execution appliance.",
    subcommands = {
        DemoCommand.class,
        CalibrateCommand.class,
        PretradeCommand.class,
        EvalCommand.class,
        TcaCommand.class,
        DaemonCommand.class,
        MarketCommand.class,
        PasswdCommand.class,
        ViewCommands.Status.class,
        ViewCommands.Orders.class,
        ViewCommands.Order.class,
        ViewCommands.Card.class,
        ViewCommands.Latency.class,
        ChangeCommands.Venues.class,
        ChangeCommands.Risk.class,
        ChangeCommands.Kill.class,
        ChangeCommands.Resume.class,
        ChangeCommands.Audit.class,
        TrainCommand.class,
        PromoteCommand.class,
        ClusterNodeCommand.class,
        ClusterDrillCommand.class,
        JournalCommand.class,
        ReconcileCommand.class,
        DrillCommand.class,
    })
public final class SlipwayCli implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(final String[] args)
    {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line; a bad option is one line on err and exit code 2. */
    public static int execute(final String[] args, final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new SlipwayCli());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((ex, arguments) ->
        {
            final CommandLine command = ex.getCommandLine();
            command.getErr().println(command.getCommandName() + ": " + ex.getMessage() + " (--help lists the options)");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((ex, command, parseResult) ->
        {
            if (ex instanceof IllegalArgumentException)
            {
                command.getErr().println(command.getCommandName() + ": " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return commandLine.execute(args);
    }
}
