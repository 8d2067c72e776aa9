package io.slipway.ops.daemon;

import io.slipway.admin.AdminCommand;
import io.slipway.admin.AdminLink;
import io.slipway.admin.AdminResult;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The daemon's authenticated local channel for changes (see {@link AdminProtocol}). It listens on a
 * Unix domain socket that only the daemon's user may open (mode 0600) and checks, in constant time,
 * a random token kept in a file only that user may read; the socket peer's OS user, from the kernel,
 * goes into the audit log with the name the operator gave. It parses and validates each command
 * (a limit out of range is refused here, with its range), hands accepted ones to the core through
 * the {@link AdminLink}, answers with the core's result, and appends every change, accepted or
 * refused, to the hash-chained {@link AuditLog}. Never blocks: all sockets are non-blocking.
 */
public final class AdminAgent implements Agent, AutoCloseable
{
    private static final long REQUEST_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private final Path socketPath;
    private final AdminLink adminLink;
    private final AuditLog auditLog;
    private final byte[] token;
    private final ServerSocketChannel server;
    private final List<Connection> connections = new ArrayList<>();
    private final Long2ObjectHashMap<Connection> waiting = new Long2ObjectHashMap<>();
    private final Consumer<AdminResult> onResult = this::onResult;
    private final AtomicCounter requests;
    private final AtomicCounter refusedHere;
    private final AtomicCounter authFailures;
    private final AtomicCounter auditEntries;
    private long nextCommandId;

    public AdminAgent(final Path socketPath, final Path tokenFile, final AdminLink adminLink, final AuditLog auditLog,
        final CountersFile counters)
    {
        this.socketPath = socketPath;
        this.adminLink = adminLink;
        this.auditLog = auditLog;
        this.token = createToken(tokenFile);
        this.requests = counters.newCounter("admin requests", CountersLayout.TYPE_OPERATOR);
        this.refusedHere = counters.newCounter("admin commands refused by validation", CountersLayout.TYPE_OPERATOR);
        this.authFailures = counters.newCounter("admin authentication failures", CountersLayout.TYPE_OPERATOR);
        this.auditEntries = counters.newCounter("audit log entries", CountersLayout.TYPE_OPERATOR);
        auditEntries.setOrdered(auditLog.entries());
        try
        {
            Files.deleteIfExists(socketPath);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socketPath));
            Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-------"));
            server.configureBlocking(false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen on admin socket " + socketPath, ex);
        }
    }

    /** Writes a fresh random token readable and writable by the daemon's user only. */
    private static byte[] createToken(final Path tokenFile)
    {
        final byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        final String hex = HexFormat.of().formatHex(random);
        try
        {
            Files.deleteIfExists(tokenFile);
            Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tokenFile, hex + "\n", StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write admin token " + tokenFile, ex);
        }
        return hex.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public int doWork() throws IOException
    {
        int work = 0;
        SocketChannel accepted;
        while ((accepted = server.accept()) != null)
        {
            accepted.configureBlocking(false);
            connections.add(new Connection(accepted, System.nanoTime()));
            work++;
        }
        final long now = System.nanoTime();
        for (final Iterator<Connection> it = connections.iterator(); it.hasNext(); )
        {
            final Connection connection = it.next();
            if (connection.readRequest())
            {
                it.remove();
                onRequest(connection);
                work++;
            }
            else if (connection.closed || now - connection.openedNs > REQUEST_TIMEOUT_NS)
            {
                it.remove();
                connection.close();
            }
        }
        work += adminLink.drainResults(onResult, 16);
        return work;
    }

    @Override
    public String roleName()
    {
        return "slipway-admin";
    }

    @Override
    public void onClose()
    {
        close();
    }

    @Override
    public void close()
    {
        connections.forEach(Connection::close);
        connections.clear();
        waiting.values().forEach(Connection::close);
        waiting.clear();
        try
        {
            server.close();
            Files.deleteIfExists(socketPath);
        }
        catch (final IOException ex)
        {
            // Nothing left to protect: the daemon is stopping.
        }
    }

    private void onRequest(final Connection connection)
    {
        requests.incrementOrdered();
        final String[] lines = connection.text().split("\n", -1);
        final String claimed = lines.length > 2 && lines[2].startsWith("user ") ? lines[2].substring(5).strip() : "";
        final String user = connection.peerUser() + (claimed.isEmpty() || claimed.equals(connection.peerUser()) ? "" :
            " (as " + claimed + ")");
        final String commandText = lines.length > 3 && lines[3].startsWith("command ") ?
            lines[3].substring(8).strip() : "";
        if (lines.length < 4 || !AdminProtocol.HELLO.equals(lines[0]) || !lines[1].startsWith("token ") ||
            !MessageDigest.isEqual(token, lines[1].substring(6).strip().getBytes(StandardCharsets.US_ASCII)))
        {
            authFailures.incrementOrdered();
            audit(user, commandText, "REFUSED: authentication failed");
            connection.answer(AdminProtocol.REFUSED, "authentication failed: wrong or missing token");
            return;
        }
        final AdminCommand command;
        try
        {
            command = AdminCommands.parse(++nextCommandId, user, System.nanoTime(), commandText);
        }
        catch (final IllegalArgumentException ex)
        {
            refusedHere.incrementOrdered();
            audit(user, commandText, "REFUSED: " + ex.getMessage());
            connection.answer(AdminProtocol.REFUSED, ex.getMessage());
            return;
        }
        if (!adminLink.offerCommand(command))
        {
            refusedHere.incrementOrdered();
            audit(user, commandText, "REFUSED: core busy");
            connection.answer(AdminProtocol.REFUSED, "the core is not taking commands (queue full); try again");
            return;
        }
        waiting.put(command.id(), connection);
    }

    private void onResult(final AdminResult result)
    {
        final Connection connection = waiting.remove(result.id());
        if (!result.command().startsWith("pretrade"))
        {
            audit(result.user(), result.command(), (result.accepted() ? "OK: " : "REFUSED: ") + result.text());
        }
        if (connection != null)
        {
            connection.answer(result.accepted() ? AdminProtocol.OK : AdminProtocol.REFUSED, result.text());
        }
    }

    private void audit(final String user, final String command, final String outcome)
    {
        auditLog.append(Instant.now(), user, command, outcome);
        auditEntries.setOrdered(auditLog.entries());
    }

    /** One operator connection: reads one request, gets one answer. */
    private static final class Connection
    {
        final SocketChannel channel;
        final long openedNs;
        final ByteBuffer buffer = ByteBuffer.allocate(AdminProtocol.MAX_REQUEST_BYTES);
        boolean closed;

        Connection(final SocketChannel channel, final long openedNs)
        {
            this.channel = channel;
            this.openedNs = openedNs;
        }

        /** True once four lines have arrived (or the peer stopped sending). */
        boolean readRequest()
        {
            try
            {
                final int read = channel.read(buffer);
                if (read < 0)
                {
                    // The peer stopped sending: whatever arrived is the request, or there is none.
                    closed = buffer.position() == 0;
                    return !closed;
                }
            }
            catch (final IOException ex)
            {
                closed = true;
                return false;
            }
            int newlines = 0;
            for (int i = 0; i < buffer.position(); i++)
            {
                if (buffer.get(i) == '\n')
                {
                    newlines++;
                }
            }
            return newlines >= 4 || !buffer.hasRemaining();
        }

        String text()
        {
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }

        String peerUser()
        {
            try
            {
                final UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
                return principal.user().getName();
            }
            catch (final IOException | UnsupportedOperationException ex)
            {
                return "unknown-peer";
            }
        }

        void answer(final String status, final String text)
        {
            final ByteBuffer out = ByteBuffer.wrap((status + "\n" + text + (text.endsWith("\n") ? "" : "\n"))
                .getBytes(StandardCharsets.UTF_8));
            try
            {
                // Answers are a few kilobytes at most; the socket buffer takes them, spin briefly if not.
                for (int attempts = 0; out.hasRemaining() && attempts < 100_000; attempts++)
                {
                    if (channel.write(out) == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            }
            catch (final IOException ex)
            {
                // The operator went away; the change, if any, is already applied and audited.
            }
            close();
        }

        void close()
        {
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                // already gone
            }
        }
    }
}
