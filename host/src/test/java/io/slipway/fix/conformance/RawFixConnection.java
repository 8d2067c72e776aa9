package io.slipway.fix.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A plain TCP connection that writes raw bytes and reads whole FIX messages, framed by their
 * BodyLength, so a script can send anything (garbled or not) and see exactly what comes back.
 */
final class RawFixConnection implements AutoCloseable
{
    /** What {@link #read(long)} returns when the acceptor closed the connection. */
    static final String CLOSED = null;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean closedByPeer;

    RawFixConnection(final String host, final int port) throws IOException
    {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void send(final String message) throws IOException
    {
        out.write(message.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    boolean isClosedByPeer()
    {
        return closedByPeer;
    }

    /**
     * Next whole message, {@link #CLOSED} once the peer closed the connection.
     *
     * @throws SocketTimeoutException if nothing complete arrives within the timeout.
     */
    String read(final long timeoutMs) throws IOException
    {
        final long deadlineMs = System.currentTimeMillis() + timeoutMs;
        while (true)
        {
            final String message = takeMessage();
            if (message != null)
            {
                return message;
            }
            if (closedByPeer)
            {
                return CLOSED;
            }
            final long leftMs = deadlineMs - System.currentTimeMillis();
            if (leftMs <= 0)
            {
                throw new SocketTimeoutException("no complete message within " + timeoutMs + " ms");
            }
            socket.setSoTimeout((int)Math.max(1, leftMs));
            final byte[] chunk = new byte[4096];
            final int read;
            try
            {
                read = in.read(chunk);
            }
            catch (final SocketTimeoutException ex)
            {
                continue;
            }
            catch (final IOException ex)
            {
                // A reset is how some acceptors close; for the script it is a disconnect too.
                closedByPeer = true;
                continue;
            }
            if (read < 0)
            {
                closedByPeer = true;
            }
            else
            {
                pending.write(chunk, 0, read);
            }
        }
    }

    /** Cuts one message off the front of what was read, or null if none is complete yet. */
    private String takeMessage()
    {
        final String buffered = pending.toString(StandardCharsets.ISO_8859_1);
        final int lengthStart = buffered.indexOf("\u00019=");
        if (lengthStart < 0)
        {
            return null;
        }
        final int lengthEnd = buffered.indexOf('\u0001', lengthStart + 3);
        if (lengthEnd < 0)
        {
            return null;
        }
        final int bodyLength = Integer.parseInt(buffered.substring(lengthStart + 3, lengthEnd));
        final int checksumStart = lengthEnd + 1 + bodyLength;
        final int end = buffered.indexOf('\u0001', checksumStart);
        if (end < 0)
        {
            return null;
        }
        final String message = buffered.substring(0, end + 1);
        final byte[] rest = buffered.substring(end + 1).getBytes(StandardCharsets.ISO_8859_1);
        pending.reset();
        pending.write(rest, 0, rest.length);
        return message;
    }

    @Override
    public void close()
    {
        try
        {
            socket.close();
        }
        catch (final IOException ignore)
        {
            // closing a test socket: nothing to do
        }
    }
}
