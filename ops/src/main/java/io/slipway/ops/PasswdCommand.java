package io.slipway.ops;

import io.slipway.fix.FixCredentials;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code slipway passwd USERNAME}: the salted hash of an OMS password, for the configuration's fix.credentials. */
@Command(
    name = "passwd",
    mixinStandardHelpOptions = true,
    description = {
        "Print the salted hash of an OMS password for the configuration.",
        "The PBKDF2 hash goes in fix.credentials (username:iterations:salt:hash). The password is read",
        "from the terminal without echo, or from the first line of standard input with",
        "--stdin; it is never stored."})
public final class PasswdCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "The Username (553) the OMS logs on with.")
    private String username;

    @Option(names = "--stdin", description = "Read the password from the first line of standard input.")
    private boolean stdin;

    @Option(names = "--iterations", defaultValue = "" + FixCredentials.DEFAULT_ITERATIONS,
        description = "PBKDF2 iterations (default ${DEFAULT-VALUE}).")
    private int iterations;

    @Override
    public Integer call() throws IOException
    {
        if (iterations < 10_000)
        {
            throw new IllegalArgumentException("--iterations must be at least 10000, was " + iterations);
        }
        final char[] password;
        if (stdin || System.console() == null)
        {
            final String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        else
        {
            password = System.console().readPassword("Password for %s: ", username);
        }
        if (password == null || password.length < 8)
        {
            throw new IllegalArgumentException("the password must be at least 8 characters");
        }
        try
        {
            spec.commandLine().getOut().println(FixCredentials.of(username, password, iterations).toStoredForm());
        }
        finally
        {
            Arrays.fill(password, '\0');
        }
        return 0;
    }
}
