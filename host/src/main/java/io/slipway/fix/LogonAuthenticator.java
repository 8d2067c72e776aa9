package io.slipway.fix;

import uk.co.real_logic.artio.decoder.AbstractLogonDecoder;
import uk.co.real_logic.artio.validation.AuthenticationProxy;
import uk.co.real_logic.artio.validation.AuthenticationStrategy;
import uk.co.real_logic.artio.validation.MessageValidationStrategy;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides whether a Logon may open the OMS session: the CompID pair must be the configured one
 * and, when {@link FixGatewayContext#credentials(FixCredentials)} is set, Username (553) and
 * Password (554) must verify against the stored hash. A refused logon is disconnected by Artio.
 *
 * <p>The password hash is deliberately slow, so it runs on its own thread: Artio's framer thread,
 * which calls this, keeps serving the live session while a logon is checked.
 */
final class LogonAuthenticator implements AuthenticationStrategy, AutoCloseable
{
    private final MessageValidationStrategy compIds;
    private final FixCredentials credentials;
    private final AtomicInteger rejectedLogons;
    private final ExecutorService hasher;

    LogonAuthenticator(
        final MessageValidationStrategy compIds,
        final FixCredentials credentials,
        final AtomicInteger rejectedLogons)
    {
        this.compIds = compIds;
        this.credentials = credentials;
        this.rejectedLogons = rejectedLogons;
        this.hasher = credentials == null ? null : Executors.newSingleThreadExecutor((runnable) ->
        {
            final Thread thread = new Thread(runnable, "slipway-fix-logon-check");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void authenticateAsync(final AbstractLogonDecoder logon, final AuthenticationProxy proxy)
    {
        if (!compIds.validate(logon.header()))
        {
            reject(proxy);
            return;
        }
        if (credentials == null)
        {
            proxy.accept();
            return;
        }

        // The decoder is reused once this returns: copy what the check needs.
        final String username = logon.hasUsername() ? logon.usernameAsString() : null;
        final char[] password = logon.hasPassword() ? Arrays.copyOf(logon.password(), logon.passwordLength()) : null;
        if (username == null || password == null)
        {
            reject(proxy);
            return;
        }
        try
        {
            hasher.execute(() ->
            {
                final boolean verified = credentials.verify(username, password);
                Arrays.fill(password, '\0');
                if (verified)
                {
                    proxy.accept();
                }
                else
                {
                    reject(proxy);
                }
            });
        }
        catch (final RejectedExecutionException ex)
        {
            reject(proxy); // closing down
        }
    }

    /**
     * The same check on the caller's thread, for callers that want a synchronous answer; the
     * engine itself uses {@link #authenticateAsync} so the slow hash stays off its thread.
     */
    @Override
    public boolean authenticate(final AbstractLogonDecoder logon)
    {
        final boolean accepted = compIds.validate(logon.header()) && (credentials == null || verify(logon));
        if (!accepted)
        {
            rejectedLogons.incrementAndGet();
        }
        return accepted;
    }

    private boolean verify(final AbstractLogonDecoder logon)
    {
        if (!logon.hasUsername() || !logon.hasPassword())
        {
            return false;
        }
        final char[] password = Arrays.copyOf(logon.password(), logon.passwordLength());
        try
        {
            return credentials.verify(logon.usernameAsString(), password);
        }
        finally
        {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public void close()
    {
        if (hasher != null)
        {
            hasher.shutdownNow();
        }
    }

    private void reject(final AuthenticationProxy proxy)
    {
        rejectedLogons.incrementAndGet();
        proxy.reject();
    }
}
