package io.slipway.marketlink;

import io.slipway.domain.OrderType;
import io.slipway.domain.Side;
import io.slipway.sim.market.HostOrderLedger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The market process's own journal: every change to its venues' host-order ledgers, and every
 * session it took, appended as one text line each, so that a market killed with {@code kill -9}
 * starts again with the venues' truth (which orders arrived and how often, what filled, what
 * ended) instead of an empty ledger.
 *
 * <p>Why a journal of its own and not the ledger file: {@code ledger.tsv} is a view rewritten every
 * 200 ms, so it lags the venues and a rewrite can only replace, never add. The journal is written
 * as each change happens, before any report of it can leave the market (a venue's report goes
 * out one report latency after the change), so nothing the appliance was told is missing from it.
 *
 * <p>Durability: one {@code write(2)} per line, not synced per line. A process kill loses nothing
 * written (the page cache outlives the process); an operating-system crash may lose the last lines,
 * which {@link #force} (called with each ledger view) bounds to about 200 ms. A line torn by a kill
 * in the middle of a write is the last one; it is dropped on load and the file cut back to the last
 * whole line. Any other malformed line stops the load with its file and line number.
 *
 * <p>Lines, tab-separated, first field the record:
 * <pre>
 * START    epochNs                                  a market process started on this journal
 * HELLO    session                                  the market took a new session
 * NEW      venue id instrument side type price qty  a new-order message reached a venue
 * REFUSED  venue id reason                          refused on arrival
 * FILL     venue id price qty fee maker             a fill of a host order
 * DONE     venue id released                        a host order ended (filled, canceled, expired)
 * </pre>
 */
public final class MarketJournal implements AutoCloseable
{
    public static final String FILE_NAME = "market.journal";

    /** What a load found. */
    public record Loaded(int starts, long lastSession, int sessions, long records, boolean tornTail)
    {
    }

    private final Path file;
    private final FileChannel channel;
    private final Loaded loaded;
    private final StringBuilder line = new StringBuilder(128);
    private long records;

    private MarketJournal(final Path file, final FileChannel channel, final Loaded loaded)
    {
        this.file = file;
        this.channel = channel;
        this.loaded = loaded;
        this.records = loaded.records();
    }

    /**
     * Loads the journal in {@code directory} into the venues' ledgers (index = venue id; null where
     * there is no venue), cutting off a torn last line, and opens it for appending.
     */
    public static MarketJournal open(final Path directory, final HostOrderLedger[] ledgers)
    {
        final Path file = directory.resolve(FILE_NAME);
        Loaded found = new Loaded(0, Long.MIN_VALUE, 0, 0, false);
        try
        {
            Files.createDirectories(directory);
            if (Files.exists(file))
            {
                found = load(file, ledgers);
            }
            final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
            return new MarketJournal(file, channel, found);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open the market journal " + file, ex);
        }
    }

    private static Loaded load(final Path file, final HostOrderLedger[] ledgers) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        int whole = bytes.length;
        while (whole > 0 && bytes[whole - 1] != '\n')
        {
            whole--;
        }
        final boolean torn = whole < bytes.length;
        if (torn)
        {
            // The kill came in the middle of the last write: that change never left the market either.
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
            {
                channel.truncate(whole);
            }
        }
        final String text = new String(bytes, 0, whole, StandardCharsets.UTF_8);
        int starts = 0;
        int sessions = 0;
        long lastSession = Long.MIN_VALUE;
        long records = 0;
        final List<String> lines = text.lines().toList();
        for (int n = 0; n < lines.size(); n++)
        {
            final String[] f = lines.get(n).split("\t", -1);
            try
            {
                switch (f[0])
                {
                    case "START" ->
                    {
                        fields(f, 2);
                        starts++;
                    }
                    case "HELLO" ->
                    {
                        fields(f, 2);
                        lastSession = Long.parseLong(f[1]);
                        sessions++;
                    }
                    case "NEW" ->
                    {
                        fields(f, 8);
                        ledger(ledgers, f[1]).restoreReceived(Long.parseLong(f[2]), Integer.parseInt(f[3]),
                            Side.valueOf(f[4]), OrderType.valueOf(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]));
                    }
                    case "REFUSED" ->
                    {
                        fields(f, 4);
                        ledger(ledgers, f[1]).restoreRefused(Long.parseLong(f[2]), f[3]);
                    }
                    case "FILL" ->
                    {
                        fields(f, 7);
                        ledger(ledgers, f[1]).restoreFill(Long.parseLong(f[2]), Long.parseLong(f[3]),
                            Long.parseLong(f[4]), Double.parseDouble(f[5]), maker(f[6]));
                    }
                    case "DONE" ->
                    {
                        fields(f, 4);
                        ledger(ledgers, f[1]).restoreDone(Long.parseLong(f[2]), Long.parseLong(f[3]));
                    }
                    default -> throw new IllegalArgumentException("unknown record '" + f[0] + "'");
                }
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalStateException(file + " line " + (n + 1) + ": " + ex.getMessage() +
                    " (the market will not start on a journal it cannot read whole)", ex);
            }
            records++;
        }
        return new Loaded(starts, lastSession, sessions, records, torn);
    }

    private static void fields(final String[] f, final int count)
    {
        if (f.length != count)
        {
            throw new IllegalArgumentException(f[0] + " has " + f.length + " fields, not " + count);
        }
    }

    private static HostOrderLedger ledger(final HostOrderLedger[] ledgers, final String venueText)
    {
        final int venue = Integer.parseInt(venueText);
        if (venue <= 0 || venue >= ledgers.length || ledgers[venue] == null)
        {
            throw new IllegalArgumentException("venue " + venue + " is not a venue of this market");
        }
        return ledgers[venue];
    }

    private static boolean maker(final String text)
    {
        if (!"true".equals(text) && !"false".equals(text))
        {
            throw new IllegalArgumentException("maker must be true or false, was '" + text + "'");
        }
        return "true".equals(text);
    }

    /** A recorder for one venue's ledger: each change becomes a line before the ledger applies it. */
    public HostOrderLedger.Recorder recorderFor(final int venue)
    {
        return new HostOrderLedger.Recorder()
        {
            @Override
            public void onReceived(final long clientOrderId, final int instrumentId, final Side side,
                final OrderType type, final long price, final long quantity)
            {
                begin("NEW").append(venue).append('\t').append(clientOrderId).append('\t').append(instrumentId)
                    .append('\t').append(side.name()).append('\t').append(type.name()).append('\t').append(price)
                    .append('\t').append(quantity);
                end();
            }

            @Override
            public void onRefused(final long clientOrderId, final String reason)
            {
                begin("REFUSED").append(venue).append('\t').append(clientOrderId).append('\t')
                    .append(reason == null ? "" : reason.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
                end();
            }

            @Override
            public void onFill(final long clientOrderId, final long price, final long quantity, final double fee,
                final boolean maker)
            {
                // Double.toString reads back to the same double.
                begin("FILL").append(venue).append('\t').append(clientOrderId).append('\t').append(price).append('\t')
                    .append(quantity).append('\t').append(fee).append('\t').append(maker);
                end();
            }

            @Override
            public void onDone(final long clientOrderId, final long releasedQuantity)
            {
                begin("DONE").append(venue).append('\t').append(clientOrderId).append('\t').append(releasedQuantity);
                end();
            }
        };
    }

    public void start(final long epochNs)
    {
        begin("START").append(epochNs);
        end();
    }

    public void hello(final long session)
    {
        begin("HELLO").append(session);
        end();
    }

    /** What the open found in the journal. */
    public Loaded loaded()
    {
        return loaded;
    }

    /** Lines written and loaded. */
    public long records()
    {
        return records;
    }

    public Path file()
    {
        return file;
    }

    /** Syncs what was written to the device (the process kill needs no sync; an OS crash does). */
    public void force()
    {
        try
        {
            channel.force(false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot sync the market journal " + file, ex);
        }
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
            throw new UncheckedIOException("cannot close the market journal " + file, ex);
        }
    }

    private StringBuilder begin(final String record)
    {
        line.setLength(0);
        return line.append(record).append('\t');
    }

    private void end()
    {
        line.append('\n');
        final ByteBuffer bytes = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
        try
        {
            // One write per line: a kill between two writes leaves whole lines only.
            while (bytes.hasRemaining())
            {
                channel.write(bytes);
            }
        }
        catch (final IOException ex)
        {
            // A change the journal cannot hold must not go on to be reported: stop the market.
            throw new UncheckedIOException("cannot append to the market journal " + file, ex);
        }
        records++;
    }
}
