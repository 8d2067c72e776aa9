package io.slipway.admin;

/**
 * The core side's answer to an {@link AdminCommand}, carrying what the audit log needs.
 *
 * @param id        the command's id.
 * @param user      who asked.
 * @param command   the command as typed.
 * @param accepted  false when the command was refused; nothing changed then.
 * @param text      what happened, or why it was refused; may span lines.
 * @param latencyNs for kills, command receipt to the last cancel handed to the card; -1 otherwise.
 */
public record AdminResult(long id, String user, String command, boolean accepted, String text, long latencyNs)
{
    public static AdminResult refused(final AdminCommand command, final String reason)
    {
        return new AdminResult(command.id(), command.user(), command.text(), false, reason, -1);
    }

    public static AdminResult done(final AdminCommand command, final String text)
    {
        return new AdminResult(command.id(), command.user(), command.text(), true, text, -1);
    }

    public static AdminResult done(final AdminCommand command, final String text, final long latencyNs)
    {
        return new AdminResult(command.id(), command.user(), command.text(), true, text, latencyNs);
    }
}
