package io.slipway.ops.daemon;

import io.slipway.admin.AdminCommand;
import io.slipway.admin.AdminCommand.Verb;
import io.slipway.core.CoreRiskLimit;

import java.util.List;

/**
 * Parses the admin channel's command words into {@link AdminCommand}s, checking what can be checked
 * without the core: the grammar, and a risk limit's key and range. Venue names and order ids are
 * the core's to check.
 *
 * <pre>
 *   kill all | kill venue V | kill order ID
 *   resume all | resume venue V | resume order ID
 *   venues enable V | venues disable V
 *   risk set KEY VALUE      (a card limit, or a core limit: adverseMoveBps, reducingFactor, scheduleAheadTolerance)
 *   pretrade SIDE QTY INSTRUMENT HORIZON_SECONDS RISK_AVERSION text|json
 * </pre>
 */
public final class AdminCommands
{
    /** The core's host-side limits (journal inputs with a market process), as {@code risk set} names them. */
    public static final List<String> CORE_KEYS = List.of(CoreRiskLimit.ADVERSE_MOVE_BPS.camelName(),
        CoreRiskLimit.REDUCING_FACTOR.camelName(), CoreRiskLimit.SCHEDULE_AHEAD_TOLERANCE.camelName());

    private AdminCommands()
    {
    }

    /**
     * A core limit's value from its text, in the limit's range.
     *
     * @throws IllegalArgumentException naming the limit and its range otherwise.
     */
    public static double coreLimitValue(final CoreRiskLimit limit, final String text)
    {
        final double value;
        try
        {
            value = Double.parseDouble(text.strip());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(limit.camelName() + " must be a number, was '" + text + "'");
        }
        limit.check(value);
        return value;
    }

    public static AdminCommand parse(final long id, final String user, final long receivedNs, final String text)
    {
        final List<String> words = List.of(text.strip().split("\\s+"));
        if (text.isBlank())
        {
            throw new IllegalArgumentException("no command");
        }
        final String verb = words.get(0);
        switch (verb)
        {
            case "kill":
            case "resume":
            {
                final boolean kill = verb.equals("kill");
                if (words.size() == 2 && words.get(1).equals("all"))
                {
                    return new AdminCommand(id, user, receivedNs, kill ? Verb.KILL_ALL : Verb.RESUME_ALL, null, null, text);
                }
                if (words.size() == 3 && words.get(1).equals("venue"))
                {
                    return new AdminCommand(id, user, receivedNs, kill ? Verb.KILL_VENUE : Verb.RESUME_VENUE,
                        words.get(2), null, text);
                }
                if (words.size() == 3 && words.get(1).equals("order"))
                {
                    return new AdminCommand(id, user, receivedNs, kill ? Verb.KILL_ORDER : Verb.RESUME_ORDER,
                        words.get(2), null, text);
                }
                throw new IllegalArgumentException(verb + " takes 'all', 'venue V' or 'order ID'");
            }
            case "venues":
                if (words.size() == 3 && (words.get(1).equals("enable") || words.get(1).equals("disable")))
                {
                    return new AdminCommand(id, user, receivedNs,
                        words.get(1).equals("enable") ? Verb.VENUE_ENABLE : Verb.VENUE_DISABLE, words.get(2), null, text);
                }
                throw new IllegalArgumentException("venues takes 'enable V' or 'disable V'");
            case "risk":
                if (words.size() == 4 && words.get(1).equals("set"))
                {
                    // Key and range are checked here, so a refusal needs no trip to the core and journals nothing.
                    final CoreRiskLimit coreLimit = CoreRiskLimit.fromName(words.get(2));
                    if (coreLimit != null)
                    {
                        coreLimitValue(coreLimit, words.get(3));
                    }
                    else
                    {
                        RiskSettings.defaults().with(words.get(2), words.get(3));
                    }
                    return new AdminCommand(id, user, receivedNs, Verb.RISK_SET, words.get(2), words.get(3), text);
                }
                throw new IllegalArgumentException("risk takes 'set KEY VALUE'; card keys: " + RiskSettings.KEYS +
                    ", core keys: " + CORE_KEYS);
            case "pretrade":
                if (words.size() == 7)
                {
                    try
                    {
                        Long.parseLong(words.get(4));
                        Double.parseDouble(words.get(5));
                    }
                    catch (final NumberFormatException ex)
                    {
                        throw new IllegalArgumentException("pretrade horizon and risk aversion must be numbers");
                    }
                    return new AdminCommand(id, user, receivedNs, Verb.PRETRADE, null,
                        String.join(" ", words.subList(1, 7)), text);
                }
                throw new IllegalArgumentException(
                    "pretrade takes SIDE QTY INSTRUMENT HORIZON_SECONDS RISK_AVERSION text|json");
            default:
                throw new IllegalArgumentException("unknown command '" + verb + "'");
        }
    }
}
