package io.slipway.fix;

import uk.co.real_logic.artio.engine.EngineConfiguration;
import uk.co.real_logic.artio.engine.framer.DefaultTcpChannel;
import uk.co.real_logic.artio.engine.framer.DefaultTcpChannelSupplier;
import uk.co.real_logic.artio.engine.framer.TcpChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Artio's own socket supplier, with every accepted connection read through a
 * {@link InboundFramingGuard}. Plugged in with {@link EngineConfiguration#channelSupplierFactory},
 * Artio's hook for replacing its TCP layer; writes, registration and closing are Artio's.
 */
final class GuardedTcpChannelSupplier extends DefaultTcpChannelSupplier
{
    private final int maxBodyLength;
    private final InboundFramingGuard.Listener listener;

    GuardedTcpChannelSupplier(
        final EngineConfiguration configuration, final int maxBodyLength, final InboundFramingGuard.Listener listener)
    {
        super(configuration);
        this.maxBodyLength = maxBodyLength;
        this.listener = listener;
    }

    @Override
    protected TcpChannel newTcpChannel(final SocketChannel socketChannel) throws IOException
    {
        return new GuardedTcpChannel(socketChannel, new InboundFramingGuard(maxBodyLength, listener), listener);
    }

    /** Reads through the guard: the bytes it returns are the ones Artio's framer gets. */
    static final class GuardedTcpChannel extends DefaultTcpChannel
    {
        private final InboundFramingGuard guard;
        private final InboundFramingGuard.Listener listener;

        GuardedTcpChannel(
            final SocketChannel socketChannel, final InboundFramingGuard guard, final InboundFramingGuard.Listener listener)
            throws IOException
        {
            super(socketChannel);
            this.guard = guard;
            this.listener = listener;
        }

        @Override
        public int read(final ByteBuffer buffer) throws IOException
        {
            final int start = buffer.position();
            if (!guard.restoreHeld(buffer))
            {
                return 0; // Artio's buffer is full: it frames or disconnects before reading again
            }
            final int bytesRead = super.read(buffer);
            if (bytesRead < 0)
            {
                return bytesRead;
            }
            final int end = guard.filter(buffer, start, buffer.position());
            if (guard.closeRequested())
            {
                buffer.position(start);
                listener.onConnectionClosed("the first message is garbled (" + guard.closeReason() +
                    "), so it is not a valid Logon");
                return -1; // Artio disconnects on end of stream
            }
            buffer.position(end);
            return end - start;
        }
    }
}
