package io.slipway.fix;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The Username (553) and salted Password (554) hash an OMS must present at logon. Only the
 * PBKDF2WithHmacSHA256 hash, its salt and its iteration count are kept, so the configuration
 * never holds the password itself.
 *
 * <p>Immutable and thread-safe.
 */
public final class FixCredentials
{
    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    public static final int DEFAULT_ITERATIONS = 210_000;
    public static final int SALT_LENGTH = 16;
    private static final int HASH_BITS = 256;

    private final String username;
    private final byte[] salt;
    private final int iterations;
    private final byte[] hash;

    /**
     * @param hash {@link #hash(char[], byte[], int)} of the password with this salt and iteration count.
     */
    public FixCredentials(final String username, final byte[] salt, final int iterations, final byte[] hash)
    {
        if (username == null || username.isEmpty())
        {
            throw new IllegalArgumentException("username must be set");
        }
        if (salt == null || salt.length < 8)
        {
            throw new IllegalArgumentException("salt must be at least 8 bytes");
        }
        if (iterations < 1)
        {
            throw new IllegalArgumentException("iterations must be positive, was " + iterations);
        }
        if (hash == null || hash.length != HASH_BITS / 8)
        {
            throw new IllegalArgumentException("hash must be " + HASH_BITS / 8 + " bytes");
        }
        this.username = username;
        this.salt = salt.clone();
        this.iterations = iterations;
        this.hash = hash.clone();
    }

    /** Credentials for a password, with a fresh random salt and the default iteration count. */
    public static FixCredentials of(final String username, final char[] password)
    {
        return of(username, password, DEFAULT_ITERATIONS);
    }

    public static FixCredentials of(final String username, final char[] password, final int iterations)
    {
        final byte[] salt = new byte[SALT_LENGTH];
        new SecureRandom().nextBytes(salt);
        return new FixCredentials(username, salt, iterations, hash(password, salt, iterations));
    }

    /** PBKDF2WithHmacSHA256 of the password with the default iteration count. */
    public static byte[] hash(final char[] password, final byte[] salt)
    {
        return hash(password, salt, DEFAULT_ITERATIONS);
    }

    public static byte[] hash(final char[] password, final byte[] salt, final int iterations)
    {
        final PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try
        {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ALGORITHM + " is not available", ex);
        }
        finally
        {
            spec.clearPassword();
        }
    }

    /**
     * True if both the username and the password match. The hash comparison takes the same time
     * wherever the bytes differ, so timing does not reveal how close a guess was.
     */
    public boolean verify(final String username, final char[] password)
    {
        if (password == null)
        {
            return false;
        }
        final boolean userMatches = Objects.equals(this.username, username);
        final byte[] candidate = hash(password, salt, iterations);
        return MessageDigest.isEqual(hash, candidate) & userMatches;
    }

    public String username()
    {
        return username;
    }

    public byte[] salt()
    {
        return salt.clone();
    }

    public int iterations()
    {
        return iterations;
    }

    public byte[] hash()
    {
        return hash.clone();
    }

    /** The stored form: {@code username:iterations:base64(salt):base64(hash)}, for a configuration file. */
    public String toStoredForm()
    {
        final Base64.Encoder base64 = Base64.getEncoder();
        return username + ":" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
    }

    /** Reads the form {@link #toStoredForm()} writes. */
    public static FixCredentials parse(final String stored)
    {
        final String[] parts = stored.split(":");
        if (parts.length != 4)
        {
            throw new IllegalArgumentException("expected username:iterations:salt:hash");
        }
        final Base64.Decoder base64 = Base64.getDecoder();
        return new FixCredentials(parts[0], base64.decode(parts[2]), Integer.parseInt(parts[1]), base64.decode(parts[3]));
    }

    /** The username only: the hash stays out of logs. */
    @Override
    public String toString()
    {
        return "FixCredentials{username=" + username + ", iterations=" + iterations + '}';
    }

    @Override
    public boolean equals(final Object other)
    {
        if (!(other instanceof FixCredentials))
        {
            return false;
        }
        final FixCredentials that = (FixCredentials)other;
        return username.equals(that.username) && iterations == that.iterations &&
            Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode()
    {
        return username.hashCode() * 31 + Arrays.hashCode(hash);
    }
}
