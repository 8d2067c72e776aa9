package io.slipway.ops;

import io.slipway.tca.TcaFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code slipway tca ORDER_DIR|tca.json}: the text summary of a finished run, read back from its tca.json. */
@Command(
    name = "tca",
    mixinStandardHelpOptions = true,
    description = {
        "Print the transaction cost analysis of a finished run from the tca.json the demo",
        "wrote (give the run's directory or the file), and where its HTML report is."})
public final class TcaCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ORDER_DIR|tca.json", description = "A run directory or its tca.json.")
    private Path path;

    @Override
    public Integer call() throws IOException
    {
        final Path json = Files.isDirectory(path) ? path.resolve("tca.json") : path;
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
