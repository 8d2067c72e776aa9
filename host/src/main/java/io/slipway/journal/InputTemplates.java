package io.slipway.journal;

/**
 * Template ids of the journal's input messages: one per kind of input the core acts on. Ids are
 * never reused; a new kind of input (an OMS cancel, an admin command) takes the next free id,
 * and a changed layout bumps that message's version, so an old journal stays readable or is
 * refused by name.
 */
public final class InputTemplates
{
    public static final int NEW_PARENT_ORDER = 1;
    public static final int BOOK_LEVEL = 2;
    public static final int BBO = 3;
    public static final int TRADE = 4;
    public static final int TIMER = 5;
    public static final int CARD_VERDICT = 6;
    public static final int VENUE_ACCEPTED = 7;
    public static final int VENUE_REJECTED = 8;
    public static final int VENUE_FILL = 9;
    public static final int VENUE_DONE = 10;
    /** Not a core input: marks where a recovery began and ended, for the reader of a dump. */
    public static final int RECOVERY_MARK = 11;
    public static final int CANCEL_PARENT_ORDER = 12;
    public static final int REPLACE_PARENT_ORDER = 13;
    public static final int PARENT_STATUS_REQUEST = 14;
    /** Operator kill of everything, one venue or one parent order. */
    public static final int KILL = 15;
    /** Operator resume of everything, one venue or one parent order. */
    public static final int RESUME = 16;
    /** Operator enable or disable of routing to one venue. */
    public static final int VENUE_ROUTING = 17;
    /** Operator change of a host-side risk limit the core reads. */
    public static final int RISK_LIMIT = 18;
    /** Operator change of one of the card's hard limits: not core state, journaled so a restart re-applies it. */
    public static final int CARD_LIMIT = 19;
    /** A dealer's firm quote for one of the core's requests for quote. */
    public static final int DEALER_QUOTE = 20;
    /** A request for quote that gets no quote: the dealer declined, or the request never left. */
    public static final int DEALER_DECLINE = 21;
    /** The feedback loop's refitted impact coefficient, for parents arriving from then on. */
    public static final int IMPACT_FIT = 22;

    private static final String[] NAMES =
    {
        "UNKNOWN", "NEW_PARENT_ORDER", "BOOK_LEVEL", "BBO", "TRADE", "TIMER", "CARD_VERDICT", "VENUE_ACCEPTED",
        "VENUE_REJECTED", "VENUE_FILL", "VENUE_DONE", "RECOVERY_MARK", "CANCEL_PARENT_ORDER", "REPLACE_PARENT_ORDER",
        "PARENT_STATUS_REQUEST", "KILL", "RESUME", "VENUE_ROUTING", "RISK_LIMIT",
        "CARD_LIMIT", "DEALER_QUOTE", "DEALER_DECLINE", "IMPACT_FIT"
    };

    private InputTemplates()
    {
    }

    /** One more than the highest template id this build knows: ids below it have a name. */
    public static int limit()
    {
        return NAMES.length;
    }

    public static String name(final int templateId)
    {
        return templateId > 0 && templateId < NAMES.length ? NAMES[templateId] : "UNKNOWN(" + templateId + ")";
    }
}
