package io.slipway.fix;

import io.slipway.fix.codecs.decoder.LogonDecoder;
import org.junit.jupiter.api.Test;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;
import uk.co.real_logic.artio.validation.MessageValidationStrategy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synchronous logon check gives the same answers as the asynchronous one the engine uses. */
class LogonAuthenticatorTest
{
    private final AtomicInteger rejected = new AtomicInteger();
    private final MessageValidationStrategy compIds = MessageValidationStrategy.targetCompId("SLIPWAY")
        .and(MessageValidationStrategy.senderCompId(List.of("OMS")));

    private static LogonDecoder logon(final String sender, final String target, final String userAndPassword)
    {
        final String text = ("8=FIX.4.4|9=0|35=A|49=" + sender + "|56=" + target +
            "|34=1|52=20261121-10:00:00.000|98=0|108=30|" + userAndPassword + "10=000|").replace('|', '\u0001');
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        final LogonDecoder decoder = new LogonDecoder();
        decoder.decode(new MutableAsciiBuffer(bytes), 0, bytes.length);
        return decoder;
    }

    @Test
    void checksCompIdsAndPasswordOnTheCallersThread()
    {
        try (LogonAuthenticator authenticator = new LogonAuthenticator(compIds,
            FixCredentials.of("oms", "secret".toCharArray(), 1_000), rejected))
        {
            assertTrue(authenticator.authenticate(logon("OMS", "SLIPWAY", "553=oms|554=secret|")));
            assertFalse(authenticator.authenticate(logon("OMS", "SLIPWAY", "553=oms|554=wrong|")));
            assertFalse(authenticator.authenticate(logon("OMS", "SLIPWAY", "553=oms|")), "no password");
            assertFalse(authenticator.authenticate(logon("EVE", "SLIPWAY", "553=oms|554=secret|")), "wrong CompID");
            assertEquals(3, rejected.get());
        }
    }

    @Test
    void withoutCredentialsOnlyTheCompIdsCount()
    {
        try (LogonAuthenticator authenticator = new LogonAuthenticator(compIds, null, rejected))
        {
            assertTrue(authenticator.authenticate(logon("OMS", "SLIPWAY", "")));
            assertFalse(authenticator.authenticate(logon("OMS", "NOT-US", "")));
            assertEquals(1, rejected.get());
        }
    }
}
