package io.slipway.ops.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Append-only, hash-chained record of every operator change, accepted or refused. One entry a line:
 *
 * <pre>
 *   sequence TAB time TAB user TAB command TAB outcome TAB previous-hash TAB hash
 * </pre>
 *
 * where hash is the SHA-256 (hex) of the first six fields as written, joined by tabs, and
 * previous-hash is the hash of the entry before (64 zeros for the first). Changing, removing or
 * reordering any entry breaks the chain at that entry, which {@link #verify(Path)} names. Tabs,
 * newlines and backslashes inside fields are escaped, so one entry is always one line.
 * Written by the admin agent and, for FIX session events, the gateway agent (appends are serialised);
 * each entry is forced to disk before the operator is answered.
 */
public final class AuditLog implements AutoCloseable
{
    public static final String FILE_NAME = "audit.log";
    public static final String GENESIS = "0".repeat(64);

    private final FileChannel channel;
    private long sequence;
    private String lastHash;

    /** Opens (or creates) the log, verifying what is there first: a broken chain is not continued. */
    public AuditLog(final Path file)
    {
        if (Files.exists(file))
        {
            final Verification verification = verify(file);
            if (!verification.intact())
            {
                throw new IllegalStateException("audit log " + file + " is broken: " + verification.message() +
                    "; keep it as evidence, move it aside, and start again");
            }
            sequence = verification.entries();
            lastHash = verification.lastHash();
        }
        else
        {
            lastHash = GENESIS;
        }
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open audit log " + file, ex);
        }
    }

    /** Appends one entry and forces it to disk; returns its hash. */
    public synchronized String append(final Instant time, final String user, final String command, final String outcome)
    {
        final long next = sequence + 1;
        final String body = next + "\t" + time + "\t" + escape(user) + "\t" + escape(command) + "\t" +
            escape(outcome) + "\t" + lastHash;
        final String hash = sha256(body);
        final byte[] line = (body + "\t" + hash + "\n").getBytes(StandardCharsets.UTF_8);
        try
        {
            final ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
            channel.force(false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot append to the audit log", ex);
        }
        sequence = next;
        lastHash = hash;
        return hash;
    }

    public synchronized long entries()
    {
        return sequence;
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The outcome of checking a log. */
    public record Verification(boolean intact, long entries, long firstBrokenEntry, String message, String lastHash)
    {
    }

    /** Checks every entry's sequence, previous hash and own hash; names the first that fails. */
    public static Verification verify(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read audit log " + file, ex);
        }
        catch (final RuntimeException ex)
        {
            return new Verification(false, 0, 1, "not UTF-8 text: " + ex.getMessage(), null);
        }
        String previous = GENESIS;
        for (int i = 0; i < lines.size(); i++)
        {
            final long entry = i + 1;
            final String line = lines.get(i);
            final int cut = line.lastIndexOf('\t');
            final String[] fields = line.split("\t", -1);
            if (fields.length != 7 || cut < 0)
            {
                return broken(entry, "has " + fields.length + " fields, expected 7");
            }
            if (!fields[0].equals(Long.toString(entry)))
            {
                return broken(entry, "sequence is '" + fields[0] + "', expected " + entry);
            }
            if (!fields[5].equals(previous))
            {
                return broken(entry, "previous hash does not match entry " + (entry - 1) + "'s hash");
            }
            final String hash = sha256(line.substring(0, cut));
            if (!fields[6].equals(hash))
            {
                return broken(entry, "hash does not match its contents");
            }
            previous = hash;
        }
        return new Verification(true, lines.size(), 0, lines.size() + " entries, chain intact", previous);
    }

    private static Verification broken(final long entry, final String problem)
    {
        return new Verification(false, entry - 1, entry, "entry " + entry + " (line " + entry + ") " + problem, null);
    }

    static String escape(final String text)
    {
        if (text == null)
        {
            return "";
        }
        final StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String sha256(final String text)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }
}
