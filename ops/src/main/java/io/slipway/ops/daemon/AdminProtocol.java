package io.slipway.ops.daemon;

/**
 * The admin channel's wire format, text over a Unix domain socket in the daemon's working directory.
 * A request is four lines:
 *
 * <pre>
 *   SLIPWAY-ADMIN 1
 *   token HEX          the contents of the token file, which only the daemon's user can read
 *   user NAME          who the operator says they are; the audit log also records the socket peer's OS user
 *   command WORDS      e.g. "kill all", "kill venue SIMA", "risk set collarBps 50"
 * </pre>
 *
 * The answer is a status line ({@value #OK} or {@value #REFUSED}), then any number of text lines,
 * then the daemon closes the connection.
 */
public final class AdminProtocol
{
    public static final String HELLO = "SLIPWAY-ADMIN 1";
    public static final String TOKEN_FILE = "admin.token";
    public static final String OK = "OK";
    public static final String REFUSED = "REFUSED";
    public static final int MAX_REQUEST_BYTES = 4096;

    private AdminProtocol()
    {
    }
}
