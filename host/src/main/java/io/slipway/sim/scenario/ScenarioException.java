package io.slipway.sim.scenario;

/**
 * A scenario file that cannot be used: the message reads {@code file:line: key: problem}, so the
 * person who wrote the file can go straight to the bad key. Line 0 means no line could be named.
 */
public final class ScenarioException extends IllegalArgumentException
{
    private final String fileName;
    private final int line;
    private final String key;
    private final String problem;

    public ScenarioException(final String fileName, final int line, final String key, final String problem)
    {
        super(format(fileName, line, key, problem));
        this.fileName = fileName;
        this.line = line;
        this.key = key;
        this.problem = problem;
    }

    private static String format(final String fileName, final int line, final String key, final String problem)
    {
        final StringBuilder message = new StringBuilder(fileName);
        if (line > 0)
        {
            message.append(':').append(line);
        }
        message.append(": ");
        if (!key.isEmpty())
        {
            message.append(key).append(": ");
        }
        return message.append(problem).toString();
    }

    public String fileName()
    {
        return fileName;
    }

    /** One-based line of the key, or 0 when not known. */
    public int line()
    {
        return line;
    }

    /** Dotted path of the key, e.g. {@code market.depthMultiplier} or {@code events[1].venue}; empty for the whole file. */
    public String key()
    {
        return key;
    }

    public String problem()
    {
        return problem;
    }
}
