package io.slipway.ops;

import io.slipway.tca.TcaFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code slipway tca ORDER_DIR|tca.json} or {@code slipway tca --order ID}: the text summary of a
 * finished run, read back from its tca.json; with {@code --order}, from the run directory a
 * running daemon writes for each finished parent ({@code DIR/runs/SLP-n}).
 */
@Command(
    name = "tca",
    mixinStandardHelpOptions = true,
    description = {
        "Print the transaction cost analysis of a finished run from the tca.json the demo",
        "wrote (give the run's directory or the file), and where its HTML report is;",
        "--order SLP-n reads the one a running daemon wrote for that finished order."})
public final class TcaCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ORDER_DIR|tca.json",
        description = "A run directory or its tca.json.")
    private Path path;

    @Option(names = "--order", paramLabel = "ORDER_ID",
        description = "A finished order of the running daemon, by OrderID (SLP-n).")
    private String orderId;

    @Mixin
    private DaemonOptions daemon;

    @Override
    public Integer call() throws IOException
    {
        if ((path == null) == (orderId == null))
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "give either a run directory or tca.json, or --order ORDER_ID");
        }
        final Path json;
        if (orderId != null)
        {
            if (!orderId.matches("SLP-[0-9]+"))
            {
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "--order takes an OrderID of the form SLP-n, was " + orderId);
            }
            json = daemon.dir().resolve("runs").resolve(orderId).resolve("tca.json");
            if (!Files.isRegularFile(json))
            {
                throw new IllegalArgumentException("no TCA for " + orderId + " at " + json +
                    ": the order is unknown, still working, or its analysis is still being written");
            }
        }
        else
        {
            json = Files.isDirectory(path) ? path.resolve("tca.json") : path;
        }
        if (!Files.isRegularFile(json))
        {
            throw new IllegalArgumentException("no TCA file at " + json);
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.print(TcaFormat.text(TcaFormat.parse(Files.readString(json, StandardCharsets.UTF_8))));
        final Path html = json.toAbsolutePath().resolveSibling("tca.html");
        if (Files.isRegularFile(html))
        {
            out.println("TCA report: " + html.toUri());
        }
        else
        {
            out.println("TCA report: no tca.html next to " + json.toAbsolutePath());
        }
        out.flush();
        return 0;
    }
}
