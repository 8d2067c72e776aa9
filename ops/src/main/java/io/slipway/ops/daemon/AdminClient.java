package io.slipway.ops.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.io.ByteArrayOutputStream;

/** The operator's side of the admin channel: one request, one answer (see {@link AdminProtocol}). */
public final class AdminClient
{
    /** The daemon's answer. */
    public record Answer(boolean accepted, String text)
    {
    }

    private AdminClient()
    {
    }

    /**
     * Sends one command to the daemon whose working directory is dir.
     *
     * @param socket the admin socket; null for the default {@code admin.sock} in dir.
     */
    public static Answer send(final Path dir, final Path socket, final String user, final String command)
    {
        final Path tokenFile = dir.resolve(AdminProtocol.TOKEN_FILE);
        final String token;
        try
        {
            token = Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalArgumentException("no daemon admin token at " + tokenFile +
                " (is the daemon running with this working directory? pass --dir)");
        }
        catch (final AccessDeniedException ex)
        {
            throw new IllegalArgumentException("cannot read " + tokenFile + ": only the daemon's user may make changes");
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read " + tokenFile + ": " + ex.getMessage());
        }
        final Path socketPath = socket != null ? socket : dir.resolve("admin.sock");
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX))
        {
            channel.connect(UnixDomainSocketAddress.of(socketPath));
            final String request = AdminProtocol.HELLO + "\ntoken " + token + "\nuser " + user + "\ncommand " +
                command.replace('\n', ' ') + "\n";
            final ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining())
            {
                channel.write(out);
            }
            final ByteArrayOutputStream answer = new ByteArrayOutputStream();
            final ByteBuffer in = ByteBuffer.allocate(8192);
            while (channel.read(in) >= 0)
            {
                answer.write(in.array(), 0, in.position());
                in.clear();
            }
            final String text = answer.toString(StandardCharsets.UTF_8);
            final int newline = text.indexOf('\n');
            if (newline < 0)
            {
                throw new IllegalStateException("the daemon closed the admin connection without an answer");
            }
            final String status = text.substring(0, newline);
            return new Answer(AdminProtocol.OK.equals(status), text.substring(newline + 1));
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot reach the daemon's admin socket " + socketPath + ": " +
                ex.getMessage());
        }
    }
}
