package io.slipway.admin;

/**
 * One operator command on its way into the execution core: a plain immutable message, so the
 * core takes it at a point of its own choosing and a journal can record it like any other input.
 *
 * @param id          unique per daemon run; the result carries it back.
 * @param user        who asked, as authenticated by the admin channel.
 * @param receivedNs  monotonic clock ({@link System#nanoTime()}) when the admin channel received it; used only to
 *                    measure command-to-card latency, never by the core's decisions.
 * @param verb        what to do.
 * @param target      venue name or order id for scoped verbs, the key for {@link Verb#RISK_SET}; null otherwise.
 * @param value       the new value for {@link Verb#RISK_SET}, the order for {@link Verb#PRETRADE}; null otherwise.
 * @param text        the command as the operator typed it, for the audit log.
 */
public record AdminCommand(long id, String user, long receivedNs, Verb verb, String target, String value, String text)
{
    /** Operator verbs. Only PRETRADE reads; every other verb changes the appliance and is audited. */
    public enum Verb
    {
        KILL_ALL,
        KILL_VENUE,
        KILL_ORDER,
        RESUME_ALL,
        RESUME_VENUE,
        RESUME_ORDER,
        VENUE_ENABLE,
        VENUE_DISABLE,
        RISK_SET,
        PRETRADE;

        public boolean isChange()
        {
            return this != PRETRADE;
        }
    }

    public AdminCommand
    {
        if (user == null || user.isBlank())
        {
            throw new IllegalArgumentException("user must be set");
        }
        if (verb == null)
        {
            throw new IllegalArgumentException("verb must be set");
        }
    }
}
