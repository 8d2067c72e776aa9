package io.slipway.fix;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class FixCredentialsTest
{
    /** Few iterations keep the test fast; the algorithm is the same. */
    private static final int ITERATIONS = 1_000;

    @Test
    void verifiesOnlyTheRightUsernameAndPassword()
    {
        final FixCredentials credentials = FixCredentials.of("oms-desk", "s3cret!".toCharArray(), ITERATIONS);
        assertTrue(credentials.verify("oms-desk", "s3cret!".toCharArray()));
        assertFalse(credentials.verify("oms-desk", "s3cret".toCharArray()));
        assertFalse(credentials.verify("oms-desk", "".toCharArray()));
        assertFalse(credentials.verify("oms-desk", null));
        assertFalse(credentials.verify("other", "s3cret!".toCharArray()));
        assertFalse(credentials.verify(null, "s3cret!".toCharArray()));
    }

    @Test
    void hashIsSaltedAndDeterministic()
    {
        final byte[] salt = new byte[16];
        final byte[] otherSalt = new byte[16];
        otherSalt[0] = 1;
        final byte[] first = FixCredentials.hash("pw".toCharArray(), salt, ITERATIONS);
        assertArrayEquals(first, FixCredentials.hash("pw".toCharArray(), salt, ITERATIONS));
        assertFalse(java.util.Arrays.equals(first, FixCredentials.hash("pw".toCharArray(), otherSalt, ITERATIONS)));
        assertEquals(32, first.length);
        assertNotEquals(
            FixCredentials.of("u", "pw".toCharArray(), ITERATIONS).toStoredForm(),
            FixCredentials.of("u", "pw".toCharArray(), ITERATIONS).toStoredForm(),
            "every credential gets its own random salt");
    }

    @Test
    void storedFormRoundTripsAndKeepsNoPassword()
    {
        final FixCredentials credentials = FixCredentials.of("oms", "pa55word".toCharArray(), ITERATIONS);
        final String stored = credentials.toStoredForm();
        assertFalse(stored.contains("pa55word"));
        final FixCredentials read = FixCredentials.parse(stored);
        assertEquals(credentials, read);
        assertEquals(ITERATIONS, read.iterations());
        assertTrue(read.verify("oms", "pa55word".toCharArray()));
        assertFalse(credentials.toString().contains(stored.substring(stored.lastIndexOf(':') + 1)), "no hash in logs");
    }

    @Test
    void refusesBadParts()
    {
        assertThrows(IllegalArgumentException.class, () -> new FixCredentials("", new byte[16], 1, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new FixCredentials("u", new byte[4], 1, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new FixCredentials("u", new byte[16], 0, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new FixCredentials("u", new byte[16], 1, new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> FixCredentials.parse("u:1:AAAA"));
    }
}
