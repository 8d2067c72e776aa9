package io.slipway.cluster;

import io.slipway.core.ExecutionCore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Identity of what a node runs: the build (the bytes of every class whose behaviour the
 * replicated state depends on) and the shared configuration. Two nodes that would compute
 * different decisions from the same log have different fingerprints.
 */
public final class BuildFingerprint
{
    /** Packages whose classes decide what the core does with its inputs. */
    private static final String[] DECIDING_PACKAGES = {
        "io/slipway/core/", "io/slipway/domain/", "io/slipway/oms/", "io/slipway/cluster/", "io/slipway/venue/",
        "io/slipway/tca/", "io/slipway/analytics/",
    };

    private BuildFingerprint()
    {
    }

    /** Fingerprint of a build id and a configuration text: the first 8 bytes of their SHA-256. */
    public static long of(final String buildId, final String configuration)
    {
        final byte[] hash = sha256().digest((buildId + "\n" + configuration).getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | (hash[i] & 0xFF);
        }
        return value;
    }

    public static String hex(final long fingerprint)
    {
        return String.format("%016x", fingerprint);
    }

    /**
     * SHA-256 (hex) over the names and bytes of the deciding classes of the running code, whether
     * it runs from a jar or from a class directory. Sorted by name so the order of the file
     * system does not matter.
     */
    public static String buildIdOfRunningCode()
    {
        try
        {
            final Path source = Path.of(ExecutionCore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            final MessageDigest digest = sha256();
            if (Files.isDirectory(source))
            {
                final List<Path> classes = new ArrayList<>();
                try (Stream<Path> files = Files.walk(source))
                {
                    files.filter(path -> path.toString().endsWith(".class"))
                        .filter(path -> isDeciding(source.relativize(path).toString().replace('\\', '/')))
                        .forEach(classes::add);
                }
                Collections.sort(classes);
                for (final Path path : classes)
                {
                    digest.update(source.relativize(path).toString().getBytes(StandardCharsets.UTF_8));
                    digest.update(Files.readAllBytes(path));
                }
            }
            else
            {
                try (JarFile jar = new JarFile(source.toFile()))
                {
                    final List<JarEntry> entries = new ArrayList<>();
                    jar.stream().filter(e -> e.getName().endsWith(".class") && isDeciding(e.getName()))
                        .forEach(entries::add);
                    entries.sort((a, b) -> a.getName().compareTo(b.getName()));
                    for (final JarEntry entry : entries)
                    {
                        digest.update(entry.getName().getBytes(StandardCharsets.UTF_8));
                        try (InputStream in = jar.getInputStream(entry))
                        {
                            digest.update(in.readAllBytes());
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the running code to identify the build", ex);
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException("cannot locate the running code to identify the build", ex);
        }
    }

    private static boolean isDeciding(final String name)
    {
        for (final String prefix : DECIDING_PACKAGES)
        {
            if (name.startsWith(prefix))
            {
                return true;
            }
        }
        return false;
    }

    private static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", ex);
        }
    }
}
