package io.slipway.oms;

/**
 * The conversation with the OMS as a recovered core replays it from its journal: every OMS
 * command the core took and every report it made, in the order they happened. The FIX gateway
 * rebuilds what it knows of the orders (answered ClOrdIDs, working orders, the terms a replace may
 * not change) from it, so the journal stays the one record of that conversation.
 *
 * <p>Called on the recovering thread, before the run that follows the replay takes any input.
 */
public interface OmsHistory
{
    /** Keeps nothing: a sink with no state to rebuild. */
    OmsHistory NONE = new OmsHistory()
    {
        public void onCommand(final OmsCommand command)
        {
        }

        public void onReport(final ParentOrderReport report)
        {
        }
    };

    /** An OMS command the core took, as the gateway forwarded it. */
    void onCommand(OmsCommand command);

    /** A report the core made, delivered or not. */
    void onReport(ParentOrderReport report);
}
