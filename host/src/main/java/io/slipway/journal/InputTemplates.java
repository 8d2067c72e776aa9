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

    private static final String[] NAMES =
    {
        "UNKNOWN", "NEW_PARENT_ORDER", "BOOK_LEVEL", "BBO", "TRADE", "TIMER", "CARD_VERDICT", "VENUE_ACCEPTED",
        "VENUE_REJECTED", "VENUE_FILL", "VENUE_DONE", "RECOVERY_MARK"
    };

    private InputTemplates()
    {
    }

    public static String name(final int templateId)
    {
        return templateId > 0 && templateId < NAMES.length ? NAMES[templateId] : "UNKNOWN(" + templateId + ")";
    }
}
